// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-normalize-contractions))" --split-input-file %s | FileCheck %s

// C += alpha * A^T B^T: both operands are transposed into [m][k] and
// [k][n], the GEMM accumulates into a zero-filled temporary, and the
// epilogue adds alpha times the product to C.
#at = affine_map<(i, j, k) -> (k, i)>
#bt = affine_map<(i, j, k) -> (j, k)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-DAG:   #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @scaled_transposed
// CHECK-SAME:    (%[[A:.+]]: tensor<13x7xf32>, %[[B:.+]]: tensor<5x13xf32>, %[[C:.+]]: tensor<7x5xf32>)
// CHECK:         %[[ALPHA:.+]] = arith.constant 1.5
// CHECK:         %[[AT:.+]] = linalg.transpose ins(%[[A]] : tensor<13x7xf32>) outs(%{{.+}} : tensor<7x13xf32>) permutation = [1, 0]
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[B]] : tensor<5x13xf32>) outs(%{{.+}} : tensor<13x5xf32>) permutation = [1, 0]
// CHECK:         %[[ZERO:.+]] = linalg.fill
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[AT]], %[[BT]] : tensor<7x13xf32>, tensor<13x5xf32>) outs(%[[ZERO]] : tensor<7x5xf32>)
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[MM]] : tensor<7x5xf32>) outs(%[[C]] : tensor<7x5xf32>)
// CHECK:           %[[S:.+]] = arith.mulf %{{.+}}, %[[ALPHA]]
// CHECK:           arith.addf %{{.+}}, %[[S]]
// CHECK:         return %[[R]]
func.func @scaled_transposed(%a: tensor<13x7xf32>, %b: tensor<5x13xf32>, %c: tensor<7x5xf32>) -> tensor<7x5xf32> {
  %alpha = arith.constant 1.5 : f32
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

// -----

// A plain contraction whose operands and output are already in GEMM
// order accumulates into the output itself.
#a = affine_map<(i, j, k) -> (i, k)>
#b = affine_map<(i, j, k) -> (k, j)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @in_place
// CHECK-SAME:    (%[[A:.+]]: tensor<7x13xf32>, %[[B:.+]]: tensor<13x5xf32>, %[[C:.+]]: tensor<7x5xf32>)
// CHECK-NEXT:    %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<7x13xf32>, tensor<13x5xf32>) outs(%[[C]] : tensor<7x5xf32>)
// CHECK-NEXT:    return %[[MM]]
func.func @in_place(%a: tensor<7x13xf32>, %b: tensor<13x5xf32>, %c: tensor<7x5xf32>) -> tensor<7x5xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13xf32>, tensor<13x5xf32>) outs(%c : tensor<7x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %q = arith.mulf %x, %y : f32
    %s = arith.addf %q, %acc : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  return %r : tensor<7x5xf32>
}

// -----

// Batch dim last and an output in [m][n][batch] order: operands are
// transposed batch-first, a batch_matmul computes [batch][m][n], and the
// epilogue adds it back in the output's order.
#a = affine_map<(m, n, b, k) -> (m, k, b)>
#b = affine_map<(m, n, b, k) -> (k, n, b)>
#c = affine_map<(m, n, b, k) -> (m, n, b)>
// CHECK-DAG:   #[[BMN:.+]] = affine_map<(d0, d1, d2) -> (d2, d0, d1)>
// CHECK-LABEL: func.func @batch_last
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<7x13x3xf32>) outs(%{{.+}} : tensor<3x7x13xf32>) permutation = [2, 0, 1]
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<13x5x3xf32>) outs(%{{.+}} : tensor<3x13x5xf32>) permutation = [2, 0, 1]
// CHECK:         %[[BMM:.+]] = linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<3x7x13xf32>, tensor<3x13x5xf32>) outs(%{{.+}} : tensor<3x7x5xf32>)
// CHECK:         linalg.generic {indexing_maps = [#[[BMN]], #{{.+}}], {{.*}}} ins(%[[BMM]] : tensor<3x7x5xf32>) outs(%{{.+}} : tensor<7x5x3xf32>)
func.func @batch_last(%a: tensor<7x13x3xf32>, %b: tensor<13x5x3xf32>, %c: tensor<7x5x3xf32>) -> tensor<7x5x3xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13x3xf32>, tensor<13x5x3xf32>) outs(%c : tensor<7x5x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %q = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<7x5x3xf32>
  return %r : tensor<7x5x3xf32>
}

// -----

