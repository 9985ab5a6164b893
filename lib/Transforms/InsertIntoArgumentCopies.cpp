//===- InsertIntoArgumentCopies.cpp - copy only what an insert keeps ------===//
//
// tensor.insert_slice %x into %arg, with %arg a (read-only) tensor argument,
// is a stencil sweep putting its interior back into the grid. Bufferized as
// it is, the whole argument is copied into the result and %x, computed in a
// temporary, is copied over its interior: three passes over memory where
// the loop nest a user would write in C makes one. The result is instead
// built in a new tensor: only the parts of the argument outside the slice
// are copied into it (2 slabs per dim), at the top of the function, so
// upstream empty-tensor elimination can then compute %x in place in its
// interior.
//
//===----------------------------------------------------------------------===//

#include "Transforms/Passes.h"
#include "Transforms/TransformUtils.h"

#include "mlir/Dialect/Bufferization/Transforms/Transforms.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKINSERTINTOARGUMENTCOPIES
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// Rebuilds `insert` on a new tensor holding only the argument's elements
/// outside the inserted box; false when the insert is not a static,
/// unit-stride box inside a static argument.
bool rebuildOnComplement(RewriterBase &rewriter, tensor::InsertSliceOp insert,
                         Block &entry) {
  auto dest = dyn_cast<BlockArgument>(insert.getDest());
  auto type = dyn_cast<RankedTensorType>(insert.getDest().getType());
  if (!dest || dest.getOwner() != &entry || !type || !type.hasStaticShape() ||
      insert.getSourceType().getRank() != type.getRank())
    return false;
  if (!llvm::all_of(insert.getStaticStrides(),
                    [](int64_t s) { return s == 1; }) ||
      ShapedType::isDynamicShape(insert.getStaticOffsets()) ||
      ShapedType::isDynamicShape(insert.getStaticSizes()))
    return false;
  ArrayRef<int64_t> offsets = insert.getStaticOffsets();
  ArrayRef<int64_t> sizes = insert.getStaticSizes();
  ArrayRef<int64_t> shape = type.getShape();

  Location loc = insert.getLoc();
  rewriter.setInsertionPointToStart(&entry);
  Value result = tensor::EmptyOp::create(rewriter, loc, shape,
                                         type.getElementType());
  // Slab d: dims before d inside the box, dim d before or after it, dims
  // after d whole. Together the slabs cover the complement exactly once.
  int64_t rank = type.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    for (bool before : {true, false}) {
      SmallVector<int64_t> slabOffsets, slabSizes;
      for (int64_t i = 0; i < rank; ++i) {
        if (i < d) {
          slabOffsets.push_back(offsets[i]);
          slabSizes.push_back(sizes[i]);
        } else if (i == d) {
          slabOffsets.push_back(before ? 0 : offsets[i] + sizes[i]);
          slabSizes.push_back(before ? offsets[i]
                                     : shape[i] - offsets[i] - sizes[i]);
        } else {
          slabOffsets.push_back(0);
          slabSizes.push_back(shape[i]);
        }
      }
      if (slabSizes[d] <= 0)
        continue;
      SmallVector<OpFoldResult> off = getAsIndexOpFoldResult(
          rewriter.getContext(), slabOffsets);
      SmallVector<OpFoldResult> sz = getAsIndexOpFoldResult(
          rewriter.getContext(), slabSizes);
      SmallVector<OpFoldResult> ones(rank, rewriter.getIndexAttr(1));
      Value slab =
          tensor::ExtractSliceOp::create(rewriter, loc, dest, off, sz, ones);
      result = tensor::InsertSliceOp::create(rewriter, loc, slab, result, off,
                                             sz, ones);
    }
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
    bool changed = false;
    for (tensor::InsertSliceOp insert : inserts)
      changed |= rebuildOnComplement(rewriter, insert, entry);
    if (!changed)
      return;
    // Empty-tensor elimination replaces a tensor.empty only where it has
    // a single use.
    SmallVector<OpOperand *> emptyUses;
    func.walk([&](tensor::EmptyOp empty) {
      for (OpOperand &use : empty->getUses())
        emptyUses.push_back(&use);
    });
    for (OpOperand *use : emptyUses)
      pk::useOwnEmptyTensor(rewriter, *use);
    if (failed(bufferization::eliminateEmptyTensors(rewriter, func)))
      signalPassFailure();
  }
};

} // namespace
