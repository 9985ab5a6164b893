// pk-gpu-pipeline runs attention as one fused kernel: no N×N (here
// 2×300×300) buffer anywhere, K/V tiles staged through shared memory with
// barriers, partial scores combined with warp shuffles at d = 128. The
// @probabilities_escape function, which the rewrite leaves alone (its
// probabilities are a result), shows that the same check finds an N×N
// buffer when there is one; so does the reference pipeline.
// RUN: pk-opt --pk-gpu-pipeline %s --mlir-print-ir-before=gpu-kernel-outlining -o /dev/null 2>&1 | FileCheck %s
// RUN: pk-opt --pk-reference-pipeline %s | FileCheck %s --check-prefix=REF
// RUN: pk-translate --pk-to-ptx %s | FileCheck %s --check-prefix=PTX

// CHECK-LABEL: func.func @attention(
// CHECK-NOT:     300x300
// CHECK:         gpu.launch
// CHECK-SAME:      workgroup(
// CHECK-NOT:     300x300
// CHECK:         return
// CHECK-LABEL: func.func @probabilities_escape(
// CHECK:         memref<2x300x300xf32>
// REF-LABEL: llvm.func @attention
// REF:         llvm.getelementptr %{{.*}}[180000] : (!llvm.ptr) -> !llvm.ptr, f32

// PTX-LABEL: .visible .entry attention_kernel(
// PTX-DAG: .shared .align 16 .b8 __wg_attention_kernel_0[16384];
// PTX-DAG: .shared .align 16 .b8 __wg_attention_kernel_1[16384];
// PTX-DAG: .shared .align 16 .b8 __wg_attention_kernel_2[16384];
// PTX-DAG: ld.global.v4.b16
// PTX-DAG: st.shared.v4.b32
// PTX-DAG: bar.sync 0;
// PTX-DAG: ld.shared.v4.b32
// PTX-DAG: fma.rn.f32
// PTX-DAG: shfl.sync.bfly.b32
// PTX-DAG: ex2.approx.f32
// PTX-LABEL: .visible .entry probabilities_escape_kernel
func.func @attention(%q: tensor<1x2x300x128xf16>, %k: tensor<1x2x300x128xf16>, %v: tensor<1x2x300x128xf16>) -> tensor<1x2x300x128xf16> {
  %o = pk.attention %q, %k, %v causal : tensor<1x2x300x128xf16>, tensor<1x2x300x128xf16>, tensor<1x2x300x128xf16> -> tensor<1x2x300x128xf16>
  return %o : tensor<1x2x300x128xf16>
}

#qk = affine_map<(b, i, j, d) -> (b, i, d)>
#kk = affine_map<(b, i, j, d) -> (b, j, d)>
#ss = affine_map<(b, i, j, d) -> (b, i, j)>
func.func @probabilities_escape(%q: tensor<2x300x32xf32>, %k: tensor<2x300x32xf32>, %v: tensor<2x300x32xf32>) -> (tensor<2x300x32xf32>, tensor<2x300x300xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x300x300xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x300x300xf32>) -> tensor<2x300x300xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x300x32xf32>, tensor<2x300x32xf32>) outs(%z : tensor<2x300x300xf32>) -> tensor<2x300x300xf32>
  %p = linalg.softmax dimension(2) ins(%s : tensor<2x300x300xf32>) outs(%e : tensor<2x300x300xf32>) -> tensor<2x300x300xf32>
  %oe = tensor.empty() : tensor<2x300x32xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x300x32xf32>) -> tensor<2x300x32xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x300x300xf32>, tensor<2x300x32xf32>) outs(%oz : tensor<2x300x32xf32>) -> tensor<2x300x32xf32>
  return %o, %p : tensor<2x300x32xf32>, tensor<2x300x300xf32>
}
