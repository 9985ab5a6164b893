// RUN: pk-opt %s --pk-raise-loops-to-linalg --split-input-file | FileCheck %s

// A GEMM as sequential loops with a read-modify-write of C: k, missing from
// C's indices, is a reduction.

// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm(
// CHECK-SAME:      %[[AM:.+]]: memref<7x5xf32>, %[[BM:.+]]: memref<5x3xf32>, %[[CM:.+]]: memref<7x3xf32>)
// CHECK-NOT:     scf.for
// CHECK:         linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:        ins(%[[AM]], %[[BM]] : memref<7x5xf32>, memref<5x3xf32>) outs(%[[CM]] : memref<7x3xf32>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %[[Y:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK:           %[[P:.+]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK:           %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK-NOT:     scf.for
func.func @gemm(%A: memref<7x5xf32>, %B: memref<5x3xf32>, %C: memref<7x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  scf.for %i = %c0 to %c7 step %c1 {
    scf.for %j = %c0 to %c3 step %c1 {
      scf.for %k = %c0 to %c5 step %c1 {
        %a = memref.load %A[%i, %k] : memref<7x5xf32>
        %b = memref.load %B[%k, %j] : memref<5x3xf32>
        %p = arith.mulf %a, %b : f32
        %c = memref.load %C[%i, %j] : memref<7x3xf32>
        %s = arith.addf %c, %p : f32
        memref.store %s, %C[%i, %j] : memref<7x3xf32>
      }
    }
  }
  return
}

// -----

// A parallel map summing into y with atomic updates (DaCe's wcr add): a
// reduction over j whose body adds to the output.

// CHECK-LABEL: func.func @matvec_atomic(
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:         ^bb0(%[[A:.+]]: f32, %[[X:.+]]: f32, %[[Y:.+]]: f32):
// CHECK:           %[[P:.+]] = arith.mulf %[[A]], %[[X]] : f32
// CHECK:           %[[S:.+]] = arith.addf %[[Y]], %[[P]] : f32
// CHECK:           linalg.yield %[[S]] : f32
func.func @matvec_atomic(%A: memref<9x4xf32>, %x: memref<4xf32>, %y: memref<9xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c9 = arith.constant 9 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c9, %c4) step (%c1, %c1) {
    %a = memref.load %A[%i, %j] : memref<9x4xf32>
    %v = memref.load %x[%j] : memref<4xf32>
    %p = arith.mulf %a, %v : f32
    %old = memref.atomic_rmw addf %p, %y[%i] : (f32, memref<9xf32>) -> f32
    scf.reduce
  }
  return
}

// -----

// A stencil over the interior: each shifted read is its own operand, a
// subview whose offset is the constant part of the index.

// CHECK-LABEL: func.func @stencil(
// CHECK-SAME:      %[[IN:.+]]: memref<10x12xf32>, %[[OUT:.+]]: memref<10x12xf32>)
// CHECK-DAG:     %[[W:.+]] = memref.subview %[[IN]][1, 0] [8, 10] [1, 1]
// CHECK-DAG:     %[[E:.+]] = memref.subview %[[IN]][1, 2] [8, 10] [1, 1]
// CHECK-DAG:     %[[N:.+]] = memref.subview %[[IN]][0, 1] [8, 10] [1, 1]
// CHECK-DAG:     %[[O:.+]] = memref.subview %[[OUT]][1, 1] [8, 10] [1, 1]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:        ins(%[[W]], %[[E]], %[[N]] :
// CHECK-SAME:        outs(%[[O]] :
func.func @stencil(%in: memref<10x12xf32>, %out: memref<10x12xf32>) {
  %c1 = arith.constant 1 : index
  %c9 = arith.constant 9 : index
  %c11 = arith.constant 11 : index
  scf.parallel (%i, %j) = (%c1, %c1) to (%c9, %c11) step (%c1, %c1) {
    %jm = arith.subi %j, %c1 : index
    %jp = arith.addi %j, %c1 : index
    %im = arith.subi %i, %c1 : index
    %w = memref.load %in[%i, %jm] : memref<10x12xf32>
    %e = memref.load %in[%i, %jp] : memref<10x12xf32>
    %n = memref.load %in[%im, %j] : memref<10x12xf32>
    %0 = arith.addf %w, %e : f32
    %1 = arith.addf %0, %n : f32
    memref.store %1, %out[%i, %j] : memref<10x12xf32>
    scf.reduce
  }
  return
}

