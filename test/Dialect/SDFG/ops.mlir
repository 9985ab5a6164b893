// RUN: pk-opt %s | pk-opt | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// `for it in range(10): B[r, c] = A[r, c] * alpha + B[r, c]` over the rows
// 0..n-1 and the 64 columns, as DaCe builds it: a guard state, a loop body
// and an exit state, with the loop counter living in interstate edges.

// CHECK-LABEL: sdfg.sdfg @axpy_loop(
// CHECK-SAME:      %[[A:[^:]+]]: memref<?x64xf32> {name = "A", shape = ["N", "64"]},
// CHECK-SAME:      %[[B:[^:]+]]: memref<?x64xf32> {name = "B", shape = ["N", "64"]},
// CHECK-SAME:      %[[ALPHA:[^:]+]]: f32 {name = "alpha"})
// CHECK-SAME:      entry @init symbols {N = i64, it = i64} {
sdfg.sdfg @axpy_loop(%A: memref<?x64xf32> {name = "A", shape = ["N", "64"]},
                     %B: memref<?x64xf32> {name = "B", shape = ["N", "64"]},
                     %alpha: f32 {name = "alpha"})
    entry @init symbols {it = i64, N = i64} {
  // CHECK-NEXT: sdfg.state @init {
  // CHECK-NEXT: }
  sdfg.state @init {}
  // CHECK-NEXT: sdfg.state @guard {
  // CHECK-NEXT: }
  sdfg.state @guard {}
  // CHECK-NEXT: sdfg.state @body {
  sdfg.state @body {
    // CHECK-NEXT: %[[AA:.+]] = sdfg.access %[[A]] : memref<?x64xf32>
    // CHECK-NEXT: %[[BA:.+]] = sdfg.access %[[B]] : memref<?x64xf32>
    // CHECK-NEXT: %[[LAST:.+]] = sdfg.sym "N - 1" : index
    %a = sdfg.access %A : memref<?x64xf32>
    %b = sdfg.access %B : memref<?x64xf32>
    %last = sdfg.sym "N - 1" : index
    // CHECK-NEXT: sdfg.map (%[[R:.+]], %[[C:.+]]) = (0, 0) through (%[[LAST]], 63) schedule cpu_multicore {
    sdfg.map (%r, %c) = (0, 0) through (%last, 63) step (1, 1)
        schedule cpu_multicore {
      // CHECK-NEXT: %[[X:.+]] = sdfg.load %[[AA]][%[[R]], %[[C]]] : memref<?x64xf32>
      // CHECK-NEXT: %[[Y:.+]] = sdfg.load %[[BA]][%[[R]], %[[C]]] : memref<?x64xf32>
      %x = sdfg.load %a[%r, %c] : memref<?x64xf32>
      %y = sdfg.load %b[%r, %c] : memref<?x64xf32>
      // CHECK-NEXT: %[[RES:.+]] = sdfg.tasklet(%[[IA:.+]] = %[[X]], %[[IB:.+]] = %[[ALPHA]], %[[IC:.+]] = %[[Y]]) : (f32, f32, f32) -> f32 {
      // CHECK-NEXT:   %[[M:.+]] = arith.mulf %[[IA]], %[[IB]] : f32
      // CHECK-NEXT:   %[[S:.+]] = arith.addf %[[M]], %[[IC]] : f32
      // CHECK-NEXT:   sdfg.return %[[S]] : f32
      // CHECK-NEXT: }
      %res = sdfg.tasklet(%a = %x, %b = %alpha, %c = %y)
          : (f32, f32, f32) -> f32 {
        %m = arith.mulf %a, %b : f32
        %s = arith.addf %m, %c : f32
        sdfg.return %s : f32
      }
      // CHECK-NEXT: sdfg.store %[[RES]], %[[BA]][%[[R]], %[[C]]] : memref<?x64xf32>
      sdfg.store %res, %b[%r, %c] : memref<?x64xf32>
    // CHECK-NEXT: }
    }
  // CHECK-NEXT: }
  }
  // CHECK-NEXT: sdfg.state @exit {
  // CHECK-NEXT: }
  sdfg.state @exit {}
  // CHECK-NEXT: sdfg.edge @init -> @guard assign ["it = 0"]
  // CHECK-NEXT: sdfg.edge @guard -> @body if "it < 10"
  // CHECK-NEXT: sdfg.edge @body -> @guard assign ["it = it + 1"]
  // CHECK-NEXT: sdfg.edge @guard -> @exit if "not (it < 10)"
  // CHECK-NEXT: }
  sdfg.edge @init -> @guard assign ["it = 0"]
  sdfg.edge @guard -> @body if "it < 10"
  sdfg.edge @body -> @guard assign ["it = it + 1"]
  sdfg.edge @guard -> @exit if "not (it < 10)"
}

