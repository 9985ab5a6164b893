//===- EliminateEmptyTensors.cpp - compute results where they end up ------===//
//
// `%e = tensor.empty` as the init of an op whose result is inserted into a
// larger tensor (a stencil's interior into its grid, a tile into a kernel
// argument written in place) would bufferize to a temporary copied into
// place afterwards. Upstream empty-tensor elimination replaces the empty
// by the destination's slice, so the op writes there directly. It only
// replaces an empty with a single use, and CSE merges identical empties
// across ops, so each use by an op whose result is inserted somewhere
// first gets its own (only those: other ops sharing an empty's buffer
// stay as one-shot bufferization leaves them).
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Bufferization/Transforms/Transforms.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SubsetOpInterface.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKELIMINATEEMPTYTENSORS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKEliminateEmptyTensorsPass
    : pk::impl::PKEliminateEmptyTensorsBase<PKEliminateEmptyTensorsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    SmallVector<OpOperand *> emptyUses;
    auto resultIsInserted = [](Operation *user) {
      return llvm::any_of(user->getUsers(), [](Operation *next) {
        return isa<SubsetInsertionOpInterface>(next);
      });
    };
    func.walk([&](tensor::EmptyOp empty) {
      for (OpOperand &use : empty->getUses())
        if (resultIsInserted(use.getOwner()))
          emptyUses.push_back(&use);
    });
    for (OpOperand *use : emptyUses)
      pk::useOwnEmptyTensor(rewriter, *use);
    if (failed(bufferization::eliminateEmptyTensors(rewriter, func)))
      signalPassFailure();
  }
};
} // namespace
