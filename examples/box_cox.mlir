// Batch Box-Cox (caffe2 BatchBoxCox): 4096 rows of 32 features, each column
// with its own lambdas. lambda2 = 1.5 shifts pk-run's random inputs
// ([-1, 1)) to positive values; every fourth column has lambda1 = 0 and
// takes the log branch.
//   build/bin/pk-run examples/box_cox.mlir --bench 10
func.func @box_cox(%x: tensor<4096x32xf32>) -> tensor<4096x32xf32> {
  %l1 = arith.constant dense<[0.0, 0.5, -0.5, 2.0, 0.0, 0.25, 1.0, -1.0,
                              0.0, 0.5, -0.5, 2.0, 0.0, 0.25, 1.0, -1.0,
                              0.0, 0.5, -0.5, 2.0, 0.0, 0.25, 1.0, -1.0,
                              0.0, 0.5, -0.5, 2.0, 0.0, 0.25, 1.0, -1.0]>
      : tensor<32xf32>
  %l2 = arith.constant dense<1.5> : tensor<32xf32>
  %y = pk.box_cox %x, %l1, %l2 : tensor<4096x32xf32>, tensor<32xf32>
  return %y : tensor<4096x32xf32>
}
