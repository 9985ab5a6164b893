// Box-Cox's pow branch under pk-approximate-math: powf becomes
// exp(lambda1 * log s) with the polynomial exp and log (the CPU pipeline),
// checked against pk-reference-pipeline (libm) and against values worked
// out by hand, over a wide range of s and lambda1.
// RUN: pk-run %s --entry known --print | FileCheck %s --check-prefix=KNOWN
// RUN: pk-run %s --entry wide --rtol 1e-5 --atol 1e-5 | FileCheck %s --check-prefix=WIDE

// Columns: lambda1 = 0.5, 2, -1, 3, 0.25 (lambda2 = 0). Row 0: s = 4, 9,
// 1e4, 10, 16 -> (2-1)/0.5 = 2, (81-1)/2 = 40, (1e-4-1)/-1 = 0.9999,
// (1000-1)/3 = 333, (2-1)/0.25 = 4. Row 1: s = 1e-6 (the guard: x = -5),
// 1, 0.5, 0.1, 81 -> (1e-3-1)/0.5 = -1.998, 0, (2-1)/-1 = -1,
// (1e-3-1)/3 = -0.333, (3-1)/0.25 = 8.
// KNOWN: PASS
// KNOWN: result #0 = {{\[\[}}2, 40, 0.9999, 333, 4], [-1.998, 0, -1, -0.333, 8]]
func.func @known() -> tensor<2x5xf32> {
  %x = arith.constant dense<[[4.0, 9.0, 1.0e4, 10.0, 16.0], [-5.0, 1.0, 0.5, 0.1, 81.0]]> : tensor<2x5xf32>
  %l1 = arith.constant dense<[0.5, 2.0, -1.0, 3.0, 0.25]> : tensor<5xf32>
  %l2 = arith.constant dense<0.0> : tensor<5xf32>
  %y = pk.box_cox %x, %l1, %l2 : tensor<2x5xf32>, tensor<5xf32>
  return %y : tensor<2x5xf32>
}

// Random x in [-1, 1) shifted by lambda2 = 1.001 (s from 1e-3 to 2) and
// by 100 (s near 100), lambda1 from -3 to 3 and the log branch.
// WIDE: PASS
func.func @wide(%x: tensor<1000x8xf32>) -> tensor<1000x8xf32> {
  %l1 = arith.constant dense<[-3.0, -0.5, 0.0, 0.125, 1.0, 3.0, 0.0, -2.0]> : tensor<8xf32>
  %l2 = arith.constant dense<[1.001, 1.001, 1.001, 1.001, 100.0, 100.0, 100.0, 100.0]> : tensor<8xf32>
  %y = pk.box_cox %x, %l1, %l2 : tensor<1000x8xf32>, tensor<8xf32>
  return %y : tensor<1000x8xf32>
}
