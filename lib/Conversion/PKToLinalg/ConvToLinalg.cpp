//===- ConvToLinalg.cpp - pk convolution and pooling to linalg ------------===//
//
// Convolutions become linalg's named convolutions (grouped ones the
// ngchw/nhwgc variants on reshaped operands) over an explicitly padded
// input, so recipes can match, tile and decompose them; pooling becomes the
// named pooling ops. Sums accumulate in f32. A convolution's bias and
// activation form one epilogue op after it; inference batch norm is one
// elementwise op.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "pk/Conversion/PKToLinalg/PKToLinalg.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::pk;
using namespace mlir::pk::lowering;

namespace {

/// Dimension positions of the two spatial dims in NCHW or NHWC.
std::pair<int64_t, int64_t> spatialDims(bool nhwc) {
  return nhwc ? std::make_pair(1, 2) : std::make_pair(2, 3);
}

/// `input` padded by [top, left, bottom, right] in its spatial dims with
/// `padValue`; unchanged without padding.
Value padSpatial(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> padding, bool nhwc, Value padValue) {
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; }))
    return input;
  auto [hDim, wDim] = spatialDims(nhwc);
  SmallVector<OpFoldResult> low(4, b.getIndexAttr(0)), high(4, b.getIndexAttr(0));
  low[hDim] = b.getIndexAttr(padding[0]);
  low[wDim] = b.getIndexAttr(padding[1]);
  high[hDim] = b.getIndexAttr(padding[2]);
  high[wDim] = b.getIndexAttr(padding[3]);
  return tensor::PadOp::create(b, loc, Type(), input, low, high, padValue);
}

/// Output extent (in + padBefore + padAfter − dilation·(kernel−1) − 1) /
/// stride + 1, folded when static.
OpFoldResult windowOutputSize(OpBuilder &b, Location loc, OpFoldResult in,
                              int64_t pads, int64_t kernel, int64_t stride,
                              int64_t dilation) {
  AffineExpr s0 = b.getAffineSymbolExpr(0);
  int64_t span = dilation * (kernel - 1) + 1;
  return affine::makeComposedFoldedAffineApply(
      b, loc, (s0 + pads - span).floorDiv(stride) + 1, {in});
}

/// Sizes of the result of a window op over `input` (NCHW or NHWC) with
/// `channels` output channels.
SmallVector<OpFoldResult> windowResultSizes(OpBuilder &b, Location loc,
                                            Value input, OpFoldResult channels,
                                            ArrayRef<int64_t> kernel,
                                            ArrayRef<int64_t> strides,
                                            ArrayRef<int64_t> padding,
                                            ArrayRef<int64_t> dilations,
                                            bool nhwc) {
  auto [hDim, wDim] = spatialDims(nhwc);
  SmallVector<OpFoldResult> in = tensor::getMixedSizes(b, loc, input);
  OpFoldResult oh = windowOutputSize(b, loc, in[hDim], padding[0] + padding[2],
                                     kernel[0], strides[0], dilations[0]);
  OpFoldResult ow = windowOutputSize(b, loc, in[wDim], padding[1] + padding[3],
                                     kernel[1], strides[1], dilations[1]);
  if (nhwc)
    return {in[0], oh, ow, channels};
  return {in[0], channels, oh, ow};
}

SmallVector<NamedAttribute> windowAttrs(OpBuilder &b,
                                        ArrayRef<int64_t> strides,
                                        ArrayRef<int64_t> dilations) {
  return {b.getNamedAttr("strides", b.getI64TensorAttr(strides)),
          b.getNamedAttr("dilations", b.getI64TensorAttr(dilations))};
}

/// Expands `v` to `shape`, where every dynamic result dim is a source dim
/// kept whole (only static channel dims are split).
Value expandTo(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape,
               ArrayRef<ReassociationIndices> reassociation) {
  auto srcType = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> outShape;
  for (auto [srcDim, group] : llvm::enumerate(reassociation))
    for (int64_t dim : group)
      outShape.push_back(ShapedType::isDynamic(shape[dim])
                             ? tensor::getMixedSize(b, loc, v, srcDim)
                             : b.getIndexAttr(shape[dim]));
  auto type = RankedTensorType::get(shape, srcType.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, v, reassociation,
                                       outShape);
}

