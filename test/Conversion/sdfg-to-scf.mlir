// RUN: pk-opt %s --convert-sdfg-to-scf --split-input-file | FileCheck %s

// One state, no edges: inlined. The free symbol N becomes a trailing i64
// argument; a count-down sequential map becomes a normalized scf.for, a
// reduction outside parallel scopes a plain read-modify-write, one inside a
// parallel map an atomic; transients are allocated at entry (register
// storage on the stack) and left for buffer deallocation to free.

// CHECK-LABEL: func.func @single(
// CHECK-SAME:      %[[A:.+]]: memref<?xf32>, %[[B:.+]]: memref<?xf32>, %[[N:.+]]: i64) {
// CHECK:         %[[NI:.+]] = arith.index_cast %[[N]] : i64 to index
// CHECK:         %[[T:.+]] = memref.alloc(%[[NI]]) : memref<?xf32>
// CHECK:         %[[ACC:.+]] = memref.alloca() : memref<f32>
// CHECK:         %[[NM1:.+]] = arith.subi %[[N]], %{{.+}} : i64
// CHECK:         %[[LAST:.+]] = arith.index_cast %[[NM1]] : i64 to index
// CHECK:         %[[TRIPS:.+]] = arith.maxsi
// CHECK:         scf.for %[[K:.+]] = %{{.+}} to %[[TRIPS]] step
// CHECK:           %[[OFF:.+]] = arith.muli %[[K]], %{{.+}} : index
// CHECK:           %[[I:.+]] = arith.addi %[[LAST]], %[[OFF]] : index
// CHECK:           %[[X:.+]] = memref.load %[[A]][%[[I]]] : memref<?xf32>
// CHECK:           %[[OLD:.+]] = memref.load %[[ACC]][] : memref<f32>
// CHECK:           %[[SUM:.+]] = arith.addf %[[OLD]], %[[X]] : f32
// CHECK:           memref.store %[[SUM]], %[[ACC]][] : memref<f32>
// CHECK:         %[[END:.+]] = arith.addi %[[LAST]], %{{.+}} : index
// CHECK:         scf.parallel (%[[J:.+]]) = (%{{.+}}) to (%[[END]])
// CHECK:           %[[Y:.+]] = memref.load %[[A]][%[[J]]] : memref<?xf32>
// CHECK:           memref.atomic_rmw maximumf %[[Y]], %[[B]][%[[J]]]
// CHECK:         memref.copy %[[A]], %[[T]]
// CHECK-NEXT:    return

sdfg.sdfg @single(%A: memref<?xf32> {name = "A", shape = ["N"]},
                  %B: memref<?xf32> {name = "B", shape = ["N"]})
    entry @s symbols {N = i64} {
  %t = sdfg.alloc "t" shape ["N"] : memref<?xf32>
  %acc = sdfg.alloc "acc" storage register : memref<f32>
  sdfg.state @s {
    %a = sdfg.access %A : memref<?xf32>
    %b = sdfg.access %B : memref<?xf32>
    %ta = sdfg.access %t : memref<?xf32>
    %s = sdfg.access %acc : memref<f32>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (%last) through (0) step (-1) {
      %x = sdfg.load %a[%i] : memref<?xf32>
      sdfg.store %x, %s[] wcr add : memref<f32>
    }
    sdfg.map (%i) = (0) through (%last) schedule cpu_multicore {
      %x = sdfg.load %a[%i] : memref<?xf32>
      sdfg.store %x, %b[%i] wcr max : memref<?xf32>
    }
    sdfg.copy %a to %ta : memref<?xf32> to memref<?xf32>
  }
}

// -----

// A loop as DaCe builds it: the state machine is an scf.while over the next
// state's index, dispatched by scf.index_switch; the loop counter lives in
// memory; edges are tried in order and the first whose condition holds is
// taken, its assignments performed one after another. Tasklets are inlined
// and sequential 2-d maps become scf.for nests.

// CHECK-LABEL: func.func @loop(
// CHECK-SAME:      %[[A:.+]]: memref<4x4xf64>) {
// CHECK:         %[[I:.+]] = memref.alloca() : memref<i64>
// CHECK:         %[[STATE:.+]] = memref.alloca() : memref<index>
// CHECK:         memref.store %{{.+}}, %[[STATE]][] : memref<index>
// CHECK:         scf.while : () -> () {
// CHECK:           %[[CUR:.+]] = memref.load %[[STATE]][]
// CHECK:           %[[GO:.+]] = arith.cmpi ne, %[[CUR]], %c-1
// CHECK:           scf.condition(%[[GO]])
// CHECK:         } do {
// CHECK:           %[[NEXT:.+]] = memref.load %[[STATE]][]
// CHECK:           scf.index_switch %[[NEXT]]
// CHECK-NEXT:      case 0 {
// CHECK:             memref.store %c0_i64, %[[I]][]
// CHECK:             memref.store %c1, %[[STATE]][]
// CHECK:           case 1 {
// CHECK:             %[[IV:.+]] = memref.load %[[I]][]
// CHECK:             %[[LT:.+]] = arith.cmpi slt, %[[IV]], %c3_i64
// CHECK:             scf.if %[[LT]] {
// CHECK:               memref.store %c2, %[[STATE]][]
// CHECK:             } else {
// CHECK:               memref.store %c3, %[[STATE]][]
// CHECK:           case 2 {
// CHECK:             scf.for %[[R:.+]] =
// CHECK:               scf.for %[[C:.+]] =
// CHECK:                 %[[X:.+]] = memref.load %[[A]][%[[R]], %[[C]]]
// CHECK:                 %[[Y:.+]] = arith.mulf %[[X]], %[[X]] : f64
// CHECK:                 memref.store %[[Y]], %[[A]][%[[R]], %[[C]]]
// CHECK:             %[[OLD:.+]] = memref.load %[[I]][]
// CHECK:             %[[INC:.+]] = arith.addi %[[OLD]], %c1_i64
// CHECK:             memref.store %[[INC]], %[[I]][]
// CHECK:             memref.store %c1{{.*}}, %[[STATE]][]
// CHECK:           case 3 {
// CHECK:             memref.store %c-1{{.*}}, %[[STATE]][]
sdfg.sdfg @loop(%A: memref<4x4xf64> {name = "A"}) entry @init
    symbols {i = i64} {
  sdfg.state @init {}
  sdfg.state @guard {}
  sdfg.state @body {
    %a = sdfg.access %A : memref<4x4xf64>
    sdfg.map (%r, %c) = (0, 0) through (3, 3) {
      %x = sdfg.load %a[%r, %c] : memref<4x4xf64>
      %y = sdfg.tasklet(%in = %x) : (f64) -> f64 {
        %sq = arith.mulf %in, %in : f64
        sdfg.return %sq : f64
      }
      sdfg.store %y, %a[%r, %c] : memref<4x4xf64>
    }
  }
  sdfg.state @exit {}
  sdfg.edge @init -> @guard assign ["i = 0"]
  sdfg.edge @guard -> @body if "i < 3"
  sdfg.edge @guard -> @exit if "not (i < 3)"
  sdfg.edge @body -> @guard assign ["i = i + 1"]
}
