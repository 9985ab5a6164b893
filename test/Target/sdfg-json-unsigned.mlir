// DaCe's uint dtypes: the importer marks unsigned data (`unsigned` on the
// argument, `sdfg.alloc ... unsigned`) and picks the unsigned arith ops
// for it; the export writes the uint dtype back. An unsigned op on data
// that is not unsigned is written with explicit dace.uint<N>(...)
// conversions, so DaCe's C++ (and the importer) pick the unsigned op too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %pk_src_root/test/Integration/Inputs/sdfg-tasklet.py make %t u32 "q = a / b; lt = a < b; f = a; s = a >> 3; m = min(a, b)" a:uint32=1 b:uint32=1 "->q:uint32" "->lt:bool" "->f:float32" "->s:uint32" "->m:uint32"
// RUN: pk-translate --json-to-sdfg %t/u32.sdfg -o %t/u32.mlir
// RUN: FileCheck %s --check-prefix=IMPORT < %t/u32.mlir
// IMPORT:      sdfg.sdfg @u32(%{{.+}}: memref<1xi32> {name = "A", unsigned}, %{{.+}}: memref<1xi32> {name = "B", unsigned}, %{{.+}}: memref<1xi32> {name = "Q", unsigned}, %{{.+}}: memref<1xi1> {name = "LT"}, %{{.+}}: memref<1xf32> {name = "F"}
// IMPORT:      sdfg.tasklet(%[[A:[^ ]+]] = %{{.+}}, %[[B:[^ ]+]] = %{{.+}})
// IMPORT-NEXT:   arith.divui %[[A]], %[[B]] : i32
// IMPORT-NEXT:   arith.cmpi ult, %[[A]], %[[B]] : i32
// IMPORT-NEXT:   %[[THREE:.+]] = arith.constant 3 : i32
// IMPORT-NEXT:   arith.shrui %[[A]], %[[THREE]] : i32
// IMPORT-NEXT:   arith.minui %[[A]], %[[B]] : i32
// f = a converts to the float32 output zero-extending:
// IMPORT-NEXT:   arith.uitofp %[[A]] : i32 to f32
// RUN: pk-translate --sdfg-to-json %t/u32.mlir -o %t/u32.pk.sdfg
// RUN: %python %S/sdfg-json-inputs/summary.py %t/u32.pk.sdfg | FileCheck %s --check-prefix=EXPORT
// EXPORT: array A Array uint32
// EXPORT: array F Array float32
// EXPORT: array Q Array uint32
// EXPORT: Tasklet code='f = dace.float32(a)\nlt = (a < b)\nm = min(a, b)\nq = (a / b)\ns = (a >> 3)'
// RUN: pk-translate --json-to-sdfg %t/u32.pk.sdfg | pk-translate --sdfg-to-json -o %t/u32.pk2.sdfg
// RUN: diff %t/u32.pk.sdfg %t/u32.pk2.sdfg

// A min or max write-conflict resolution into unsigned data compares
// unsigned: max(3000000000, min(10, 7)) is 3000000000 in uint32, where a
// signed comparison of the same bits would give 7.
// RUN: %python -c "import json; d = json.load(open('%t/u32.sdfg')); [e['attributes']['data']['attributes'].update(wcr='(lambda a, b: max(a, b))') for e in d['nodes'][0]['edges'] if e['src_connector'] == 'm']; json.dump(d, open('%t/wcr.sdfg', 'w'))"
// RUN: pk-translate --json-to-sdfg %t/wcr.sdfg -o %t/wcr.mlir
// RUN: %python -c "import numpy as np; [np.save('%t/' + n + '.npy', np.array([v], np.uint32)) for n, v in (('a', 10), ('b', 7), ('q', 0), ('s', 0), ('m', 3000000000))]; np.save('%t/lt.npy', np.array([False])); np.save('%t/f.npy', np.array([0], np.float32))"
// RUN: pk-run %t/wcr.mlir --input %t/a.npy,%t/b.npy,%t/q.npy,%t/lt.npy,%t/f.npy,%t/s.npy,%t/m.npy --print --no-check | FileCheck %s --check-prefix=WCR
// pk-run prints the signless i32 as signed: 3000000000 is -1294967296.
// WCR: result #6 = [-1294967296]

// Unsigned ops on signless data, as pk's own kernels have them.
// RUN: pk-translate --sdfg-to-json %s -o %t/ops.sdfg
// RUN: %python %S/sdfg-json-inputs/summary.py %t/ops.sdfg | FileCheck %s --check-prefix=OPS
// OPS: array A Array int32
// OPS: Tasklet code='d = (dace.uint32(x) / dace.uint32(y))\nr = (dace.uint32(x) % dace.uint32(y))\ns = (dace.uint32(x) >> y)\nf = dace.float64(dace.uint32(x))\ng = (dace.uint32(x) >= dace.uint32(y))\nw = dace.int64(dace.uint32(x))'
// RUN: pk-translate --json-to-sdfg %t/ops.sdfg | FileCheck %s --check-prefix=OPS-IMPORT
// OPS-IMPORT: arith.divui
// OPS-IMPORT: arith.remui
// OPS-IMPORT: arith.shrui
// OPS-IMPORT: arith.uitofp
// OPS-IMPORT: arith.cmpi uge
// OPS-IMPORT: arith.extui
sdfg.sdfg @ops(%A: memref<2xi32> {name = "A"}, %D: memref<1xi32> {name = "D"},
               %F: memref<1xf64> {name = "F"}, %G: memref<1xi1> {name = "G"},
               %W: memref<1xi64> {name = "W"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<2xi32>
    %d = sdfg.access %D : memref<1xi32>
    %f = sdfg.access %F : memref<1xf64>
    %g = sdfg.access %G : memref<1xi1>
    %w = sdfg.access %W : memref<1xi64>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = sdfg.load %a[%c0] : memref<2xi32>
    %y = sdfg.load %a[%c1] : memref<2xi32>
    %rd, %rr, %rs, %rf, %rg, %rw = sdfg.tasklet(%p = %x, %q = %y)
        : (i32, i32) -> (i32, i32, i32, f64, i1, i64)
        attributes {in_connectors = ["x", "y"],
                    out_connectors = ["d", "r", "s", "f", "g", "w"]} {
      %0 = arith.divui %p, %q : i32
      %1 = arith.remui %p, %q : i32
      %2 = arith.shrui %p, %q : i32
      %3 = arith.uitofp %p : i32 to f64
      %4 = arith.cmpi uge, %p, %q : i32
      %5 = arith.extui %p : i32 to i64
      sdfg.return %0, %1, %2, %3, %4, %5 : i32, i32, i32, f64, i1, i64
    }
    sdfg.store %rd, %d[%c0] : memref<1xi32>
    sdfg.store %rr, %d[%c0] : memref<1xi32>
    sdfg.store %rs, %d[%c0] : memref<1xi32>
    sdfg.store %rf, %f[%c0] : memref<1xf64>
    sdfg.store %rg, %g[%c0] : memref<1xi1>
    sdfg.store %rw, %w[%c0] : memref<1xi64>
  }
}
