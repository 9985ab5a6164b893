// An entry whose extra argument is a handle, not a parameter: pk binds the
// payload and the register tile's two !transform.param<i64> values only.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly},
      %other: !transform.any_op {transform.readonly}) {
    transform.yield
  }
}
