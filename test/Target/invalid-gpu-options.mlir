// Bad --pk-gpu-* options. They are checked before any lowering, so the
// NVPTX backend never warns about unknown names or ends the process on a PTX
// version the chip does not support.
//
// These check stderr instead of using -verify-diagnostics: the expected
// diagnostics of -verify-diagnostics live in the input, and here every RUN
// line reads the same input but passes a different option (one message each).
//
// RUN: not pk-translate --pk-to-ptx --pk-gpu-chip=sm_13 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHIP
// RUN: not pk-translate --pk-to-ptx --pk-gpu-features=+ptx60 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTX-TOO-OLD
// RUN: not pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx63 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PTX-TOO-OLD-SM80
// RUN: not pk-translate --pk-to-ptx --pk-gpu-features=+ptx999 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FEATURE
// RUN: not pk-translate --pk-to-ptx --pk-gpu-features=ptx80 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SIGN
// RUN: not pk-translate --pk-to-ptx --pk-gpu-opt-level=4 %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPT
// RUN: not pk-translate --pk-to-ptx --pk-gpu-cuda-path=%t.missing %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CUDA-PATH

// PTX-TOO-OLD: error: invalid GPU target sm_90 with features '+ptx60': PTX version 6.0 does not support target 'sm_90'. Minimum required PTX version is 7.8
// PTX-TOO-OLD-NOT: LLVM ERROR

// PTX-TOO-OLD-SM80: error: invalid GPU target sm_80 with features '+ptx63': PTX version 6.3 does not support target 'sm_80'. Minimum required PTX version is 7.0

// FEATURE: error: unknown GPU feature 'ptx999' for the NVPTX backend
// SIGN: error: GPU feature 'ptx80' must start with '+' or '-' (e.g. +ptx80)
// OPT: error: GPU optimization level must be 0 to 3, got 4
// CUDA-PATH: error: CUDA toolkit path '{{.*}}.missing' is not a directory

// The errors are reported on the module: these options apply to all of it.
// CHIP-NOT: not a recognized processor
// CHIP: invalid-gpu-options.mlir:[[@LINE+1]]:1: error: unknown GPU chip 'sm_13'; the NVPTX backend knows: {{.*}}sm_80{{.*}}sm_90
module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @store_tid(%out: memref<32xi32>) kernel {
      %tid = gpu.thread_id x
      %v = arith.index_cast %tid : index to i32
      memref.store %v, %out[%tid] : memref<32xi32>
      gpu.return
    }
  }
}
