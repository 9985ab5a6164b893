// Bad pk-gpu-pipeline options and inputs are located errors, before any
// lowering. (stderr checks: every RUN line reads the same input with a
// different option.)
// RUN: not pk-opt --pk-gpu-pipeline="chip=sm_13" %s 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not pk-opt --pk-gpu-pipeline="features=+ptx60" %s 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not pk-opt --pk-gpu-pipeline="format=elf" %s 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not pk-opt --pk-gpu-pipeline="opt-level=7" %s 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not pk-opt --pk-gpu-pipeline="recipe=%t.missing" %s 2>&1 | FileCheck %s --check-prefix=RECIPE
// RUN: echo 'module attributes {transform.with_named_sequence} {}' > %t.empty.mlir
// RUN: not pk-opt --pk-gpu-pipeline="recipe=%t.empty.mlir" %s 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not pk-translate --pk-to-llvmir --pk-gpu --pk-gpu-format=cubin %s 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not pk-translate --pk-to-ptx --pk-gpu-recipe=%t.missing %s 2>&1 | FileCheck %s --check-prefix=RECIPE

// CHIP: error: unknown GPU chip 'sm_13'; the NVPTX backend knows: {{.*}}sm_90
// PTX: error: invalid GPU target sm_90 with features '+ptx60': PTX version 6.0 does not support target 'sm_90'
// FORMAT: error: GPU binary format must be isa, bin or fatbin, got '{{elf|cubin}}'
// OPT: error: GPU optimization level must be 0 to 3, got 7
// RECIPE: error: cannot read recipe file '{{.*}}.missing'
// ENTRY: error: GPU recipe '{{.*}}.empty.mlir' has no transform.named_sequence @__transform_main
func.func @act(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %y = pk.sigmoid %x : tensor<1024xf32>
  return %y : tensor<1024xf32>
}