// Two reduction loops and two n loops (doitgen-like with a third factor
// c[k2] and a per-row scale d[i]): c joins the side founded first (B,
// whose operand has more parallel loops) in a prologue, k1 x k2 and
// n1 x n2 are collapsed, the product is expanded back and the epilogue
// scales it by d.
#a = affine_map<(i, n1, n2, k1, k2) -> (i, k1, k2)>
#b = affine_map<(i, n1, n2, k1, k2) -> (k1, k2, n1, n2)>
#cv = affine_map<(i, n1, n2, k1, k2) -> (k2)>
#d = affine_map<(i, n1, n2, k1, k2) -> (i)>
#o = affine_map<(i, n1, n2, k1, k2) -> (i, n1, n2)>
// CHECK-DAG:   #[[K2:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG:   #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[I:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @collapsed
// CHECK-SAME:    (%[[A:.+]]: tensor<6x4x3xf32>, %[[B:.+]]: tensor<4x3x5x2xf32>, %[[CV:.+]]: tensor<3xf32>, %[[D:.+]]: tensor<6xf32>, %[[O:.+]]: tensor<6x5x2xf32>)
// CHECK:         %[[A2:.+]] = tensor.collapse_shape %[[A]] {{\[}}[0], [1, 2]] : tensor<6x4x3xf32> into tensor<6x12xf32>
// CHECK:         %[[BC:.+]] = linalg.generic {indexing_maps = [#[[K2]], #[[ID4]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[CV]], %[[B]] : tensor<3xf32>, tensor<4x3x5x2xf32>)
// CHECK:           arith.mulf
// CHECK:         %[[B2:.+]] = tensor.collapse_shape %[[BC]] {{\[}}[0, 1], [2, 3]] : tensor<4x3x5x2xf32> into tensor<12x10xf32>
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[A2]], %[[B2]] : tensor<6x12xf32>, tensor<12x10xf32>) outs(%{{.+}} : tensor<6x10xf32>)
// CHECK:         %[[E:.+]] = tensor.expand_shape %[[MM]] {{\[}}[0], [1, 2]] output_shape [6, 5, 2] : tensor<6x10xf32> into tensor<6x5x2xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID3]], #[[I]], #[[ID3]]], {{.*}}} ins(%[[E]], %[[D]] : tensor<6x5x2xf32>, tensor<6xf32>) outs(%[[O]] : tensor<6x5x2xf32>)
func.func @collapsed(%a: tensor<6x4x3xf32>, %b: tensor<4x3x5x2xf32>, %cv: tensor<3xf32>, %d: tensor<6xf32>, %o: tensor<6x5x2xf32>) -> tensor<6x5x2xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #cv, #d, #o], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %b, %cv, %d : tensor<6x4x3xf32>, tensor<4x3x5x2xf32>, tensor<3xf32>, tensor<6xf32>) outs(%o : tensor<6x5x2xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %w: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %q = arith.mulf %p, %z : f32
    %t = arith.mulf %w, %q : f32
    %s = arith.addf %acc, %t : f32
    linalg.yield %s : f32
  } -> tensor<6x5x2xf32>
  return %r : tensor<6x5x2xf32>
}

// -----

