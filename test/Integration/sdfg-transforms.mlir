// DaCe's transformations keep what an SDFG computes: fusing the two maps,
// tiling the result (with a tile size that does not divide the range),
// interchanging, collapsing and dropping redundant copies give the same
// known values as the original (B[i][j] = 2 (4 i + j) + 1, then copied to
// C and back).
// RUN: pk-opt %s --convert-sdfg-to-scf | pk-run --print | FileCheck %s
// RUN: pk-opt %s --sdfg-map-fusion --sdfg-map-tiling="tile-sizes=3,2" --sdfg-eliminate-redundant-copies | FileCheck %s --check-prefix=IR
// RUN: pk-opt %s --sdfg-map-fusion --sdfg-map-tiling="tile-sizes=3,2" --sdfg-eliminate-redundant-copies --convert-sdfg-to-scf | pk-run --print --num-threads 2 | FileCheck %s
// RUN: pk-opt %s --sdfg-map-interchange="permutation=1,0" --sdfg-map-fusion --convert-sdfg-to-scf | pk-run --print | FileCheck %s
// RUN: pk-opt %s --sdfg-map-tiling="tile-sizes=0,4" --sdfg-map-collapse --convert-sdfg-to-scf | pk-run --print | FileCheck %s
// CHECK: PASS
// CHECK: result #0 = {{\[}}[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15], [16, 17, 18, 19]]
// CHECK: result #1 = {{\[}}[1, 3, 5, 7], [9, 11, 13, 15], [17, 19, 21, 23], [25, 27, 29, 31], [33, 35, 37, 39]]
// CHECK: result #2 = {{\[}}[1, 3, 5, 7], [9, 11, 13, 15], [17, 19, 21, 23], [25, 27, 29, 31], [33, 35, 37, 39]]
// IR: sdfg.state @compute {
// IR: sdfg.map (%{{.+}}, %{{.+}}) = (0, 0) through (4, 3) step (3, 2) schedule cpu_multicore {
// IR-COUNT-1: sdfg.map (%{{.+}}, %{{.+}}) = (%{{.+}}, %{{.+}}) through (%{{.+}}, %{{.+}}) {
// IR-NOT: sdfg.map
// IR: sdfg.copy
// IR: sdfg.state @back {
// IR-NOT: sdfg.copy
sdfg.sdfg @t(%A: memref<5x4xf64> {name = "A"}, %B: memref<5x4xf64> {name = "B"},
             %C: memref<5x4xf64> {name = "C"}) entry @compute {
  sdfg.state @compute {
    %a = sdfg.access %A : memref<5x4xf64>
    %b = sdfg.access %B : memref<5x4xf64>
    %c = sdfg.access %C : memref<5x4xf64>
    sdfg.map (%i, %j) = (0, 0) through (4, 3) schedule cpu_multicore {
      %v = sdfg.tasklet(%r = %i, %k = %j) : (index, index) -> f64 {
        %four = arith.constant 4 : index
        %row = arith.muli %r, %four : index
        %n = arith.addi %row, %k : index
        %ni = arith.index_cast %n : index to i64
        %nf = arith.sitofp %ni : i64 to f64
        sdfg.return %nf : f64
      }
      sdfg.store %v, %a[%i, %j] : memref<5x4xf64>
    }
    sdfg.map (%i, %j) = (0, 0) through (4, 3) schedule cpu_multicore {
      %x = sdfg.load %a[%i, %j] : memref<5x4xf64>
      %y = sdfg.tasklet(%v = %x) : (f64) -> f64 {
        %two = arith.constant 2.0 : f64
        %one = arith.constant 1.0 : f64
        %d = arith.mulf %v, %two : f64
        %s = arith.addf %d, %one : f64
        sdfg.return %s : f64
      }
      sdfg.store %y, %b[%i, %j] : memref<5x4xf64>
    }
    sdfg.copy %b to %c : memref<5x4xf64> to memref<5x4xf64>
  }
  sdfg.state @back {
    %b = sdfg.access %B : memref<5x4xf64>
    %c = sdfg.access %C : memref<5x4xf64>
    sdfg.copy %c to %b : memref<5x4xf64> to memref<5x4xf64>
  }
  sdfg.edge @compute -> @back
}
