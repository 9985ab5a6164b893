// RUN: pk-opt --split-input-file --pk-forward-result-copies %s | FileCheck %s

// A result unpacked into a tiled buffer and copied out through its collapse
// is written into the out-parameter directly.
// CHECK-LABEL: func.func @through_collapse(
// CHECK-SAME: %[[IN:.+]]: memref<2x4x4x4xf32>, %[[OUT:.+]]: memref<8x16xf32>)
// CHECK-NOT: memref.alloc
// CHECK: %[[VIEW:.+]] = memref.expand_shape %[[OUT]] {{\[\[}}0, 1], [2, 3]] output_shape [2, 4, 4, 4] : memref<8x16xf32> into memref<2x4x4x4xf32>
// CHECK: linalg.transpose ins(%[[IN]] : memref<2x4x4x4xf32>) outs(%[[VIEW]] : memref<2x4x4x4xf32>)
// CHECK-NOT: copy
// CHECK: return
func.func @through_collapse(%in: memref<2x4x4x4xf32>, %out: memref<8x16xf32>) {
  %alloc = memref.alloc() : memref<2x4x4x4xf32>
  linalg.transpose ins(%in : memref<2x4x4x4xf32>) outs(%alloc : memref<2x4x4x4xf32>) permutation = [0, 2, 1, 3]
  %c = memref.collapse_shape %alloc [[0, 1], [2, 3]] : memref<2x4x4x4xf32> into memref<8x16xf32>
  memref.copy %c, %out : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

// linalg.copy (what buffer-results-to-out-params emits here) and a direct
// allocation.
// CHECK-LABEL: func.func @direct(
// CHECK-SAME: %[[A:.+]]: memref<16xf32>, %[[OUT:.+]]: memref<16xf32>)
// CHECK-NEXT: linalg.exp ins(%[[A]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>)
// CHECK-NEXT: return
func.func @direct(%a: memref<16xf32>, %out: memref<16xf32>) {
  %alloc = memref.alloc() : memref<16xf32>
  linalg.exp ins(%a : memref<16xf32>) outs(%alloc : memref<16xf32>)
  linalg.copy ins(%alloc : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// The allocation is read after the copy: it stays (only writes up to the
// copy are known to be the result's).
// CHECK-LABEL: func.func @used_after_copy(
// CHECK: memref.alloc
// CHECK: memref.copy
func.func @used_after_copy(%a: memref<16xf32>, %out: memref<16xf32>, %out2: memref<16xf32>) {
  %alloc = memref.alloc() : memref<16xf32>
  linalg.exp ins(%a : memref<16xf32>) outs(%alloc : memref<16xf32>)
  memref.copy %alloc, %out : memref<16xf32> to memref<16xf32>
  linalg.exp ins(%alloc : memref<16xf32>) outs(%out2 : memref<16xf32>)
  return
}

// -----

// The out-parameter is also read by the computation: the allocation stays.
// CHECK-LABEL: func.func @target_read(
// CHECK: memref.alloc
// CHECK: memref.copy
func.func @target_read(%out: memref<16xf32>) {
  %alloc = memref.alloc() : memref<16xf32>
  linalg.exp ins(%out : memref<16xf32>) outs(%alloc : memref<16xf32>)
  memref.copy %alloc, %out : memref<16xf32> to memref<16xf32>
  return
}

// -----

// A copy out of a strided view is not a whole-buffer result.
// CHECK-LABEL: func.func @strided_source(
// CHECK: memref.alloc
// CHECK: memref.copy
func.func @strided_source(%a: memref<16x16xf32>, %out: memref<8x16xf32>) {
  %alloc = memref.alloc() : memref<16x16xf32>
  linalg.exp ins(%a : memref<16x16xf32>) outs(%alloc : memref<16x16xf32>)
  %s = memref.subview %alloc[0, 0] [8, 16] [1, 1] : memref<16x16xf32> to memref<8x16xf32, strided<[16, 1]>>
  memref.copy %s, %out : memref<8x16xf32, strided<[16, 1]>> to memref<8x16xf32>
  return
}
