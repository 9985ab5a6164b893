func.func @mm_sigmoid(%a: tensor<6x5xf32>, %b: tensor<5x7xf32>) -> tensor<6x7xf32> {
  %c = pk.matmul %a, %b : tensor<6x5xf32>, tensor<5x7xf32> -> tensor<6x7xf32>
  %s = pk.sigmoid %c : tensor<6x7xf32>
  return %s : tensor<6x7xf32>
}
