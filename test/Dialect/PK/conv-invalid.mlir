// RUN: pk-opt %s -split-input-file -verify-diagnostics

func.func @rank(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects an NCHW input of rank 4, got 'tensor<1x3x8xf32>'}}
  %y = pk.conv2d %x, %w : tensor<1x3x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @result_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects a result of rank 4, got 3}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<4x6x6xf32>
  return %y : tensor<4x6x6xf32>
}

func.func @pool_result_rank(%x: tensor<1x3x8x8xf32>) -> tensor<3x4x4xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op expects a result of rank 4, got 3}}
  %y = pk.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<3x4x4xf32>
  return %y : tensor<3x4x4xf32>
}

// -----

func.func @types(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op input and filter element types differ: 'f32' vs 'f16'}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @result_type(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xbf16> {
  // expected-error @+1 {{'pk.conv2d' op result element type must be 'f16' (the operand element type) or f32, got 'bf16'}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16> -> tensor<1x4x6x6xbf16>
  return %y : tensor<1x4x6x6xbf16>
}

// -----

func.func @strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects strides of 2 positive values [h, w]}}
  %y = pk.conv2d %x, %w {strides = array<i64: 0, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects padding of 4 non-negative values [top, left, bottom, right]}}
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @dilations(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects dilations of 2 positive values [h, w]}}
  %y = pk.conv2d %x, %w {dilations = array<i64: 1, -1>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @groups_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1}}
  %y = pk.conv2d %x, %w {groups = 0 : i64} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @groups_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op input channels (6) are not divisible by groups (4)}}
  %y = pk.conv2d %x, %w {groups = 4 : i64} : tensor<1x6x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @groups_filters(%x: tensor<1x6x8x8xf32>, %w: tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op output channels (5) are not divisible by groups (3)}}
  %y = pk.conv2d %x, %w {groups = 3 : i64} : tensor<1x6x8x8xf32>, tensor<5x2x3x3xf32> -> tensor<1x5x6x6xf32>
  return %y : tensor<1x5x6x6xf32>
}

// -----

func.func @groups_dynamic(%x: tensor<1x?x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op grouped convolution needs static channel counts}}
  %y = pk.conv2d %x, %w {groups = 2 : i64} : tensor<1x?x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @filter_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op filter expects 2 input channels per group, input has 3 channels in 1 groups}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @result_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x5x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op result has 5 channels, the filter produces 4}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x5x6x6xf32>
  return %y : tensor<1x5x6x6xf32>
}

// -----

func.func @bias_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op expects a bias of shape [4], got 'tensor<3xf32>'}}
  %y = pk.conv2d %x, %w bias(%b : tensor<3xf32>) : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @bias_type(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf16>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op bias element type must be the result's ('f32'), got 'f16'}}
  %y = pk.conv2d %x, %w bias(%b : tensor<4xf16>) : tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @spatial(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'pk.conv2d' op expected output spatial size 6x6, got 8x8}}
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @window_too_big(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{'pk.conv2d' op window of 3x3 (dilated) does not fit the padded 2x2 input}}
  %y = pk.conv2d %x, %w : tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}

// -----

func.func @batch(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pk.conv2d' op batch size mismatch: input has 2, result has 1}}
  %y = pk.conv2d %x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @pool_rank(%x: tensor<64x56x56xf32>) -> tensor<64x28x28xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op expects an NCHW input of rank 4, got 'tensor<64x56x56xf32>'}}
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<64x56x56xf32> -> tensor<64x28x28xf32>
  return %p : tensor<64x28x28xf32>
}

// -----

func.func @pool_type(%x: tensor<1x4x8x8xf16>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'pk.avg_pool2d' op result element type must be the input's ('f16'), got 'f32'}}
  %p = pk.avg_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x4x8x8xf16> -> tensor<1x4x4x4xf32>
  return %p : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_kernel(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op expects a kernel of 2 positive values [h, w]}}
  %p = pk.max_pool2d %x {kernel = array<i64: 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %p : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_padding(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x5x5xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op expects padding smaller than the kernel}}
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 2, 0, 0, 0>} : tensor<1x4x8x8xf32> -> tensor<1x4x5x5xf32>
  return %p : tensor<1x4x5x5xf32>
}

// -----

func.func @pool_channels(%x: tensor<1x4x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op channel count mismatch: input has 4, result has 3}}
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x3x4x4xf32>
  return %p : tensor<1x3x4x4xf32>
}

// -----

func.func @pool_spatial(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x7x7xf32> {
  // expected-error @+1 {{'pk.max_pool2d' op expected output spatial size 4x4, got 7x7}}
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x7x7xf32>
  return %p : tensor<1x4x7x7xf32>
}
