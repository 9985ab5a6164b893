// RUN: pk-opt --pk-fuse-attention %s | FileCheck %s
// RUN: pk-opt --pk-fuse-attention="block-size=8" %s | FileCheck %s --check-prefix=B8
// No op creates an N×N (16×24) tensor any more, in any function (the
// additive mask is an argument: an input, not a temporary).
// RUN: pk-opt --pk-fuse-attention %s | FileCheck %s --check-prefix=NONXN
// NONXN-NOT: tensor.empty() : tensor<{{([0-9]+x)?}}16x24xf32>
// NONXN-NOT: -> tensor<{{([0-9]+x)?}}16x24xf32>
// NONXN-NOT: linalg.softmax
// NONXN-NOT: math.exp {{.*}}: f32

// pk.attention: per (batch, block of query rows) one scf.forall iteration;
// per key/value tile an scf.for step, and at most one masked remainder
// tile (here: all 24 keys < 64) in an scf.if; Qᵀ is scaled once by
// scale·log2(e) = 8^-1/2·1.4427.
// CHECK-LABEL: func.func @pk_causal
// CHECK-DAG:     %[[C:.+]] = arith.constant 0.510069728 : f32
// CHECK-DAG:     %[[LOWEST:.+]] = arith.constant -3.40282347E+38 : f32
// CHECK:         scf.forall (%[[B:.+]], %[[QB:.+]]) in (2, 1)
// CHECK:           linalg.generic
// CHECK:             arith.mulf %{{.*}}, %[[C]] : f32
// CHECK:           %[[M0:.+]] = linalg.fill ins(%[[LOWEST]] : f32) outs(%{{.*}} : tensor<64xf32>)
// CHECK:           scf.for
// CHECK:             linalg.fill {pk.attention_vector}
// CHECK:             linalg.matmul {pk.attention_tile} ins(%{{.*}}, %{{.*}} : tensor<64x8xf32>, tensor<8x64xf32>) outs(%{{.*}} : tensor<64x64xf32>)
// CHECK:             linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]{{.*}}pk.attention_tile
// CHECK:               arith.maxnumf
// CHECK:             linalg.generic {{.*}}pk.attention_vector
// CHECK:             linalg.generic {{.*}}pk.attention_tile
// CHECK:               arith.bitcast
// CHECK:             linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]{{.*}}pk.attention_tile
// CHECK:               arith.addf
// CHECK:             linalg.matmul indexing_maps = {{.*}} {pk.attention_tile} ins(%{{.*}} : tensor<64x64xf32>, tensor<64x4xf32>) outs(%{{.*}} : tensor<64x4xf32>)
// CHECK:           scf.if
// CHECK:             linalg.generic
// CHECK:               linalg.index 0
// CHECK:               arith.cmpi uge
// CHECK:               linalg.index 1
// CHECK:               arith.cmpi ugt
// CHECK:               arith.select
// CHECK:           linalg.generic
// CHECK:             arith.cmpf oeq
// CHECK:             arith.divf
// CHECK:             arith.select
// CHECK:           scf.forall.in_parallel
// CHECK:             tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%[[B]], %{{.*}}, 0] [1, %{{.*}}, 4] [1, 1, 1] : tensor<?x4xf32> into tensor<2x16x4xf32>
// Causal: full tiles end at the block's first query; the masked tile ends
// at its last query (block 8: 2 query blocks, keys beyond 16 never read).
// B8-LABEL: func.func @pk_causal
// B8:         scf.forall (%{{.*}}, %[[QB:.+]]) in (2, 2)
// B8:           affine.apply #{{.+}}()[%[[QB]]]
// B8:           %[[ROWS:.+]] = affine.min #{{.+}}()[%[[QB]]]
// B8:           %[[FULL:.+]] = affine.min #{{.+}}()[%[[QB]]]
// B8:           %[[END:.+]] = affine.min #{{.+}}()[%[[ROWS]], %[[QB]]]
// B8:           scf.for %{{.*}} = %{{.*}} to %[[FULL]] step %{{.*}}
// B8:           arith.cmpi slt, %[[FULL]], %[[END]]
func.func @pk_causal(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>) -> tensor<2x16x4xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<2x16x8xf32>, tensor<2x24x8xf32>, tensor<2x24x4xf32> -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}

