// RUN: pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-contract-multiply-add))" %s | FileCheck %s

// In kernels, a product and the add or subtract of it may fuse (fast-math
// flags already there are kept); a lone add and host code are untouched.
// CHECK-LABEL: gpu.func @k
// CHECK: %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : f32
// CHECK: arith.addf %{{.*}}, %[[P]] fastmath<contract> : f32
// CHECK: %[[Q:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<nnan,contract> : f32
// CHECK: arith.subf %[[Q]], %{{.*}} fastmath<contract> : f32
// CHECK: arith.addf %{{.*}}, %{{.*}} : f32
// CHECK-LABEL: func.func @host
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: arith.addf %{{.*}}, %{{.*}} : f32
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%a: f32, %b: f32, %c: f32, %out: memref<3xf32>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %c2 = arith.constant 2 : index
      %p = arith.mulf %a, %b : f32
      %s = arith.addf %c, %p : f32
      %q = arith.mulf %a, %c fastmath<nnan> : f32
      %d = arith.subf %q, %b : f32
      %e = arith.addf %a, %b : f32
      memref.store %s, %out[%c0] : memref<3xf32>
      memref.store %d, %out[%c1] : memref<3xf32>
      memref.store %e, %out[%c2] : memref<3xf32>
      gpu.return
    }
  }
  func.func @host(%a: f32, %b: f32, %c: f32) -> f32 {
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %c, %p : f32
    return %s : f32
  }
}
