// An SDFG without data (its containers all transient, as in many of DaCe's
// tests) still compiles and runs through both pipelines; there is nothing
// to compare, and pk-run says so. A plain function without results or
// memref arguments stays an error (errors.test).
// RUN: pk-run %s --sdfg-symbols=N=5 | FileCheck %s
// CHECK: pk-run: @no_data (0 inputs, 0 written in place
// CHECK: no data to compare: the SDFG has none
// CHECK: PASS
sdfg.sdfg @no_data() entry @s symbols {N = i64} {
  %t = sdfg.alloc "t" shape ["N"] : memref<?xf64>
  sdfg.state @s {
    %a = sdfg.access %t : memref<?xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) {
      %v = sdfg.tasklet() : () -> f64 {
        %c = arith.constant 2.0 : f64
        sdfg.return %c : f64
      }
      sdfg.store %v, %a[%i] : memref<?xf64>
    }
  }
}
