// RUN: pk-opt --pk-approximate-math %s | FileCheck %s

// tanh and exp on f32 vectors become plain arithmetic (vectorizable).
// CHECK-LABEL: func.func @vectors
// CHECK-NOT:     math.tanh
// CHECK-NOT:     math.exp
// CHECK:         arith.mulf {{.*}} : vector<16xf32>
// CHECK:         return
func.func @vectors(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>) {
  %t = math.tanh %x : vector<16xf32>
  %e = math.exp %x : vector<16xf32>
  return %t, %e : vector<16xf32>, vector<16xf32>
}

// f16 is computed in f32 and truncated back.
// CHECK-LABEL: func.func @half
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK-NOT:     math.tanh
// CHECK:         arith.truncf %{{.*}} : f32 to f16
func.func @half(%x: f16) -> f16 {
  %t = math.tanh %x : f16
  return %t : f16
}

// f64 has no polynomial here: it is left to libm.
// CHECK-LABEL: func.func @double
// CHECK:         math.tanh %{{.*}} : f64
func.func @double(%x: f64) -> f64 {
  %t = math.tanh %x : f64
  return %t : f64
}
