// RUN: pk-opt --pk-fold-batch-norm --split-input-file %s | FileCheck %s

// Constants fold: s = γ / √(var + ε) = [4/√4, 3/√9] = [2, 1];
// w' = w · s = [2, 1]; b' = (b − mean) · s + β = [(1−1)·2+0.5, (2−0)·1−1].
// CHECK-LABEL: func.func @constants
// CHECK-DAG:     %[[W:.+]] = arith.constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}1.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG:     %[[B:.+]] = arith.constant dense<[5.000000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.+]] = pk.conv2d %{{.+}}, %[[W]] bias(%[[B]] : tensor<2xf32>) : tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32> -> tensor<1x2x4x4xf32>
// CHECK-NOT:     pk.batch_norm
// CHECK:         return %[[Y]]
func.func @constants(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %g = arith.constant dense<[4.0, 3.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %m = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %v = arith.constant dense<[3.0, 8.0]> : tensor<2xf32>
  %y = pk.conv2d %x, %w bias(%b : tensor<2xf32>) : tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32> -> tensor<1x2x4x4xf32>
  %n = pk.batch_norm %y, %g, %beta, %m, %v {epsilon = 1.0 : f32} : tensor<1x2x4x4xf32>, tensor<2xf32>
  return %n : tensor<1x2x4x4xf32>
}

// -----

// Run-time statistics: a per-channel op computes the scale and bias, one
// op scales the filter along F (the last dim of HWCF).
// CHECK-DAG: #[[ID1:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[F:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @runtime_nhwc
// CHECK-SAME:    (%[[X:.+]]: tensor<1x8x8x3xf32>, %[[W:.+]]: tensor<3x3x3x4xf32>, %[[G:.+]]: tensor<4xf32>, %[[BETA:.+]]: tensor<4xf32>, %[[M:.+]]: tensor<4xf32>, %[[V:.+]]: tensor<4xf32>)
// CHECK:         %[[ST:.+]]:2 = linalg.generic {indexing_maps = [#[[ID1]], #[[ID1]], #[[ID1]], #[[ID1]], #[[ID1]], #[[ID1]]], {{.*}}} ins(%[[G]], %[[BETA]], %[[M]], %[[V]] : {{.*}})
// CHECK:           math.sqrt
// CHECK:           arith.divf
// CHECK:         %[[WS:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[F]], #[[ID4]]], {{.*}}} ins(%[[W]], %[[ST]]#0 : tensor<3x3x3x4xf32>, tensor<4xf32>)
// CHECK:           arith.mulf
// CHECK:         pk.conv2d %[[X]], %[[WS]] bias(%[[ST]]#1 : tensor<4xf32>) nhwc
// CHECK-NOT:     pk.batch_norm
func.func @runtime_nhwc(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) -> tensor<1x6x6x4xf32> {
  %y = pk.conv2d %x, %w nhwc : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  %n = pk.batch_norm %y, %g, %b, %m, %v nhwc : tensor<1x6x6x4xf32>, tensor<4xf32>
  return %n : tensor<1x6x6x4xf32>
}

// -----

// No fold: the convolution's result is used elsewhere too, the convolution
// applies an activation first, the layouts differ, or the input is not a
// convolution.
// CHECK-LABEL: func.func @no_match
// CHECK-COUNT-4: pk.batch_norm
func.func @no_match(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %p: tensor<4xf32>, %q: tensor<6xf32>, %t: tensor<3xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x3x8x8xf32>) {
  %y = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %n = pk.batch_norm %y, %p, %p, %p, %p : tensor<1x4x6x6xf32>, tensor<4xf32>
  %r = pk.conv2d %x, %w {activation = "relu"} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %rn = pk.batch_norm %r, %p, %p, %p, %p : tensor<1x4x6x6xf32>, tensor<4xf32>
  %z = pk.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  %zn = pk.batch_norm %z, %q, %q, %q, %q nhwc : tensor<1x4x6x6xf32>, tensor<6xf32>
  %xn = pk.batch_norm %x, %t, %t, %t, %t : tensor<1x3x8x8xf32>, tensor<3xf32>
  return %y, %n, %rn, %zn, %xn : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x3x8x8xf32>
}
