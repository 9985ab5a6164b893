//===- SequentializeNestedParallel.cpp - one level of parallel loops ------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSEQUENTIALIZENESTEDPARALLEL
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

bool isNested(scf::ParallelOp op) {
  Operation *parent = op->getParentOp();
  return parent && (isa<scf::ParallelOp, scf::ForallOp>(parent) ||
                    parent->getParentOfType<scf::ParallelOp>() ||
                    parent->getParentOfType<scf::ForallOp>());
}

/// How many leading dimensions of `op` stay parallel: the shortest prefix
/// reaching `minIterations`, at most all but the innermost.
unsigned parallelPrefix(scf::ParallelOp op, unsigned minIterations) {
  unsigned numDims = op.getNumLoops();
  int64_t iterations = 1;
  for (unsigned d = 0; d + 1 < numDims; ++d) {
    std::optional<int64_t> lb = getConstantIntValue(op.getLowerBound()[d]);
    std::optional<int64_t> ub = getConstantIntValue(op.getUpperBound()[d]);
    std::optional<int64_t> step = getConstantIntValue(op.getStep()[d]);
    if (!lb || !ub || !step || *step <= 0)
      return d + 1; // dynamic: assume enough work
    iterations *= std::max<int64_t>(0, (*ub - *lb + *step - 1) / *step);
    if (iterations >= minIterations)
      return d + 1;
  }
  return numDims - 1;
}

/// Rebuilds `op` as an scf.parallel over its first `keep` dimensions around
/// an scf.for nest over the others.
void coarsen(IRRewriter &rewriter, scf::ParallelOp op, unsigned keep) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  auto outer = [&](ValueRange vals) { return vals.take_front(keep); };
  auto inner = [&](ValueRange vals) { return vals.drop_front(keep); };
  scf::ParallelOp::create(
      rewriter, loc, outer(op.getLowerBound()), outer(op.getUpperBound()),
      outer(op.getStep()),
      [&](OpBuilder &b, Location l, ValueRange outerIvs) {
        scf::buildLoopNest(
            b, l, inner(op.getLowerBound()), inner(op.getUpperBound()),
            inner(op.getStep()),
            [&](OpBuilder &nb, Location, ValueRange innerIvs) {
              ValueRange ivs = op.getBody()->getArguments();
              IRMapping map;
              map.map(ivs.take_front(keep), outerIvs);
              map.map(ivs.drop_front(keep), innerIvs);
              for (Operation &bodyOp : op.getBody()->without_terminator())
                nb.clone(bodyOp, map);
            });
      });
  rewriter.eraseOp(op);
}

struct PKSequentializeNestedParallelPass
    : pk::impl::PKSequentializeNestedParallelBase<
          PKSequentializeNestedParallelPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested, coarsenable;
    getOperation().walk([&](scf::ParallelOp op) {
      if (isNested(op)) {
        nested.push_back(op);
        return;
      }
      bool loopFree = !op.getBody()
                           ->walk([](LoopLikeOpInterface) {
                             return WalkResult::interrupt();
                           })
                           .wasInterrupted();
      if (minParallelIterations > 0 && op.getNumLoops() > 1 &&
          op.getNumResults() == 0 && loopFree)
        coarsenable.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp op : nested) {
      rewriter.setInsertionPoint(op);
      if (failed(scf::parallelForToNestedFors(rewriter, op))) {
        op.emitError("cannot sequentialize this nested scf.parallel");
        return signalPassFailure();
      }
    }
    for (scf::ParallelOp op : coarsenable)
      coarsen(rewriter, op, parallelPrefix(op, minParallelIterations));
  }
};

} // namespace
