// pk-gpu-verify-target changes nothing on a valid target and stops with an
// error at the module's location on each kind of invalid one.
// RUN: pk-opt --pk-gpu-verify-target %s | FileCheck %s --check-prefix=VALID
// RUN: pk-opt --pk-gpu-verify-target="chip=sm_80 features=+ptx70 opt-level=0 format=fatbin" %s | FileCheck %s --check-prefix=VALID
// RUN: not pk-opt --pk-gpu-verify-target="chip=sm_91x" %s 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not pk-opt --pk-gpu-verify-target="features=ptx80" %s 2>&1 | FileCheck %s --check-prefix=SIGN
// RUN: not pk-opt --pk-gpu-verify-target="features=+ptx999" %s 2>&1 | FileCheck %s --check-prefix=FEATURE
// RUN: not pk-opt --pk-gpu-verify-target="chip=sm_90 features=+ptx70" %s 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not pk-opt --pk-gpu-verify-target="opt-level=4" %s 2>&1 | FileCheck %s --check-prefix=LEVEL
// RUN: not pk-opt --pk-gpu-verify-target="cuda-path=%t.missing" %s 2>&1 | FileCheck %s --check-prefix=CUDA
// RUN: not pk-opt --pk-gpu-verify-target="format=elf" %s 2>&1 | FileCheck %s --check-prefix=FORMAT

// VALID: func.func @f
// CHIP: verify-target.mlir:[[@LINE+7]]:1: error: unknown GPU chip 'sm_91x'; the NVPTX backend knows: {{.*}}sm_90
// SIGN: error: GPU feature 'ptx80' must start with '+' or '-'
// FEATURE: error: unknown GPU feature 'ptx999'
// PTX: error: invalid GPU target sm_90 with features '+ptx70'
// LEVEL: error: GPU optimization level must be 0 to 3, got 4
// CUDA: error: CUDA toolkit path '{{.*}}.missing' is not a directory
// FORMAT: error: GPU binary format must be isa, bin or fatbin, got 'elf'
module {
  func.func @f() {
    return
  }
}
