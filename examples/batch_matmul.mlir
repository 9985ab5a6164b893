// Batched matmul with the right operand read transposed (Q·Kᵀ-style):
// 8 batches of 128x64 times (256x64)ᵀ.
//   pk-run examples/batch_matmul.mlir --bench 10
func.func @batch_matmul(%a: tensor<8x128x64xf32>, %b: tensor<8x256x64xf32>)
    -> tensor<8x128x256xf32> {
  %c = pk.matmul %a, %b transpose_rhs
      : tensor<8x128x64xf32>, tensor<8x256x64xf32> -> tensor<8x128x256xf32>
  return %c : tensor<8x128x256xf32>
}
