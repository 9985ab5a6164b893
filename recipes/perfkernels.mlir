// perfkernel recipe for the caffe2 perfkernel ops (embedding bags).
//
// pk-lower-to-linalg marks the linalg.generic that adds one table row to a
// bag with `pk.embedding_row`. Its shape is static (one row), so it is
// vectorized whole: a vector<Dxf32> accumulator update, loads of the row
// without the runtime alias checks LLVM adds to the scalar loop. The bag
// loop structure (scf.forall over bags, scf.for over indices) comes from the
// lowering; the forall becomes one OpenMP loop.
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
      transform.structured.vectorize %row : !transform.any_op
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
}
