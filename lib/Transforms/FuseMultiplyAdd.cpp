//===- FuseMultiplyAdd.cpp - vector mulf + addf into vector.fma -----------===//
//
// Vectorized contractions whose reduction dimension was tiled to one (packed
// GEMM register tiles, convolution taps) come out of the vectorizer as a
// vector `arith.mulf` feeding an `arith.addf` into the accumulator; the
// reduction's combiner carries no fast-math flags, so LLVM may not contract
// the pair. This pass makes the fused multiply-add explicit, as the
// outer-product lowering of `vector.contract` does.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSEMULTIPLYADD
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Whether `value` is an accumulator: carried by a loop, read from memory,
/// or the sum of an earlier multiply-add. Other sums (an elementwise
/// x * 0.1 + i) keep their two roundings, as pk-reference-pipeline and
/// NumPy compute them.
bool isAccumulator(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value))
    return isa<LoopLikeOpInterface>(arg.getOwner()->getParentOp());
  return isa_and_present<vector::TransferReadOp, vector::LoadOp,
                         vector::FMAOp, arith::AddFOp>(value.getDefiningOp());
}

/// addf(acc, mulf(a, b)) or addf(mulf(a, b), acc) on vectors, where the
/// product has no other user and acc is an accumulator, becomes
/// vector.fma(a, b, acc).
struct FuseVectorMultiplyAdd : OpRewritePattern<arith::AddFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(arith::AddFOp add,
                                PatternRewriter &rewriter) const override {
    if (!isa<VectorType>(add.getType()))
      return failure();
    for (unsigned productIndex : {1u, 0u}) {
      auto mul = add->getOperand(productIndex).getDefiningOp<arith::MulFOp>();
      if (!mul || !mul->hasOneUse())
        continue;
      Value acc = add->getOperand(1 - productIndex);
      if (!isAccumulator(acc))
        continue;
      rewriter.replaceOpWithNewOp<vector::FMAOp>(add, mul.getLhs(),
                                                 mul.getRhs(), acc);
      rewriter.eraseOp(mul);
      return success();
    }
    return failure();
  }
};

struct PKFuseMultiplyAddPass
    : pk::impl::PKFuseMultiplyAddBase<PKFuseMultiplyAddPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseVectorMultiplyAdd>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
