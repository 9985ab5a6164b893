// RUN: pk-opt --pk-fuse-multiply-add --split-input-file %s | FileCheck %s

// An accumulator carried by a loop, and one read from memory, take the
// product in one fused multiply-add.
// CHECK-LABEL: func.func @fused
// CHECK-SAME: (%[[A:.*]]: vector<8xf32>, %[[B:.*]]: vector<8xf32>, %[[C:.*]]: vector<8xf32>, %[[M:.*]]: memref<8xf32>
// CHECK: scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[C]])
// CHECK:   %[[F:.*]] = vector.fma %[[A]], %[[B]], %[[ACC]] : vector<8xf32>
// CHECK:   scf.yield %[[F]]
// CHECK: %[[R:.*]] = vector.transfer_read %[[M]]
// CHECK: vector.fma %[[A]], %[[B]], %[[R]] : vector<8xf32>
// CHECK-NOT: arith.mulf
func.func @fused(%a: vector<8xf32>, %b: vector<8xf32>, %c: vector<8xf32>, %m: memref<8xf32>,
                 %n: index) -> (vector<8xf32>, vector<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c) -> vector<8xf32> {
    %p = arith.mulf %a, %b : vector<8xf32>
    %s = arith.addf %acc, %p : vector<8xf32>
    scf.yield %s : vector<8xf32>
  }
  %r = vector.transfer_read %m[%c0], %zero : memref<8xf32>, vector<8xf32>
  %p = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %r, %p : vector<8xf32>
  return %sum, %s : vector<8xf32>, vector<8xf32>
}

// -----

// The product may be either operand of the addition; n-D vectors too; a
// chain of sums fuses link by link.
// CHECK-LABEL: func.func @commuted
// CHECK: %[[L:.*]] = vector.load
// CHECK: %[[F1:.*]] = vector.fma %{{.*}}, %{{.*}}, %[[L]] : vector<4x16xf32>
// CHECK: vector.fma %{{.*}}, %{{.*}}, %[[F1]] : vector<4x16xf32>
func.func @commuted(%a: vector<4x16xf32>, %b: vector<4x16xf32>, %m: memref<4x16xf32>) -> vector<4x16xf32> {
  %c0 = arith.constant 0 : index
  %c = vector.load %m[%c0, %c0] : memref<4x16xf32>, vector<4x16xf32>
  %p = arith.mulf %a, %b : vector<4x16xf32>
  %s = arith.addf %p, %c : vector<4x16xf32>
  %q = arith.mulf %b, %a : vector<4x16xf32>
  %t = arith.addf %s, %q : vector<4x16xf32>
  return %t : vector<4x16xf32>
}

// -----

// A product with another user stays (fusing would compute it twice), a sum
// with a value that is no accumulator (an elementwise x * 0.1 + y) keeps
// its two roundings, and scalar code is left to the reference semantics.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: vector.fma
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: arith.addf
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: arith.addf
// CHECK: arith.mulf %{{.*}} : f32
// CHECK: arith.addf %{{.*}} : f32
func.func @not_fused(%a: vector<8xf32>, %b: vector<8xf32>, %m: memref<8xf32>,
                     %x: f32, %y: f32, %z: f32) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c = vector.load %m[%c0] : memref<8xf32>, vector<8xf32>
  %p = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %c, %p : vector<8xf32>
  %e = arith.mulf %a, %a : vector<8xf32>
  %u = arith.addf %b, %e : vector<8xf32>
  %q = arith.mulf %x, %y : f32
  %t = arith.addf %z, %q : f32
  return %s, %p, %u, %t : vector<8xf32>, vector<8xf32>, vector<8xf32>, f32
}
