// Results checked against values computed by hand, independent of both
// pipelines (pk-run also checks cpu against reference: PASS).
// RUN: pk-run %s --entry matmul --print | FileCheck %s --check-prefix=MM
// RUN: pk-run %s --entry matmul_transposed --print | FileCheck %s --check-prefix=MMT
// RUN: pk-run %s --entry batched --print | FileCheck %s --check-prefix=BMM
// RUN: pk-run %s --entry activations --print | FileCheck %s --check-prefix=ACT
// RUN: pk-run %s --entry softmax --print | FileCheck %s --check-prefix=SM
// RUN: pk-run %s --entry attention_uniform --print | FileCheck %s --check-prefix=ATT
// RUN: pk-run %s --entry attention_causal --print | FileCheck %s --check-prefix=CAUSAL

// [[1 2] [3 4]] x [[1 0.5 -1] [2 0 1]]
// MM: PASS
// MM: result #0 = {{\[\[}}5, 0.5, 1], [11, 1.5, 1]]
func.func @matmul() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[[1.0, 0.5, -1.0], [2.0, 0.0, 1.0]]> : tensor<2x3xf32>
  %c = pk.matmul %a, %b : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// Aᵀ·Bᵀ with A = [[1 3] [2 4]] (so Aᵀ = [[1 2] [3 4]]) and
// B = [[1 2] [0.5 0] [-1 1]] (so Bᵀ is the matrix above): same product.
// MMT: PASS
// MMT: result #0 = {{\[\[}}5, 0.5, 1], [11, 1.5, 1]]
func.func @matmul_transposed() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0, 3.0], [2.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[[1.0, 2.0], [0.5, 0.0], [-1.0, 1.0]]> : tensor<3x2xf32>
  %c = pk.matmul %a, %b transpose_lhs transpose_rhs
      : tensor<2x2xf32>, tensor<3x2xf32> -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// Batch 0: identity x M = M; batch 1: 2·I x M = 2M. f16 in, f32 out.
// BMM: PASS
// BMM: result #0 = {{\[\[\[}}1, 2], [3, 4]], {{\[\[}}2, 4], [6, 8]]]
func.func @batched() -> tensor<2x2x2xf32> {
  %a = arith.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]]]> : tensor<2x2x2xf16>
  %b = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]]]> : tensor<2x2x2xf16>
  %c = pk.matmul %a, %b : tensor<2x2x2xf16>, tensor<2x2x2xf16> -> tensor<2x2x2xf32>
  return %c : tensor<2x2x2xf32>
}

// sigmoid(0) = 0.5, sigmoid(ln 3) = 0.75; tanh(0) = 0, tanh(ln 3) = 0.8.
// ACT: PASS
// ACT: result #0 = [0.5, 0.75]
// ACT: result #1 = [0, 0.8]
func.func @activations() -> (tensor<2xf32>, tensor<2xf32>) {
  %x = arith.constant dense<[0.0, 1.0986122886681098]> : tensor<2xf32>
  %s = pk.sigmoid %x : tensor<2xf32>
  %t = pk.tanh %x : tensor<2xf32>
  return %s, %t : tensor<2xf32>, tensor<2xf32>
}

// Along axis 0 of [[0 ln3] [0 0]]: column 0 is uniform (0.5, 0.5), column 1
// is (3/4, 1/4).
// SM: PASS
// SM: result #0 = {{\[\[}}0.5, 0.75], [0.5, 0.25]]
func.func @softmax() -> tensor<2x2xf32> {
  %x = arith.constant dense<[[0.0, 1.0986122886681098], [0.0, 0.0]]> : tensor<2x2xf32>
  %y = pk.softmax %x axis = 0 : tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// Q = 0 makes every score 0, so each output row is the mean of V's rows.
// ATT: PASS
// ATT: result #0 = {{\[\[}}2, 20], [2, 20]]
func.func @attention_uniform() -> tensor<2x2xf32> {
  %q = arith.constant dense<0.0> : tensor<2x4xf32>
  %k = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 0.0, 1.0], [5.0, 5.0, 5.0, 5.0]]> : tensor<3x4xf32>
  %v = arith.constant dense<[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]> : tensor<3x2xf32>
  %o = pk.attention %q, %k, %v : tensor<2x4xf32>, tensor<3x4xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  return %o : tensor<2x2xf32>
}

// Causal with equal scores: query i averages V[0..i].
// CAUSAL: PASS
// CAUSAL: result #0 = {{\[\[\[}}1, 10], [1.5, 15], [2, 20]]]
func.func @attention_causal() -> tensor<1x3x2xf32> {
  %q = arith.constant dense<0.0> : tensor<1x3x4xf32>
  %k = arith.constant dense<1.0> : tensor<1x3x4xf32>
  %v = arith.constant dense<[[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]]> : tensor<1x3x2xf32>
  %o = pk.attention %q, %k, %v causal : tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x2xf32> -> tensor<1x3x2xf32>
  return %o : tensor<1x3x2xf32>
}
