// Kernels contract each multiply feeding an add into one fma.rn.f32 (nvcc's
// -fmad=true): the matmul's inner product and the elementwise code, never a
// separate mul.rn/add.rn pair.
// RUN: pk-opt --pk-gpu-pipeline %s --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 | FileCheck %s --check-prefix=NVVM
// RUN: pk-translate --pk-to-ptx %s | FileCheck %s --check-prefix=PTX

// NVVM-LABEL: llvm.func @mm_kernel(
// NVVM:         %[[P:.+]] = llvm.fmul {{.*}} {fastmathFlags = #llvm.fastmath<contract>} : f32
// NVVM:         llvm.fadd {{.*}}%[[P]]{{.*}} {fastmathFlags = #llvm.fastmath<contract>} : f32
// PTX-LABEL: .visible .entry mm_kernel(
// PTX-NOT:     mul.rn.f32
// PTX:         fma.rn.f32
// PTX-NOT:     mul.rn.f32
// PTX-NOT:     add.rn.f32
// PTX-LABEL: .visible .entry axpb_kernel(
// PTX-NOT:     mul.rn.f32
// PTX:         fma.rn.f32
// PTX-NOT:     add.rn.f32
// PTX:         ret;
func.func @mm(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>) -> tensor<128x96xf32> {
  %c = pk.matmul %a, %b : tensor<128x64xf32>, tensor<64x96xf32> -> tensor<128x96xf32>
  return %c : tensor<128x96xf32>
}

// An elementwise a·x + y in one generic: contracted the same way.
#id = affine_map<(i) -> (i)>
func.func @axpb(%x: tensor<1000xf32>, %y: tensor<1000xf32>) -> tensor<1000xf32> {
  %a = arith.constant 3.0 : f32
  %e = tensor.empty() : tensor<1000xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<1000xf32>, tensor<1000xf32>) outs(%e : tensor<1000xf32>) {
  ^bb0(%xi: f32, %yi: f32, %o: f32):
    %p = arith.mulf %a, %xi : f32
    %r = arith.addf %p, %yi : f32
    linalg.yield %r : f32
  } -> tensor<1000xf32>
  return %s : tensor<1000xf32>
}