// Defaults are elided: an unconditional edge without assignments, unit steps
// and the sequential schedule. Ordered assignments with a condition, scalar
// and i8 memref arguments, no symbols.

// CHECK-LABEL: sdfg.sdfg @defaults(
// CHECK-SAME:      %{{.+}}: memref<8xi8>, %{{.+}}: i32) entry @s0 {
sdfg.sdfg @defaults(%bytes: memref<8xi8>, %k: i32) entry @s0 {
  // CHECK-NEXT: sdfg.state @s0 {
  // CHECK-NEXT:   sdfg.map (%{{.+}}) = (7) through (0) step (-1) {
  // CHECK-NEXT:   }
  // CHECK-NEXT: }
  sdfg.state @s0 {
    sdfg.map (%i) = (7) through (0) step (-1) schedule sequential {
    }
  }
  // CHECK-NEXT: sdfg.state @s1 {
  // CHECK-NEXT: }
  sdfg.state @s1 {}
  // CHECK-NEXT: sdfg.edge @s0 -> @s1{{$}}
  sdfg.edge @s0 -> @s1 if "1"
  // CHECK-NEXT: sdfg.edge @s1 -> @s0 if "k > 0" assign ["j = k", "k = j - 1"]
  sdfg.edge @s1 -> @s0 if "k > 0" assign ["j = k", "k = j - 1"]
}

// Nested maps on the GPU with a dynamic step, a tasklet without inputs and
// one with two results that shadows the names of its inputs.

// CHECK-LABEL: sdfg.sdfg @nested(
// CHECK-SAME:      %[[M:[^:]+]]: memref<?x?xi32> {name = "M", shape = ["R", "C"]}, %[[STEP:[^:]+]]: index)
sdfg.sdfg @nested(%M: memref<?x?xi32> {name = "M", shape = ["R", "C"]},
                  %step: index) entry @only symbols {R = i32, C = i32} {
  sdfg.state @only {
    %m = sdfg.access %M : memref<?x?xi32>
    // CHECK: sdfg.map (%[[I:.+]]) = (0) through (15) schedule gpu_device {
    // CHECK-NEXT: sdfg.map (%[[J:.+]]) = (%[[I]]) through (31) step (%[[STEP]]) {
    sdfg.map (%i) = (0) through (15) schedule gpu_device {
      sdfg.map (%j) = (%i) through (31) step (%step) {
        // CHECK-NEXT: %[[ONE:.+]] = sdfg.tasklet() : () -> i32 {
        // CHECK-NEXT:   arith.constant 1 : i32
        %one = sdfg.tasklet() : () -> i32 {
          %c = arith.constant 1 : i32
          sdfg.return %c : i32
        }
        // CHECK: %[[Q:.+]]:2 = sdfg.tasklet(%{{.+}} = %[[I]], %{{.+}} = %[[ONE]]) : (index, i32) -> (i32, i32) {
        %q:2 = sdfg.tasklet(%i = %i, %one = %one) : (index, i32) -> (i32, i32) {
          %ii = arith.index_cast %i : index to i32
          %sum = arith.addi %ii, %one : i32
          sdfg.return %sum, %ii : i32, i32
        }
        // CHECK: sdfg.store %[[Q]]#0, %{{.+}}[%[[I]], %[[J]]] wcr max : memref<?x?xi32>
        sdfg.store %q#0, %m[%i, %j] wcr max : memref<?x?xi32>
      }
    }
  }
}

// Transients, whole-container copies, a scalar container, an indirect
// lookup through a whole-array connector and reductions: the shape of
// DaCe's GPU copy-in/copy-out and spmv samples.

