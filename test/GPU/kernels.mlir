// The kernels pk-gpu-pipeline makes for each kind of pk op (tiled matmuls
// in f32/f16/bf16, batched with a transposed operand, elementwise ops,
// softmax, an embedding bag with its serial offset/status kernel, naive
// attention) must be PTX that NVIDIA's assembler accepts for sm_80 and
// sm_90. All functions' kernels share one gpu.module, so one PTX text.
// REQUIRES: ptxas
// RUN: pk-translate --pk-to-ptx %s -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.cubin
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 %s -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.cubin
// ptxas also accepts an empty file: every function must have its kernels.
// RUN: llvm-nm %t.sm90.cubin | FileCheck %s
// RUN: llvm-nm %t.sm80.cubin | FileCheck %s
// CHECK-DAG: T mm_f32_kernel
// CHECK-DAG: T mm_f16_kernel
// CHECK-DAG: T mm_bf16_kernel
// CHECK-DAG: T bmm_kernel
// CHECK-DAG: T act_kernel
// CHECK-DAG: T softmax_kernel
// CHECK-DAG: T bag_kernel
// CHECK-DAG: T attention_kernel

func.func @mm_f32(%a: tensor<100x70xf32>, %b: tensor<70x33xf32>) -> tensor<100x33xf32> {
  %c = pk.matmul %a, %b : tensor<100x70xf32>, tensor<70x33xf32> -> tensor<100x33xf32>
  return %c : tensor<100x33xf32>
}
func.func @mm_f16(%a: tensor<128x64xf16>, %b: tensor<64x96xf16>) -> tensor<128x96xf32> {
  %c = pk.matmul %a, %b : tensor<128x64xf16>, tensor<64x96xf16> -> tensor<128x96xf32>
  return %c : tensor<128x96xf32>
}
func.func @mm_bf16(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>) -> tensor<64x64xf32> {
  %c = pk.matmul %a, %b : tensor<64x64xbf16>, tensor<64x64xbf16> -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}
func.func @bmm(%a: tensor<3x64x32xf32>, %b: tensor<3x48x32xf32>) -> tensor<3x64x48xf32> {
  %c = pk.matmul %a, %b transpose_rhs : tensor<3x64x32xf32>, tensor<3x48x32xf32> -> tensor<3x64x48xf32>
  return %c : tensor<3x64x48xf32>
}
func.func @act(%x: tensor<8x1000xf32>) -> tensor<8x1000xf32> {
  %s = pk.sigmoid %x : tensor<8x1000xf32>
  %t = pk.tanh %s : tensor<8x1000xf32>
  return %t : tensor<8x1000xf32>
}
func.func @softmax(%x: tensor<64x300xf32>) -> tensor<64x300xf32> {
  %y = pk.softmax %x axis = 1 : tensor<64x300xf32>
  return %y : tensor<64x300xf32>
}
func.func @bag(%table: tensor<1000x64xf32>, %indices: tensor<512xi64>,
               %offsets: tensor<129xi64>) -> (tensor<128x64xf32>, tensor<i32>) {
  %out, %status = pk.embedding_bag %table[%indices] offsets(%offsets : tensor<129xi64>)
      : tensor<1000x64xf32>, tensor<512xi64> -> tensor<128x64xf32>, tensor<i32>
  return %out, %status : tensor<128x64xf32>, tensor<i32>
}
func.func @attention(%q: tensor<2x64x32xf16>, %k: tensor<2x64x32xf16>, %v: tensor<2x64x32xf16>) -> tensor<2x64x32xf16> {
  %o = pk.attention %q, %k, %v causal : tensor<2x64x32xf16>, tensor<2x64x32xf16>, tensor<2x64x32xf16> -> tensor<2x64x32xf16>
  return %o : tensor<2x64x32xf16>
}
