// f16 inputs accumulated and returned in f32, with odd sizes (remainders
// in every tiled dimension).
//   pk-run examples/matmul_f16.mlir
func.func @matmul_f16(%a: tensor<100x70xf16>, %b: tensor<70x33xf16>)
    -> tensor<100x33xf32> {
  %c = pk.matmul %a, %b
      : tensor<100x70xf16>, tensor<70x33xf16> -> tensor<100x33xf32>
  return %c : tensor<100x33xf32>
}
