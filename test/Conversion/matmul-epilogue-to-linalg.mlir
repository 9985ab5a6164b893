// RUN: pk-opt --pk-lower-to-linalg %s | FileCheck %s

// pk.matmul's bias (along N) and activation become one elementwise
// linalg.generic after the contraction, computed on the f32 accumulator and
// rounded once to the f16 result.
// CHECK-DAG: #[[N:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @bias_clip_f16
// CHECK-SAME:    (%{{.+}}: tensor<2x8x4xf16>, %{{.+}}: tensor<2x4x6xf16>, %[[C:.+]]: tensor<6xf16>)
// CHECK:         %[[ACC:.+]] = linalg.batch_matmul {{.*}} -> tensor<2x8x6xf32>
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[N]], #[[ID]], #[[ID]]]{{.*}} ins(%[[C]], %[[ACC]] : tensor<6xf16>, tensor<2x8x6xf32>)
// CHECK:           %[[B:.+]] = arith.extf %{{.+}} : f16 to f32
// CHECK:           %[[S:.+]] = arith.addf %{{.+}}, %[[B]] : f32
// CHECK:           %[[LO:.+]] = arith.maximumf %[[S]], %{{.+}} : f32
// CHECK:           %[[HI:.+]] = arith.minimumf %[[LO]], %{{.+}} : f32
// CHECK:           arith.truncf %[[HI]] : f32 to f16
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]]
func.func @bias_clip_f16(%a: tensor<2x8x4xf16>, %b: tensor<2x4x6xf16>, %c: tensor<6xf16>) -> tensor<2x8x6xf16> {
  %y = pk.matmul %a, %b bias(%c : tensor<6xf16>) {activation = "clip", clip = array<f32: 0.0, 6.0>} : tensor<2x8x4xf16>, tensor<2x4x6xf16> -> tensor<2x8x6xf16>
  return %y : tensor<2x8x6xf16>
}

// An f32 result: the activation runs in place on the accumulator.
// CHECK-LABEL: func.func @tanh_in_place
// CHECK:         %[[ACC:.+]] = linalg.matmul
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} outs(%[[ACC]] : tensor<8x6xf32>)
// CHECK:           math.tanh
// CHECK:         return %[[R]]
func.func @tanh_in_place(%a: tensor<8x4xf32>, %b: tensor<4x6xf32>) -> tensor<8x6xf32> {
  %y = pk.matmul %a, %b {activation = "tanh"} : tensor<8x4xf32>, tensor<4x6xf32> -> tensor<8x6xf32>
  return %y : tensor<8x6xf32>
}

// Without bias or activation nothing follows the contraction.
// CHECK-LABEL: func.func @plain
// CHECK:         %[[ACC:.+]] = linalg.matmul
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[ACC]]
func.func @plain(%a: tensor<8x4xf32>, %b: tensor<4x6xf32>) -> tensor<8x6xf32> {
  %y = pk.matmul %a, %b : tensor<8x4xf32>, tensor<4x6xf32> -> tensor<8x6xf32>
  return %y : tensor<8x6xf32>
}
