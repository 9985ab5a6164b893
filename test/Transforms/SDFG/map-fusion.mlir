// RUN: pk-opt %s --sdfg-map-fusion --split-input-file | FileCheck %s

// A producer and its consumer over the same range, accessing the shared
// container at the parameters only, fuse; the symbol computed between them
// moves above. The result maps keep running in order inside one iteration.
// CHECK-LABEL: sdfg.sdfg @chain(
// CHECK:         %[[UB1:.+]] = sdfg.sym "N - 1" : index
// CHECK-NEXT:    %[[UB2:.+]] = sdfg.sym "N - 1" : index
// CHECK-NEXT:    sdfg.map (%[[I:.+]]) = (0) through (%[[UB1]]) schedule cpu_multicore {
// CHECK-NEXT:      %[[X:.+]] = sdfg.load %[[A:.+]][%[[I]]]
// CHECK:           sdfg.store %{{.+}}, %[[B:.+]][%[[I]]]
// CHECK-NEXT:      %[[Y:.+]] = sdfg.load %[[B]][%[[I]]]
// CHECK:           sdfg.store %{{.+}}, %[[C:.+]][%[[I]]]
// CHECK-NEXT:      %[[Z:.+]] = sdfg.load %[[C]][%[[I]]]
// CHECK:           sdfg.store %{{.+}}, %[[A]][%[[I]]]
// CHECK-NEXT:    }
// CHECK-NEXT:  }
sdfg.sdfg @chain(%A: memref<?xf32> {name = "A", shape = ["N"]},
                 %B: memref<?xf32> {name = "B", shape = ["N"]},
                 %C: memref<?xf32> {name = "C", shape = ["N"]})
    entry @s symbols {N = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<?xf32>
    %b = sdfg.access %B : memref<?xf32>
    %c = sdfg.access %C : memref<?xf32>
    %ub1 = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%ub1) schedule cpu_multicore {
      %x = sdfg.load %a[%i] : memref<?xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %b[%i] : memref<?xf32>
    }
    %ub2 = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%ub2) schedule cpu_multicore {
      %x = sdfg.load %b[%i] : memref<?xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %c[%i] : memref<?xf32>
    }
    sdfg.map (%i) = (0) through (%ub1) schedule cpu_multicore {
      %x = sdfg.load %c[%i] : memref<?xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %a[%i] : memref<?xf32>
    }
  }
}

// -----

// Not fused: the consumer reads a neighbour (a stencil), one range differs,
// a schedule differs, a write uses wcr, a whole-array input reads what the
// producer writes, and a memlet op with effects sits between.
// CHECK-LABEL: sdfg.sdfg @blocked(
// CHECK-COUNT-7: sdfg.map
sdfg.sdfg @blocked(%A: memref<8xf32> {name = "A"}, %B: memref<8xf32> {name = "B"},
                   %C: memref<8xf32> {name = "C"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf32>
    %b = sdfg.access %B : memref<8xf32>
    %c = sdfg.access %C : memref<8xf32>
    sdfg.map (%i) = (0) through (6) {
      %x = sdfg.load %a[%i] : memref<8xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %b[%i] : memref<8xf32>
    }
    sdfg.map (%i) = (0) through (6) {
      %one = arith.constant 1 : index
      %n = arith.addi %i, %one : index
      %x = sdfg.load %b[%n] : memref<8xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %c[%i] : memref<8xf32>
    }
    sdfg.map (%i) = (0) through (5) {
      %x = sdfg.load %c[%i] : memref<8xf32>
    }
    sdfg.map (%i) = (0) through (6) schedule cpu_multicore {
      %x = sdfg.load %c[%i] : memref<8xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %a[%i] wcr add : memref<8xf32>
    }
    sdfg.map (%i) = (0) through (6) schedule cpu_multicore {
      %y = sdfg.tasklet(%arr = %a, %k = %i) : (memref<8xf32>, index) -> f32 {
        %e = memref.load %arr[%k] : memref<8xf32>
        sdfg.return %e : f32
      }
      sdfg.store %y, %b[%i] : memref<8xf32>
    }
    sdfg.copy %b to %c : memref<8xf32> to memref<8xf32>
    sdfg.map (%i) = (0) through (6) schedule cpu_multicore {
      %x = sdfg.load %c[%i] : memref<8xf32>
    }
    sdfg.map (%i) = (0) through (6) {
      %x = sdfg.load %c[%i] : memref<8xf32>
    }
  }
}
