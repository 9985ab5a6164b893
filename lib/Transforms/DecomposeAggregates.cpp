//===- DecomposeAggregates.cpp - decompose linalg aggregate ops -----------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKDECOMPOSEAGGREGATES
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKDecomposeAggregatesPass
    : pk::impl::PKDecomposeAggregatesBase<PKDecomposeAggregatesPass> {
  void runOnOperation() override {
    SmallVector<linalg::AggregatedOpInterface> aggregates;
    // Upstream decompositions build tensor ops: on buffers they would mix
    // memref and tensor operands, so such ops are rejected, not rewritten.
    WalkResult walk = getOperation()->walk([&](linalg::AggregatedOpInterface op) {
      if (llvm::any_of(op->getOperandTypes(), llvm::IsaPred<BaseMemRefType>)) {
        op->emitError("can only decompose aggregate ops on tensors; run "
                      "pk-decompose-aggregates before bufferization");
        return WalkResult::interrupt();
      }
      aggregates.push_back(op);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    IRRewriter rewriter(&getContext());
    for (linalg::AggregatedOpInterface op : aggregates) {
      rewriter.setInsertionPoint(op);
      FailureOr<SmallVector<Value>> parts = op.decomposeOperation(rewriter);
      if (failed(parts)) {
        op->emitError("cannot decompose this aggregate op");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, *parts);
    }
  }
};
} // namespace
