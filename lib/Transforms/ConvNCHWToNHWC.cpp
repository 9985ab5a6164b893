//===- ConvNCHWToNHWC.cpp - compute NCHW convolutions in NHWC -------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKCONVNCHWTONHWC
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

struct ConvNCHWToNHWC : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    if (!conv.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(conv, "only on tensors");
    Location loc = conv.getLoc();
    Value input =
        pk::createTranspose(rewriter, loc, conv.getInputs()[0], {0, 2, 3, 1});
    Value filter =
        pk::createTranspose(rewriter, loc, conv.getInputs()[1], {2, 3, 1, 0});
    Value init =
        pk::createTranspose(rewriter, loc, conv.getOutputs()[0], {0, 2, 3, 1});
    SmallVector<NamedAttribute> attrs = {
        rewriter.getNamedAttr("strides", conv.getStrides()),
        rewriter.getNamedAttr("dilations", conv.getDilations())};
    Value nhwc = linalg::Conv2DNhwcHwcfOp::create(
                     rewriter, loc, init.getType(), ValueRange{input, filter},
                     ValueRange{init}, attrs)
                     .getResult(0);
    rewriter.replaceOp(conv,
                       pk::createTranspose(rewriter, loc, nhwc, {0, 3, 1, 2}));
    return success();
  }
};

struct PKConvNCHWToNHWCPass
    : pk::impl::PKConvNCHWToNHWCBase<PKConvNCHWToNHWCPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ConvNCHWToNHWC>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
