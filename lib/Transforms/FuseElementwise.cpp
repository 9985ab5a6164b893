//===- FuseElementwise.cpp - producer/consumer elementwise fusion ---------===//
//
// Upstream linalg's elementwise fusion and constant folding of linalg ops,
// with a control function that keeps fusion from costing more than it
// saves: the producer is fused only when it has one user and the consumer
// reads it at the full iteration space (a broadcast producer would be
// recomputed for every element it is broadcast to), and ops a schedule
// owns (a declared schedule tag or a pk.lowering_config,
// PKDialect::hasScheduleTag) are never merged away.
//
//===----------------------------------------------------------------------===//

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSEELEMENTWISE
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

bool shouldFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!producer || !consumer || !producer->hasOneUse() ||
      pk::PKDialect::hasScheduleTag(producer) ||
      pk::PKDialect::hasScheduleTag(consumer))
    return false;
  AffineMap map = consumer.getMatchingIndexingMap(operand);
  return map.isPermutation();
}

struct PKFuseElementwisePass
    : pk::impl::PKFuseElementwiseBase<PKFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    linalg::populateConstantFoldLinalgOperations(
        patterns, [](OpOperand *) { return true; });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
