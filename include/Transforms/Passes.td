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
    `recipe`, the built-in default CPU recipe (`recipes/cpu-default.mlir` in
    the source tree) is used.

    ```
    pk-opt --pk-lower-to-linalg --pk-apply-recipe=recipe=my-recipe.mlir in.mlir
    ```
  }];
  let options = [
    Option<"recipe", "recipe", "std::string", /*default=*/"\"\"",
           "Path of a transform-dialect recipe file (default: built-in CPU recipe)">
  ];
}

def PKHoistVectorTransfers
    : Pass<"pk-hoist-vector-transfers", "::mlir::func::FuncOp"> {
  let summary = "Keep loop-invariant vector transfers (accumulators) in registers";
  let description = [{
    After bufferization, a `vector.transfer_read`/`transfer_write` pair on the
    same loop-invariant memref slice (a GEMM accumulator tile read and written
    on every K step) is hoisted out of the loop and its value carried in
    registers through `iter_args`. Recipes tile and vectorize on tensors;
    this pass finishes the register tiling on memrefs.
  }];
}

#endif // PK_TRANSFORMS_PASSES_TD
