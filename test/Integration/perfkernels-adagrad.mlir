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

// Sparse: rows 2 and 0 of W = [[1 2] [3 4] [5 6]] with grads [3 4] and
// [1 1], h = 0, lr 0.5: row 2 gets h = [9 16], w = [5.5 6.5]; row 0
// h = [1 1], w = [1.5 2.5]; row 1 is untouched.
// RUN: pk-run %s --entry sparse --print | FileCheck %s --check-prefix=SPARSE
// SPARSE: PASS
// SPARSE: result #0 = {{\[\[}}1.5, 2.5], [3, 4], [5.5, 6.5]]
// SPARSE: result #1 = {{\[\[}}1, 1], [0, 0], [9, 16]]
// SPARSE: result #2 = 0
func.func @sparse() -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<i32>) {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %h = arith.constant dense<0.0> : tensor<3x2xf32>
  %g = arith.constant dense<[[3.0, 4.0], [1.0, 1.0]]> : tensor<2x2xf32>
  %i = arith.constant dense<[2, 0]> : tensor<2xi64>
  %lr = arith.constant dense<0.5> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) epsilon = 0.0 : tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<3x2xf32>, tensor<3x2xf32>, tensor<i32>
}

// A repeated index is updated twice, the second time from the first's
// result: h = [9 16] then [18 32]; w = [3.5 4.5] then
// [3.5 + 1.5/sqrt(18), 4.5 + 2/sqrt(32)] = [3.85355 4.85355].
// RUN: pk-run %s --entry sparse_repeated --print | FileCheck %s --check-prefix=REPEAT
// REPEAT: PASS
// REPEAT: result #0 = {{\[\[}}1, 2], [3.85355, 4.85355]]
// REPEAT: result #1 = {{\[\[}}0, 0], [18, 32]]
func.func @sparse_repeated() -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %h = arith.constant dense<0.0> : tensor<2x2xf32>
  %g = arith.constant dense<[[3.0, 4.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %i = arith.constant dense<[1, 1]> : tensor<2xi32>
  %lr = arith.constant dense<0.5> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) epsilon = 0.0 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi32> -> tensor<i32>
  return %w1, %h1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// Row-wise: one moment per row. Row 1 with grad [3 4]: mean(g²) = 12.5,
// h = 12.5 + 12.5 = 25, step = 1/5, w = [3 4] + 0.2·[3 4] = [3.6 4.8].
// Indices 7 and -1 are out of range: skipped, status 1.
// RUN: pk-run %s --entry rowwise_bad_index --print | FileCheck %s --check-prefix=ROWWISE
// ROWWISE: PASS
// ROWWISE: result #0 = {{\[\[}}1, 2], [3.6, 4.8]]
// ROWWISE: result #1 = [0, 25]
// ROWWISE: result #2 = 1
func.func @rowwise_bad_index() -> (tensor<2x2xf32>, tensor<2xf32>, tensor<i32>) {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %h = arith.constant dense<[0.0, 12.5]> : tensor<2xf32>
  %g = arith.constant dense<[[100.0, 100.0], [3.0, 4.0], [100.0, 100.0]]> : tensor<3x2xf32>
  %i = arith.constant dense<[7, 1, -1]> : tensor<3xi64>
  %lr = arith.constant dense<1.0> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) epsilon = 0.0 : tensor<2x2xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<3xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<2x2xf32>, tensor<2xf32>, tensor<i32>
}

// Random arguments (pk-run's integers lie in [0, 15]: valid rows of a
// 16-row table, with repeats): the CPU pipeline must agree with the
// reference. Tensor arguments are values: the pipelines never update the
// caller's buffers in place (pk-protect-tensor-arguments), so both runs see
// the same inputs although the update would otherwise reuse them.
// RUN: pk-run %s --entry sparse_args | FileCheck %s --check-prefix=ARGS
// RUN: pk-run %s --entry rowwise_args | FileCheck %s --check-prefix=ARGS
// RUN: pk-run %s --entry dense_args | FileCheck %s --check-prefix=ARGS
// ARGS: PASS
func.func @sparse_args(%w: tensor<16x24xf32>, %hr: tensor<16x24xf32>, %g: tensor<40x24xf32>, %i: tensor<40xi64>) -> (tensor<16x24xf32>, tensor<16x24xf32>, tensor<i32> {pk.status}) {
  %h = math.absf %hr : tensor<16x24xf32>
  %lr = arith.constant dense<0.1> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) weight_decay = 0.01 : tensor<16x24xf32>, tensor<16x24xf32>, tensor<40x24xf32>, tensor<40xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<16x24xf32>, tensor<16x24xf32>, tensor<i32>
}
func.func @rowwise_args(%w: tensor<16x24xf16>, %hr: tensor<16xf16>, %g: tensor<40x24xf32>, %i: tensor<40xi32>) -> (tensor<16x24xf16>, tensor<16xf16>, tensor<i32> {pk.status}) {
  %h = math.absf %hr : tensor<16xf16>
  %lr = arith.constant dense<0.1> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<16x24xf16>, tensor<16xf16>, tensor<40x24xf32>, tensor<40xi32> -> tensor<i32>
  return %w1, %h1, %s : tensor<16x24xf16>, tensor<16xf16>, tensor<i32>
}
func.func @dense_args(%w: tensor<33x17xf32>, %hr: tensor<33x17xf32>, %g: tensor<33x17xf32>, %lr: tensor<f32>) -> (tensor<33x17xf32>, tensor<33x17xf32>) {
  %h = math.absf %hr : tensor<33x17xf32>
  %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) decay = 0.9 weight_decay = 0.01 : tensor<33x17xf32>, tensor<33x17xf32>
  return %w1, %h1 : tensor<33x17xf32>, tensor<33x17xf32>
}
