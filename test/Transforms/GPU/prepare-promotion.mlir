// RUN: pk-opt --pk-gpu-prepare-promotion %s | FileCheck %s

// Whole-buffer inputs of an op marked for promotion become identity
// subviews (promotion only handles subviews); the output, inputs that are
// already subviews and unmarked ops are left alone.
// CHECK-LABEL: func.func @marked
// CHECK-SAME: (%[[A:.*]]: memref<16x8xf32>, %[[B:.*]]: memref<8x32xf32>, %[[C:.*]]: memref<16x32xf32>)
// CHECK: %[[SA:.*]] = memref.subview %[[A]][0, 0] [16, 8] [1, 1]
// CHECK: %[[SB:.*]] = memref.subview %[[B]][0, 0] [8, 32] [1, 1]
// CHECK: linalg.matmul {pk.gpu_promote} ins(%[[SA]], %[[SB]] : {{.*}}) outs(%[[C]] : memref<16x32xf32>)
func.func @marked(%a: memref<16x8xf32>, %b: memref<8x32xf32>, %c: memref<16x32xf32>) {
  linalg.matmul {pk.gpu_promote} ins(%a, %b : memref<16x8xf32>, memref<8x32xf32>) outs(%c : memref<16x32xf32>)
  return
}

// CHECK-LABEL: func.func @unmarked
// CHECK-NOT: memref.subview
// CHECK: linalg.matmul ins(%arg0, %arg1
func.func @unmarked(%a: memref<16x8xf32>, %b: memref<8x32xf32>, %c: memref<16x32xf32>) {
  linalg.matmul ins(%a, %b : memref<16x8xf32>, memref<8x32xf32>) outs(%c : memref<16x32xf32>)
  return
}

// A dynamic operand gets no subview (promotion needs a static tile).
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[S:.*]] = memref.subview %arg1
// CHECK-NOT: memref.subview
// CHECK: linalg.matmul {pk.gpu_promote_batch} ins(%arg0, %[[S]]
func.func @dynamic(%a: memref<?x8xf32>, %b: memref<8x32xf32>, %c: memref<?x32xf32>) {
  linalg.matmul {pk.gpu_promote_batch} ins(%a, %b : memref<?x8xf32>, memref<8x32xf32>) outs(%c : memref<?x32xf32>)
  return
}
