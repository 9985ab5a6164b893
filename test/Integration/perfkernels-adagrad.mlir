// pk.adagrad on values worked out by hand (pk-run also checks
// pk-cpu-pipeline against pk-reference-pipeline: PASS).
// RUN: pk-run %s --entry plain --print | FileCheck %s --check-prefix=PLAIN
// RUN: pk-run %s --entry decays --print | FileCheck %s --check-prefix=DECAYS
// RUN: pk-run %s --entry plain_f16 --print | FileCheck %s --check-prefix=F16

// h' = h + g² = [9 25], w' = w + 0.5·g / sqrt(h') = [1 + 1.5/3, 2 + 2/5].
// PLAIN: PASS
// PLAIN: result #0 = [1.5, 2.4]
// PLAIN: result #1 = [9, 25]
func.func @plain() -> (tensor<2xf32>, tensor<2xf32>) {
  %w = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %h = arith.constant dense<[0.0, 9.0]> : tensor<2xf32>
  %g = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %lr = arith.constant dense<0.5> : tensor<f32>
  %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) epsilon = 0.0 : tensor<2xf32>, tensor<2xf32>
  return %w1, %h1 : tensor<2xf32>, tensor<2xf32>
}

// weight_decay 0.5: g' = 1 + 0.5·2 = 2; decay 0.5: h' = 0.5·10 + 4 = 9;
// w' = 2 + 1.5·2/3 = 3.
// DECAYS: PASS
// DECAYS: result #0 = {{\[\[}}3]]
// DECAYS: result #1 = {{\[\[}}9]]
func.func @decays() -> (tensor<1x1xf32>, tensor<1x1xf32>) {
  %w = arith.constant dense<[[2.0]]> : tensor<1x1xf32>
  %h = arith.constant dense<[[10.0]]> : tensor<1x1xf32>
  %g = arith.constant dense<[[1.0]]> : tensor<1x1xf32>
  %lr = arith.constant dense<1.5> : tensor<f32>
  %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) epsilon = 0.0 decay = 0.5 weight_decay = 0.5 : tensor<1x1xf32>, tensor<1x1xf32>
  return %w1, %h1 : tensor<1x1xf32>, tensor<1x1xf32>
}

// f16 storage, f32 math: 2.4 is stored as 2.400390625.
// F16: PASS
// F16: result #0 = [1.5, 2.40039]
// F16: result #1 = [9, 25]
func.func @plain_f16() -> (tensor<2xf16>, tensor<2xf16>) {
  %w = arith.constant dense<[1.0, 2.0]> : tensor<2xf16>
  %h = arith.constant dense<[0.0, 9.0]> : tensor<2xf16>
  %g = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %lr = arith.constant dense<0.5> : tensor<f32>
  %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) epsilon = 0.0 : tensor<2xf16>, tensor<2xf32>
  return %w1, %h1 : tensor<2xf16>, tensor<2xf16>
}
