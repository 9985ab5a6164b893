// Attention kernels for pk-gpu-fuse-attention (test/GPU/fused-attention*):
// causal and not, sequence lengths that are not multiples of the query and
// key tiles, more queries than keys, a single key, f16/bf16, rank 4, head
// dimensions 8 to 256 (1, 2 and 4 threads per query row) and an odd one
// (scalar accesses), and the linalg forms pk-fuse-attention matches (an
// additive mask, a generic softmax with K pre-transposed and a causal
// select). The first functions are those of test/Integration/
// fused-attention.mlir.

func.func @causal_odd(%q: tensor<2x100x64xf32>, %k: tensor<2x100x64xf32>, %v: tensor<2x100x64xf32>) -> tensor<2x100x64xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<2x100x64xf32>, tensor<2x100x64xf32>, tensor<2x100x64xf32> -> tensor<2x100x64xf32>
  return %o : tensor<2x100x64xf32>
}

func.func @cross_odd(%q: tensor<3x70x32xf32>, %k: tensor<3x131x32xf32>, %v: tensor<3x131x48xf32>) -> tensor<3x70x48xf32> {
  %o = pk.attention %q, %k, %v scale = 0.3 : tensor<3x70x32xf32>, tensor<3x131x32xf32>, tensor<3x131x48xf32> -> tensor<3x70x48xf32>
  return %o : tensor<3x70x48xf32>
}

// 150 queries over 70 keys, causal: query blocks past the keys see them all.
func.func @causal_more_queries(%q: tensor<150x16xf32>, %k: tensor<70x16xf32>, %v: tensor<70x8xf32>) -> tensor<150x8xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<150x16xf32>, tensor<70x16xf32>, tensor<70x8xf32> -> tensor<150x8xf32>
  return %o : tensor<150x8xf32>
}

func.func @single_key(%q: tensor<5x8xf32>, %k: tensor<1x8xf32>, %v: tensor<1x3xf32>) -> tensor<5x3xf32> {
  %o = pk.attention %q, %k, %v : tensor<5x8xf32>, tensor<1x8xf32>, tensor<1x3xf32> -> tensor<5x3xf32>
  return %o : tensor<5x3xf32>
}

func.func @f16_rank4(%q: tensor<2x3x77x64xf16>, %k: tensor<2x3x77x64xf16>, %v: tensor<2x3x77x64xf16>) -> tensor<2x3x77x64xf16> {
  %o = pk.attention %q, %k, %v causal : tensor<2x3x77x64xf16>, tensor<2x3x77x64xf16>, tensor<2x3x77x64xf16> -> tensor<2x3x77x64xf16>
  return %o : tensor<2x3x77x64xf16>
}

func.func @bf16_causal(%q: tensor<65x32xbf16>, %k: tensor<65x32xbf16>, %v: tensor<65x32xbf16>) -> tensor<65x32xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<65x32xbf16>, tensor<65x32xbf16>, tensor<65x32xbf16> -> tensor<65x32xf32>
  return %o : tensor<65x32xf32>
}

#qk = affine_map<(b, i, j, d) -> (b, i, d)>
#kk = affine_map<(b, i, j, d) -> (b, j, d)>
#ss = affine_map<(b, i, j, d) -> (b, i, j)>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
#row3 = affine_map<(b, i, j) -> (b, i)>
#mask3 = affine_map<(b, i, j) -> (i, j)>

// Q·Kᵀ (K as [b, n, d]), scaled, plus a mask shared by the batches,
// linalg.softmax, ·V.
func.func @linalg_softmax_mask(%q: tensor<2x90x32xf32>, %k: tensor<2x75x32xf32>, %v: tensor<2x75x16xf32>, %mask: tensor<90x75xf32>) -> tensor<2x90x16xf32> {
  %zero = arith.constant 0.0 : f32
  %scale = arith.constant 0.176776695 : f32
  %e = tensor.empty() : tensor<2x90x75xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x90x75xf32>) -> tensor<2x90x75xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x90x32xf32>, tensor<2x75x32xf32>) outs(%z : tensor<2x90x75xf32>) -> tensor<2x90x75xf32>
  %x = linalg.generic {indexing_maps = [#id3, #mask3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s, %mask : tensor<2x90x75xf32>, tensor<90x75xf32>) outs(%e : tensor<2x90x75xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %sa = arith.mulf %a, %scale : f32
    %r = arith.addf %sa, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x90x75xf32>
  %p = linalg.softmax dimension(2) ins(%x : tensor<2x90x75xf32>) outs(%e : tensor<2x90x75xf32>) -> tensor<2x90x75xf32>
  %oe = tensor.empty() : tensor<2x90x16xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x90x16xf32>) -> tensor<2x90x16xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x90x75xf32>, tensor<2x75x16xf32>) outs(%oz : tensor<2x90x16xf32>) -> tensor<2x90x16xf32>
  return %o : tensor<2x90x16xf32>
}

