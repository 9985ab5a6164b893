// Embedding bags on small tables whose results were worked out by hand
// (pk-run also checks pk-cpu-pipeline against pk-reference-pipeline: PASS).
// Table T = [[1 2] [3 4] [5 6] [7 8]], indices [0 2 3 1 1], lengths [2 0 3]:
// bags {0, 2}, {} and {3, 1, 1}.
// RUN: pk-run %s --entry sum_f32 --print | FileCheck %s --check-prefix=SUM
// RUN: pk-run %s --entry weighted_f32 --print | FileCheck %s --check-prefix=WEIGHTED
// RUN: pk-run %s --entry mean_f32 --print | FileCheck %s --check-prefix=MEAN
// RUN: pk-run %s --entry positional_offsets --print | FileCheck %s --check-prefix=POS
// RUN: pk-run %s --entry sum_f16_i32 --print | FileCheck %s --check-prefix=SUM
// RUN: pk-run %s --entry sum_bf16 --print | FileCheck %s --check-prefix=SUM
// RUN: pk-run %s --entry uint8_scale_bias --print | FileCheck %s --check-prefix=U8
// RUN: pk-run %s --entry fused8 --print | FileCheck %s --check-prefix=U8
// RUN: pk-run %s --entry fused4 --print | FileCheck %s --check-prefix=F4
// RUN: pk-run %s --entry fused2_mean --print | FileCheck %s --check-prefix=F2
// RUN: pk-run %s --entry fused4_even --print | FileCheck %s --check-prefix=F4EVEN
// With the perfkernels recipe (vectorized row updates):
// RUN: pk-run %s --entry weighted_f32 --print --recipe %pk_src_root/recipes/perfkernels.mlir | FileCheck %s --check-prefix=WEIGHTED
// RUN: pk-run %s --entry sum_f16_i32 --print --recipe %pk_src_root/recipes/perfkernels.mlir | FileCheck %s --check-prefix=SUM
// RUN: pk-run %s --entry uint8_scale_bias --print --recipe %pk_src_root/recipes/perfkernels.mlir | FileCheck %s --check-prefix=U8
// RUN: pk-run %s --entry fused8 --print --recipe %pk_src_root/recipes/perfkernels.mlir | FileCheck %s --check-prefix=U8
// RUN: pk-run %s --entry fused4_even --print --recipe %pk_src_root/recipes/perfkernels.mlir | FileCheck %s --check-prefix=F4EVEN

// SUM: PASS
// SUM: result #0 = {{\[\[}}6, 8], [0, 0], [13, 16]]
// SUM: result #1 = 0
func.func @sum_f32() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi64>
  %l = arith.constant dense<[2, 0, 3]> : tensor<3xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<3xi32>) : tensor<4x2xf32>, tensor<5xi64> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

// w = [0.5 2 1 -1 0.25]: 0.5·[1 2] + 2·[5 6] = [10.5 13];
// [7 8] - [3 4] + 0.25·[3 4] = [4.75 5].
// WEIGHTED: PASS
// WEIGHTED: result #0 = {{\[\[}}10.5, 13], [0, 0], [4.75, 5]]
// WEIGHTED: result #1 = 0
func.func @weighted_f32() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi64>
  %l = arith.constant dense<[2, 0, 3]> : tensor<3xi32>
  %w = arith.constant dense<[0.5, 2.0, 1.0, -1.0, 0.25]> : tensor<5xf32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<3xi32>) weights(%w : tensor<5xf32>) : tensor<4x2xf32>, tensor<5xi64> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

// Mean: [6 8]/2, the empty bag stays zero, [13 16]/3.
// MEAN: PASS
// MEAN: result #0 = {{\[\[}}3, 4], [0, 0], [4.33333, 5.33333]]
func.func @mean_f32() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi64>
  %l = arith.constant dense<[2, 0, 3]> : tensor<3xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<3xi32>) mean : tensor<4x2xf32>, tensor<5xi64> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

// Offsets [10 12 12 15] (relative to the first: the same bags) and
// positional weights [1 10 100]: [1 2] + 10·[5 6] = [51 62];
// [7 8] + 10·[3 4] + 100·[3 4] = [337 448].
// POS: PASS
// POS: result #0 = {{\[\[}}51, 62], [0, 0], [337, 448]]
// POS: result #1 = 0
func.func @positional_offsets() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi64>
  %off = arith.constant dense<[10, 12, 12, 15]> : tensor<4xi64>
  %w = arith.constant dense<[1.0, 10.0, 100.0]> : tensor<3xf32>
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<4xi64>) weights(%w : tensor<3xf32>) positional : tensor<4x2xf32>, tensor<5xi64> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

func.func @sum_f16_i32() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf16>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi32>
  %off = arith.constant dense<[0, 2, 2, 5]> : tensor<4xi32>
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<4xi32>) : tensor<4x2xf16>, tensor<5xi32> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

func.func @sum_bf16() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xbf16>
  %i = arith.constant dense<[0, 2, 3, 1, 1]> : tensor<5xi64>
  %l = arith.constant dense<[2, 0, 3]> : tensor<3xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<3xi32>) : tensor<4x2xbf16>, tensor<5xi64> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

