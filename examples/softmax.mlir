// Row softmax of a 512x1000 score matrix (axis 1).
//   pk-run examples/softmax.mlir --bench 10
func.func @softmax(%x: tensor<512x1000xf32>) -> tensor<512x1000xf32> {
  %y = pk.softmax %x axis = 1 : tensor<512x1000xf32>
  return %y : tensor<512x1000xf32>
}
