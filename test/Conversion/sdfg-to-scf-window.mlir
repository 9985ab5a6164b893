// sdfg.window becomes the source's memory collapsed to one dimension and a
// subview from the row-major offset of its indices to the end; the callee
// takes it as a memref with a dynamic offset, whatever the bound symbols.
// A callee that parallel map iterations call resolves its write conflicts
// atomically, and one called with two windows into the same container is
// marked pk.aliasing_arguments (its arguments are not distinct buffers).
// RUN: pk-opt %s --convert-sdfg-to-scf | FileCheck %s

// CHECK-LABEL: func.func private @column(
// CHECK-SAME:      %[[C:.+]]: memref<?xf64, strided<[1], offset: ?>>, %[[D:.+]]: memref<?xf64, strided<[1], offset: ?>>)
// CHECK-SAME:      pk.aliasing_arguments
// CHECK:         memref.atomic_rmw addf %{{.+}}, %[[D]]
sdfg.sdfg @column(%C: memref<?xf64, strided<[1], offset: ?>> {name = "C", shape = ["1 + (3 - 1) * 4"]},
                  %D: memref<?xf64, strided<[1], offset: ?>> {name = "D", shape = ["1 + (3 - 1) * 4"]})
    entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {
    %c = sdfg.access %C : memref<?xf64, strided<[1], offset: ?>>
    %d = sdfg.access %D : memref<?xf64, strided<[1], offset: ?>>
    sdfg.map (%k) = (0) through (2) {
      %c4 = arith.constant 4 : index
      %at = arith.muli %k, %c4 : index
      %x = sdfg.load %c[%at] : memref<?xf64, strided<[1], offset: ?>>
      sdfg.store %x, %d[%at] wcr add : memref<?xf64, strided<[1], offset: ?>>
    }
  }
}

// CHECK-LABEL: func.func @columns(
// CHECK-SAME:      %[[A:.+]]: memref<3x4xf64>)
// CHECK:         scf.parallel (%[[J:.+]]) =
// CHECK:           %[[OFF:.+]] = arith.addi %{{.+}}, %[[J]] : index
// CHECK:           %[[FLAT:.+]] = memref.collapse_shape %[[A]] {{\[}}[0, 1]] : memref<3x4xf64> into memref<12xf64>
// CHECK:           %[[TOTAL:.+]] = memref.dim %[[FLAT]], %{{.+}} : memref<12xf64>
// CHECK:           %[[SIZE:.+]] = arith.subi %[[TOTAL]], %[[OFF]] : index
// CHECK:           %[[W:.+]] = memref.subview %[[FLAT]][%[[OFF]]] [%[[SIZE]]] [1] : memref<12xf64> to memref<?xf64, strided<[1], offset: ?>>
// CHECK:           call @column(%[[W]], %{{.+}})
sdfg.sdfg @columns(%A: memref<3x4xf64> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    sdfg.map (%j) = (0) through (2) schedule cpu_multicore {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %next = arith.addi %j, %c1 : index
      %w = sdfg.window %a[%c0, %j] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
      %v = sdfg.window %a[%c0, %next] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
      sdfg.call @column(%w, %v) symbols [] () outputs []
          : (memref<?xf64, strided<[1], offset: ?>>, memref<?xf64, strided<[1], offset: ?>>) -> ()
    }
  }
}

// A window of a scalar is its one element (how DaCe passes a scalar the
// callee writes, by reference): parallel calls accumulate into it
// atomically, each through the same memory.
// CHECK-LABEL: func.func private @accumulate(
// CHECK:         memref.atomic_rmw addf
sdfg.sdfg @accumulate(%O: memref<?xf64, strided<[1], offset: ?>> {name = "o", shape = ["1"]},
                      %x: f64 {name = "x"})
    entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {
    %o = sdfg.access %O : memref<?xf64, strided<[1], offset: ?>>
    %c0 = arith.constant 0 : index
    sdfg.store %x, %o[%c0] wcr add : memref<?xf64, strided<[1], offset: ?>>
  }
}

// CHECK-LABEL: func.func @sum(
// CHECK-SAME:      %{{.+}}: memref<5xf64>, %[[S:.+]]: memref<f64>)
// CHECK:         scf.parallel
// CHECK:           %[[ONE:.+]] = memref.expand_shape %[[S]] [] output_shape [1] : memref<f64> into memref<1xf64>
// CHECK:           %[[W:.+]] = memref.subview %[[ONE]][%{{.+}}] [%{{.+}}] [1] : memref<1xf64> to memref<?xf64, strided<[1], offset: ?>>
// CHECK:           call @accumulate(%[[W]], %{{.+}})
sdfg.sdfg @sum(%A: memref<5xf64> {name = "A"}, %S: memref<f64> {name = "s"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<5xf64>
    %s = sdfg.access %S : memref<f64>
    sdfg.map (%i) = (0) through (4) schedule cpu_multicore {
      %x = sdfg.load %a[%i] : memref<5xf64>
      %w = sdfg.window %s[] : memref<f64> to memref<?xf64, strided<[1], offset: ?>>
      sdfg.call @accumulate(%w, %x) symbols [] () outputs []
          : (memref<?xf64, strided<[1], offset: ?>>, f64) -> ()
    }
  }
}
