//===- ApproximateMath.cpp - vectorizable polynomial math -----------------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPROXIMATEMATH
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKApproximateMathPass
    : pk::impl::PKApproximateMathBase<PKApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // powf as exp(b · log|a|) (with upstream's sign and special-case
    // handling), so Box-Cox's pow branch gets the polynomial exp and log
    // below instead of a libm call per element. Both pipelines expand powf
    // this way anyway (math-expand-ops before the LLVM lowering); only the
    // exp and log differ from the reference's.
    math::populateExpansionPatterns(patterns, {"powf"});
    // The portable variants: the AVX2 ones emit x86vector intrinsics that
    // would need their own lowering (and exclude non-x86 targets).
    populateMathPolynomialApproximationPatterns(
        patterns, MathPolynomialApproximationOptions{/*enableAvx2=*/false});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