// K pre-transposed ([b, d, n]), Q scaled before the matmul, causal select,
// softmax as generics (max, exp(x - max), sum, div).
func.func @generic_softmax_kt(%q: tensor<2x70x16xf32>, %kt: tensor<2x16x70xf32>, %v: tensor<2x70x8xf32>) -> tensor<2x70x8xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %lowest = arith.constant -3.40282347E+38 : f32
  %c = arith.constant 0.25 : f32
  %qe = tensor.empty() : tensor<2x70x16xf32>
  %qs = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%q : tensor<2x70x16xf32>) outs(%qe : tensor<2x70x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %c, %a : f32
    linalg.yield %m : f32
  } -> tensor<2x70x16xf32>
  %e = tensor.empty() : tensor<2x70x70xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x70x70xf32>) -> tensor<2x70x70xf32>
  %s = linalg.batch_matmul ins(%qs, %kt : tensor<2x70x16xf32>, tensor<2x16x70xf32>) outs(%z : tensor<2x70x70xf32>) -> tensor<2x70x70xf32>
  %x = linalg.generic {indexing_maps = [#id3], iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%s : tensor<2x70x70xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 1 : index
    %j = linalg.index 2 : index
    %keep = arith.cmpi ule, %j, %i : index
    %r = arith.select %keep, %o, %lowest : f32
    linalg.yield %r : f32
  } -> tensor<2x70x70xf32>
  %re = tensor.empty() : tensor<2x70xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<2x70xf32>) -> tensor<2x70xf32>
  %max = linalg.generic {indexing_maps = [#id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<2x70x70xf32>) outs(%mi : tensor<2x70xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %o : f32
    linalg.yield %m : f32
  } -> tensor<2x70xf32>
  %ex = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %max : tensor<2x70x70xf32>, tensor<2x70xf32>) outs(%e : tensor<2x70x70xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %d = arith.subf %a, %b : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<2x70x70xf32>
  %si = linalg.fill ins(%zero : f32) outs(%re : tensor<2x70xf32>) -> tensor<2x70xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ex : tensor<2x70x70xf32>) outs(%si : tensor<2x70xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %o, %a : f32
    linalg.yield %r : f32
  } -> tensor<2x70xf32>
  %p = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%ex, %sum : tensor<2x70x70xf32>, tensor<2x70xf32>) outs(%e : tensor<2x70x70xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<2x70x70xf32>
  %oe = tensor.empty() : tensor<2x70x8xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x70x8xf32>) -> tensor<2x70x8xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x70x70xf32>, tensor<2x70x8xf32>) outs(%oz : tensor<2x70x8xf32>) -> tensor<2x70x8xf32>
  return %o : tensor<2x70x8xf32>
}

// Head dimension 128: two threads per query row.
func.func @f16_d128(%q: tensor<1x2x200x128xf16>, %k: tensor<1x2x200x128xf16>, %v: tensor<1x2x200x128xf16>) -> tensor<1x2x200x128xf16> {
  %o = pk.attention %q, %k, %v causal : tensor<1x2x200x128xf16>, tensor<1x2x200x128xf16>, tensor<1x2x200x128xf16> -> tensor<1x2x200x128xf16>
  return %o : tensor<1x2x200x128xf16>
}

// Head dimension 256: four threads per query row, shorter key tiles.
func.func @d256(%q: tensor<2x40x256xf32>, %k: tensor<2x50x256xf32>, %v: tensor<2x50x256xf32>) -> tensor<2x40x256xf32> {
  %o = pk.attention %q, %k, %v scale = 0.0625 : tensor<2x40x256xf32>, tensor<2x50x256xf32>, tensor<2x50x256xf32> -> tensor<2x40x256xf32>
  return %o : tensor<2x40x256xf32>
}

// An odd head dimension: one element per access.
func.func @odd_d(%q: tensor<3x45x33xf32>, %k: tensor<3x45x33xf32>, %v: tensor<3x45x33xf32>) -> tensor<3x45x33xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<3x45x33xf32>, tensor<3x45x33xf32>, tensor<3x45x33xf32> -> tensor<3x45x33xf32>
  return %o : tensor<3x45x33xf32>
}
