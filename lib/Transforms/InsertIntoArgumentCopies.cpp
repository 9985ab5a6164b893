//===- InsertIntoArgumentCopies.cpp - copy only what an insert keeps ------===//
//
// tensor.insert_slice %x into %arg, with %arg a (read-only) tensor argument,
// is a stencil sweep putting its interior back into the grid. Bufferized as
// it is, the whole argument is copied into the result and %x, computed in a
// temporary, is copied over its interior: three passes over memory where
// the loop nest a user would write in C makes one. The result is instead
// built in a new tensor: only the parts of the argument outside the slice
// are copied into it (2 slabs per dim), at the top of the function, so
// that empty-tensor elimination (pk-eliminate-empty-tensors) can then
// compute %x in place in its interior. Where the result only feeds further inserts (fdtd-2d sets a
// row, then sweeps the rest), what those overwrite is not copied either.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKINSERTINTOARGUMENTCOPIES
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// A static box of a tensor: offsets and sizes per dim.
struct Box {
  SmallVector<int64_t> offsets, sizes;
};

/// The static unit-stride box `insert` writes, if it is one.
std::optional<Box> staticBox(tensor::InsertSliceOp insert) {
  if (insert.getSourceType().getRank() != insert.getDestType().getRank() ||
      !llvm::all_of(insert.getStaticStrides(),
                    [](int64_t s) { return s == 1; }) ||
      ShapedType::isDynamicShape(insert.getStaticOffsets()) ||
      ShapedType::isDynamicShape(insert.getStaticSizes()))
    return std::nullopt;
  return Box{llvm::to_vector(insert.getStaticOffsets()),
             llvm::to_vector(insert.getStaticSizes())};
}

/// `whole` minus `cut`, as disjoint boxes: slab d has dims before d inside
/// the intersection, dim d before or after it, dims after d whole. Empty
/// slabs are dropped.
void subtractBox(const Box &whole, const Box &cut, SmallVectorImpl<Box> &out) {
  int64_t rank = whole.offsets.size();
  SmallVector<int64_t> lo(rank), hi(rank);
  for (int64_t i = 0; i < rank; ++i) {
    lo[i] = std::max(whole.offsets[i], cut.offsets[i]);
    hi[i] = std::min(whole.offsets[i] + whole.sizes[i],
                     cut.offsets[i] + cut.sizes[i]);
    if (lo[i] >= hi[i]) { // disjoint: nothing cut
      out.push_back(whole);
      return;
    }
  }
  for (int64_t d = 0; d < rank; ++d) {
    for (bool before : {true, false}) {
      Box slab = whole;
      for (int64_t i = 0; i < d; ++i) {
        slab.offsets[i] = lo[i];
        slab.sizes[i] = hi[i] - lo[i];
      }
      int64_t end = whole.offsets[d] + whole.sizes[d];
      slab.offsets[d] = before ? whole.offsets[d] : hi[d];
      slab.sizes[d] = before ? lo[d] - whole.offsets[d] : end - hi[d];
      if (slab.sizes[d] > 0)
        out.push_back(slab);
    }
  }
}

/// Merges boxes that abut along one dim and agree in the others, so that
/// subtracting a chain's boxes one by one does not leave one strip copied
/// in pieces.
void mergeAbuttingBoxes(SmallVectorImpl<Box> &boxes) {
  auto tryMerge = [](Box &a, const Box &b) {
    int64_t rank = a.offsets.size(), along = -1;
    for (int64_t i = 0; i < rank; ++i) {
      if (a.offsets[i] == b.offsets[i] && a.sizes[i] == b.sizes[i])
        continue;
      if (along >= 0)
        return false;
      along = i;
    }
    if (along < 0)
      return true; // the same box twice
    int64_t aEnd = a.offsets[along] + a.sizes[along];
    int64_t bEnd = b.offsets[along] + b.sizes[along];
    if (aEnd != b.offsets[along] && bEnd != a.offsets[along])
      return false;
    a.offsets[along] = std::min(a.offsets[along], b.offsets[along]);
    a.sizes[along] += b.sizes[along];
    return true;
  };
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < boxes.size() && !merged; ++i)
      for (size_t j = i + 1; j < boxes.size() && !merged; ++j)
        if (tryMerge(boxes[i], boxes[j])) {
          boxes.erase(boxes.begin() + j);
          merged = true;
        }
  }
}

/// Rebuilds `insert` (into a static tensor argument) on a new tensor that
/// holds only the argument's elements no insert of its chain overwrites:
/// the chain is `insert` and the inserts that each take the previous
/// one's result, their only use, as destination. False when `insert` is
/// not such a head.
bool rebuildOnComplement(RewriterBase &rewriter, tensor::InsertSliceOp insert,
                         Block &entry) {
  auto dest = dyn_cast<BlockArgument>(insert.getDest());
  auto type = dyn_cast<RankedTensorType>(insert.getDest().getType());
  std::optional<Box> head = staticBox(insert);
  if (!dest || dest.getOwner() != &entry || !type || !type.hasStaticShape() ||
      !head)
    return false;
  // A writable argument is updated in place: nothing to copy.
  auto func = cast<FunctionOpInterface>(entry.getParentOp());
  if (auto writable = func.getArgAttrOfType<BoolAttr>(
          dest.getArgNumber(),
          bufferization::BufferizationDialect::kWritableAttrName);
      writable && writable.getValue())
    return false;
  ArrayRef<int64_t> shape = type.getShape();
  int64_t rank = type.getRank();

  SmallVector<Box> kept;
  subtractBox(Box{SmallVector<int64_t>(rank, 0), llvm::to_vector(shape)},
              *head, kept);
  for (tensor::InsertSliceOp link = insert; link->hasOneUse();) {
    auto next = dyn_cast<tensor::InsertSliceOp>(*link->user_begin());
    if (!next || next.getDest() != link.getResult())
      break;
    std::optional<Box> box = staticBox(next);
    if (!box)
      break;
    SmallVector<Box> remaining;
    for (const Box &b : kept)
      subtractBox(b, *box, remaining);
    kept = std::move(remaining);
    link = next;
  }
  mergeAbuttingBoxes(kept);

  Location loc = insert.getLoc();
  MLIRContext *ctx = rewriter.getContext();
  rewriter.setInsertionPointToStart(&entry);
  Value result = tensor::EmptyOp::create(rewriter, loc, shape,
                                         type.getElementType());
  SmallVector<OpFoldResult> ones(rank, rewriter.getIndexAttr(1));
  for (const Box &b : kept) {
    SmallVector<OpFoldResult> off = getAsIndexOpFoldResult(ctx, b.offsets);
    SmallVector<OpFoldResult> sz = getAsIndexOpFoldResult(ctx, b.sizes);
    Value slab =
        tensor::ExtractSliceOp::create(rewriter, loc, dest, off, sz, ones);
    result = tensor::InsertSliceOp::create(rewriter, loc, slab, result, off,
                                           sz, ones);
  }
  rewriter.modifyOpInPlace(insert,
                           [&] { insert.getDestMutable().assign(result); });
  return true;
}

struct PKInsertIntoArgumentCopiesPass
    : pk::impl::PKInsertIntoArgumentCopiesBase<
          PKInsertIntoArgumentCopiesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &entry = func.getBody().front();
    SmallVector<tensor::InsertSliceOp> inserts;
    func.walk([&](tensor::InsertSliceOp insert) { inserts.push_back(insert); });
    IRRewriter rewriter(&getContext());
    for (tensor::InsertSliceOp insert : inserts)
      (void)rebuildOnComplement(rewriter, insert, entry);
  }
};

} // namespace
