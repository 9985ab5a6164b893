// RUN: pk-opt %s --sdfg-map-interchange="permutation=2,0,1" | FileCheck %s
// RUN: not pk-opt %s --sdfg-map-interchange="permutation=0,0,1" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: sdfg-map-interchange: 'permutation' must list 0..2 once each

// New dimension k is old dimension permutation[k]; the body's uses follow
// their parameter. Maps with another number of parameters are left alone.
// CHECK-LABEL: sdfg.sdfg @permute(
// CHECK:         sdfg.map (%[[K:.+]], %[[I:.+]], %[[J:.+]]) = (0, 0, 2) through (%{{.+}}, 3, 5) step (1, 1, 3) schedule cpu_multicore {
// CHECK-NEXT:      %{{.+}} = sdfg.load %{{.+}}[%[[I]], %[[J]], %[[K]]]
// CHECK:         sdfg.map (%{{.+}}, %{{.+}}) = (0, 0) through (1, 2) {
sdfg.sdfg @permute(%A: memref<4x6x8xf32> {name = "A"}) entry @s symbols {K = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4x6x8xf32>
    %k = sdfg.sym "K - 1" : index
    sdfg.map (%i, %j, %l) = (0, 2, 0) through (3, 5, %k) step (1, 3, 1) schedule cpu_multicore {
      %x = sdfg.load %a[%i, %j, %l] : memref<4x6x8xf32>
    }
    sdfg.map (%i, %j) = (0, 0) through (1, 2) {
    }
  }
}