struct Conv2DLowering : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    bool nhwc = op.getNhwc();
    Type elt = op.getType().getElementType();
    Type acc = accumulatorType(elt);
    RankedTensorType wType = op.getFilter().getType();
    ArrayRef<int64_t> w = wType.getShape();
    int64_t kh = nhwc ? w[0] : w[2], kw = nhwc ? w[1] : w[3];
    Value zero = arith::ConstantOp::create(
        rewriter, loc,
        rewriter.getZeroAttr(op.getInput().getType().getElementType()));
    Value input =
        padSpatial(rewriter, loc, op.getInput(), op.getPadding(), nhwc, zero);
    OpFoldResult channels = tensor::getMixedSize(rewriter, loc, op.getFilter(),
                                                 nhwc ? 3 : 0);
    SmallVector<OpFoldResult> sizes = windowResultSizes(
        rewriter, loc, op.getInput(), channels, {kh, kw}, op.getStrides(),
        op.getPadding(), op.getDilations(), nhwc);
    SmallVector<NamedAttribute> attrs =
        windowAttrs(rewriter, op.getStrides(), op.getDilations());

    Value out;
    if (isPointwise(op))
      out = convolvePointwise(rewriter, loc, input, op.getFilter(), acc, nhwc);
    else if (op.getGroups() == 1)
      out = convolve(rewriter, loc, input, op.getFilter(), sizes, acc, attrs,
                     nhwc);
    else
      out = convolveGrouped(rewriter, loc, input, op.getFilter(), sizes, acc,
                            attrs, nhwc, op.getGroups());
    if (op.getBias() || op.getActivation())
      out = createEpilogue(rewriter, loc, out, op.getBias(), nhwc ? 3 : 1,
                           op.getActivation(), op.getClip(), elt);
    out = convertTensor(rewriter, loc, out, elt);
    rewriter.replaceOp(op, castToType(rewriter, loc, out, op.getType()));
    return success();
  }

  /// A 1x1, stride-1, unpadded, ungrouped convolution over static shapes
  /// (one image in NCHW) is a matrix product over the pixels.
  static bool isPointwise(Conv2DOp op) {
    auto inType = op.getInput().getType();
    ArrayRef<int64_t> w = op.getFilter().getType().getShape();
    bool nhwc = op.getNhwc();
    int64_t kh = nhwc ? w[0] : w[2], kw = nhwc ? w[1] : w[3];
    return kh == 1 && kw == 1 && op.getGroups() == 1 &&
           llvm::all_of(op.getStrides(), [](int64_t s) { return s == 1; }) &&
           llvm::all_of(op.getPadding(), [](int64_t p) { return p == 0; }) &&
           inType.hasStaticShape() && (nhwc || inType.getDimSize(0) == 1);
  }

  /// The pointwise convolution as a linalg.matmul on reshaped views, so it
  /// gets the GEMM schedule (packing, 8x32 register tiles) and NCHW needs
  /// no layout change: out[F][HW] = W[F][C] x X[C][HW] for NCHW,
  /// out[NHW][F] = X[NHW][C] x W[C][F] for NHWC.
  static Value convolvePointwise(OpBuilder &b, Location loc, Value input,
                                 Value filter, Type acc, bool nhwc) {
    auto inType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> in = inType.getShape();
    ArrayRef<int64_t> w = cast<RankedTensorType>(filter.getType()).getShape();
    SmallVector<ReassociationIndices> pixels, filterRows;
    Value lhs, rhs;
    SmallVector<int64_t> product, result;
    if (nhwc) {
      pixels = {{0, 1, 2}, {3}};
      lhs = tensor::CollapseShapeOp::create(b, loc, input, pixels);
      rhs = tensor::CollapseShapeOp::create(b, loc, filter, pixels);
      product = {in[0] * in[1] * in[2], w[3]};
      result = {in[0], in[1], in[2], w[3]};
    } else {
      pixels = {{0, 1}, {2, 3}};
      filterRows = {{0}, {1, 2, 3}};
      lhs = tensor::CollapseShapeOp::create(b, loc, filter, filterRows);
      rhs = tensor::CollapseShapeOp::create(b, loc, input, pixels);
      product = {w[0], in[2] * in[3]};
      result = {1, w[0], in[2], in[3]};
    }
    Value init = createZeroFilled(
        b, loc, getAsIndexOpFoldResult(b.getContext(), product), acc);
    Value mm = linalg::MatmulOp::create(b, loc, init.getType(),
                                        ValueRange{lhs, rhs}, ValueRange{init})
                   .getResult(0);
    auto resultType = RankedTensorType::get(result, acc);
    return tensor::ExpandShapeOp::create(b, loc, resultType, mm, pixels);
  }

  static Value convolve(OpBuilder &b, Location loc, Value input, Value filter,
                        ArrayRef<OpFoldResult> sizes, Type acc,
                        ArrayRef<NamedAttribute> attrs, bool nhwc) {
    Value init = createZeroFilled(b, loc, sizes, acc);
    if (nhwc)
      return linalg::Conv2DNhwcHwcfOp::create(b, loc, init.getType(),
                                              ValueRange{input, filter},
                                              ValueRange{init}, attrs)
          .getResult(0);
    return linalg::Conv2DNchwFchwOp::create(b, loc, init.getType(),
                                            ValueRange{input, filter},
                                            ValueRange{init}, attrs)
        .getResult(0);
  }

  /// Splits the channel dims into (group, channel-in-group) and uses the
  /// grouped named convolutions; the verifier guarantees static channels.
  static Value convolveGrouped(OpBuilder &b, Location loc, Value input,
                               Value filter, ArrayRef<OpFoldResult> sizes,
                               Type acc, ArrayRef<NamedAttribute> attrs,
                               bool nhwc, int64_t groups) {
    auto inType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> in = inType.getShape();
    ArrayRef<int64_t> w = cast<RankedTensorType>(filter.getType()).getShape();
    auto staticOr = [](OpFoldResult s) {
      std::optional<int64_t> v = getConstantIntValue(s);
      return v ? *v : ShapedType::kDynamic;
    };
    if (!nhwc) {
      // [N, C, H, W] → [N, G, C/G, H, W]; [F, C/G, KH, KW] → [G, F/G, ...].
      SmallVector<ReassociationIndices> splitDim1 = {{0}, {1, 2}, {3}, {4}};
      SmallVector<ReassociationIndices> splitDim0 = {{0, 1}, {2}, {3}, {4}};
      Value x = expandTo(b, loc, input,
                         {in[0], groups, in[1] / groups, in[2], in[3]},
                         splitDim1);
      Value f = expandTo(b, loc, filter,
                         {groups, w[0] / groups, w[1], w[2], w[3]}, splitDim0);
      SmallVector<OpFoldResult> initSizes = {
          sizes[0], b.getIndexAttr(groups),
          b.getIndexAttr(staticOr(sizes[1]) / groups), sizes[2], sizes[3]};
      Value init = createZeroFilled(b, loc, initSizes, acc);
      Value out = linalg::Conv2DNgchwGfchwOp::create(
                      b, loc, init.getType(), ValueRange{x, f},
                      ValueRange{init}, attrs)
                      .getResult(0);
      return tensor::CollapseShapeOp::create(b, loc, out, splitDim1);
    }
    // [N, H, W, C] → [N, H, W, G, C/G]; HWCF → [KH, KW, C/G, G, F/G] →
    // transposed to GFHWC.
    SmallVector<ReassociationIndices> splitLast = {{0}, {1}, {2}, {3, 4}};
    Value x = expandTo(b, loc, input,
                       {in[0], in[1], in[2], groups, in[3] / groups},
                       splitLast);
    Value f = expandTo(b, loc, filter,
                       {w[0], w[1], w[2], groups, w[3] / groups}, splitLast);
    Value fInit = createEmpty(
        b, loc,
        {b.getIndexAttr(groups), b.getIndexAttr(w[3] / groups),
         b.getIndexAttr(w[0]), b.getIndexAttr(w[1]), b.getIndexAttr(w[2])},
        cast<RankedTensorType>(filter.getType()).getElementType());
    f = linalg::TransposeOp::create(b, loc, f, fInit,
                                    ArrayRef<int64_t>{3, 4, 0, 1, 2})
            .getResult()[0];
    SmallVector<OpFoldResult> initSizes = {
        sizes[0], sizes[1], sizes[2], b.getIndexAttr(groups),
        b.getIndexAttr(staticOr(sizes[3]) / groups)};
    Value init = createZeroFilled(b, loc, initSizes, acc);
    Value out = linalg::Conv2DNhwgcGfhwcOp::create(b, loc, init.getType(),
                                                   ValueRange{x, f},
                                                   ValueRange{init}, attrs)
                    .getResult(0);
    return tensor::CollapseShapeOp::create(b, loc, out, splitLast);
  }
};

