// RUN: pk-opt %s | pk-opt | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// Round trip of every pk op through the custom and the generic form.

//===----------------------------------------------------------------------===//
// pk.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: (%[[A:.+]]: tensor<64x32xf32>, %[[B:.+]]: tensor<32x16xf32>)
func.func @matmul_2d(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // CHECK: pk.matmul %[[A]], %[[B]] : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_batched
func.func @matmul_batched(%a: tensor<4x64x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<4x64x16xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} : tensor<4x64x32xf32>, tensor<4x32x16xf32> -> tensor<4x64x16xf32>
  %0 = pk.matmul %a, %b : tensor<4x64x32xf32>, tensor<4x32x16xf32> -> tensor<4x64x16xf32>
  return %0 : tensor<4x64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_lhs
func.func @matmul_transpose_lhs(%a: tensor<32x64xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} transpose_lhs : tensor<32x64xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  %0 = pk.matmul %a, %b transpose_lhs : tensor<32x64xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_rhs
func.func @matmul_transpose_rhs(%a: tensor<64x32xf32>, %b: tensor<16x32xf32>) -> tensor<64x16xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} transpose_rhs : tensor<64x32xf32>, tensor<16x32xf32> -> tensor<64x16xf32>
  %0 = pk.matmul %a, %b transpose_rhs : tensor<64x32xf32>, tensor<16x32xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_both_batched
func.func @matmul_transpose_both_batched(%a: tensor<2x32x64xf32>, %b: tensor<2x16x32xf32>) -> tensor<2x64x16xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} transpose_lhs transpose_rhs : tensor<2x32x64xf32>, tensor<2x16x32xf32> -> tensor<2x64x16xf32>
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<2x32x64xf32>, tensor<2x16x32xf32> -> tensor<2x64x16xf32>
  return %0 : tensor<2x64x16xf32>
}

// CHECK-LABEL: func.func @matmul_f16_to_f32
func.func @matmul_f16_to_f32(%a: tensor<4x128x64xf16>, %b: tensor<4x256x64xf16>) -> tensor<4x128x256xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} transpose_rhs : tensor<4x128x64xf16>, tensor<4x256x64xf16> -> tensor<4x128x256xf32>
  %0 = pk.matmul %a, %b transpose_rhs : tensor<4x128x64xf16>, tensor<4x256x64xf16> -> tensor<4x128x256xf32>
  return %0 : tensor<4x128x256xf32>
}

// CHECK-LABEL: func.func @matmul_bias_clip
func.func @matmul_bias_clip(%a: tensor<2x32x64xf32>, %b: tensor<2x16x32xf32>, %c: tensor<16xf32>) -> tensor<2x64x16xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} transpose_lhs transpose_rhs bias(%{{.+}} : tensor<16xf32>) {activation = "clip", clip = array<f32: 0.000000e+00, 6.000000e+00>} : tensor<2x32x64xf32>, tensor<2x16x32xf32> -> tensor<2x64x16xf32>
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs bias(%c : tensor<16xf32>) {activation = "clip", clip = array<f32: 0.0, 6.0>} : tensor<2x32x64xf32>, tensor<2x16x32xf32> -> tensor<2x64x16xf32>
  return %0 : tensor<2x64x16xf32>
}

// CHECK-LABEL: func.func @matmul_activation_only
func.func @matmul_activation_only(%a: tensor<8x16xf16>, %b: tensor<16x8xf16>) -> tensor<8x8xf32> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} {activation = "sigmoid"} : tensor<8x16xf16>, tensor<16x8xf16> -> tensor<8x8xf32>
  %0 = pk.matmul %a, %b {activation = "sigmoid"} : tensor<8x16xf16>, tensor<16x8xf16> -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// CHECK-LABEL: func.func @matmul_bf16
func.func @matmul_bf16(%a: tensor<8x16xbf16>, %b: tensor<16x8xbf16>) -> tensor<8x8xbf16> {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} : tensor<8x16xbf16>, tensor<16x8xbf16> -> tensor<8x8xbf16>
  %0 = pk.matmul %a, %b : tensor<8x16xbf16>, tensor<16x8xbf16> -> tensor<8x8xbf16>
  return %0 : tensor<8x8xbf16>
}

// CHECK-LABEL: func.func @matmul_dynamic
func.func @matmul_dynamic(%a: tensor<?x64xf32>, %b: tensor<64x?xf32>, %c: tensor<?x?x64xf16>, %d: tensor<2x64x16xf16>) -> (tensor<?x?xf32>, tensor<2x?x16xf32>) {
  // CHECK: pk.matmul %{{.+}}, %{{.+}} : tensor<?x64xf32>, tensor<64x?xf32> -> tensor<?x?xf32>
  %0 = pk.matmul %a, %b : tensor<?x64xf32>, tensor<64x?xf32> -> tensor<?x?xf32>
  // A dynamic operand size matches a static one elsewhere.
  // CHECK: pk.matmul %{{.+}}, %{{.+}} : tensor<?x?x64xf16>, tensor<2x64x16xf16> -> tensor<2x?x16xf32>
  %1 = pk.matmul %c, %d : tensor<?x?x64xf16>, tensor<2x64x16xf16> -> tensor<2x?x16xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<2x?x16xf32>
}

