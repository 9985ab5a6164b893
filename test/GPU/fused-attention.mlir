// pk-gpu-fuse-attention: one gpu.launch per attention, a block per
// (batch..., 128/lanes query rows), K/V tiles in shared memory, running
// state in registers; pk.attention and the linalg forms are gone.
// RUN: pk-opt --pk-gpu-fuse-attention %s | FileCheck %s
// RUN: pk-opt --pk-gpu-fuse-attention="threads=64 key-tile=16" %s | FileCheck %s --check-prefix=SMALL

// Head dimension 64, causal, rank 4 [1, 2, 300, 64]: one thread per row,
// 128 rows per block, grid (⌈300/128⌉, 2, 1).
// CHECK-LABEL: func.func @causal
// CHECK-DAG:     %[[Q:.+]] = bufferization.to_buffer %arg0 read_only : tensor<1x2x300x64xf16> to memref<1x2x300x64xf16>
// CHECK-DAG:     %[[OUT:.+]] = memref.alloc() : memref<1x2x300x64xf16>
// CHECK:         %[[GRIDX:.+]] = arith.ceildivui %c300, %c128
// CHECK:         gpu.launch blocks({{.*}}) in ({{.*}} = %[[GRIDX]], {{.*}} = %c2, {{.*}}) threads({{.*}}) in ({{.*}} = %c128, {{.*}} = %c1, {{.*}} = %c1)
// CHECK-SAME:      workgroup({{.*}} : memref<32x64xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<32x64xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<32x128xf32, #gpu.address_space<workgroup>>)
// Causal: the key loop ends after the block's last query.
// CHECK:           %[[END:.+]] = arith.minui %c300,
// CHECK:           scf.for {{.*}} to %[[END]] step %c32{{.*}} iter_args({{.*}}) -> (f32, f32, vector<4xf32>
// CHECK:             gpu.barrier
// CHECK:             scf.for
// CHECK:               vector.load {{.*}} {alignment = 16 : i64} : memref<32x64xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK:               vector.fma
// CHECK:               vector.reduction <add>
// CHECK-NOT:           gpu.shuffle
// CHECK:               arith.select
// CHECK:             math.exp2
// CHECK:             scf.for
// CHECK:               math.exp2
// CHECK:               vector.fma
// CHECK:             gpu.barrier
// CHECK:           arith.divf
// CHECK:           vector.store {{.*}}, %[[OUT]]{{.*}} : memref<1x2x300x64xf16>, vector<4xf16>
// CHECK:         bufferization.to_tensor %[[OUT]] restrict writable
// CHECK-NOT:     pk.attention
// SMALL-LABEL: func.func @causal
// SMALL:         threads({{.*}}) in ({{.*}} = %c64, {{.*}} = %c1, {{.*}} = %c1)
// SMALL-SAME:      workgroup({{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>)
func.func @causal(%q: tensor<1x2x300x64xf16>, %k: tensor<1x2x300x64xf16>, %v: tensor<1x2x300x64xf16>) -> tensor<1x2x300x64xf16> {
  %o = pk.attention %q, %k, %v causal : tensor<1x2x300x64xf16>, tensor<1x2x300x64xf16>, tensor<1x2x300x64xf16> -> tensor<1x2x300x64xf16>
  return %o : tensor<1x2x300x64xf16>
}

// Head dimension 128: two threads per row (64 rows per block) combine their
// partial dot products with one butterfly shuffle; the tiles shrink to fit
// 48 KiB of shared memory only when they must (here 32·(128+128+128)·4).
// CHECK-LABEL: func.func @d128
// CHECK:         %[[GRIDX:.+]] = arith.ceildivui %c256, %c64
// CHECK:         gpu.launch blocks({{.*}}) in ({{.*}} = %[[GRIDX]], {{.*}} = %c16, {{.*}}) threads
// CHECK-SAME:      workgroup({{.*}} : memref<32x128xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<32x128xf32, #gpu.address_space<workgroup>>, {{.*}} : memref<32x128xf32, #gpu.address_space<workgroup>>)
// CHECK:           gpu.shuffle xor {{.*}}, %c1_i32, %c32_i32 : f32
// CHECK-NOT:       gpu.shuffle
// CHECK:         bufferization.to_tensor
// SMALL-LABEL: func.func @d128
// SMALL:         gpu.shuffle xor
func.func @d128(%q: tensor<4x16x256x128xbf16>, %k: tensor<4x16x256x128xbf16>, %v: tensor<4x16x256x128xbf16>) -> tensor<4x16x256x128xf32> {
  %o = pk.attention %q, %k, %v : tensor<4x16x256x128xbf16>, tensor<4x16x256x128xbf16>, tensor<4x16x256x128xbf16> -> tensor<4x16x256x128xf32>
  return %o : tensor<4x16x256x128xf32>
}

// The linalg form with an additive [i, j] mask: read per score from the
// mask's own buffer.
#qk = affine_map<(b, i, j, d) -> (b, i, d)>
#kk = affine_map<(b, i, j, d) -> (b, j, d)>
#ss = affine_map<(b, i, j, d) -> (b, i, j)>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
#mask3 = affine_map<(b, i, j) -> (i, j)>
// CHECK-LABEL: func.func @linalg_mask
// CHECK:         %[[MASK:.+]] = bufferization.to_buffer %arg3 read_only : tensor<90x75xf32> to memref<90x75xf32>
// CHECK:         gpu.launch
// CHECK:           memref.load %[[MASK]]
// CHECK-NOT:     linalg.batch_matmul
// CHECK-NOT:     linalg.softmax
func.func @linalg_mask(%q: tensor<2x90x32xf32>, %k: tensor<2x75x32xf32>, %v: tensor<2x75x16xf32>, %mask: tensor<90x75xf32>) -> tensor<2x90x16xf32> {
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

// An operand that is not a function argument may bufferize to a view: its
// buffer keeps dynamic strides (and no alignment is assumed).
// CHECK-LABEL: func.func @sliced_query
// CHECK:         bufferization.to_buffer %{{.*}} read_only : tensor<64x32xf32> to memref<64x32xf32, strided<[?, 1], offset: ?>>
// CHECK:         gpu.launch
func.func @sliced_query(%qkv: tensor<64x96xf32>) -> tensor<64x32xf32> {
  %q = tensor.extract_slice %qkv[0, 0] [64, 32] [1, 1] : tensor<64x96xf32> to tensor<64x32xf32>
  %k = tensor.extract_slice %qkv[0, 32] [64, 32] [1, 1] : tensor<64x96xf32> to tensor<64x32xf32>
  %v = tensor.extract_slice %qkv[0, 64] [64, 32] [1, 1] : tensor<64x96xf32> to tensor<64x32xf32>
  %o = pk.attention %q, %k, %v : tensor<64x32xf32>, tensor<64x32xf32>, tensor<64x32xf32> -> tensor<64x32xf32>
  return %o : tensor<64x32xf32>
}

// Head dimensions whose K and V tiles cannot fit in shared memory even one
// key at a time stay as they are (pk-lower-to-linalg's naive form).
// CHECK-LABEL: func.func @too_wide
// CHECK-NOT:     gpu.launch
// CHECK:         pk.attention
func.func @too_wide(%q: tensor<4x8192xf32>, %k: tensor<4x8192xf32>, %v: tensor<4x8192xf32>) -> tensor<4x8192xf32> {
  %o = pk.attention %q, %k, %v : tensor<4x8192xf32>, tensor<4x8192xf32>, tensor<4x8192xf32> -> tensor<4x8192xf32>
  return %o : tensor<4x8192xf32>
}