// CHECK-LABEL: sdfg.sdfg @data(
// CHECK-SAME:      %[[X:[^:]+]]: memref<?xf64> {name = "x", shape = ["N"]},
// CHECK-SAME:      %[[COL:[^:]+]]: memref<4xi32> {name = "col"})
sdfg.sdfg @data(%x: memref<?xf64> {name = "x", shape = ["N"]},
                %col: memref<4xi32> {name = "col"})
    entry @s symbols {N = i64} {
  // CHECK-NEXT: %[[GX:.+]] = sdfg.alloc "gpu_x" shape ["N"] storage gpu_global : memref<?xf64>
  // CHECK-NEXT: %[[SC:.+]] = sdfg.alloc "acc" storage register : memref<f64>
  // CHECK-NEXT: %{{.+}} = sdfg.alloc "tile" shape ["4", "N"] : memref<4x?xf64>
  %gx = sdfg.alloc "gpu_x" shape ["N"] storage gpu_global : memref<?xf64>
  %acc = sdfg.alloc "acc" storage register : memref<f64>
  %tile = sdfg.alloc "tile" shape ["4", "N"] : memref<4x?xf64>
  // CHECK: sdfg.state @s {
  sdfg.state @s {
    // CHECK-NEXT: %[[XA:.+]] = sdfg.access %[[X]] : memref<?xf64>
    // CHECK-NEXT: %[[GA:.+]] = sdfg.access %[[GX]] : memref<?xf64>
    // CHECK-NEXT: %[[CA:.+]] = sdfg.access %[[COL]] : memref<4xi32>
    // CHECK-NEXT: %[[AA:.+]] = sdfg.access %[[SC]] : memref<f64>
    // CHECK-NEXT: sdfg.copy %[[XA]] to %[[GA]] : memref<?xf64> to memref<?xf64>
    %xa = sdfg.access %x : memref<?xf64>
    %ga = sdfg.access %gx : memref<?xf64>
    %ca = sdfg.access %col : memref<4xi32>
    %aa = sdfg.access %acc : memref<f64>
    sdfg.copy %xa to %ga : memref<?xf64> to memref<?xf64>
    // CHECK-NEXT: sdfg.map (%[[J:.+]]) = (0) through (3) {
    sdfg.map (%j) = (0) through (3) {
      // CHECK-NEXT: %[[C:.+]] = sdfg.load %[[CA]][%[[J]]] : memref<4xi32>
      // CHECK-NEXT: %[[V:.+]] = sdfg.tasklet(%{{.+}} = %[[GA]], %{{.+}} = %[[C]]) : (memref<?xf64>, i32) -> f64 attributes {in_connectors = ["arr", "idx"], out_connectors = ["e"]} {
      // CHECK-NEXT:   arith.index_cast
      // CHECK-NEXT:   memref.load
      // CHECK-NEXT:   sdfg.return
      // CHECK-NEXT: }
      // CHECK-NEXT: sdfg.store %[[V]], %[[AA]][] wcr add : memref<f64>
      %c = sdfg.load %ca[%j] : memref<4xi32>
      %v = sdfg.tasklet(%arr = %ga, %idx = %c) : (memref<?xf64>, i32) -> f64
          attributes {in_connectors = ["arr", "idx"], out_connectors = ["e"]} {
        %i = arith.index_cast %idx : i32 to index
        %e = memref.load %arr[%i] : memref<?xf64>
        sdfg.return %e : f64
      }
      sdfg.store %v, %aa[] wcr add : memref<f64>
    }
  }
}

// Python's `//` and `%` (floor division, modulo with the sign of the
// divisor) and unsigned data (DaCe's uint32 indices of a CSR matrix).

