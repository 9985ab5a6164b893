// Elementwise tanh on bf16 storage (computed in f32).
//   pk-run examples/tanh.mlir --bench 10
func.func @tanh(%x: tensor<256x1024xbf16>) -> tensor<256x1024xbf16> {
  %y = pk.tanh %x : tensor<256x1024xbf16>
  return %y : tensor<256x1024xbf16>
}
