// RUN: pk-opt --pk-lower-to-linalg --split-input-file %s | FileCheck %s

// Batch norm: one [C] op for s = γ/√(var+ε) and t = β − mean·s, then
// y = x·s + t along the channel dim (d3 in NHWC), f16 computed in f32.
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[C3:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @batch_norm_nhwc
// CHECK:         %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK:         %[[ST:.+]]:2 = linalg.generic {{.*}} ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK:           %[[V:.+]] = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK:           %[[R:.+]] = math.sqrt %[[V]] : f32
// CHECK:           %[[S:.+]] = arith.divf %{{.+}}, %[[R]] : f32
// CHECK:           %[[MS:.+]] = arith.mulf %{{.+}}, %[[S]] : f32
// CHECK:           %[[T:.+]] = arith.subf %{{.+}}, %[[MS]] : f32
// CHECK:           linalg.yield %[[S]], %[[T]]
// CHECK:         linalg.generic {indexing_maps = [#[[ID4]], #[[C3]], #[[C3]], #[[ID4]]], {{.*}}} ins(%{{.+}}, %[[ST]]#0, %[[ST]]#1 : tensor<2x7x7x8xf16>, tensor<8xf32>, tensor<8xf32>) outs(%{{.+}} : tensor<2x7x7x8xf16>)
// CHECK:           arith.extf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:           arith.truncf
func.func @batch_norm_nhwc(%x: tensor<2x7x7x8xf16>, %g: tensor<8xf32>, %b: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<2x7x7x8xf16> {
  %y = pk.batch_norm %x, %g, %b, %m, %v nhwc {epsilon = 1.0e-3 : f32} : tensor<2x7x7x8xf16>, tensor<8xf32>
  return %y : tensor<2x7x7x8xf16>
}

// -----

// Bias and activation: one epilogue after the convolution, in place on the
// f32 accumulator.
// CHECK-DAG: #[[C1:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_bias_clip
// CHECK:         %[[C:.+]] = linalg.conv_2d_nchw_fchw
// CHECK:         %[[E:.+]] = linalg.generic {indexing_maps = [#[[C1]], #{{.+}}], {{.*}}} ins(%{{.+}} : tensor<4xf32>) outs(%[[C]] : tensor<1x4x6x6xf32>)
// CHECK:           %[[A:.+]] = arith.addf
// CHECK:           %[[LO:.+]] = arith.maximumf %[[A]], %{{.+}} : f32
// CHECK:           %[[HI:.+]] = arith.minimumf %[[LO]], %{{.+}} : f32
// CHECK:           linalg.yield %[[HI]]
// CHECK:         return %[[E]]
func.func @conv_bias_clip(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<4xf32>) {activation = "clip", clip = array<f32: 0.0, 6.0>} : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// An f16 result: the epilogue reads the f32 accumulator and writes f16.
// CHECK-LABEL: func.func @conv_sigmoid_f16
// CHECK:         %[[C:.+]] = linalg.conv_2d_nhwc_hwcf
// CHECK:         linalg.generic {{.*}} ins(%[[C]] : tensor<1x6x6x4xf32>) outs(%{{.+}} : tensor<1x6x6x4xf16>)
// CHECK:           math.exp
// CHECK:           arith.divf
// CHECK:           arith.truncf
func.func @conv_sigmoid_f16(%x: tensor<1x8x8x3xf16>, %w: tensor<3x3x3x4xf16>) -> tensor<1x6x6x4xf16> {
  %y = pk.conv2d %x, %w nhwc {activation = "sigmoid"} : tensor<1x8x8x3xf16>, tensor<3x3x3x4xf16> -> tensor<1x6x6x4xf16>
  return %y : tensor<1x6x6x4xf16>
}
