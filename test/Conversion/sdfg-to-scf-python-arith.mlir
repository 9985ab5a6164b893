// RUN: pk-opt %s --convert-sdfg-to-scf --split-input-file | FileCheck %s

// Interstate assignments run in order, as in DaCe's generated code: `m`
// reads the `n` the edge has just assigned.

// CHECK-LABEL: func.func @sequential(
// CHECK:         case 0 {
// CHECK-NEXT:      %[[FIVE:.+]] = arith.constant 5 : i64
// CHECK-NEXT:      memref.store %[[FIVE]], %[[N:.+]][] : memref<i64>
// CHECK-NEXT:      %[[NEW:.+]] = memref.load %[[N]][] : memref<i64>
// CHECK-NEXT:      %[[ONE:.+]] = arith.constant 1 : i64
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[NEW]], %[[ONE]] : i64
// CHECK-NEXT:      memref.store %[[SUM]], %{{.+}}[] : memref<i64>
sdfg.sdfg @sequential() entry @a symbols {n = i64, m = i64} {
  sdfg.state @a {}
  sdfg.state @b {}
  sdfg.edge @a -> @b assign ["n = 5", "m = n + 1"]
}

// -----

// Python's `//` and `%` on floats follow CPython's float_divmod: C's exact
// fmod (arith.remf), moved into the sign of the divisor; `%` on signed
// integers moves C's remainder the same way.

// CHECK-LABEL: func.func @floordiv_mod(
// CHECK:         %[[X:.+]] = memref.load
// CHECK:         %[[Y:.+]] = memref.load
// CHECK:         %[[FMOD:.+]] = arith.remf %[[X]], %[[Y]] : f64
// CHECK:         math.copysign
// CHECK:         math.floor
// CHECK:         memref.store
// CHECK:         %[[REM:.+]] = arith.remsi %{{.+}}, %{{.+}} : i32
// CHECK:         %[[FIXED:.+]] = arith.addi %[[REM]], %{{.+}} : i32
// CHECK:         arith.select %{{.+}}, %[[FIXED]], %[[REM]] : i32
// CHECK-NOT:     sdfg.
sdfg.sdfg @floordiv_mod(%A: memref<2xf64> {name = "A"},
                        %B: memref<2xi32> {name = "B"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<2xf64>
    %b = sdfg.access %B : memref<2xi32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = sdfg.load %a[%c0] : memref<2xf64>
    %y = sdfg.load %a[%c1] : memref<2xf64>
    %q = sdfg.tasklet(%l = %x, %r = %y) : (f64, f64) -> f64 {
      %d = sdfg.floordiv %l, %r : f64
      %m = sdfg.mod %l, %r : f64
      %s = arith.addf %d, %m : f64
      sdfg.return %s : f64
    }
    sdfg.store %q, %a[%c0] : memref<2xf64>
    %i = sdfg.load %b[%c0] : memref<2xi32>
    %j = sdfg.load %b[%c1] : memref<2xi32>
    %k = sdfg.tasklet(%l = %i, %r = %j) : (i32, i32) -> i32 {
      %m = sdfg.mod %l, %r : i32
      sdfg.return %m : i32
    }
    sdfg.store %k, %b[%c0] : memref<2xi32>
  }
}

// -----

// Powers: C's pow from libm for floats (pk's pipelines would expand
// math.powf into exp(b * log(a)), NaN for a negative base), through double
// for an integer exponent; square-and-multiply for integers.

// CHECK-LABEL: func.func private @pow(f64, f64) -> f64
// CHECK-LABEL: func.func private @powf(f32, f32) -> f32
// CHECK-LABEL: func.func @powers(
// CHECK:         call @powf(%{{.+}}, %{{.+}}) : (f32, f32) -> f32
// CHECK:         %[[XD:.+]] = arith.extf %{{.+}} : f32 to f64
// CHECK:         %[[ND:.+]] = arith.sitofp %{{.+}} : i32 to f64
// CHECK:         %[[P:.+]] = call @pow(%[[XD]], %[[ND]]) : (f64, f64) -> f64
// CHECK:         arith.truncf %[[P]] : f64 to f32
// CHECK:         scf.while
// CHECK:           arith.muli
// CHECK:           arith.shrui
// CHECK:         arith.select
// CHECK-NOT:     math.
sdfg.sdfg @powers(%F: memref<2xf32> {name = "F"},
                  %I: memref<2xi32> {name = "I"}) entry @s {
  sdfg.state @s {
    %f = sdfg.access %F : memref<2xf32>
    %i = sdfg.access %I : memref<2xi32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = sdfg.load %f[%c0] : memref<2xf32>
    %y = sdfg.load %f[%c1] : memref<2xf32>
    %n = sdfg.load %i[%c0] : memref<2xi32>
    %p = sdfg.tasklet(%a = %x, %b = %y, %e = %n) : (f32, f32, i32) -> f32 {
      %r = math.powf %a, %b : f32
      %s = math.fpowi %r, %e : f32, i32
      sdfg.return %s : f32
    }
    sdfg.store %p, %f[%c0] : memref<2xf32>
    %m = sdfg.load %i[%c1] : memref<2xi32>
    %q = sdfg.tasklet(%a = %n, %b = %m) : (i32, i32) -> i32 {
      %r = math.ipowi %a, %b : i32
      sdfg.return %r : i32
    }
    sdfg.store %q, %i[%c0] : memref<2xi32>
  }
}
