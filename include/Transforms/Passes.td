//===- Passes.td - perfkernel transformation passes --------*- tablegen -*-===//

#ifndef PK_TRANSFORMS_PASSES_TD
#define PK_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def PKDecomposeAggregates : Pass<"pk-decompose-aggregates"> {
  let summary = "Decompose aggregate linalg ops (linalg.softmax) into generics";
  let description = [{
    Ops implementing `AggregatedOpInterface`, such as `linalg.softmax`, are
    one op to pattern matchers but have no loop lowering of their own; this
    pass replaces each with its decomposition into `linalg.generic`
    reductions and elementwise ops so tiling, vectorization and loop
    lowering can handle them.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def PKApplyRecipe : Pass<"pk-apply-recipe", "::mlir::ModuleOp"> {
  let summary = "Apply a schedule recipe (a transform-dialect script)";
  let description = [{
    A recipe is a transform-dialect module whose `@__transform_main` named
    sequence schedules the linalg ops of the payload (tiling to `scf.forall`
    for parallel dimensions, `scf.for` for reductions, vectorization). Without
    `recipe`, a built-in recipe chosen for the host CPU is used:
    `recipes/cpu-default.mlir` with AVX-512, `recipes/cpu-avx2.mlir`
    otherwise (their register tiles are sized for 32 and 16 vector
    registers).

    ```
    pk-opt --pk-lower-to-linalg --pk-apply-recipe=recipe=my-recipe.mlir in.mlir
    ```
  }];
  let options = [
    Option<"recipe", "recipe", "std::string", /*default=*/"\"\"",
           "Path of a transform-dialect recipe file (default: the built-in CPU "
           "recipe for the host)">
  ];
}

def PKHoistVectorTransfers
    : Pass<"pk-hoist-vector-transfers", "::mlir::func::FuncOp"> {
  let summary = "Keep loop-invariant vector transfers (accumulators) in registers";
  let description = [{
    On tensors, after a recipe has tiled and vectorized: a
    `vector.transfer_read`/`transfer_write` pair (and the enclosing
    `tensor.extract_slice`/`insert_slice` pair) on a loop-invariant slice of
    a loop-carried tensor, such as a GEMM accumulator tile read and written
    on every K step, is hoisted out of the loop so its value is carried in
    registers through `iter_args`. Inner loops are processed first.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def PKSequentializeNestedParallel
    : Pass<"pk-sequentialize-nested-parallel", "::mlir::func::FuncOp"> {
  let summary = "Keep one level of parallel loops, coarse enough to vectorize within";
  let description = [{
    Only the outermost `scf.parallel` of a nest becomes an OpenMP parallel
    region; an inner one (say the loops of a linalg op fused into a tile
    that is already distributed over threads) would otherwise become a
    nested `omp.parallel`, which oversubscribes the cores. This pass rewrites
    every `scf.parallel` that has an `scf.parallel` or `scf.forall` ancestor
    into sequential `scf.for` loops.

    An outermost `scf.parallel` over a loop-free body (an unscheduled
    elementwise op or transpose) would otherwise be collapsed into one
    OpenMP loop with a single element per iteration, recovering its indices
    by division and leaving nothing for LLVM to vectorize. It keeps only the
    shortest prefix of dimensions whose iterations reach
    `min-parallel-iterations` (dynamic extents count as enough), and never
    the innermost one; the other dimensions become `scf.for` loops inside.

    ```
    pk-opt --pk-sequentialize-nested-parallel="min-parallel-iterations=64" in.mlir
    ```
  }];
  let options = [
    Option<"minParallelIterations", "min-parallel-iterations", "unsigned",
           /*default=*/"64",
           "Parallel iterations an outermost loop-free scf.parallel keeps "
           "at least (0: keep every dimension parallel)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def PKConvNCHWToNHWC : Pass<"pk-conv-nchw-to-nhwc", "::mlir::func::FuncOp"> {
  let summary = "Compute NCHW convolutions in NHWC/HWCF layout";
  let description = [{
    Rewrites each `linalg.conv_2d_nchw_fchw` on tensors into transposes of
    its input (to NHWC), filter (to HWCF) and accumulator, a
    `linalg.conv_2d_nhwc_hwcf`, and a transpose of the result back to NCHW.
    In NHWC the filter's output-channel dimension is contiguous, so the
    convolution vectorizes along it with plain vector loads; in FCHW every
    filter vector would be a strided gather. The transposes are memory
    bound and cheap next to the convolution; a transposed zero fill folds
    away.

    ```
    pk-opt --pk-lower-to-linalg --pk-conv-nchw-to-nhwc --canonicalize in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKProtectTensorArguments
    : Pass<"pk-protect-tensor-arguments", "::mlir::func::FuncOp"> {
  let summary = "Keep the buffers behind tensor arguments read-only";
  let description = [{
    A tensor is a value: the buffer a caller passes for a tensor argument
    must be unchanged after the call. One-shot bufferization treats function
    arguments as writable and may compute a result in place in an argument's
    buffer; this pass marks every tensor argument
    `bufferization.writable = false` (unless it already says otherwise), so
    such results get their own buffers. Both pk pipelines run it before
    bufferization.

    ```
    pk-opt --pk-protect-tensor-arguments in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def PKApproximateMath : Pass<"pk-approximate-math", "::mlir::func::FuncOp"> {
  let summary = "Polynomial approximations for exp, tanh, log, erf, ... (vectorizable)";
  let description = [{
    Rewrites `math` ops on f32 (scalars and vectors; f16/bf16 are computed in
    f32) into upstream MLIR's polynomial approximations made of plain
    arithmetic. Lowered as is, `math.exp` or `math.tanh` become calls into
    libm one element at a time, which stops both the vectorized kernels and
    LLVM's loop vectorizer; the polynomials vectorize. `pk-cpu-pipeline`
    runs this pass; `pk-reference-pipeline` keeps libm, so `pk-run`
    compares the approximations against it. Measured error bounds are in
    docs/perfkernels.md ("sigmoid and tanh").

    ```
    pk-opt --pk-approximate-math in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif // PK_TRANSFORMS_PASSES_TD
