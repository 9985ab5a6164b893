//===- Passes.td - perfkernel GPU passes -------------------*- tablegen -*-===//
//
// The passes of pk-gpu-pipeline (lib/Transforms/GPU), in pipeline order.
// Each one makes sense between two specific steps of the pipeline; the
// descriptions say which.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TRANSFORMS_GPU_PASSES_TD
#define PK_TRANSFORMS_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def PKGPUVerifyTarget : Pass<"pk-gpu-verify-target", "::mlir::ModuleOp"> {
  let summary = "Check the GPU target and binary format before lowering";
  let description = [{
    Fails with an error at the module's location when the NVPTX backend
    does not know the chip or a feature, when the PTX version is one the
    chip does not support (the backend itself would end the process), when
    the optimization level is not 0 to 3, when a given CUDA path is not a
    directory, or when the format is not `isa`, `bin` or `fatbin`. Runs
    first in `pk-gpu-pipeline`, before anything is lowered. Changes nothing.

    ```
    pk-opt --pk-gpu-verify-target="chip=sm_80 features=+ptx70" in.mlir
    ```
  }];
  let options = [
    Option<"chip", "chip", "std::string",
           /*default=*/"::mlir::pk::kDefaultGPUChip.str()",
           "NVIDIA GPU architecture (sm_XX)">,
    Option<"features", "features", "std::string",
           /*default=*/"::mlir::pk::kDefaultGPUFeatures.str()",
           "NVPTX target features (PTX version), e.g. +ptx80">,
    Option<"optLevel", "opt-level", "unsigned",
           /*default=*/"::mlir::pk::kDefaultGPUOptLevel",
           "LLVM optimization level of the device code (0-3)">,
    Option<"cudaPath", "cuda-path", "std::string", /*default=*/"\"\"",
           "CUDA toolkit (default: the environment, else the one found at "
           "build time)">,
    Option<"format", "format", "std::string", /*default=*/"\"isa\"",
           "Kernel object format: isa, bin or fatbin">
  ];
}