/// Inference batch norm as one elementwise op: per channel
/// s = γ / √(var + ε) and t = β − mean · s (a few [C]-sized ops), then
/// y = x · s + t, all in f32.
struct BatchNormLowering : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = op.getType().getElementType();
    Type acc = accumulatorType(elt);
    Value eps = arith::ConstantOp::create(
        rewriter, loc, rewriter.getFloatAttr(acc, op.getEpsilon()));
    SmallVector<OpFoldResult> channels = {
        tensor::getMixedSize(rewriter, loc, op.getScale(), 0)};
    AffineMap id1 = rewriter.getMultiDimIdentityMap(1);
    Value stInit = createEmpty(rewriter, loc, channels, acc);
    auto stGeneric = linalg::GenericOp::create(
        rewriter, loc, TypeRange{stInit.getType(), stInit.getType()},
        ValueRange{op.getScale(), op.getBias(), op.getMean(),
                   op.getVariance()},
        ValueRange{stInit, stInit}, SmallVector<AffineMap>(6, id1),
        {utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> p;
          for (Value a : args.take_front(4))
            p.push_back(
                convertScalarToDtype(b, l, a, acc, /*isUnsignedCast=*/false));
          Value root = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, p[3], eps));
          Value scale = arith::DivFOp::create(b, l, p[0], root);
          Value shift = arith::SubFOp::create(
              b, l, p[1], arith::MulFOp::create(b, l, p[2], scale));
          linalg::YieldOp::create(b, l, ValueRange{scale, shift});
        });

    AffineMap identity = rewriter.getMultiDimIdentityMap(4);
    AffineMap channel = AffineMap::get(
        4, 0, {getAffineDimExpr(op.getChannelDim(), ctx)}, ctx);
    Value init = createEmpty(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, op.getInput()),
        elt);
    Value out =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(),
            ValueRange{op.getInput(), stGeneric.getResult(0),
                       stGeneric.getResult(1)},
            ValueRange{init},
            ArrayRef<AffineMap>{identity, channel, channel, identity},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = convertScalarToDtype(b, l, args[0], acc,
                                             /*isUnsignedCast=*/false);
              Value y = arith::AddFOp::create(
                  b, l, arith::MulFOp::create(b, l, x, args[1]), args[2]);
              linalg::YieldOp::create(
                  b, l,
                  convertScalarToDtype(b, l, y, elt, /*isUnsignedCast=*/false));
            })
            .getResult(0);
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// Shared by max and average pooling: padding, result sizes, window.
template <typename PoolOp>
struct PoolGeometry {
  SmallVector<int64_t> strides;
  SmallVector<OpFoldResult> sizes;
  Value window; ///< shape-only [KH, KW] operand of linalg pooling ops
  SmallVector<NamedAttribute> attrs;

