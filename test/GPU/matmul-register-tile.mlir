// The register-tiled matmul of recipes/gpu-default.mlir, in the PTX: per
// K step of 16 (the outer loop, with the barriers) every thread copies its
// share of the A and B tiles with 16-byte global loads and shared stores;
// the inner loop (4 steps of K = 4) reads 16-byte slices of A and B from
// shared memory and issues the thread's whole tile of FMAs on registers:
// 8x8x4 = 256 per step for 128x128 block tiles, 4x4x4 = 64 for 64x64
// tiles, also for f16/bf16 inputs (converted to f32 after the loads). The
// accumulator never goes through memory (no ld/st.local). A matmul whose
// tiles are partial keeps the scalar schedule (its kernel still has no
// local memory).
// RUN: pk-translate --pk-to-ptx %S/Inputs/matmul-register-tile.mlir \
// RUN:   | %python %S/Inputs/ptx-loops.py | FileCheck %s
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 %S/Inputs/matmul-register-tile.mlir \
// RUN:   | %python %S/Inputs/ptx-loops.py | FileCheck %s
// RUN: pk-opt --pk-gpu-pipeline %S/Inputs/matmul-register-tile.mlir --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NVVM

// CHECK-LABEL: kernel mm_f32_128_kernel local=0
// CHECK-NEXT:  loop depth=0 fma.rn.f32=256 ld.shared.v4=16 ld.global.v4=4 st.shared.v4=4 bar.sync=3
// CHECK-NEXT:  loop depth=1 fma.rn.f32=256 ld.shared.v4=16 ld.global.v4=0 st.shared.v4=0 bar.sync=0
// CHECK-LABEL: kernel mm_f32_64_kernel local=0
// CHECK-NEXT:  loop depth=0 fma.rn.f32=64 ld.shared.v4=8 ld.global.v4=2 st.shared.v4=2 bar.sync=3
// CHECK-NEXT:  loop depth=1 fma.rn.f32=64 ld.shared.v4=8 ld.global.v4=0 st.shared.v4=0 bar.sync=0
// f16/bf16 tiles are half as wide in bytes: 8-byte global loads, and
// A's 4-element slices are 8-byte shared loads.
// CHECK-LABEL: kernel mm_f16_kernel local=0
// CHECK-NEXT:  loop depth=0 fma.rn.f32=256 ld.shared.v4=12 ld.global.v4=0 st.shared.v4=0 bar.sync=3
// CHECK-NEXT:  loop depth=1 fma.rn.f32=256 ld.shared.v4=12
// CHECK-LABEL: kernel mm_bf16_kernel local=0
// CHECK-NEXT:  loop depth=0 fma.rn.f32=256 ld.shared.v4=12 ld.global.v4=0 st.shared.v4=0 bar.sync=3
// CHECK-NEXT:  loop depth=1 fma.rn.f32=256 ld.shared.v4=12
// CHECK-LABEL: kernel mm_partial_kernel local=0

// The accumulator is a loop-carried vector (registers), written to C once
// after the K loop.
// NVVM-LABEL: llvm.func @mm_f32_128_kernel(
// NVVM:         llvm.br ^bb1({{.*}} : i64, !llvm.array<8 x vector<8xf32>>)
// NVVM:         llvm.intr.fmuladd
// NVVM-LABEL: llvm.func @mm_f32_64_kernel(
// NVVM:         llvm.br ^bb1({{.*}} : i64, !llvm.array<4 x vector<4xf32>>)
