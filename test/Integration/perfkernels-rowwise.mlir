// Row-wise (de)quantization on rows worked out by hand; pk-run also checks
// pk-cpu-pipeline against pk-reference-pipeline (PASS). i8 results print as
// signed bytes (255 prints as -1, 0x80 as -128).
// RUN: pk-run %s --entry quantize8 --print | FileCheck %s --check-prefix=Q8
// RUN: pk-run %s --entry quantize4 --print | FileCheck %s --check-prefix=Q4
// RUN: pk-run %s --entry quantize2 --print | FileCheck %s --check-prefix=Q2
// RUN: pk-run %s --entry dequantize8 --print | FileCheck %s --check-prefix=D8
// RUN: pk-run %s --entry dequantize4 --print | FileCheck %s --check-prefix=D4
// RUN: pk-run %s --entry dequantize2 --print | FileCheck %s --check-prefix=D2

// Row 0: range 255, so scale 1 (00 00 80 3f), bias 0, and the inverse
// 255 / (255 + 1e-8) is 1 in f32: codes are the values. Row 1 is flat:
// scale 0, bias 3 (00 00 40 40), codes 0. Row 2: min 1, scale 1, codes
// round half to even: 0.5 -> 0, 1.5 -> 2.
// Q8: PASS
// Q8: result #0 = {{\[\[}}0, 1, 2, -1, 0, 0, -128, 63, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 64], [0, 0, 2, -1, 0, 0, -128, 63, 0, 0, -128, 63]]
func.func @quantize8() -> tensor<3x12xi8> {
  %x = arith.constant dense<[[0.0, 1.0, 2.0, 255.0], [3.0, 3.0, 3.0, 3.0], [1.0, 1.5, 2.5, 256.0]]> : tensor<3x4xf32>
  %q = pk.quantize_rowwise %x bits = 8 : tensor<3x4xf32> -> tensor<3x12xi8>
  return %q : tensor<3x12xi8>
}

// Row 0: range 15, f16 scale 1 (00 3c), bias 0, codes [0 1 2 15] packed as
// 0x10 0xf2. Row 1: min -1 (00 bc), range 30, scale 2 (00 40), codes
// [0 0.75 1.75 15] -> [0 1 2 15]. Row 2 is flat: scale 1, bias 7 (00 47).
// Q4: PASS
// Q4: result #0 = {{\[\[}}16, -14, 0, 60, 0, 0], [16, -14, 0, 64, 0, -68], [0, 0, 0, 60, 0, 71]]
func.func @quantize4() -> tensor<3x6xi8> {
  %x = arith.constant dense<[[0.0, 1.0, 2.0, 15.0], [-1.0, 0.5, 2.5, 29.0], [7.0, 7.0, 7.0, 7.0]]> : tensor<3x4xf32>
  %q = pk.quantize_rowwise %x bits = 4 : tensor<3x4xf32> -> tensor<3x6xi8>
  return %q : tensor<3x6xi8>
}

// 2 bits, 3 values: range 3, scale 1, codes [0 3 2] (1.5 rounds to 2) in
// one byte 0 | 3<<2 | 2<<4 = 44. Row 1: the scale 3.4/3 is rounded to f16,
// 1.1337890625 = 0x3c89 (bytes 0x89 0x3c), so 3.4 / scale = 2.9988 -> 3
// and the byte is 0 | 3<<2 | 3<<4 = 60.
// Q2: PASS
// Q2: result #0 = {{\[\[}}44, 0, 60, 0, 0], [60, -119, 60, 0, 0]]
func.func @quantize2() -> tensor<2x5xi8> {
  %x = arith.constant dense<[[0.0, 3.0, 1.5], [0.0, 3.4, 3.4]]> : tensor<2x3xf32>
  %q = pk.quantize_rowwise %x bits = 2 : tensor<2x3xf32> -> tensor<2x5xi8>
  return %q : tensor<2x5xi8>
}

// The fused rows of perfkernels-embedding.mlir.
// D8: PASS
// D8: result #0 = {{\[\[}}1, 128.5], [19, 39], [1, 2], [35, 60]]
func.func @dequantize8() -> tensor<4x2xf32> {
  %t = arith.constant dense<[[0, 255, 0, 0, 0, 63, 0, 0, 128, 63],
                             [10, 20, 0, 0, 0, 64, 0, 0, 128, 191],
                             [1, 2, 0, 0, 128, 63, 0, 0, 0, 0],
                             [100, 200, 0, 0, 128, 62, 0, 0, 32, 65]]> : tensor<4x10xi8>
  %x = pk.dequantize_rowwise %t bits = 8 : tensor<4x10xi8> -> tensor<4x2xf32>
  return %x : tensor<4x2xf32>
}

// D4: PASS
// D4: result #0 = {{\[\[}}1.5, 2, 8.5], [-1, 5, 7]]
func.func @dequantize4() -> tensor<2x3xf32> {
  %t = arith.constant dense<[[33, 15, 0, 56, 0, 60], [48, 4, 0, 64, 0, 188]]> : tensor<2x6xi8>
  %x = pk.dequantize_rowwise %t bits = 4 : tensor<2x6xi8> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// D2: PASS
// D2: result #0 = {{\[\[}}3.5, 0.5, 1.5, 2.5, 3.5]]
func.func @dequantize2() -> tensor<1x5xf32> {
  %t = arith.constant dense<[[147, 3, 0, 60, 0, 56]]> : tensor<1x6xi8>
  %x = pk.dequantize_rowwise %t bits = 2 : tensor<1x6xi8> -> tensor<1x5xf32>
  return %x : tensor<1x5xf32>
}
