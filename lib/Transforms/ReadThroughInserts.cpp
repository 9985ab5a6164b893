//===- ReadThroughInserts.cpp - read an inserted tile from where it went --===//
//
// %r = tensor.insert_slice %s into %d[...] puts %s into %d's buffer; an op
// after it that still reads %s (canonicalization folds
// `extract_slice %r[same box]` back to %s, so a stencil's second sweep
// reads the first sweep's value this way) reads a tensor that one-shot
// bufferization sees overwritten by the insert. The insert only copies %s
// onto itself, but the analysis cannot tell, and copies %s into a
// temporary before the read: a whole extra pass over memory per sweep.
// Such reads are rewritten to `tensor.extract_slice %r[same box]`, the same
// values, read from the buffer that holds them.
//
//===----------------------------------------------------------------------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKREADTHROUGHINSERTS
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Redirects the reads of `insert`'s source that come after it; the
/// number of uses rewritten.
unsigned readThroughInsert(RewriterBase &rewriter, DominanceInfo &dominance,
                           tensor::InsertSliceOp insert) {
  Value source = insert.getSource();
  SmallVector<OpOperand *> laterUses;
  for (OpOperand &use : source.getUses())
    if (use.getOwner() != insert &&
        dominance.properlyDominates(insert.getOperation(), use.getOwner()))
      laterUses.push_back(&use);
  if (laterUses.empty())
    return 0;
  rewriter.setInsertionPointAfter(insert);
  Value reread = tensor::ExtractSliceOp::create(
      rewriter, insert.getLoc(), insert.getSourceType(), insert.getResult(),
      insert.getMixedOffsets(), insert.getMixedSizes(),
      insert.getMixedStrides());
  for (OpOperand *use : laterUses)
    rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(reread); });
  return laterUses.size();
}

struct PKReadThroughInsertsPass
    : pk::impl::PKReadThroughInsertsBase<PKReadThroughInsertsPass> {
  void runOnOperation() override {
    SmallVector<tensor::InsertSliceOp> inserts;
    getOperation().walk(
        [&](tensor::InsertSliceOp insert) { inserts.push_back(insert); });
    DominanceInfo &dominance = getAnalysis<DominanceInfo>();
    IRRewriter rewriter(&getContext());
    bool changed = false;
    for (tensor::InsertSliceOp insert : inserts)
      changed |= readThroughInsert(rewriter, dominance, insert) != 0;
    if (!changed)
      markAllAnalysesPreserved();
  }
};

} // namespace
