//===- PKToLinalg.cpp - pk ops to linalg on tensors -----------------------===//
//
// Each pk op becomes linalg on tensors. Low-precision inputs are always
// accumulated in f32 and truncated to the result type at the end, so a pk
// kernel computes the same numbers whichever pipeline compiles it.
//
//===----------------------------------------------------------------------===//

#include "pk/Conversion/PKToLinalg/PKToLinalg.h"
#include "LoweringUtils.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::pk;
using namespace mlir::pk::lowering;

namespace {

/// Contraction `acc[b?, m, n] = Σ_k lhs · rhs` as linalg.matmul or
/// linalg.batch_matmul whose indexing maps express the transposes.
Value createContraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                        bool transposeLhs, bool transposeRhs,
                        Type accElementType) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  bool batched = lhsType.getRank() == 3;
  int64_t mDim = batched ? 1 : 0;
  SmallVector<OpFoldResult> dims;
  if (batched)
    dims.push_back(tensor::getMixedSize(b, loc, lhs, 0));
  dims.push_back(
      tensor::getMixedSize(b, loc, lhs, transposeLhs ? mDim + 1 : mDim));
  dims.push_back(
      tensor::getMixedSize(b, loc, rhs, transposeRhs ? mDim : mDim + 1));
  Value acc = createZeroFilled(b, loc, dims, accElementType);

  MLIRContext *ctx = b.getContext();
  unsigned numDims = batched ? 4 : 3;
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < numDims; ++i)
    d.push_back(getAffineDimExpr(i, ctx));
  // Loop order (b?, m, n, k), as linalg's own matmul maps.
  ArrayRef<AffineExpr> batch = batched ? ArrayRef(d).take_front(1)
                                       : ArrayRef<AffineExpr>();
  AffineExpr m = d[numDims - 3], n = d[numDims - 2], k = d[numDims - 1];
  auto map = [&](AffineExpr x, AffineExpr y) {
    SmallVector<AffineExpr> exprs(batch);
    exprs.append({x, y});
    return AffineMap::get(numDims, 0, exprs, ctx);
  };
  SmallVector<AffineMap> maps = {transposeLhs ? map(k, m) : map(m, k),
                                 transposeRhs ? map(n, k) : map(k, n),
                                 map(m, n)};
  NamedAttribute mapsAttr(b.getStringAttr("indexing_maps"),
                          b.getAffineMapArrayAttr(maps));
  if (batched)
    return linalg::BatchMatmulOp::create(b, loc, acc.getType(),
                                         ValueRange{lhs, rhs}, ValueRange{acc},
                                         ArrayRef<NamedAttribute>{mapsAttr})
        .getResult(0);
  return linalg::MatmulOp::create(b, loc, acc.getType(), ValueRange{lhs, rhs},
                                  ValueRange{acc},
                                  ArrayRef<NamedAttribute>{mapsAttr})
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

struct MatmulLowering : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type resultElt = op.getType().getElementType();
    Value acc = createContraction(rewriter, loc, op.getLhs(), op.getRhs(),
                                  op.getTransposeLhs(), op.getTransposeRhs(),
                                  accumulatorType(resultElt));
    // The bias runs along N, the last dimension; the epilogue converts to
    // the result type itself.
    if (op.getBias() || op.getActivation())
      acc = createEpilogue(rewriter, loc, acc, op.getBias(),
                           op.getType().getRank() - 1, op.getActivation(),
                           op.getClip(), resultElt);
    Value result = convertTensor(rewriter, loc, acc, resultElt);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// Sigmoid and tanh compute in f32 whatever the storage type.
template <typename OpTy>
struct ActivationLowering : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Type elt = op.getType().getElementType();
    Type acc = accumulatorType(elt);
    Value result = createElementwise(
        rewriter, op.getLoc(), op.getInput(), elt,
        [&](OpBuilder &b, Location loc, Value x) {
          Value xf =
              convertScalarToDtype(b, loc, x, acc, /*isUnsignedCast=*/false);
          return convertScalarToDtype(b, loc, computeActivation(b, loc, xf),
                                      elt, /*isUnsignedCast=*/false);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  static Value computeActivation(OpBuilder &b, Location loc, Value x) {
    if constexpr (std::is_same_v<OpTy, TanhOp>) {
      return math::TanhOp::create(b, loc, x);
    } else {
      // 1 / (1 + exp(-x))
      Value one = arith::ConstantOp::create(b, loc,
                                            b.getFloatAttr(x.getType(), 1.0));
      Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
      return arith::DivFOp::create(b, loc, one,
                                   arith::AddFOp::create(b, loc, one, e));
    }
  }
};

struct SoftmaxLowering : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elt = op.getType().getElementType();
    Type acc = accumulatorType(elt);
    Value input = convertTensor(rewriter, loc, op.getInput(), acc);
    Value init = createEmpty(rewriter, loc,
                             tensor::getMixedSizes(rewriter, loc, input), acc);
    Value softmax =
        linalg::SoftmaxOp::create(rewriter, loc, init.getType(), input, init,
                                  op.getAxis())
            .getResult()[0];
    rewriter.replaceOp(op, convertTensor(rewriter, loc, softmax, elt));
    return success();
  }
};

