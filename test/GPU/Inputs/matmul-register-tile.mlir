// Matmuls for the register-tiled schedule of recipes/gpu-default.mlir:
// 128x128 block tiles (8x8 per thread), 64x64 tiles (4x4 per thread),
// f16/bf16 inputs with f32 accumulation, and a shape whose tiles are
// partial (the scalar schedule).

// 4x3 blocks of 128x128, 16 K steps.
func.func @mm_f32_128(%a: tensor<512x256xf32>, %b: tensor<256x384xf32>) -> tensor<512x384xf32> {
  %c = pk.matmul %a, %b : tensor<512x256xf32>, tensor<256x384xf32> -> tensor<512x384xf32>
  return %c : tensor<512x384xf32>
}

// N < 128: 4x1 blocks of 64x64.
func.func @mm_f32_64(%a: tensor<256x128xf32>, %b: tensor<128x64xf32>) -> tensor<256x64xf32> {
  %c = pk.matmul %a, %b : tensor<256x128xf32>, tensor<128x64xf32> -> tensor<256x64xf32>
  return %c : tensor<256x64xf32>
}

func.func @mm_f16(%a: tensor<256x128xf16>, %b: tensor<128x256xf16>) -> tensor<256x256xf32> {
  %c = pk.matmul %a, %b : tensor<256x128xf16>, tensor<128x256xf16> -> tensor<256x256xf32>
  return %c : tensor<256x256xf32>
}

func.func @mm_bf16(%a: tensor<256x128xbf16>, %b: tensor<128x256xbf16>) -> tensor<256x256xf32> {
  %c = pk.matmul %a, %b : tensor<256x128xbf16>, tensor<128x256xbf16> -> tensor<256x256xf32>
  return %c : tensor<256x256xf32>
}

// 200 x 136 x 72: no dimension is a multiple of its tile.
func.func @mm_partial(%a: tensor<200x72xf32>, %b: tensor<72x136xf32>) -> tensor<200x136xf32> {
  %c = pk.matmul %a, %b : tensor<200x72xf32>, tensor<72x136xf32> -> tensor<200x136xf32>
  return %c : tensor<200x136xf32>
}
