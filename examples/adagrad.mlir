// Row-wise sparse Adagrad (caffe2 RowWiseSparseAdagrad): 4096 gradient rows
// of 64 applied to a 100000 x 64 parameter table with one moment per row.
// pk-run's random integers (indices) lie in [0, --int-max], so only the
// first rows are hit, repeatedly; moments are made non-negative first. Tensor
// arguments are values: the pipelines copy them once rather than update the
// caller's buffers (write into memref arguments for caffe2's in-place form).
//   build/bin/pk-run examples/adagrad.mlir --bench 10
func.func @adagrad(%w: tensor<100000x64xf32>,
                   %h_in: tensor<100000xf32>,
                   %g: tensor<4096x64xf32>, %indices: tensor<4096xi64>)
    -> (tensor<100000x64xf32>, tensor<100000xf32>, tensor<i32> {pk.status}) {
  %h = math.absf %h_in : tensor<100000xf32>
  %lr = arith.constant dense<0.01> : tensor<f32>
  %w1, %h1, %status = pk.sparse_adagrad %w, %h, %g[%indices] lr(%lr : tensor<f32>)
      epsilon = 1.0e-06 weight_decay = 1.0e-04
      : tensor<100000x64xf32>, tensor<100000xf32>, tensor<4096x64xf32>, tensor<4096xi64>
      -> tensor<i32>
  return %w1, %h1, %status : tensor<100000x64xf32>, tensor<100000xf32>, tensor<i32>
}