// -----

// Steps other than one become strided views; a window index (i + k) a
// view spanning all it reaches, read through the map d0 + d1; an index in
// i64 (an SDFG symbol) is read through its casts.

// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-DAG: #[[K:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[I:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @strided_window(
// CHECK-SAME:      %[[X:.+]]: memref<40xf32>, %[[W:.+]]: memref<3xf32>, %[[Y:.+]]: memref<40xf32>)
// CHECK:         %[[XV:.+]] = memref.subview %[[X]][0] [15] [1]
// CHECK:         %[[YV:.+]] = memref.subview %[[Y]][1] [13] [3]
// CHECK:         linalg.generic {indexing_maps = [#[[WIN]], #[[K]], #[[I]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:        ins(%[[XV]], %[[W]] : memref<15xf32, strided<[1]>>, memref<3xf32>)
// CHECK-SAME:        outs(%[[YV]] : memref<13xf32, strided<[3], offset: 1>>)
func.func @strided_window(%x: memref<40xf32>, %w: memref<3xf32>, %y: memref<40xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c13 = arith.constant 13 : index
  %one = arith.constant 1 : i64
  scf.for %i = %c0 to %c13 step %c1 {
    scf.for %k = %c0 to %c3 step %c1 {
      %xi = arith.addi %i, %k : index
      %a = memref.load %x[%xi] : memref<40xf32>
      %b = memref.load %w[%k] : memref<3xf32>
      %i3 = arith.muli %i, %c3 : index
      %i64 = arith.index_cast %i3 : index to i64
      %o64 = arith.addi %i64, %one : i64
      %o = arith.index_cast %o64 : i64 to index
      %acc = memref.load %y[%o] : memref<40xf32>
      %p = arith.mulf %a, %b : f32
      %s = arith.addf %acc, %p : f32
      memref.store %s, %y[%o] : memref<40xf32>
    }
  }
  return
}

// -----

// Dynamic bounds: the trip count is computed before the op and the lower
// bound is the views' offset; a loop variable the body computes with is
// lb + linalg.index.

// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME:      %[[A:.+]]: memref<?xf32>, %[[LB:.+]]: index, %[[UB:.+]]: index)
// CHECK:         %[[SPAN:.+]] = arith.subi %[[UB]], %[[LB]] : index
// CHECK:         %[[TRIPS:.+]] = arith.ceildivsi %[[SPAN]]
// CHECK:         %[[N:.+]] = arith.maxsi %[[TRIPS]]
// CHECK:         %[[V:.+]] = memref.subview %[[A]][%{{.+}}] [%[[N]]] [1]
// CHECK:         linalg.generic {{.*}} outs(%[[V]] : memref<?xf32, strided<[1], offset: ?>>)
// CHECK:           %[[IDX:.+]] = linalg.index 0 : index
// CHECK:           %[[IV:.+]] = arith.addi %[[LB]], %[[IDX]] : index
// CHECK:           arith.index_cast %[[IV]] : index to i32
func.func @dynamic(%A: memref<?xf32>, %lb: index, %ub: index) {
  %c1 = arith.constant 1 : index
  scf.for %i = %lb to %ub step %c1 {
    %n = arith.index_cast %i : index to i32
    %f = arith.sitofp %n : i32 to f32
    memref.store %f, %A[%i] : memref<?xf32>
  }
  return
}

// -----

// A sum into a rank-0 buffer (an SDFG's register transient): every loop a
// reduction.

