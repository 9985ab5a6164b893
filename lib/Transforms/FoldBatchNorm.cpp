//===- FoldBatchNorm.cpp - fold inference batch norm into convolutions ----===//
//
// Inference batch norm is a per-channel affine map y = x · s + t; after a
// convolution it folds into the filter (scaled per output channel) and the
// bias, which removes a full pass over the activations at run time.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::pk {
#define GEN_PASS_DEF_PKFOLDBATCHNORM
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;
using namespace mlir::pk;

namespace {

/// The values of a constant float tensor in double precision, or nothing.
std::optional<SmallVector<double>> constantValues(Value v) {
  DenseFPElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> values;
  values.reserve(attr.getNumElements());
  for (APFloat f : attr.getValues<APFloat>()) {
    bool lost;
    f.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
    values.push_back(f.convertToDouble());
  }
  return values;
}

/// A constant tensor of `type` holding `values` rounded once to its type.
Value createConstant(OpBuilder &b, Location loc, RankedTensorType type,
                     ArrayRef<double> values) {
  const llvm::fltSemantics &sem =
      cast<FloatType>(type.getElementType()).getFloatSemantics();
  SmallVector<APFloat> rounded;
  rounded.reserve(values.size());
  for (double d : values) {
    APFloat f(d);
    bool lost;
    f.convert(sem, APFloat::rmNearestTiesToEven, &lost);
    rounded.push_back(f);
  }
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(type, rounded));
}

