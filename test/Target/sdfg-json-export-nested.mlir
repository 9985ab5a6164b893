// --sdfg-to-json writes a module's nested SDFGs (private sdfg.sdfg callees
// of sdfg.call) as NestedSDFG nodes holding the callee's SDFG: a window is a
// memlet from its first element, a whole container a whole-container
// memlet, a value from a code node to a code node through one transient
// scalar both ways (DaCe passes an argument read and written as its output
// memlet's container), a
// scalar written by reference a Scalar of the callee; the call's symbol
// values become its symbol_mapping. Also checked: an element copy inside a
// map (through a copy tasklet), a stored constant (a tasklet writing the
// literal), a map bound read from a scalar argument (a dynamic range
// connector), truncating integer division in a subset and code assigning
// into an array by subscript.
//
// The export imports back to the same signatures and computes the same
// results as the module (pk-run on both), and NumPy's interpreter of the
// exported JSON (test/Integration/Inputs/sdfg_interpreter.py, which shares
// nothing with pk) agrees with pk on two seeds.
// RUN: rm -rf %t && mkdir -p %t
// RUN: pk-translate --sdfg-to-json %s -o %t/nested.sdfg
// RUN: %python %S/sdfg-json-inputs/summary.py %t/nested.sdfg | FileCheck %s
// RUN: pk-translate --json-to-sdfg %t/nested.sdfg -o %t/again.mlir
// RUN: FileCheck %s --check-prefix=AGAIN < %t/again.mlir
// RUN: pk-run %s --sdfg-symbols=N=5,M=4 --scalar K=3 --print | grep '^result #' > %t/direct.txt
// RUN: pk-run %t/again.mlir --sdfg-symbols=N=5,M=4 --scalar K=3 --print | grep '^result #' > %t/again.txt
// RUN: diff %t/direct.txt %t/again.txt
// RUN: %python %pk_src_root/bench/sdfg_corpus.py %t/nested.sdfg --oracle --per-run --symbol-value 4 --workdir %t/oracle --pk-translate pk-translate --pk-run pk-run | FileCheck %s --check-prefix=ORACLE
// An argument read from a code node but written to memory has no faithful
// DaCe meaning: refused on import, with the node named.
// RUN: %python %S/sdfg-json-inputs/inout-to-memory.py %t/nested.sdfg > %t/inout.sdfg
// RUN: not pk-translate --json-to-sdfg %t/inout.sdfg 2>&1 | FileCheck %s --check-prefix=INOUT
// INOUT: error: state 'nest' node 6 (NestedSDFG 'row_update'): nested SDFG argument 'x' reads the value of a code node but writes 'X'; DaCe passes only the written element (the value would be lost), which is not supported

// CHECK: SDFG outer start_block=0 arg_names=['A', 'B', 'X', 'S', 'K']
// CHECK: array K Scalar int64
// CHECK: array S Scalar float64
// CHECK: state 0 nest
// CHECK: node 5 Tasklet code='__out0 = (__in0 * 0.5)'
// CHECK: node 6 NestedSDFG symbol_mapping={'M': 'M', 'N': 'N', 'r': '__i0'} in=['W', 'row', 'x'] out=['row', 's', 'x']
// CHECK: node 7 Tasklet code='__out0 = (__in0 - 1.0)'
// CHECK-DAG: edge 0 OUT_A -> 6 row data=A subset=__i0:__i0,0:0 other=None wcr=None
// CHECK-DAG: edge 0 OUT_B -> 6 W data=B subset=0:N - 1,0:M - 1 other=None wcr=None
// CHECK-DAG: edge 5 __out0 -> 6 x data=__pk_tmp0 subset=0:0 other=None wcr=None
// CHECK-DAG: edge 6 row -> 1 IN_A data=A subset=__i0:__i0,0:0 other=None wcr=None
// CHECK-DAG: edge 6 s -> 1 IN_S data=S subset=0:0 other=None wcr=None
// CHECK-DAG: edge 6 x -> 7 __in0 data=__pk_tmp0 subset=0:0 other=None wcr=None
// CHECK:     SDFG row_update start_block=0 arg_names=['row', 'W', 'x', 's']
// CHECK-NEXT:     array W Array float64 shape=['N', 'M'] strides=['M', '1']
// CHECK-NEXT:     array row Array float64 shape=['M'] strides=['1']
// CHECK-NEXT:     array s Scalar float64
// CHECK-NEXT:     array x Array float64 shape=['1'] strides=['1']
// CHECK-NEXT:     symbols {'M': 'int64', 'N': 'int64', 'r': 'int64'}
// CHECK:           edge 0 OUT_W -> 5 __in1 data=W subset=r:r,__i0:__i0
// CHECK:           edge 5 __out0 -> 1 IN_s data=s subset=0:0 other=None wcr=(lambda a, b: (a + b))
// CHECK:     interstate 0 -> 1 condition='1' assignments={}
// CHECK: state 1 copy
// CHECK: node 0 MapEntry params=['__i1'] range=0:(min(__pk_dyn0, N)) - 1:1
// CHECK: node 4 Tasklet code='__out = __in'
// CHECK: node 6 Tasklet code='__out = 0.5'
// CHECK: node 8 MapEntry params=['__i2'] range=0:N - 1:2
// CHECK: edge 3 - -> 0 __pk_dyn0 data=K subset=0:0
// CHECK: edge 0 OUT_X -> 4 __in data=X subset=__i1:__i1
// CHECK: edge 4 __out -> 1 IN_B data=B subset=0:0,__i1:__i1
// CHECK: edge 6 __out -> 7 - data=X subset=0:0
// CHECK: edge 8 OUT_X -> 10 __in0 data=X subset=__i2 / 2:__i2 / 2
// CHECK: state 2 subscript
// CHECK: node 2 Tasklet code='__pk_v0 = __in0[2, 0]\n__pk_out___in0[2, 0] = (__pk_v0 * __in1)\n__pk_v1 = __in0[2, 0]\n__pk_out___in0[2, 2] = __pk_v1'
// CHECK-DAG: edge 0 - -> 2 __in0 data=B subset=0:N - 1,0:M - 1
// CHECK-DAG: edge 2 __pk_out___in0 -> 3 - data=B subset=0:N - 1,0:M - 1

