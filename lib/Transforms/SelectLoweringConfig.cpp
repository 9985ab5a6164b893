//===- SelectLoweringConfig.cpp - choose a schedule from an op's structure ===//
//
// Every linalg op the recipe left unscheduled (elementwise and broadcast
// ops, transposes and copies, stencil sweeps, row and column reductions,
// matrix-vector products) gets a #pk.lowering_config chosen from its
// iterators, indexing maps, element types and sizes and from the module's
// #pk.target, as IREE's KernelDispatch does. The config names the loop the
// data is contiguous along, vectorizes it, blocks rows in registers and
// splits the outermost parallel loop into OpenMP work items.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "pk/Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSELECTLOWERINGCONFIG
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Below this many iterations a nest is not worth an OpenMP region.
constexpr int64_t kMinParallelWork = 1 << 14;
/// Work items per core: enough to even out uneven tiles.
constexpr int64_t kItemsPerCore = 4;
/// Rows (or reduction steps) kept in registers at once.
constexpr int64_t kRegisterRows = 4;

/// The loop indexing the innermost dim of `operand`, if it is a loop.
std::optional<unsigned> innermostLoop(linalg::LinalgOp op, OpOperand *operand) {
  AffineMap map = op.getMatchingIndexingMap(operand);
  if (map.getNumResults() == 0)
    return std::nullopt;
  auto dim = dyn_cast<AffineDimExpr>(map.getResults().back());
  if (!dim)
    return std::nullopt;
  return dim.getPosition();
}

/// Ops the config executor handles; named convolutions, pooling and GEMMs
/// belong to the recipe.
bool isSchedulable(linalg::LinalgOp op) {
  if (!isa<linalg::GenericOp, linalg::TransposeOp, linalg::CopyOp,
           linalg::BroadcastOp, linalg::MapOp, linalg::ReduceOp,
           linalg::FillOp, linalg::ElementwiseOp>(op))
    return false;
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() == 0)
    return false;
  // A pk.* tag means a schedule owns the op (a hand-set config included).
  if (pk::PKDialect::hasScheduleTag(op))
    return false;
  // Ops inside a schedule's loops (a forall, or loops carrying tensors)
  // were placed there by a schedule; a loop of the program itself (an
  // SDFG's state machine, a time loop over buffers) carries none.
  for (auto loop = op->getParentOfType<LoopLikeOpInterface>(); loop;
       loop = loop->getParentOfType<LoopLikeOpInterface>()) {
    auto isTensor = [](Type type) { return isa<TensorType>(type); };
    if (isa<scf::ForallOp>(loop) ||
        llvm::any_of(loop->getResultTypes(), isTensor) ||
        llvm::any_of(loop.getRegionIterArgs(), [&](BlockArgument arg) {
          return isTensor(arg.getType());
        }))
      return false;
  }
  if (!llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isProjectedPermutation(); }))
    return false;
  for (Value v : op->getOperands()) {
    Type type = getElementTypeOrSelf(v.getType());
    if (!type.isIntOrIndexOrFloat())
      return false; // complex numbers
    // Vectors of i1 are stored packed, buffers of i1 a byte per element.
    if (!type.isIndex() && type.getIntOrFloatBitWidth() < 8)
      return false;
  }
  // Gathers (tensor.extract in the body) vectorize only in special cases.
  bool gathers = false;
  op.getBlock()->walk([&](tensor::ExtractOp) { gathers = true; });
  return !gathers;
}

