//===- SequentializeNestedParallel.cpp - one level of parallel loops ------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSEQUENTIALIZENESTEDPARALLEL
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKSequentializeNestedParallelPass
    : pk::impl::PKSequentializeNestedParallelBase<
          PKSequentializeNestedParallelPass> {
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> nested;
    getOperation().walk([&](scf::ParallelOp op) {
      Operation *parent = op->getParentOp();
      if (parent && (parent->getParentOfType<scf::ParallelOp>() ||
                     isa<scf::ParallelOp, scf::ForallOp>(parent) ||
                     parent->getParentOfType<scf::ForallOp>()))
        nested.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp op : nested) {
      rewriter.setInsertionPoint(op);
      if (failed(scf::parallelForToNestedFors(rewriter, op))) {
        op.emitError("cannot sequentialize this nested scf.parallel");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
