// RUN: pk-opt %s | pk-opt | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// CHECK-LABEL: func.func @batch_norm_nchw
// CHECK: pk.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<1x64x56x56xf32>, tensor<64xf32>
func.func @batch_norm_nchw(%x: tensor<1x64x56x56xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>, %m: tensor<64xf32>, %v: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %y = pk.batch_norm %x, %g, %b, %m, %v : tensor<1x64x56x56xf32>, tensor<64xf32>
  return %y : tensor<1x64x56x56xf32>
}

// CHECK-LABEL: func.func @batch_norm_nhwc_f16
// CHECK: pk.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} nhwc {epsilon = 1.000000e-03 : f32} : tensor<?x7x7x8xf16>, tensor<8xf32>
func.func @batch_norm_nhwc_f16(%x: tensor<?x7x7x8xf16>, %g: tensor<8xf32>, %b: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<?x7x7x8xf16> {
  %y = pk.batch_norm %x, %g, %b, %m, %v nhwc {epsilon = 1.0e-3 : f32} : tensor<?x7x7x8xf16>, tensor<8xf32>
  return %y : tensor<?x7x7x8xf16>
}

// The activation of a convolution, and old IR without one.
// CHECK-LABEL: func.func @conv_activations
// CHECK: pk.conv2d %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<4xf32>) {activation = "relu"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
// CHECK: pk.conv2d %{{.*}}, %{{.*}} {activation = "clip", clip = array<f32: 0.000000e+00, 6.000000e+00>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
// CHECK: pk.conv2d %{{.*}}, %{{.*}} nhwc {activation = "sigmoid"} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
// CHECK: pk.conv2d %{{.*}}, %{{.*}} {activation = "tanh"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
// CHECK: pk.conv2d %{{.*}}, %{{.*}} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
func.func @conv_activations(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %xn: tensor<1x8x8x3xf32>, %wn: tensor<3x3x3x4xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x6x6x4xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %r = pk.conv2d %x, %w bias(%b : tensor<4xf32>) {activation = "relu"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %c = pk.conv2d %x, %w {activation = "clip", clip = array<f32: 0.0, 6.0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %s = pk.conv2d %xn, %wn nhwc {activation = "sigmoid"} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  %t = pk.conv2d %x, %w {activation = "tanh"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %p = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %r, %c, %s, %t, %p : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x6x6x4xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}
