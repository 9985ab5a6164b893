// pk-cpu-pipeline against pk-reference-pipeline on random inputs for shapes
// that leave remainders in every tiled dimension (primes, 1, sizes just
// above and below the tile sizes), and low-precision types.
// RUN: pk-run %s --entry mm_primes | FileCheck %s
// RUN: pk-run %s --entry mm_ones | FileCheck %s
// RUN: pk-run %s --entry mm_tile_edges | FileCheck %s
// RUN: pk-run %s --entry mm_bf16 | FileCheck %s
// RUN: pk-run %s --entry mm_f16_out | FileCheck %s
// RUN: pk-run %s --entry bmm_transposed | FileCheck %s
// RUN: pk-run %s --entry softmax_axis0 | FileCheck %s
// RUN: pk-run %s --entry attention_cross | FileCheck %s
// RUN: pk-run %s --entry attention_scaled_causal | FileCheck %s
// RUN: pk-run %s --entry attention_f16 | FileCheck %s
// RUN: pk-run %s --entry mm_primes --num-threads 1 | FileCheck %s
// Packed GEMMs (M >= 64, N >= 768) with remainders in M, N and K, with
// both built-in recipes (pk-run prints FAIL on any wrong element):
// RUN: pk-run %s --entry mm_packed_odd | FileCheck %s
// RUN: pk-run %s --entry mm_packed_odd --target x86-64-v3 | FileCheck %s
// RUN: pk-run %s --entry mm_packed_k1 | FileCheck %s
// RUN: pk-run %s --entry mm_packed_transposed | FileCheck %s
// RUN: pk-run %s --entry mm_packed_k1 --target x86-64-v3 | FileCheck %s
// More rows than one 2048-row work item, K past one 256-deep panel:
// RUN: pk-run %s --entry mm_packed_tall | FileCheck %s
// RUN: pk-run %s --entry mm_packed_tall --target x86-64-v3 | FileCheck %s
// CHECK: PASS

func.func @mm_primes(%a: tensor<7x13xf32>, %b: tensor<13x5xf32>) -> tensor<7x5xf32> {
  %c = pk.matmul %a, %b : tensor<7x13xf32>, tensor<13x5xf32> -> tensor<7x5xf32>
  return %c : tensor<7x5xf32>
}
func.func @mm_ones(%a: tensor<1x1xf32>, %b: tensor<1x1xf32>) -> tensor<1x1xf32> {
  %c = pk.matmul %a, %b : tensor<1x1xf32>, tensor<1x1xf32> -> tensor<1x1xf32>
  return %c : tensor<1x1xf32>
}
func.func @mm_tile_edges(%a: tensor<65x129xf32>, %b: tensor<129x63xf32>) -> tensor<65x63xf32> {
  %c = pk.matmul %a, %b : tensor<65x129xf32>, tensor<129x63xf32> -> tensor<65x63xf32>
  return %c : tensor<65x63xf32>
}
func.func @mm_bf16(%a: tensor<31x17xbf16>, %b: tensor<17x19xbf16>) -> tensor<31x19xf32> {
  %c = pk.matmul %a, %b : tensor<31x17xbf16>, tensor<17x19xbf16> -> tensor<31x19xf32>
  return %c : tensor<31x19xf32>
}
func.func @mm_f16_out(%a: tensor<33x20xf16>, %b: tensor<40x20xf16>) -> tensor<33x40xf16> {
  %c = pk.matmul %a, %b transpose_rhs : tensor<33x20xf16>, tensor<40x20xf16> -> tensor<33x40xf16>
  return %c : tensor<33x40xf16>
}
func.func @bmm_transposed(%a: tensor<3x9x11xf32>, %b: tensor<3x7x9xf32>) -> tensor<3x11x7xf32> {
  %c = pk.matmul %a, %b transpose_lhs transpose_rhs
      : tensor<3x9x11xf32>, tensor<3x7x9xf32> -> tensor<3x11x7xf32>
  return %c : tensor<3x11x7xf32>
}
func.func @softmax_axis0(%x: tensor<17x3x5xf32>) -> tensor<17x3x5xf32> {
  %y = pk.softmax %x axis = 0 : tensor<17x3x5xf32>
  return %y : tensor<17x3x5xf32>
}
func.func @attention_cross(%q: tensor<5x10x16xf32>, %k: tensor<5x23x16xf32>, %v: tensor<5x23x7xf32>) -> tensor<5x10x7xf32> {
  %o = pk.attention %q, %k, %v : tensor<5x10x16xf32>, tensor<5x23x16xf32>, tensor<5x23x7xf32> -> tensor<5x10x7xf32>
  return %o : tensor<5x10x7xf32>
}
func.func @attention_scaled_causal(%q: tensor<2x3x19x8xf32>, %k: tensor<2x3x19x8xf32>, %v: tensor<2x3x19x8xf32>) -> tensor<2x3x19x8xf32> {
  %o = pk.attention %q, %k, %v scale = 0.25 causal
      : tensor<2x3x19x8xf32>, tensor<2x3x19x8xf32>, tensor<2x3x19x8xf32> -> tensor<2x3x19x8xf32>
  return %o : tensor<2x3x19x8xf32>
}
func.func @attention_f16(%q: tensor<12x32xf16>, %k: tensor<12x32xf16>, %v: tensor<12x32xf16>) -> tensor<12x32xf32> {
  %o = pk.attention %q, %k, %v : tensor<12x32xf16>, tensor<12x32xf16>, tensor<12x32xf16> -> tensor<12x32xf32>
  return %o : tensor<12x32xf32>
}

func.func @mm_packed_odd(%a: tensor<67x131xf32>, %b: tensor<131x773xf32>) -> tensor<67x773xf32> {
  %c = pk.matmul %a, %b : tensor<67x131xf32>, tensor<131x773xf32> -> tensor<67x773xf32>
  return %c : tensor<67x773xf32>
}
func.func @mm_packed_k1(%a: tensor<64x1xf32>, %b: tensor<1x768xf32>) -> tensor<64x768xf32> {
  %c = pk.matmul %a, %b : tensor<64x1xf32>, tensor<1x768xf32> -> tensor<64x768xf32>
  return %c : tensor<64x768xf32>
}
func.func @mm_packed_transposed(%a: tensor<130x67xf32>, %b: tensor<800x130xf32>) -> tensor<67x800xf32> {
  %c = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<130x67xf32>, tensor<800x130xf32> -> tensor<67x800xf32>
  return %c : tensor<67x800xf32>
}
func.func @mm_packed_tall(%a: tensor<2053x259xf32>, %b: tensor<259x769xf32>) -> tensor<2053x769xf32> {
  %c = pk.matmul %a, %b : tensor<2053x259xf32>, tensor<259x769xf32> -> tensor<2053x769xf32>
  return %c : tensor<2053x769xf32>
}
