// A transient sized by a symbol an edge assigns, used in one state: as in
// DaCe, it is allocated each time that state runs, with the symbol's value
// then. Here a loop over i = 1..4 sums t[0..i-1] = j + 1 into S[i - 1].
// RUN: rm -rf %t && mkdir -p %t
// RUN: pk-opt %s --convert-sdfg-to-scf | FileCheck %s --check-prefix=IR
// IR: scf.index_switch
// IR: case 1 {
// IR: %[[SIZE:.+]] = arith.index_cast %{{.+}} : i64 to index
// IR: memref.alloc(%[[SIZE]]) : memref<?xf32>
// RUN: %python -c "import numpy as np; np.save('%t/s.npy', np.zeros(4, np.float32))"
// RUN: pk-run %s --input %t/s.npy --print --no-check | FileCheck %s
// CHECK: result #0 = [1, 3, 6, 10]
sdfg.sdfg @per_state(%S: memref<4xf32> {name = "S"}) entry @init symbols {i = i64} {
  %t = sdfg.alloc "t" shape ["i"] : memref<?xf32>
  sdfg.state @init {}
  sdfg.state @body {
    %ta = sdfg.access %t : memref<?xf32>
    %s = sdfg.access %S : memref<4xf32>
    %last = sdfg.sym "i - 1" : index
    sdfg.map (%j) = (0) through (%last) schedule sequential {
      %v = sdfg.tasklet(%k = %j) : (index) -> f32 {
        %ki = arith.index_cast %k : index to i64
        %kf = arith.sitofp %ki : i64 to f32
        %one = arith.constant 1.0 : f32
        %r = arith.addf %kf, %one : f32
        sdfg.return %r : f32
      }
      sdfg.store %v, %ta[%j] : memref<?xf32>
    }
    sdfg.map (%j) = (0) through (%last) schedule sequential {
      %x = sdfg.load %ta[%j] : memref<?xf32>
      %y = sdfg.tasklet(%a = %x) : (f32) -> f32 {
        sdfg.return %a : f32
      }
      sdfg.store %y, %s[%last] wcr add : memref<4xf32>
    }
  }
  sdfg.state @done {}
  sdfg.edge @init -> @body assign ["i = 1"]
  sdfg.edge @body -> @body if "i < 4" assign ["i = i + 1"]
  sdfg.edge @body -> @done if "i >= 4"
}