def PKGPUFuseAttention
    : Pass<"pk-gpu-fuse-attention", "::mlir::func::FuncOp"> {
  let summary = "Fused attention on NVIDIA GPUs (FlashAttention-2 style)";
  let description = [{
    Rewrites the attentions `pk-fuse-attention` matches (`pk.attention`, or
    the same computation in linalg on tensors: scale, additive mask, causal
    select, K pre-transposed) into one `gpu.launch`: a thread block per
    (batch..., tile of query rows), `lanes` threads per query row (1 for
    head dimensions up to 64, 2 up to 128, ...; partial dot products are
    combined with warp shuffles). Each thread keeps its slice of the scaled
    query row, the running row maximum and sum and its slice of the output
    accumulator in registers (f32); key and value tiles of `key-tile` rows
    are streamed through shared memory (converted to f32 once per block,
    read back as 16-byte vectors), with a barrier after each load and each
    use. The N×N scores are never materialised. With `causal`, tiles after
    a block's last query are never loaded. f16, bf16 and f32 operands; the
    result is converted to its type at the end, a row whose every score is
    -inf is 0.

    The kernel reads its operands through `bufferization.to_buffer` and
    writes a fresh buffer returned with `bufferization.to_tensor`, so it
    runs before one-shot bufferization (first step of `pk-gpu-pipeline`).
    Attentions it cannot map (shared-memory tiles over 48 KiB even with one
    key per tile) are left alone.

    ```
    pk-opt --pk-gpu-fuse-attention="threads=128 key-tile=32" in.mlir
    ```
  }];
  let options = [
    Option<"threads", "threads", "int64_t", /*default=*/"128",
           "Threads per block: a multiple of 32, at most 1024">,
    Option<"keyTile", "key-tile", "int64_t", /*default=*/"32",
           "Keys per shared-memory tile (1 to 256; reduced so the K and V "
           "tiles fit in 48 KiB)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def PKGPUApplyRecipe : Pass<"pk-gpu-apply-recipe", "::mlir::ModuleOp"> {
  let summary = "Run one entry point of the GPU recipe";
  let description = [{
    Runs the named sequence `entry` of a transform-dialect recipe (the
    built-in `recipes/gpu-default.mlir` unless `recipe` names a file) on
    the module. `pk-gpu-pipeline` runs `__transform_main` on tensors (matmuls
    tiled into block-mapped `scf.forall` loops) and `__transform_bufferized`
    after bufferization (shared-memory promotion, thread tiles,
    `gpu.launch`). A recipe without the entry, or one that fails, is an
    error.

    ```
    pk-opt --pk-gpu-apply-recipe="entry=__transform_main" in.mlir
    ```
  }];
  let options = [
    Option<"recipe", "recipe", "std::string", /*default=*/"\"\"",
           "Transform-dialect recipe file replacing recipes/gpu-default.mlir">,
    Option<"entry", "entry", "std::string",
           /*default=*/"\"__transform_main\"",
           "Named sequence of the recipe to run">
  ];
  let dependentDialects = ["::mlir::transform::TransformDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def PKGPUPreparePromotion
    : Pass<"pk-gpu-prepare-promotion", "::mlir::func::FuncOp"> {
  let summary = "Give whole-buffer operands of promoted ops an identity subview";
  let description = [{
    Linalg promotion only promotes operands that are subviews. A matmul
    small enough that its block tile is the whole operand reads the buffer
    directly, so each static-shaped memref input of a linalg op the recipe
    marked for promotion (`pk.gpu_promote`, `pk.gpu_promote_batch`) that is
    not already a subview is replaced by a subview of all of it. Runs after
    bufferization, right before the recipe's `__transform_bufferized`
    (before any canonicalization, which would fold the subviews away).

    ```
    pk-opt --pk-gpu-prepare-promotion in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def PKGPUKernelLinalgToLoops
    : Pass<"pk-gpu-kernel-linalg-to-loops", "::mlir::func::FuncOp"> {
  let summary = "Lower linalg ops inside kernels and parallel loops to loops";
  let description = [{
    Linalg ops inside a `gpu.launch` (a thread's tile, shared-memory copies)
    or nested in an `scf.parallel` (a row update inside an embedding bag's
    loop over bags) become sequential `scf.for` loops: they run within one
    thread, and parallel loops there would be mapped to the grid a second
    time. Other linalg ops are left for `convert-linalg-to-parallel-loops`.

    ```
    pk-opt --pk-gpu-kernel-linalg-to-loops in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect"];
}

def PKGPUTileParallelLoops
    : Pass<"pk-gpu-tile-parallel-loops", "::mlir::func::FuncOp"> {
  let summary = "Tile host parallel loops into blocks of threads";
  let description = [{
    Each outermost `scf.parallel` outside a `gpu.launch` (ops no recipe
    scheduled) is tiled so its innermost dimension runs in tiles of
    `threads-per-block` iterations and every other index gets a tile of
    one: `gpu-map-parallel-loops` then maps the outer loop to blocks and
    the inner one to threads. Bounds stay constant (an `scf.if` guard
    replaces min/max) because `convert-parallel-loops-to-gpu` needs static
    thread counts.

    ```
    pk-opt --pk-gpu-tile-parallel-loops="threads-per-block=128" in.mlir
    ```
  }];
  let options = [
    Option<"threadsPerBlock", "threads-per-block", "int64_t",
           /*default=*/"256", "Threads per block (1 to 1024)">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def PKGPUDataPlacement
    : Pass<"pk-gpu-data-placement", "::mlir::func::FuncOp"> {
  let summary = "Put every buffer a kernel touches in device memory";
  let description = [{
    After the kernels are `gpu.launch` regions, before outlining:
     - host code that still reads or writes buffers (an embedding bag's
       offset computation) moves into a one-thread `gpu.launch`; scalars it
       computes for later kernels travel through a one-element buffer;
     - host `memref.alloc` (temporaries) become `gpu.alloc`, freed with
       `gpu.dealloc` at the end of their block; host `memref.copy` becomes
       `gpu.memcpy`;
     - memref arguments: with `device-arguments` they already are device
       pointers; otherwise each is copied to a device buffer on entry, and
       back on exit unless nothing writes it;
     - `memref.alloc` in workgroup memory inside a `gpu.launch` (promoted
       tiles) becomes a workgroup attribution of that launch; a small static
       per-thread temporary becomes a `memref.alloca`.
    Consecutive kernels therefore share device buffers; the only host copies
    are at function entry and exit. A host op that still reads or writes a
    buffer, a non-contiguous argument (without `device-arguments`) and a
    dynamic or non-workgroup allocation in a kernel are errors.

    ```
    pk-opt --pk-gpu-data-placement="device-arguments=true" in.mlir
    ```
  }];
  let options = [
    Option<"deviceArguments", "device-arguments", "bool", /*default=*/"false",
           "The function's memref arguments are device pointers">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::memref::MemRefDialect"];
}

def PKGPUMergeKernelModules
    : Pass<"pk-gpu-merge-kernel-modules", "::mlir::ModuleOp"> {
  let summary = "Gather the outlined kernels into one gpu.module";
  let description = [{
    Outlining makes one `gpu.module` per kernel; this moves the kernels of
    every later module into the first one, so they are compiled (and loaded
    by the runtime) as one object and `--pk-to-ptx` prints one PTX text.
    Symbols several kernels cloned in (constant globals) are kept once; a
    kernel whose name is taken takes its old module's name, and every
    `gpu.launch_func` is redirected.

    ```
    pk-opt --gpu-kernel-outlining --pk-gpu-merge-kernel-modules in.mlir
    ```
  }];
}

def PKGPUContractMultiplyAdd
    : Pass<"pk-gpu-contract-multiply-add", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Allow the NVPTX backend to fuse multiply-adds in kernels";
  let description = [{
    Marks every floating-point add or subtract of a product, and the
    product, with the `contract` fast-math flag, so the NVPTX backend fuses
    them into `fma.rn` (nvcc's default, `-fmad=true`): one instruction and
    one rounding instead of two. Linalg's payloads (a matmul's `c + a * b`)
    and lowered elementwise code come without fast-math flags, and LLVM
    fuses nothing it is not allowed to.

    ```
    pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-contract-multiply-add))" in.mlir
    ```
  }];
}

def PKGPUAlignWorkgroupBuffers
    : Pass<"pk-gpu-align-workgroup-buffers", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Align shared-memory buffers of kernels to 16 bytes";
  let description = [{
    Gives every workgroup attribution of a `gpu.func` without an
    `llvm.align` attribute an alignment of 16 bytes, so kernels may read
    shared memory as 16-byte vectors (`ld.shared.v4`, as the fused
    attention kernel does); the NVVM lowering would otherwise align them to
    their element type only.

    ```
    pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-align-workgroup-buffers))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def PKGPUAlignVectorAccesses
    : Pass<"pk-gpu-align-vector-accesses", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Give vector loads and stores in kernels their proven alignment";
  let description = [{
    Sets `alignment` on `vector.load`/`vector.store` in kernels to what
    their address provably has (at most 16 bytes), so the NVPTX backend
    emits 16-byte `ld/st.global.v4` and `ld/st.shared.v4` instead of one
    access per element. The base of a kernel argument is assumed 16-byte
    aligned (`cuMemAlloc` and `gpu.alloc` return at least 256-byte aligned
    memory; `pk-gpu-pipeline` passes arguments with an identity layout), as
    are workgroup buffers (`pk-gpu-align-workgroup-buffers`); the offset
    within the buffer must be provably a multiple: static strides and
    offset, and indices built from constants, loop induction variables,
    `+`, `*` and affine maps. Accesses that already have an alignment are
    left alone.

    ```
    pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-align-vector-accesses))" in.mlir
    ```
  }];
}

#endif // PK_TRANSFORMS_GPU_PASSES_TD
