// Symbol bindings and the errors of convert-sdfg-to-scf.
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=N=8" | FileCheck %s
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=N=8,M=3" | FileCheck %s --check-prefix=BOTH
// RUN: not pk-opt %s --convert-sdfg-to-scf="symbols=Q=1" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not pk-opt %s --convert-sdfg-to-scf="symbols=N" 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not pk-opt %s --convert-sdfg-to-scf="symbols=N=x" 2>&1 | FileCheck %s --check-prefix=SYNTAX2

// Binding N specializes every dimension its shape expressions determine
// (here N + 1) and removes N from the signature; M stays an argument until
// bound too.
// CHECK-LABEL: func.func @bind(
// CHECK-SAME:      %[[A:.+]]: memref<9x?xf32>, %{{.+}}: i32) {
// CHECK:         memref.cast %[[A]] : memref<9x?xf32> to memref<?x?xf32>
// CHECK:         arith.constant 8 : i64
// BOTH-LABEL: func.func @bind(
// BOTH-SAME:      %{{.+}}: memref<9x3xf32>) {
sdfg.sdfg @bind(%A: memref<?x?xf32> {name = "A", shape = ["N + 1", "M"]})
    entry @s symbols {N = i64, M = i32} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<?x?xf32>
    %n = sdfg.sym "N" : index
    %m = sdfg.sym "M - 1" : index
    sdfg.map (%i, %j) = (0, 0) through (%n, %m) schedule cpu_multicore {
      %one = sdfg.tasklet() : () -> f32 {
        %c = arith.constant 1.0 : f32
        sdfg.return %c : f32
      }
      sdfg.store %one, %a[%i, %j] : memref<?x?xf32>
    }
  }
}

// UNKNOWN: error: convert-sdfg-to-scf: no SDFG declares symbol 'Q' bound by 'symbols'
// SYNTAX: error: convert-sdfg-to-scf: symbol binding 'N' is not of the form NAME=INTEGER
// SYNTAX2: error: convert-sdfg-to-scf: symbol binding 'N=x' is not of the form NAME=INTEGER
