// Convolution and pooling: values computed by hand, and random inputs with
// remainders in every dimension checked against pk-reference-pipeline.
// RUN: pk-run %s --entry conv_known --print | FileCheck %s --check-prefix=CONV
// RUN: pk-run %s --entry conv_grouped_known --print | FileCheck %s --check-prefix=GROUPS
// RUN: pk-run %s --entry pools_known --print | FileCheck %s --check-prefix=POOL
// RUN: pk-run %s --entry conv_nchw_odd | FileCheck %s
// RUN: pk-run %s --entry conv_nhwc_grouped | FileCheck %s
// RUN: pk-run %s --entry conv_f16 | FileCheck %s
// RUN: pk-run %s --entry conv_relu_pool | FileCheck %s
// RUN: pk-run %s --entry pools_odd | FileCheck %s
// RUN: pk-run %s --entry pointwise_known --print | FileCheck %s --check-prefix=POINT
// RUN: pk-run %s --entry pointwise_packed | FileCheck %s
// RUN: pk-run %s --entry pointwise_nhwc | FileCheck %s
// CHECK: PASS

// A 3x3 input of 1..9 with a 2x2 kernel of ones, padding 1 on the top and
// left only, stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1).
// Sums: [1], [2+3], [4+7], [5+6+8+9]; bias 0.5 is added.
// CONV: PASS
// CONV: result #0 = {{\[\[\[\[}}1.5, 5.5], [11.5, 28.5]]]]
func.func @conv_known() -> tensor<1x1x2x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %w = arith.constant dense<1.0> : tensor<1x1x2x2xf32>
  %b = arith.constant dense<0.5> : tensor<1xf32>
  %y = pk.conv2d %x, %w bias(%b : tensor<1xf32>) {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 0, 0>}
      : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// Two groups, NHWC, 1x1 kernel: output channel 0 sees input channel 0
// (times 2), output channel 1 sees input channel 1 (times 3).
// GROUPS: PASS
// GROUPS: result #0 = {{\[\[\[\[}}2, 30], [4, 60]]]]
func.func @conv_grouped_known() -> tensor<1x1x2x2xf32> {
  %x = arith.constant dense<[[[[1.0, 10.0], [2.0, 20.0]]]]> : tensor<1x1x2x2xf32>
  %w = arith.constant dense<[[[[2.0, 3.0]]]]> : tensor<1x1x1x2xf32>
  %y = pk.conv2d %x, %w nhwc {groups = 2 : i64} : tensor<1x1x2x2xf32>, tensor<1x1x1x2xf32> -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// Max and average pooling of a 3x3 input of 1..9 with a 2x2 window, stride
// 1, padding 1 at the bottom and right. Max: [5 6 6; 8 9 9; 8 9 9].
// Average counting the padding: sums / 4; excluding it: sums / real count.
// POOL: PASS
// POOL: result #0 = {{\[\[\[\[}}5, 6, 6], [8, 9, 9], [8, 9, 9]]]]
// POOL: result #1 = {{\[\[\[\[}}3, 4, 2.25], [6, 7, 3.75], [3.75, 4.25, 2.25]]]]
// POOL: result #2 = {{\[\[\[\[}}3, 4, 4.5], [6, 7, 7.5], [7.5, 8.5, 9]]]]
func.func @pools_known() -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) {
  %x = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %m = pk.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 1, 1>}
      : tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  %a = pk.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 1, 1>}
      : tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  %e = pk.avg_pool2d %x exclude_padding {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, padding = array<i64: 0, 0, 1, 1>}
      : tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  return %m, %a, %e : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>
}