// AGAIN: sdfg.sdfg @row_update(%arg0: memref<?xf64, strided<[1], offset: ?>> {name = "row", shape = ["M"]}, %arg1: memref<?x?xf64> {name = "W", shape = ["N", "M"]}, %arg2: memref<1xf64> {name = "x"}, %arg3: memref<?xf64, strided<[1], offset: ?>> {name = "s", shape = ["1"]}) entry @body symbols {M = i64, N = i64, r = i64} attributes {sym_visibility = "private"}
// AGAIN: sdfg.sdfg @outer(%arg0: memref<?x?xf64> {name = "A", shape = ["N", "M"]}, %arg1: memref<?x?xf64> {name = "B", shape = ["N", "M"]}, %arg2: memref<?xf64> {name = "X", shape = ["N"]}, %arg3: memref<f64> {name = "S"}, %arg4: i64 {name = "K"}) entry @nest symbols {M = i64, N = i64}
// AGAIN: sdfg.call @row_update

// ORACLE: nested seed 1 agree{{$}}
// ORACLE-NEXT: nested seed 2 agree{{$}}

sdfg.sdfg @row_update(%row: memref<?xf64, strided<[1], offset: ?>> {name = "row", shape = ["M"]},
                      %w: memref<?x?xf64> {name = "W", shape = ["N", "M"]},
                      %x: memref<1xf64> {name = "x"},
                      %s: memref<?xf64, strided<[1], offset: ?>> {name = "s", shape = ["1"]})
    entry @body symbols {M = i64, N = i64, r = i64} attributes {sym_visibility = "private"} {
  sdfg.state @body {
    %rowa = sdfg.access %row : memref<?xf64, strided<[1], offset: ?>>
    %wa = sdfg.access %w : memref<?x?xf64>
    %xa = sdfg.access %x : memref<1xf64>
    %sa = sdfg.access %s : memref<?xf64, strided<[1], offset: ?>>
    %c0 = arith.constant 0 : index
    %last = sdfg.sym "M - 1" : index
    %r = sdfg.sym "r" : index
    sdfg.map (%j) = (0) through (%last) {
      %v = sdfg.load %rowa[%j] : memref<?xf64, strided<[1], offset: ?>>
      %wv = sdfg.load %wa[%r, %j] : memref<?x?xf64>
      %xv = sdfg.load %xa[%c0] : memref<1xf64>
      %t = sdfg.tasklet(%a = %v, %b = %wv, %c = %xv) : (f64, f64, f64) -> f64 {
        %m = arith.mulf %a, %b : f64
        %y = arith.addf %m, %c : f64
        sdfg.return %y : f64
      }
      sdfg.store %t, %rowa[%j] : memref<?xf64, strided<[1], offset: ?>>
      sdfg.store %t, %sa[%c0] wcr add : memref<?xf64, strided<[1], offset: ?>>
    }
  }
  sdfg.state @scale {
    %xa = sdfg.access %x : memref<1xf64>
    %c0 = arith.constant 0 : index
    %xv = sdfg.load %xa[%c0] : memref<1xf64>
    %t = sdfg.tasklet(%a = %xv) : (f64) -> f64 {
      %two = arith.constant -2.0 : f64
      %y = arith.mulf %a, %two : f64
      sdfg.return %y : f64
    }
    sdfg.store %t, %xa[%c0] : memref<1xf64>
  }
  sdfg.edge @body -> @scale
}

