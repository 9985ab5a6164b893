// RUN: pk-opt %s --pk-linalg-buffers-to-tensors --split-input-file | FileCheck %s

// Two sweeps of a stencil over buffers: each buffer is read once as a
// tensor, views become slices of its current value, results are inserted
// back, and each written buffer gets its last value at the end of the run.
// The second sweep reads what the first one wrote (the inserted tensor).

// CHECK-LABEL: func.func @sweeps(
// CHECK-SAME:      %[[A:.+]]: memref<10xf32>, %[[B:.+]]: memref<10xf32>)
// CHECK:         %[[AT:.+]] = bufferization.to_tensor %[[A]] restrict writable : memref<10xf32> to tensor<10xf32>
// CHECK:         %[[AL:.+]] = tensor.extract_slice %[[AT]][0] [8] [1] : tensor<10xf32> to tensor<8xf32>
// CHECK:         %[[BT:.+]] = bufferization.to_tensor %[[B]] restrict writable
// CHECK:         %[[BI:.+]] = tensor.extract_slice %[[BT]][1] [8] [1]
// CHECK:         %[[R1:.+]] = linalg.generic {{.*}} ins(%[[AL]] : tensor<8xf32>) outs(%[[BI]] : tensor<8xf32>)
// CHECK:         %[[B1:.+]] = tensor.insert_slice %[[R1]] into %[[BT]][1] [8] [1]
// CHECK:         %[[BR:.+]] = tensor.extract_slice %[[B1]][2] [8] [1]
// CHECK:         %[[AI:.+]] = tensor.extract_slice %[[AT]][1] [8] [1]
// CHECK:         %[[R2:.+]] = linalg.generic {{.*}} ins(%[[BR]] : tensor<8xf32>) outs(%[[AI]] : tensor<8xf32>)
// CHECK:         %[[A1:.+]] = tensor.insert_slice %[[R2]] into %[[AT]][1] [8] [1]
// CHECK:         bufferization.materialize_in_destination %[[B1]] in restrict writable %[[B]]
// CHECK:         bufferization.materialize_in_destination %[[A1]] in restrict writable %[[A]]
// CHECK-NEXT:    return
#id = affine_map<(d0) -> (d0)>
func.func @sweeps(%a: memref<10xf32>, %b: memref<10xf32>) {
  %al = memref.subview %a[0] [8] [1] : memref<10xf32> to memref<8xf32, strided<[1]>>
  %bi = memref.subview %b[1] [8] [1] : memref<10xf32> to memref<8xf32, strided<[1], offset: 1>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%al : memref<8xf32, strided<[1]>>) outs(%bi : memref<8xf32, strided<[1], offset: 1>>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  %br = memref.subview %b[2] [8] [1] : memref<10xf32> to memref<8xf32, strided<[1], offset: 2>>
  %ai = memref.subview %a[1] [8] [1] : memref<10xf32> to memref<8xf32, strided<[1], offset: 1>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%br : memref<8xf32, strided<[1], offset: 2>>) outs(%ai : memref<8xf32, strided<[1], offset: 1>>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// An op that touches memory otherwise ends a run: the buffers are written
// before it and read again after it. Runs inside other regions (an SDFG's
// state machine) are converted on their own.

// CHECK-LABEL: func.func @runs(
// CHECK-SAME:      %[[A:.+]]: memref<4xf32>, %[[B:.+]]: memref<4xf32>, %[[C:.+]]: i1)
// CHECK:         %[[T1:.+]] = bufferization.to_tensor %[[A]] restrict writable
// CHECK:         %[[F1:.+]] = linalg.fill {{.*}} outs(%[[T1]] : tensor<4xf32>)
// CHECK:         bufferization.materialize_in_destination %[[F1]] in restrict writable %[[A]]
// CHECK-NEXT:    memref.copy %[[A]], %[[B]]
// CHECK:         %[[T2:.+]] = bufferization.to_tensor %[[B]] restrict writable
// CHECK:         %[[F2:.+]] = linalg.fill {{.*}} outs(%[[T2]] : tensor<4xf32>)
// CHECK:         bufferization.materialize_in_destination %[[F2]] in restrict writable %[[B]]
// CHECK:         scf.if %[[C]] {
// CHECK:           %[[T3:.+]] = bufferization.to_tensor %[[A]] restrict writable
// CHECK:           %[[F3:.+]] = linalg.fill {{.*}} outs(%[[T3]] : tensor<4xf32>)
// CHECK:           bufferization.materialize_in_destination %[[F3]] in restrict writable %[[A]]
// CHECK-NEXT:    }
func.func @runs(%a: memref<4xf32>, %b: memref<4xf32>, %c: i1) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%a : memref<4xf32>)
  memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  linalg.fill ins(%one : f32) outs(%b : memref<4xf32>)
  scf.if %c {
    linalg.fill ins(%one : f32) outs(%a : memref<4xf32>)
  }
  return
}

// -----

// Ops on buffers that may alias others (a reinterpreted view) and ops
// already on tensors stay as they are.

// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     bufferization.to_tensor
// CHECK:         linalg.fill {{.*}} outs(%{{.+}} : memref<2x2xf32>)
// CHECK:         linalg.fill {{.*}} -> tensor<4xf32>
// CHECK-NOT:     bufferization.materialize_in_destination
func.func @left_alone(%a: memref<4xf32>, %t: tensor<4xf32>) -> tensor<4xf32> {
  %one = arith.constant 1.0 : f32
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [2, 2], strides: [2, 1]
      : memref<4xf32> to memref<2x2xf32>
  linalg.fill ins(%one : f32) outs(%v : memref<2x2xf32>)
  %r = linalg.fill ins(%one : f32) outs(%t : tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
