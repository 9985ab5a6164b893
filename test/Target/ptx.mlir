// The saxpy example: gpu.launch in host code, outlined and compiled.
// RUN: pk-translate --pk-to-ptx %pk_src_root/examples/gpu_elementwise.mlir \
// RUN:   | FileCheck %s --check-prefix=SAXPY
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 \
// RUN:   %pk_src_root/examples/gpu_elementwise.mlir \
// RUN:   | FileCheck %s --check-prefix=SM80
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 \
// RUN:   %pk_src_root/examples/gpu_elementwise.mlir \
// RUN:   | FileCheck %s --check-prefix=SM80-PTX70
// RUN: pk-translate --pk-to-ptx --pk-gpu-opt-level=0 \
// RUN:   %pk_src_root/examples/gpu_elementwise.mlir \
// RUN:   | FileCheck %s --check-prefix=O0
//
// Two gpu.modules written by hand (this file): one PTX text each, with a
// header naming its module.
// RUN: pk-translate --pk-to-ptx %s | FileCheck %s --check-prefix=MODULES

// SAXPY-NOT: // -----
// SAXPY:      .version 8.0
// SAXPY-NEXT: .target sm_90
// SAXPY-NEXT: .address_size 64
// SAXPY:      .visible .entry saxpy_kernel(
// SAXPY:      .maxntid 256, 1, 1
// SAXPY-DAG:  mov.u32 {{.*}}, %ctaid.x;
// SAXPY-DAG:  mov.u32 {{.*}}, %tid.x;
// SAXPY:      ld.global.b32 [[X:%r[0-9]+]], [{{%rd[0-9]+}}];
// SAXPY:      ld.param.b32 [[A:%r[0-9]+]], [saxpy_kernel_param_10];
// SAXPY:      ld.global.b32 [[Y:%r[0-9]+]], {{\[}}[[YPTR:%rd[0-9]+]]];
// SAXPY-NEXT: fma.rn.f32 [[R:%r[0-9]+]], [[A]], [[X]], [[Y]];
// SAXPY-NEXT: st.global.b32 {{\[}}[[YPTR]]], [[R]];
// SAXPY-NEXT: ret;

// The default features (+ptx80) hold for sm_80 too; +ptx70 is its minimum.
// SM80:       .version 8.0
// SM80-NEXT:  .target sm_80
// SM80:       .visible .entry saxpy_kernel(
// SM80-PTX70:      .version 7.0
// SM80-PTX70-NEXT: .target sm_80
// SM80-PTX70:      .visible .entry saxpy_kernel(

// Without optimization, NVPTX does not infer the global address space.
// O0:     .visible .entry saxpy_kernel(
// O0-NOT: ld.global
// O0:     ld.b32
// O0:     st.b32

// MODULES:      // ----- gpu.module @reductions for #nvvm.target<O = 3, chip = "sm_90", features = "+ptx80"> -----
// MODULES:      .target sm_90
// MODULES:      .visible .entry row_sum(
// MODULES:      %ctaid.x
// The row length is a kernel parameter; the scf.for is a loop (unrolled by 8).
// MODULES:      setp.{{[a-z]+}}.s64 %p{{[0-9]+}}, {{%rd[0-9]+}}, 1;
// MODULES:      @%p{{[0-9]+}} bra
// MODULES:      ld.global.b32
// MODULES:      add.rn.f32
// MODULES:      st.global.b32
// MODULES-NOT:  .entry
// MODULES:      // ----- gpu.module @ids for #nvvm.target<O = 3, chip = "sm_90", features = "+ptx80"> -----
// MODULES:      .visible .entry store_tid(
// MODULES:      %tid.x
// MODULES:      st.global.b32

module attributes {gpu.container_module} {
  gpu.module @reductions {
    // out[row] = sum(in[row, :]), one thread block per row.
    gpu.func @row_sum(%in: memref<?x?xf32>, %out: memref<?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %zero = arith.constant 0.0 : f32
      %row = gpu.block_id x
      %n = memref.dim %in, %c1 : memref<?x?xf32>
      %line = memref.subview %in[%row, 0] [1, %n] [1, 1]
          : memref<?x?xf32> to memref<?xf32, strided<[1], offset: ?>>
      %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> f32 {
        %x = memref.load %line[%i] : memref<?xf32, strided<[1], offset: ?>>
        %next = arith.addf %acc, %x : f32
        scf.yield %next : f32
      }
      memref.store %sum, %out[%row] : memref<?xf32>
      gpu.return
    }
  }
  gpu.module @ids {
    gpu.func @store_tid(%out: memref<32xi32>) kernel {
      %tid = gpu.thread_id x
      %v = arith.index_cast %tid : index to i32
      memref.store %v, %out[%tid] : memref<32xi32>
      gpu.return
    }
  }
}
