func.func @bad(%a: tensor<4x8xf32>, %b: tensor<16x2xf32>) -> tensor<4x2xf32> {
  %c = pk.matmul %a, %b : tensor<4x8xf32>, tensor<16x2xf32> -> tensor<4x2xf32>
  return %c : tensor<4x2xf32>
}
