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
    // The portable variants: the AVX2 ones emit x86vector intrinsics that
    // would need their own lowering (and exclude non-x86 targets).
    populateMathPolynomialApproximationPatterns(
        patterns, MathPolynomialApproximationOptions{/*enableAvx2=*/false});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
