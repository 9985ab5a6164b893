// RUN: pk-opt --pk-fuse-attention %s | FileCheck %s
// Forms that are not attention as the pass understands it stay untouched:
// no loop nest appears and the original ops remain.
// CHECK-NOT: scf.forall
// CHECK-NOT: pk.attention_tile

#qk = affine_map<(b, i, j, d) -> (b, i, d)>
#kk = affine_map<(b, i, j, d) -> (b, j, d)>
#ss = affine_map<(b, i, j, d) -> (b, i, j)>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
#row3 = affine_map<(b, i, j) -> (b, i)>

// Softmax along the query axis (dimension 1), not the key axis.
// CHECK-LABEL: func.func @softmax_wrong_axis
// CHECK:         linalg.batch_matmul
// CHECK:         linalg.softmax dimension(1)
// CHECK:         linalg.batch_matmul
func.func @softmax_wrong_axis(%q: tensor<2x16x8xf32>, %k: tensor<2x16x8xf32>, %v: tensor<2x16x4xf32>) -> tensor<2x16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x16x8xf32>, tensor<2x16x8xf32>) outs(%z : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %p = linalg.softmax dimension(1) ins(%s : tensor<2x16x16xf32>) outs(%e : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %oe = tensor.empty() : tensor<2x16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x16x16xf32>, tensor<2x16x4xf32>) outs(%oz : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}

// The probabilities are a result too: fusing would not remove them.
// CHECK-LABEL: func.func @probabilities_escape
// CHECK:         linalg.softmax dimension(2)
// CHECK:         linalg.batch_matmul
func.func @probabilities_escape(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>) -> (tensor<2x16x4xf32>, tensor<2x16x24xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x16x8xf32>, tensor<2x24x8xf32>) outs(%z : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %p = linalg.softmax dimension(2) ins(%s : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %oe = tensor.empty() : tensor<2x16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x16x24xf32>, tensor<2x24x4xf32>) outs(%oz : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  return %o, %p : tensor<2x16x4xf32>, tensor<2x16x24xf32>
}

// exp / sum / div without subtracting the row maximum.
// CHECK-LABEL: func.func @no_max_subtraction
// CHECK:         math.exp
// CHECK:         arith.divf
// CHECK:         linalg.batch_matmul
func.func @no_max_subtraction(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>) -> tensor<2x16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x16x8xf32>, tensor<2x24x8xf32>) outs(%z : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %ex = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<2x16x24xf32>
  %re = tensor.empty() : tensor<2x16xf32>
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

// A scale that is not a constant.
// CHECK-LABEL: func.func @runtime_scale
// CHECK:         arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:         linalg.softmax
func.func @runtime_scale(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>, %c: f32) -> tensor<2x16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %s = linalg.batch_matmul indexing_maps = [#qk, #kk, #ss]
      ins(%q, %k : tensor<2x16x8xf32>, tensor<2x24x8xf32>) outs(%z : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %x = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %c : f32
    linalg.yield %m : f32
  } -> tensor<2x16x24xf32>
  %p = linalg.softmax dimension(2) ins(%x : tensor<2x16x24xf32>) outs(%e : tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %oe = tensor.empty() : tensor<2x16x4xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x16x24xf32>, tensor<2x24x4xf32>) outs(%oz : tensor<2x16x4xf32>) -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}

// A dynamic head dimension: the tiles would not be static.
// CHECK-LABEL: func.func @dynamic_head_dim
// CHECK:         pk.attention
func.func @dynamic_head_dim(%q: tensor<16x?xf32>, %k: tensor<24x?xf32>, %v: tensor<24x4xf32>) -> tensor<16x4xf32> {
  %o = pk.attention %q, %k, %v : tensor<16x?xf32>, tensor<24x?xf32>, tensor<24x4xf32> -> tensor<16x4xf32>
  return %o : tensor<16x4xf32>
}
