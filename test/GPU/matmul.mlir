// pk-gpu-pipeline's matmul: one 16x16-thread block per 128x128 tile of C,
// 128x16 / 16x128 tiles of A and B staged through shared memory with
// barriers around the copies, each thread an 8x8 register tile
// (test/GPU/matmul-register-tile.mlir checks its loops in detail).
// RUN: pk-opt --pk-gpu-pipeline %s --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NVVM
// RUN: pk-translate --pk-to-ptx %s | FileCheck %s --check-prefix=PTX
// RUN: pk-translate --pk-to-ptx %s | grep -c bar.sync | FileCheck %s --check-prefix=BARRIERS
// RUN: pk-opt --pk-gpu-pipeline %s | FileCheck %s --check-prefix=HOST
// RUN: pk-opt --pk-gpu-pipeline="device-arguments=true" %s | FileCheck %s --check-prefix=DEVARGS

// NVVM: gpu.module @mm_kernel [#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">]
// NVVM-DAG: llvm.mlir.global internal @__wg_mm_kernel_0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<8192 x i8>
// NVVM-DAG: llvm.mlir.global internal @__wg_mm_kernel_1() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<8192 x i8>
// NVVM: llvm.func @mm_kernel({{.*}}) attributes {gpu.kernel, gpu.known_block_size = array<i32: 16, 16, 1>, gpu.known_grid_size = array<i32: 3, 4, 1>, nvvm.kernel
// NVVM: nvvm.read.ptx.sreg.ctaid.x
// NVVM: nvvm.read.ptx.sreg.tid.x
// NVVM: llvm.store {{.*}} {alignment = 16 : i64} : vector<8xf32>, !llvm.ptr
// NVVM: nvvm.barrier0
// NVVM: llvm.load {{.*}} {alignment = 16 : i64} : !llvm.ptr -> vector<4xf32>
// NVVM: llvm.store {{.*}} {alignment = 16 : i64} : vector<4xf32>, !llvm.ptr<3>
// NVVM: nvvm.barrier0
// NVVM: llvm.load {{.*}} {alignment = 16 : i64} : !llvm.ptr<3> -> vector<4xf32>
// NVVM: llvm.intr.fmuladd({{.*}}) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// NVVM: nvvm.barrier0

// PTX: .target sm_90
// PTX: .visible .entry mm_kernel(
// PTX-DAG: .shared .align 16 .b8 __wg_mm_kernel_0[8192];
// PTX-DAG: .shared .align 16 .b8 __wg_mm_kernel_1[8192];
// PTX: bar.sync 0;
// PTX: ld.global.v4
// PTX: st.shared.v4
// PTX: bar.sync 0;
// PTX: ld.shared.v4
// PTX: fma.rn.f32
// After the fill, after each of the two copies and after the product.
// BARRIERS: 4

// Host-argument form: A, B and C are copied in, only C is copied back.
// HOST-LABEL: llvm.func @mm(
// HOST: llvm.call @mgpuStreamCreate()
// HOST-COUNT-3: llvm.call @mgpuMemcpy
// HOST: gpu.launch_func <%{{.*}} : !llvm.ptr> @mm_kernel::@mm_kernel blocks in
// HOST-NOT: gpu.launch_func
// HOST: llvm.call @mgpuMemcpy
// HOST-NOT: llvm.call @mgpuMemcpy
// HOST: llvm.call @mgpuStreamSynchronize
// HOST: llvm.call @mgpuStreamDestroy
// HOST: gpu.binary @mm_kernel [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">

// Device-argument form (pk-run --gpu): no copies at all.
// DEVARGS-LABEL: llvm.func @mm(
// DEVARGS-NOT: mgpuMemcpy
// DEVARGS: gpu.launch_func
// DEVARGS-NOT: mgpuMemcpy
// DEVARGS: llvm.call @mgpuStreamSynchronize
func.func @mm(%a: tensor<512x256xf32>, %b: tensor<256x384xf32>) -> tensor<512x384xf32> {
  %c = pk.matmul %a, %b : tensor<512x256xf32>, tensor<256x384xf32> -> tensor<512x384xf32>
  return %c : tensor<512x384xf32>
}
