// pk.quantize_and_compress / pk.decompress_and_dequantize on values worked
// out by hand (pk-run also checks pk-cpu-pipeline against
// pk-reference-pipeline: PASS). Bytes print as signed i8.
// RUN: pk-run %s --entry four_bits --print | FileCheck %s --check-prefix=FOUR
// RUN: pk-run %s --entry one_bit --print | FileCheck %s --check-prefix=ONE
// RUN: pk-run %s --entry eight_bits --print | FileCheck %s --check-prefix=EIGHT
// RUN: pk-run %s --entry bad_header --print | FileCheck %s --check-prefix=BAD

// n = 5 at 4 bits: 2 codes a byte, segments of S = 3, tail 1. min 0, max 15
// (0x41700000: bytes 0 0 112 65), gap 1. Codes [0 1 2 3 15]: segment 0 is
// [0 1 2], segment 1 [3 15]: bytes 0 | 3<<4 = 48, 1 | 15<<4 = 241 (-15), 2.
// FOUR: PASS
// FOUR: result #0 = [4, 1, 0, 0, 0, 0, 0, 0, 112, 65, 48, -15, 2]
// FOUR: result #1 = [0, 1, 2, 3, 15]
// FOUR: result #2 = 0
func.func @four_bits() -> (tensor<13xi8>, tensor<5xf32>, tensor<i32>) {
  %x = arith.constant dense<[0.0, 1.0, 2.0, 3.0, 15.0]> : tensor<5xf32>
  %q = pk.quantize_and_compress %x bits = 4 : tensor<5xf32> -> tensor<13xi8>
  %y, %s = pk.decompress_and_dequantize %q bits = 4 : tensor<13xi8> -> tensor<5xf32>, tensor<i32>
  return %q, %y, %s : tensor<13xi8>, tensor<5xf32>, tensor<i32>
}

// n = 3 at 1 bit: S = 1, tail 5. min -1 (0xBF800000: 0 0 128 191 = -128
// -65), max 1 (0 0 128 63), gap 2, (x + 1)·0.5 = [0 0.6 1] rounds to
// [0 1 1]: the data byte is 0 | 1<<1 | 1<<2 = 6; decoded [-1 1 1].
// ONE: PASS
// ONE: result #0 = [1, 5, 0, 0, -128, -65, 0, 0, -128, 63, 6]
// ONE: result #1 = [-1, 1, 1]
func.func @one_bit() -> (tensor<11xi8>, tensor<3xf32>) {
  %x = arith.constant dense<[-1.0, 0.2, 1.0]> : tensor<3xf32>
  %q = pk.quantize_and_compress %x bits = 1 : tensor<3xf32> -> tensor<11xi8>
  %y, %s = pk.decompress_and_dequantize %q bits = 1 : tensor<11xi8> -> tensor<3xf32>, tensor<i32>
  return %q, %y : tensor<11xi8>, tensor<3xf32>
}

// 8 bits, round half to even: min 0, max 255 (0x437F0000: 0 0 127 67),
// gap 1; 1.5 -> 2 and 2.5 -> 2; 255 is byte -1.
// EIGHT: PASS
// EIGHT: result #0 = [8, 0, 0, 0, 0, 0, 0, 0, 127, 67, 0, 2, 2, -1]
func.func @eight_bits() -> tensor<14xi8> {
  %x = arith.constant dense<[0.0, 1.5, 2.5, 255.0]> : tensor<4xf32>
  %q = pk.quantize_and_compress %x bits = 8 : tensor<4xf32> -> tensor<14xi8>
  return %q : tensor<14xi8>
}

// A header whose bitwidth byte (2) disagrees with bits = 4: status 1, the
// values still decoded with the static layout (min 0, max 15, byte 0x21).
// BAD: PASS
// BAD: result #0 = [1, 2]
// BAD: result #1 = 1
func.func @bad_header() -> (tensor<2xf32>, tensor<i32>) {
  %q = arith.constant dense<[2, 0, 0, 0, 0, 0, 0, 0, 112, 65, 33]> : tensor<11xi8>
  %y, %s = pk.decompress_and_dequantize %q bits = 4 : tensor<11xi8> -> tensor<2xf32>, tensor<i32>
  return %y, %s : tensor<2xf32>, tensor<i32>
}

// Random arguments, an odd length at every bit width: the CPU pipeline
// must agree with the reference, and the round trip must be exact on the
// header (status 0, checked through pk.status).
// RUN: pk-run %s --entry round_trip_args | FileCheck %s --check-prefix=ARGS
// ARGS: PASS
func.func @round_trip_args(%x: tensor<1001xf32>) -> (tensor<1001xf32>, tensor<i32> {pk.status}, tensor<1001xf32>, tensor<i32> {pk.status}, tensor<1001xf32>, tensor<i32> {pk.status}, tensor<1001xf32>, tensor<i32> {pk.status}) {
  %q1 = pk.quantize_and_compress %x bits = 1 : tensor<1001xf32> -> tensor<136xi8>
  %y1, %s1 = pk.decompress_and_dequantize %q1 bits = 1 : tensor<136xi8> -> tensor<1001xf32>, tensor<i32>
  %q2 = pk.quantize_and_compress %x bits = 2 : tensor<1001xf32> -> tensor<261xi8>
  %y2, %s2 = pk.decompress_and_dequantize %q2 bits = 2 : tensor<261xi8> -> tensor<1001xf32>, tensor<i32>
  %q4 = pk.quantize_and_compress %x bits = 4 : tensor<1001xf32> -> tensor<511xi8>
  %y4, %s4 = pk.decompress_and_dequantize %q4 bits = 4 : tensor<511xi8> -> tensor<1001xf32>, tensor<i32>
  %q8 = pk.quantize_and_compress %x bits = 8 : tensor<1001xf32> -> tensor<1011xi8>
  %y8, %s8 = pk.decompress_and_dequantize %q8 bits = 8 : tensor<1011xi8> -> tensor<1001xf32>, tensor<i32>
  return %y1, %s1, %y2, %s2, %y4, %s4, %y8, %s8 : tensor<1001xf32>, tensor<i32>, tensor<1001xf32>, tensor<i32>, tensor<1001xf32>, tensor<i32>, tensor<1001xf32>, tensor<i32>
}
