// Attention written in linalg on tensors, as a frontend would emit it:
// S = Q·Kᵀ (a batch_matmul reading K transposed), S·0.125 (1/sqrt(64)),
// softmax along the keys, ·V. pk-cpu-pipeline's pk-fuse-attention turns it
// into the online-softmax loop nest; pk-run checks that against the naive
// form compiled by pk-reference-pipeline.
//   pk-opt --pk-fuse-attention examples/attention_linalg.mlir
//   pk-run examples/attention_linalg.mlir --bench 5
#q = affine_map<(b, i, j, d) -> (b, i, d)>
#k = affine_map<(b, i, j, d) -> (b, j, d)>
#s = affine_map<(b, i, j, d) -> (b, i, j)>
#id = affine_map<(b, i, j) -> (b, i, j)>
func.func @attention(%q: tensor<4x512x64xf32>, %k: tensor<4x512x64xf32>,
                     %v: tensor<4x512x64xf32>) -> tensor<4x512x64xf32> {
  %zero = arith.constant 0.0 : f32
  %scale = arith.constant 0.125 : f32
  %e = tensor.empty() : tensor<4x512x512xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x512x512xf32>) -> tensor<4x512x512xf32>
  %scores = linalg.batch_matmul indexing_maps = [#q, #k, #s]
      ins(%q, %k : tensor<4x512x64xf32>, tensor<4x512x64xf32>)
      outs(%z : tensor<4x512x512xf32>) -> tensor<4x512x512xf32>
  %scaled = linalg.generic {indexing_maps = [#id, #id],
                            iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%scores : tensor<4x512x512xf32>) outs(%e : tensor<4x512x512xf32>) {
  ^bb0(%x: f32, %unused: f32):
    %y = arith.mulf %x, %scale : f32
    linalg.yield %y : f32
  } -> tensor<4x512x512xf32>
  %p = linalg.softmax dimension(2) ins(%scaled : tensor<4x512x512xf32>)
      outs(%e : tensor<4x512x512xf32>) -> tensor<4x512x512xf32>
  %oe = tensor.empty() : tensor<4x512x64xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<4x512x64xf32>) -> tensor<4x512x64xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<4x512x512xf32>, tensor<4x512x64xf32>)
      outs(%oz : tensor<4x512x64xf32>) -> tensor<4x512x64xf32>
  return %o : tensor<4x512x64xf32>
}
