// perfkernel default GPU recipe (NVIDIA, any sm_70+). pk-gpu-pipeline runs
// it in two stages:
//
//   @__transform_main        on linalg on tensors, after pk-lower-to-linalg:
//                            the tiling that decides the grid.
//   @__transform_bufferized  on memrefs, after one-shot bufferization:
//                            shared-memory promotion, thread tiles, and the
//                            mapping of scf.forall to gpu.launch.
//
// Matmul / batch matmul schedule (one 256-thread block per 64x64 tile of C):
//   1. scf.forall over 64x64 tiles of C mapped to #gpu.block<y>/<x> (and
//      <z> for the batch); the zero-fill of C is fused in and spread over
//      the 16x16 threads.
//   2. scf.for over K in steps of 16.
//   3. (bufferized) the 64x16 tile of A and the 16x64 tile of B are promoted
//      to shared memory (#gpu.address_space<workgroup>); each copy is spread
//      over the 16x16 threads, then the matmul: every thread computes a 4x4
//      piece of the C tile from shared memory. map_nested_forall_to_threads
//      puts a gpu.barrier after each thread loop, so the copies are complete
//      before the multiply and the multiply is done before the next copy.
// Partial tiles (sizes not multiples of 64/16) keep static thread counts
// (num_threads tiling) and guard the remainder.
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
    %matmuls = transform.structured.match ops{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %matmuls : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      transform.include @tile_matmul failures(propagate) (%mm)
          : (!transform.any_op) -> ()
    }
    %bmms = transform.structured.match ops{["linalg.batch_matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %bmms : !transform.any_op {
    ^bb0(%bmm: !transform.any_op):
      transform.include @tile_batch_matmul failures(propagate) (%bmm)
          : (!transform.any_op) -> ()
    }
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
