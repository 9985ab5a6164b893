// The fused attention on inputs whose results are known by hand.
// RUN: pk-run %s --entry weighted --print | FileCheck %s --check-prefix=W
// RUN: pk-run %s --entry weighted_causal --print | FileCheck %s --check-prefix=C
// RUN: pk-run %s --entry fully_masked --print --no-check | FileCheck %s --check-prefix=MASKED
// RUN: pk-opt --pk-fuse-attention %s | FileCheck %s --check-prefix=FUSED
// FUSED-LABEL: func.func @weighted
// FUSED:         scf.forall
// FUSED-LABEL: func.func @weighted_causal
// FUSED:         scf.forall
// FUSED-LABEL: func.func @fully_masked
// FUSED:         scf.forall

// Scale 1. Query 0 = [1, 0] scores keys K = [[0, 0], [ln 2, 0], [ln 3, 0]]
// as [0, ln 2, ln 3]: weights 1:2:3, so with V = [[6, 0], [0, 6], [0, 0]]
// its output is [1, 2]. Query 1 = [0, 1] scores every key 0: the mean of
// V's rows, [2, 2].
// W: PASS
// W: result #0 = {{\[\[}}1{{(\.0+[0-9]*)?|0\.9999[0-9]*}}, 2{{(\.0+[0-9]*)?|1\.9999[0-9]*}}], [2{{(\.0+[0-9]*)?|1\.9999[0-9]*}}, 2{{(\.0+[0-9]*)?|1\.9999[0-9]*}}]]
func.func @weighted() -> tensor<2x2xf32> {
  %q = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %k = arith.constant dense<[[0.0, 0.0], [0.6931471805599453, 0.0], [1.0986122886681098, 0.0]]> : tensor<3x2xf32>
  %v = arith.constant dense<[[6.0, 0.0], [0.0, 6.0], [0.0, 0.0]]> : tensor<3x2xf32>
  %o = pk.attention %q, %k, %v scale = 1.0 : tensor<2x2xf32>, tensor<3x2xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  return %o : tensor<2x2xf32>
}

// Causal: query 0 sees key 0 only (V[0] = [6, 0]); query 1 sees keys 0
// and 1 with scores 0 and 0: [3, 3].
// C: PASS
// C: result #0 = {{\[\[}}6{{(\.0+[0-9]*)?|5\.9999[0-9]*}}, 0], [3{{(\.0+[0-9]*)?|2\.9999[0-9]*}}, 3{{(\.0+[0-9]*)?|2\.9999[0-9]*}}]]
func.func @weighted_causal() -> tensor<2x2xf32> {
  %q = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %k = arith.constant dense<[[0.0, 0.0], [0.6931471805599453, 0.0], [1.0986122886681098, 0.0]]> : tensor<3x2xf32>
  %v = arith.constant dense<[[6.0, 0.0], [0.0, 6.0], [0.0, 0.0]]> : tensor<3x2xf32>
  %o = pk.attention %q, %k, %v scale = 1.0 causal : tensor<2x2xf32>, tensor<3x2xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  return %o : tensor<2x2xf32>
}

// An additive -inf mask: row 0 hides key 2 (weights 1:2 over V[0], V[1]:
// [2, 4]); row 1 hides every key and is zero, where the unfused form
// computes exp(-inf - (-inf)) = NaN (hence --no-check).
// MASKED: result #0 = {{\[\[}}2{{(\.0+[0-9]*)?|1\.9999[0-9]*}}, 4{{(\.0+[0-9]*)?|3\.9999[0-9]*}}], [0, 0]]
#qk = affine_map<(i, j, d) -> (i, d)>
#kk = affine_map<(i, j, d) -> (j, d)>
#ss = affine_map<(i, j, d) -> (i, j)>
#id2 = affine_map<(i, j) -> (i, j)>
func.func @fully_masked() -> tensor<2x2xf32> {
  %q = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %k = arith.constant dense<[[0.0, 0.0], [0.6931471805599453, 0.0], [1.0986122886681098, 0.0]]> : tensor<3x2xf32>
  %v = arith.constant dense<[[6.0, 0.0], [0.0, 6.0], [0.0, 0.0]]> : tensor<3x2xf32>
  %mask = arith.constant dense<[[0.0, 0.0, 0xFF800000], [0xFF800000, 0xFF800000, 0xFF800000]]> : tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %s = linalg.matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x2xf32>, tensor<3x2xf32>) outs(%z : tensor<2x3xf32>) -> tensor<2x3xf32>
  %x = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%s, %mask : tensor<2x3xf32>, tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.addf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x3xf32>
  %p = linalg.softmax dimension(1) ins(%x : tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %oe = tensor.empty() : tensor<2x2xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x2xf32>) -> tensor<2x2xf32>
  %o = linalg.matmul ins(%p, %v : tensor<2x3xf32>, tensor<3x2xf32>) outs(%oz : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %o : tensor<2x2xf32>
}
