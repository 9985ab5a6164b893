// After pk-cpu-pipeline no N×N score buffer is allocated: the largest
// temporaries are 64×64 tiles. The reference pipeline, which keeps the
// naive form, allocates the 2×300×300 scores (180000 floats): the same
// check finds it there, so it can fail.
// RUN: pk-opt --pk-cpu-pipeline %s | FileCheck %s
// RUN: pk-opt --pk-reference-pipeline %s | FileCheck %s --check-prefix=REF

// CHECK-LABEL: llvm.func @attention
// CHECK-NOT:     llvm.getelementptr %{{.*}}[180000]
// CHECK-NOT:     llvm.mlir.constant(90000 : index)
// CHECK:         llvm.getelementptr %{{.*}}[4096] : (!llvm.ptr) -> !llvm.ptr, f32
// CHECK-NOT:     llvm.getelementptr %{{.*}}[180000]
// CHECK-NOT:     llvm.mlir.constant(90000 : index)
// CHECK:         llvm.return
// REF-LABEL: llvm.func @attention
// REF:         llvm.getelementptr %{{.*}}[180000] : (!llvm.ptr) -> !llvm.ptr, f32
func.func @attention(%q: tensor<1x2x300x64xf32>, %k: tensor<1x2x300x64xf32>, %v: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}