  PoolGeometry(OpBuilder &b, Location loc, PoolOp op)
      : strides(op.getStridesOrKernel()) {
    auto channelDim = op.getNhwc() ? 3 : 1;
    sizes = windowResultSizes(
        b, loc, op.getInput(),
        tensor::getMixedSize(b, loc, op.getInput(), channelDim),
        op.getKernel(), strides, op.getPadding(), op.getDilations(),
        op.getNhwc());
    window = createEmpty(b, loc,
                         {b.getIndexAttr(op.getKernel()[0]),
                          b.getIndexAttr(op.getKernel()[1])},
                         b.getF32Type());
    attrs = windowAttrs(b, strides, op.getDilations());
  }
};

struct MaxPool2DLowering : OpRewritePattern<MaxPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elt = op.getType().getElementType();
    // Padding never wins: the lowest finite value, not -inf, so a window
    // can never produce an infinity the input did not contain.
    Value lowest = createLowestFinite(rewriter, loc, elt);
    PoolGeometry<MaxPool2DOp> g(rewriter, loc, op);
    Value input = padSpatial(rewriter, loc, op.getInput(), op.getPadding(),
                             op.getNhwc(), lowest);
    Value init = createEmpty(rewriter, loc, g.sizes, elt);
    init = linalg::FillOp::create(rewriter, loc, ValueRange{lowest},
                                  ValueRange{init})
               .getResult(0);
    SmallVector<Value> ins = {input, g.window};
    Value out =
        op.getNhwc()
            ? linalg::PoolingNhwcMaxOp::create(rewriter, loc, init.getType(),
                                               ins, ValueRange{init}, g.attrs)
                  .getResult(0)
            : linalg::PoolingNchwMaxOp::create(rewriter, loc, init.getType(),
                                               ins, ValueRange{init}, g.attrs)
                  .getResult(0);
    rewriter.replaceOp(op, castToType(rewriter, loc, out, op.getType()));
    return success();
  }
};

