//===- ApplyLoweringConfig.cpp - carry out #pk.lowering_config ------------===//
//
// Each linalg op with a pk.lowering_config is tiled into an scf.forall of
// its thread tiles (the OpenMP work items), each work item into scf.for
// loops over register tiles of its vector sizes. Each register loop is
// peeled: its full tiles are vectorized without masks, and only the one
// partial tile at its end is masked. A tile the vectorizer cannot handle
// stays a correct scalar loop nest, with a remark saying so.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "pk/Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPLYLOWERINGCONFIG
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Marks the register tiles of one op while peeling copies them.
constexpr llvm::StringLiteral kRegisterTileAttr =
    pk::PKDialect::RegisterTileAttrHelper::getNameStr();

/// Tiles `op` by `tileSizes` with loops of `loopType`; the tiled op, or
/// `op` itself when no size tiles anything. The loops made go to `loops`.
FailureOr<linalg::LinalgOp>
tile(RewriterBase &rewriter, linalg::LinalgOp op, ArrayRef<int64_t> tileSizes,
     scf::SCFTilingOptions::LoopType loopType,
     SmallVectorImpl<LoopLikeOpInterface> *loops = nullptr) {
  SmallVector<int64_t> sizes = op.getStaticLoopRanges();
  SmallVector<OpFoldResult> tiles;
  bool tilesAnything = false;
  for (auto [size, tileSize] : llvm::zip(sizes, tileSizes)) {
    // A loop no longer than its tile needs no loop of its own.
    bool needed = tileSize > 0 && (ShapedType::isDynamic(size) ||
                                   tileSize < size);
    tiles.push_back(rewriter.getIndexAttr(needed ? tileSize : 0));
    tilesAnything |= needed;
  }
  if (!tilesAnything)
    return op;
  scf::SCFTilingOptions options;
  options.setLoopType(loopType).setTileSizes(tiles);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  if (loops)
    loops->assign(tiled->loops.begin(), tiled->loops.end());
  return cast<linalg::LinalgOp>(tiled->tiledOps.back());
}

/// Splits each loop into its full steps and one partial step, innermost
/// first so that peeling an outer loop copies the inner loops' split too.
/// In the full steps the tile sizes fold to constants.
void peelPartialTiles(RewriterBase &rewriter,
                      ArrayRef<LoopLikeOpInterface> loops) {
  for (LoopLikeOpInterface loop : llvm::reverse(loops)) {
    auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
    if (!forOp)
      continue;
    scf::ForOp partial;
    // Failure means a loop without a partial step: nothing to split.
    (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partial);
  }
}

/// Upper bounds of `op`'s loop ranges: a register tile's ranges are at
/// most its tile sizes, also where a partial tile makes them dynamic.
FailureOr<SmallVector<int64_t>> loopUpperBounds(linalg::LinalgOp op) {
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  for (auto [loop, bound] : llvm::enumerate(bounds)) {
    if (!ShapedType::isDynamic(bound))
      continue;
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
        auto d = dyn_cast<AffineDimExpr>(expr);
        if (!d || d.getPosition() != loop)
          continue;
        FailureOr<int64_t> ub = ValueBoundsConstraintSet::computeConstantBound(
            presburger::BoundType::UB,
            ValueBoundsConstraintSet::Variable(operand.get(), dim),
            /*stopCondition=*/nullptr, /*closedUB=*/true);
        if (succeeded(ub)) {
          bound = *ub;
          break;
        }
      }
      if (!ShapedType::isDynamic(bound))
        break;
    }
    if (ShapedType::isDynamic(bound))
      return failure();
  }
  return bounds;
}

/// Vectorizes one register tile whole: with vector sizes its loops' upper
/// bounds, masked only where its sizes are not known to be those.
void vectorizeRegisterTile(RewriterBase &rewriter, linalg::LinalgOp tileOp) {
  FailureOr<SmallVector<int64_t>> vectorSizes = loopUpperBounds(tileOp);
  if (failed(vectorSizes)) {
    tileOp->emitRemark("lowering config: the register tile has no bounded "
                       "size; it stays scalar");
    return;
  }
  rewriter.setInsertionPoint(tileOp);
  // Fixed-length vectors: the mask types must say so dim by dim.
  SmallVector<bool> scalable(vectorSizes->size(), false);
  FailureOr<linalg::VectorizationResult> vectorized =
      linalg::vectorize(rewriter, tileOp, *vectorSizes, scalable);
  if (failed(vectorized)) {
    tileOp->emitRemark("lowering config: the register tile could not be "
                       "vectorized; it stays scalar");
    return;
  }
  rewriter.replaceOp(tileOp, vectorized->replacements);
}

/// The ops under `root` marked as register tiles, unmarked.
SmallVector<linalg::LinalgOp> takeRegisterTiles(Operation *root) {
  SmallVector<linalg::LinalgOp> tiles;
  root->walk([&](linalg::LinalgOp tileOp) {
    if (tileOp->removeAttr(kRegisterTileAttr))
      tiles.push_back(tileOp);
  });
  return tiles;
}

