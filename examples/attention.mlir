// Causal self-attention, 2 batches x 4 heads, 256 tokens, head dim 64, in
// the naive reference form (Q·Kᵀ, scale 1/sqrt(64), mask, softmax, ·V).
//   pk-run examples/attention.mlir --bench 5
func.func @attention(%q: tensor<2x4x256x64xf32>, %k: tensor<2x4x256x64xf32>,
                     %v: tensor<2x4x256x64xf32>) -> tensor<2x4x256x64xf32> {
  %o = pk.attention %q, %k, %v causal
      : tensor<2x4x256x64xf32>, tensor<2x4x256x64xf32>,
        tensor<2x4x256x64xf32> -> tensor<2x4x256x64xf32>
  return %o : tensor<2x4x256x64xf32>
}