// Two batch dimensions, f16 in and out: f32 inside, converted at the ends.
// CHECK-LABEL: func.func @pk_f16
// CHECK:         scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (1, 2, 1)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           linalg.matmul {pk.attention_tile} ins(%{{.*}}, %{{.*}} : tensor<64x8xf16>, tensor<8x64xf32>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:           tensor.parallel_insert_slice {{.*}} : tensor<?x4xf16> into tensor<1x2x16x4xf16>
func.func @pk_f16(%q: tensor<1x2x16x8xf16>, %k: tensor<1x2x24x8xf16>, %v: tensor<1x2x24x4xf16>) -> tensor<1x2x16x4xf16> {
  %o = pk.attention %q, %k, %v scale = 0.5 : tensor<1x2x16x8xf16>, tensor<1x2x24x8xf16>, tensor<1x2x24x4xf16> -> tensor<1x2x16x4xf16>
  return %o : tensor<1x2x16x4xf16>
}

// The linalg form: Q·Kᵀ as linalg.batch_matmul with a transposing map, the
// scale after it, linalg.softmax, ·V. Scale 0.25·log2(e).
// CHECK-LABEL: func.func @linalg_softmax
// CHECK:         arith.constant 0.360673755 : f32
// CHECK:         scf.forall ({{.*}}) in (2, 1)
// CHECK:           linalg.matmul {pk.attention_tile} ins(%{{.*}}, %{{.*}} : tensor<64x8xf32>, tensor<8x64xf32>)
// CHECK-NOT:       arith.cmpi ugt
// CHECK:           scf.forall.in_parallel

#qk_t = affine_map<(b, i, j, d) -> (b, i, d)>
#k_t = affine_map<(b, i, j, d) -> (b, j, d)>
#s_t = affine_map<(b, i, j, d) -> (b, i, j)>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
#row3 = affine_map<(b, i, j) -> (b, i)>

func.func @linalg_softmax(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>) -> tensor<2x16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %scale = arith.constant 0.25 : f32
  %e = tensor.empty() : tensor<2x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk_t, #k_t, #s_t]
      ins(%q, %k : tensor<2x16x8xf32>, tensor<2x24x8xf32>) outs(%z : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %x = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %scale : f32
    linalg.yield %m : f32
  } -> tensor<2x16x24xf32>
  %p = linalg.softmax dimension(2) ins(%x : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %oe = tensor.empty() : tensor<2x16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x16x24xf32>, tensor<2x24x4xf32>) outs(%oz : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}

