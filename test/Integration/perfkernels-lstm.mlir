// pk.lstm_unit on gates whose results are known by hand (pk-run also checks
// pk-cpu-pipeline against pk-reference-pipeline: PASS). Gates ±20 saturate
// σ to 1 or ~2e-9 (negligible next to the other terms).
// RUN: pk-run %s --entry cell --print | FileCheck %s --check-prefix=CELL
// RUN: pk-run %s --entry forget_bias --print | FileCheck %s --check-prefix=BIAS
// RUN: pk-run %s --entry keep_states --print | FileCheck %s --check-prefix=KEEP
// RUN: pk-run %s --entry drop_states --print | FileCheck %s --check-prefix=DROP
// RUN: pk-run %s --entry cell_f16 --print | FileCheck %s --check-prefix=F16

// Row 0: all gates 0, so i = f = o = 0.5 and g = 0: c = c_prev / 2 =
// [1 -2], h = tanh(c) / 2 = [0.380797 -0.482014].
// Row 1: i = o = 1, f = 0, g = tanh(ln 3) = 0.8 in column 0 and 0 in
// column 1: c = [0.8 0], h = [tanh(0.8) 0] = [0.664037 0].
// CELL: PASS
// CELL: result #0 = {{\[\[}}0.380797, -0.482014], [0.664037, 0]]
// CELL: result #1 = {{\[\[}}1, -2], [0.8, 0]]
func.func @cell() -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %h0 = arith.constant dense<[[9.0, 9.0], [9.0, 9.0]]> : tensor<2x2xf32>
  %c0 = arith.constant dense<[[2.0, -4.0], [0.0, 0.0]]> : tensor<2x2xf32>
  %x = arith.constant dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                             [20.0, 20.0, -20.0, -20.0, 20.0, 20.0, 1.0986122886681098, 0.0]]> : tensor<2x8xf32>
  %h, %c = pk.lstm_unit %h0, %c0, %x : tensor<2x2xf32>, tensor<2x8xf32> -> tensor<2x2xf32>
  return %h, %c : tensor<2x2xf32>, tensor<2x2xf32>
}

// forget_bias = ln 3 with a zero f gate: f = 0.75; i = 0 (gate -20):
// c = 0.75 · [4 8] = [3 6], h = tanh(c) / 2 = [0.497527 0.499994].
// BIAS: PASS
// BIAS: result #0 = {{\[\[}}0.497527, 0.499994]]
// BIAS: result #1 = {{\[\[}}3, 6]]
func.func @forget_bias() -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %h0 = arith.constant dense<[[9.0, 9.0]]> : tensor<1x2xf32>
  %c0 = arith.constant dense<[[4.0, 8.0]]> : tensor<1x2xf32>
  %x = arith.constant dense<[[-20.0, -20.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<1x8xf32>
  %h, %c = pk.lstm_unit %h0, %c0, %x forget_bias = 1.0986122886681098 : tensor<1x2xf32>, tensor<1x8xf32> -> tensor<1x2xf32>
  return %h, %c : tensor<1x2xf32>, tensor<1x2xf32>
}

// Time step 1 with lengths [1 3 0]: only row 1 (1 < 3) is computed (as
// row 0 of @cell); rows 0 and 2 keep h_prev / c_prev.
// KEEP: PASS
// KEEP: result #0 = {{\[\[}}5, 6], [0.380797, -0.482014], [7, 8]]
// KEEP: result #1 = {{\[\[}}-5, -6], [1, -2], [-7, -8]]
func.func @keep_states() -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %h0 = arith.constant dense<[[5.0, 6.0], [9.0, 9.0], [7.0, 8.0]]> : tensor<3x2xf32>
  %c0 = arith.constant dense<[[-5.0, -6.0], [2.0, -4.0], [-7.0, -8.0]]> : tensor<3x2xf32>
  %x = arith.constant dense<0.0> : tensor<3x8xf32>
  %len = arith.constant dense<[1, 3, 0]> : tensor<3xi32>
  %t = arith.constant dense<1> : tensor<i32>
  %h, %c = pk.lstm_unit %h0, %c0, %x seq_lengths(%len : tensor<3xi32>) timestep(%t : tensor<i32>) : tensor<3x2xf32>, tensor<3x8xf32> -> tensor<3x2xf32>
  return %h, %c : tensor<3x2xf32>, tensor<3x2xf32>
}

// The same with drop_states: finished rows become zeros.
// DROP: PASS
// DROP: result #0 = {{\[\[}}0, 0], [0.380797, -0.482014], [0, 0]]
// DROP: result #1 = {{\[\[}}0, 0], [1, -2], [0, 0]]
func.func @drop_states() -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %h0 = arith.constant dense<[[5.0, 6.0], [9.0, 9.0], [7.0, 8.0]]> : tensor<3x2xf32>
  %c0 = arith.constant dense<[[-5.0, -6.0], [2.0, -4.0], [-7.0, -8.0]]> : tensor<3x2xf32>
  %x = arith.constant dense<0.0> : tensor<3x8xf32>
  %len = arith.constant dense<[1, 3, 0]> : tensor<3xi32>
  %t = arith.constant dense<1> : tensor<i32>
  %h, %c = pk.lstm_unit %h0, %c0, %x seq_lengths(%len : tensor<3xi32>) timestep(%t : tensor<i32>) drop_states : tensor<3x2xf32>, tensor<3x8xf32> -> tensor<3x2xf32>
  return %h, %c : tensor<3x2xf32>, tensor<3x2xf32>
}

// f16 storage, f32 math: row 0 of @cell, rounded to f16
// (0.380797 -> 0.380859, -0.482014 -> -0.481934).
// F16: PASS
// F16: result #0 = {{\[\[}}0.380859, -0.481934]]
// F16: result #1 = {{\[\[}}1, -2]]
func.func @cell_f16() -> (tensor<1x2xf16>, tensor<1x2xf16>) {
  %h0 = arith.constant dense<[[9.0, 9.0]]> : tensor<1x2xf16>
  %c0 = arith.constant dense<[[2.0, -4.0]]> : tensor<1x2xf16>
  %x = arith.constant dense<0.0> : tensor<1x8xf16>
  %h, %c = pk.lstm_unit %h0, %c0, %x : tensor<1x2xf16>, tensor<1x8xf16> -> tensor<1x2xf16>
  return %h, %c : tensor<1x2xf16>, tensor<1x2xf16>
}
