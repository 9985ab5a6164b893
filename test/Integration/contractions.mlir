// Contractions in generic form (pk-normalize-contractions makes them GEMMs)
// against pk-reference-pipeline, which computes them as plain loops: odd
// and prime sizes, transposed operands, scaled bodies, batch dims last,
// several reduction dims, and packed sizes (M >= 64, N >= 768) with both
// built-in recipes.
// RUN: pk-run %s --entry scaled_transposed | FileCheck %s
// RUN: pk-run %s --entry batch_last | FileCheck %s
// RUN: pk-run %s --entry collapsed | FileCheck %s
// RUN: pk-run %s --entry sum_of_products | FileCheck %s
// RUN: pk-run %s --entry packed_transposed_accumulate | FileCheck %s
// RUN: pk-run %s --entry packed_transposed_accumulate --target x86-64-v3 | FileCheck %s
// RUN: pk-run %s --entry packed_named_accumulate | FileCheck %s
// RUN: pk-run %s --entry packed_named_accumulate --target x86-64-v3 | FileCheck %s
// CHECK: PASS

#at = affine_map<(i, j, k) -> (k, i)>
#bt = affine_map<(i, j, k) -> (j, k)>
#b = affine_map<(i, j, k) -> (k, j)>
#c = affine_map<(i, j, k) -> (i, j)>

func.func @scaled_transposed(%a: tensor<13x7xf32>, %b: tensor<5x13xf32>, %c: tensor<7x5xf32>) -> tensor<7x5xf32> {
  %alpha = arith.constant -1.5 : f32
  %r = linalg.generic {indexing_maps = [#at, #bt, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<13x7xf32>, tensor<5x13xf32>) outs(%c : tensor<7x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %alpha, %x : f32
    %q = arith.mulf %p, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  return %r : tensor<7x5xf32>
}

#ba = affine_map<(m, n, b, k) -> (m, k, b)>
#bb = affine_map<(m, n, b, k) -> (k, n, b)>
#bc = affine_map<(m, n, b, k) -> (m, n, b)>
func.func @batch_last(%a: tensor<67x33x5xf32>, %b: tensor<33x131x5xf32>, %c: tensor<67x131x5xf32>) -> tensor<67x131x5xf32> {
  %r = linalg.generic {indexing_maps = [#ba, #bb, #bc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<67x33x5xf32>, tensor<33x131x5xf32>) outs(%c : tensor<67x131x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %q = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<67x131x5xf32>
  return %r : tensor<67x131x5xf32>
}

#ca = affine_map<(i, n1, n2, k1, k2) -> (i, k1, k2)>
#cb = affine_map<(i, n1, n2, k1, k2) -> (k1, k2, n1, n2)>
#cv = affine_map<(i, n1, n2, k1, k2) -> (k2)>
#cd = affine_map<(i, n1, n2, k1, k2) -> (i)>
#co = affine_map<(i, n1, n2, k1, k2) -> (i, n1, n2)>
func.func @collapsed(%a: tensor<11x4x3xf32>, %b: tensor<4x3x7x2xf32>, %cv: tensor<3xf32>, %d: tensor<11xf32>, %o: tensor<11x7x2xf32>) -> tensor<11x7x2xf32> {
  %r = linalg.generic {indexing_maps = [#ca, #cb, #cv, #cd, #co], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %b, %cv, %d : tensor<11x4x3xf32>, tensor<4x3x7x2xf32>, tensor<3xf32>, tensor<11xf32>) outs(%o : tensor<11x7x2xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %w: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %q = arith.mulf %p, %z : f32
    %t = arith.mulf %w, %q : f32
    %s = arith.addf %acc, %t : f32
    linalg.yield %s : f32
  } -> tensor<11x7x2xf32>
  return %r : tensor<11x7x2xf32>
}

#ik = affine_map<(i, j, k) -> (i, k)>
#jk = affine_map<(i, j, k) -> (j, k)>
func.func @sum_of_products(%a: tensor<71x37xf32>, %b: tensor<71x37xf32>, %c: tensor<71x71xf32>) -> tensor<71x71xf32> {
  %alpha = arith.constant -0.5 : f32
  %r = linalg.generic {indexing_maps = [#ik, #ik, #jk, #jk, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b, %a, %b : tensor<71x37xf32>, tensor<71x37xf32>, tensor<71x37xf32>, tensor<71x37xf32>) outs(%c : tensor<71x71xf32>) {
  ^bb0(%ai: f32, %bi: f32, %aj: f32, %bj: f32, %acc: f32):
    %0 = arith.mulf %aj, %alpha : f32
    %1 = arith.mulf %0, %bi : f32
    %2 = arith.mulf %bj, %alpha : f32
    %3 = arith.mulf %2, %ai : f32
    %4 = arith.addf %1, %3 : f32
    %5 = arith.addf %acc, %4 : f32
    linalg.yield %5 : f32
  } -> tensor<71x71xf32>
  return %r : tensor<71x71xf32>
}

func.func @packed_transposed_accumulate(%a: tensor<67x77xf32>, %b: tensor<771x67xf32>, %c: tensor<77x771xf32>) -> tensor<77x771xf32> {
  %r = linalg.generic {indexing_maps = [#at, #bt, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<67x77xf32>, tensor<771x67xf32>) outs(%c : tensor<77x771xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %q = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<77x771xf32>
  return %r : tensor<77x771xf32>
}

// C += A B with C an argument: the packed schedule packs C tile by tile.
func.func @packed_named_accumulate(%a: tensor<77x67xf32>, %b: tensor<67x771xf32>, %c: tensor<77x771xf32>) -> tensor<77x771xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<77x67xf32>, tensor<67x771xf32>) outs(%c : tensor<77x771xf32>) -> tensor<77x771xf32>
  return %r : tensor<77x771xf32>
}