// CHECK-LABEL: func.func @scalar_sum(
// CHECK:         %[[ACC:.+]] = memref.alloca() : memref<f32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.+}} : memref<16xf32>) outs(%[[ACC]] : memref<f32>)
func.func @scalar_sum(%x: memref<16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %acc = memref.alloca() : memref<f32>
  scf.for %i = %c0 to %c16 step %c1 {
    %v = memref.load %x[%i] : memref<16xf32>
    %old = memref.load %acc[] : memref<f32>
    %s = arith.addf %old, %v : f32
    memref.store %s, %acc[] : memref<f32>
  }
  %r = memref.load %acc[] : memref<f32>
  return %r : f32
}

// -----

// A time loop over two sweeps is not a perfect nest: it stays, and each
// sweep inside it is raised with the time step's value as a loop-invariant.

// CHECK-LABEL: func.func @time_loop(
// CHECK:         scf.for
// CHECK-COUNT-2:   linalg.generic
// CHECK-NOT:       scf.parallel
func.func @time_loop(%a: memref<64xf32>, %b: memref<64xf32>, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c63 = arith.constant 63 : index
  scf.for %t = %c0 to %steps step %c1 {
    scf.parallel (%i) = (%c1) to (%c63) step (%c1) {
      %im = arith.subi %i, %c1 : index
      %x = memref.load %a[%im] : memref<64xf32>
      memref.store %x, %b[%i] : memref<64xf32>
      scf.reduce
    }
    scf.parallel (%i) = (%c1) to (%c63) step (%c1) {
      %ip = arith.addi %i, %c1 : index
      %x = memref.load %b[%ip] : memref<64xf32>
      memref.store %x, %a[%i] : memref<64xf32>
      scf.reduce
    }
  }
  return
}

// -----

// What stays a loop: a loop-carried dependence (a[i] reads a[i - 1]),
// an indirect index, loop-carried values, a racy plain
// write from a parallel loop, two writes of one buffer, a view that may
// alias, a read after the write, a reversed walk, a loop that never runs,
// an atomic update that is no reduction (assign), and an accumulator read
// outside the loop that updates it.

// CHECK-LABEL: func.func @not_raised(
// CHECK-NOT:     linalg.generic
// CHECK-COUNT-12: scf.{{for|parallel}}
// CHECK-NOT:     linalg.generic
func.func @not_raised(%a: memref<64xf32>, %b: memref<64xf32>, %idx: memref<64xindex>,
                      %m: memref<8x8xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c63 = arith.constant 63 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c1 to %c64 step %c1 {
    %im = arith.subi %i, %c1 : index
    %x = memref.load %a[%im] : memref<64xf32>
    memref.store %x, %a[%i] : memref<64xf32>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %j = memref.load %idx[%i] : memref<64xindex>
    %x = memref.load %a[%j] : memref<64xf32>
    memref.store %x, %b[%i] : memref<64xf32>
  }
  %sum = scf.for %i = %c0 to %c64 step %c1 iter_args(%s = %zero) -> f32 {
    %x = memref.load %a[%i] : memref<64xf32>
    %t = arith.addf %s, %x : f32
    scf.yield %t : f32
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %x = memref.load %m[%i, %j] : memref<8x8xf32>
    memref.store %x, %b[%i] : memref<64xf32>
    scf.reduce
  }
  scf.for %i = %c0 to %c63 step %c1 {
    %ip = arith.addi %i, %c1 : index
    memref.store %zero, %b[%i] : memref<64xf32>
    memref.store %zero, %b[%ip] : memref<64xf32>
  }
  %view = memref.subview %a[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
  scf.for %i = %c0 to %c8 step %c1 {
    memref.store %zero, %view[%i] : memref<32xf32, strided<[1]>>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %zero, %b[%i] : memref<64xf32>
    %x = memref.load %b[%i] : memref<64xf32>
    memref.store %x, %a[%i] : memref<64xf32>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %r = arith.subi %c63, %i : index
    %x = memref.load %a[%r] : memref<64xf32>
    memref.store %x, %b[%i] : memref<64xf32>
  }
  scf.for %i = %c8 to %c0 step %c1 {
    memref.store %zero, %b[%i] : memref<64xf32>
  }
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %x = memref.load %a[%i] : memref<64xf32>
    %old = memref.atomic_rmw assign %x, %b[%c0] : (f32, memref<64xf32>) -> f32
    scf.reduce
  }
  scf.for %i = %c0 to %c8 step %c1 {
    %y = memref.load %b[%i] : memref<64xf32>
    scf.for %j = %c0 to %c8 step %c1 {
      %x = memref.load %m[%i, %j] : memref<8x8xf32>
      %t = arith.addf %y, %x : f32
      memref.store %t, %b[%i] : memref<64xf32>
    }
  }
  return %sum : f32
}

