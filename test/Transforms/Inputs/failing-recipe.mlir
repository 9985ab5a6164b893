// Asks to vectorize with vector sizes smaller than the op: the transform
// interpreter reports a definite failure.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %mm = transform.structured.match ops{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %mm vector_sizes [2, 2, 2] : !transform.any_op
    transform.yield
  }
}