// CHECK-LABEL: sdfg.sdfg @python_arith(
// CHECK-SAME:      %{{[^:]+}}: memref<5xi32> {name = "row", unsigned},
// CHECK-SAME:      %{{[^:]+}}: memref<4xf64> {name = "v"})
sdfg.sdfg @python_arith(%row: memref<5xi32> {name = "row", unsigned},
                        %v: memref<4xf64> {name = "v"}) entry @s {
  // CHECK-NEXT: %{{.+}} = sdfg.alloc "k" unsigned : memref<i8>
  // CHECK-NEXT: %{{.+}} = sdfg.alloc "t" storage register unsigned : memref<i64>
  %k = sdfg.alloc "k" unsigned : memref<i8>
  %t = sdfg.alloc "t" storage register unsigned : memref<i64>
  sdfg.state @s {
    %va = sdfg.access %v : memref<4xf64>
    sdfg.map (%i) = (0) through (3) {
      %x = sdfg.load %va[%i] : memref<4xf64>
      // CHECK: sdfg.tasklet
      // CHECK-NEXT: %[[Q:.+]] = sdfg.floordiv %{{.+}}, %{{.+}} : f64
      // CHECK-NEXT: %[[R:.+]] = sdfg.mod %[[Q]], %{{.+}} : f64
      // CHECK-NEXT: %[[JI:.+]] = arith.index_cast
      // CHECK-NEXT: %{{.+}} = sdfg.mod %[[JI]], %[[JI]] : i64
      %y = sdfg.tasklet(%a = %x, %j = %i) : (f64, index) -> f64 {
        %q = sdfg.floordiv %a, %a : f64
        %r = sdfg.mod %q, %a : f64
        %ji = arith.index_cast %j : index to i64
        %m = sdfg.mod %ji, %ji : i64
        sdfg.return %r : f64
      }
      sdfg.store %y, %va[%i] : memref<4xf64>
    }
    // CHECK: sdfg.mod %{{.+}}, %{{.+}} : index
    %c2 = arith.constant 2 : index
    sdfg.map (%i) = (0) through (3) {
      %e = sdfg.mod %i, %c2 : index
      %x = sdfg.load %va[%e] : memref<4xf64>
      sdfg.store %x, %va[%i] : memref<4xf64>
    }
  }
}

// A nested SDFG: a private sdfg.sdfg before its caller, called from a map
// with a whole array, a single element (read back as the call's result and
// stored by the caller with wcr) and a symbol mapped from the map
// parameter.

// CHECK-LABEL: sdfg.sdfg @inner(
// CHECK-SAME:      attributes {sym_visibility = "private"}
sdfg.sdfg @inner(%A: memref<?xf64> {name = "A", shape = ["n + 1"]},
                 %o: memref<f64> {name = "o"})
    entry @s symbols {n = i64} attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}

// CHECK-LABEL: sdfg.sdfg @outer(
sdfg.sdfg @outer(%A: memref<8xf64> {name = "A"}, %B: memref<8xf64> {name = "B"})
    entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf64>
    %b = sdfg.access %B : memref<8xf64>
    sdfg.map (%i) = (0) through (7) {
      %x = sdfg.load %b[%i] : memref<8xf64>
      // CHECK: %[[R:.+]] = sdfg.call @inner(%{{.+}}, %{{.+}}) symbols ["n"](%{{.+}}) outputs [1] : (memref<8xf64>, f64) -> f64
      %r = sdfg.call @inner(%a, %x) symbols ["n"] (%i) outputs [1]
          : (memref<8xf64>, f64) -> f64
      // CHECK: sdfg.store %[[R]]
      sdfg.store %r, %b[%i] wcr add : memref<8xf64>
    }
  }
}

// A window: the memory of %a from element (0, j) on, for a callee that
// reads it with strides of its own.
// CHECK-LABEL: sdfg.sdfg @columns(
sdfg.sdfg @columns(%A: memref<?xf64, strided<[1], offset: ?>> {name = "A", shape = ["1 + (3 - 1) * 4"]})
    entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @with_window(%A: memref<3x4xf64> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    sdfg.map (%j) = (0) through (3) {
      %c0 = arith.constant 0 : index
      // CHECK: %[[W:.+]] = sdfg.window %{{.+}}[%{{.+}}, %{{.+}}] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
      %w = sdfg.window %a[%c0, %j] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
      // CHECK: sdfg.call @columns(%[[W]])
      sdfg.call @columns(%w) symbols [] () outputs [] : (memref<?xf64, strided<[1], offset: ?>>) -> ()
    }
  }
}
