// RUN: pk-opt %s | pk-opt | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// CHECK-LABEL: func.func @conv_nchw
// CHECK: pk.conv2d %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<64xf32>) {padding = array<i64: 1, 1, 1, 1>} : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32> -> tensor<1x64x56x56xf32>
func.func @conv_nchw(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<64xf32>) {padding = array<i64: 1, 1, 1, 1>}
      : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32> -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @conv_nhwc_grouped
// CHECK: pk.conv2d %{{.*}}, %{{.*}} nhwc {dilations = array<i64: 2, 1>, groups = 2 : i64, strides = array<i64: 2, 2>} : tensor<2x32x32x16xf16>, tensor<3x3x8x32xf16> -> tensor<2x14x15x32xf32>
func.func @conv_nhwc_grouped(%x: tensor<2x32x32x16xf16>, %w: tensor<3x3x8x32xf16>) -> tensor<2x14x15x32xf32> {
  %y = pk.conv2d %x, %w nhwc {strides = array<i64: 2, 2>, dilations = array<i64: 2, 1>, groups = 2 : i64}
      : tensor<2x32x32x16xf16>, tensor<3x3x8x32xf16> -> tensor<2x14x15x32xf32>
  return %y : tensor<2x14x15x32xf32>
}

// CHECK-LABEL: func.func @conv_dynamic_batch
// CHECK: pk.conv2d %{{.*}}, %{{.*}} : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x6xf32>
func.func @conv_dynamic_batch(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32> {
  %y = pk.conv2d %x, %w : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x6xf32>
  return %y : tensor<?x4x6x6xf32>
}

// CHECK-LABEL: func.func @pools
// CHECK: pk.max_pool2d %{{.*}} {kernel = array<i64: 2, 2>} : tensor<1x64x56x56xf32> -> tensor<1x64x28x28xf32>
// CHECK: pk.avg_pool2d %{{.*}} nhwc exclude_padding {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x7x7x8xbf16> -> tensor<1x7x7x8xbf16>
func.func @pools(%x: tensor<1x64x56x56xf32>, %y: tensor<1x7x7x8xbf16>) -> (tensor<1x64x28x28xf32>, tensor<1x7x7x8xbf16>) {
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x64x56x56xf32> -> tensor<1x64x28x28xf32>
  %a = pk.avg_pool2d %y nhwc exclude_padding {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>}
      : tensor<1x7x7x8xbf16> -> tensor<1x7x7x8xbf16>
  return %p, %a : tensor<1x64x28x28xf32>, tensor<1x7x7x8xbf16>
}
