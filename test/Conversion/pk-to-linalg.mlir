// RUN: pk-opt --pk-lower-to-linalg %s | FileCheck %s

// Contraction maps, loop order (b?, m, n, k).
// CHECK-DAG: #[[$LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$LHS_T:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[$RHS:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[$RHS_T:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$B_LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$B_LHS_T:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-DAG: #[[$B_RHS_T:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[$B_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// Elementwise identity maps.
// CHECK-DAG: #[[$ID0:.+]] = affine_map<() -> ()>
// CHECK-DAG: #[[$ID1:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>

//===----------------------------------------------------------------------===//
// pk.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: ([[A:%.+]]: tensor<64x32xf32>, [[B:%.+]]: tensor<32x16xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<64x16xf32>
// CHECK: [[ZERO:%.+]] = arith.constant 0.000000e+00 : f32
// CHECK: [[FILL:%.+]] = linalg.fill ins([[ZERO]] : f32) outs([[EMPTY]] : tensor<64x16xf32>) -> tensor<64x16xf32>
// Default maps are not printed: no transpose.
// CHECK: [[MM:%.+]] = linalg.matmul ins([[A]], [[B]] : tensor<64x32xf32>, tensor<32x16xf32>) outs([[FILL]] : tensor<64x16xf32>) -> tensor<64x16xf32>
// CHECK: return [[MM]] : tensor<64x16xf32>
func.func @matmul_2d(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_lhs
// CHECK-SAME: ([[A:%.+]]: tensor<32x64xf32>, [[B:%.+]]: tensor<32x16xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<64x16xf32>
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[EMPTY]] : tensor<64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul indexing_maps = [#[[$LHS_T]], #[[$RHS]], #[[$OUT]]] ins([[A]], [[B]] : tensor<32x64xf32>, tensor<32x16xf32>) outs([[FILL]] : tensor<64x16xf32>)
// CHECK: return [[MM]]
func.func @matmul_transpose_lhs(%a: tensor<32x64xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %0 = pk.matmul %a, %b transpose_lhs : tensor<32x64xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_rhs
// CHECK-SAME: ([[A:%.+]]: tensor<64x32xf32>, [[B:%.+]]: tensor<16x32xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<64x16xf32>
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[EMPTY]] : tensor<64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS_T]], #[[$OUT]]] ins([[A]], [[B]] : tensor<64x32xf32>, tensor<16x32xf32>) outs([[FILL]] : tensor<64x16xf32>)
// CHECK: return [[MM]]
func.func @matmul_transpose_rhs(%a: tensor<64x32xf32>, %b: tensor<16x32xf32>) -> tensor<64x16xf32> {
  %0 = pk.matmul %a, %b transpose_rhs : tensor<64x32xf32>, tensor<16x32xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_both
// CHECK-SAME: ([[A:%.+]]: tensor<32x64xf32>, [[B:%.+]]: tensor<16x32xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<64x16xf32>
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[EMPTY]] : tensor<64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul indexing_maps = [#[[$LHS_T]], #[[$RHS_T]], #[[$OUT]]] ins([[A]], [[B]] : tensor<32x64xf32>, tensor<16x32xf32>) outs([[FILL]] : tensor<64x16xf32>)
// CHECK: return [[MM]]
func.func @matmul_transpose_both(%a: tensor<32x64xf32>, %b: tensor<16x32xf32>) -> tensor<64x16xf32> {
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<32x64xf32>, tensor<16x32xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// CHECK-LABEL: func.func @matmul_batched
// CHECK-SAME: ([[A:%.+]]: tensor<4x64x32xf32>, [[B:%.+]]: tensor<4x32x16xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<4x64x16xf32>
// CHECK: [[ZERO:%.+]] = arith.constant 0.000000e+00 : f32
// CHECK: [[FILL:%.+]] = linalg.fill ins([[ZERO]] : f32) outs([[EMPTY]] : tensor<4x64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.batch_matmul ins([[A]], [[B]] : tensor<4x64x32xf32>, tensor<4x32x16xf32>) outs([[FILL]] : tensor<4x64x16xf32>)
// CHECK: return [[MM]]
func.func @matmul_batched(%a: tensor<4x64x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<4x64x16xf32> {
  %0 = pk.matmul %a, %b : tensor<4x64x32xf32>, tensor<4x32x16xf32> -> tensor<4x64x16xf32>
  return %0 : tensor<4x64x16xf32>
}

// CHECK-LABEL: func.func @matmul_batched_transpose_both
// CHECK-SAME: ([[A:%.+]]: tensor<4x32x64xf32>, [[B:%.+]]: tensor<4x16x32xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<4x64x16xf32>
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[EMPTY]] : tensor<4x64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.batch_matmul indexing_maps = [#[[$B_LHS_T]], #[[$B_RHS_T]], #[[$B_OUT]]] ins([[A]], [[B]] : tensor<4x32x64xf32>, tensor<4x16x32xf32>) outs([[FILL]] : tensor<4x64x16xf32>)
// CHECK: return [[MM]]
func.func @matmul_batched_transpose_both(%a: tensor<4x32x64xf32>, %b: tensor<4x16x32xf32>) -> tensor<4x64x16xf32> {
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<4x32x64xf32>, tensor<4x16x32xf32> -> tensor<4x64x16xf32>
  return %0 : tensor<4x64x16xf32>
}

// f16 operands accumulate in f32; an f32 result needs no conversion.
// CHECK-LABEL: func.func @matmul_f16_to_f32
// CHECK-SAME: ([[A:%.+]]: tensor<64x32xf16>, [[B:%.+]]: tensor<32x16xf16>)
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul ins([[A]], [[B]] : tensor<64x32xf16>, tensor<32x16xf16>) outs([[FILL]] : tensor<64x16xf32>) -> tensor<64x16xf32>
// CHECK-NEXT: return [[MM]] : tensor<64x16xf32>
func.func @matmul_f16_to_f32(%a: tensor<64x32xf16>, %b: tensor<32x16xf16>) -> tensor<64x16xf32> {
  %0 = pk.matmul %a, %b : tensor<64x32xf16>, tensor<32x16xf16> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// An f16 result is still accumulated in f32, then truncated.
// CHECK-LABEL: func.func @matmul_f16
// CHECK-SAME: ([[A:%.+]]: tensor<64x32xf16>, [[B:%.+]]: tensor<32x16xf16>)
// CHECK: [[ACC:%.+]] = tensor.empty() : tensor<64x16xf32>
// CHECK: [[ZERO:%.+]] = arith.constant 0.000000e+00 : f32
// CHECK: [[FILL:%.+]] = linalg.fill ins([[ZERO]] : f32) outs([[ACC]] : tensor<64x16xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul ins([[A]], [[B]] : tensor<64x32xf16>, tensor<32x16xf16>) outs([[FILL]] : tensor<64x16xf32>) -> tensor<64x16xf32>
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<64x16xf16>
// CHECK: [[TRUNC:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins([[MM]] : tensor<64x16xf32>) outs([[EMPTY]] : tensor<64x16xf16>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: f32, %{{.+}}: f16):
// CHECK-NEXT: [[T:%.+]] = arith.truncf [[IN]] : f32 to f16
// CHECK-NEXT: linalg.yield [[T]] : f16
// CHECK: return [[TRUNC]] : tensor<64x16xf16>
func.func @matmul_f16(%a: tensor<64x32xf16>, %b: tensor<32x16xf16>) -> tensor<64x16xf16> {
  %0 = pk.matmul %a, %b : tensor<64x32xf16>, tensor<32x16xf16> -> tensor<64x16xf16>
  return %0 : tensor<64x16xf16>
}

// CHECK-LABEL: func.func @matmul_bf16_transpose_lhs
// CHECK-SAME: ([[A:%.+]]: tensor<16x8xbf16>, [[B:%.+]]: tensor<16x4xbf16>)
// CHECK: [[MM:%.+]] = linalg.matmul indexing_maps = [#[[$LHS_T]], #[[$RHS]], #[[$OUT]]] ins([[A]], [[B]] : tensor<16x8xbf16>, tensor<16x4xbf16>) outs(%{{.+}} : tensor<8x4xf32>)
// CHECK: linalg.generic {{.*}} ins([[MM]] : tensor<8x4xf32>) outs(%{{.+}} : tensor<8x4xbf16>)
// CHECK: arith.truncf %{{.+}} : f32 to bf16
func.func @matmul_bf16_transpose_lhs(%a: tensor<16x8xbf16>, %b: tensor<16x4xbf16>) -> tensor<8x4xbf16> {
  %0 = pk.matmul %a, %b transpose_lhs : tensor<16x8xbf16>, tensor<16x4xbf16> -> tensor<8x4xbf16>
  return %0 : tensor<8x4xbf16>
}

// Dynamic M and N come from the operands through tensor.dim.
// CHECK-LABEL: func.func @matmul_dynamic
// CHECK-SAME: ([[A:%.+]]: tensor<?x64xf32>, [[B:%.+]]: tensor<64x?xf32>)
// CHECK-DAG: [[C0:%.+]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.+]] = arith.constant 1 : index
// CHECK-DAG: [[M:%.+]] = tensor.dim [[A]], [[C0]] : tensor<?x64xf32>
// CHECK-DAG: [[N:%.+]] = tensor.dim [[B]], [[C1]] : tensor<64x?xf32>
// CHECK: [[EMPTY:%.+]] = tensor.empty([[M]], [[N]]) : tensor<?x?xf32>
// CHECK: [[FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[EMPTY]] : tensor<?x?xf32>)
// CHECK: [[MM:%.+]] = linalg.matmul ins([[A]], [[B]] : tensor<?x64xf32>, tensor<64x?xf32>) outs([[FILL]] : tensor<?x?xf32>)
// CHECK: return [[MM]] : tensor<?x?xf32>
func.func @matmul_dynamic(%a: tensor<?x64xf32>, %b: tensor<64x?xf32>) -> tensor<?x?xf32> {
  %0 = pk.matmul %a, %b : tensor<?x64xf32>, tensor<64x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// Dynamic operands with a static result: the verifier accepts compatible
// shapes, the lowering casts to the declared type.
// CHECK-LABEL: func.func @matmul_dynamic_static_result
// CHECK-SAME: ([[A:%.+]]: tensor<?x?x64xf32>, [[B:%.+]]: tensor<4x64x16xf32>)
// CHECK-DAG: [[C0:%.+]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.+]] = arith.constant 1 : index
// CHECK-DAG: [[BATCH:%.+]] = tensor.dim [[A]], [[C0]] : tensor<?x?x64xf32>
// CHECK-DAG: [[M:%.+]] = tensor.dim [[A]], [[C1]] : tensor<?x?x64xf32>
// CHECK: [[EMPTY:%.+]] = tensor.empty([[BATCH]], [[M]]) : tensor<?x?x16xf32>
// CHECK: [[MM:%.+]] = linalg.batch_matmul ins([[A]], [[B]] : tensor<?x?x64xf32>, tensor<4x64x16xf32>) outs(%{{.+}} : tensor<?x?x16xf32>)
// CHECK: [[CAST:%.+]] = tensor.cast [[MM]] : tensor<?x?x16xf32> to tensor<4x8x16xf32>
// CHECK: return [[CAST]] : tensor<4x8x16xf32>
func.func @matmul_dynamic_static_result(%a: tensor<?x?x64xf32>, %b: tensor<4x64x16xf32>) -> tensor<4x8x16xf32> {
  %0 = pk.matmul %a, %b : tensor<?x?x64xf32>, tensor<4x64x16xf32> -> tensor<4x8x16xf32>
  return %0 : tensor<4x8x16xf32>
}

//===----------------------------------------------------------------------===//
// pk.sigmoid, pk.tanh
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @sigmoid_f32
// CHECK-SAME: ([[X:%.+]]: tensor<8x128xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<8x128xf32>
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins([[X]] : tensor<8x128xf32>) outs([[EMPTY]] : tensor<8x128xf32>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: [[ONE:%.+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: [[NEG:%.+]] = arith.negf [[IN]] : f32
// CHECK-NEXT: [[EXP:%.+]] = math.exp [[NEG]] : f32
// CHECK-NEXT: [[DEN:%.+]] = arith.addf [[ONE]], [[EXP]] : f32
// CHECK-NEXT: [[Y:%.+]] = arith.divf [[ONE]], [[DEN]] : f32
// CHECK-NEXT: linalg.yield [[Y]] : f32
// CHECK: return [[R]] : tensor<8x128xf32>
func.func @sigmoid_f32(%x: tensor<8x128xf32>) -> tensor<8x128xf32> {
  %0 = pk.sigmoid %x : tensor<8x128xf32>
  return %0 : tensor<8x128xf32>
}

// The math runs in f32 even for f16 storage.
// CHECK-LABEL: func.func @sigmoid_f16
// CHECK-SAME: ([[X:%.+]]: tensor<128xf16>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<128xf16>
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]} ins([[X]] : tensor<128xf16>) outs([[EMPTY]] : tensor<128xf16>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: f16, %{{.+}}: f16):
// CHECK-NEXT: [[XF:%.+]] = arith.extf [[IN]] : f16 to f32
// CHECK-NEXT: [[ONE:%.+]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: [[NEG:%.+]] = arith.negf [[XF]] : f32
// CHECK-NEXT: [[EXP:%.+]] = math.exp [[NEG]] : f32
// CHECK-NEXT: [[DEN:%.+]] = arith.addf [[ONE]], [[EXP]] : f32
// CHECK-NEXT: [[Y:%.+]] = arith.divf [[ONE]], [[DEN]] : f32
// CHECK-NEXT: [[YH:%.+]] = arith.truncf [[Y]] : f32 to f16
// CHECK-NEXT: linalg.yield [[YH]] : f16
// CHECK: return [[R]] : tensor<128xf16>
func.func @sigmoid_f16(%x: tensor<128xf16>) -> tensor<128xf16> {
  %0 = pk.sigmoid %x : tensor<128xf16>
  return %0 : tensor<128xf16>
}

// CHECK-LABEL: func.func @tanh_bf16_dynamic
// CHECK-SAME: ([[X:%.+]]: tensor<2x?x8xbf16>)
// CHECK: [[C1:%.+]] = arith.constant 1 : index
// CHECK: [[D1:%.+]] = tensor.dim [[X]], [[C1]] : tensor<2x?x8xbf16>
// CHECK: [[EMPTY:%.+]] = tensor.empty([[D1]]) : tensor<2x?x8xbf16>
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins([[X]] : tensor<2x?x8xbf16>) outs([[EMPTY]] : tensor<2x?x8xbf16>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: bf16, %{{.+}}: bf16):
// CHECK-NEXT: [[XF:%.+]] = arith.extf [[IN]] : bf16 to f32
// CHECK-NEXT: [[Y:%.+]] = math.tanh [[XF]] : f32
// CHECK-NEXT: [[YH:%.+]] = arith.truncf [[Y]] : f32 to bf16
// CHECK-NEXT: linalg.yield [[YH]] : bf16
// CHECK: return [[R]] : tensor<2x?x8xbf16>
func.func @tanh_bf16_dynamic(%x: tensor<2x?x8xbf16>) -> tensor<2x?x8xbf16> {
  %0 = pk.tanh %x : tensor<2x?x8xbf16>
  return %0 : tensor<2x?x8xbf16>
}

// CHECK-LABEL: func.func @tanh_f32_rank0
// CHECK-SAME: ([[X:%.+]]: tensor<f32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<f32>
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID0]], #[[$ID0]]], iterator_types = []} ins([[X]] : tensor<f32>) outs([[EMPTY]] : tensor<f32>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: [[Y:%.+]] = math.tanh [[IN]] : f32
// CHECK-NEXT: linalg.yield [[Y]] : f32
// CHECK: return [[R]] : tensor<f32>
func.func @tanh_f32_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = pk.tanh %x : tensor<f32>
  return %0 : tensor<f32>
}

//===----------------------------------------------------------------------===//
// pk.softmax
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax_axis0
// CHECK-SAME: ([[X:%.+]]: tensor<128x256xf32>)
// CHECK: [[EMPTY:%.+]] = tensor.empty() : tensor<128x256xf32>
// CHECK: [[R:%.+]] = linalg.softmax dimension(0) ins([[X]] : tensor<128x256xf32>) outs([[EMPTY]] : tensor<128x256xf32>) -> tensor<128x256xf32>
// CHECK: return [[R]]
func.func @softmax_axis0(%x: tensor<128x256xf32>) -> tensor<128x256xf32> {
  %0 = pk.softmax %x axis = 0 : tensor<128x256xf32>
  return %0 : tensor<128x256xf32>
}

// CHECK-LABEL: func.func @softmax_axis2
// CHECK: linalg.softmax dimension(2) ins(%{{.+}} : tensor<4x8x16xf32>)
func.func @softmax_axis2(%x: tensor<4x8x16xf32>) -> tensor<4x8x16xf32> {
  %0 = pk.softmax %x axis = 2 : tensor<4x8x16xf32>
  return %0 : tensor<4x8x16xf32>
}

// f16 softmax: extend, softmax in f32, truncate.
// CHECK-LABEL: func.func @softmax_f16_dynamic
// CHECK-SAME: ([[X:%.+]]: tensor<2x?x16xf16>)
// CHECK: [[D:%.+]] = tensor.dim [[X]], %{{.+}} : tensor<2x?x16xf16>
// CHECK: [[EXT_INIT:%.+]] = tensor.empty([[D]]) : tensor<2x?x16xf32>
// CHECK: [[EXT:%.+]] = linalg.generic {{.*}} ins([[X]] : tensor<2x?x16xf16>) outs([[EXT_INIT]] : tensor<2x?x16xf32>)
// CHECK-NEXT: ^bb0([[IN:%.+]]: f16, %{{.+}}: f32):
// CHECK-NEXT: [[E:%.+]] = arith.extf [[IN]] : f16 to f32
// CHECK-NEXT: linalg.yield [[E]] : f32
// CHECK: [[INIT:%.+]] = tensor.empty(%{{.+}}) : tensor<2x?x16xf32>
// CHECK: [[SM:%.+]] = linalg.softmax dimension(1) ins([[EXT]] : tensor<2x?x16xf32>) outs([[INIT]] : tensor<2x?x16xf32>)
// CHECK: [[R:%.+]] = linalg.generic {{.*}} ins([[SM]] : tensor<2x?x16xf32>) outs(%{{.+}} : tensor<2x?x16xf16>)
// CHECK-NEXT: ^bb0([[IN2:%.+]]: f32, %{{.+}}: f16):
// CHECK-NEXT: [[T:%.+]] = arith.truncf [[IN2]] : f32 to f16
// CHECK-NEXT: linalg.yield [[T]] : f16
// CHECK: return [[R]] : tensor<2x?x16xf16>
func.func @softmax_f16_dynamic(%x: tensor<2x?x16xf16>) -> tensor<2x?x16xf16> {
  %0 = pk.softmax %x axis = 1 : tensor<2x?x16xf16>
  return %0 : tensor<2x?x16xf16>
}

//===----------------------------------------------------------------------===//
// pk.attention
//===----------------------------------------------------------------------===//

// Rank 2, explicit scale, Nq != Nk, Dv != D, no mask.
// CHECK-LABEL: func.func @attention_rank2
// CHECK-SAME: ([[Q:%.+]]: tensor<16x32xf32>, [[K:%.+]]: tensor<24x32xf32>, [[V:%.+]]: tensor<24x8xf32>)
// CHECK: [[S_EMPTY:%.+]] = tensor.empty() : tensor<16x24xf32>
// CHECK: [[S_FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[S_EMPTY]] : tensor<16x24xf32>)
// CHECK: [[S:%.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS_T]], #[[$OUT]]] ins([[Q]], [[K]] : tensor<16x32xf32>, tensor<24x32xf32>) outs([[S_FILL]] : tensor<16x24xf32>)
// CHECK: [[SCALE:%.+]] = arith.constant 5.000000e-01 : f32
// CHECK-NOT: arith.constant -3.40282347E+38
// CHECK: [[SS:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]]], iterator_types = ["parallel", "parallel"]} outs([[S]] : tensor<16x24xf32>)
// CHECK-NEXT: ^bb0([[SV:%.+]]: f32):
// CHECK-NEXT: [[MUL:%.+]] = arith.mulf [[SV]], [[SCALE]] : f32
// CHECK-NEXT: linalg.yield [[MUL]] : f32
// CHECK: [[P_EMPTY:%.+]] = tensor.empty() : tensor<16x24xf32>
// CHECK: [[P:%.+]] = linalg.softmax dimension(1) ins([[SS]] : tensor<16x24xf32>) outs([[P_EMPTY]] : tensor<16x24xf32>)
// CHECK: [[O_EMPTY:%.+]] = tensor.empty() : tensor<16x8xf32>
// CHECK: [[O_FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[O_EMPTY]] : tensor<16x8xf32>)
// CHECK: [[O:%.+]] = linalg.matmul ins([[P]], [[V]] : tensor<16x24xf32>, tensor<24x8xf32>) outs([[O_FILL]] : tensor<16x8xf32>)
// CHECK: return [[O]] : tensor<16x8xf32>
func.func @attention_rank2(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  %0 = pk.attention %q, %k, %v scale = 0.5 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// Rank 3, default scale 1/sqrt(64), causal mask: key j > query i gets the
// lowest finite f32.
// CHECK-LABEL: func.func @attention_rank3_causal
// CHECK-SAME: ([[Q:%.+]]: tensor<8x128x64xf32>, [[K:%.+]]: tensor<8x256x64xf32>, [[V:%.+]]: tensor<8x256x32xf32>)
// CHECK: [[S_FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<8x128x256xf32>)
// CHECK: [[S:%.+]] = linalg.batch_matmul indexing_maps = [#[[$B_LHS]], #[[$B_RHS_T]], #[[$B_OUT]]] ins([[Q]], [[K]] : tensor<8x128x64xf32>, tensor<8x256x64xf32>) outs([[S_FILL]] : tensor<8x128x256xf32>)
// CHECK: [[SCALE:%.+]] = arith.constant 1.250000e-01 : f32
// CHECK: [[LOWEST:%.+]] = arith.constant -3.40282347E+38 : f32
// CHECK: [[SS:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} outs([[S]] : tensor<8x128x256xf32>)
// CHECK-NEXT: ^bb0([[SV:%.+]]: f32):
// CHECK-NEXT: [[MUL:%.+]] = arith.mulf [[SV]], [[SCALE]] : f32
// CHECK-NEXT: [[I:%.+]] = linalg.index 1 : index
// CHECK-NEXT: [[J:%.+]] = linalg.index 2 : index
// CHECK-NEXT: [[MASKED:%.+]] = arith.cmpi ugt, [[J]], [[I]] : index
// CHECK-NEXT: [[SEL:%.+]] = arith.select [[MASKED]], [[LOWEST]], [[MUL]] : f32
// CHECK-NEXT: linalg.yield [[SEL]] : f32
// CHECK: [[P:%.+]] = linalg.softmax dimension(2) ins([[SS]] : tensor<8x128x256xf32>) outs(%{{.+}} : tensor<8x128x256xf32>)
// CHECK: [[O_FILL:%.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<8x128x32xf32>)
// CHECK: [[O:%.+]] = linalg.batch_matmul ins([[P]], [[V]] : tensor<8x128x256xf32>, tensor<8x256x32xf32>) outs([[O_FILL]] : tensor<8x128x32xf32>)
// CHECK: return [[O]] : tensor<8x128x32xf32>
func.func @attention_rank3_causal(%q: tensor<8x128x64xf32>, %k: tensor<8x256x64xf32>, %v: tensor<8x256x32xf32>) -> tensor<8x128x32xf32> {
  %0 = pk.attention %q, %k, %v causal : tensor<8x128x64xf32>, tensor<8x256x64xf32>, tensor<8x256x32xf32> -> tensor<8x128x32xf32>
  return %0 : tensor<8x128x32xf32>
}

// Rank 4 [b, h, n, d] runs on [b·h, n, d]; f16 operands, f32 result: both
// contractions accumulate in f32 and nothing is truncated.
// CHECK-LABEL: func.func @attention_rank4_f16_to_f32
// CHECK-SAME: ([[Q:%.+]]: tensor<2x4x16x32xf16>, [[K:%.+]]: tensor<2x4x24x32xf16>, [[V:%.+]]: tensor<2x4x24x8xf16>)
// CHECK: [[QC:%.+]] = tensor.collapse_shape [[Q]] {{\[\[}}0, 1], [2], [3]] : tensor<2x4x16x32xf16> into tensor<8x16x32xf16>
// CHECK: [[KC:%.+]] = tensor.collapse_shape [[K]] {{\[\[}}0, 1], [2], [3]] : tensor<2x4x24x32xf16> into tensor<8x24x32xf16>
// CHECK: [[VC:%.+]] = tensor.collapse_shape [[V]] {{\[\[}}0, 1], [2], [3]] : tensor<2x4x24x8xf16> into tensor<8x24x8xf16>
// CHECK: [[S:%.+]] = linalg.batch_matmul indexing_maps = [#[[$B_LHS]], #[[$B_RHS_T]], #[[$B_OUT]]] ins([[QC]], [[KC]] : tensor<8x16x32xf16>, tensor<8x24x32xf16>) outs(%{{.+}} : tensor<8x16x24xf32>)
// 1/sqrt(32)
// CHECK: [[SCALE:%.+]] = arith.constant 0.176776{{[0-9]+}} : f32
// CHECK: [[SS:%.+]] = linalg.generic {{.*}} outs([[S]] : tensor<8x16x24xf32>)
// CHECK-NEXT: ^bb0([[SV:%.+]]: f32):
// CHECK-NEXT: [[MUL:%.+]] = arith.mulf [[SV]], [[SCALE]] : f32
// CHECK-NEXT: linalg.yield [[MUL]] : f32
// CHECK: [[P:%.+]] = linalg.softmax dimension(2) ins([[SS]] : tensor<8x16x24xf32>)
// CHECK: [[O:%.+]] = linalg.batch_matmul ins([[P]], [[VC]] : tensor<8x16x24xf32>, tensor<8x24x8xf16>) outs(%{{.+}} : tensor<8x16x8xf32>)
// CHECK-NEXT: [[OE:%.+]] = tensor.expand_shape [[O]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 4, 16, 8] : tensor<8x16x8xf32> into tensor<2x4x16x8xf32>
// CHECK-NEXT: return [[OE]] : tensor<2x4x16x8xf32>
func.func @attention_rank4_f16_to_f32(%q: tensor<2x4x16x32xf16>, %k: tensor<2x4x24x32xf16>, %v: tensor<2x4x24x8xf16>) -> tensor<2x4x16x8xf32> {
  %0 = pk.attention %q, %k, %v : tensor<2x4x16x32xf16>, tensor<2x4x24x32xf16>, tensor<2x4x24x8xf16> -> tensor<2x4x16x8xf32>
  return %0 : tensor<2x4x16x8xf32>
}

// A bf16 result is truncated before the batch dimensions are expanded.
// CHECK-LABEL: func.func @attention_rank4_bf16_causal
// CHECK: [[SCALE:%.+]] = arith.constant 2.500000e-01 : f32
// CHECK: arith.mulf %{{.+}}, [[SCALE]] : f32
// CHECK: arith.cmpi ugt
// CHECK: [[O:%.+]] = linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<8x16x24xf32>, tensor<8x24x8xbf16>) outs(%{{.+}} : tensor<8x16x8xf32>)
// CHECK: [[T:%.+]] = linalg.generic {{.*}} ins([[O]] : tensor<8x16x8xf32>) outs(%{{.+}} : tensor<8x16x8xbf16>)
// CHECK: arith.truncf %{{.+}} : f32 to bf16
// CHECK: [[OE:%.+]] = tensor.expand_shape [[T]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 4, 16, 8] : tensor<8x16x8xbf16> into tensor<2x4x16x8xbf16>
// CHECK-NEXT: return [[OE]] : tensor<2x4x16x8xbf16>
func.func @attention_rank4_bf16_causal(%q: tensor<2x4x16x32xbf16>, %k: tensor<2x4x24x32xbf16>, %v: tensor<2x4x24x8xbf16>) -> tensor<2x4x16x8xbf16> {
  %0 = pk.attention %q, %k, %v scale = 0.25 causal : tensor<2x4x16x32xbf16>, tensor<2x4x24x32xbf16>, tensor<2x4x24x8xbf16> -> tensor<2x4x16x8xbf16>
  return %0 : tensor<2x4x16x8xbf16>
}

// A dynamic head dimension has its default scale computed at run time.
// CHECK-LABEL: func.func @attention_dynamic_head_dim
// CHECK-SAME: ([[Q:%.+]]: tensor<16x?xf32>, [[K:%.+]]: tensor<24x?xf32>, [[V:%.+]]: tensor<24x8xf32>)
// CHECK: [[S:%.+]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS_T]], #[[$OUT]]] ins([[Q]], [[K]] : tensor<16x?xf32>, tensor<24x?xf32>) outs(%{{.+}} : tensor<16x24xf32>)
// CHECK: [[C1:%.+]] = arith.constant 1 : index
// CHECK: [[D:%.+]] = tensor.dim [[Q]], [[C1]] : tensor<16x?xf32>
// CHECK: [[DI:%.+]] = arith.index_cast [[D]] : index to i64
// CHECK: [[DF:%.+]] = arith.sitofp [[DI]] : i64 to f32
// CHECK: [[SCALE:%.+]] = math.rsqrt [[DF]] : f32
// CHECK: linalg.generic {{.*}} outs([[S]] : tensor<16x24xf32>)
// CHECK-NEXT: ^bb0([[SV:%.+]]: f32):
// CHECK-NEXT: arith.mulf [[SV]], [[SCALE]] : f32
// CHECK: linalg.softmax dimension(1)
// CHECK: linalg.matmul ins(%{{.+}}, [[V]] : tensor<16x24xf32>, tensor<24x8xf32>)
func.func @attention_dynamic_head_dim(%q: tensor<16x?xf32>, %k: tensor<24x?xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  %0 = pk.attention %q, %k, %v : tensor<16x?xf32>, tensor<24x?xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// Dynamic batch and head counts: the expansion takes both from the query.
// CHECK-LABEL: func.func @attention_rank4_dynamic
// CHECK-SAME: ([[Q:%.+]]: tensor<?x?x16x32xf32>, [[K:%.+]]: tensor<?x?x24x32xf32>, [[V:%.+]]: tensor<?x?x24x8xf32>)
// CHECK: [[QC:%.+]] = tensor.collapse_shape [[Q]] {{\[\[}}0, 1], [2], [3]] : tensor<?x?x16x32xf32> into tensor<?x16x32xf32>
// CHECK: [[BH:%.+]] = tensor.dim [[QC]], %{{.+}} : tensor<?x16x32xf32>
// CHECK: tensor.empty([[BH]]) : tensor<?x16x24xf32>
// CHECK: [[O:%.+]] = linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<?x16x24xf32>, tensor<?x24x8xf32>) outs(%{{.+}} : tensor<?x16x8xf32>)
// CHECK-DAG: [[C0:%.+]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.+]] = arith.constant 1 : index
// CHECK-DAG: [[B:%.+]] = tensor.dim [[Q]], [[C0]] : tensor<?x?x16x32xf32>
// CHECK-DAG: [[H:%.+]] = tensor.dim [[Q]], [[C1]] : tensor<?x?x16x32xf32>
// CHECK: [[OE:%.+]] = tensor.expand_shape [[O]] {{\[\[}}0, 1], [2], [3]] output_shape {{\[}}[[B]], [[H]], 16, 8] : tensor<?x16x8xf32> into tensor<?x?x16x8xf32>
// CHECK-NEXT: return [[OE]] : tensor<?x?x16x8xf32>
func.func @attention_rank4_dynamic(%q: tensor<?x?x16x32xf32>, %k: tensor<?x?x24x32xf32>, %v: tensor<?x?x24x8xf32>) -> tensor<?x?x16x8xf32> {
  %0 = pk.attention %q, %k, %v : tensor<?x?x16x32xf32>, tensor<?x?x24x32xf32>, tensor<?x?x24x8xf32> -> tensor<?x?x16x8xf32>
  return %0 : tensor<?x?x16x8xf32>
}

// A static result over a dynamic query batch is reached with tensor.cast.
// CHECK-LABEL: func.func @attention_rank4_static_result
// CHECK-SAME: ([[Q:%.+]]: tensor<?x4x16x32xf32>,
// CHECK: [[B:%.+]] = tensor.dim [[Q]], %{{.+}} : tensor<?x4x16x32xf32>
// CHECK: [[OE:%.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0, 1], [2], [3]] output_shape {{\[}}[[B]], 4, 16, 8] : tensor<?x16x8xf32> into tensor<?x4x16x8xf32>
// CHECK-NEXT: [[CAST:%.+]] = tensor.cast [[OE]] : tensor<?x4x16x8xf32> to tensor<2x4x16x8xf32>
// CHECK-NEXT: return [[CAST]] : tensor<2x4x16x8xf32>
func.func @attention_rank4_static_result(%q: tensor<?x4x16x32xf32>, %k: tensor<2x4x24x32xf32>, %v: tensor<2x4x24x8xf32>) -> tensor<2x4x16x8xf32> {
  %0 = pk.attention %q, %k, %v : tensor<?x4x16x32xf32>, tensor<2x4x24x32xf32>, tensor<2x4x24x8xf32> -> tensor<2x4x16x8xf32>
  return %0 : tensor<2x4x16x8xf32>
}
