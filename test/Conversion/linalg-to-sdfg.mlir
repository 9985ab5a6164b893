// RUN: pk-opt %s --convert-linalg-to-sdfg | FileCheck %s

// A named op with a reduction: one 3-d map over (i, j, k), the payload's
// product in a tasklet, the accumulation as write-conflict resolution.
// CHECK-LABEL: sdfg.sdfg @mm(
// CHECK-SAME:      %[[A:[^:]+]]: memref<5x7xf32> {name = "arg0"}, %[[B:[^:]+]]: memref<7x3xf32> {name = "arg1"}, %[[C:[^:]+]]: memref<5x3xf32> {name = "arg2"}) entry @s0 {
// CHECK-NEXT:    sdfg.state @s0 {
// CHECK-DAG:       %[[CA:.+]] = sdfg.access %[[C]] : memref<5x3xf32>
// CHECK-DAG:       %[[BA:.+]] = sdfg.access %[[B]] : memref<7x3xf32>
// CHECK-DAG:       %[[AA:.+]] = sdfg.access %[[A]] : memref<5x7xf32>
// CHECK:           sdfg.map (%[[I:.+]], %[[J:.+]], %[[K:.+]]) = (0, 0, 0) through (4, 2, 6) schedule cpu_multicore {
// CHECK-NEXT:        %[[X:.+]] = sdfg.load %[[AA]][%[[I]], %[[K]]] : memref<5x7xf32>
// CHECK-NEXT:        %[[Y:.+]] = sdfg.load %[[BA]][%[[K]], %[[J]]] : memref<7x3xf32>
// CHECK-NEXT:        %[[P:.+]] = sdfg.tasklet(%[[XX:.+]] = %[[X]], %[[YY:.+]] = %[[Y]]) : (f32, f32) -> f32 {
// CHECK-NEXT:          %[[M:.+]] = arith.mulf %[[XX]], %[[YY]] : f32
// CHECK-NEXT:          sdfg.return %[[M]] : f32
// CHECK-NEXT:        }
// CHECK-NEXT:        sdfg.store %[[P]], %[[CA]][%[[I]], %[[J]]] wcr add : memref<5x3xf32>
func.func @mm(%a: memref<5x7xf32>, %b: memref<7x3xf32>, %c: memref<5x3xf32>) {
  linalg.matmul ins(%a, %b : memref<5x7xf32>, memref<7x3xf32>) outs(%c : memref<5x3xf32>)
  return
}

// Two top-level ops: two states in order. A constant scalar input (fill)
// copied into its tasklet (DaCe cannot pass a float constant into a map), a
// captured scalar argument, linalg.index and a transposing indexing map.
// CHECK-LABEL: sdfg.sdfg @ew(
// CHECK-SAME:      %[[X:[^:]+]]: memref<6x4xf32> {name = "arg0"}, %[[Y:[^:]+]]: memref<4x6xf32> {name = "arg1"}, %[[ALPHA:[^:]+]]: f32 {name = "arg2"}) entry @s0 {
// CHECK:         sdfg.state @s0 {
// CHECK:           sdfg.map (%{{.+}}, %{{.+}}) = (0, 0) through (3, 5) schedule cpu_multicore {
// CHECK-NEXT:        %[[Z:.+]] = sdfg.tasklet() : () -> f32 {
// CHECK-NEXT:          %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:          sdfg.return %[[ZERO]] : f32
// CHECK:           sdfg.store %[[Z]]
// CHECK:         sdfg.state @s1 {
// CHECK:           sdfg.map (%[[I:.+]], %[[J:.+]]) = (0, 0) through (3, 5) schedule cpu_multicore {
// CHECK-NEXT:        %[[V:.+]] = sdfg.load %{{.+}}[%[[J]], %[[I]]] : memref<6x4xf32>
// CHECK-NEXT:        %{{.+}} = sdfg.tasklet(%{{.+}} = %[[V]], %{{.+}} = %[[J]], %{{.+}} = %[[ALPHA]]) : (f32, index, f32) -> f32 {
// CHECK-NEXT:          math.exp
// CHECK:           sdfg.store
// CHECK:         sdfg.edge @s0 -> @s1
func.func @ew(%x: memref<6x4xf32>, %y: memref<4x6xf32>, %alpha: f32) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<4x6xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<6x4xf32>) outs(%y : memref<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %m = arith.mulf %e, %alpha : f32
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %s = arith.addf %m, %jf : f32
    linalg.yield %s : f32
  }
  return
}

