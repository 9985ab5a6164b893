// The register-tiled matmuls assemble for sm_80 and sm_90 without spills:
// 8x8 accumulators plus 4-wide slices of A and B fit in the registers.
// REQUIRES: ptxas
// RUN: pk-translate --pk-to-ptx %S/Inputs/matmul-register-tile.mlir -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 -v %t.sm90.ptx -o %t.sm90.cubin 2>&1 | FileCheck %s
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 %S/Inputs/matmul-register-tile.mlir -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 -v %t.sm80.ptx -o %t.sm80.cubin 2>&1 | FileCheck %s
// RUN: llvm-nm %t.sm90.cubin | FileCheck %s --check-prefix=SYMS
// RUN: llvm-nm %t.sm80.cubin | FileCheck %s --check-prefix=SYMS

// One report per kernel, none with spills or a stack frame.
// CHECK-COUNT-5: 0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
// CHECK-NOT:     bytes spill
// SYMS-DAG: T mm_f32_128_kernel
// SYMS-DAG: T mm_f32_64_kernel
// SYMS-DAG: T mm_f16_kernel
// SYMS-DAG: T mm_bf16_kernel
// SYMS-DAG: T mm_partial_kernel
