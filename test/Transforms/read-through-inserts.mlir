// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-read-through-inserts))" --split-input-file %s | FileCheck %s

// A second sweep reading the first sweep's result %b after it was put
// into %g: the read goes through the insert's result, so bufferization
// sees it read the buffer %b was written to.
// CHECK-LABEL: func.func @second_sweep
// CHECK-SAME:    (%[[G:[a-z0-9_]+]]: tensor<8x10xf32>, %[[X:[a-z0-9_]+]]: tensor<6x8xf32>)
// CHECK:         %[[B:.+]] = linalg.negf ins(%[[X]] : tensor<6x8xf32>)
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[B]] into %[[G]][1, 1] [6, 8] [1, 1]
// CHECK:         %[[RB:.+]] = tensor.extract_slice %[[R]][1, 1] [6, 8] [1, 1] : tensor<8x10xf32> to tensor<6x8xf32>
// CHECK:         linalg.exp ins(%[[RB]] : tensor<6x8xf32>)
func.func @second_sweep(%g: tensor<8x10xf32>, %x: tensor<6x8xf32>) -> (tensor<8x10xf32>, tensor<6x8xf32>) {
  %e = tensor.empty() : tensor<6x8xf32>
  %b = linalg.negf ins(%x : tensor<6x8xf32>) outs(%e : tensor<6x8xf32>) -> tensor<6x8xf32>
  %r = tensor.insert_slice %b into %g[1, 1] [6, 8] [1, 1] : tensor<6x8xf32> into tensor<8x10xf32>
  %e2 = tensor.empty() : tensor<6x8xf32>
  %c = linalg.exp ins(%b : tensor<6x8xf32>) outs(%e2 : tensor<6x8xf32>) -> tensor<6x8xf32>
  return %r, %c : tensor<8x10xf32>, tensor<6x8xf32>
}

// -----

// Reads before the insert, and the insert's own operand, are left alone;
// a rank-reducing insert with dynamic offsets is re-read with the same
// offsets and the source's type; a read inside a later loop is redirected.
// CHECK-LABEL: func.func @before_and_dynamic
// CHECK-SAME:    (%[[G:[a-z0-9_]+]]: tensor<8x10xf32>, %[[V:[a-z0-9_]+]]: tensor<10xf32>, %[[I:[a-z0-9_]+]]: index
// CHECK:         %[[A:.+]] = linalg.exp ins(%[[V]] : tensor<10xf32>)
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[V]] into %[[G]][%[[I]], 0] [1, 10] [1, 1] : tensor<10xf32> into tensor<8x10xf32>
// CHECK:         %[[RV:.+]] = tensor.extract_slice %[[R]][%[[I]], 0] [1, 10] [1, 1] : tensor<8x10xf32> to tensor<10xf32>
// CHECK:         scf.for
// CHECK:           linalg.negf ins(%[[RV]] : tensor<10xf32>)
func.func @before_and_dynamic(%g: tensor<8x10xf32>, %v: tensor<10xf32>, %i: index, %n: index) -> (tensor<8x10xf32>, tensor<10xf32>, tensor<10xf32>) {
  %e = tensor.empty() : tensor<10xf32>
  %a = linalg.exp ins(%v : tensor<10xf32>) outs(%e : tensor<10xf32>) -> tensor<10xf32>
  %r = tensor.insert_slice %v into %g[%i, 0] [1, 10] [1, 1] : tensor<10xf32> into tensor<8x10xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %l = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %e) -> (tensor<10xf32>) {
    %b = linalg.negf ins(%v : tensor<10xf32>) outs(%acc : tensor<10xf32>) -> tensor<10xf32>
    scf.yield %b : tensor<10xf32>
  }
  return %r, %a, %l : tensor<8x10xf32>, tensor<10xf32>, tensor<10xf32>
}

// -----

// A slice of the inserted tensor taken before the insert but read after
// it (canonicalization hoists and merges such slices) is re-taken from
// the insert's result for the later read; the earlier read keeps it.
// CHECK-LABEL: func.func @slice_before_insert
// CHECK-SAME:    (%[[G:[a-z0-9_]+]]: tensor<8x10xf32>, %[[X:[a-z0-9_]+]]: tensor<6x8xf32>)
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[X]][0, 0] [2, 8] [1, 1]
// CHECK:         linalg.negf ins(%[[S]] : tensor<2x8xf32>)
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[X]] into %[[G]][1, 1] [6, 8] [1, 1]
// CHECK:         %[[RX:.+]] = tensor.extract_slice %[[R]][1, 1] [6, 8] [1, 1]
// CHECK:         %[[RS:.+]] = tensor.extract_slice %[[RX]][0, 0] [2, 8] [1, 1]
// CHECK:         linalg.exp ins(%[[RS]] : tensor<2x8xf32>)
func.func @slice_before_insert(%g: tensor<8x10xf32>, %x: tensor<6x8xf32>) -> (tensor<8x10xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %s = tensor.extract_slice %x[0, 0] [2, 8] [1, 1] : tensor<6x8xf32> to tensor<2x8xf32>
  %e = tensor.empty() : tensor<2x8xf32>
  %n = linalg.negf ins(%s : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  %r = tensor.insert_slice %x into %g[1, 1] [6, 8] [1, 1] : tensor<6x8xf32> into tensor<8x10xf32>
  %e2 = tensor.empty() : tensor<2x8xf32>
  %c = linalg.exp ins(%s : tensor<2x8xf32>) outs(%e2 : tensor<2x8xf32>) -> tensor<2x8xf32>
  return %r, %n, %c : tensor<8x10xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}
