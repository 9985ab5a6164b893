// A linalg kernel goes through the SDFG and back: convert-linalg-to-sdfg,
// export to DaCe JSON and import again, convert-sdfg-to-scf, pk-run. The
// results equal those of the original linalg function (same seeded
// inputs; integers, so the parallel atomic accumulation is exact).
// RUN: rm -rf %t && mkdir -p %t
// RUN: pk-run %s --print | grep '^result #' > %t/linalg.txt
// RUN: pk-opt %s --convert-linalg-to-sdfg | pk-translate --sdfg-to-json -o %t/mm.sdfg
// RUN: pk-translate --json-to-sdfg %t/mm.sdfg | pk-opt --convert-sdfg-to-scf -o %t/lowered.mlir
// RUN: pk-run %t/lowered.mlir --print | FileCheck %s
// RUN: pk-run %t/lowered.mlir --print --num-threads 2 | grep '^result #' > %t/sdfg.txt
// RUN: diff %t/linalg.txt %t/sdfg.txt
// RUN: FileCheck %s --check-prefix=VALUES < %t/sdfg.txt
// CHECK: pk-run: @mm (3 inputs, 3 written in place
// CHECK: PASS
// VALUES: result #0 =
// VALUES: result #1 =
// VALUES: result #2 =
func.func @mm(%a: memref<9x13xi32>, %b: memref<13x6xi32>, %c: memref<9x6xi32>) {
  linalg.matmul ins(%a, %b : memref<9x13xi32>, memref<13x6xi32>) outs(%c : memref<9x6xi32>)
  return
}
