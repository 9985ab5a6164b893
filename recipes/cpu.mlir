// perfkernel's CPU recipe: one schedule library for every x86-64 target.
// Register tiles are MR x NR (MR rows of C, NR floats of each row, two
// vector registers): pk-apply-recipe binds @__transform_main's %mr and %nr
// from the module's #pk.target (MR = a quarter of the vector registers,
// NR = two registers of f32 lanes: 8 x 32 with AVX-512's 32 zmm, 4 x 16
// with AVX2's 16 ymm), so the accumulators take half the register file.
// A copy of this file given as recipe= gets the same parameters; a recipe
// whose entry takes only %root gets none.
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
//   3. MR x NR register tile (8x32 with AVX-512: 16 zmm accumulators;
//      single-threaded 150 GFLOP/s at n = 512 against 119 for 8x16), K
//      step 1, vectorized with
//      masks for partial tiles (pk-hoist-vector-transfers then keeps the
//      accumulator in registers across K, before bufferization).
//   4. vector.contract → outer products → FMAs on vector<NRxf32>.
//   5. Large static GEMMs (M >= 64, N >= 768; @match_packed_matmul) are
//      packed first: A to [M/MR][K][MR], B to [N/NR][K][NR] (zero-padded,
//      so remainders cost no masks), and the same tiles run on the packed
//      operands, which the register tile then streams contiguously (no L1
//      set conflicts or TLB misses from B rows N floats apart): 2048^3 went
//      from 86 to 136 GFLOP/s single-threaded, 1000^3 from 56 to 101.
//
// Convolution schedule (NHWC/HWCF; pk-cpu-pipeline computes NCHW
// convolutions in that layout):
//   1. scf.forall over (image, 4 output rows, 64 output channels).
//   2. register tile of one output row segment of 7 pixels x NR channels
//      (14 accumulators), one filter tap and one input channel per
//      step; decomposed into a 1-D convolution and vectorized along the
//      channels (contiguous in HWCF). Shapes whose tiles are not static
//      stay tiled but scalar (the schedule's failure is suppressed).
//   Convolution + max-pool chains that pk-fuse-conv-pool already tiled
//   over threads (ops tagged pk.fused_conv / pk.fused_epilogue /
//   pk.fused_pool) get only the register tiles: the convolution as above,
//   the epilogue and the pool vectorized 7 pixels x one vector of channels
//   at a time (the pool as a 1-D pooling per window row).
//
// Embedding bags: the row update generics pk.embedding_bag's lowering tags
// `pk.embedding_row` are vectorized whole (one row per vector op).
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    // Online-softmax attention tiles (pk-fuse-attention made the loops and
    // tagged its ops), before the general matmul match that would tile
    // them again: register-tiled matmuls, row-by-row vectorized generics,
    // and per-row state vectorized whole.
    %attn_mms = transform.structured.match ops{["linalg.matmul"]}
        attributes {pk.attention_tile} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %attn_mms : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @attention_matmul_tile failures(propagate) (%mm, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    }
    %attn_rows = transform.structured.match ops{["linalg.generic"]}
        attributes {pk.attention_tile} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %attn_rows : !transform.any_op {
    ^bb0(%op: !transform.any_op):
      transform.include @attention_rows failures(propagate) (%op)
          : (!transform.any_op) -> ()
    }
    %attn_vectors = transform.structured.match
        ops{["linalg.generic", "linalg.fill"]}
        attributes {pk.attention_vector} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %attn_vectors : !transform.any_op {
    ^bb0(%op: !transform.any_op):
      transform.include @attention_vector failures(propagate) (%op)
          : (!transform.any_op) -> ()
    }

    // Large static GEMMs get packed operands; the rest (small, skinny,
    // dynamic) the direct schedule.
    // (foreach_match consumes its operand: give it handles of its own.)
    %mm_funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %mm_scheduled = transform.foreach_match in %mm_funcs, %mr, %nr
        @match_packed_matmul_8x32 -> @schedule_packed_matmul_8x32,
        @match_packed_matmul_4x16 -> @schedule_packed_matmul_4x16,
        @match_skinny_matmul -> @schedule_skinny_matmul,
        @match_matmul -> @schedule_matmul
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op

    %bmms = transform.structured.match ops{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %bmms : !transform.any_op {
    ^bb0(%bmm: !transform.any_op):
      transform.include @schedule_batch_matmul failures(propagate) (%bmm, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    }

    // Convolution + max-pool tiles (pk-fuse-conv-pool made the scf.forall
    // and tagged its ops): register tiles and vectors inside each tile.
    // Before the general convolution match, which would tile them again.
    %fused_convs = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]}
        attributes {pk.fused_conv} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %fused_convs : !transform.any_op {
    ^bb0(%conv: !transform.any_op):
      transform.include @conv_nhwc_register_tile failures(suppress) (%conv, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    }
    %fused_epilogues = transform.structured.match ops{["linalg.generic"]}
        attributes {pk.fused_epilogue} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %fused_epilogues : !transform.any_op {
    ^bb0(%epilogue: !transform.any_op):
      transform.include @epilogue_register_tile failures(suppress) (%epilogue, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    }
    %fused_pools = transform.structured.match ops{["linalg.pooling_nhwc_max"]}
        attributes {pk.fused_pool} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %fused_pools : !transform.any_op {
    ^bb0(%pool: !transform.any_op):
      transform.include @pool_nhwc_register_tile failures(suppress) (%pool, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    }

    %convs = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]}
        in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %convs : !transform.any_op {
    ^bb0(%conv: !transform.any_op):
      transform.include @schedule_conv_nhwc failures(suppress) (%conv, %mr, %nr)
          : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
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

  transform.named_sequence @match_matmul(
      %op: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) -> (!transform.any_op, !transform.param<i64>, !transform.param<i64>) {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    transform.yield %op, %mr, %nr : !transform.any_op, !transform.param<i64>, !transform.param<i64>
  }

  // A linalg.matmul with static M >= 64 and N >= 768: B's rows are then far
  // enough apart (and the K panel tall enough) that strided B tiles thrash
  // the L1 and the TLB, and packing pays for itself; a skinny GEMM streams B
  // once, where packing would double the traffic.
  transform.named_sequence @match_large_static_matmul(
      %op: !transform.any_op {transform.readonly}) {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    %m, %n = transform.match.structured failures(propagate) %op
        : (!transform.any_op) -> (!transform.param<i64>, !transform.param<i64>) {
    ^bb0(%s: !transform.any_op):
      %dm = transform.match.structured.dim %s[0]
          : (!transform.any_op) -> !transform.param<i64>
      %dn = transform.match.structured.dim %s[1]
          : (!transform.any_op) -> !transform.param<i64>
      transform.match.structured.yield %dm, %dn
          : !transform.param<i64>, !transform.param<i64>
    }
    %min_m = transform.param.constant 64 : i64 -> !transform.param<i64>
    %min_n = transform.param.constant 768 : i64 -> !transform.param<i64>
    transform.match.param.cmpi ge %m, %min_m : !transform.param<i64>
    transform.match.param.cmpi ge %n, %min_n : !transform.param<i64>
    transform.yield
  }

  // Packing makes the register tile part of the layout, and
  // transform.structured.pack takes no parameters for its sizes: one
  // matcher and one packing per register tile, the rest of the schedule
  // shared (@schedule_packed_gemm). Another MR x NR gets the direct
  // schedule.
  transform.named_sequence @match_packed_matmul_8x32(
      %op: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) -> (!transform.any_op, !transform.param<i64>, !transform.param<i64>) {
    transform.include @match_large_static_matmul failures(propagate) (%op)
        : (!transform.any_op) -> ()
    %c8 = transform.param.constant 8 : i64 -> !transform.param<i64>
    %c32 = transform.param.constant 32 : i64 -> !transform.param<i64>
    transform.match.param.cmpi eq %mr, %c8 : !transform.param<i64>
    transform.match.param.cmpi eq %nr, %c32 : !transform.param<i64>
    transform.yield %op, %mr, %nr : !transform.any_op, !transform.param<i64>, !transform.param<i64>
  }
  transform.named_sequence @schedule_packed_matmul_8x32(
      %mm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %packed = transform.structured.pack %mm packed_sizes = [8, 32, 0]
        : (!transform.any_op) -> !transform.op<"linalg.generic">
    transform.include @schedule_packed_gemm failures(propagate)
        (%packed, %mr, %nr)
        : (!transform.op<"linalg.generic">, !transform.param<i64>, !transform.param<i64>) -> ()
    transform.yield
  }
  transform.named_sequence @match_packed_matmul_4x16(
      %op: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) -> (!transform.any_op, !transform.param<i64>, !transform.param<i64>) {
    transform.include @match_large_static_matmul failures(propagate) (%op)
        : (!transform.any_op) -> ()
    %c4 = transform.param.constant 4 : i64 -> !transform.param<i64>
    %c16 = transform.param.constant 16 : i64 -> !transform.param<i64>
    transform.match.param.cmpi eq %mr, %c4 : !transform.param<i64>
    transform.match.param.cmpi eq %nr, %c16 : !transform.param<i64>
    transform.yield %op, %mr, %nr : !transform.any_op, !transform.param<i64>, !transform.param<i64>
  }
  transform.named_sequence @schedule_packed_matmul_4x16(
      %mm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %packed = transform.structured.pack %mm packed_sizes = [4, 16, 0]
        : (!transform.any_op) -> !transform.op<"linalg.generic">
    transform.include @schedule_packed_gemm failures(propagate)
        (%packed, %mr, %nr)
        : (!transform.op<"linalg.generic">, !transform.param<i64>, !transform.param<i64>) -> ()
    transform.yield
  }

  // Packed GEMM (data tiling), after the packing above: A is [M/MR][K][MR]
  // and B [N/NR][K][NR] (zero-padded), so the MR x NR register tile streams
  // both operands contiguously. The work item is a 2048x64 tile of C (all
  // of M up to 2048 rows): it packs its own 64 columns of B, computes
  // [M/MR][64/NR][MR][NR] blocks against the packed A and unpacks them into
  // C. A is packed once, by an OpenMP loop of its own.
  transform.named_sequence @schedule_packed_gemm(
      %packed: !transform.op<"linalg.generic"> {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    // Folds the packing of the zero-filled accumulator into a fill.
    %func = transform.get_parent_op %packed {op_name = "func.func"}
        : (!transform.op<"linalg.generic">) -> !transform.any_op
    // Transposed operands (pk-normalize-contractions makes transposes of
    // them) are packed straight from their source layout.
    transform.apply_patterns to %func {
      transform.apply_patterns.canonicalization
      transform.apply_patterns.tensor.fold_into_pack_and_unpack
    } : !transform.any_op
    %pack_b = transform.get_producer_of_operand %packed[1]
        : (!transform.op<"linalg.generic">) -> !transform.op<"linalg.pack">
    %gen, %pack_bt, %none = transform.structured.pack_transpose %pack_b
        with_compute_op(%packed) outer_perm = [1, 0]
        : (!transform.op<"linalg.pack">, !transform.op<"linalg.generic">)
        -> (!transform.op<"linalg.generic">, !transform.op<"linalg.pack">,
            !transform.any_op)
    %pack_a = transform.get_producer_of_operand %gen[0]
        : (!transform.op<"linalg.generic">) -> !transform.op<"linalg.pack">
    // C is unpacked tile by tile: the unpack of each 2048x64 tile of C is
    // the work item, and the packed matmul (and its zero-fill) computing
    // that tile's [M/MR][64/NR][MR][NR] block is fused into it, so the result
    // is written once, into C. The packing of the tile's B panel (K x 64)
    // is fused in too: a tile spanning all rows packs each column of B
    // once, and the panel is still in L2 when the tile reads it. (A
    // whole-matrix packing pass leaves B in L3, and 64-row tiles re-read it
    // from there for every tile: 6% slower at 2048^3, 13% at 1024^3.)
    // Loops of the fused tile (M/MR, N/NR, K, MR, NR): K panels of 256.
    %fill = transform.get_producer_of_operand %gen[2]
        : (!transform.op<"linalg.generic">) -> !transform.any_op
    %unpack = transform.get_consumers_of_result %gen[0]
        : (!transform.op<"linalg.generic">) -> !transform.op<"linalg.unpack">
    %c_tile, %forall = transform.structured.tile_using_forall %unpack
        tile_sizes [2048, 64]
        : (!transform.op<"linalg.unpack">)
        -> (!transform.any_op, !transform.any_op)
    %tiled, %forall_mm = transform.structured.fuse_into_containing_op
        %gen into %forall
        : (!transform.op<"linalg.generic">, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    %fill_tile, %forall_fill = transform.structured.fuse_into_containing_op
        %fill into %forall_mm
        : (!transform.any_op, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    // An accumulator that is not a fill (C += A B) is packed tile by tile.
    %c_packs = transform.structured.match ops{["linalg.pack"]} in %forall_fill
        : (!transform.any_op) -> !transform.op<"linalg.pack">
    %c_pad, %c_expand, %c_transpose = transform.structured.lower_pack %c_packs
        : (!transform.op<"linalg.pack">)
        -> (!transform.op<"tensor.pad">, !transform.op<"tensor.expand_shape">,
            !transform.op<"linalg.transpose">)
    %pack_b_tile, %forall_pack_b = transform.structured.fuse_into_containing_op
        %pack_bt into %forall_fill
        : (!transform.op<"linalg.pack">, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 256]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [1, 1, 1]
        : (!transform.any_op)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    // The register tile as a 2-D MR x NR multiply-add (pk-fuse-multiply-add
    // makes it FMAs; pk-hoist-vector-transfers keeps C in registers).
    transform.apply_patterns to %loop_kk {
      transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices
    } : !transform.any_op
    %reg2d = transform.structured.match ops{["linalg.generic"]} in %loop_kk
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %reg2d vector_sizes [%mr, %nr]
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    // The tile's unpack: one MR x NR block of C per vector copy.
    %c_block, %c_loop_m, %c_loop_n = transform.structured.tile_using_for
        %c_tile tile_sizes [%mr, %nr]
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.structured.vectorize %c_block vector_sizes [1, 1, %mr, %nr]
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    // The tile's B panel: eight rows of one column block per vector copy.
    %pack_b_op = transform.cast %pack_b_tile
        : !transform.any_op to !transform.op<"linalg.pack">
    %b_pad, %b_expand, %b_transpose = transform.structured.lower_pack %pack_b_op
        : (!transform.op<"linalg.pack">)
        -> (!transform.op<"tensor.pad">, !transform.op<"tensor.expand_shape">,
            !transform.op<"linalg.transpose">)
    %b_rows, %b_block_loop, %b_row_loop = transform.structured.tile_using_for
        %b_transpose tile_sizes [1, 8]
        : (!transform.op<"linalg.transpose">)
        -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.structured.vectorize %b_rows vector_sizes [1, 8, %nr]
        : !transform.any_op, !transform.param<i64>
    %a_pad, %a_expand, %a_transpose = transform.structured.lower_pack %pack_a
        : (!transform.op<"linalg.pack">)
        -> (!transform.op<"tensor.pad">, !transform.op<"tensor.expand_shape">,
            !transform.op<"linalg.transpose">)
    %a_tile, %a_loop = transform.structured.tile_using_forall %a_transpose
        tile_sizes [1, 8]
        : (!transform.op<"linalg.transpose">)
        -> (!transform.any_op, !transform.any_op)
    transform.structured.vectorize %a_tile vector_sizes [1, 8, %mr]
        : !transform.any_op, !transform.param<i64>
    transform.yield
  }

  // A linalg.matmul with a static M below 64 (a few rows, e.g. a batch of
  // activations times a weight matrix): every element of B is used M times,
  // so the GEMM streams B from memory, row by row of B within each K panel.
  transform.named_sequence @match_skinny_matmul(
      %op: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) -> (!transform.any_op, !transform.param<i64>, !transform.param<i64>) {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    %m = transform.match.structured failures(propagate) %op
        : (!transform.any_op) -> !transform.param<i64> {
    ^bb0(%s: !transform.any_op):
      %dm = transform.match.structured.dim %s[0]
          : (!transform.any_op) -> !transform.param<i64>
      transform.match.structured.yield %dm : !transform.param<i64>
    }
    %max_m = transform.param.constant 64 : i64 -> !transform.param<i64>
    transform.match.param.cmpi lt %m, %max_m : !transform.param<i64>
    transform.yield %op, %mr, %nr : !transform.any_op, !transform.param<i64>, !transform.param<i64>
  }

  // Skinny GEMM: all M rows and 256 columns of C per work item, K panels of
  // only 32 rows of B. The register tile walks B down its rows (each row a
  // new page); with 32 rows per panel the hardware prefetchers can track
  // every row's stream across the tile's column steps, so B arrives ahead of
  // the FMAs (K panels of 128 measured 2.5x slower at 16x4096x4096).
  transform.named_sequence @schedule_skinny_matmul(
      %mm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm
        tile_sizes [0, 256]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 32]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [%mr, %nr, 1]
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [%mr, %nr, 1]
        {create_named_contraction}
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    transform.yield
  }

  transform.named_sequence @schedule_matmul(
      %mm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm
        tile_sizes [64, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 128]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [%mr, %nr, 1]
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [%mr, %nr, 1]
        {create_named_contraction}
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    transform.yield
  }

  transform.named_sequence @schedule_batch_matmul(
      %bmm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %tiled, %forall = transform.structured.tile_using_forall %bmm
        tile_sizes [1, 64, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 0, 128]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %reg, %loop_m, %loop_n, %loop_kk = transform.structured.tile_using_for
        %panel tile_sizes [0, %mr, %nr, 1]
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [1, %mr, %nr, 1]
        {create_named_contraction}
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    transform.yield
  }

  // Loops (n, oh, ow, f, kh, kw, c).
  transform.named_sequence @schedule_conv_nhwc(
      %conv: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %tiled, %forall = transform.structured.tile_using_forall %conv
        tile_sizes [1, 4, 0, 64]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_init_fill failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    transform.include @conv_nhwc_register_tile failures(propagate) (%tiled, %mr, %nr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    transform.yield
  }

  // One thread's convolution tile: 7 pixels x NR channels in registers,
  // one filter tap and input channel per step, as a vectorized 1-D
  // convolution.
  transform.named_sequence @conv_nhwc_register_tile(
      %conv: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %reg, %l_oh, %l_ow, %l_f, %l_kh, %l_kw, %l_c =
        transform.structured.tile_using_for %conv
        tile_sizes [0, 1, 7, %nr, 1, 1, 1]
        : (!transform.any_op, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    %conv1d = transform.structured.decompose %reg
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %conv1d : !transform.any_op
    transform.yield
  }

  // A fused tile's epilogue (bias, activation; loops n, h, w, c): a row
  // segment of 7 pixels (as the convolution's register tile) x NR
  // channels per vector op.
  transform.named_sequence @epilogue_register_tile(
      %op: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %reg, %l_h, %l_w, %l_c = transform.structured.tile_using_for %op
        tile_sizes [0, 1, 7, %nr]
        : (!transform.any_op, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg : !transform.any_op
    transform.yield
  }

  // A fused tile's max-pool (loops n, oh, ow, c, kh, kw): one window row
  // at a time over 7 pooled pixels x NR channels, as a vectorized 1-D
  // pooling.
  transform.named_sequence @pool_nhwc_register_tile(
      %pool: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %reg, %l_oh, %l_ow, %l_c, %l_kh = transform.structured.tile_using_for
        %pool tile_sizes [0, 1, 7, %nr, 1, 0]
        : (!transform.any_op, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op, !transform.any_op)
    %pool1d = transform.structured.decompose %reg
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %pool1d : !transform.any_op
    transform.yield
  }

  // An attention tile's matmul (block x block x head dim): MR x NR
  // register tiles over the whole reduction, one step at a
  // time, as in @schedule_matmul.
  transform.named_sequence @attention_matmul_tile(
      %mm: !transform.any_op {transform.consumed},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %reg, %l_m, %l_n, %l_k = transform.structured.tile_using_for %mm
        tile_sizes [%mr, %nr, 1]
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>)
        -> (!transform.any_op, !transform.any_op, !transform.any_op,
            !transform.any_op)
    transform.structured.vectorize %reg vector_sizes [%mr, %nr, 1]
        {create_named_contraction}
        : !transform.any_op, !transform.param<i64>, !transform.param<i64>
    transform.yield
  }

  // An attention tile's 2-D generic (loops key x query, or query x head
  // dim): one row per vector op; a reduction over keys becomes an
  // elementwise max/add across rows kept in registers.
  transform.named_sequence @attention_rows(
      %op: !transform.any_op {transform.consumed}) {
    %row, %loop = transform.structured.tile_using_for %op tile_sizes [1, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.structured.vectorize %row : !transform.any_op
    transform.yield
  }

  // Per-row attention state (running max, sum, rescale factor) and the
  // zeroing of the score tile: one vector op each.
  transform.named_sequence @attention_vector(
      %op: !transform.any_op {transform.consumed}) {
    transform.structured.vectorize %op : !transform.any_op
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
