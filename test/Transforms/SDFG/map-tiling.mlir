// RUN: pk-opt %s --sdfg-map-tiling="tile-sizes=4,0" | FileCheck %s
// RUN: not pk-opt %s --sdfg-map-tiling="tile-sizes=-2" 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// The first dimension is tiled by 4: tile origins in the outer map (the
// original schedule), one tile in the inner sequential map, clamped to the
// original bound; the second dimension stays whole. Nested maps are left.
// CHECK-LABEL: sdfg.sdfg @tile(
// CHECK:         sdfg.map (%[[T:.+]]) = (0) through (%[[UB:.+]]) step (8) schedule cpu_multicore {
// CHECK-NEXT:      %[[SPAN:.+]] = arith.constant 6 : index
// CHECK-NEXT:      %[[LAST:.+]] = arith.addi %[[T]], %[[SPAN]] : index
// CHECK-NEXT:      %[[END:.+]] = arith.minsi %[[LAST]], %[[UB]] : index
// CHECK-NEXT:      sdfg.map (%[[I:.+]], %[[J:.+]]) = (%[[T]], 0) through (%[[END]], 7) step (2, 1) {
// CHECK-NEXT:        %{{.+}} = sdfg.load %{{.+}}[%[[I]], %[[J]]]
// CHECK:             sdfg.map (%{{.+}}) = (0) through (3) {
sdfg.sdfg @tile(%A: memref<?x8xf32> {name = "A", shape = ["N", "8"]}) entry @s symbols {N = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<?x8xf32>
    %ub = sdfg.sym "N - 1" : index
    sdfg.map (%i, %j) = (0, 0) through (%ub, 7) step (2, 1) schedule cpu_multicore {
      %x = sdfg.load %a[%i, %j] : memref<?x8xf32>
      sdfg.map (%k) = (0) through (3) {
        %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
          sdfg.return %v : f32
        }
        sdfg.store %y, %a[%i, %j] : memref<?x8xf32>
      }
    }
  }
}

// NEGATIVE: error: 'sdfg.map' op cannot be tiled with negative tile size -2
