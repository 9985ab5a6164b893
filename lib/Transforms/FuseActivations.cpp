//===- FuseActivations.cpp - bias adds and activations into conv/matmul ---===//
//
// A bias add or activation after a convolution or matmul is a full pass over
// its output when it stays a separate op; as part of pk.conv2d or pk.matmul
// it is applied in the epilogue of the tile that computes the output, while
// it is in cache.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <limits>

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSEACTIVATIONS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;
using namespace mlir::pk;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

/// A pk.conv2d or pk.matmul: the ops with a bias + activation epilogue.
/// Both spell it the same (an optional `bias` operand after the two inputs,
/// `activation` and `clip` attributes); they differ in the bias dimension.
class EpilogueHost {
public:
  EpilogueHost(Operation *op = nullptr) : op(op) {}
  explicit operator bool() const { return op; }
  Operation *getOperation() const { return op; }

  RankedTensorType getType() const {
    return cast<RankedTensorType>(op->getResult(0).getType());
  }
  Value getBias() const {
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return conv.getBias();
    return cast<MatmulOp>(op).getBias();
  }
  std::optional<StringRef> getActivation() const {
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return conv.getActivation();
    return cast<MatmulOp>(op).getActivation();
  }
  std::optional<ArrayRef<float>> getClip() const {
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return conv.getClip();
    return cast<MatmulOp>(op).getClip();
  }
  /// The result dimension a [N] bias is broadcast along: the channels of a
  /// convolution, the last (N) dimension of a matmul.
  int64_t getBiasDim() const {
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return conv.getNhwc() ? 3 : 1;
    return getType().getRank() - 1;
  }

  /// A copy of the op with `bias` (may be null) and `activation` / `clip`
  /// (may be null) in place of its own.
  Operation *cloneWithEpilogue(PatternRewriter &rewriter, Value bias,
                               StringAttr activation,
                               DenseF32ArrayAttr clip) const {
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return Conv2DOp::create(rewriter, conv.getLoc(), conv.getType(),
                              conv.getInput(), conv.getFilter(), bias,
                              conv.getStridesAttr(), conv.getPaddingAttr(),
                              conv.getDilationsAttr(), conv.getGroupsAttr(),
                              conv.getNhwcAttr(), activation, clip);
    auto mm = cast<MatmulOp>(op);
    return MatmulOp::create(rewriter, mm.getLoc(), mm.getType(), mm.getLhs(),
                            mm.getRhs(), bias, mm.getTransposeLhsAttr(),
                            mm.getTransposeRhsAttr(), activation, clip);
  }

private:
  Operation *op;
};

/// The convolution or matmul producing `v` when an activation may be folded
/// into it: `v` is its only use and `user` (which consumes `v`) has its type.
EpilogueHost fusableHost(Value v, Operation *user) {
  Operation *def = v.getDefiningOp();
  if (!def || !isa<Conv2DOp, MatmulOp>(def) || !def->hasOneUse() ||
      user->getNumResults() != 1 ||
      user->getResult(0).getType() != def->getResult(0).getType())
    return nullptr;
  return def;
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

/// The interval [lo, hi] an epilogue's activation clamps to, if it is a
/// clamp (none: unbounded; relu: [0, inf)).
std::optional<std::pair<float, float>> clampOf(EpilogueHost host) {
  std::optional<StringRef> act = host.getActivation();
  if (!act)
    return std::make_pair(-kInf, kInf);
  if (*act == "relu")
    return std::make_pair(0.0f, kInf);
  if (*act == "clip")
    return std::make_pair((*host.getClip())[0], (*host.getClip())[1]);
  return std::nullopt;
}

/// Replaces `user` by a copy of `host` with a new bias and/or activation.
void replaceWithHost(PatternRewriter &rewriter, Operation *user,
                     EpilogueHost host, Value bias, StringAttr activation,
                     DenseF32ArrayAttr clip) {
  Operation *fused = host.cloneWithEpilogue(rewriter, bias, activation, clip);
  rewriter.replaceOp(user, fused->getResults());
  rewriter.eraseOp(host.getOperation());
}

/// max(x, c) or min(x, c) of a host's result narrows the clamp interval; the
/// result is a relu for [0, inf) and a clip otherwise. `isMax` picks the
/// bound.
LogicalResult fuseClamp(PatternRewriter &rewriter, Operation *user,
                        EpilogueHost host, APFloat bound, bool isMax) {
  std::optional<std::pair<float, float>> interval = clampOf(host);
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
    replaceWithHost(rewriter, user, host, host.getBias(),
                    StringAttr::get(ctx, "relu"), nullptr);
    return success();
  }
  replaceWithHost(rewriter, user, host, host.getBias(),
                  StringAttr::get(ctx, "clip"),
                  DenseF32ArrayAttr::get(ctx, {lo, hi}));
  return success();
}

/// arith.maximumf / arith.minimumf of a convolution or matmul and a splat
/// constant.
template <typename OpTy> struct FuseTensorClamp : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, c] : {std::make_pair(op.getLhs(), op.getRhs()),
                        std::make_pair(op.getRhs(), op.getLhs())}) {
      EpilogueHost host = fusableHost(x, op);
      std::optional<APFloat> bound = splatValue(c);
      if (host && bound)
        return fuseClamp(rewriter, op, host, *bound,
                         std::is_same_v<OpTy, arith::MaximumFOp>);
    }
    return rewriter.notifyMatchFailure(
        op, "not a convolution or matmul and a splat constant");
  }
};

/// pk.sigmoid / pk.tanh of a convolution or matmul without an activation.
template <typename OpTy> struct FuseUnaryActivation : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    EpilogueHost host = fusableHost(op.getInput(), op);
    if (!host || host.getActivation())
      return rewriter.notifyMatchFailure(
          op, "input is not a convolution or matmul without activation");
    StringRef name = std::is_same_v<OpTy, SigmoidOp> ? "sigmoid" : "tanh";
    replaceWithHost(rewriter, op, host, host.getBias(),
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
    EpilogueHost host = fusableHost(generic.getDpsInputs()[0], generic);
    if (!host)
      return rewriter.notifyMatchFailure(
          generic, "input is not a convolution or matmul");
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
    return fuseClamp(rewriter, generic, host, *bound, isMax);
  }
};

/// out = conv + bias[f] (or matmul + bias[n]) as a linalg.generic
/// broadcasting a 1-D tensor along the channel (the last) dimension.
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
    for (int hostPos : {0, 1}) {
      int biasPos = 1 - hostPos;
      EpilogueHost host = fusableHost(generic.getDpsInputs()[hostPos], generic);
      if (!host || host.getBias() || host.getActivation())
        continue;
      Value bias = generic.getDpsInputs()[biasPos];
      auto biasType = dyn_cast<RankedTensorType>(bias.getType());
      int64_t rank = host.getType().getRank();
      AffineMap channel = AffineMap::get(
          rank, 0, {getAffineDimExpr(host.getBiasDim(), getContext())},
          getContext());
      Value a = body->getArgument(hostPos), b = body->getArgument(biasPos);
      bool operandsMatch = (add.getLhs() == a && add.getRhs() == b) ||
                           (add.getLhs() == b && add.getRhs() == a);
      if (!maps[hostPos].isIdentity() || maps[biasPos] != channel ||
          !biasType || biasType.getRank() != 1 ||
          biasType.getElementType() != host.getType().getElementType() ||
          !operandsMatch)
        continue;
      replaceWithHost(rewriter, generic, host, bias, nullptr, nullptr);
      return success();
    }
    return rewriter.notifyMatchFailure(
        generic, "not a convolution or matmul plus a per-channel bias");
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