/// An inner reduction's block of rows: its reduction loops are tiled by
/// `vectorSizes` into partial reductions, so each step of the loop adds a
/// vector into vector accumulators (one per row) and the accumulators are
/// reduced across their lanes once, after the loop, instead of at every
/// step. The ops to vectorize are marked; false when the block needs no
/// such loop or cannot be split (it is then vectorized as it is).
bool splitReductionIntoPartials(RewriterBase &rewriter,
                                linalg::LinalgOp block,
                                ArrayRef<int64_t> vectorSizes) {
  SmallVector<int64_t> ranges = block.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = block.getIteratorTypesArray();
  SmallVector<OpFoldResult> tileSizes;
  SmallVector<unsigned> reductionDims;
  for (auto [loop, range] : llvm::enumerate(ranges)) {
    int64_t size = vectorSizes[loop];
    bool split = iterators[loop] == utils::IteratorType::reduction &&
                 size > 0 && (ShapedType::isDynamic(range) || size < range);
    tileSizes.push_back(rewriter.getIndexAttr(split ? size : 0));
    if (split)
      reductionDims.push_back(loop);
  }
  if (reductionDims.empty())
    return false;
  scf::SCFTilingOptions options;
  options.setLoopType(scf::SCFTilingOptions::LoopType::ForOp)
      .setTileSizes(tileSizes)
      .setReductionTilingStrategy(
          ReductionTilingStrategy::PartialReductionOuterReduction)
      .setReductionDims(reductionDims);
  rewriter.setInsertionPoint(block);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(block.getOperation()), options);
  if (failed(tiled))
    return false;
  rewriter.replaceOp(block, tiled->replacements);
  auto mark = [&](Operation *op) {
    if (isa_and_nonnull<linalg::LinalgOp>(op))
      op->setAttr(kRegisterTileAttr, rewriter.getUnitAttr());
  };
  for (Operation *op : tiled->tiledOps)
    mark(op);
  for (Value init : tiled->initialValues)
    mark(init.getDefiningOp());
  for (Operation *op : tiled->mergeOps)
    mark(op);
  peelPartialTiles(rewriter, tiled->loops);
  return true;
}

struct PKApplyLoweringConfigPass
    : pk::impl::PKApplyLoweringConfigBase<PKApplyLoweringConfigPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(pk::PKDialect::kLoweringConfigAttrName))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      auto config = op->getAttrOfType<pk::LoweringConfigAttr>(
          pk::PKDialect::kLoweringConfigAttrName);
      op->removeAttr(pk::PKDialect::kLoweringConfigAttrName);
      if (!op.hasPureTensorSemantics()) {
        op->emitRemark("lowering config not applied: the op is on buffers");
        continue;
      }
      // An init shared with other ops would make bufferization copy every
      // tile.
      for (OpOperand &init : op.getDpsInitsMutable())
        pk::useOwnEmptyTensor(rewriter, init);
      FailureOr<linalg::LinalgOp> work =
          tile(rewriter, op, config.getThreadTiles().asArrayRef(),
               scf::SCFTilingOptions::LoopType::ForallOp);
      if (failed(work)) {
        op->emitRemark("lowering config not applied: thread tiling failed");
        continue;
      }
      ArrayRef<int64_t> vectorSizes = config.getVectorSizes().asArrayRef();
      // An inner reduction's rows are tiled first; its reduction loops are
      // then split into partial reductions, block by block.
      bool partials = config.getKind() == pk::ScheduleKind::InnerReduction;
      SmallVector<int64_t> registerSizes(vectorSizes);
      if (partials)
        for (auto [size, iterator] :
             llvm::zip(registerSizes, work->getIteratorTypesArray()))
          if (iterator == utils::IteratorType::reduction)
            size = 0;
      SmallVector<LoopLikeOpInterface> registerLoops;
      FailureOr<linalg::LinalgOp> registers =
          tile(rewriter, *work, registerSizes,
               scf::SCFTilingOptions::LoopType::ForOp, &registerLoops);
      if (failed(registers)) {
        work->emitRemark("lowering config: register tiling failed; the op "
                         "stays scalar");
        continue;
      }
      (*registers)->setAttr(kRegisterTileAttr, rewriter.getUnitAttr());
      // Peeling and splitting copy the tile next to its outermost loop:
      // only that region holds this op's tiles.
      Operation *scope = registerLoops.empty()
                             ? (*registers)->getParentOp()
                             : registerLoops.front()->getParentOp();
      peelPartialTiles(rewriter, registerLoops);
      SmallVector<linalg::LinalgOp> tiles = takeRegisterTiles(scope);
      if (partials) {
        for (linalg::LinalgOp block : tiles)
          if (!splitReductionIntoPartials(rewriter, block, vectorSizes))
            block->setAttr(kRegisterTileAttr, rewriter.getUnitAttr());
        tiles = takeRegisterTiles(scope);
      }
      for (linalg::LinalgOp tileOp : tiles)
        vectorizeRegisterTile(rewriter, tileOp);
    }

    // The vector forms the LLVM lowering expects: leading unit dims of
    // register tiles dropped, permuted and masked transfers made plain.
    RewritePatternSet patterns(&getContext());
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