// scf.parallel: index arithmetic stays in the map, the computation goes
// into one tasklet, an atomic update becomes a store with wcr; the
// exclusive upper bound 7 becomes the inclusive 6.
// CHECK-LABEL: sdfg.sdfg @par(
// CHECK:           sdfg.map (%[[I:.+]]) = (0) through (6) schedule cpu_multicore {
// CHECK-NEXT:        %[[IP:.+]] = arith.addi %[[I]], %{{.+}} : index
// CHECK-NEXT:        %[[V:.+]] = sdfg.load %{{.+}}[%[[IP]]] : memref<8xf32>
// CHECK-NEXT:        %[[T:.+]]:2 = sdfg.tasklet(%[[VV:.+]] = %[[V]]) : (f32) -> (f32, f32) {
// CHECK-NEXT:          %[[TWO:.+]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:          %[[W:.+]] = arith.mulf %[[VV]], %[[TWO]] : f32
// CHECK-NEXT:          sdfg.return %[[W]], %[[VV]] : f32, f32
// CHECK-NEXT:        }
// CHECK-NEXT:        sdfg.store %[[T]]#0, %{{.+}}[%[[I]]] : memref<8xf32>
// CHECK-NEXT:        sdfg.store %[[T]]#1, %{{.+}}[%{{.+}}] wcr add : memref<1xf32>
func.func @par(%x: memref<8xf32>, %y: memref<8xf32>, %s: memref<1xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %two = arith.constant 2.0 : f32
  scf.parallel (%i) = (%c0) to (%c7) step (%c1) {
    %ip = arith.addi %i, %c1 : index
    %v = memref.load %x[%ip] : memref<8xf32>
    %w = arith.mulf %v, %two : f32
    memref.store %w, %y[%i] : memref<8xf32>
    %r = memref.atomic_rmw addf %v, %s[%c0] : (f32, memref<1xf32>) -> f32
    scf.reduce
  }
  return
}

// Nested parallel loops nest maps; declarations stay as they are.
// CHECK-LABEL: sdfg.sdfg @nested(
// CHECK:           sdfg.map (%[[I:.+]]) = (0) through (3) schedule cpu_multicore {
// CHECK-NEXT:        sdfg.map (%[[J:.+]]) = (0) through (4) step (2) schedule cpu_multicore {
// CHECK:             sdfg.store %{{.+}}, %{{.+}}[%[[I]], %[[J]]] : memref<4x5xi32>
// CHECK: func.func private @external
func.func @nested(%m: memref<4x5xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c5) step (%c2) {
      %s = arith.addi %i, %j : index
      %v = arith.index_cast %s : index to i32
      memref.store %v, %m[%i, %j] : memref<4x5xi32>
      scf.reduce
    }
    scf.reduce
  }
  return
}
func.func private @external(memref<4xf32>)

// A whole-buffer memref.copy (bufferization's copy of a returned argument)
// is a copy map with an identity tasklet.
// CHECK-LABEL: sdfg.sdfg @copy(
// CHECK-SAME:      %[[S:[^:]+]]: memref<2x3xf32> {name = "arg0"}, %[[D:[^:]+]]: memref<2x3xf32> {name = "arg1"}) entry @s0 {
// CHECK-DAG:       %[[DA:.+]] = sdfg.access %[[D]] : memref<2x3xf32>
// CHECK-DAG:       %[[SA:.+]] = sdfg.access %[[S]] : memref<2x3xf32>
// CHECK:           sdfg.map (%[[I:.+]], %[[J:.+]]) = (0, 0) through (1, 2)
// CHECK-NEXT:        %[[V:.+]] = sdfg.load %[[SA]][%[[I]], %[[J]]] : memref<2x3xf32>
// CHECK-NEXT:        %[[T:.+]] = sdfg.tasklet(%[[X:.+]] = %[[V]]) : (f32) -> f32 {
// CHECK-NEXT:          sdfg.return %[[X]] : f32
// CHECK:             sdfg.store %[[T]], %[[DA]][%[[I]], %[[J]]] : memref<2x3xf32>
// CHECK-NOT:   memref.copy
func.func @copy(%src: memref<2x3xf32>, %dst: memref<2x3xf32>) {
  memref.copy %src, %dst : memref<2x3xf32> to memref<2x3xf32>
  return
}
