func.func @scaled(%a: tensor<4xf32>, %s: index) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
