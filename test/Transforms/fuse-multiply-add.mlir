// RUN: pk-opt --pk-fuse-multiply-add --split-input-file %s | FileCheck %s

// CHECK-LABEL: func.func @fused
// CHECK-SAME: (%[[A:.*]]: vector<8xf32>, %[[B:.*]]: vector<8xf32>, %[[C:.*]]: vector<8xf32>)
// CHECK: %[[F:.*]] = vector.fma %[[A]], %[[B]], %[[C]] : vector<8xf32>
// CHECK-NOT: arith.mulf
// CHECK: return %[[F]]
func.func @fused(%a: vector<8xf32>, %b: vector<8xf32>, %c: vector<8xf32>) -> vector<8xf32> {
  %p = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %c, %p : vector<8xf32>
  return %s : vector<8xf32>
}

// -----

// The product may be either operand of the addition; n-D vectors too.
// CHECK-LABEL: func.func @commuted
// CHECK: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<4x16xf32>
func.func @commuted(%a: vector<4x16xf32>, %b: vector<4x16xf32>, %c: vector<4x16xf32>) -> vector<4x16xf32> {
  %p = arith.mulf %a, %b : vector<4x16xf32>
  %s = arith.addf %p, %c : vector<4x16xf32>
  return %s : vector<4x16xf32>
}

// -----

// A product with another user stays (fusing would compute it twice), and
// scalar code is left to the reference semantics.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: vector.fma
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: arith.addf
// CHECK: arith.mulf %{{.*}} : f32
// CHECK: arith.addf %{{.*}} : f32
func.func @not_fused(%a: vector<8xf32>, %b: vector<8xf32>, %c: vector<8xf32>,
                     %x: f32, %y: f32, %z: f32) -> (vector<8xf32>, vector<8xf32>, f32) {
  %p = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %c, %p : vector<8xf32>
  %q = arith.mulf %x, %y : f32
  %t = arith.addf %z, %q : f32
  return %s, %p, %t : vector<8xf32>, vector<8xf32>, f32
}
