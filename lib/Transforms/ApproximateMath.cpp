//===- ApproximateMath.cpp - vectorizable polynomial math -----------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPROXIMATEMATH
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// powf(a, b) as exp(b · log|a|) with C's pow semantics where that formula
/// is wrong: a negative base with an integral exponent takes the sign of
/// (-1)^b ((-0.5)^3 = -0.125) and with any other exponent is NaN, and
/// b = 0 gives 1 for every a. (Upstream's expansion gives NaN for every
/// negative base.)
struct ExpandPowF : OpRewritePattern<math::PowFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::PowFOp pow,
                                PatternRewriter &rewriter) const override {
    Location loc = pow.getLoc();
    Type type = pow.getType();
    Value a = pow.getLhs(), b = pow.getRhs();
    auto constant = [&](double v) -> Value {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getFloatAttr(
                                           getElementTypeOrSelf(type), v))
          .getResult();
    };
    auto splat = [&](double v) -> Value {
      Value c = constant(v);
      if (auto vec = dyn_cast<VectorType>(type))
        return vector::BroadcastOp::create(rewriter, loc, vec, c);
      return c;
    };
    Value magnitude = math::ExpOp::create(
        rewriter, loc,
        arith::MulFOp::create(rewriter, loc, b,
                              math::LogOp::create(
                                  rewriter, loc,
                                  math::AbsFOp::create(rewriter, loc, a))));
    // b integral: floor(b) == b; odd: b - 2 floor(b / 2) == 1.
    Value integral = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OEQ,
        math::FloorOp::create(rewriter, loc, b), b);
    Value half = arith::MulFOp::create(rewriter, loc, b, splat(0.5));
    Value odd = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OEQ,
        arith::SubFOp::create(
            rewriter, loc, b,
            arith::MulFOp::create(rewriter, loc, splat(2.0),
                                  math::FloorOp::create(rewriter, loc, half))),
        splat(1.0));
    Value negated = arith::NegFOp::create(rewriter, loc, magnitude);
    Value signedPow =
        arith::SelectOp::create(rewriter, loc, odd, negated, magnitude);
    Value negativeBase =
        arith::SelectOp::create(rewriter, loc, integral, signedPow,
                                splat(std::nan("")));
    Value isNegative = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OLT, a, splat(0.0));
    Value result = arith::SelectOp::create(rewriter, loc, isNegative,
                                           negativeBase, magnitude);
    Value zeroExponent = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OEQ, b, splat(0.0));
    rewriter.replaceOpWithNewOp<arith::SelectOp>(pow, zeroExponent,
                                                 splat(1.0), result);
    return success();
  }
};

struct PKApproximateMathPass
    : pk::impl::PKApproximateMathBase<PKApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // powf through exp and log, so Box-Cox's pow branch gets the
    // polynomial exp and log below instead of a libm call per element;
    // the reference pipeline calls libm's powf.
    patterns.add<ExpandPowF>(&getContext(), /*benefit=*/2);
    // The portable variants: the AVX2 ones emit x86vector intrinsics that
    // would need their own lowering (and exclude non-x86 targets).
    populateMathPolynomialApproximationPatterns(
        patterns, MathPolynomialApproximationOptions{/*enableAvx2=*/false});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