func.func @conv_nchw_odd(%x: tensor<2x5x13x11xf32>, %w: tensor<7x5x3x2xf32>, %b: tensor<7xf32>) -> tensor<2x7x6x10xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<7xf32>) {strides = array<i64: 2, 1>, padding = array<i64: 1, 0, 0, 1>, dilations = array<i64: 1, 2>}
      : tensor<2x5x13x11xf32>, tensor<7x5x3x2xf32> -> tensor<2x7x6x10xf32>
  return %y : tensor<2x7x6x10xf32>
}
func.func @conv_nhwc_grouped(%x: tensor<1x9x10x12xf32>, %w: tensor<3x3x4x9xf32>) -> tensor<1x5x5x9xf32> {
  %y = pk.conv2d %x, %w nhwc {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 0>, groups = 3 : i64}
      : tensor<1x9x10x12xf32>, tensor<3x3x4x9xf32> -> tensor<1x5x5x9xf32>
  return %y : tensor<1x5x5x9xf32>
}
func.func @conv_f16(%x: tensor<1x8x7x7xf16>, %w: tensor<4x8x3x3xf16>) -> tensor<1x4x5x5xf32> {
  %y = pk.conv2d %x, %w : tensor<1x8x7x7xf16>, tensor<4x8x3x3xf16> -> tensor<1x4x5x5xf32>
  return %y : tensor<1x4x5x5xf32>
}
func.func @conv_relu_pool(%x: tensor<1x16x14x14xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x7x7xf32> {
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x16x14x14xf32>, tensor<16x16x3x3xf32> -> tensor<1x16x14x14xf32>
  %zero = arith.constant dense<0.0> : tensor<1x16x14x14xf32>
  %r = arith.maximumf %y, %zero : tensor<1x16x14x14xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>} : tensor<1x16x14x14xf32> -> tensor<1x16x7x7xf32>
  return %p : tensor<1x16x7x7xf32>
}
func.func @pools_odd(%x: tensor<2x3x11x9xbf16>) -> (tensor<2x3x5x4xbf16>, tensor<2x3x6x5xbf16>) {
  %m = pk.max_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 2>} : tensor<2x3x11x9xbf16> -> tensor<2x3x5x4xbf16>
  %a = pk.avg_pool2d %x exclude_padding {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : tensor<2x3x11x9xbf16> -> tensor<2x3x6x5xbf16>
  return %m, %a : tensor<2x3x5x4xbf16>, tensor<2x3x6x5xbf16>
}

// 1x1 convolutions (computed as matrix products): channel 0 of the output
// is x0 + 2*x1 + 0.5, channel 1 is relu(3*x0 - x1) = 0 everywhere here.
// POINT: PASS
// POINT: result #0 = {{\[\[\[\[}}21.5, 42.5]], {{\[\[}}0, 0]]]]
func.func @pointwise_known() -> tensor<1x2x1x2xf32> {
  %x = arith.constant dense<[[[[1.0, 2.0]], [[10.0, 20.0]]]]> : tensor<1x2x1x2xf32>
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[-1.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %y = pk.conv2d %x, %w bias(%b : tensor<2xf32>) {activation = "relu"}
      : tensor<1x2x1x2xf32>, tensor<2x2x1x1xf32> -> tensor<1x2x1x2xf32>
  return %y : tensor<1x2x1x2xf32>
}

// Large enough for the packed GEMM schedule (72 filters x 1054 pixels,
// neither a multiple of the 64x64 tile).
func.func @pointwise_packed(%x: tensor<1x48x34x31xf32>, %w: tensor<72x48x1x1xf32>) -> tensor<1x72x34x31xf32> {
  %y = pk.conv2d %x, %w : tensor<1x48x34x31xf32>, tensor<72x48x1x1xf32> -> tensor<1x72x34x31xf32>
  return %y : tensor<1x72x34x31xf32>
}

func.func @pointwise_nhwc(%x: tensor<2x9x11x24xf32>, %w: tensor<1x1x24x40xf32>) -> tensor<2x9x11x40xf32> {
  %y = pk.conv2d %x, %w nhwc : tensor<2x9x11x24xf32>, tensor<1x1x24x40xf32> -> tensor<2x9x11x40xf32>
  return %y : tensor<2x9x11x40xf32>
}
