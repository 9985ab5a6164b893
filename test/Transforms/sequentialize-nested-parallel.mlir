// RUN: pk-opt --pk-sequentialize-nested-parallel %s | FileCheck %s

// The outermost scf.parallel stays parallel; the one nested in it becomes
// a nest of scf.for loops.
// CHECK-LABEL: func.func @nested
// CHECK:       scf.parallel (%[[I:.+]]) =
// CHECK-NOT:     scf.parallel
// CHECK:         scf.for %[[J:.+]] =
// CHECK:           scf.for %[[K:.+]] =
// CHECK:             memref.store {{.*}}[%[[I]], %[[J]], %[[K]]]
func.func @nested(%m: memref<4x8x16xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j, %k) = (%c0, %c0) to (%c8, %c16) step (%c1, %c1) {
      memref.store %v, %m[%i, %j, %k] : memref<4x8x16xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// Inside an scf.forall (a tile already distributed over threads) too.
// CHECK-LABEL: func.func @in_forall
// CHECK:       scf.forall
// CHECK-NOT:     scf.parallel
// CHECK:         scf.for
func.func @in_forall(%m: memref<4x8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.forall (%i) in (4) {
    scf.parallel (%j) = (%c0) to (%c8) step (%c1) {
      memref.store %v, %m[%i, %j] : memref<4x8xf32>
      scf.reduce
    }
  }
  return
}

// A lone scf.parallel is left alone.
// CHECK-LABEL: func.func @top_level
// CHECK:       scf.parallel
// CHECK-NOT:   scf.for
func.func @top_level(%m: memref<8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%j) = (%c0) to (%c8) step (%c1) {
    memref.store %v, %m[%j] : memref<8xf32>
    scf.reduce
  }
  return
}

// An outermost parallel loop over a loop-free body keeps just enough
// leading dimensions to reach min-parallel-iterations (here 4 x 16 = 64);
// the rest becomes sequential loops LLVM can vectorize.
// CHECK-LABEL: func.func @coarsen
// CHECK:       scf.parallel (%[[A:.+]], %[[B:.+]]) = (%c0, %c0) to (%c4, %c16) step (%c1, %c1)
// CHECK:         scf.for %[[C:.+]] = %c0 to %c56 step %c1
// CHECK:           scf.for %[[D:.+]] = %c0 to %c56 step %c1
// CHECK:             memref.store {{.*}}[%[[A]], %[[B]], %[[C]], %[[D]]]
func.func @coarsen(%m: memref<4x16x56x56xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c56 = arith.constant 56 : index
  scf.parallel (%a, %b, %c, %d) = (%c0, %c0, %c0, %c0) to (%c4, %c16, %c56, %c56) step (%c1, %c1, %c1, %c1) {
    memref.store %v, %m[%a, %b, %c, %d] : memref<4x16x56x56xf32>
    scf.reduce
  }
  return
}

// The innermost dimension never stays parallel, and a dynamic extent counts
// as enough work.
// CHECK-LABEL: func.func @innermost_and_dynamic
// CHECK:       scf.parallel (%{{.+}}) = (%c0) to (%[[N:.+]]) step (%c1)
// CHECK:         scf.for
func.func @innermost_and_dynamic(%m: memref<?x8xf32>, %v: f32, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%a, %b) = (%c0, %c0) to (%n, %c8) step (%c1, %c1) {
    memref.store %v, %m[%a, %b] : memref<?x8xf32>
    scf.reduce
  }
  return
}

// With the option at 0 every dimension stays parallel.
// RUN: pk-opt --pk-sequentialize-nested-parallel="min-parallel-iterations=0" %s | FileCheck %s --check-prefix=ALL
// ALL-LABEL: func.func @coarsen
// ALL:       scf.parallel ({{.*}}, {{.*}}, {{.*}}, {{.*}}) =
// ALL-NOT:   scf.for
