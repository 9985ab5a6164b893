func.func @first(%a: tensor<4xf32>) -> tensor<4xf32> {
  %y = pk.sigmoid %a : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @second(%a: tensor<4xf32>) -> tensor<4xf32> {
  %y = pk.tanh %a : tensor<4xf32>
  return %y : tensor<4xf32>
}
