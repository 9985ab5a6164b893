// RUN: pk-opt --split-input-file --verify-diagnostics --pk-distinct-result-buffers %s | FileCheck %s

// The second (and third) return of one buffer becomes a copy into a buffer
// of its own; the first keeps the original.
// CHECK-LABEL: func.func @repeated
// CHECK-SAME: (%[[X:.*]]: memref<4xf32>)
// CHECK: %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[C1:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.copy %[[A]], %[[C1]]
// CHECK: %[[C2:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.copy %[[A]], %[[C2]]
// CHECK: return %[[A]], %[[X]], %[[C1]], %[[C2]]
func.func @repeated(%x: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  return %a, %x, %a, %a : memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>
}

// -----

// Dynamic sizes are read from the repeated buffer.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.*]]: memref<?x8xf32>)
// CHECK: %[[D:.*]] = memref.dim %[[X]], %c0
// CHECK: %[[C:.*]] = memref.alloc(%[[D]]) : memref<?x8xf32>
// CHECK: memref.copy %[[X]], %[[C]]
// CHECK: return %[[X]], %[[C]]
func.func @dynamic(%x: memref<?x8xf32>) -> (memref<?x8xf32>, memref<?x8xf32>) {
  return %x, %x : memref<?x8xf32>, memref<?x8xf32>
}

// -----

// Distinct results are left alone.
// CHECK-LABEL: func.func @distinct
// CHECK-NOT: memref.copy
// CHECK: return %arg0, %arg1
func.func @distinct(%x: memref<4xf32>, %y: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>) {
  return %x, %y : memref<4xf32>, memref<4xf32>
}

// -----

func.func @unranked(%x: memref<*xf32>) -> (memref<*xf32>, memref<*xf32>) {
  // expected-error @+1 {{'func.return' op result #1 repeats an earlier result of type 'memref<*xf32>', which cannot be copied into a buffer of its own (an identity-layout ranked memref is needed)}}
  return %x, %x : memref<*xf32>, memref<*xf32>
}