// A sum of products (syr2k: acc + alpha a_jk b_ik + alpha b_jk a_ik): one
// GEMM per product, the second accumulating into the first's result.
#ik = affine_map<(i, j, k) -> (i, k)>
#jk = affine_map<(i, j, k) -> (j, k)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @sum_of_products
// CHECK-SAME:    (%[[A:.+]]: tensor<7x13xf32>, %[[B:.+]]: tensor<7x13xf32>, %[[C:.+]]: tensor<7x7xf32>)
// CHECK:         %[[BT:.+]] = linalg.transpose ins(%[[A]] : tensor<7x13xf32>)
// CHECK:         %[[MM1:.+]] = linalg.matmul ins(%[[B]], %[[BT]] : tensor<7x13xf32>, tensor<13x7xf32>)
// CHECK:         %[[E1:.+]] = linalg.generic {{.*}} ins(%[[MM1]] : tensor<7x7xf32>) outs(%[[C]] : tensor<7x7xf32>)
// CHECK:         %[[AT:.+]] = linalg.transpose ins(%[[B]] : tensor<7x13xf32>)
// CHECK:         %[[MM2:.+]] = linalg.matmul ins(%[[A]], %[[AT]] : tensor<7x13xf32>, tensor<13x7xf32>)
// CHECK:         %[[E2:.+]] = linalg.generic {{.*}} ins(%[[MM2]] : tensor<7x7xf32>) outs(%[[E1]] : tensor<7x7xf32>)
// CHECK:         return %[[E2]]
func.func @sum_of_products(%a: tensor<7x13xf32>, %b: tensor<7x13xf32>, %c: tensor<7x7xf32>) -> tensor<7x7xf32> {
  %alpha = arith.constant 1.5 : f32
  %r = linalg.generic {indexing_maps = [#ik, #ik, #jk, #jk, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b, %a, %b : tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>, tensor<7x13xf32>) outs(%c : tensor<7x7xf32>) {
  ^bb0(%ai: f32, %bi: f32, %aj: f32, %bj: f32, %acc: f32):
    %0 = arith.mulf %aj, %alpha : f32
    %1 = arith.mulf %0, %bi : f32
    %2 = arith.mulf %bj, %alpha : f32
    %3 = arith.mulf %2, %ai : f32
    %4 = arith.addf %1, %3 : f32
    %5 = arith.addf %acc, %4 : f32
    linalg.yield %5 : f32
  } -> tensor<7x7xf32>
  return %r : tensor<7x7xf32>
}

// -----

// Dynamic sizes: the temporaries take their sizes from the operands.
#at = affine_map<(i, j, k) -> (k, i)>
#b = affine_map<(i, j, k) -> (k, j)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @dynamic
// CHECK:         tensor.dim
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<?x?xf32>) outs(%{{.+}} : tensor<?x?xf32>) permutation = [1, 0]
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<?x?xf32>, tensor<?x?xf32>) outs(%{{.+}} : tensor<?x?xf32>)
func.func @dynamic(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#at, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%c : tensor<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %q = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// Integer contractions become integer GEMMs.
#a = affine_map<(i, j, k) -> (i, k)>
#bt = affine_map<(i, j, k) -> (j, k)>
#c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @integer
// CHECK:         linalg.transpose
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<7x13xi32>, tensor<13x5xi32>)
func.func @integer(%a: tensor<7x13xi32>, %b: tensor<5x13xi32>, %c: tensor<7x5xi32>) -> tensor<7x5xi32> {
  %r = linalg.generic {indexing_maps = [#a, #bt, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13xi32>, tensor<5x13xi32>) outs(%c : tensor<7x5xi32>) {
  ^bb0(%x: i32, %y: i32, %acc: i32):
    %q = arith.muli %x, %y : i32
    %s = arith.addi %acc, %q : i32
    linalg.yield %s : i32
  } -> tensor<7x5xi32>
  return %r : tensor<7x5xi32>
}

// -----

// Left as they are: a matrix-vector product (no n loop), a row reduction
// (one side), a body reading loop indices, a max-plus "contraction", and an
// op a schedule has tagged.
#a = affine_map<(i, k) -> (i, k)>
#x = affine_map<(i, k) -> (k)>
#y = affine_map<(i, k) -> (i)>
#m3a = affine_map<(i, j, k) -> (i, k)>
#m3b = affine_map<(i, j, k) -> (k, j)>
#m3c = affine_map<(i, j, k) -> (i, j)>
// CHECK-LABEL: func.func @untouched
// CHECK-NOT:     linalg.matmul
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT:     linalg.matmul
func.func @untouched(%a: tensor<7x13xf32>, %x: tensor<13xf32>, %y: tensor<7xf32>, %b: tensor<13x5xf32>, %c: tensor<7x5xf32>)
    -> (tensor<7xf32>, tensor<7xf32>, tensor<7x5xf32>, tensor<7x5xf32>, tensor<7x5xf32>) {
  %mv = linalg.generic {indexing_maps = [#a, #x, #y], iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : tensor<7x13xf32>, tensor<13xf32>) outs(%y : tensor<7xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<7xf32>
  %sum = linalg.generic {indexing_maps = [#a, #y], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<7x13xf32>) outs(%y : tensor<7xf32>) {
  ^bb0(%p: f32, %acc: f32):
    %m = arith.mulf %p, %p : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<7xf32>
  %idx = linalg.generic {indexing_maps = [#m3a, #m3b, #m3c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13xf32>, tensor<13x5xf32>) outs(%c : tensor<7x5xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %k = linalg.index 2 : index
    %ki = arith.index_cast %k : index to i32
    %kf = arith.sitofp %ki : i32 to f32
    %m = arith.mulf %p, %q : f32
    %m2 = arith.mulf %m, %kf : f32
    %s = arith.addf %acc, %m2 : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  %maxplus = linalg.generic {indexing_maps = [#m3a, #m3b, #m3c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13xf32>, tensor<13x5xf32>) outs(%c : tensor<7x5xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.addf %p, %q : f32
    %s = arith.maximumf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  %tagged = linalg.generic {indexing_maps = [#m3a, #m3b, #m3c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<7x13xf32>, tensor<13x5xf32>) outs(%c : tensor<7x5xf32>) attrs = {pk.attention_tile} {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  return %mv, %sum, %idx, %maxplus, %tagged : tensor<7xf32>, tensor<7xf32>, tensor<7x5xf32>, tensor<7x5xf32>, tensor<7x5xf32>
}
