// RUN: pk-opt --pk-fuse-activations --split-input-file %s | FileCheck %s

// ReLU written as arith.maximumf with a zero splat (either operand order).
// CHECK-LABEL: func.func @relu
// CHECK:         %[[Y:.+]] = pk.conv2d %{{.+}}, %{{.+}} {activation = "relu"}
// CHECK-NOT:     arith.maximumf
// CHECK:         return %[[Y]]
func.func @relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %zero = arith.constant dense<0.0> : tensor<1x4x6x6xf32>
  %r = arith.maximumf %zero, %y : tensor<1x4x6x6xf32>
  return %r : tensor<1x4x6x6xf32>
}

// -----

// Clip as max then min; the bias stays.
// CHECK-LABEL: func.func @clip
// CHECK:         %[[Y:.+]] = pk.conv2d %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<4xf32>) {activation = "clip", clip = array<f32: -1.000000e+00, 6.000000e+00>}
// CHECK-NOT:     arith.m
// CHECK:         return %[[Y]]
func.func @clip(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<4xf32>) : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %lo = arith.constant dense<-1.0> : tensor<1x4x6x6xf32>
  %hi = arith.constant dense<6.0> : tensor<1x4x6x6xf32>
  %m = arith.maximumf %y, %lo : tensor<1x4x6x6xf32>
  %c = arith.minimumf %m, %hi : tensor<1x4x6x6xf32>
  return %c : tensor<1x4x6x6xf32>
}

// -----

// ReLU6 as a ReLU then a min: clip [0, 6].
// CHECK-LABEL: func.func @relu6
// CHECK:         pk.conv2d %{{.+}}, %{{.+}} nhwc {activation = "clip", clip = array<f32: 0.000000e+00, 6.000000e+00>}
func.func @relu6(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  %y = pk.conv2d %x, %w nhwc : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  %zero = arith.constant dense<0.0> : tensor<1x6x6x4xf32>
  %six = arith.constant dense<6.0> : tensor<1x6x6x4xf32>
  %r = arith.maximumf %y, %zero : tensor<1x6x6x4xf32>
  %c = arith.minimumf %r, %six : tensor<1x6x6x4xf32>
  return %c : tensor<1x6x6x4xf32>
}

// -----

// CHECK-LABEL: func.func @sigmoid_tanh
// CHECK:         pk.conv2d %{{.+}}, %{{.+}} {activation = "sigmoid"}
// CHECK:         pk.conv2d %{{.+}}, %{{.+}} {activation = "tanh"}
// CHECK-NOT:     pk.sigmoid
// CHECK-NOT:     pk.tanh
func.func @sigmoid_tanh(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %s = pk.sigmoid %y : tensor<1x4x6x6xf32>
  %z = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %t = pk.tanh %z : tensor<1x4x6x6xf32>
  return %s, %t : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}

// -----

// A bias add broadcasting [F] along the channel dim, then a ReLU generic:
// both end up in the convolution.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @bias_relu_generics
// CHECK-SAME:    (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK:         %[[Y:.+]] = pk.conv2d %[[X]], %[[W]] bias(%[[B]] : tensor<4xf32>) {activation = "relu"}
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[Y]]
func.func @bias_relu_generics(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %e = tensor.empty() : tensor<1x4x6x6xf32>
  %a = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y, %b : tensor<1x4x6x6xf32>, tensor<4xf32>) outs(%e : tensor<1x4x6x6xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %bias, %in : f32
    linalg.yield %s : f32
  } -> tensor<1x4x6x6xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a : tensor<1x4x6x6xf32>) outs(%e : tensor<1x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x4x6x6xf32>
  return %r : tensor<1x4x6x6xf32>
}

// -----

