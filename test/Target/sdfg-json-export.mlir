// --sdfg-to-json writes DaCe's SDFG JSON; importing it back gives an SDFG
// that computes the same thing (checked by running both through pk-run on
// the same seeded inputs).
// RUN: rm -rf %t && mkdir -p %t
// RUN: pk-translate --sdfg-to-json %s -o %t/features.sdfg
// RUN: %python %S/sdfg-json-inputs/summary.py %t/features.sdfg | FileCheck %s
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=N=3" -o %t/direct.mlir
// RUN: pk-translate --json-to-sdfg %t/features.sdfg | pk-opt --convert-sdfg-to-scf="symbols=N=3" -o %t/roundtrip.mlir
// RUN: %python %S/../Integration/Inputs/sdfg-link.py %t/direct.mlir %S/sdfg-json-inputs/features-driver.mlir > %t/direct-run.mlir
// RUN: %python %S/../Integration/Inputs/sdfg-link.py %t/roundtrip.mlir %S/sdfg-json-inputs/features-driver.mlir > %t/roundtrip-run.mlir
// RUN: pk-run %t/direct-run.mlir --entry main --print > %t/direct.txt
// RUN: pk-run %t/roundtrip-run.mlir --entry main --print > %t/roundtrip.txt
// RUN: FileCheck %s --check-prefix=RESULT < %t/direct.txt
// RUN: FileCheck %s --check-prefix=RESULT < %t/roundtrip.txt
// The printed values (6 digits) agree; the error statistics may not, since
// parallel atomic sums round differently from run to run.
// RUN: grep '^result #' %t/direct.txt > %t/direct-values.txt
// RUN: grep '^result #' %t/roundtrip.txt > %t/roundtrip-values.txt
// RUN: diff %t/direct-values.txt %t/roundtrip-values.txt

