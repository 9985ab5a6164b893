// A transform.foreach_match action that consumes the matched matmul (tiling)
// and then fails (vector sizes smaller than the tile): the failure note at
// the erased op's location must not crash the error report.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %done = transform.foreach_match in %funcs @match_matmul -> @tile_then_fail
        : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
  transform.named_sequence @match_matmul(%op: !transform.any_op {transform.readonly}) -> !transform.any_op {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    transform.yield %op : !transform.any_op
  }
  transform.named_sequence @tile_then_fail(%mm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm tile_sizes [64, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.structured.vectorize %tiled vector_sizes [2, 2, 2] : !transform.any_op
    transform.yield
  }
}
