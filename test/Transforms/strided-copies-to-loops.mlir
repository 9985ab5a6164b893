// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-strided-copies-to-loops))" %s | FileCheck %s

// A copy into a strided view (a stencil's interior) becomes linalg.copy;
// copies between contiguous buffers (identity layouts, or static views
// that are one block) stay memref.copy (a memcpy).
// CHECK-LABEL: func.func @copies
// CHECK-SAME:    (%[[A:.+]]: memref<8x8xf32>, %[[B:.+]]: memref<10x10xf32>, %[[C:.+]]: memref<8x8xf32>, %[[D:.+]]: memref<?x8xf32>)
// CHECK:         %[[V:.+]] = memref.subview %[[B]][1, 1] [8, 8] [1, 1]
// CHECK:         linalg.copy ins(%[[A]] : memref<8x8xf32>) outs(%[[V]] : memref<8x8xf32, strided<[10, 1], offset: 11>>)
// CHECK:         memref.copy %[[A]], %[[C]] : memref<8x8xf32> to memref<8x8xf32>
// CHECK:         memref.copy %{{.+}}, %{{.+}} : memref<2x8xf32, strided<[8, 1]>> to memref<2x8xf32>
// CHECK:         memref.copy %[[D]], %{{.+}} : memref<?x8xf32> to memref<?x8xf32>
// CHECK:         linalg.copy ins(%{{.+}} : memref<?x4xf32, strided<[8, 1]>>) outs(%{{.+}} : memref<?x4xf32>)
func.func @copies(%a: memref<8x8xf32>, %b: memref<10x10xf32>, %c: memref<8x8xf32>, %d: memref<?x8xf32>) {
  %v = memref.subview %b[1, 1] [8, 8] [1, 1] : memref<10x10xf32> to memref<8x8xf32, strided<[10, 1], offset: 11>>
  memref.copy %a, %v : memref<8x8xf32> to memref<8x8xf32, strided<[10, 1], offset: 11>>
  memref.copy %a, %c : memref<8x8xf32> to memref<8x8xf32>
  %d2 = memref.alloc() : memref<2x8xf32>
  %dv = memref.subview %d[0, 0] [2, 8] [1, 1] : memref<?x8xf32> to memref<2x8xf32, strided<[8, 1]>>
  memref.copy %dv, %d2 : memref<2x8xf32, strided<[8, 1]>> to memref<2x8xf32>
  %c0 = arith.constant 0 : index
  %n = memref.dim %d, %c0 : memref<?x8xf32>
  %d3 = memref.alloc(%n) : memref<?x8xf32>
  memref.copy %d, %d3 : memref<?x8xf32> to memref<?x8xf32>
  %d4 = memref.alloc(%n) : memref<?x4xf32>
  %half = memref.subview %d[0, 0] [%n, 4] [1, 1] : memref<?x8xf32> to memref<?x4xf32, strided<[8, 1]>>
  memref.copy %half, %d4 : memref<?x4xf32, strided<[8, 1]>> to memref<?x4xf32>
  return
}