// K pre-transposed, the scale applied to Q before the first matmul (a
// division by 2), softmax as generics with exp and the max subtraction in
// separate ops (the max starting at -inf).
// CHECK-LABEL: func.func @generic_softmax
// CHECK:         arith.constant 0.72134751 : f32
// CHECK:         scf.forall ({{.*}}) in (2, 1)
// CHECK:           tensor.extract_slice %{{.*}}[%{{.*}}, 0, %{{.*}}] [1, 8, 64] [1, 1, 1] : tensor<2x8x24xf32> to tensor<8x64xf32>
// CHECK:           linalg.matmul indexing_maps = [#[[KT:.+]], #{{.+}}, #{{.+}}] {pk.attention_tile} ins(%{{.*}}, %{{.*}} : tensor<8x64xf32>, tensor<8x64xf32>)
func.func @generic_softmax(%q: tensor<2x16x8xf32>, %kt: tensor<2x8x24xf32>, %v: tensor<2x24x4xf32>) -> tensor<2x16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c = arith.constant 2.0 : f32
  %qe = tensor.empty() : tensor<2x16x8xf32>
  %qs = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%q : tensor<2x16x8xf32>) outs(%qe : tensor<2x16x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.divf %a, %c : f32
    linalg.yield %m : f32
  } -> tensor<2x16x8xf32>
  %e = tensor.empty() : tensor<2x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %s = linalg.batch_matmul ins(%qs, %kt : tensor<2x16x8xf32>, tensor<2x8x24xf32>) outs(%z : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %re = tensor.empty() : tensor<2x16xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<2x16xf32>) -> tensor<2x16xf32>
  %max = linalg.generic {indexing_maps = [#id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%s : tensor<2x16x24xf32>) outs(%mi : tensor<2x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  } -> tensor<2x16xf32>
  %d = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s, %max : tensor<2x16x24xf32>, tensor<2x16xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<2x16x24xf32>
  %ex = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%d : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<2x16x24xf32>
  %si = linalg.fill ins(%zero : f32) outs(%re : tensor<2x16xf32>) -> tensor<2x16xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ex : tensor<2x16x24xf32>) outs(%si : tensor<2x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  } -> tensor<2x16xf32>
  %p = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%ex, %sum : tensor<2x16x24xf32>, tensor<2x16xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<2x16x24xf32>
  %oe = tensor.empty() : tensor<2x16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x16x24xf32>, tensor<2x24x4xf32>) outs(%oz : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}

// Unbatched; Q·Kᵀ as a linalg.generic contraction; scale after the matmul
// and an additive mask (read per tile, times log2(e)); f16 operands, f32
// scores.
// CHECK-LABEL: func.func @generic_contraction_mask
// CHECK-DAG:     arith.constant 1.44269502 : f32
// CHECK-DAG:     arith.constant 0.72134751 : f32
// CHECK:         scf.forall (%{{.*}}) in (1)
// CHECK:           linalg.matmul {pk.attention_tile} ins(%{{.*}}, %{{.*}} : tensor<64x8xf16>, tensor<8x64xf32>)
// CHECK:           linalg.generic
// CHECK:             tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<16x24xf32>
// CHECK:           linalg.matmul indexing_maps = {{.*}} ins(%{{.*}}, %{{.*}} : tensor<64x64xf32>, tensor<64x4xf16>)
#mq = affine_map<(i, j, d) -> (i, d)>
#mk = affine_map<(i, j, d) -> (j, d)>
#ms = affine_map<(i, j, d) -> (i, j)>
#id2 = affine_map<(i, j) -> (i, j)>
func.func @generic_contraction_mask(%q: tensor<16x8xf16>, %k: tensor<24x8xf16>, %v: tensor<24x4xf16>, %mask: tensor<16x24xf32>) -> tensor<16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x24xf32>) -> tensor<16x24xf32>
  %s = linalg.generic {indexing_maps = [#mq, #mk, #ms], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%q, %k : tensor<16x8xf16>, tensor<24x8xf16>) outs(%z : tensor<16x24xf32>) {
  ^bb0(%a: f16, %b: f16, %acc: f32):
    %af = arith.extf %a : f16 to f32
    %bf = arith.extf %b : f16 to f32
    %m = arith.mulf %af, %bf : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<16x24xf32>
  %x = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%s, %mask : tensor<16x24xf32>, tensor<16x24xf32>) outs(%e : tensor<16x24xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %half : f32
    %r = arith.addf %m, %b : f32
    linalg.yield %r : f32
  } -> tensor<16x24xf32>
  %p = linalg.softmax dimension(1) ins(%x : tensor<16x24xf32>) outs(%e : tensor<16x24xf32>) -> tensor<16x24xf32>
  %oe = tensor.empty() : tensor<16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<16x4xf32>) -> tensor<16x4xf32>
  %o = linalg.matmul ins(%p, %v : tensor<16x24xf32>, tensor<24x4xf16>) outs(%oz : tensor<16x4xf32>) -> tensor<16x4xf32>
  return %o : tensor<16x4xf32>
}
