// perfkernel default GPU recipe (NVIDIA, any sm_70+). pk-gpu-pipeline runs
// it in two stages:
//
//   @__transform_main        on linalg on tensors, after pk-lower-to-linalg:
//                            the tiling that decides the grid.
//   @__transform_bufferized  on memrefs, after one-shot bufferization:
//                            shared-memory promotion, thread tiles, and the
//                            mapping of scf.forall to gpu.launch.
//
// Matmul schedule (one 256-thread block, 16x16 threads, per C tile):
//   1. scf.forall over 128x128 tiles of C (64x64 when M or N < 128) mapped
//      to #gpu.block<y>/<x>; the zero-fill of C is fused in and spread
//      over the threads.
//   2. scf.for over K in steps of 16.
//   3. (bufferized) the A and B tiles of one K step are promoted to shared
//      memory (#gpu.address_space<workgroup>), the copies spread over the
//      threads, then the product: each thread a piece of the C tile.
//      map_nested_forall_to_threads puts a gpu.barrier after each thread
//      loop, so the copies are complete before the product and the product
//      is done before the next copy.
//   Register tiles (tiles that are static, i.e. M and N multiples of the
//   tile size and K a multiple of 16): each thread owns an 8x8 (128x128
//   tiles) or 4x4 (64x64) block of C, kept in registers across the whole
//   K loop (vectorized, then hoisted out of the loops by
//   @lower_register_tiles); per K step of 4 it reads 4-wide slices of A
//   and B from shared memory with 16-byte loads and issues 8x8x4 (4x4x4)
//   FMAs; the copies into shared memory are 16-byte vector loads and
//   stores (2x4 or 1x4 elements per thread, consecutive threads on
//   consecutive addresses). pk-gpu-pipeline gives the vector accesses
//   their provable alignment (ld.global.v4 / ld.shared.v4 in the PTX).
//   Other tiles (partial, dynamic) stay scalar: 4x4 or 8x8 loops per thread
//   with guards.
// Batch matmul: 64x64 tiles per batch index, K steps of 16, shared-memory
// tiles and 4x4 scalar thread pieces as above.
// Partial tiles keep static thread counts (num_threads tiling) and guard
// the remainder.
//
// Ops this recipe leaves alone (elementwise, reductions such as softmax,
// embedding bags) are mapped by pk-gpu-pipeline itself: their parallel
// loops become a grid of 256-thread blocks over the innermost dimension,
// one block row per outer index, reductions sequential per thread.
//
// A replacement recipe must keep both entry points (the second may be an
// empty sequence) and leave every scf.forall mapped to blocks or threads.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(
      %root: !transform.any_op {transform.readonly}) {
    // (foreach_match consumes its operand: give it handles of its own.)
    %mm_funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    %mm_scheduled = transform.foreach_match in %mm_funcs
        @match_large_matmul -> @tile_matmul_128,
        @match_matmul -> @tile_matmul
        : (!transform.any_op) -> !transform.any_op
    %bmms = transform.structured.match ops{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %bmms : !transform.any_op {
    ^bb0(%bmm: !transform.any_op):
      transform.include @tile_batch_matmul failures(propagate) (%bmm)
          : (!transform.any_op) -> ()
    }
    transform.yield
  }

  transform.named_sequence @match_matmul(
      %op: !transform.any_op {transform.readonly}) -> !transform.any_op {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    transform.yield %op : !transform.any_op
  }

  // 128x128 block tiles (8x8 per thread) when both M and N allow one
  // whole tile; smaller matmuls get 64x64 tiles and more blocks.
  transform.named_sequence @match_large_matmul(
      %op: !transform.any_op {transform.readonly}) -> !transform.any_op {
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
    %min = transform.param.constant 128 : i64 -> !transform.param<i64>
    transform.match.param.cmpi ge %m, %min : !transform.param<i64>
    transform.match.param.cmpi ge %n, %min : !transform.param<i64>
    transform.yield %op : !transform.any_op
  }

  transform.named_sequence @tile_matmul_128(
      %mm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm
        tile_sizes [128, 128] (mapping = [#gpu.block<y>, #gpu.block<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_fill_2d failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 16]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.annotate %panel "pk.gpu_promote" : !transform.any_op
    transform.yield
  }

  transform.named_sequence @tile_matmul(
      %mm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %mm
        tile_sizes [64, 64] (mapping = [#gpu.block<y>, #gpu.block<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_fill_2d failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 16]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.annotate %panel "pk.gpu_promote" : !transform.any_op
    transform.yield
  }

  transform.named_sequence @tile_batch_matmul(
      %bmm: !transform.any_op {transform.consumed}) {
    %tiled, %forall = transform.structured.tile_using_forall %bmm
        tile_sizes [1, 64, 64]
        (mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @fuse_fill_3d failures(suppress) (%forall)
        : (!transform.any_op) -> ()
    %panel, %loop_k = transform.structured.tile_using_for %tiled
        tile_sizes [0, 0, 0, 16]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.annotate %panel "pk.gpu_promote_batch" : !transform.any_op
    transform.yield
  }

  // The accumulator's zero-fill feeds the block loop's shared output: fuse
  // it so each block zeroes its own tile, one 4x4 piece per thread.
  transform.named_sequence @fuse_fill_2d(
      %forall: !transform.any_op {transform.readonly}) {
    %fill = transform.get_producer_of_operand %forall[0]
        : (!transform.any_op) -> !transform.any_op
    %fused, %forall2 = transform.structured.fuse_into_containing_op
        %fill into %forall
        : (!transform.any_op, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    %t, %threads = transform.structured.tile_using_forall %fused
        num_threads [16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }

  transform.named_sequence @fuse_fill_3d(
      %forall: !transform.any_op {transform.readonly}) {
    %fill = transform.get_producer_of_operand %forall[0]
        : (!transform.any_op) -> !transform.any_op
    %fused, %forall2 = transform.structured.fuse_into_containing_op
        %fill into %forall
        : (!transform.any_op, !transform.any_op)
        -> (!transform.any_op, !transform.any_op)
    %t, %threads = transform.structured.tile_using_forall %fused
        num_threads [0, 16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }

  transform.named_sequence @__transform_bufferized(
      %root: !transform.any_op {transform.readonly}) {
    %tiles128 = transform.collect_matching @match_tile_128 in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles128 : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @register_tile_matmul_128 failures(propagate) (%mm)
          : (!transform.any_op) -> ()
    }
    %tiles64 = transform.collect_matching @match_tile_64 in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles64 : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @register_tile_matmul_64 failures(propagate) (%mm)
          : (!transform.any_op) -> ()
    }
    %mms = transform.structured.match ops{["linalg.matmul"]}
        attributes {pk.gpu_promote} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %mms : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @promote_matmul failures(propagate) (%mm)
          : (!transform.any_op) -> ()
    }
    %bmms = transform.structured.match ops{["linalg.batch_matmul"]}
        attributes {pk.gpu_promote_batch} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %bmms : !transform.any_op {
    ^bb0(%bmm: !transform.any_op):
      transform.include @promote_batch_matmul failures(propagate) (%bmm)
          : (!transform.any_op) -> ()
    }
    // Every block-mapped loop becomes a gpu.launch of 16x16 threads.
    %grids2 = transform.structured.match ops{["scf.forall"]}
        attributes {mapping = [#gpu.block<y>, #gpu.block<x>]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %grids2 : !transform.any_op {
    ^bb0(%forall: !transform.any_op):
      transform.include @map_blocks failures(propagate) (%forall)
          : (!transform.any_op) -> ()
    }
    %grids3 = transform.structured.match ops{["scf.forall"]}
        attributes {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
        in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %grids3 : !transform.any_op {
    ^bb0(%forall: !transform.any_op):
      transform.include @map_blocks failures(propagate) (%forall)
          : (!transform.any_op) -> ()
    }
    // (Scalar code has no vector transfers: this only touches the register
    // tiles.)
    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.include @lower_register_tiles failures(propagate) (%funcs)
        : (!transform.any_op) -> ()
    transform.yield
  }

  // The register tiles' vector code: subviews folded into the accesses,
  // then every accumulator read/write pair of C hoisted out of the K loops
  // (the accumulator becomes a loop-carried vector: registers), contractions
  // lowered to outer products (FMAs on broadcast A elements and B rows),
  // and n-D transfers unrolled into 1-D vector loads and stores.
  transform.named_sequence @lower_register_tiles(
      %funcs: !transform.any_op {transform.consumed}) {
    transform.apply_patterns to %funcs {
      transform.apply_patterns.memref.fold_memref_alias_ops
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %funcs : !transform.any_op
    %hoisted = transform.structured.hoist_redundant_vector_transfers %funcs
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %hoisted {
      transform.apply_patterns.vector.lower_contraction
          lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.transfer_to_scf
          max_transfer_rank = 1 full_unroll = true
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.vector.lower_transpose
      transform.apply_patterns.vector.lower_broadcast
      transform.apply_patterns.vector.lower_shape_cast
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %hoisted : !transform.any_op
    transform.yield
  }

  // A promoted block tile whose shape is static: M x N x 16 with M = N =
  // `size` (the grid tiling divided the matmul evenly).
  transform.named_sequence @match_tile_128(
      %op: !transform.any_op {transform.readonly}) -> !transform.any_op {
    %size = transform.param.constant 128 : i64 -> !transform.param<i64>
    transform.include @match_static_tile failures(propagate) (%op, %size)
        : (!transform.any_op, !transform.param<i64>) -> ()
    transform.yield %op : !transform.any_op
  }

  transform.named_sequence @match_tile_64(
      %op: !transform.any_op {transform.readonly}) -> !transform.any_op {
    %size = transform.param.constant 64 : i64 -> !transform.param<i64>
    transform.include @match_static_tile failures(propagate) (%op, %size)
        : (!transform.any_op, !transform.param<i64>) -> ()
    transform.yield %op : !transform.any_op
  }

  transform.named_sequence @match_static_tile(
      %op: !transform.any_op {transform.readonly},
      %size: !transform.param<i64> {transform.readonly}) {
    transform.match.operation_name %op ["linalg.matmul"] : !transform.any_op
    %m, %n, %k = transform.match.structured failures(propagate) %op
        : (!transform.any_op)
        -> (!transform.param<i64>, !transform.param<i64>, !transform.param<i64>) {
    ^bb0(%s: !transform.any_op):
      %dm = transform.match.structured.dim %s[0]
          : (!transform.any_op) -> !transform.param<i64>
      %dn = transform.match.structured.dim %s[1]
          : (!transform.any_op) -> !transform.param<i64>
      %dk = transform.match.structured.dim %s[2]
          : (!transform.any_op) -> !transform.param<i64>
      transform.match.structured.yield %dm, %dn, %dk
          : !transform.param<i64>, !transform.param<i64>, !transform.param<i64>
    }
    %c16 = transform.param.constant 16 : i64 -> !transform.param<i64>
    transform.match.param.cmpi eq %m, %size : !transform.param<i64>
    transform.match.param.cmpi eq %n, %size : !transform.param<i64>
    transform.match.param.cmpi eq %k, %c16 : !transform.param<i64>
    transform.yield
  }

  // 128x128 tile: each thread an 8x8 register tile; the copies move 2x4
  // elements per thread (two 16-byte loads of f32).
  transform.named_sequence @register_tile_matmul_128(
      %mm: !transform.any_op {transform.consumed}) {
    %loop, %product = transform.include @promote_for_register_tile
        failures(propagate) (%mm)
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %copies = transform.structured.match ops{["linalg.copy"]} in %loop
        : (!transform.any_op) -> !transform.any_op
    %ct, %cthreads = transform.structured.tile_using_forall %copies
        tile_sizes [2, 4]
        (mapping = [#gpu.thread<linear_dim_1>, #gpu.thread<linear_dim_0>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @vectorize_register_tile failures(propagate)
        (%loop, %product, %ct)
        : (!transform.any_op, !transform.any_op, !transform.any_op) -> ()
    transform.yield
  }

  // 64x64 tile: each thread a 4x4 register tile, copies of 1x4 elements.
  transform.named_sequence @register_tile_matmul_64(
      %mm: !transform.any_op {transform.consumed}) {
    %loop, %product = transform.include @promote_for_register_tile
        failures(propagate) (%mm)
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %copies = transform.structured.match ops{["linalg.copy"]} in %loop
        : (!transform.any_op) -> !transform.any_op
    %ct, %cthreads = transform.structured.tile_using_forall %copies
        tile_sizes [1, 4]
        (mapping = [#gpu.thread<linear_dim_1>, #gpu.thread<linear_dim_0>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.include @vectorize_register_tile failures(propagate)
        (%loop, %product, %ct)
        : (!transform.any_op, !transform.any_op, !transform.any_op) -> ()
    transform.yield
  }

  // Operand tiles to shared memory; the product over 16x16 threads, each
  // thread's piece split into steps of 4 along K (registers for a 4-wide
  // slice of A and B, not the whole 16-deep panel).
  transform.named_sequence @promote_for_register_tile(
      %mm: !transform.any_op {transform.consumed})
      -> (!transform.any_op, !transform.any_op) {
    %loop = transform.get_parent_op %mm {op_name = "scf.forall"}
        : (!transform.any_op) -> !transform.any_op
    %promoted = transform.structured.promote %mm
        {operands_to_promote = [0, 1],
         memory_space = #gpu.address_space<workgroup>}
        : (!transform.any_op) -> !transform.any_op
    %t, %threads = transform.structured.tile_using_forall %promoted
        num_threads [16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %tk, %loop_kk = transform.structured.tile_using_for %t
        tile_sizes [0, 0, 4]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield %loop, %tk : !transform.any_op, !transform.any_op
  }

  // Vectors for the thread tiles: the copies become vector loads/stores,
  // the product a vector.contract (outer products of FMAs once lowered),
  // the accumulator's zero-fill a vector store. @lower_register_tiles then
  // keeps the accumulator in registers across the K loop.
  transform.named_sequence @vectorize_register_tile(
      %loop: !transform.any_op {transform.readonly},
      %product: !transform.any_op {transform.consumed},
      %copies: !transform.any_op {transform.consumed}) {
    %fills = transform.structured.match ops{["linalg.fill"]} in %loop
        : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %copies : !transform.any_op
    transform.structured.vectorize %product {create_named_contraction}
        : !transform.any_op
    transform.structured.vectorize %fills : !transform.any_op
    transform.yield
  }

  transform.named_sequence @promote_matmul(
      %mm: !transform.any_op {transform.consumed}) {
    %loop = transform.get_parent_op %mm {op_name = "scf.forall"}
        : (!transform.any_op) -> !transform.any_op
    %promoted = transform.structured.promote %mm
        {operands_to_promote = [0, 1],
         memory_space = #gpu.address_space<workgroup>}
        : (!transform.any_op) -> !transform.any_op
    %t, %threads = transform.structured.tile_using_forall %promoted
        num_threads [16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %copies = transform.structured.match ops{["linalg.copy"]} in %loop
        : (!transform.any_op) -> !transform.any_op
    %ct, %cthreads = transform.structured.tile_using_forall %copies
        num_threads [16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }

  transform.named_sequence @promote_batch_matmul(
      %bmm: !transform.any_op {transform.consumed}) {
    %loop = transform.get_parent_op %bmm {op_name = "scf.forall"}
        : (!transform.any_op) -> !transform.any_op
    %promoted = transform.structured.promote %bmm
        {operands_to_promote = [0, 1],
         memory_space = #gpu.address_space<workgroup>}
        : (!transform.any_op) -> !transform.any_op
    %t, %threads = transform.structured.tile_using_forall %promoted
        num_threads [0, 16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %copies = transform.structured.match ops{["linalg.copy"]} in %loop
        : (!transform.any_op) -> !transform.any_op
    %ct, %cthreads = transform.structured.tile_using_forall %copies
        num_threads [0, 16, 16] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }

  transform.named_sequence @map_blocks(
      %forall: !transform.any_op {transform.consumed}) {
    %launch = transform.gpu.map_forall_to_blocks %forall generate_gpu_launch
        : (!transform.any_op) -> !transform.any_op
    transform.gpu.map_nested_forall_to_threads %launch
        block_dims = [16, 16, 1]
        : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}
