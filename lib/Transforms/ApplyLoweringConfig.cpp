//===- ApplyLoweringConfig.cpp - carry out #pk.lowering_config ------------===//
//
// Each linalg op with a pk.lowering_config is tiled into an scf.forall of
// its thread tiles (the OpenMP work items), each work item into scf.for
// loops over register tiles of its vector sizes, and each register tile is
// vectorized whole (masked where a tile is partial). A tile the vectorizer
// cannot handle stays a correct scalar loop nest, with a remark saying so.
//
//===----------------------------------------------------------------------===//

#include "Transforms/Passes.h"
#include "Transforms/TransformUtils.h"

#include "Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPLYLOWERINGCONFIG
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Tiles `op` by `tileSizes` with loops of `loopType`; the tiled op, or
/// `op` itself when no size tiles anything.
FailureOr<linalg::LinalgOp>
tile(RewriterBase &rewriter, linalg::LinalgOp op, ArrayRef<int64_t> tileSizes,
     scf::SCFTilingOptions::LoopType loopType) {
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
  return cast<linalg::LinalgOp>(tiled->tiledOps.back());
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
      FailureOr<linalg::LinalgOp> registers =
          tile(rewriter, *work, vectorSizes,
               scf::SCFTilingOptions::LoopType::ForOp);
      if (failed(registers)) {
        work->emitRemark("lowering config: register tiling failed; the op "
                         "stays scalar");
        continue;
      }
      rewriter.setInsertionPoint(*registers);
      // Fixed-length vectors: the mask types must say so dim by dim.
      SmallVector<bool> scalable(vectorSizes.size(), false);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, *registers, vectorSizes, scalable);
      if (failed(vectorized)) {
        registers->emitRemark("lowering config: the register tile could not "
                              "be vectorized; it stays scalar");
        continue;
      }
      rewriter.replaceOp(*registers, vectorized->replacements);
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
