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
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // PK_CONVERSION_PASSES_TD
