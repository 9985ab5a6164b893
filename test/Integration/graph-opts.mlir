// Graph optimisations (batch norm folded into the convolution, bias and
// activations fused into its epilogue, conv + max-pool computed tile by
// tile) give the same results: pk-run compares pk-cpu-pipeline, which runs
// them, with pk-reference-pipeline, which does not (PASS), and the first
// two functions against values computed by hand.
// RUN: pk-run %s --entry bn_known --print | FileCheck %s --check-prefix=BN
// RUN: pk-run %s --entry conv_bn_relu_pool_known --print | FileCheck %s --check-prefix=CBRP
// RUN: pk-run %s --entry conv_bn_relu_pool | FileCheck %s
// RUN: pk-run %s --entry conv_bn_relu_pool --num-threads 2 | FileCheck %s
// RUN: pk-run %s --entry runtime_bn_relu6_pool_nhwc | FileCheck %s
// RUN: pk-run %s --entry odd_overlapping_pool | FileCheck %s
// RUN: pk-run %s --entry bias_sigmoid_tanh | FileCheck %s
// RUN: pk-run %s --entry conv_relu_pool_f16 | FileCheck %s
// RUN: pk-run %s --entry transposed_matmul | FileCheck %s
// CHECK: PASS

// x = [[1 2]] in channel 0, [[3 4]] in channel 1; s = γ/√(var+ε) =
// [4/√4, 1/√1] = [2, 1]; y = (x − mean)·s + β.
// BN: PASS
// BN: result #0 = {{\[\[\[\[}}1, 3]], {{\[\[}}0, 1]]]]
func.func @bn_known() -> tensor<1x2x1x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %g = arith.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %b = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %m = arith.constant dense<[1.0, 3.0]> : tensor<2xf32>
  %v = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y = pk.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0 : f32} : tensor<1x2x1x2xf32>, tensor<2xf32>
  return %y : tensor<1x2x1x2xf32>
}

// A 4x4 input of 1..16, a 2x2 filter of ones (channel 0) and of minus ones
// (channel 1): window sums 14 18 22 / 30 34 38 / 46 50 54. Batch norm with
// s = [1/√4, 2/√4] = [0.5, 1], mean [10, 0], β [0, 1]: channel 0 becomes
// 2 4 6 / 10 12 14 / 18 20 22, channel 1 is negative and ReLU zeroes it.
// A 2x2 max-pool at stride 1: 12 14 / 20 22 and zeros.
// CBRP: PASS
// CBRP: result #0 = {{\[\[\[\[}}12, 14], [20, 22]], {{\[\[}}0, 0], [0, 0]]]]
func.func @conv_bn_relu_pool_known() -> tensor<1x2x2x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]]]> : tensor<1x1x4x4xf32>
  %w = arith.constant dense<[[[[1.0, 1.0], [1.0, 1.0]]], [[[-1.0, -1.0], [-1.0, -1.0]]]]> : tensor<2x1x2x2xf32>
  %g = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %m = arith.constant dense<[10.0, 0.0]> : tensor<2xf32>
  %v = arith.constant dense<[3.0, 3.0]> : tensor<2xf32>
  %y = pk.conv2d %x, %w : tensor<1x1x4x4xf32>, tensor<2x1x2x2xf32> -> tensor<1x2x3x3xf32>
  %n = pk.batch_norm %y, %g, %b, %m, %v {epsilon = 1.0 : f32} : tensor<1x2x3x3xf32>, tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<1x2x3x3xf32>
  %r = arith.maximumf %n, %zero : tensor<1x2x3x3xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>} : tensor<1x2x3x3xf32> -> tensor<1x2x2x2xf32>
  return %p : tensor<1x2x2x2xf32>
}

// The benchmark's shape, smaller: NCHW conv3x3 + BN (constant statistics)
// + ReLU + 2x2 max-pool.
func.func @conv_bn_relu_pool(%x: tensor<1x16x14x14xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x7x7xf32> {
  %g = arith.constant dense<[0.857, 1.316, 1.055, 1.406, 1.439, 0.598, 0.520, 1.756, 0.889, 0.851, 1.993, 1.205, 1.755, 1.215, 1.459, 0.726]> : tensor<16xf32>
  %b = arith.constant dense<[0.270, 0.736, 0.046, 0.483, 0.343, -0.872, 0.516, 0.182, -0.397, -0.938, 0.731, -0.055, 0.438, 0.758, 0.428, 0.842]> : tensor<16xf32>
  %m = arith.constant dense<[-0.105, 0.301, -0.055, 0.436, 0.379, -0.403, -0.364, -0.283, 0.465, -0.064, 0.127, -0.199, 0.007, -0.114, -0.149, 0.085]> : tensor<16xf32>
  %v = arith.constant dense<[1.836, 2.732, 2.110, 2.801, 2.598, 2.975, 2.080, 0.657, 2.610, 2.901, 2.733, 1.794, 2.199, 0.791, 2.529, 1.806]> : tensor<16xf32>
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x16x14x14xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x14x14xf32>
  %n = pk.batch_norm %y, %g, %b, %m, %v : tensor<1x16x14x14xf32>, tensor<16xf32>
  %zero = arith.constant dense<0.0> : tensor<1x16x14x14xf32>
  %r = arith.maximumf %n, %zero : tensor<1x16x14x14xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>} : tensor<1x16x14x14xf32> -> tensor<1x16x7x7xf32>
  return %p : tensor<1x16x7x7xf32>
}

