func.func @matmul(%a: tensor<256x512xf32>, %b: tensor<512x128xf32>) -> tensor<256x128xf32> {
  %c = pk.matmul %a, %b : tensor<256x512xf32>, tensor<512x128xf32> -> tensor<256x128xf32>
  return %c : tensor<256x128xf32>
}
