// SymPy's Mod, Eq and Ne, which DaCe writes in subsets and conditions, are
// Python's `%` (the sign of the divisor) and `==`/`!=`: with N = 2,
// Mod(N - 7, 3) is 1 (C's remainder would be -2).
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=N=2" --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @sympy(
// CHECK-DAG:     %[[ONE:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[SEVEN:.+]] = arith.constant 7.0{{.*}} : f32
// CHECK:         memref.store %[[SEVEN]], %{{.+}}[%[[ONE]]]
sdfg.sdfg @sympy(%A: memref<4xf32> {name = "A"}) entry @s symbols {N = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %i = sdfg.sym "Mod(N - 7, 3)" : index
    %v = sdfg.tasklet() : () -> f32 {
      %c = arith.constant 7.0 : f32
      sdfg.return %c : f32
    }
    sdfg.store %v, %a[%i] : memref<4xf32>
  }
  sdfg.state @t {}
  // CHECK-NOT: scf.if
  sdfg.edge @s -> @t if "Eq(N, 2) and Ne(N, 3)"
}
