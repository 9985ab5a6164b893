// RUN: pk-opt %s --sdfg-map-collapse | FileCheck %s

// Three perfectly nested maps become one, outer parameters first, with the
// outermost schedule.
// CHECK-LABEL: sdfg.sdfg @perfect(
// CHECK:         sdfg.map (%[[I:.+]], %[[J:.+]], %[[K:.+]]) = (0, 1, 0) through (3, 5, %{{.+}}) step (1, 2, 1) schedule cpu_multicore {
// CHECK-NEXT:      %{{.+}} = sdfg.load %{{.+}}[%[[I]], %[[J]], %[[K]]]
// CHECK-NOT:     sdfg.map
sdfg.sdfg @perfect(%A: memref<4x6x8xf32> {name = "A"}) entry @s symbols {K = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4x6x8xf32>
    %k = sdfg.sym "K - 1" : index
    sdfg.map (%i) = (0) through (3) schedule cpu_multicore {
      sdfg.map (%j) = (1) through (5) step (2) {
        sdfg.map (%l) = (0) through (%k) {
          %x = sdfg.load %a[%i, %j, %l] : memref<4x6x8xf32>
          %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
            sdfg.return %v : f32
          }
          sdfg.store %y, %a[%i, %j, %l] : memref<4x6x8xf32>
        }
      }
    }
  }
}

// An inner range that depends on the outer parameter (a triangle), or an
// outer body with more than the inner map, stays nested.
// CHECK-LABEL: sdfg.sdfg @not_perfect(
// CHECK:         sdfg.map (%[[I:.+]]) = (0) through (3) {
// CHECK-NEXT:      sdfg.map (%{{.+}}) = (%[[I]]) through (3) {
// CHECK:         sdfg.map (%{{.+}}) = (0) through (3) {
// CHECK-NEXT:      arith.constant
// CHECK-NEXT:      sdfg.map
sdfg.sdfg @not_perfect(%A: memref<4x4xf32> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4x4xf32>
    sdfg.map (%i) = (0) through (3) {
      sdfg.map (%j) = (%i) through (3) {
        %x = sdfg.load %a[%i, %j] : memref<4x4xf32>
      }
    }
    sdfg.map (%i) = (0) through (3) {
      %c = arith.constant 2 : index
      sdfg.map (%j) = (0) through (3) {
        %x = sdfg.load %a[%i, %c] : memref<4x4xf32>
      }
    }
  }
}