struct AvgPool2DLowering : OpRewritePattern<AvgPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elt = op.getType().getElementType();
    Type acc = accumulatorType(elt);
    bool nhwc = op.getNhwc();
    PoolGeometry<AvgPool2DOp> g(rewriter, loc, op);
    Value zero =
        arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(acc));
    Value input = convertTensor(rewriter, loc, op.getInput(), acc);
    Value sums = sumPool(rewriter, loc,
                         padSpatial(rewriter, loc, input, op.getPadding(),
                                    nhwc, zero),
                         g, acc, nhwc);

    bool padded = llvm::any_of(op.getPadding(), [](int64_t p) { return p; });
    Value out;
    if (op.getExcludePadding() && padded) {
      // Per-window element counts: the sum-pool of ones padded with zeros.
      Value ones = createEmpty(rewriter, loc,
                               tensor::getMixedSizes(rewriter, loc, input),
                               acc);
      Value one = arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getFloatAttr(acc, 1.0));
      ones = linalg::FillOp::create(rewriter, loc, ValueRange{one},
                                    ValueRange{ones})
                 .getResult(0);
      Value counts = sumPool(rewriter, loc,
                             padSpatial(rewriter, loc, ones, op.getPadding(),
                                        nhwc, zero),
                             g, acc, nhwc);
      out = divide(rewriter, loc, sums, counts);
    } else {
      double area = op.getKernel()[0] * op.getKernel()[1];
      Value inv = arith::ConstantOp::create(
          rewriter, loc, rewriter.getFloatAttr(acc, 1.0 / area));
      out = createElementwise(rewriter, loc, sums, acc,
                              [&](OpBuilder &b, Location l, Value x) {
                                return arith::MulFOp::create(b, l, x, inv);
                              });
    }
    out = convertTensor(rewriter, loc, out, elt);
    rewriter.replaceOp(op, castToType(rewriter, loc, out, op.getType()));
    return success();
  }

  static Value sumPool(OpBuilder &b, Location loc, Value input,
                       PoolGeometry<AvgPool2DOp> &g, Type acc, bool nhwc) {
    Value init = createZeroFilled(b, loc, g.sizes, acc);
    SmallVector<Value> ins = {input, g.window};
    if (nhwc)
      return linalg::PoolingNhwcSumOp::create(b, loc, init.getType(), ins,
                                              ValueRange{init}, g.attrs)
          .getResult(0);
    return linalg::PoolingNchwSumOp::create(b, loc, init.getType(), ins,
                                            ValueRange{init}, g.attrs)
        .getResult(0);
  }

  static Value divide(OpBuilder &b, Location loc, Value num, Value den) {
    auto type = cast<RankedTensorType>(num.getType());
    AffineMap id = b.getMultiDimIdentityMap(4);
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    Value init = createEmpty(b, loc, tensor::getMixedSizes(b, loc, num),
                             type.getElementType());
    return linalg::GenericOp::create(
               b, loc, type, ValueRange{num, den}, ValueRange{init},
               ArrayRef<AffineMap>{id, id, id}, iterators,
               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                 linalg::YieldOp::create(
                     nb, nloc,
                     arith::DivFOp::create(nb, nloc, args[0], args[1])
                         .getResult());
               })
        .getResult(0);
  }
};

} // namespace

void mlir::pk::populatePKConvToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2DLowering, BatchNormLowering, MaxPool2DLowering,
               AvgPool2DLowering>(patterns.getContext());
}

Value mlir::pk::lowering::createActivation(
    OpBuilder &b, Location loc, Value x, StringRef activation,
    std::optional<ArrayRef<float>> clip) {
  Type type = x.getType();
  auto constant = [&](double v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, v));
  };
  if (activation == "relu")
    return arith::MaximumFOp::create(b, loc, x, constant(0.0));
  if (activation == "clip")
    return arith::MinimumFOp::create(
        b, loc, arith::MaximumFOp::create(b, loc, x, constant((*clip)[0])),
        constant((*clip)[1]));
  if (activation == "tanh")
    return math::TanhOp::create(b, loc, x);
  assert(activation == "sigmoid" && "the verifier admits no other activation");
  // 1 / (1 + exp(-x)), as pk.sigmoid's lowering.
  Value one = constant(1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}
