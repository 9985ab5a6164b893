// RUN: pk-opt --pk-gpu-merge-kernel-modules %s | FileCheck %s

// The second module's kernel, named like the first one's, takes its
// module's name; the constant global both cloned in is kept once; every
// launch points into the one remaining module.
// CHECK: gpu.module @f_kernel {
// CHECK-COUNT-1: memref.global "private" constant @table
// CHECK: gpu.func @f_kernel(
// CHECK: gpu.func @f_kernel_0(
// CHECK: }
// CHECK-NOT: gpu.module
// CHECK-LABEL: func.func @f
// CHECK: gpu.launch_func @f_kernel::@f_kernel
// CHECK: gpu.launch_func @f_kernel::@f_kernel_0
module attributes {gpu.container_module} {
  gpu.module @f_kernel {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    gpu.func @f_kernel(%a: memref<2xf32>) kernel {
      %t = memref.get_global @table : memref<2xf32>
      gpu.return
    }
  }
  gpu.module @f_kernel_0 {
    memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
    gpu.func @f_kernel(%a: memref<2xf32>) kernel {
      %t = memref.get_global @table : memref<2xf32>
      gpu.return
    }
  }
  func.func @f(%a: memref<2xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @f_kernel::@f_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<2xf32>)
    gpu.launch_func @f_kernel_0::@f_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<2xf32>)
    return
  }
}