// uint8 codes [[0 255] [10 20] [1 2] [100 200]] with (scale, bias) per row
// (0.5, 1), (2, -1), (1, 0), (0.25, 10) dequantize to
// [[1 128.5] [19 39] [1 2] [35 60]]; bags {0, 3} and {1}.
// U8: PASS
// U8: result #0 = {{\[\[}}36, 188.5], [19, 39]]
// U8: result #1 = 0
func.func @uint8_scale_bias() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[0, 255], [10, 20], [1, 2], [100, 200]]> : tensor<4x2xi8>
  %sb = arith.constant dense<[[0.5, 1.0], [2.0, -1.0], [1.0, 0.0], [0.25, 10.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 3, 1]> : tensor<3xi64>
  %l = arith.constant dense<[2, 1]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) scale_bias(%sb : tensor<4x2xf32>) : tensor<4x2xi8>, tensor<3xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// The same table fused: two codes, then the f32 scale and bias as
// little-endian bytes (0.5 = 00 00 00 3f, 1 = 00 00 80 3f, 2 = 00 00 00 40,
// -1 = 00 00 80 bf, 0.25 = 00 00 80 3e, 10 = 00 00 20 41).
func.func @fused8() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[0, 255, 0, 0, 0, 63, 0, 0, 128, 63],
                             [10, 20, 0, 0, 0, 64, 0, 0, 128, 191],
                             [1, 2, 0, 0, 128, 63, 0, 0, 0, 0],
                             [100, 200, 0, 0, 128, 62, 0, 0, 32, 65]]> : tensor<4x10xi8>
  %i = arith.constant dense<[0, 3, 1]> : tensor<3xi64>
  %l = arith.constant dense<[2, 1]> : tensor<2xi32>
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<2xi32>) bits = 8 : tensor<4x10xi8>, tensor<3xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// 4 bits, block 3: row 0 codes [1 2 15] = bytes 0x21 0x0f, f16 scale 0.5
// (00 38), bias 1 (00 3c) → [1.5 2 8.5]; row 1 codes [0 3 4] = 0x30 0x04,
// scale 2 (00 40), bias -1 (00 bc) → [-1 5 7]. Indices [0 1 1], offsets
// [0 2 3], weights [1 2 0.5]: [1.5 2 8.5] + 2·[-1 5 7] = [-0.5 12 22.5];
// 0.5·[-1 5 7] = [-0.5 2.5 3.5].
// F4: PASS
// F4: result #0 = {{\[\[}}-0.5, 12, 22.5], [-0.5, 2.5, 3.5]]
// F4: result #1 = 0
func.func @fused4() -> (tensor<2x3xf32>, tensor<i32>) {
  %t = arith.constant dense<[[33, 15, 0, 56, 0, 60], [48, 4, 0, 64, 0, 188]]> : tensor<2x6xi8>
  %i = arith.constant dense<[0, 1, 1]> : tensor<3xi64>
  %off = arith.constant dense<[0, 2, 3]> : tensor<3xi64>
  %w = arith.constant dense<[1.0, 2.0, 0.5]> : tensor<3xf32>
  %o, %s = pk.fused_embedding_bag %t[%i] offsets(%off : tensor<3xi64>) weights(%w : tensor<3xf32>) bits = 4 : tensor<2x6xi8>, tensor<3xi64> -> tensor<2x3xf32>, tensor<i32>
  return %o, %s : tensor<2x3xf32>, tensor<i32>
}

// 2 bits, block 5: codes [3 0 1 2 3] = bytes 0x93 (3 | 0<<2 | 1<<4 | 2<<6)
// and 0x03, scale 1 (00 3c), bias 0.5 (00 38) → [3.5 0.5 1.5 2.5 3.5].
// Mean of the row taken twice is the row; the empty bag is zero.
// F2: PASS
// F2: result #0 = {{\[\[}}3.5, 0.5, 1.5, 2.5, 3.5], [0, 0, 0, 0, 0]]
// F2: result #1 = 0
func.func @fused2_mean() -> (tensor<2x5xf32>, tensor<i32>) {
  %t = arith.constant dense<[[147, 3, 0, 60, 0, 56]]> : tensor<1x6xi8>
  %i = arith.constant dense<[0, 0]> : tensor<2xi32>
  %l = arith.constant dense<[2, 0]> : tensor<2xi32>
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<2xi32>) bits = 2 mean : tensor<1x6xi8>, tensor<2xi32> -> tensor<2x5xf32>, tensor<i32>
  return %o, %s : tensor<2x5xf32>, tensor<i32>
}

// The rows above with a fourth code in the high nibble of byte 1 (3 in row
// 0, 9 in row 1), so the block is whole bytes (the byte-grid lowering):
// element 3 is 0.5·3 + 1 = 2.5 and 2·9 - 1 = 17, so 2.5 + 2·17 = 36.5 and
// 0.5·17 = 8.5.
// F4EVEN: PASS
// F4EVEN: result #0 = {{\[\[}}-0.5, 12, 22.5, 36.5], [-0.5, 2.5, 3.5, 8.5]]
// F4EVEN: result #1 = 0
func.func @fused4_even() -> (tensor<2x4xf32>, tensor<i32>) {
  %t = arith.constant dense<[[33, 63, 0, 56, 0, 60], [48, 148, 0, 64, 0, 188]]> : tensor<2x6xi8>
  %i = arith.constant dense<[0, 1, 1]> : tensor<3xi64>
  %off = arith.constant dense<[0, 2, 3]> : tensor<3xi64>
  %w = arith.constant dense<[1.0, 2.0, 0.5]> : tensor<3xf32>
  %o, %s = pk.fused_embedding_bag %t[%i] offsets(%off : tensor<3xi64>) weights(%w : tensor<3xf32>) bits = 4 : tensor<2x6xi8>, tensor<3xi64> -> tensor<2x4xf32>, tensor<i32>
  return %o, %s : tensor<2x4xf32>, tensor<i32>
}
