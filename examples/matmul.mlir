// 512x512x512 f32 matmul: the pk-run demo and the pipeline speed check.
//   pk-run examples/matmul.mlir --bench 10
func.func @matmul(%a: tensor<512x512xf32>, %b: tensor<512x512xf32>)
    -> tensor<512x512xf32> {
  %c = pk.matmul %a, %b
      : tensor<512x512xf32>, tensor<512x512xf32> -> tensor<512x512xf32>
  return %c : tensor<512x512xf32>
}
