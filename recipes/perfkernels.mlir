// perfkernel recipe for the caffe2 perfkernel ops.
//
// pk-lower-to-linalg writes the loops of these kernels itself (scf.forall
// over bags or rows, scf.for over a bag's indices or Adagrad's rows) and
// marks the linalg.generic ops over one row inside them with
// `pk.embedding_row`: an embedding bag's row update (f32/f16/bf16, uint8
// with scale_bias, fused 8-bit, and fused 4/2-bit codes deinterleaved by
// bit field), a row's min/max, codes and parameter bytes in row-wise
// quantization, and sparse Adagrad's row update (and its row-wise mean).
// Their shapes are static (one row), so each is vectorized whole: one
// vector op per row (odd widths too: LLVM splits the vector), row loads
// without the runtime alias checks LLVM adds to scalar loops. The foralls
// become OpenMP loops. The built-in CPU recipe (cpu.mlir)
// applies the same sequence to the same marker.
//
//   build/bin/pk-run examples/embedding_bag.mlir --recipe recipes/perfkernels.mlir --bench 10
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %rows = transform.structured.match ops{["linalg.generic"]}
        attributes {pk.embedding_row} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %rows : !transform.any_op {
    ^bb0(%row: !transform.any_op):
      transform.include @vectorize_row failures(suppress) (%row)
          : (!transform.any_op) -> ()
    }
    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.vector.lower_masked_transfers
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }

  // A row whose vectorization fails (a body the vectorizer does not
  // support) stays a scalar loop rather than failing the compilation.
  transform.named_sequence @vectorize_row(
      %op: !transform.any_op {transform.consumed}) {
    transform.structured.vectorize %op : !transform.any_op
    transform.yield
  }
}
