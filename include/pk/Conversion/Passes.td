//===- Passes.td - perfkernel conversion passes ------------*- tablegen -*-===//

#ifndef PK_CONVERSION_PASSES_TD
#define PK_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def PKLowerToLinalg : Pass<"pk-lower-to-linalg"> {
  let summary = "Lower pk ops to linalg on tensors";
  let description = [{
    Rewrites every `pk` op into linalg on tensors: named ops where linalg has
    one (`linalg.matmul` with transposing indexing maps,
    `linalg.batch_matmul`, `linalg.softmax`), `linalg.generic` otherwise.
    `pk.attention` becomes the naive reference form (scores = Q·Kᵀ, scale,
    optional causal mask, softmax, ·V); the fused form is a separate rewrite.
    Low-precision operands with an f32 result are accumulated in f32.

    ```
    pk-opt --pk-lower-to-linalg examples/matmul.mlir
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def ConvertSDFGToSCF : Pass<"convert-sdfg-to-scf", "::mlir::ModuleOp"> {
  let summary = "Lower each sdfg.sdfg to a func.func on memrefs with scf loops";
  let description = [{
    Replaces every top-level `sdfg.sdfg @name` by `func.func @name` whose
    arguments are the SDFG's data arguments followed by its free symbols
    (declared symbols that neither `symbols` binds nor any interstate edge
    assigns), so the result runs through `pk-cpu-pipeline` and `pk-run`.

    * The state machine becomes an `scf.while` over the index of the next
      state, dispatching with `scf.index_switch`; each state's outgoing
      edges become `scf.if`s on their conditions (first true edge wins; its
      assignments run in order, each reading what the earlier ones
      assigned). Assigned symbols live in `memref.alloca`s. A single state
      without edges is inlined.
    * `sdfg.map` with schedule `cpu_multicore` or `gpu_device` becomes
      `scf.parallel` (OpenMP in `pk-cpu-pipeline`), `sequential` an
      `scf.for` nest; inclusive bounds become exclusive ones.
    * Tasklets are inlined; `sdfg.load`/`sdfg.store`/`sdfg.copy` become
      `memref.load`/`memref.store`/`memref.copy`; a store with `wcr`
      becomes `memref.atomic_rmw` inside a parallel map and a plain
      read-modify-write elsewhere; `sdfg.sym` and edge expressions become
      arith/math ops; `sdfg.alloc` becomes `memref.alloc` (`memref.alloca`
      for `register` storage), left for the pipelines' buffer deallocation
      to free.
    * Python's `//` and `%` (`sdfg.floordiv`, `sdfg.mod`) expand into arith
      ops, `math.ipowi` into a square-and-multiply loop, and `math.powf` and
      `math.fpowi` into calls to libm's `pow`/`powf` (the pipelines'
      `math-expand-ops` would compute exp(b * log(a)), NaN for a negative
      base).

    `symbols` binds symbols to integers (`symbols=N=8,H=4`): bound symbols
    become constants and specialize every dynamic dimension whose shape
    expression they determine, which `pk-run` needs (it runs statically
    shaped functions only).

    ```
    pk-opt --convert-sdfg-to-scf="symbols=N=8" examples/sdfg_axpy.mlir
    ```
  }];
  let options = [
    ListOption<"symbols", "symbols", "std::string",
               "symbol bindings NAME=INTEGER">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def ConvertLinalgToSDFG : Pass<"convert-linalg-to-sdfg", "::mlir::ModuleOp"> {
  let summary = "Turn functions of linalg ops and scf.parallel loops on "
                "memrefs into sdfg.sdfg maps with memlets";
  let description = [{
    Replaces every function with a body (memref or scalar arguments with
    static identity-layout shapes, no results) by an `sdfg.sdfg` of the same
    name. Arguments keep their order and are named `arg<i>`; each top-level
    op becomes a state, joined by unconditional edges in program order.

    * A linalg op (named or generic, on buffers) becomes one
      `cpu_multicore` map over all its loops: operands are read with
      `sdfg.load` at their indexing maps (affine expressions become index
      arithmetic), the payload becomes an `sdfg.tasklet` (`linalg.index`
      values are passed in), results are written with `sdfg.store`.
      Reduction loops use DaCe's write-conflict resolution: a payload
      `out = out + value` (also `*`, max, min) stores `value` with
      `wcr add` (so `linalg.matmul` is a 3-d map accumulating into C).
    * An `scf.parallel` becomes a `cpu_multicore` map (nested loops nest;
      the inclusive upper bound is `ub - 1`); `memref.load` becomes
      `sdfg.load`, the side-effect-free ops computing stored values one
      tasklet, `memref.store` `sdfg.store` and `memref.atomic_rmw` a store
      with `wcr`; index arithmetic stays in the map.
    * A `memref.copy` (bufferization's copy of a returned argument) is
      converted as the equivalent `linalg.copy`: a map with an identity
      tasklet.

    Anything else (tensors, dynamic shapes, other ops at the top level or
    inside the loops, reductions that are not a combiner, scf.parallel
    reductions) is a located error and the function is left unchanged.

    ```
    pk-opt --convert-linalg-to-sdfg kernel.mlir | pk-translate --sdfg-to-json
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::sdfg::SDFGDialect"
  ];
}

#endif // PK_CONVERSION_PASSES_TD
