//===- FuseActivations.cpp - bias adds and activations into pk.conv2d -----===//
//
// A bias add or activation after a convolution is a full pass over its
// output when it stays a separate op; as part of pk.conv2d it is applied in
// the epilogue of the tile that computes the output, while it is in cache.
//
//===----------------------------------------------------------------------===//

#include "Transforms/Passes.h"

#include "Dialect/PK/PKOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <limits>

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSEACTIVATIONS
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;
using namespace mlir::pk;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

/// The convolution producing `v` when an activation may be folded into it:
/// `v` is its only use and `user` (which consumes `v`) has its type.
Conv2DOp fusableConv(Value v, Operation *user) {
  auto conv = v.getDefiningOp<Conv2DOp>();
  if (!conv || !conv->hasOneUse() || user->getNumResults() != 1 ||
      user->getResult(0).getType() != conv.getType())
    return nullptr;
  return conv;
}

/// The value of a splat float constant (tensor or scalar), if `v` is one.
std::optional<APFloat> splatValue(Value v) {
  FloatAttr scalar;
  if (matchPattern(v, m_Constant(&scalar)))
    return scalar.getValue();
  SplatElementsAttr splat;
  if (matchPattern(v, m_Constant(&splat)) &&
      isa<FloatType>(splat.getElementType()))
    return splat.getSplatValue<APFloat>();
  return std::nullopt;
}

/// The interval [lo, hi] a convolution's activation clamps to, if it is a
/// clamp (none: unbounded; relu: [0, inf)).
std::optional<std::pair<float, float>> clampOf(Conv2DOp conv) {
  std::optional<StringRef> act = conv.getActivation();
  if (!act)
    return std::make_pair(-kInf, kInf);
  if (*act == "relu")
    return std::make_pair(0.0f, kInf);
  if (*act == "clip")
    return std::make_pair((*conv.getClip())[0], (*conv.getClip())[1]);
  return std::nullopt;
}

/// Replaces `user` by a copy of `conv` with a new bias and/or activation.
void replaceWithConv(PatternRewriter &rewriter, Operation *user, Conv2DOp conv,
                     Value bias, StringAttr activation,
                     DenseF32ArrayAttr clip) {
  auto fused = Conv2DOp::create(rewriter, conv.getLoc(), conv.getType(),
                                conv.getInput(), conv.getFilter(), bias,
                                conv.getStridesAttr(), conv.getPaddingAttr(),
                                conv.getDilationsAttr(), conv.getGroupsAttr(),
                                conv.getNhwcAttr(), activation, clip);
  rewriter.replaceOp(user, fused.getResult());
  rewriter.eraseOp(conv);
}

/// max(conv, c) or min(conv, c) narrows the clamp interval; the result is a
/// relu for [0, inf) and a clip otherwise. `isMax` picks the bound.
LogicalResult fuseClamp(PatternRewriter &rewriter, Operation *user,
                        Conv2DOp conv, APFloat bound, bool isMax) {
  std::optional<std::pair<float, float>> interval = clampOf(conv);
  if (!interval)
    return rewriter.notifyMatchFailure(user, "activation is not a clamp");
  bool lost;
  bound.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
  if (bound.isNaN() || lost)
    return rewriter.notifyMatchFailure(user, "bound is not exact in f32");
  float c = bound.convertToFloat();
  auto [lo, hi] = *interval;
  if (isMax)
    lo = std::max(lo, c);
  else
    hi = std::min(hi, c);
  if (!(lo <= hi))
    return rewriter.notifyMatchFailure(user, "empty clamp interval");
  MLIRContext *ctx = rewriter.getContext();
  // +0.0 only: max(x, -0.0) differs from relu in the sign of zero.
  if (lo == 0.0f && !std::signbit(lo) && hi == kInf) {
    replaceWithConv(rewriter, user, conv, conv.getBias(),
                    StringAttr::get(ctx, "relu"), nullptr);
    return success();
  }
  replaceWithConv(rewriter, user, conv, conv.getBias(),
                  StringAttr::get(ctx, "clip"),
                  DenseF32ArrayAttr::get(ctx, {lo, hi}));
  return success();
}

/// arith.maximumf / arith.minimumf of a convolution and a splat constant.
template <typename OpTy> struct FuseTensorClamp : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, c] : {std::make_pair(op.getLhs(), op.getRhs()),
                        std::make_pair(op.getRhs(), op.getLhs())}) {
      Conv2DOp conv = fusableConv(x, op);
      std::optional<APFloat> bound = splatValue(c);
      if (conv && bound)
        return fuseClamp(rewriter, op, conv, *bound,
                         std::is_same_v<OpTy, arith::MaximumFOp>);
    }
    return rewriter.notifyMatchFailure(
        op, "not a convolution and a splat constant");
  }
};