sdfg.sdfg @outer(%A: memref<?x?xf64> {name = "A", shape = ["N", "M"]},
                 %B: memref<?x?xf64> {name = "B", shape = ["N", "M"]},
                 %X: memref<?xf64> {name = "X", shape = ["N"]},
                 %S: memref<f64> {name = "S"},
                 %K: i64 {name = "K"})
    entry @nest symbols {M = i64, N = i64} {
  sdfg.state @nest {
    %a = sdfg.access %A : memref<?x?xf64>
    %b = sdfg.access %B : memref<?x?xf64>
    %x = sdfg.access %X : memref<?xf64>
    %s = sdfg.access %S : memref<f64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) schedule sequential {
      %c0 = arith.constant 0 : index
      %row = sdfg.window %a[%i, %c0] : memref<?x?xf64> to memref<?xf64, strided<[1], offset: ?>>
      %xl = sdfg.load %x[%i] : memref<?xf64>
      %xi = sdfg.tasklet(%v = %xl) : (f64) -> f64 {
        %half = arith.constant 0.5 : f64
        %y = arith.mulf %v, %half : f64
        sdfg.return %y : f64
      }
      %sref = sdfg.window %s[] : memref<f64> to memref<?xf64, strided<[1], offset: ?>>
      %m = sdfg.sym "M" : index
      %n = sdfg.sym "N" : index
      %r = sdfg.call @row_update(%row, %b, %xi, %sref) symbols ["M", "N", "r"] (%m, %n, %i) outputs [2]
          : (memref<?xf64, strided<[1], offset: ?>>, memref<?x?xf64>, f64, memref<?xf64, strided<[1], offset: ?>>) -> f64
      %xo = sdfg.tasklet(%v = %r) : (f64) -> f64 {
        %one = arith.constant 1.0 : f64
        %y = arith.subf %v, %one : f64
        sdfg.return %y : f64
      }
      sdfg.store %xo, %x[%i] : memref<?xf64>
    }
  }
  sdfg.state @copy {
    %b = sdfg.access %B : memref<?x?xf64>
    %x = sdfg.access %X : memref<?xf64>
    %k = arith.index_cast %K : i64 to index
    %n = sdfg.sym "N" : index
    %kn = arith.minsi %k, %n : index
    %c1 = arith.constant 1 : index
    %klast = arith.subi %kn, %c1 : index
    // An element copy inside a map, up to a bound read from a scalar.
    sdfg.map (%j) = (0) through (%klast) {
      %c0 = arith.constant 0 : index
      %v = sdfg.load %x[%j] : memref<?xf64>
      sdfg.store %v, %b[%c0, %j] : memref<?x?xf64>
    }
    // A constant stored, and an index halved with truncating division.
    %c0 = arith.constant 0 : index
    %half = arith.constant 0.5 : f64
    sdfg.store %half, %x[%c0] : memref<?xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) step (2) {
      %c2 = arith.constant 2 : index
      %h = arith.divsi %i, %c2 : index
      %v = sdfg.load %x[%h] : memref<?xf64>
      %t = sdfg.tasklet(%a = %v) : (f64) -> f64 {
        %one = arith.constant 1.0 : f64
        %y = arith.addf %a, %one : f64
        sdfg.return %y : f64
      }
      %c1b = arith.constant 1 : index
      sdfg.store %t, %b[%c1b, %h] : memref<?x?xf64>
    }
  }
  sdfg.state @subscript {
    %b = sdfg.access %B : memref<?x?xf64>
    %x = sdfg.access %X : memref<?xf64>
    %c1 = arith.constant 1 : index
    %x1 = sdfg.load %x[%c1] : memref<?xf64>
    // Code that assigns into an array by subscript, after reading it.
    sdfg.tasklet(%arr = %b, %v = %x1) : (memref<?x?xf64>, f64) -> () {
      %c0 = arith.constant 0 : index
      %c2 = arith.constant 2 : index
      %old = memref.load %arr[%c2, %c0] : memref<?x?xf64>
      %new = arith.mulf %old, %v : f64
      memref.store %new, %arr[%c2, %c0] : memref<?x?xf64>
      %again = memref.load %arr[%c2, %c0] : memref<?x?xf64>
      memref.store %again, %arr[%c2, %c2] : memref<?x?xf64>
      sdfg.return
    }
  }
  sdfg.edge @nest -> @copy
  sdfg.edge @copy -> @subscript
}
