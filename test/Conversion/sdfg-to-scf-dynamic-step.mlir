// A map step given by a symbol, of either sign: the lowering iterates
// k = 0 .. (ub - lb) floordiv step with the parameter lb + k*step, so a
// positive step counts up to the inclusive bound, a negative one down, and
// a range that runs the other way is empty.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/half.npy', np.full(8, 0.5, np.float32))"
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=S=3,L=1,U=7" | FileCheck %s --check-prefix=IR
// RUN: pk-run %s --sdfg-symbols=S=3,L=1,U=7 --input %t/half.npy --print --no-check | FileCheck %s --check-prefix=UP
// RUN: pk-run %s --sdfg-symbols=S=-4,L=6,U=0 --input %t/half.npy --print --no-check | FileCheck %s --check-prefix=DOWN
// RUN: pk-run %s --sdfg-symbols=S=2,L=5,U=1 --input %t/half.npy --print --no-check | FileCheck %s --check-prefix=EMPTY
// RUN: pk-run %s --sdfg-symbols=S=-1,L=2,U=5 --input %t/half.npy --print --no-check | FileCheck %s --check-prefix=EMPTY
// IR: arith.floordivsi
// IR: scf.parallel
// UP: result #0 = [0.5, 1.5, 0.5, 0.5, 4.5, 0.5, 0.5, 7.5]
// DOWN: result #0 = [0.5, 0.5, 2.5, 0.5, 0.5, 0.5, 6.5, 0.5]
// EMPTY: result #0 = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]

sdfg.sdfg @strided(%B: memref<8xf32> {name = "B"}) entry @s symbols {S = i64, L = i64, U = i64} {
  sdfg.state @s {
    %b = sdfg.access %B : memref<8xf32>
    %step = sdfg.sym "S" : index
    %lb = sdfg.sym "L" : index
    %ub = sdfg.sym "U" : index
    sdfg.map (%i) = (%lb) through (%ub) step (%step) schedule cpu_multicore {
      %x = sdfg.load %b[%i] : memref<8xf32>
      %y = sdfg.tasklet(%v = %x, %k = %i) : (f32, index) -> f32 {
        %ki = arith.index_cast %k : index to i64
        %kf = arith.sitofp %ki : i64 to f32
        %r = arith.addf %v, %kf : f32
        sdfg.return %r : f32
      }
      sdfg.store %y, %b[%i] : memref<8xf32>
    }
  }
}
