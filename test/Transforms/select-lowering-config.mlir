// RUN: pk-opt --pass-pipeline="builtin.module(pk-set-target{target=x86-64-v4},func.func(pk-select-lowering-config))" %s | FileCheck %s --check-prefix=V4
// RUN: pk-opt --pass-pipeline="builtin.module(pk-set-target{target=x86-64-v3},func.func(pk-select-lowering-config))" %s | FileCheck %s --check-prefix=V3

#id2 = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
#col = affine_map<(i, j) -> (i)>
#t2 = affine_map<(i, j) -> (j, i)>

// Elementwise with a broadcast row, 1027 x 515 f32: one register along
// the contiguous j, one row at a time; 64 work items of 17 rows on the
// target's 16 cores.
// V4-LABEL: func.func @broadcast_add
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [17, 0], vector_sizes = [1, 16]>
// V3-LABEL: func.func @broadcast_add
// V3:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [17, 0], vector_sizes = [1, 8]>
func.func @broadcast_add(%a: tensor<1027x515xf32>, %b: tensor<515xf32>) -> tensor<1027x515xf32> {
  %e = tensor.empty() : tensor<1027x515xf32>
  %r = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<1027x515xf32>, tensor<515xf32>) outs(%e : tensor<1027x515xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<1027x515xf32>
  return %r : tensor<1027x515xf32>
}

// Small and odd: no work items under 16384 iterations, vectors no longer
// than the loops (a size-1 dim stays 1), f64 has half the lanes.
// V4-LABEL: func.func @small_f64
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0, 0], vector_sizes = [1, 1, 8]>
// V3-LABEL: func.func @small_f64
// V3:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0, 0], vector_sizes = [1, 1, 4]>
func.func @small_f64(%a: tensor<1x3x13xf64>) -> tensor<1x3x13xf64> {
  %e = tensor.empty() : tensor<1x3x13xf64>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (i, j, k)>], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a : tensor<1x3x13xf64>) outs(%e : tensor<1x3x13xf64>) {
  ^bb0(%x: f64, %o: f64):
    %s = math.exp %x : f64
    linalg.yield %s : f64
  } -> tensor<1x3x13xf64>
  return %r : tensor<1x3x13xf64>
}

// A transpose: tiles that divide both loops (a prime loop gets 1).
// V4-LABEL: func.func @transpose
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [8, 16]>
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [8, 1]>
func.func @transpose(%a: tensor<64x96xf32>, %b: tensor<131x64xf32>) -> (tensor<96x64xf32>, tensor<64x131xf32>) {
  %e = tensor.empty() : tensor<96x64xf32>
  %t = linalg.transpose ins(%a : tensor<64x96xf32>) outs(%e : tensor<96x64xf32>) permutation = [1, 0]
  %e2 = tensor.empty() : tensor<64x131xf32>
  %t2 = linalg.transpose ins(%b : tensor<131x64xf32>) outs(%e2 : tensor<64x131xf32>) permutation = [1, 0]
  return %t, %t2 : tensor<96x64xf32>, tensor<64x131xf32>
}

// Matrix-vector products in both orientations: y = A x reduces along the
// contiguous loop (4 rows, a vector along k); z = A^T x is contiguous along
// the parallel loop (vectors of z, one row of A at a time). Work items of
// 2000/64 and 1500/64 rows, rounded up to whole register tiles.
// V4-LABEL: func.func @matvec
// V4:         pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [32, 0], vector_sizes = [4, 32]>
// V4:         pk.lowering_config = #pk.lowering_config<kind = outer_reduction, thread_tiles = [32, 0], vector_sizes = [32, 1]>
func.func @matvec(%a: tensor<2000x1500xf32>, %x: tensor<1500xf32>, %y: tensor<2000xf32>, %w: tensor<2000xf32>, %z: tensor<1500xf32>) -> (tensor<2000xf32>, tensor<1500xf32>) {
  %ax = linalg.generic {indexing_maps = [#id2, #row, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : tensor<2000x1500xf32>, tensor<1500xf32>) outs(%y : tensor<2000xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2000xf32>
  %atw = linalg.generic {indexing_maps = [#t2, #row, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a, %w : tensor<2000x1500xf32>, tensor<2000xf32>) outs(%z : tensor<1500xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1500xf32>
  return %ax, %atw : tensor<2000xf32>, tensor<1500xf32>
}

// Dynamic sizes get work items of 16 register tiles (rows) and masked
// vectors.
// V4-LABEL: func.func @dynamic
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [16, 0], vector_sizes = [1, 16]>
func.func @dynamic(%a: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<?x?xf32>) outs(%a : tensor<?x?xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// Left alone: a hand-set config (kept as written), an op a schedule
// tagged, a named GEMM, an op inside a loop and complex numbers.
// V4-LABEL: func.func @kept
// V4:         pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [1, 8]>
// V4-NOT:     pk.lowering_config
// V4:         return
func.func @kept(%a: tensor<64x64xf32>, %c: tensor<64x64xcomplex<f32>>) -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xcomplex<f32>>) {
  %e = tensor.empty() : tensor<64x64xf32>
  %hand = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [1, 8]>} {
  ^bb0(%x: f32, %o: f32):
    %s = arith.negf %x : f32
    linalg.yield %s : f32
  } -> tensor<64x64xf32>
  %tagged = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) attrs = {pk.embedding_row} {
  ^bb0(%x: f32, %o: f32):
    %s = arith.negf %x : f32
    linalg.yield %s : f32
  } -> tensor<64x64xf32>
  %mm = linalg.matmul ins(%a, %a : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %loop = scf.for %i = %c0 to %c1 step %c1 iter_args(%t = %e) -> tensor<64x64xf32> {
    %n = linalg.copy ins(%a : tensor<64x64xf32>) outs(%t : tensor<64x64xf32>) -> tensor<64x64xf32>
    scf.yield %n : tensor<64x64xf32>
  }
  %ce = tensor.empty() : tensor<64x64xcomplex<f32>>
  %cc = linalg.copy ins(%c : tensor<64x64xcomplex<f32>>) outs(%ce : tensor<64x64xcomplex<f32>>) -> tensor<64x64xcomplex<f32>>
  return %hand, %tagged, %mm, %loop, %cc : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xcomplex<f32>>
}
