// perfkernel default CPU recipe for x86-64 with AVX2 + FMA (16 vector
// registers): the schedule of recipes/cpu-default.mlir with register tiles
// that fit 16 ymm registers. pk-apply-recipe uses it when the host has no
// AVX-512.
//
// A recipe is a transform-dialect module; `pk-cpu-pipeline` runs its
// @__transform_main on the payload module after pk-lower-to-linalg, while
// everything is still linalg on tensors. Ops the recipe does not schedule
// are lowered to OpenMP-parallel loops by the pipeline.
//
// Matmul schedule:
//   1. scf.forall over 64x64 output tiles: one OpenMP work item each;
//      the zero-fill of the accumulator is fused into the tile.
//   2. scf.for over K in steps of 128 so an A/B panel stays in L2.
//   3. 4x16 register tile (8 ymm accumulators, 2 for B, 1 broadcast),
//      K step 1, vectorized with
//      masks for partial tiles (pk-hoist-vector-transfers then keeps the
//      accumulator in registers across K, before bufferization).
//   4. vector.contract → outer products → FMAs on vector<16xf32>.
//
// Convolution schedule (NHWC/HWCF; pk-cpu-pipeline computes NCHW
// convolutions in that layout):
//   1. scf.forall over (image, 4 output rows, 64 output channels).
//   2. register tile of one output row segment of 7 pixels x 16 channels
//      (14 ymm accumulators), one filter tap and one input channel per
//      step; decomposed into a 1-D convolution and vectorized along the
//      channels (contiguous in HWCF). Shapes whose tiles are not static
//      stay tiled but scalar (the schedule's failure is suppressed).
//
// Embedding bags: the row update generics pk.embedding_bag's lowering tags
// `pk.embedding_row` are vectorized whole (one row per vector op).
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    %matmuls = transform.structured.match ops{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %matmuls : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @schedule_matmul failures(propagate) (%mm)
          : (!transform.any_op) -> ()
    }

    %bmms = transform.structured.match ops{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %bmms : !transform.any_op {
    ^bb0(%bmm: !transform.any_op):
      transform.include @schedule_batch_matmul failures(propagate) (%bmm)
          : (!transform.any_op) -> ()
    }

    %convs = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]}
        in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %convs : !transform.any_op {
    ^bb0(%conv: !transform.any_op):
      transform.include @schedule_conv_nhwc failures(suppress) (%conv)
          : (!transform.any_op) -> ()
    }

    // Embedding-bag row updates (pk.embedding_bag's lowering tags them):
    // one vector per row; a row whose size is not static stays scalar.
    %rows = transform.structured.match ops{["linalg.generic"]}
        attributes {pk.embedding_row} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %rows : !transform.any_op {
    ^bb0(%row: !transform.any_op):
      transform.include @vectorize_static failures(suppress) (%row)
          : (!transform.any_op) -> ()
    }

    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.include @lower_vectors failures(propagate) (%funcs)
        : (!transform.any_op) -> ()
    transform.yield
  }

  transform.named_sequence @schedule_matmul(
      %mm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm
        tile_sizes [64, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 128]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [4, 16, 1]
        : (!transform.any_op)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [4, 16, 1]
        {create_named_contraction}
        : !transform.any_op
    transform.yield
  }

  transform.named_sequence @schedule_batch_matmul(
      %bmm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %bmm
        tile_sizes [1, 64, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 0, 128]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [0, 4, 16, 1]
        : (!transform.any_op)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [1, 4, 16, 1]
        {create_named_contraction}
        : !transform.any_op
    transform.yield
  }

  // Loops (n, oh, ow, f, kh, kw, c).
  transform.named_sequence @schedule_conv_nhwc(
      %conv: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %conv
        tile_sizes [1, 4, 0, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %reg, %l_oh, %l_ow, %l_f, %l_kh, %l_kw, %l_c =
        transform.structured.tile_using_for %tiled
        tile_sizes [0, 1, 7, 16, 1, 1, 1]
        : (!transform.any_op)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    %conv1d = transform.structured.decompose %reg
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %conv1d : !transform.any_op
    transform.yield
  }

  transform.named_sequence @vectorize_static(
      %op: !transform.any_op {transform.consumed}) {
    transform.structured.vectorize %op : !transform.any_op
    transform.yield
  }

  // On tensors the accumulator's zero-fill feeds the forall's shared output:
  // fuse it so each thread zeroes its own tile. Matmuls on buffers have no
  // such producer; the caller suppresses this sequence's failure then.
  transform.named_sequence @fuse_init_fill(
      %forall: !transform.any_op {transform.readonly}) {
    %fill = transform.get_producer_of_operand %forall[0]
        : (!transform.any_op) -> !transform.any_op
    %fill_tile, %forall_fused = transform.structured.fuse_into_containing_op
        %fill into %forall
        : (!transform.any_op, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    transform.yield
  }

  transform.named_sequence @lower_vectors(
      %funcs: !transform.any_op {transform.readonly}) {
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.vector.lower_masked_transfers
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.lower_contraction
          lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }
}
