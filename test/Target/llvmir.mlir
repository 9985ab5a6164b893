// RUN: pk-translate --pk-to-llvmir --split-input-file %s | FileCheck %s

// Already in the LLVM dialect: translated as is.
// CHECK-LABEL: define float @axpy(float %0, float %1, float %2) {
// CHECK-NEXT:    %[[AX:.+]] = fmul float %0, %1
// CHECK-NEXT:    %[[R:.+]] = fadd float %[[AX]], %2
// CHECK-NEXT:    ret float %[[R]]
// CHECK-NEXT:  }
llvm.func @axpy(%a: f32, %x: f32, %y: f32) -> f32 {
  %ax = llvm.fmul %a, %x : f32
  %r = llvm.fadd %ax, %y : f32
  llvm.return %r : f32
}

// -----

// func/arith: lowered to the LLVM dialect by pk-cpu-pipeline first.
// CHECK-LABEL: define float @scale(float %0) {
// CHECK-NEXT:    %[[R:.+]] = fmul float %0, 2.000000e+00
// CHECK-NEXT:    ret float %[[R]]
func.func @scale(%x: f32) -> f32 {
  %two = arith.constant 2.0 : f32
  %r = arith.mulf %x, %two : f32
  return %r : f32
}

// -----

// pk on tensors: the recipe tiles and vectorizes the matmul, the tiles run
// in an OpenMP parallel region (outlined, started by __kmpc_fork_call) and
// the inner product is a vector FMA.
// CHECK-LABEL: define {{.*}} @matmul(
// CHECK:         call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @{{[0-9]+}}, i32 {{[0-9]+}}, ptr @[[BODY:matmul[.a-z_]+]],
// CHECK:       define internal void @[[BODY]](
// CHECK:         call void @__kmpc_for_static_init_8u(
// CHECK:         call <[[W:8|16|32]] x float> @llvm.{{fmuladd|fma}}.v[[W]]f32(<[[W]] x float> %{{.+}}, <[[W]] x float> %{{.+}}, <[[W]] x float> %{{.+}})
// CHECK:       declare {{.*}}void @__kmpc_fork_call(ptr, i32, ptr, ...)
func.func @matmul(%a: tensor<128x128xf32>, %b: tensor<128x128xf32>)
    -> tensor<128x128xf32> {
  %c = pk.matmul %a, %b
      : tensor<128x128xf32>, tensor<128x128xf32> -> tensor<128x128xf32>
  return %c : tensor<128x128xf32>
}
