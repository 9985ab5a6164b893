// An SDFG with a DaCe-style loop (init/guard/body/exit states, the counter
// in interstate edges), a parallel map, a copy into the result container and
// a reduction with write-conflict resolution, lowered by convert-sdfg-to-scf
// with N bound, then run by pk-run (pk-cpu-pipeline, checked against
// pk-reference-pipeline). The first state overwrites the (random) inputs
// with known values, so the results are known independently.
// RUN: rm -rf %t && mkdir -p %t
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=N=4" > %t/lowered.mlir
// RUN: pk-run %t/lowered.mlir --print | FileCheck %s
// RUN: pk-run %t/lowered.mlir --num-threads 2 --seed 7 --output %t/out
// RUN: %python -c "import numpy as np; a = np.arange(16.0).reshape(4, 4) * 2**5; np.testing.assert_array_equal(np.load('%t/out0.npy'), a); np.testing.assert_array_equal(np.load('%t/out1.npy'), a); np.testing.assert_array_equal(np.load('%t/out2.npy'), a.sum(axis=0)); print('NUMPY-OK')" | FileCheck %s --check-prefix=NUMPY

// Five doublings: A = 32 * arange(16); the copy makes R equal; S holds the
// column sums of A (summed by the rows of a parallel map: atomic adds).
// CHECK: pk-run: @hello (3 inputs, 3 written in place, random inputs with seed 1)
// CHECK: PASS
// CHECK: result #0 = {{\[}}[0, 32, 64, 96], [128, 160, 192, 224], [256, 288, 320, 352], [384, 416, 448, 480]]
// CHECK: result #1 = {{\[}}[0, 32, 64, 96], [128, 160, 192, 224], [256, 288, 320, 352], [384, 416, 448, 480]]
// CHECK: result #2 = [768, 896, 1024, 1152]
// NUMPY: NUMPY-OK
sdfg.sdfg @hello(%A: memref<?x?xf64> {name = "A", shape = ["N", "N"]},
                 %R: memref<?x?xf64> {name = "__return", shape = ["N", "N"]},
                 %S: memref<?xf64> {name = "S", shape = ["N"]})
    entry @init symbols {N = i32, _ = i64} {
  sdfg.state @init {
    %a = sdfg.access %A : memref<?x?xf64>
    %s = sdfg.access %S : memref<?xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i, %j) = (0, 0) through (%last, %last) schedule cpu_multicore {
      %v = sdfg.tasklet(%r = %i, %c = %j) : (index, index) -> f64 {
        %four = arith.constant 4 : index
        %row = arith.muli %r, %four : index
        %k = arith.addi %row, %c : index
        %ki = arith.index_cast %k : index to i64
        %kf = arith.sitofp %ki : i64 to f64
        sdfg.return %kf : f64
      }
      sdfg.store %v, %a[%i, %j] : memref<?x?xf64>
    }
    sdfg.map (%j) = (0) through (%last) {
      %zero = sdfg.tasklet() : () -> f64 {
        %z = arith.constant 0.0 : f64
        sdfg.return %z : f64
      }
      sdfg.store %zero, %s[%j] : memref<?xf64>
    }
  }
  sdfg.state @body {
    %a = sdfg.access %A : memref<?x?xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i, %j) = (0, 0) through (%last, %last) schedule cpu_multicore {
      %x = sdfg.load %a[%i, %j] : memref<?x?xf64>
      %y = sdfg.tasklet(%in1 = %x, %in2 = %x) : (f64, f64) -> f64 {
        %s = arith.addf %in1, %in2 : f64
        sdfg.return %s : f64
      }
      sdfg.store %y, %a[%i, %j] : memref<?x?xf64>
    }
  }
  sdfg.state @guard {}
  sdfg.state @exit {
    %a = sdfg.access %A : memref<?x?xf64>
    %r = sdfg.access %R : memref<?x?xf64>
    %s = sdfg.access %S : memref<?xf64>
    sdfg.copy %a to %r : memref<?x?xf64> to memref<?x?xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) schedule cpu_multicore {
      sdfg.map (%j) = (0) through (%last) {
        %x = sdfg.load %a[%i, %j] : memref<?x?xf64>
        sdfg.store %x, %s[%j] wcr add : memref<?xf64>
      }
    }
  }
  sdfg.edge @init -> @guard assign ["_ = 0"]
  sdfg.edge @body -> @guard assign ["_ = (_ + 1)"]
  sdfg.edge @guard -> @body if "(_ < 5)"
  sdfg.edge @guard -> @exit if "(not (_ < 5))"
}