pk::LoweringConfigAttr selectConfig(linalg::LinalgOp op,
                                    pk::TargetAttr target) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<int64_t> sizes = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  unsigned bits = 8;
  for (Value v : op->getOperands()) {
    Type type = getElementTypeOrSelf(v.getType());
    bits = std::max<unsigned>(bits, type.isIndex()
                                        ? 64
                                        : type.getIntOrFloatBitWidth());
  }
  int64_t lanes = std::max<int64_t>(1, target.getVectorBits() / bits);

  SmallVector<int64_t> vectors(numLoops, 1), threads(numLoops, 0);
  auto setVector = [&](unsigned loop, int64_t size) {
    if (!ShapedType::isDynamic(sizes[loop]))
      size = std::min(size, sizes[loop]);
    vectors[loop] = std::max<int64_t>(1, size);
  };

  // The loop the output, and the largest input, are contiguous along.
  OpOperand *init = op.getDpsInitOperand(0);
  std::optional<unsigned> outLoop = innermostLoop(op, init);
  std::optional<unsigned> inLoop;
  int64_t inRank = -1;
  for (OpOperand *input : op.getDpsInputOperands()) {
    int64_t rank = op.getMatchingIndexingMap(input).getNumResults();
    if (rank > inRank) {
      inRank = rank;
      inLoop = innermostLoop(op, input);
    }
  }
  if (!inLoop)
    inLoop = outLoop;
  if (!outLoop)
    outLoop = inLoop;

  pk::ScheduleKind kind = pk::ScheduleKind::Elementwise;
  if (op.getNumReductionLoops() == 0) {
    if (outLoop && inLoop && *outLoop != *inLoop) {
      // A transpose: square-ish tiles, read along one loop and written
      // along the other. Tiles divide the loops exactly: masked transfers
      // with permutation maps are not lowered upstream.
      auto dividing = [&](unsigned loop, int64_t preferred) {
        if (ShapedType::isDynamic(sizes[loop]))
          return int64_t(1);
        int64_t size = std::min(preferred, sizes[loop]);
        while (sizes[loop] % size != 0)
          --size;
        return size;
      };
      setVector(*outLoop, dividing(*outLoop, lanes));
      setVector(*inLoop, dividing(*inLoop, std::max<int64_t>(1, lanes / 2)));
    } else if (outLoop) {
      // One vector register along the contiguous loop, one row at a time:
      // every operand streams through memory once, and blocks of rows (4
      // rows of 2 registers) ran jacobi-1d, jacobi-2d and fdtd-2d 10-20%
      // slower (more concurrent streams for the prefetchers, and stores
      // issued out of order).
      setVector(*outLoop, lanes);
    }
  } else if (inLoop && iterators[*inLoop] == utils::IteratorType::reduction) {
    // Reduced along the contiguous loop (a row sum, a matrix-vector
    // product): a block of rows, each a vector along the reduction.
    kind = pk::ScheduleKind::InnerReduction;
    setVector(*inLoop, 2 * lanes);
    if (outLoop && iterators[*outLoop] == utils::IteratorType::parallel)
      setVector(*outLoop, kRegisterRows);
  } else if (inLoop) {
    // Contiguous along a parallel loop (a column sum, a transposed
    // matrix-vector product): vector accumulators along it, one reduction
    // step at a time, in the op's loop order, so the input streams row by
    // row. (Blocks of 4 steps, or the reduction innermost, ran 6x slower
    // on a 1900 x 2100 A^T t: the vector reduction across the block and
    // the column-wise walk over A.)
    kind = pk::ScheduleKind::OuterReduction;
    setVector(*inLoop, 2 * lanes);
  }

  // OpenMP work items: the outermost parallel loop of the output split
  // into about kItemsPerCore items per core, each a whole number of
  // register tiles.
  int64_t work = 1;
  bool dynamic = false;
  for (int64_t size : sizes) {
    if (ShapedType::isDynamic(size))
      dynamic = true;
    else
      work *= size;
  }
  if (dynamic || work >= kMinParallelWork) {
    for (AffineExpr e : op.getMatchingIndexingMap(init).getResults()) {
      unsigned d = cast<AffineDimExpr>(e).getPosition();
      if (iterators[d] != utils::IteratorType::parallel ||
          (!ShapedType::isDynamic(sizes[d]) && sizes[d] < 2))
        continue;
      int64_t items = kItemsPerCore * target.getCores();
      int64_t tile = ShapedType::isDynamic(sizes[d])
                         ? 16 * vectors[d]
                         : llvm::divideCeil(sizes[d], items);
      tile = llvm::alignTo(std::max<int64_t>(tile, 1), vectors[d]);
      if (ShapedType::isDynamic(sizes[d]) || tile < sizes[d])
        threads[d] = tile;
      break;
    }
  }
  MLIRContext *ctx = op.getContext();
  return pk::LoweringConfigAttr::get(ctx, kind,
                                     DenseI64ArrayAttr::get(ctx, threads),
                                     DenseI64ArrayAttr::get(ctx, vectors));
}

struct PKSelectLoweringConfigPass
    : pk::impl::PKSelectLoweringConfigBase<PKSelectLoweringConfigPass> {
  void runOnOperation() override {
    auto module = getOperation()->getParentOfType<ModuleOp>();
    pk::TargetAttr target =
        module ? pk::getTargetOrHost(module)
               : pk::getNamedTarget(&getContext(), "host");
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isSchedulable(op))
        op->setAttr(pk::PKDialect::kLoweringConfigAttrName,
                    selectConfig(op, target));
    });
  }
};

} // namespace