/// pk.sigmoid / pk.tanh of a convolution without an activation.
template <typename OpTy> struct FuseUnaryActivation : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Conv2DOp conv = fusableConv(op.getInput(), op);
    if (!conv || conv.getActivation())
      return rewriter.notifyMatchFailure(
          op, "input is not a convolution without activation");
    StringRef name = std::is_same_v<OpTy, SigmoidOp> ? "sigmoid" : "tanh";
    replaceWithConv(rewriter, op, conv, conv.getBias(),
                    rewriter.getStringAttr(name), nullptr);
    return success();
  }
};

/// The block argument positions `a` and `b` combined by the generic's only
/// payload op of type OpTy (in either order), and that op's operands.
template <typename OpTy> OpTy singlePayloadOp(linalg::GenericOp generic) {
  Block &body = *generic.getBody();
  if (body.getOperations().size() != 2)
    return nullptr;
  auto op = dyn_cast<OpTy>(body.front());
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (!op || yield.getNumOperands() != 1 ||
      yield.getOperand(0) != op->getResult(0))
    return nullptr;
  return op;
}

/// Generics with all-parallel loops, one result and an output whose value
/// the payload never reads.
bool isElementwiseGeneric(linalg::GenericOp generic) {
  return generic.getNumDpsInits() == 1 &&
         generic.getNumParallelLoops() == generic.getNumLoops() &&
         generic.hasPureTensorSemantics() &&
         !generic.payloadUsesValueFromOperand(generic.getDpsInitOperand(0)) &&
         generic.getIndexingMapsArray().back().isIdentity();
}

/// A ReLU or clamp written as a linalg.generic: max/min of the input and a
/// scalar constant.
struct FuseGenericClamp : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    if (!isElementwiseGeneric(generic) || generic.getNumDpsInputs() != 1 ||
        !generic.getIndexingMapsArray()[0].isIdentity())
      return rewriter.notifyMatchFailure(generic, "not a unary elementwise op");
    Conv2DOp conv = fusableConv(generic.getDpsInputs()[0], generic);
    if (!conv)
      return rewriter.notifyMatchFailure(generic, "input is not a convolution");
    BlockArgument arg = generic.getBody()->getArgument(0);
    Operation *op = singlePayloadOp<arith::MaximumFOp>(generic);
    bool isMax = op != nullptr;
    if (!op)
      op = singlePayloadOp<arith::MinimumFOp>(generic);
    if (!op)
      return rewriter.notifyMatchFailure(generic, "payload is not a clamp");
    Value other = op->getOperand(0) == arg   ? op->getOperand(1)
                  : op->getOperand(1) == arg ? op->getOperand(0)
                                             : Value();
    std::optional<APFloat> bound = other ? splatValue(other) : std::nullopt;
    if (!bound)
      return rewriter.notifyMatchFailure(
          generic, "payload does not clamp by a constant");
    return fuseClamp(rewriter, generic, conv, *bound, isMax);
  }
};

/// out = conv + bias[f] as a linalg.generic broadcasting a [F] tensor along
/// the channel dimension.
struct FuseBiasAdd : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    if (!isElementwiseGeneric(generic) || generic.getNumDpsInputs() != 2)
      return rewriter.notifyMatchFailure(generic,
                                         "not a binary elementwise op");
    auto add = singlePayloadOp<arith::AddFOp>(generic);
    if (!add)
      return rewriter.notifyMatchFailure(generic, "payload is not an addf");
    SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
    Block *body = generic.getBody();
    for (int convPos : {0, 1}) {
      int biasPos = 1 - convPos;
      Conv2DOp conv = fusableConv(generic.getDpsInputs()[convPos], generic);
      if (!conv || conv.getBias() || conv.getActivation())
        continue;
      Value bias = generic.getDpsInputs()[biasPos];
      auto biasType = dyn_cast<RankedTensorType>(bias.getType());
      int64_t channelDim = conv.getNhwc() ? 3 : 1;
      AffineMap channel = AffineMap::get(
          4, 0, {getAffineDimExpr(channelDim, getContext())}, getContext());
      Value a = body->getArgument(convPos), b = body->getArgument(biasPos);
      bool operandsMatch = (add.getLhs() == a && add.getRhs() == b) ||
                           (add.getLhs() == b && add.getRhs() == a);
      if (!maps[convPos].isIdentity() || maps[biasPos] != channel ||
          !biasType || biasType.getRank() != 1 ||
          biasType.getElementType() != conv.getType().getElementType() ||
          !operandsMatch)
        continue;
      replaceWithConv(rewriter, generic, conv, bias, nullptr, nullptr);
      return success();
    }
    return rewriter.notifyMatchFailure(
        generic, "not a convolution plus a per-channel bias");
  }
};

struct PKFuseActivationsPass
    : pk::impl::PKFuseActivationsBase<PKFuseActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns
        .add<FuseTensorClamp<arith::MaximumFOp>,
             FuseTensorClamp<arith::MinimumFOp>, FuseUnaryActivation<SigmoidOp>,
             FuseUnaryActivation<TanhOp>, FuseGenericClamp, FuseBiasAdd>(
            &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
