// RUN: pk-opt %s -split-input-file -verify-diagnostics

func.func @rank(%x: tensor<8x64xf32>, %p: tensor<64xf32>) -> tensor<8x64xf32> {
  // expected-error @+1 {{'pk.batch_norm' op expects an input of rank 4 (NCHW or NHWC), got 2}}
  %y = pk.batch_norm %x, %p, %p, %p, %p : tensor<8x64xf32>, tensor<64xf32>
  return %y : tensor<8x64xf32>
}

// -----

func.func @channels(%x: tensor<1x64x8x8xf32>, %p: tensor<8xf32>) -> tensor<1x64x8x8xf32> {
  // expected-error @+1 {{'pk.batch_norm' op expects scale, bias, mean and variance of shape [64], got 'tensor<8xf32>'}}
  %y = pk.batch_norm %x, %p, %p, %p, %p : tensor<1x64x8x8xf32>, tensor<8xf32>
  return %y : tensor<1x64x8x8xf32>
}

// -----

// NHWC: the channels are the last dimension.
func.func @channels_nhwc(%x: tensor<1x64x8x8xf32>, %p: tensor<64xf32>) -> tensor<1x64x8x8xf32> {
  // expected-error @+1 {{'pk.batch_norm' op expects scale, bias, mean and variance of shape [8], got 'tensor<64xf32>'}}
  %y = pk.batch_norm %x, %p, %p, %p, %p nhwc : tensor<1x64x8x8xf32>, tensor<64xf32>
  return %y : tensor<1x64x8x8xf32>
}

// -----

func.func @param_type(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf16>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'pk.batch_norm' op parameter element type must be 'f32' (the input's) or f32, got 'f16'}}
  %y = pk.batch_norm %x, %p, %p, %p, %p : tensor<1x8x4x4xf32>, tensor<8xf16>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @epsilon(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'pk.batch_norm' op expects a non-negative epsilon, got -1}}
  %y = pk.batch_norm %x, %p, %p, %p, %p {epsilon = -1.0 : f32} : tensor<1x8x4x4xf32>, tensor<8xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @params_differ(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf32>, %q: tensor<4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'pk.batch_norm' op failed to verify that all of {scale, bias, mean, variance} have same type}}
  %y = "pk.batch_norm"(%x, %p, %p, %q, %p) : (tensor<1x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @unknown_activation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op attribute 'activation' failed to satisfy constraint: string attribute one of "relu", "clip", "sigmoid", "tanh"}}
  %y = pk.conv2d %x, %w {activation = "gelu"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @clip_without_bounds(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op activation "clip" needs clip = array<f32: lo, hi>}}
  %y = pk.conv2d %x, %w {activation = "clip"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @bounds_without_clip(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op clip bounds given without activation "clip"}}
  %y = pk.conv2d %x, %w {activation = "relu", clip = array<f32: 0.0, 1.0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @bounds_order(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects clip of 2 values [lo, hi] with lo <= hi}}
  %y = pk.conv2d %x, %w {activation = "clip", clip = array<f32: 6.0, 0.0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}
