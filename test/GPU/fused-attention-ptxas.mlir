// Every attention form pk-gpu-fuse-attention handles (Inputs/attention.mlir:
// causal, odd lengths, cross attention, f16/bf16, rank 4, head dimensions 8
// to 256 and an odd one, the linalg forms with a mask or K pre-transposed)
// is PTX that NVIDIA's assembler accepts for sm_80 and sm_90, with every
// kernel present.
// REQUIRES: ptxas
// RUN: pk-translate --pk-to-ptx %S/Inputs/attention.mlir -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.cubin
// RUN: pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 %S/Inputs/attention.mlir -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.cubin
// RUN: llvm-nm %t.sm90.cubin | FileCheck %s
// RUN: llvm-nm %t.sm80.cubin | FileCheck %s
// Each function is one fused kernel (no naive matmul/softmax kernels):
// RUN: grep -c '^.visible .entry' %t.sm90.ptx | FileCheck %s --check-prefix=COUNT
// CHECK-DAG: T causal_odd_kernel
// CHECK-DAG: T cross_odd_kernel
// CHECK-DAG: T causal_more_queries_kernel
// CHECK-DAG: T single_key_kernel
// CHECK-DAG: T f16_rank4_kernel
// CHECK-DAG: T bf16_causal_kernel
// CHECK-DAG: T linalg_softmax_mask_kernel
// CHECK-DAG: T generic_softmax_kt_kernel
// CHECK-DAG: T f16_d128_kernel
// CHECK-DAG: T d256_kernel
// CHECK-DAG: T odd_d_kernel
// COUNT: 11
