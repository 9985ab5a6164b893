// sdfg.call (DaCe's nested SDFG) becomes a func.call of the lowered callee,
// which stays private and records the symbols its trailing arguments are;
// a single-element argument gets a buffer of its own, read back for the
// call's result. Bindings apply to public SDFGs only: a callee gets its
// symbols from its calls.
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=n=3" | FileCheck %s

// CHECK-LABEL: func.func private @inner(
// CHECK-SAME:      %{{.+}}: memref<?xf64>, %{{.+}}: memref<f64>, %{{.+}}: i64)
// CHECK-SAME:      attributes {sdfg.free_symbols = ["n"]}
sdfg.sdfg @inner(%A: memref<?xf64> {name = "A", shape = ["n + 1"]},
                 %o: memref<f64> {name = "o"})
    entry @s symbols {n = i64} attributes {sym_visibility = "private"} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<?xf64>
    %oo = sdfg.access %o : memref<f64>
    %c = sdfg.sym "n" : index
    %x = sdfg.load %a[%c] : memref<?xf64>
    sdfg.store %x, %oo[] wcr add : memref<f64>
  }
}

// CHECK-LABEL: func.func @outer(
// CHECK-SAME:      %[[A:.+]]: memref<8xf64>, %[[B:.+]]: memref<8xf64>)
// CHECK:         scf.parallel (%[[I:.+]]) =
// CHECK:           %[[X:.+]] = memref.load %[[B]][%[[I]]]
// CHECK:           %[[DYN:.+]] = memref.cast %[[A]] : memref<8xf64> to memref<?xf64>
// CHECK:           %[[BUF:.+]] = memref.alloc() : memref<f64>
// CHECK:           memref.store %[[X]], %[[BUF]][]
// CHECK:           %[[N:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK:           call @inner(%[[DYN]], %[[BUF]], %[[N]])
// CHECK:           %[[R:.+]] = memref.load %[[BUF]][]
// CHECK:           memref.atomic_rmw addf %[[R]], %[[B]][%[[I]]]
sdfg.sdfg @outer(%A: memref<8xf64> {name = "A"}, %B: memref<8xf64> {name = "B"})
    entry @s symbols {n = i64} {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf64>
    %b = sdfg.access %B : memref<8xf64>
    sdfg.map (%i) = (0) through (6) schedule cpu_multicore {
      %x = sdfg.load %b[%i] : memref<8xf64>
      %r = sdfg.call @inner(%a, %x) symbols ["n"] (%i) outputs [1]
          : (memref<8xf64>, f64) -> f64
      sdfg.store %r, %b[%i] wcr add : memref<8xf64>
    }
  }
}

