// Elementwise sigmoid over 1M floats (memory bound: reported in GB/s).
//   pk-run examples/sigmoid.mlir --bench 10
func.func @sigmoid(%x: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %y = pk.sigmoid %x : tensor<1024x1024xf32>
  return %y : tensor<1024x1024xf32>
}
