//===- HoistVectorTransfers.cpp - hoist loop-invariant vector transfers ---===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKHOISTVECTORTRANSFERS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKHoistVectorTransfersPass
    : pk::impl::PKHoistVectorTransfersBase<PKHoistVectorTransfersPass> {
  void runOnOperation() override {
    // On tensors the iter_args make the dataflow explicit, so no alias
    // analysis is needed (the memref variant in LLVM 22 gives up on every
    // subview). Post-order: inner loops first, so an accumulator hoisted out
    // of the K loop can be hoisted again out of enclosing loops.
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : loops) {
      moveLoopInvariantCode(cast<LoopLikeOpInterface>(loop.getOperation()));
      hoistLoopInvariantSubsets(rewriter, loop);
    }
  }
};
} // namespace
