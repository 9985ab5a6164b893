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
// values, read from the buffer that holds them; so are reads, after the
// insert, of a slice of %s taken before it.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKREADTHROUGHINSERTS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Makes the uses of `old` that come after `insert` use `reread` (the same
/// values, read from the insert's result) instead; a slice of `old` taken
/// before the insert but read after it is re-taken from `reread`. The
/// number of uses rewritten.
unsigned redirectLaterReads(RewriterBase &rewriter, DominanceInfo &dominance,
                            tensor::InsertSliceOp insert, Value old,
                            function_ref<Value()> reread) {
  unsigned rewritten = 0;
  SmallVector<OpOperand *> laterUses;
  SmallVector<tensor::ExtractSliceOp> earlierSlices;
  for (OpOperand &use : old.getUses()) {
    Operation *user = use.getOwner();
    if (user == insert)
      continue;
    if (dominance.properlyDominates(insert.getOperation(), user))
      laterUses.push_back(&use);
    else if (auto slice = dyn_cast<tensor::ExtractSliceOp>(user))
      earlierSlices.push_back(slice);
  }
  if (!laterUses.empty()) {
    Value value = reread();
    for (OpOperand *use : laterUses)
      rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(value); });
    rewritten += laterUses.size();
  }
  for (tensor::ExtractSliceOp slice : earlierSlices) {
    Value resliced;
    rewritten += redirectLaterReads(
        rewriter, dominance, insert, slice.getResult(), [&]() -> Value {
          if (!resliced) {
            Value base = reread();
            rewriter.setInsertionPointAfterValue(base);
            resliced = tensor::ExtractSliceOp::create(
                rewriter, slice.getLoc(), slice.getType(), base,
                slice.getMixedOffsets(), slice.getMixedSizes(),
                slice.getMixedStrides());
          }
          return resliced;
        });
  }
  return rewritten;
}

/// Redirects the reads of `insert`'s source that come after it, directly
/// or through a slice taken before it; the number of uses rewritten.
unsigned readThroughInsert(RewriterBase &rewriter, DominanceInfo &dominance,
                           tensor::InsertSliceOp insert) {
  Value reread;
  return redirectLaterReads(
      rewriter, dominance, insert, insert.getSource(), [&]() -> Value {
        if (!reread) {
          rewriter.setInsertionPointAfter(insert);
          reread = tensor::ExtractSliceOp::create(
              rewriter, insert.getLoc(), insert.getSourceType(),
              insert.getResult(), insert.getMixedOffsets(),
              insert.getMixedSizes(), insert.getMixedStrides());
        }
        return reread;
      });
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
