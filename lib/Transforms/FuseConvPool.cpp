//===- FuseConvPool.cpp - compute max-pooled convolutions tile by tile ----===//
//
// A max-pool after a convolution reads the convolution's whole output once
// more after it was written. Tiling the pooled output over threads and
// fusing the convolution (with its epilogue and accumulator fill) into each
// tile computes exactly the convolution rows one pooled row block needs,
// pools them while they are in cache, and never stores the full-size
// convolution result. Only this chain is fused (the input's padding and
// transposes are left outside: they would be recomputed per tile); the
// recipes then schedule the tagged tile ops (register tiles, vectors).
//
//===----------------------------------------------------------------------===//

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSECONVPOOL
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

bool hasStaticTypes(Operation *op) {
  auto isStatic = [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return !shaped || shaped.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

/// All-parallel, one result, only projected-permutation maps: each output
/// tile needs one tile of each operand.
bool isElementwiseEpilogue(linalg::GenericOp generic) {
  return generic.hasPureTensorSemantics() && generic.getNumResults() == 1 &&
         generic.getNumParallelLoops() == generic.getNumLoops() &&
         hasStaticTypes(generic) &&
         llvm::all_of(generic.getIndexingMapsArray(), [](AffineMap map) {
           return map.isProjectedPermutation();
         });
}

/// The largest divisor of `extent` not above `limit` (at least 1).
int64_t largestDivisor(int64_t extent, int64_t limit) {
  for (int64_t d = std::min(extent, limit); d > 1; --d)
    if (extent % d == 0)
      return d;
  return 1;
}

/// The ops of a fusable chain: conv → [epilogue] → pool.
struct Chain {
  linalg::Conv2DNhwcHwcfOp conv;
  linalg::GenericOp epilogue;
};

std::optional<Chain> matchChain(linalg::PoolingNhwcMaxOp pool) {
  if (!pool.hasPureTensorSemantics() || !hasStaticTypes(pool))
    return std::nullopt;
  Chain chain;
  Value input = pool.getInputs()[0];
  if ((chain.epilogue = input.getDefiningOp<linalg::GenericOp>())) {
    if (!input.hasOneUse() || !isElementwiseEpilogue(chain.epilogue))
      return std::nullopt;
    // The convolution feeds the epilogue at the epilogue's own position
    // (as an input or as the in-place init).
    input = Value();
    for (OpOperand &operand : chain.epilogue->getOpOperands())
      if (operand.get().getDefiningOp<linalg::Conv2DNhwcHwcfOp>() &&
          chain.epilogue.getMatchingIndexingMap(&operand).isIdentity())
        input = operand.get();
    if (!input)
      return std::nullopt;
  }
  chain.conv = input.getDefiningOp<linalg::Conv2DNhwcHwcfOp>();
  if (!chain.conv || !input.hasOneUse() ||
      !chain.conv.hasPureTensorSemantics() || !hasStaticTypes(chain.conv))
    return std::nullopt;
  return chain;
}

struct PKFuseConvPoolPass : pk::impl::PKFuseConvPoolBase<PKFuseConvPoolPass> {
  using PKFuseConvPoolBase::PKFuseConvPoolBase;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::PoolingNhwcMaxOp, Chain>> chains;
    getOperation().walk([&](linalg::PoolingNhwcMaxOp pool) {
      if (std::optional<Chain> chain = matchChain(pool))
        chains.emplace_back(pool, *chain);
    });
    IRRewriter rewriter(&getContext());
    for (auto &[pool, chain] : chains)
      if (failed(fuse(rewriter, pool, chain)))
        return signalPassFailure();
    if (chains.empty())
      return;
    // A tile's accumulator is a slice of a full-size tensor.empty; as an
    // empty tensor of the tile's size it bufferizes to a buffer per tile,
    // not to a full-size convolution result.
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorEmptyPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }

  LogicalResult fuse(RewriterBase &rewriter, linalg::PoolingNhwcMaxOp pool,
                     Chain chain) {
    MLIRContext *ctx = &getContext();
    // The chain's own ops (and the fills initialising the convolution and
    // pool accumulators) are fused; the input's pad/transposes are not.
    llvm::SmallPtrSet<Operation *, 4> members = {chain.conv.getOperation()};
    if (chain.epilogue)
      members.insert(chain.epilogue);
    auto fusable = [&](Operation *op) {
      return members.contains(op) ||
             (isa<linalg::FillOp>(op) &&
              (op->getResult(0) == chain.conv.getOutputs()[0] ||
               op->getResult(0) == pool.getOutputs()[0]));
    };
    scf::SCFTilingOptions tiling;
    tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    // Loops (n, oh, ow, c, kh, kw): one image, `tileRows` pooled rows, all
    // columns, `tileChannels` channels per tile; sizes that divide the
    // extents, so every tile has the same static shape (the register tiles
    // of the recipes vectorize only static shapes).
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(pool.getResultTensors()[0].getType()).getShape();
    Builder b(ctx);
    tiling.setTileSizes({b.getIndexAttr(1),
                         b.getIndexAttr(largestDivisor(shape[1], tileRows)),
                         b.getIndexAttr(0),
                         b.getIndexAttr(largestDivisor(shape[3], tileChannels)),
                         b.getIndexAttr(0), b.getIndexAttr(0)});
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tiling);
    options.setFusionControlFn(
        [&](tensor::ExtractSliceOp, OpResult producer, bool)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (!fusable(producer.getOwner()))
            return std::nullopt;
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        });
    rewriter.setInsertionPoint(pool);
    FailureOr<scf::SCFTileAndFuseResult> result =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, cast<TilingInterface>(pool.getOperation()), options);
    if (failed(result))
      return pool.emitError("pk-fuse-conv-pool: tiling the pool failed");
    // Tags for the recipes' schedules of the fused tile.
    for (Operation *op : result->tiledAndFusedOps) {
      using Dialect = pk::PKDialect;
      StringRef tag = isa<linalg::PoolingNhwcMaxOp>(op)
                          ? Dialect::FusedPoolAttrHelper::getNameStr()
                      : isa<linalg::Conv2DNhwcHwcfOp>(op)
                          ? Dialect::FusedConvAttrHelper::getNameStr()
                      : isa<linalg::GenericOp>(op)
                          ? Dialect::FusedEpilogueAttrHelper::getNameStr()
                          : "";
      if (!tag.empty())
        op->setAttr(tag, UnitAttr::get(ctx));
    }
    rewriter.replaceOp(pool, result->replacements.lookup(pool.getResult(0)));
    // The untiled producers are now read only by dead slices; erase them
    // (consumers first) so no schedule sees them.
    SmallVector<Operation *> dead(result->fusedProducers.begin(),
                                  result->fusedProducers.end());
    bool erased = true;
    while (erased) {
      erased = false;
      for (Operation *&op : dead) {
        if (!op)
          continue;
        for (Operation *user : llvm::make_early_inc_range(op->getUsers()))
          if (isa<tensor::ExtractSliceOp>(user) && user->use_empty())
            rewriter.eraseOp(user);
        if (op->use_empty()) {
          rewriter.eraseOp(op);
          op = nullptr;
          erased = true;
        }
      }
    }
    return success();
  }
};

} // namespace