struct FoldBatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    auto conv = bn.getInput().getDefiningOp<Conv2DOp>();
    if (!conv)
      return rewriter.notifyMatchFailure(bn, "input is not a pk.conv2d");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(
          bn, "the convolution's result has other users");
    if (conv.getActivation())
      return rewriter.notifyMatchFailure(
          bn, "the convolution applies an activation before the batch norm");
    if (conv.getNhwc() != bn.getNhwc())
      return rewriter.notifyMatchFailure(bn, "layouts differ");
    RankedTensorType filterType = conv.getFilter().getType();
    if (!filterType.hasStaticShape())
      return rewriter.notifyMatchFailure(bn, "filter shape is not static");

    Location loc = bn.getLoc();
    Type resultElt = conv.getType().getElementType();
    int64_t channels = filterType.getDimSize(conv.getNhwc() ? 3 : 0);
    auto biasType = RankedTensorType::get({channels}, resultElt);
    auto [filter, bias] = foldConstants(rewriter, loc, conv, bn, biasType);
    if (!filter)
      std::tie(filter, bias) =
          computeWithTensorOps(rewriter, loc, conv, bn, biasType);
    auto folded = Conv2DOp::create(
        rewriter, loc, conv.getType(), conv.getInput(), filter, bias,
        conv.getStridesAttr(), conv.getPaddingAttr(), conv.getDilationsAttr(),
        conv.getGroupsAttr(), conv.getNhwcAttr(), /*activation=*/nullptr,
        /*clip=*/nullptr);
    rewriter.replaceOp(bn, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }

  /// Folded filter and bias as constants, when every input is one.
  static std::pair<Value, Value> foldConstants(OpBuilder &b, Location loc,
                                               Conv2DOp conv, BatchNormOp bn,
                                               RankedTensorType biasType) {
    auto w = constantValues(conv.getFilter());
    auto gamma = constantValues(bn.getScale());
    auto beta = constantValues(bn.getBias());
    auto mean = constantValues(bn.getMean());
    auto var = constantValues(bn.getVariance());
    std::optional<SmallVector<double>> bias;
    if (conv.getBias())
      bias = constantValues(conv.getBias());
    if (!w || !gamma || !beta || !mean || !var || (conv.getBias() && !bias))
      return {};
    int64_t channels = biasType.getDimSize(0);
    double eps = bn.getEpsilon().convertToDouble();
    SmallVector<double> scale(channels), newBias(channels);
    for (int64_t f = 0; f < channels; ++f) {
      scale[f] = (*gamma)[f] / std::sqrt((*var)[f] + eps);
      newBias[f] =
          ((bias ? (*bias)[f] : 0.0) - (*mean)[f]) * scale[f] + (*beta)[f];
    }
    RankedTensorType filterType = conv.getFilter().getType();
    // FCHW: f is the slowest dimension; HWCF: the fastest.
    int64_t perChannel = filterType.getNumElements() / channels;
    SmallVector<double> newFilter(w->size());
    for (auto [i, v] : llvm::enumerate(*w)) {
      int64_t f = conv.getNhwc() ? i % channels : i / perChannel;
      newFilter[i] = v * scale[f];
    }
    return {createConstant(b, loc, filterType, newFilter),
            createConstant(b, loc, biasType, newBias)};
  }

  /// Folded filter and bias computed at run time: one [F] op for the
  /// per-channel scale and bias, one pass over the filter.
  static std::pair<Value, Value>
  computeWithTensorOps(OpBuilder &b, Location loc, Conv2DOp conv,
                       BatchNormOp bn, RankedTensorType biasType) {
    MLIRContext *ctx = b.getContext();
    Type f32 = b.getF32Type();
    int64_t channels = biasType.getDimSize(0);
    Value eps = arith::ConstantOp::create(b, loc, bn.getEpsilonAttr());
    AffineMap id1 = b.getMultiDimIdentityMap(1);
    SmallVector<Value> ins = {bn.getScale(), bn.getBias(), bn.getMean(),
                              bn.getVariance()};
    if (conv.getBias())
      ins.push_back(conv.getBias());
    Value scaleInit = tensor::EmptyOp::create(b, loc, {channels}, f32);
    Value biasInit =
        tensor::EmptyOp::create(b, loc, {channels}, biasType.getElementType());
    SmallVector<AffineMap> maps(ins.size() + 2, id1);
    auto perChannel = linalg::GenericOp::create(
        b, loc, TypeRange{scaleInit.getType(), biasInit.getType()}, ins,
        ValueRange{scaleInit, biasInit}, maps, {utils::IteratorType::parallel},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          SmallVector<Value> p;
          for (Value a : args.take_front(ins.size()))
            p.push_back(
                convertScalarToDtype(nb, l, a, f32, /*isUnsignedCast=*/false));
          Value root = math::SqrtOp::create(
              nb, l, arith::AddFOp::create(nb, l, p[3], eps));
          Value scale = arith::DivFOp::create(nb, l, p[0], root);
          Value centred = conv.getBias()
                              ? arith::SubFOp::create(nb, l, p[4], p[2])
                              : arith::NegFOp::create(nb, l, p[2]).getResult();
          Value bias = arith::AddFOp::create(
              nb, l, arith::MulFOp::create(nb, l, centred, scale), p[1]);
          linalg::YieldOp::create(
              nb, l,
              ValueRange{scale, convertScalarToDtype(
                                    nb, l, bias, biasType.getElementType(),
                                    /*isUnsignedCast=*/false)});
        });

    RankedTensorType filterType = conv.getFilter().getType();
    AffineMap identity = b.getMultiDimIdentityMap(4);
    AffineMap channel = AffineMap::get(
        4, 0, {getAffineDimExpr(conv.getNhwc() ? 3 : 0, ctx)}, ctx);
    Value filterInit = tensor::EmptyOp::create(b, loc, filterType.getShape(),
                                               filterType.getElementType());
    Value filter =
        linalg::GenericOp::create(
            b, loc, filterType,
            ValueRange{conv.getFilter(), perChannel.getResult(0)},
            ValueRange{filterInit},
            ArrayRef<AffineMap>{identity, channel, identity},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value w = convertScalarToDtype(nb, l, args[0], f32,
                                             /*isUnsignedCast=*/false);
              Value scaled = arith::MulFOp::create(nb, l, w, args[1]);
              linalg::YieldOp::create(
                  nb, l,
                  convertScalarToDtype(nb, l, scaled,
                                       filterType.getElementType(),
                                       /*isUnsignedCast=*/false));
            })
            .getResult(0);
    return {filter, perChannel.getResult(1)};
  }
};

struct PKFoldBatchNormPass
    : pk::impl::PKFoldBatchNormBase<PKFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormIntoConv>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
