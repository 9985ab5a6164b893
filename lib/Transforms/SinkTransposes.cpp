//===- SinkTransposes.cpp - move transposes past elementwise ops ----------===//
//
// A transpose is a full pass over memory. Sunk past elementwise ops and
// pooling it meets the next transpose (and cancels) or shrinks with the
// pooled result; feeding a matmul it becomes an indexing map.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSINKTRANSPOSES
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// generic(transpose(x, P), ...) → transpose(generic'(x, ...), P): the
/// generic iterates in the source layout.
struct SinkTransposeThroughElementwise : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    unsigned rank = generic.getNumLoops();
    if (!generic.hasPureTensorSemantics() || generic.getNumResults() != 1 ||
        generic.getNumParallelLoops() != rank || rank < 2)
      return rewriter.notifyMatchFailure(generic, "not elementwise");
    // linalg.index names loop dims, which the rewrite permutes.
    if (generic.hasIndexSemantics())
      return rewriter.notifyMatchFailure(generic, "payload reads loop indices");
    std::optional<SmallVector<int64_t>> perm;
    SmallVector<Value> operands;
    for (OpOperand &opOperand : generic->getOpOperands()) {
      AffineMap map = generic.getMatchingIndexingMap(&opOperand);
      Value v = opOperand.get();
      operands.push_back(v);
      if (!map.isIdentity())
        continue;
      if (auto t = v.getDefiningOp<linalg::TransposeOp>()) {
        if (!t->hasOneUse() || (perm && *perm != t.getPermutation()))
          return rewriter.notifyMatchFailure(generic,
                                             "transposes differ or are shared");
        perm = SmallVector<int64_t>(t.getPermutation());
        operands.back() = t.getInput();
        continue;
      }
      bool unusedInit = generic.isDpsInit(&opOperand) &&
                        !generic.payloadUsesValueFromOperand(&opOperand) &&
                        v.getDefiningOp<tensor::EmptyOp>();
      if (!unusedInit)
        return rewriter.notifyMatchFailure(
            generic, "a full-rank operand is not transposed");
    }
    if (!perm)
      return rewriter.notifyMatchFailure(generic, "no transposed operand");

    // Old loop dim i is new loop dim perm[i] (old operands were indexed by
    // the transposed layout).
    Location loc = generic.getLoc();
    MLIRContext *ctx = getContext();
    SmallVector<AffineExpr> oldToNew;
    for (int64_t p : *perm)
      oldToNew.push_back(getAffineDimExpr(p, ctx));
    SmallVector<AffineMap> maps;
    for (auto [i, map] : llvm::enumerate(generic.getIndexingMapsArray())) {
      if (map.isIdentity()) {
        maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
        continue;
      }
      maps.push_back(map.replaceDimsAndSymbols(oldToNew, {}, rank, 0));
    }
    // The init: a new empty tensor in the source layout.
    OpOperand *init = generic.getDpsInitOperand(0);
    Value &newInit = operands[init->getOperandNumber()];
    if (auto empty = newInit.getDefiningOp<tensor::EmptyOp>()) {
      SmallVector<OpFoldResult> sizes = empty.getMixedSizes();
      newInit = tensor::EmptyOp::create(
          rewriter, loc,
          applyPermutation(sizes, invertPermutationVector(*perm)),
          empty.getType().getElementType());
    }
    auto newGeneric = linalg::GenericOp::create(
        rewriter, loc, TypeRange{newInit.getType()},
        ArrayRef(operands).take_front(generic.getNumDpsInputs()),
        ValueRange{newInit}, maps, generic.getIteratorTypesArray());
    rewriter.inlineRegionBefore(generic.getRegion(), newGeneric.getRegion(),
                                newGeneric.getRegion().begin());
    newGeneric->setDiscardableAttrs(generic->getDiscardableAttrDictionary());
    rewriter.replaceOp(
        generic,
        pk::createTranspose(rewriter, loc, newGeneric.getResult(0), *perm));
    return success();
  }
};

/// NCHW pooling of an NHWC → NCHW transpose: pool in NHWC and transpose the
/// pooled (smaller) result.
template <typename NchwOp, typename NhwcOp>
struct SinkTransposeThroughPooling : OpRewritePattern<NchwOp> {
  using OpRewritePattern<NchwOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(NchwOp pool,
                                PatternRewriter &rewriter) const override {
    if (!pool.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(pool, "only on tensors");
    auto t = pool.getInputs()[0].template getDefiningOp<linalg::TransposeOp>();
    if (!t || !t->hasOneUse() ||
        t.getPermutation() != ArrayRef<int64_t>{0, 3, 1, 2})
      return rewriter.notifyMatchFailure(
          pool, "input is not an NHWC → NCHW transpose");
    auto fill = pool.getOutputs()[0].template getDefiningOp<linalg::FillOp>();
    if (!fill ||
        !fill.getOutputs()[0].template getDefiningOp<tensor::EmptyOp>())
      return rewriter.notifyMatchFailure(pool,
                                         "init is not a filled empty tensor");
    Location loc = pool.getLoc();
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, pool.getOutputs()[0]);
    Type elt = getElementTypeOrSelf(pool.getOutputs()[0].getType());
    Value init = tensor::EmptyOp::create(
        rewriter, loc, applyPermutation(sizes, {0, 2, 3, 1}), elt);
    init = linalg::FillOp::create(rewriter, loc, fill.getInputs(),
                                  ValueRange{init})
               .getResult(0);
    SmallVector<NamedAttribute> attrs = {
        rewriter.getNamedAttr("strides", pool.getStrides()),
        rewriter.getNamedAttr("dilations", pool.getDilations())};
    Value nhwc = NhwcOp::create(rewriter, loc, init.getType(),
                                ValueRange{t.getInput(), pool.getInputs()[1]},
                                ValueRange{init}, attrs)
                     .getResult(0);
    rewriter.replaceOp(pool,
                       pk::createTranspose(rewriter, loc, nhwc, {0, 3, 1, 2}));
    return success();
  }
};