// CHECK: SDFG features start_block=0 arg_names=['A', 'B', 'S', 'alpha']
// CHECK-NEXT: array A Array float64 shape=['N'] strides=['1'] transient=False storage=Default
// CHECK-NEXT: array B Array float64 shape=['N', '4'] strides=['4', '1'] transient=False storage=Default
// CHECK-NEXT: array S Array float64 shape=['1'] strides=['1'] transient=False storage=Default
// CHECK-NEXT: array __pk_tmp0 Scalar float64 shape=['1'] strides=None transient=True storage=Register
// CHECK-NEXT: array alpha Scalar float64 shape=['1'] strides=None transient=False storage=Default
// CHECK-NEXT: array t Array float64 shape=['N'] strides=['1'] transient=True storage=CPU_Heap
// CHECK-NEXT: symbols {'N': 'int64', 'k': 'int64'}
// CHECK-NEXT: state 0 init scope_dict={'-1': [0, 1, 2, 3]}
// CHECK-NEXT:   node 0 AccessNode A
// CHECK-NEXT:   node 1 AccessNode t
// CHECK-NEXT:   node 2 Tasklet code='__out0 = 0.0'
// CHECK-NEXT:   node 3 AccessNode S
// CHECK-NEXT:   edge 0 - -> 1 - data=A subset=0:N - 1 other=0:N - 1 wcr=None
// CHECK-NEXT:   edge 2 __out0 -> 3 - data=S subset=0:0 other=None wcr=None
// CHECK-NEXT: state 1 body scope_dict={'-1': [0, 2, 3, 8, 9], '0': [1, 4], '4': [5, 6, 7]}
// CHECK-NEXT:   node 0 MapEntry params=['__i0'] range=0:N - 1:1 schedule=CPU_Multicore
// CHECK-NEXT:   node 1 MapExit
// CHECK-NEXT:   node 2 AccessNode t
// CHECK-NEXT:   node 3 AccessNode alpha
// CHECK-NEXT:   node 4 MapEntry params=['__i1'] range=0:3:1 schedule=Sequential
// CHECK-NEXT:   node 5 MapExit
// CHECK-NEXT:   node 6 Tasklet code='r = ((v * al) + dace.float64(__i1))'
// CHECK-NEXT:   node 7 Tasklet code='h = (q * 0.5)'
// CHECK-NEXT:   node 8 AccessNode B
// CHECK-NEXT:   node 9 AccessNode S
// CHECK-NEXT:   edge 2 - -> 0 IN_t data=t subset=0:N - 1 other=None wcr=None
// CHECK-NEXT:   edge 3 - -> 0 IN_alpha data=alpha subset=0:0 other=None wcr=None
// CHECK-NEXT:   edge 0 OUT_t -> 4 IN_t data=t subset=0:N - 1 other=None wcr=None
// CHECK-NEXT:   edge 0 OUT_alpha -> 4 IN_alpha data=alpha subset=0:0 other=None wcr=None
// CHECK-NEXT:   edge 4 OUT_t -> 6 v data=t subset=__i0:__i0 other=None wcr=None
// CHECK-NEXT:   edge 4 OUT_alpha -> 6 al data=alpha subset=0:0 other=None wcr=None
// CHECK-NEXT:   edge 6 r -> 7 q data=__pk_tmp0 subset=0:0 other=None wcr=None
// CHECK-NEXT:   edge 7 h -> 5 IN_S data=S subset=0:0 other=None wcr=(lambda a, b: (a + b))
// CHECK-NEXT:   edge 7 h -> 5 IN_B data=B subset=__i0:__i0,__i1:__i1 other=None wcr=None
// CHECK-NEXT:   edge 5 OUT_B -> 1 IN_B data=B subset=0:N - 1,0:3 other=None wcr=None
// CHECK-NEXT:   edge 5 OUT_S -> 1 IN_S data=S subset=0:0 other=None wcr=(lambda a, b: (a + b))
// CHECK-NEXT:   edge 1 OUT_B -> 8 - data=B subset=0:N - 1,0:3 other=None wcr=None
// CHECK-NEXT:   edge 1 OUT_S -> 9 - data=S subset=0:0 other=None wcr=(lambda a, b: (a + b))
// CHECK-NEXT: state 2 done scope_dict={'-1': []}
// CHECK-NEXT: interstate 0 -> 1 condition='1' assignments={'k': '0'}
// CHECK-NEXT: interstate 1 -> 1 condition='k < 2' assignments={'k': 'k + 1'}
// CHECK-NEXT: interstate 1 -> 2 condition='not (k < 2)' assignments={}
// RESULT: pk-run: @main (3 inputs, 3 written in place
// RESULT: PASS
sdfg.sdfg @features(%A: memref<?xf64> {name = "A", shape = ["N"]},
                    %B: memref<?x4xf64> {name = "B", shape = ["N", "4"]},
                    %S: memref<1xf64> {name = "S"},
                    %alpha: f64 {name = "alpha"})
    entry @init symbols {N = i64, k = i64} {
  %t = sdfg.alloc "t" shape ["N"] storage cpu_heap : memref<?xf64>
  sdfg.state @init {
    %a = sdfg.access %A : memref<?xf64>
    %ta = sdfg.access %t : memref<?xf64>
    %s = sdfg.access %S : memref<1xf64>
    sdfg.copy %a to %ta : memref<?xf64> to memref<?xf64>
    %z = sdfg.tasklet() : () -> f64 {
      %zero = arith.constant 0.0 : f64
      sdfg.return %zero : f64
    }
    %c0 = arith.constant 0 : index
    sdfg.store %z, %s[%c0] : memref<1xf64>
  }
  sdfg.state @body {
    %ta = sdfg.access %t : memref<?xf64>
    %b = sdfg.access %B : memref<?x4xf64>
    %s = sdfg.access %S : memref<1xf64>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) schedule cpu_multicore {
      sdfg.map (%j) = (0) through (3) {
        %x = sdfg.load %ta[%i] : memref<?xf64>
        %r = sdfg.tasklet(%v = %x, %jj = %j, %al = %alpha) : (f64, index, f64) -> f64
            attributes {in_connectors = ["v", "jj", "al"], out_connectors = ["r"]} {
          %m = arith.mulf %v, %al : f64
          %ji = arith.index_cast %jj : index to i64
          %jf = arith.sitofp %ji : i64 to f64
          %sum = arith.addf %m, %jf : f64
          sdfg.return %sum : f64
        }
        %h = sdfg.tasklet(%q = %r) : (f64) -> f64
            attributes {in_connectors = ["q"], out_connectors = ["h"]} {
          %half = arith.constant 0.5 : f64
          %p = arith.mulf %q, %half : f64
          sdfg.return %p : f64
        }
        sdfg.store %h, %b[%i, %j] : memref<?x4xf64>
        %c0 = arith.constant 0 : index
        sdfg.store %h, %s[%c0] wcr add : memref<1xf64>
      }
    }
  }
  sdfg.state @done {}
  sdfg.edge @init -> @body assign ["k = 0"]
  sdfg.edge @body -> @body if "k < 2" assign ["k = k + 1"]
  sdfg.edge @body -> @done if "not (k < 2)"
}