// NHWC with a bias and statistics known only at run time (the variance is
// made positive from an argument), ReLU6 as max/min.
func.func @runtime_bn_relu6_pool_nhwc(%x: tensor<2x12x12x8xf32>, %w: tensor<3x3x8x8xf32>, %bias: tensor<8xf32>,
                                      %g: tensor<8xf32>, %beta: tensor<8xf32>, %m: tensor<8xf32>, %s: tensor<8xf32>) -> tensor<2x5x5x8xf32> {
  %half = arith.constant dense<0.5> : tensor<8xf32>
  %sq = arith.mulf %s, %s : tensor<8xf32>
  %v = arith.addf %sq, %half : tensor<8xf32>
  %y = pk.conv2d %x, %w bias(%bias : tensor<8xf32>) nhwc : tensor<2x12x12x8xf32>, tensor<3x3x8x8xf32> -> tensor<2x10x10x8xf32>
  %n = pk.batch_norm %y, %g, %beta, %m, %v nhwc : tensor<2x10x10x8xf32>, tensor<8xf32>
  %zero = arith.constant dense<0.0> : tensor<2x10x10x8xf32>
  %six = arith.constant dense<0.75> : tensor<2x10x10x8xf32>
  %r = arith.maximumf %n, %zero : tensor<2x10x10x8xf32>
  %c = arith.minimumf %r, %six : tensor<2x10x10x8xf32>
  %p = pk.max_pool2d %c nhwc {kernel = array<i64: 2, 2>} : tensor<2x10x10x8xf32> -> tensor<2x5x5x8xf32>
  return %p : tensor<2x5x5x8xf32>
}

// Odd sizes, 3x3 windows at stride 2 (overlapping: tiles recompute their
// halo rows), a strided convolution.
func.func @odd_overlapping_pool(%x: tensor<1x8x27x23xf32>, %w: tensor<24x8x3x3xf32>) -> tensor<1x24x6x5xf32> {
  %y = pk.conv2d %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : tensor<1x8x27x23xf32>, tensor<24x8x3x3xf32> -> tensor<1x24x14x12xf32>
  %zero = arith.constant dense<0.0> : tensor<1x24x14x12xf32>
  %r = arith.maximumf %y, %zero : tensor<1x24x14x12xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x24x14x12xf32> -> tensor<1x24x6x5xf32>
  return %p : tensor<1x24x6x5xf32>
}

// Bias adds and sigmoid / tanh fused into convolutions without a pool.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @bias_sigmoid_tanh(%x: tensor<1x4x9x9xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> (tensor<1x8x7x7xf32>, tensor<1x8x7x7xf32>) {
  %y = pk.conv2d %x, %w : tensor<1x4x9x9xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x7x7xf32>
  %e = tensor.empty() : tensor<1x8x7x7xf32>
  %a = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %b : tensor<1x8x7x7xf32>, tensor<8xf32>) outs(%e : tensor<1x8x7x7xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    linalg.yield %s : f32
  } -> tensor<1x8x7x7xf32>
  %s = pk.sigmoid %a : tensor<1x8x7x7xf32>
  %z = pk.conv2d %x, %w bias(%b : tensor<8xf32>) : tensor<1x4x9x9xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x7x7xf32>
  %t = pk.tanh %z : tensor<1x8x7x7xf32>
  return %s, %t : tensor<1x8x7x7xf32>, tensor<1x8x7x7xf32>
}

// f16 storage, f32 accumulation and activation.
func.func @conv_relu_pool_f16(%x: tensor<1x16x10x10xf16>, %w: tensor<32x16x3x3xf16>) -> tensor<1x32x5x5xf16> {
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x16x10x10xf16>, tensor<32x16x3x3xf16> -> tensor<1x32x10x10xf16>
  %zero = arith.constant dense<0.0> : tensor<1x32x10x10xf16>
  %r = arith.maximumf %y, %zero : tensor<1x32x10x10xf16>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>} : tensor<1x32x10x10xf16> -> tensor<1x32x5x5xf16>
  return %p : tensor<1x32x5x5xf16>
}

// A transpose feeding a matmul becomes its transpose flag.
func.func @transposed_matmul(%a: tensor<48x32xf32>, %b: tensor<48x40xf32>) -> tensor<32x40xf32> {
  %e = tensor.empty() : tensor<32x48xf32>
  %at = linalg.transpose ins(%a : tensor<48x32xf32>) outs(%e : tensor<32x48xf32>) permutation = [1, 0]
  %c = pk.matmul %at, %b : tensor<32x48xf32>, tensor<48x40xf32> -> tensor<32x40xf32>
  return %c : tensor<32x40xf32>
}
