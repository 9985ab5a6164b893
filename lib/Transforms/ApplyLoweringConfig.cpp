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

#include "Transforms/Passes.h"
#include "Transforms/TransformUtils.h"

#include "Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPLYLOWERINGCONFIG
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Marks the register tiles of one op while peeling copies them.
constexpr llvm::StringLiteral kRegisterTileAttr = "pk.register_tile";

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

/// Vectorizes one register tile whole: with masks only where its sizes are
/// not known to be the vector sizes.
void vectorizeRegisterTile(RewriterBase &rewriter, linalg::LinalgOp tileOp,
                           ArrayRef<int64_t> vectorSizes) {
  rewriter.setInsertionPoint(tileOp);
  // Fixed-length vectors: the mask types must say so dim by dim.
  SmallVector<bool> scalable(vectorSizes.size(), false);
  FailureOr<linalg::VectorizationResult> vectorized =
      linalg::vectorize(rewriter, tileOp, vectorSizes, scalable);
  if (failed(vectorized)) {
    tileOp->emitRemark("lowering config: the register tile could not be "
                       "vectorized; it stays scalar");
    return;
  }
  rewriter.replaceOp(tileOp, vectorized->replacements);
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
      SmallVector<LoopLikeOpInterface> registerLoops;
      FailureOr<linalg::LinalgOp> registers =
          tile(rewriter, *work, vectorSizes,
               scf::SCFTilingOptions::LoopType::ForOp, &registerLoops);
      if (failed(registers)) {
        work->emitRemark("lowering config: register tiling failed; the op "
                         "stays scalar");
        continue;
      }
      (*registers)->setAttr(kRegisterTileAttr, rewriter.getUnitAttr());
      peelPartialTiles(rewriter, registerLoops);
      SmallVector<linalg::LinalgOp> tiles;
      getOperation().walk([&](linalg::LinalgOp tileOp) {
        if (tileOp->removeAttr(kRegisterTileAttr))
          tiles.push_back(tileOp);
      });
      for (linalg::LinalgOp tileOp : tiles)
        vectorizeRegisterTile(rewriter, tileOp, vectorSizes);
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
