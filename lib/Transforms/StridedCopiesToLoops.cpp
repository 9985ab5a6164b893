//===- StridedCopiesToLoops.cpp - memref.copy between strided views -------===//
//
// A memref.copy whose source or target is not one contiguous block (a
// stencil's interior written into its grid, a tile of a larger buffer)
// lowers to a call of the runtime's element-by-element memrefCopy, which
// walks every element through its strides: copying a 1298 x 1298 interior
// took longer than the sweep that computed it. As a linalg.copy it becomes
// a parallel loop nest whose unit-stride inner loop LLVM vectorizes.
// Contiguous copies stay memref.copy (a memcpy).
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSTRIDEDCOPIESTOLOOPS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

struct StridedCopyToLinalg : OpRewritePattern<memref::CopyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(memref::CopyOp copy,
                                PatternRewriter &rewriter) const override {
    auto source = dyn_cast<MemRefType>(copy.getSource().getType());
    auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
    if (!source || !target || source.getRank() == 0)
      return rewriter.notifyMatchFailure(copy, "not ranked memrefs");
    auto contiguous = [](MemRefType type) {
      return type.getLayout().isIdentity() ||
             memref::isStaticShapeAndContiguousRowMajor(type);
    };
    if (contiguous(source) && contiguous(target))
      return rewriter.notifyMatchFailure(copy, "contiguous: a memcpy");
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                copy.getTarget());
    return success();
  }
};

struct PKStridedCopiesToLoopsPass
    : pk::impl::PKStridedCopiesToLoopsBase<PKStridedCopiesToLoopsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<StridedCopyToLinalg>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
