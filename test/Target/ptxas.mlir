// REQUIRES: ptxas
// The PTX must be accepted by NVIDIA's assembler, not just look right.
// RUN: pk-translate --pk-to-ptx %pk_src_root/examples/gpu_elementwise.mlir -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.cubin
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 %pk_src_root/examples/gpu_elementwise.mlir -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.cubin
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 %pk_src_root/examples/gpu_elementwise.mlir -o %t.sm80-ptx70.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80-ptx70.ptx -o %t.sm80-ptx70.cubin
//
// The loop kernel below (one gpu.module, so the output is one PTX text).
// RUN: pk-translate --pk-to-ptx %s -o %t.loop.ptx
// RUN: %ptxas -arch=sm_90 %t.loop.ptx -o %t.loop.cubin
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 %s -o %t.loop80.ptx
// RUN: %ptxas -arch=sm_80 %t.loop80.ptx -o %t.loop80.cubin
//
// ptxas would also accept an empty file: the cubins must define the kernels.
// RUN: llvm-nm %t.sm90.cubin | FileCheck %s --check-prefix=SAXPY
// RUN: llvm-nm %t.sm80.cubin | FileCheck %s --check-prefix=SAXPY
// RUN: llvm-nm %t.loop.cubin | FileCheck %s --check-prefix=LOOP
// SAXPY: T saxpy_kernel
// LOOP: T row_sum

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
}