// -----

// Triangular bounds: the outer loop stays; the row inside it, whose bounds
// are fixed before it starts, is raised.

// CHECK-LABEL: func.func @triangular(
// CHECK:         scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step
// CHECK:           %[[ROW:.+]] = memref.subview %{{.+}}[%[[I]], 0] [1, %{{.+}}] [1, 1] : memref<8x8xf32> to memref<?xf32, strided<[1], offset: ?>>
// CHECK:           linalg.generic {{.*}} outs(%[[ROW]] :
func.func @triangular(%m: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c8 step %c1 {
    scf.for %j = %c0 to %i step %c1 {
      memref.store %zero, %m[%i, %j] : memref<8x8xf32>
    }
  }
  return
}

// -----

// Outputs over different loops (bicg: s[j] += r[i] * A[i][j] and q[i] +=
// A[i][j] * p[j] in one map): one op per output, each reading only what it
// needs; j is the reduction of q's, i of s's.

// CHECK-LABEL: func.func @bicg(
// CHECK-SAME:      %[[A:.+]]: memref<5x3xf32>, %[[R:.+]]: memref<5xf32>, %[[P:.+]]: memref<3xf32>, %[[S:.+]]: memref<3xf32>, %[[Q:.+]]: memref<5xf32>)
// CHECK-NOT:     scf.parallel
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[R]], %[[A]] : {{.*}}) outs(%[[S]] :
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[A]], %[[P]] : {{.*}}) outs(%[[Q]] :
// CHECK-NOT:     scf.parallel
func.func @bicg(%A: memref<5x3xf32>, %r: memref<5xf32>, %p: memref<3xf32>,
                %s: memref<3xf32>, %q: memref<5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c5, %c3) step (%c1, %c1) {
    %ri = memref.load %r[%i] : memref<5xf32>
    %a = memref.load %A[%i, %j] : memref<5x3xf32>
    %pj = memref.load %p[%j] : memref<3xf32>
    %x = arith.mulf %ri, %a : f32
    %y = arith.mulf %a, %pj : f32
    %0 = memref.atomic_rmw addf %x, %s[%j] : (f32, memref<3xf32>) -> f32
    %1 = memref.atomic_rmw addf %y, %q[%i] : (f32, memref<5xf32>) -> f32
    scf.reduce
  }
  return
}

// -----

// Not split: q's values read t, which the other output writes.

// CHECK-LABEL: func.func @dependent_outputs(
// CHECK:         scf.parallel
// CHECK-NOT:     linalg.generic
func.func @dependent_outputs(%A: memref<5x3xf32>, %t: memref<5xf32>, %q: memref<3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c5, %c3) step (%c1, %c1) {
    %a = memref.load %A[%i, %j] : memref<5x3xf32>
    %ti = memref.load %t[%i] : memref<5xf32>
    %y = arith.mulf %a, %ti : f32
    %0 = memref.atomic_rmw addf %a, %t[%i] : (f32, memref<5xf32>) -> f32
    %1 = memref.atomic_rmw addf %y, %q[%j] : (f32, memref<3xf32>) -> f32
    scf.reduce
  }
  return
}