//===----------------------------------------------------------------------===//
// pk.sigmoid, pk.tanh
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @activations
func.func @activations(%a: tensor<f32>, %b: tensor<128xf16>, %c: tensor<8x128xbf16>, %d: tensor<2x?x4x8xf32>) {
  // CHECK: pk.sigmoid %{{.+}} : tensor<f32>
  // CHECK: pk.sigmoid %{{.+}} : tensor<128xf16>
  // CHECK: pk.sigmoid %{{.+}} : tensor<8x128xbf16>
  // CHECK: pk.sigmoid %{{.+}} : tensor<2x?x4x8xf32>
  %0 = pk.sigmoid %a : tensor<f32>
  %1 = pk.sigmoid %b : tensor<128xf16>
  %2 = pk.sigmoid %c : tensor<8x128xbf16>
  %3 = pk.sigmoid %d : tensor<2x?x4x8xf32>
  // CHECK: pk.tanh %{{.+}} : tensor<f32>
  // CHECK: pk.tanh %{{.+}} : tensor<128xf16>
  // CHECK: pk.tanh %{{.+}} : tensor<8x128xbf16>
  // CHECK: pk.tanh %{{.+}} : tensor<2x?x4x8xf32>
  %4 = pk.tanh %a : tensor<f32>
  %5 = pk.tanh %b : tensor<128xf16>
  %6 = pk.tanh %c : tensor<8x128xbf16>
  %7 = pk.tanh %d : tensor<2x?x4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// pk.softmax
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax
func.func @softmax(%a: tensor<128xf32>, %b: tensor<128x256xf16>, %c: tensor<2x?x16xbf16>) {
  // CHECK: pk.softmax %{{.+}} axis = 0 : tensor<128xf32>
  // CHECK: pk.softmax %{{.+}} axis = 0 : tensor<128x256xf16>
  // CHECK: pk.softmax %{{.+}} axis = 1 : tensor<128x256xf16>
  // CHECK: pk.softmax %{{.+}} axis = 1 : tensor<2x?x16xbf16>
  // CHECK: pk.softmax %{{.+}} axis = 2 : tensor<2x?x16xbf16>
  %0 = pk.softmax %a axis = 0 : tensor<128xf32>
  %1 = pk.softmax %b axis = 0 : tensor<128x256xf16>
  %2 = pk.softmax %b axis = 1 : tensor<128x256xf16>
  %3 = pk.softmax %c axis = 1 : tensor<2x?x16xbf16>
  %4 = pk.softmax %c axis = 2 : tensor<2x?x16xbf16>
  return
}

//===----------------------------------------------------------------------===//
// pk.attention
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @attention_rank2
func.func @attention_rank2(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // Nq != Nk and Dv != D, explicit scale.
  // CHECK: pk.attention %{{.+}}, %{{.+}}, %{{.+}} scale = 5.000000e-01 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  %0 = pk.attention %q, %k, %v scale = 0.5 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// CHECK-LABEL: func.func @attention_rank3_causal
func.func @attention_rank3_causal(%q: tensor<8x1024x64xf32>, %k: tensor<8x1024x64xf32>, %v: tensor<8x1024x64xf32>) -> tensor<8x1024x64xf32> {
  // CHECK: pk.attention %{{.+}}, %{{.+}}, %{{.+}} causal : tensor<8x1024x64xf32>, tensor<8x1024x64xf32>, tensor<8x1024x64xf32> -> tensor<8x1024x64xf32>
  %0 = pk.attention %q, %k, %v causal : tensor<8x1024x64xf32>, tensor<8x1024x64xf32>, tensor<8x1024x64xf32> -> tensor<8x1024x64xf32>
  return %0 : tensor<8x1024x64xf32>
}

// CHECK-LABEL: func.func @attention_rank4_scale_causal
func.func @attention_rank4_scale_causal(%q: tensor<2x4x16x32xbf16>, %k: tensor<2x4x24x32xbf16>, %v: tensor<2x4x24x8xbf16>) -> tensor<2x4x16x8xbf16> {
  // CHECK: pk.attention %{{.+}}, %{{.+}}, %{{.+}} scale = 1.250000e-01 causal : tensor<2x4x16x32xbf16>, tensor<2x4x24x32xbf16>, tensor<2x4x24x8xbf16> -> tensor<2x4x16x8xbf16>
  %0 = pk.attention %q, %k, %v scale = 0.125 causal : tensor<2x4x16x32xbf16>, tensor<2x4x24x32xbf16>, tensor<2x4x24x8xbf16> -> tensor<2x4x16x8xbf16>
  return %0 : tensor<2x4x16x8xbf16>
}

// CHECK-LABEL: func.func @attention_f16_to_f32
func.func @attention_f16_to_f32(%q: tensor<4x16x32xf16>, %k: tensor<4x24x32xf16>, %v: tensor<4x24x8xf16>) -> tensor<4x16x8xf32> {
  // CHECK: pk.attention %{{.+}}, %{{.+}}, %{{.+}} : tensor<4x16x32xf16>, tensor<4x24x32xf16>, tensor<4x24x8xf16> -> tensor<4x16x8xf32>
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf16>, tensor<4x24x32xf16>, tensor<4x24x8xf16> -> tensor<4x16x8xf32>
  return %0 : tensor<4x16x8xf32>
}

// CHECK-LABEL: func.func @attention_dynamic
func.func @attention_dynamic(%q: tensor<?x?x?x64xf32>, %k: tensor<?x?x?x64xf32>, %v: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  // CHECK: pk.attention %{{.+}}, %{{.+}}, %{{.+}} : tensor<?x?x?x64xf32>, tensor<?x?x?x64xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  %0 = pk.attention %q, %k, %v : tensor<?x?x?x64xf32>, tensor<?x?x?x64xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}