// Left alone: the convolution has another user; the max is with a
// non-splat tensor; the bias is along the wrong dimension; a clamp cannot
// follow a sigmoid. A max with -0.0 is not a ReLU (it keeps -0.0): it
// becomes the exact clip [-0.0, inf].
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#w = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @no_match
// CHECK-NOT:     activation = "relu"
// CHECK-NOT:     bias(
// CHECK:         arith.maximumf
// CHECK:         {activation = "clip", clip = array<f32: -0.000000e+00, 0x7F800000>}
// CHECK:         arith.maximumf
// CHECK:         linalg.generic
// CHECK:         {activation = "sigmoid"}
// CHECK:         arith.minimumf
func.func @no_match(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<6xf32>, %t: tensor<1x4x6x6xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %zero = arith.constant dense<0.0> : tensor<1x4x6x6xf32>
  %negzero = arith.constant dense<-0.0> : tensor<1x4x6x6xf32>
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %r = arith.maximumf %y, %zero : tensor<1x4x6x6xf32>
  %y2 = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %r2 = arith.maximumf %y2, %negzero : tensor<1x4x6x6xf32>
  %y3 = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %r3 = arith.maximumf %y3, %t : tensor<1x4x6x6xf32>
  %y4 = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %e = tensor.empty() : tensor<1x4x6x6xf32>
  %a = linalg.generic {indexing_maps = [#id, #w, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y4, %b : tensor<1x4x6x6xf32>, tensor<6xf32>) outs(%e : tensor<1x4x6x6xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    linalg.yield %s : f32
  } -> tensor<1x4x6x6xf32>
  %y5 = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %s5 = pk.sigmoid %y5 : tensor<1x4x6x6xf32>
  %c5 = arith.minimumf %s5, %zero : tensor<1x4x6x6xf32>
  return %y, %r, %r2, %r3, %a, %c5 : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}

// -----

// pk.matmul: a bias add broadcasting [N] along the last dimension (bias as
// the generic's first input), then ReLU as arith.maximumf.
#id = affine_map<(d0, d1) -> (d0, d1)>
#n = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK-SAME:    (%[[A:.+]]: tensor<8x4xf32>, %[[B:.+]]: tensor<4x6xf32>, %[[C:.+]]: tensor<6xf32>)
// CHECK:         %[[Y:.+]] = pk.matmul %[[A]], %[[B]] bias(%[[C]] : tensor<6xf32>) {activation = "relu"} : tensor<8x4xf32>, tensor<4x6xf32> -> tensor<8x6xf32>
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     arith.maximumf
// CHECK:         return %[[Y]]
func.func @matmul_bias_relu(%a: tensor<8x4xf32>, %b: tensor<4x6xf32>, %c: tensor<6xf32>) -> tensor<8x6xf32> {
  %y = pk.matmul %a, %b : tensor<8x4xf32>, tensor<4x6xf32> -> tensor<8x6xf32>
  %e = tensor.empty() : tensor<8x6xf32>
  %s = linalg.generic {indexing_maps = [#n, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %y : tensor<6xf32>, tensor<8x6xf32>) outs(%e : tensor<8x6xf32>) {
  ^bb0(%bias: f32, %in: f32, %out: f32):
    %t = arith.addf %in, %bias : f32
    linalg.yield %t : f32
  } -> tensor<8x6xf32>
  %zero = arith.constant dense<0.0> : tensor<8x6xf32>
  %r = arith.maximumf %s, %zero : tensor<8x6xf32>
  return %r : tensor<8x6xf32>
}

// -----

// Batched, transposed matmul: bias along N, then clip as max/min; sigmoid
// and tanh on two more matmuls. The transpose flag stays.
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#n = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @matmul_batched_clip_sigmoid_tanh
// CHECK:         pk.matmul %{{.+}}, %{{.+}} transpose_rhs bias(%{{.+}} : tensor<5xf32>) {activation = "clip", clip = array<f32: -1.000000e+00, 2.000000e+00>} : tensor<2x3x4xf32>, tensor<2x5x4xf32> -> tensor<2x3x5xf32>
// CHECK:         pk.matmul %{{.+}}, %{{.+}} {activation = "sigmoid"}
// CHECK:         pk.matmul %{{.+}}, %{{.+}} {activation = "tanh"}
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     arith.m
// CHECK-NOT:     pk.sigmoid
// CHECK-NOT:     pk.tanh
func.func @matmul_batched_clip_sigmoid_tanh(%a: tensor<2x3x4xf32>, %b: tensor<2x5x4xf32>, %c: tensor<5xf32>, %d: tensor<2x4x5xf32>)
    -> (tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3x5xf32>) {
  %y = pk.matmul %a, %b transpose_rhs : tensor<2x3x4xf32>, tensor<2x5x4xf32> -> tensor<2x3x5xf32>
  %e = tensor.empty() : tensor<2x3x5xf32>
  %s = linalg.generic {indexing_maps = [#id, #n, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %c : tensor<2x3x5xf32>, tensor<5xf32>) outs(%e : tensor<2x3x5xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %t = arith.addf %bias, %in : f32
    linalg.yield %t : f32
  } -> tensor<2x3x5xf32>
  %lo = arith.constant dense<-1.0> : tensor<2x3x5xf32>
  %hi = arith.constant dense<2.0> : tensor<2x3x5xf32>
  %m = arith.maximumf %lo, %s : tensor<2x3x5xf32>
  %r = arith.minimumf %m, %hi : tensor<2x3x5xf32>
  %y2 = pk.matmul %a, %d : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  %sg = pk.sigmoid %y2 : tensor<2x3x5xf32>
  %y3 = pk.matmul %a, %d : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  %th = pk.tanh %y3 : tensor<2x3x5xf32>
  return %r, %sg, %th : tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3x5xf32>
}

// -----

// Left alone for pk.matmul: a bias along M (not the last dimension); a
// matmul with another user; a bias add after an activation.
#id = affine_map<(d0, d1) -> (d0, d1)>
#m = affine_map<(d0, d1) -> (d0)>
#n = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_no_match
// CHECK-NOT:     bias(
// CHECK-NOT:     activation = "relu"
// CHECK:         linalg.generic
// CHECK:         arith.maximumf
// CHECK:         {activation = "tanh"}
// CHECK:         linalg.generic
func.func @matmul_no_match(%a: tensor<6x4xf32>, %b: tensor<4x6xf32>, %c: tensor<6xf32>)
    -> (tensor<6x6xf32>, tensor<6x6xf32>, tensor<6x6xf32>, tensor<6x6xf32>) {
  %e = tensor.empty() : tensor<6x6xf32>
  %y = pk.matmul %a, %b : tensor<6x4xf32>, tensor<4x6xf32> -> tensor<6x6xf32>
  %s = linalg.generic {indexing_maps = [#id, #m, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %c : tensor<6x6xf32>, tensor<6xf32>) outs(%e : tensor<6x6xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %t = arith.addf %in, %bias : f32
    linalg.yield %t : f32
  } -> tensor<6x6xf32>
  %y2 = pk.matmul %a, %b : tensor<6x4xf32>, tensor<4x6xf32> -> tensor<6x6xf32>
  %zero = arith.constant dense<0.0> : tensor<6x6xf32>
  %r2 = arith.maximumf %y2, %zero : tensor<6x6xf32>
  %y3 = pk.matmul %a, %b : tensor<6x4xf32>, tensor<4x6xf32> -> tensor<6x6xf32>
  %t3 = pk.tanh %y3 : tensor<6x6xf32>
  %s3 = linalg.generic {indexing_maps = [#id, #n, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t3, %c : tensor<6x6xf32>, tensor<6xf32>) outs(%e : tensor<6x6xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %t = arith.addf %in, %bias : f32
    linalg.yield %t : f32
  } -> tensor<6x6xf32>
  return %s, %y2, %r2, %s3 : tensor<6x6xf32>, tensor<6x6xf32>, tensor<6x6xf32>, tensor<6x6xf32>
}