/// The reference form of attention: S = Q·Kᵀ, S = scale·S (+ causal mask),
/// P = softmax(S), O = P·V. Batch dimensions are collapsed into one so the
/// contractions are linalg.batch_matmul.
struct AttentionLowering : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    int64_t rank = resultType.getRank();
    Type elt = resultType.getElementType();
    Type acc = accumulatorType(elt);

    Value q = op.getQuery(), k = op.getKey(), v = op.getValue();
    // Rank 4 [b, h, n, d] → rank 3 [b·h, n, d].
    SmallVector<ReassociationIndices> collapse = {{0, 1}, {2}, {3}};
    if (rank == 4) {
      q = tensor::CollapseShapeOp::create(rewriter, loc, q, collapse);
      k = tensor::CollapseShapeOp::create(rewriter, loc, k, collapse);
      v = tensor::CollapseShapeOp::create(rewriter, loc, v, collapse);
    }
    Value scores = createContraction(rewriter, loc, q, k, false, true, acc);
    scores = scaleAndMask(rewriter, loc, op, scores, q);

    Value init = createEmpty(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, scores), acc);
    int64_t lastDim = cast<RankedTensorType>(scores.getType()).getRank() - 1;
    Value probs = linalg::SoftmaxOp::create(rewriter, loc, init.getType(),
                                            scores, init, lastDim)
                      .getResult()[0];
    Value out = createContraction(rewriter, loc, probs, v, false, false, acc);
    out = convertTensor(rewriter, loc, out, elt);
    if (rank == 4) {
      // Batch sizes come from the uncollapsed query: a dynamic b·h cannot be
      // split back into b and h without them.
      SmallVector<OpFoldResult> outputShape = {
          tensor::getMixedSize(rewriter, loc, op.getQuery(), 0),
          tensor::getMixedSize(rewriter, loc, op.getQuery(), 1),
          tensor::getMixedSize(rewriter, loc, out, 1),
          tensor::getMixedSize(rewriter, loc, out, 2)};
      SmallVector<int64_t> staticShape = llvm::map_to_vector(
          outputShape, [](OpFoldResult size) {
            return getConstantIntValue(size).value_or(ShapedType::kDynamic);
          });
      out = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(staticShape, elt), out,
          collapse, outputShape);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, out, resultType));
    return success();
  }

  /// scores = scale · scores, and with `causal` the lowest finite f32 where
  /// key j > query i (finite so no row can become NaN).
  static Value scaleAndMask(OpBuilder &b, Location loc, AttentionOp op,
                            Value scores, Value query) {
    auto type = cast<RankedTensorType>(scores.getType());
    int64_t rank = type.getRank();
    Type acc = type.getElementType();
    Value scale;
    if (op.getScale() || !ShapedType::isDynamic(
                             op.getQuery().getType().getShape().back())) {
      scale = arith::ConstantOp::create(
          b, loc, b.getFloatAttr(acc, op.getScaleOrDefault()));
    } else {
      // Dynamic head dimension: 1/sqrt(D) at run time.
      Value d = tensor::DimOp::create(b, loc, query, rank - 1);
      Value di = arith::IndexCastOp::create(b, loc, b.getI64Type(), d);
      Value df = arith::SIToFPOp::create(b, loc, acc, di);
      scale = math::RsqrtOp::create(b, loc, df);
    }
    bool causal = op.getCausal();
    Value lowest;
    if (causal)
      lowest = createLowestFinite(b, loc, acc);
    SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    return linalg::GenericOp::create(
               b, loc, type, ValueRange{}, ValueRange{scores}, maps, iterators,
               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                 Value s = arith::MulFOp::create(nb, nloc, args[0], scale);
                 if (causal) {
                   Value i = linalg::IndexOp::create(nb, nloc, rank - 2);
                   Value j = linalg::IndexOp::create(nb, nloc, rank - 1);
                   Value masked = arith::CmpIOp::create(
                       nb, nloc, arith::CmpIPredicate::ugt, j, i);
                   s = arith::SelectOp::create(nb, nloc, masked, lowest, s);
                 }
                 linalg::YieldOp::create(nb, nloc, s);
               })
        .getResult(0);
  }
};

} // namespace

void mlir::pk::populatePKToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, ActivationLowering<SigmoidOp>,
               ActivationLowering<TanhOp>, SoftmaxLowering, AttentionLowering>(
      patterns.getContext());
  populatePKConvToLinalgPatterns(patterns);
  populatePKPerfKernelsToLinalgPatterns(patterns);
}
