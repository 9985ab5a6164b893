// RUN: pk-opt %s --sdfg-eliminate-redundant-copies | FileCheck %s

// Two GPU maps, each with DaCe's copy-in and copy-out, in consecutive
// states: the copy-in of the second state copies back what the first
// state's copy-out just made equal, so it goes. The copy-out of the second
// state stays (gpu_A was written in between), and so does a copy after a
// conditional edge.
// CHECK-LABEL: sdfg.sdfg @gpu_chain(
// CHECK:         sdfg.state @first {
// CHECK:           sdfg.copy %[[A1:.+]] to %[[G1:.+]] :
// CHECK:           sdfg.map
// CHECK:           sdfg.copy %[[G1]] to %[[A1]] :
// CHECK:         sdfg.state @second {
// CHECK-NOT:       sdfg.copy %{{.+}} to %{{.+}} : memref<16xf64> to memref<16xf64>
// CHECK:           sdfg.map
// CHECK:           sdfg.copy
// CHECK-NOT:       sdfg.copy
// CHECK:         sdfg.state @third {
// CHECK:           sdfg.copy
sdfg.sdfg @gpu_chain(%A: memref<16xf64> {name = "A"}) entry @first {
  %gA = sdfg.alloc "gpu_A" storage gpu_global : memref<16xf64>
  sdfg.state @first {
    %a = sdfg.access %A : memref<16xf64>
    %g = sdfg.access %gA : memref<16xf64>
    sdfg.copy %a to %g : memref<16xf64> to memref<16xf64>
    sdfg.map (%i) = (0) through (15) schedule gpu_device {
      %x = sdfg.load %g[%i] : memref<16xf64>
      %y = sdfg.tasklet(%v = %x) : (f64) -> f64 {
        %r = arith.addf %v, %v : f64
        sdfg.return %r : f64
      }
      sdfg.store %y, %g[%i] : memref<16xf64>
    }
    sdfg.copy %g to %a : memref<16xf64> to memref<16xf64>
  }
  sdfg.state @second {
    %a = sdfg.access %A : memref<16xf64>
    %g = sdfg.access %gA : memref<16xf64>
    sdfg.copy %a to %g : memref<16xf64> to memref<16xf64>
    sdfg.map (%i) = (0) through (15) schedule gpu_device {
      %x = sdfg.load %g[%i] : memref<16xf64>
      %y = sdfg.tasklet(%v = %x) : (f64) -> f64 {
        %r = arith.mulf %v, %v : f64
        sdfg.return %r : f64
      }
      sdfg.store %y, %g[%i] : memref<16xf64>
    }
    sdfg.copy %g to %a : memref<16xf64> to memref<16xf64>
  }
  sdfg.state @third {
    %a = sdfg.access %A : memref<16xf64>
    %g = sdfg.access %gA : memref<16xf64>
    sdfg.copy %a to %g : memref<16xf64> to memref<16xf64>
  }
  sdfg.edge @first -> @second
  sdfg.edge @second -> @third if "1 == 1"
}

// Writes the pass cannot see as stores also end what is known: a nested
// SDFG given a window into the container, and a tasklet storing into a
// whole array it is passed. Both copies after them stay (the first copy
// of the second state goes: the first state's last copy made A and B equal).
// CHECK-LABEL: sdfg.sdfg @hidden_writes(
// CHECK:         sdfg.state @call_writes {
// CHECK:           sdfg.copy
// CHECK:           sdfg.call @fill
// CHECK:           sdfg.copy
// CHECK:         sdfg.state @tasklet_writes {
// CHECK-NOT:       sdfg.copy
// CHECK:           sdfg.tasklet
// CHECK:           sdfg.copy
sdfg.sdfg @fill(%W: memref<?xf64, strided<[1], offset: ?>> {name = "W", shape = ["4"]})
    entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @hidden_writes(%A: memref<16xf64> {name = "A"}, %B: memref<16xf64> {name = "B"}) entry @call_writes {
  sdfg.state @call_writes {
    %a = sdfg.access %A : memref<16xf64>
    %b = sdfg.access %B : memref<16xf64>
    sdfg.copy %a to %b : memref<16xf64> to memref<16xf64>
    %c2 = arith.constant 2 : index
    %w = sdfg.window %b[%c2] : memref<16xf64> to memref<?xf64, strided<[1], offset: ?>>
    sdfg.call @fill(%w) symbols [] () outputs [] : (memref<?xf64, strided<[1], offset: ?>>) -> ()
    sdfg.copy %a to %b : memref<16xf64> to memref<16xf64>
  }
  sdfg.state @tasklet_writes {
    %a = sdfg.access %A : memref<16xf64>
    %b = sdfg.access %B : memref<16xf64>
    sdfg.copy %a to %b : memref<16xf64> to memref<16xf64>
    sdfg.tasklet(%m = %b) : (memref<16xf64>) -> () {
      %c0 = arith.constant 0 : index
      %z = arith.constant 0.0 : f64
      memref.store %z, %m[%c0] : memref<16xf64>
      sdfg.return
    }
    sdfg.copy %a to %b : memref<16xf64> to memref<16xf64>
  }
  sdfg.edge @call_writes -> @tasklet_writes
}
