// RUN: pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-align-workgroup-buffers))" %s | FileCheck %s

// Every workgroup buffer without an alignment gets 16 bytes; a given
// alignment is kept.
// CHECK-LABEL: gpu.func @k
// CHECK-SAME: workgroup(%{{.*}} : memref<32xf16, #gpu.address_space<workgroup>> {llvm.align = 16 : i64}, %{{.*}} : memref<8xf32, #gpu.address_space<workgroup>> {llvm.align = 64 : i64})
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k() workgroup(%a : memref<32xf16, #gpu.address_space<workgroup>>, %b : memref<8xf32, #gpu.address_space<workgroup>> {llvm.align = 64 : i64}) kernel {
      gpu.return
    }
  }
}
