// RUN: pk-opt --pk-decompose-aggregates %s | FileCheck %s
// RUN: pk-opt --pk-lower-to-linalg --pk-decompose-aggregates %s | FileCheck %s --check-prefix=PIPE

// linalg.softmax becomes max reduction, exp(x - max), sum reduction and
// division, each a linalg.generic.

// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$DROP0:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>

// CHECK-LABEL: func.func @softmax_last_dim
// CHECK-SAME: ([[X:%.+]]: tensor<16x24xf32>)
// CHECK-NOT: linalg.softmax
// CHECK: [[OUT:%.+]] = tensor.empty() : tensor<16x24xf32>
// CHECK: [[RED:%.+]] = tensor.empty() : tensor<16xf32>
// CHECK: [[MAX_INIT:%.+]] = linalg.fill ins(%{{.+}} : f32) outs([[RED]] : tensor<16xf32>)
// CHECK: [[MAX:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins([[X]] : tensor<16x24xf32>) outs([[MAX_INIT]] : tensor<16xf32>)
// CHECK-NEXT: ^bb0([[A:%.+]]: f32, [[B:%.+]]: f32):
// CHECK-NEXT: [[M:%.+]] = arith.maxnumf [[A]], [[B]] : f32
// CHECK-NEXT: linalg.yield [[M]] : f32
// CHECK: [[EXP:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins([[X]], [[MAX]] : tensor<16x24xf32>, tensor<16xf32>) outs([[OUT]] : tensor<16x24xf32>)
// CHECK-NEXT: ^bb0([[A:%.+]]: f32, [[B:%.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: [[D:%.+]] = arith.subf [[A]], [[B]] : f32
// CHECK-NEXT: [[E:%.+]] = math.exp [[D]] : f32
// CHECK-NEXT: linalg.yield [[E]] : f32
// CHECK: [[ZERO:%.+]] = arith.constant 0.000000e+00 : f32
// CHECK: [[SUM_INIT:%.+]] = linalg.fill ins([[ZERO]] : f32) outs([[RED]] : tensor<16xf32>)
// CHECK: [[SUM:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins([[EXP]] : tensor<16x24xf32>) outs([[SUM_INIT]] : tensor<16xf32>)
// CHECK-NEXT: ^bb0([[A:%.+]]: f32, [[B:%.+]]: f32):
// CHECK-NEXT: [[S:%.+]] = arith.addf [[A]], [[B]] : f32
// CHECK-NEXT: linalg.yield [[S]] : f32
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins([[EXP]], [[SUM]] : tensor<16x24xf32>, tensor<16xf32>) outs([[OUT]] : tensor<16x24xf32>)
// CHECK-NEXT: ^bb0([[A:%.+]]: f32, [[B:%.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: [[Q:%.+]] = arith.divf [[A]], [[B]] : f32
// CHECK-NEXT: linalg.yield [[Q]] : f32
// CHECK: return [[R]] : tensor<16x24xf32>
func.func @softmax_last_dim(%x: tensor<16x24xf32>) -> tensor<16x24xf32> {
  %init = tensor.empty() : tensor<16x24xf32>
  %0 = linalg.softmax dimension(1) ins(%x : tensor<16x24xf32>) outs(%init : tensor<16x24xf32>) -> tensor<16x24xf32>
  return %0 : tensor<16x24xf32>
}

// Reducing the leading, dynamic dimension: the reductions drop d0.
// CHECK-LABEL: func.func @softmax_dim0_dynamic
// CHECK-SAME: ([[X:%.+]]: tensor<?x8x4xf32>, [[INIT:%.+]]: tensor<?x8x4xf32>)
// CHECK-NOT: linalg.softmax
// CHECK: [[MAX:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP0]]], iterator_types = ["reduction", "parallel", "parallel"]} ins([[X]] : tensor<?x8x4xf32>) outs(%{{.+}} : tensor<8x4xf32>)
// CHECK: arith.maxnumf
// CHECK: [[EXP:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP0]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins([[X]], [[MAX]] : tensor<?x8x4xf32>, tensor<8x4xf32>) outs([[INIT]] : tensor<?x8x4xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: [[SUM:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP0]]], iterator_types = ["reduction", "parallel", "parallel"]} ins([[EXP]] : tensor<?x8x4xf32>) outs(%{{.+}} : tensor<8x4xf32>)
// CHECK: arith.addf
// CHECK: [[R:%.+]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$DROP0]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins([[EXP]], [[SUM]] : tensor<?x8x4xf32>, tensor<8x4xf32>) outs([[INIT]] : tensor<?x8x4xf32>)
// CHECK: arith.divf
// CHECK: return [[R]] : tensor<?x8x4xf32>
func.func @softmax_dim0_dynamic(%x: tensor<?x8x4xf32>, %init: tensor<?x8x4xf32>) -> tensor<?x8x4xf32> {
  %0 = linalg.softmax dimension(0) ins(%x : tensor<?x8x4xf32>) outs(%init : tensor<?x8x4xf32>) -> tensor<?x8x4xf32>
  return %0 : tensor<?x8x4xf32>
}

// After pk-lower-to-linalg the attention softmax is decomposed as well:
// nothing aggregate is left, and the row reductions run over the key axis.
// PIPE-LABEL: func.func @attention
// PIPE-NOT: linalg.softmax
// PIPE: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// PIPE: arith.maxnumf
// PIPE: math.exp
// PIPE: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// PIPE: arith.addf
// PIPE: arith.divf
// PIPE-NOT: linalg.softmax
// PIPE: return
func.func @attention(%q: tensor<2x16x32xf32>, %k: tensor<2x24x32xf32>, %v: tensor<2x24x8xf32>) -> tensor<2x16x8xf32> {
  %0 = pk.attention %q, %k, %v : tensor<2x16x32xf32>, tensor<2x24x32xf32>, tensor<2x24x8xf32> -> tensor<2x16x8xf32>
  return %0 : tensor<2x16x8xf32>
}
