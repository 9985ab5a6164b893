// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-eliminate-empty-tensors))" --split-input-file %s | FileCheck %s

// Two sweeps share one tensor.empty (as CSE leaves them); each result is
// inserted into the grid, so each sweep computes straight into the grid's
// slice.
#id = affine_map<(i) -> (i)>
// CHECK-LABEL: func.func @shared_by_inserted_results
// CHECK-SAME:    (%[[G:[a-z0-9_]+]]: tensor<10xf32>, %[[H:[a-z0-9_]+]]: tensor<10xf32>, %[[X:[a-z0-9_]+]]: tensor<8xf32>)
// CHECK-DAG:     %[[GS:.+]] = tensor.extract_slice %[[G]][1] [8] [1]
// CHECK-DAG:     %[[HS:.+]] = tensor.extract_slice %[[H]][2] [8] [1]
// CHECK:         %[[A:.+]] = linalg.negf ins(%[[X]] : tensor<8xf32>) outs(%[[GS]] : tensor<8xf32>)
// CHECK:         tensor.insert_slice %[[A]] into %[[G]][1] [8] [1]
// CHECK:         %[[B:.+]] = linalg.exp ins(%[[X]] : tensor<8xf32>) outs(%[[HS]] : tensor<8xf32>)
// CHECK:         tensor.insert_slice %[[B]] into %[[H]][2] [8] [1]
func.func @shared_by_inserted_results(%g: tensor<10xf32>, %h: tensor<10xf32>, %x: tensor<8xf32>) -> (tensor<10xf32>, tensor<10xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %a = linalg.negf ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %r = tensor.insert_slice %a into %g[1] [8] [1] : tensor<8xf32> into tensor<10xf32>
  %b = linalg.exp ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %s = tensor.insert_slice %b into %h[2] [8] [1] : tensor<8xf32> into tensor<10xf32>
  return %r, %s : tensor<10xf32>, tensor<10xf32>
}

// -----

// A result materialized into a memref argument is computed in it.
// CHECK-LABEL: func.func @materialized
// CHECK-SAME:    (%[[M:[a-z0-9_]+]]: memref<8xf32>, %[[X:[a-z0-9_]+]]: tensor<8xf32>)
// CHECK:         %[[T:.+]] = bufferization.to_tensor %[[M]] restrict writable
// CHECK:         linalg.negf ins(%[[X]] : tensor<8xf32>) outs(%[[T]] : tensor<8xf32>)
func.func @materialized(%m: memref<8xf32>, %x: tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %a = linalg.negf ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  bufferization.materialize_in_destination %a in restrict writable %m : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}

// -----

// Ops whose results are not inserted keep sharing the empty: one-shot
// bufferization may then give them one buffer.
// CHECK-LABEL: func.func @not_inserted
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<8xf32>
// CHECK:         linalg.negf ins(%{{.+}} : tensor<8xf32>) outs(%[[E]] : tensor<8xf32>)
// CHECK:         linalg.exp ins(%{{.+}} : tensor<8xf32>) outs(%[[E]] : tensor<8xf32>)
func.func @not_inserted(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %a = linalg.negf ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %b = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %b : tensor<8xf32>
}