/// transpose(pad(x)) with a constant padding value: x is transposed
/// straight into the interior of a filled tensor of the padded, transposed
/// shape (bufferized in place), instead of a padded copy then transposed.
struct TransposePaddedInPlace : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::TransposeOp t,
                                PatternRewriter &rewriter) const override {
    auto pad = t.getInput().getDefiningOp<tensor::PadOp>();
    if (!pad || !pad->hasOneUse() || pad.getNofold())
      return rewriter.notifyMatchFailure(t, "input is not a single-use pad");
    Value padValue = pad.getConstantPaddingValue();
    if (!padValue || !t.getInit().getDefiningOp<tensor::EmptyOp>())
      return rewriter.notifyMatchFailure(
          t, "padding value is not constant or the init is not empty");
    Location loc = t.getLoc();
    ArrayRef<int64_t> perm = t.getPermutation();
    Value filled = linalg::FillOp::create(rewriter, loc, ValueRange{padValue},
                                          ValueRange{t.getInit()})
                       .getResult(0);
    SmallVector<OpFoldResult> offsets =
        applyPermutation(pad.getMixedLowPad(), perm);
    SmallVector<OpFoldResult> sizes = applyPermutation(
        tensor::getMixedSizes(rewriter, loc, pad.getSource()), perm);
    SmallVector<OpFoldResult> strides(perm.size(), rewriter.getIndexAttr(1));
    Value interior = tensor::ExtractSliceOp::create(rewriter, loc, filled,
                                                    offsets, sizes, strides);
    Value transposed = linalg::TransposeOp::create(
                           rewriter, loc, pad.getSource(), interior, perm)
                           .getResult()[0];
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(t, transposed, filled,
                                                       offsets, sizes, strides);
    return success();
  }
};

/// The transpose of the last two dims of a rank-2 or rank-3 operand, if
/// `v` is one.
linalg::TransposeOp matrixTranspose(Value v) {
  auto t = v.getDefiningOp<linalg::TransposeOp>();
  if (!t)
    return nullptr;
  ArrayRef<int64_t> perm = t.getPermutation();
  if (perm == ArrayRef<int64_t>{1, 0} || perm == ArrayRef<int64_t>{0, 2, 1})
    return t;
  return nullptr;
}

/// pk.matmul of a transposed operand reads the untransposed one with the
/// transpose flag flipped.
struct MergeTransposeIntoPKMatmul : OpRewritePattern<pk::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pk::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    linalg::TransposeOp lhs = matrixTranspose(op.getLhs());
    linalg::TransposeOp rhs = matrixTranspose(op.getRhs());
    if (!lhs && !rhs)
      return rewriter.notifyMatchFailure(op, "no transposed operand");
    rewriter.modifyOpInPlace(op, [&] {
      if (lhs) {
        op.getLhsMutable().assign(lhs.getInput());
        op.setTransposeLhs(!op.getTransposeLhs());
      }
      if (rhs) {
        op.getRhsMutable().assign(rhs.getInput());
        op.setTransposeRhs(!op.getTransposeRhs());
      }
    });
    return success();
  }
};

/// linalg.matmul / batch_matmul of a transposed operand: the transpose
/// becomes part of the operand's indexing map.
template <typename OpTy>
struct MergeTransposeIntoLinalgMatmul : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "only on tensors");
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    SmallVector<Value> ins(op.getInputs());
    bool changed = false;
    for (int i : {0, 1}) {
      linalg::TransposeOp t = matrixTranspose(ins[i]);
      if (!t)
        continue;
      // Operand dim d of the transposed value is source dim perm[d]: the
      // source's map lists the same expressions, permuted back.
      ArrayRef<int64_t> perm = t.getPermutation();
      SmallVector<AffineExpr> exprs(maps[i].getNumResults());
      for (auto [d, p] : llvm::enumerate(perm))
        exprs[p] = maps[i].getResult(d);
      maps[i] = AffineMap::get(maps[i].getNumDims(), 0, exprs, op.getContext());
      ins[i] = t.getInput();
      changed = true;
    }
    if (!changed)
      return rewriter.notifyMatchFailure(op, "no transposed operand");
    NamedAttribute mapsAttr(rewriter.getStringAttr("indexing_maps"),
                            rewriter.getAffineMapArrayAttr(maps));
    rewriter.replaceOpWithNewOp<OpTy>(op, op->getResultTypes(), ins,
                                      op.getOutputs(),
                                      ArrayRef<NamedAttribute>{mapsAttr});
    return success();
  }
};

struct PKSinkTransposesPass
    : pk::impl::PKSinkTransposesBase<PKSinkTransposesPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<SinkTransposeThroughElementwise,
                 SinkTransposeThroughPooling<linalg::PoolingNchwMaxOp,
                                             linalg::PoolingNhwcMaxOp>,
                 SinkTransposeThroughPooling<linalg::PoolingNchwSumOp,
                                             linalg::PoolingNhwcSumOp>,
                 TransposePaddedInPlace, MergeTransposeIntoPKMatmul,
                 MergeTransposeIntoLinalgMatmul<linalg::MatmulOp>,
                 MergeTransposeIntoLinalgMatmul<linalg::BatchMatmulOp>>(ctx);
    linalg::TransposeOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
