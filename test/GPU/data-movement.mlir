// Consecutive kernels share device buffers: a matmul followed by a sigmoid
// and a tanh copies A and B in and the result out once (the intermediate
// product never leaves the device); the read-only inputs are not copied
// back. With device-arguments there is no copy at all.
// RUN: pk-opt --pk-gpu-pipeline %s --mlir-print-ir-before=gpu-async-region -o /dev/null 2>&1 \
// RUN:   | FileCheck %s
// RUN: pk-opt --pk-gpu-pipeline="device-arguments=true" %s --mlir-print-ir-before=gpu-async-region -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEVICE

// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[A:[^:]+]]: memref<256x128xf32>, %[[B:[^:]+]]: memref<128x64xf32>, %[[OUT:[^:]+]]: memref<256x64xf32>)
// CHECK-DAG: %[[DOUT:.+]] = gpu.alloc () : memref<256x64xf32>
// CHECK-DAG: gpu.memcpy %[[DOUT]], %[[OUT]]
// CHECK-DAG: %[[DB:.+]] = gpu.alloc () : memref<128x64xf32>
// CHECK-DAG: gpu.memcpy %[[DB]], %[[B]]
// CHECK-DAG: %[[DA:.+]] = gpu.alloc () : memref<256x128xf32>
// CHECK-DAG: gpu.memcpy %[[DA]], %[[A]]
// CHECK-NOT: gpu.memcpy
// CHECK: gpu.launch_func @chain_kernel::@chain_kernel
// CHECK-NOT: gpu.memcpy
// CHECK: gpu.launch_func @chain_kernel::@chain_kernel_0
// CHECK-NOT: gpu.memcpy
// CHECK: gpu.launch_func @chain_kernel::@chain_kernel_1
// CHECK-NOT: gpu.memcpy %[[A]]
// CHECK-NOT: gpu.memcpy %[[B]]
// CHECK: gpu.memcpy %[[OUT]], %[[DOUT]]
// CHECK-NOT: gpu.memcpy
// CHECK: return

// DEVICE-LABEL: func.func @chain(
// DEVICE-NOT: gpu.memcpy
// DEVICE: return
func.func @chain(%a: tensor<256x128xf32>, %b: tensor<128x64xf32>) -> tensor<256x64xf32> {
  %c = pk.matmul %a, %b : tensor<256x128xf32>, tensor<128x64xf32> -> tensor<256x64xf32>
  %s = pk.sigmoid %c : tensor<256x64xf32>
  %t = pk.tanh %s : tensor<256x64xf32>
  return %t : tensor<256x64xf32>
}
