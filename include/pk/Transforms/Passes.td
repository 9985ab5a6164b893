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
    `recipe`, the built-in `recipes/cpu.mlir` is used. A recipe entry that
    takes `(%root, %mr, %nr)` gets the module target's register tile as
    `!transform.param<i64>` values (MR rows x NR floats: 8 x 32 for
    x86-64-v4, 4 x 16 for x86-64-v3); other entries take only `%root`.

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

def PKFuseMultiplyAdd : Pass<"pk-fuse-multiply-add", "::mlir::func::FuncOp"> {
  let summary = "Fuse vector multiply and add into vector.fma";
  let description = [{
    A vector `arith.addf` of an accumulator and a single-use vector
    `arith.mulf` becomes `vector.fma`. Vectorized contractions whose
    reduction dimension is tiled to one (packed GEMM register tiles) produce
    that pair without fast-math flags, so LLVM would keep two instructions
    (and two roundings) where the hardware has one. An accumulator is a
    loop-carried value, a vector read from memory or an earlier sum; other
    sums (an elementwise `x * 0.1 + i`) and scalar code are left alone, so
    they round as `pk-reference-pipeline` and NumPy do.

    ```
    pk-opt --pk-fuse-multiply-add in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def PKDistinctResultBuffers
    : Pass<"pk-distinct-result-buffers", "::mlir::func::FuncOp"> {
  let summary = "Give a result returned more than once a buffer of its own";
  let description = [{
    After bufferization, before `buffer-results-to-out-params`: where a
    `func.return` returns the same buffer a second time (a function returning
    one tensor twice, or two computations CSE merged), the repeat becomes a
    copy into a new `memref.alloc`, so each result gets its own out-parameter
    and callers never receive aliased results. A repeated result that is
    not an identity-layout ranked memref is an error.

    ```
    pk-opt --one-shot-bufferize=bufferize-function-boundaries --pk-distinct-result-buffers in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def PKForwardResultCopies
    : Pass<"pk-forward-result-copies", "::mlir::func::FuncOp"> {
  let summary = "Compute results in their out-parameters instead of copying";
  let description = [{
    After `buffer-results-to-out-params`: a copy of a function-local
    `memref.alloc` (directly or through one `memref.collapse_shape` /
    `memref.expand_shape`) into an out-parameter is removed, and the
    allocation becomes the out-parameter reshaped back to the allocation's
    shape. Applies when the out-parameter has no other use and nothing
    uses the allocation after the copy; identity layouts and static shapes
    only. A packed GEMM, whose C is unpacked into a tiled buffer and
    returned as its collapse, then writes the caller's buffer directly.

    ```
    pk-opt --buffer-results-to-out-params --pk-forward-result-copies in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
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
  let summary = "Polynomial approximations for exp, tanh, log, erf, powf, ... (vectorizable)";
  let description = [{
    Rewrites `math` ops on f32 (scalars and vectors; f16/bf16 are computed in
    f32) into upstream MLIR's polynomial approximations made of plain
    arithmetic. Lowered as is, `math.exp` or `math.tanh` become calls into
    libm one element at a time, which stops both the vectorized kernels and
    LLVM's loop vectorizer; the polynomials vectorize. `math.powf` is
    first expanded to `exp(b·log|a|)` with C's `pow` semantics (a negative
    base with an integral exponent takes the sign of `(-1)^b`, with any
    other exponent it is NaN; `b = 0` gives 1), so it vectorizes too
    (Box-Cox). `pk-cpu-pipeline`
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

def PKFoldBatchNorm : Pass<"pk-fold-batch-norm", "::mlir::func::FuncOp"> {
  let summary = "Fold inference batch norm into the preceding convolution";
  let description = [{
    `pk.batch_norm(pk.conv2d(x, w, b))` with matching layouts becomes one
    `pk.conv2d(x, w', b')` with, per output channel f,
    `s = γ[f] / √(var[f] + ε)`, `w'[f] = w[f] · s` and
    `b'[f] = (b[f] − mean[f]) · s + β[f]` (`b = 0` without a bias). When the
    filter, bias and statistics are constants the new ones are constants
    (computed in double precision, rounded once); otherwise they are
    computed by small per-channel `linalg.generic`s (cost: one pass over
    the filter). Only a convolution whose single user is the batch norm and
    which has no activation is folded: another user still needs the
    unnormalised result, and an activation does not commute with the
    affine map.

    ```
    pk-opt --pk-fold-batch-norm in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKFuseActivations : Pass<"pk-fuse-activations", "::mlir::func::FuncOp"> {
  let summary = "Fuse bias adds and activations into the producing conv/matmul";
  let description = [{
    Folds the elementwise op consuming a `pk.conv2d` or `pk.matmul` into
    its `bias` operand or `activation` attribute, so the lowering applies it
    in one epilogue while the output tile is hot:

    - bias add: a `linalg.generic` adding a `[F]` tensor broadcast along
      the channel dimension of a convolution, or an `[N]` tensor along the
      last dimension of a matmul (when the producer has no bias yet);
    - ReLU: `arith.maximumf` with a splat `+0.0` constant, or a
      `linalg.generic` computing `maximumf(x, 0.0)`;
    - clip: `arith.minimumf(arith.maximumf(x, lo), hi)` with splat
      constants `lo <= hi`;
    - `pk.sigmoid`, `pk.tanh`.

    The producer's result must have no other user and no activation yet.
    The activation is computed on the f32 accumulator before the result is
    rounded to f16/bf16 (more precise than the separate op).

    ```
    pk-opt --pk-fuse-activations in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def PKSinkTransposes : Pass<"pk-sink-transposes", "::mlir::func::FuncOp"> {
  let summary = "Move transposes past elementwise ops and pooling, into matmuls";
  let description = [{
    Transpose elimination on linalg on tensors:

    - an all-parallel `linalg.generic` whose full-rank operands are all
      results of the same `linalg.transpose` permutation (each used only
      there) or payload-unused `tensor.empty` outputs is computed in the
      source layout, followed by one transpose of its result (the other
      operands' indexing maps are permuted);
    - `linalg.pooling_nchw_max`/`_sum` of an NHWC → NCHW transpose becomes
      the NHWC pooling followed by the transpose of the (smaller) pooled
      result;
    - `transpose(tensor.pad(x))` with a constant padding value becomes a
      fill of the padded, transposed tensor and a transpose of `x` into its
      interior (one pass over the input instead of a padded copy too);
    - a 2-D `linalg.transpose` feeding `linalg.matmul` (or the last two
      dims of a batched one into `linalg.batch_matmul`) is folded into its
      indexing maps, and into `transpose_lhs`/`transpose_rhs` of `pk.matmul`.

    Transposes that meet another transpose cancel (canonicalization). After
    `pk-conv-nchw-to-nhwc`, this moves an NCHW network's convolution
    epilogue and pooling into NHWC next to the convolution, where a schedule
    can fuse them.

    ```
    pk-opt --pk-sink-transposes --canonicalize in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKNormalizeContractions
    : Pass<"pk-normalize-contractions", "::mlir::func::FuncOp"> {
  let summary = "Rewrite contractions in any form as linalg.matmul/batch_matmul";
  let description = [{
    A `linalg.generic` (or a named contraction other than `linalg.matmul`
    and `linalg.batch_matmul`) whose body is `acc + x1 * x2 * ... * xn`
    (or a sum of such products, each computed as a GEMM of its own and
    accumulated into the previous one's result, as syr2k's) is factored
    into an A side, a B side and a scale: each multiplicand
    joins the side whose parallel loops include its own, multiplicands
    that read no reduction loop form the scale, and upstream's
    `linalg::inferContractionDims` names the batch, m, n and k loops of the
    two sides. The op becomes

    - A in `[batch][m][k]` and B in `[batch][k][n]` order: the operand
      itself, a `linalg.transpose` of it, or a prologue `linalg.generic`
      computing the side's product (operands broadcast, converted or
      multiplied);
    - `linalg.matmul` (no batch loops) or `linalg.batch_matmul` on the
      collapsed dims (several m, n, k or batch loops are merged with
      `tensor.collapse_shape`), accumulating into the output itself when
      it is in `[batch][m][n]` order and there is no scale;
    - otherwise an epilogue `out = acc + scale * product` over the output.

    Transposed operands, scaled bodies (`alpha * a * b`), batch loops in
    any position and several reduction loops thus get the GEMM schedules
    of the recipe; the copies cost O(n^2) against the GEMM's O(n^3).
    Matrix-vector products (no m or no n loop), reductions with one side,
    bodies reading `linalg.index` and ops tagged `pk.*` are left as they
    are.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-normalize-contractions))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKSetTarget : Pass<"pk-set-target", "::mlir::ModuleOp"> {
  let summary = "Attach the #pk.target the module is compiled for";
  let description = [{
    Sets the module's `pk.target` attribute to the named target unless the
    module already has one (a target written in the IR wins). Known names:
    `x86-64-v4` (AVX-512, 32 vector registers), `x86-64-v3` (AVX2, 16) and
    `host` (this machine's ISA and cores). Named targets carry fixed cache
    sizes and core counts, so output compiled for them does not depend on
    the machine the compiler runs on. The schedule selection and the
    choice of built-in recipe read the target.

    ```
    pk-opt --pk-set-target=target=x86-64-v4 in.mlir
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"host\"",
           "Target name: host, x86-64-v3 or x86-64-v4">
  ];
  let dependentDialects = ["::mlir::pk::PKDialect"];
}

def PKSelectLoweringConfig
    : Pass<"pk-select-lowering-config", "::mlir::func::FuncOp"> {
  let summary = "Choose a #pk.lowering_config for every unscheduled linalg op";
  let description = [{
    Strategy selection from structure: every `linalg.generic`,
    `linalg.transpose`, `copy`, `broadcast`, `map`, `reduce`, `fill` and
    `elementwise` op on tensors that no schedule owns (no `pk.*` attribute,
    not inside a loop a recipe made) gets a `pk.lowering_config` chosen
    from its iterators, indexing maps, element types and static sizes and
    from the module's `#pk.target` (the host's without one):

    - all loops parallel (elementwise, broadcast, stencil sweeps): vectors
      of two registers along the loop the output is contiguous in, a block
      of 4 rows; a transpose (input and output contiguous along different
      loops): a tile of one register by half a register;
    - `inner_reduction` (the largest input is contiguous along a reduced
      loop: row sums, matrix-vector products): 4 rows at a time, each a
      vector along the reduction;
    - `outer_reduction` (contiguous along a parallel loop: column sums,
      transposed matrix-vector products): vector accumulators along it,
      one reduction step at a time.

    The outermost parallel loop of the output is split into about four
    OpenMP work items per core (nests under 16384 iterations are not
    split). Dynamic sizes get the same, masked, schedule. A config set by
    hand is kept; named GEMMs and convolutions are left to the recipe.

    ```
    pk-opt --pk-set-target=target=x86-64-v4 --pass-pipeline="builtin.module(func.func(pk-select-lowering-config))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::pk::PKDialect"];
}

def PKApplyLoweringConfig
    : Pass<"pk-apply-lowering-config", "::mlir::func::FuncOp"> {
  let summary = "Tile and vectorize linalg ops as their #pk.lowering_config says";
  let description = [{
    Each linalg op with a `pk.lowering_config` is tiled into an
    `scf.forall` of its `thread_tiles` (OpenMP work items), each work item
    into `scf.for` loops over register tiles of its `vector_sizes`, and
    each register tile is vectorized whole. Register loops are peeled, so
    only the last, partial tile of a loop has masks (or vectors of its
    static size). An `inner_reduction`'s reduction loops are split into
    partial reductions: vector accumulators per row, reduced across lanes
    once after the loop. An op on buffers, or a tile the vectorizer cannot handle,
    stays a correct scalar loop nest and a remark says so. The config
    attribute is removed once applied.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-apply-lowering-config))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
}

def PKStridedCopiesToLoops
    : Pass<"pk-strided-copies-to-loops", "::mlir::func::FuncOp"> {
  let summary = "Copies between non-contiguous memrefs as linalg.copy";
  let description = [{
    After bufferization: a `memref.copy` whose source or target is not a
    static contiguous row-major buffer (a stencil's interior written into
    its grid, a tile of a larger buffer) would lower to the runtime's
    element-by-element `memrefCopy`, which walks every element through its
    strides. It becomes a `linalg.copy`, so `convert-linalg-to-parallel-
    loops` makes it a parallel loop nest whose unit-stride inner loop LLVM
    vectorizes. Contiguous copies stay `memref.copy` (a `memcpy`).

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-strided-copies-to-loops))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def PKInsertIntoArgumentCopies
    : Pass<"pk-insert-into-argument-copies", "::mlir::func::FuncOp"> {
  let summary = "Inserts into tensor arguments copy only what they keep";
  let description = [{
    Before bufferization: `tensor.insert_slice %x into %arg` with `%arg` a
    statically shaped tensor argument (a stencil sweep putting its interior
    back into the grid) and a static unit-stride box is rebuilt on a new
    tensor that holds only the argument's elements outside the box (two
    slabs per dim, copied at the top of the function); empty-tensor
    elimination (`pk-eliminate-empty-tensors`) then computes `%x` in place
    in the new tensor's interior.
    Bufferized as it was, the whole argument was copied into the result and
    `%x`, computed in a temporary, copied over it.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-insert-into-argument-copies))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def PKEliminateEmptyTensors
    : Pass<"pk-eliminate-empty-tensors", "::mlir::func::FuncOp"> {
  let summary = "Ops whose result is inserted elsewhere compute it in place";
  let description = [{
    Before bufferization: upstream empty-tensor elimination on every
    `tensor.empty` use: an op whose `tensor.empty` init ends up inserted
    into a larger tensor (a stencil's interior into its grid, a result
    materialized into a kernel's memref argument) writes straight into that
    tensor's slice instead of a temporary copied there afterwards. Each use
    of a shared `tensor.empty` (CSE merges them) first gets its own, since
    upstream replaces only single-use empties.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-eliminate-empty-tensors))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKReadThroughInserts
    : Pass<"pk-read-through-inserts", "::mlir::func::FuncOp"> {
  let summary = "Reads of an inserted tensor after the insert read its destination";
  let description = [{
    Before bufferization: after `%r = tensor.insert_slice %s into %d[box]`,
    an op that still reads `%s` (canonicalization folds `extract_slice %r`
    of the same box back to `%s`; a stencil's second sweep reads the first
    sweep's result this way) is made to read `tensor.extract_slice %r[box]`
    instead: the same values, from the buffer that holds them. One-shot
    bufferization sees `%s`'s buffer written by the insert (a copy onto
    itself it cannot recognise) and would copy `%s` into a temporary before
    each such read.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-read-through-inserts))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def PKRaiseLoopsToLinalg
    : Pass<"pk-raise-loops-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Affine scf loop nests over memrefs become linalg.generic ops";
  let description = [{
    SDFG maps (after `convert-sdfg-to-scf`) and other `scf.for` /
    `scf.parallel` nests that read and write function arguments or
    allocations at indices affine in the loop variables become
    `linalg.generic` ops on memrefs, so the schedule selection sees them:
    each distinct access is an operand (a strided `memref.subview` whose
    offset is the loop-invariant part of the index), each written buffer an
    output, and loop dimensions missing from the outputs reductions (atomic
    updates, or sequential read-modify-writes). A nest is raised only if it
    is perfect and rectangular, reads a written buffer only at the point it
    writes, and has no other memory effects; buffers are assumed not to
    alias (as DaCe's generated code assumes). A nest whose outputs range
    over different loops becomes one op per set of outputs (unless one
    set's values read another's outputs). Other nests stay loops; the
    nests inside a loop that is not raised are tried on their own.

    ```
    pk-opt --convert-sdfg-to-scf --pk-raise-loops-to-linalg in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def PKLinalgBuffersToTensors
    : Pass<"pk-linalg-buffers-to-tensors", "::mlir::func::FuncOp"> {
  let summary = "Linalg ops on memrefs compute on tensors, in place";
  let description = [{
    Within a block, each run of linalg ops on memrefs that are function
    arguments, allocations or subviews of them (nothing else touching
    memory in between) becomes the same ops on tensors: each buffer is read
    once (`bufferization.to_tensor restrict writable`), a subview operand is
    a `tensor.extract_slice` of the buffer's current value, a result is
    inserted back (`tensor.insert_slice`), and each written buffer's last
    value is materialized in it (`bufferization.materialize_in_destination`)
    where the run ends. The ops then get schedules like any tensor op, and
    bufferization writes them in place. Buffers are assumed not to alias.

    ```
    pk-opt --pass-pipeline="builtin.module(func.func(pk-linalg-buffers-to-tensors))" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKFuseElementwise : Pass<"pk-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse elementwise producer/consumer linalg ops; fold constant ones";
  let description = [{
    Upstream linalg's elementwise fusion (`linalg.generic` producer into its
    `linalg.generic` consumer, one loop nest and no intermediate tensor) and
    constant folding of linalg ops on constants, as `linalg-fuse-elementwise-ops`
    does, but only where fusion saves work: the producer has one user, the
    consumer reads it at a permutation of its full iteration space (a
    producer broadcast along a consumer dimension would be recomputed for
    every element; a per-row scale fused into a per-element op recomputes a
    division per element), and neither op carries a `pk.*` tag a recipe
    schedules by. Upstream's pass also reshapes ops (expand_shape
    propagation), which the recipes do not expect.

    ```
    pk-opt --pk-fuse-elementwise in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def PKFuseConvPool : Pass<"pk-fuse-conv-pool", "::mlir::func::FuncOp"> {
  let summary = "Compute max-pooled convolutions tile by tile (conv + pool fusion)";
  let description = [{
    For a `linalg.pooling_nhwc_max` on tensors whose input is a
    `linalg.conv_2d_nhwc_hwcf`, directly or through one all-parallel
    `linalg.generic` epilogue (bias, activation), with static shapes and no
    other user of the convolution or epilogue: tiles the pooled output into
    an `scf.forall` (one image, `tile-rows` pooled rows, all columns,
    `tile-channels` channels per tile, each lowered to the largest divisor
    of its extent so all tiles have one static shape) and fuses the epilogue, the
    convolution and the fills of both accumulators into it. Each tile
    computes exactly the convolution rows its pooled rows need, applies the
    epilogue and pools them while they are in cache; the full-size
    convolution result is never stored. The input's padding and transposes
    stay outside (fused they would be recomputed for every tile's halo).

    The tile ops are tagged `pk.fused_conv`, `pk.fused_epilogue` and
    `pk.fused_pool`; the built-in recipes give them register tiles and
    vectorize them (a convolution tile is scheduled like any other NHWC
    convolution, without a second level of threads).

    ```
    pk-opt --pk-conv-nchw-to-nhwc --pk-sink-transposes --canonicalize \
        --pk-fuse-conv-pool="tile-rows=2 tile-channels=64" in.mlir
    ```
  }];
  let options = [
    Option<"tileRows", "tile-rows", "int64_t", /*default=*/"2",
           "Pooled output rows per tile (at most)">,
    Option<"tileChannels", "tile-channels", "int64_t", /*default=*/"64",
           "Channels per tile (at most)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def PKFuseAttention : Pass<"pk-fuse-attention", "::mlir::func::FuncOp"> {
  let summary = "Online-softmax attention: no N×N score matrix";
  let description = [{
    Rewrites attention, `pk.attention` or the same computation in linalg on
    tensors, into FlashAttention's online softmax: an `scf.forall` over
    (batch..., blocks of `block-size` query rows) and, per block, an
    `scf.for` over key/value tiles carrying the running row maximum, row
    sum and output accumulator in f32. Scores exist only as
    `block-size`×`block-size` tiles; with `causal`, tiles wholly after a
    block's last query are never visited. exp2 is used with log2(e) folded
    into the scale; rows whose every score is -inf give zeros, not NaN.

    The linalg form matched is `O = P·V` (a contraction, named or generic,
    into zeros) with `P` a softmax along the last dimension — `linalg.softmax`
    or generics computing `exp(x - max x)`, its row sum and the division —
    of `x = a·(Q·Kᵀ) + c·mask` built from elementwise generics (scale by a
    constant before or after the first contraction, an additive mask, a
    causal `select` on `linalg.index`), with `K` as `[.., N, D]` or
    pre-transposed `[.., D, N]`. Anything else is left untouched. The tile
    ops carry `pk.attention_tile` / `pk.attention_vector` for the recipe's
    schedule.

    ```
    pk-opt --pk-fuse-attention="block-size=64" in.mlir
    ```
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"64",
           "Query rows and keys per tile (1 to 1024)">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // PK_TRANSFORMS_PASSES_TD
