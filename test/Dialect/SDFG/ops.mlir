// RUN: pk-opt %s | pk-opt | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// `for it in range(10): B[r, c] = A[r, c] * alpha + B[r, c]` over the rows
// 0..n-1 and the 64 columns, as DaCe builds it: a guard state, a loop body
// and an exit state, with the loop counter living in interstate edges.

// CHECK-LABEL: sdfg.sdfg @axpy_loop(
// CHECK-SAME:      %[[A:[^:]+]]: memref<?x64xf32>, %[[B:[^:]+]]: memref<?x64xf32>,
// CHECK-SAME:      %[[ALPHA:[^:]+]]: f32, %[[N:[^:]+]]: index)
// CHECK-SAME:      entry @init symbols {N = i64, it = i64} {
sdfg.sdfg @axpy_loop(%A: memref<?x64xf32>, %B: memref<?x64xf32>,
                     %alpha: f32, %n: index)
    entry @init symbols {it = i64, N = i64} {
  // CHECK-NEXT: sdfg.state @init {
  // CHECK-NEXT: }
  sdfg.state @init {}
  // CHECK-NEXT: sdfg.state @guard {
  // CHECK-NEXT: }
  sdfg.state @guard {}
  // CHECK-NEXT: sdfg.state @body {
  sdfg.state @body {
    // CHECK-NEXT: %[[C1:.+]] = arith.constant 1 : index
    // CHECK-NEXT: %[[LAST:.+]] = arith.subi %[[N]], %[[C1]] : index
    %c1 = arith.constant 1 : index
    %last = arith.subi %n, %c1 : index
    // CHECK-NEXT: sdfg.map (%[[R:.+]], %[[C:.+]]) = (0, 0) through (%[[LAST]], 63) schedule cpu_multicore {
    sdfg.map (%r, %c) = (0, 0) through (%last, 63) step (1, 1)
        schedule cpu_multicore {
      // CHECK-NEXT: %[[X:.+]] = memref.load %[[A]][%[[R]], %[[C]]]
      // CHECK-NEXT: %[[Y:.+]] = memref.load %[[B]][%[[R]], %[[C]]]
      %x = memref.load %A[%r, %c] : memref<?x64xf32>
      %y = memref.load %B[%r, %c] : memref<?x64xf32>
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
      // CHECK-NEXT: memref.store %[[RES]], %[[B]][%[[R]], %[[C]]]
      memref.store %res, %B[%r, %c] : memref<?x64xf32>
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
// CHECK-SAME:      %[[M:[^:]+]]: memref<?x?xi32>, %[[STEP:[^:]+]]: index)
sdfg.sdfg @nested(%M: memref<?x?xi32>, %step: index) entry @only {
  sdfg.state @only {
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
        // CHECK: %{{.+}}:2 = sdfg.tasklet(%{{.+}} = %[[I]], %{{.+}} = %[[ONE]]) : (index, i32) -> (i32, i32) {
        %q:2 = sdfg.tasklet(%i = %i, %one = %one) : (index, i32) -> (i32, i32) {
          %ii = arith.index_cast %i : index to i32
          %sum = arith.addi %ii, %one : i32
          sdfg.return %sum, %ii : i32, i32
        }
        memref.store %q#0, %M[%i, %j] : memref<?x?xi32>
      }
    }
  }
}
