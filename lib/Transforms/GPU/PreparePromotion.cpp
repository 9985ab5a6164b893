//===- PreparePromotion.cpp - identity subviews for promotion -------------===//
//
// Whole-buffer operands of ops the recipe promotes to shared memory become
// subviews, the only operands linalg promotion handles.
//
//===----------------------------------------------------------------------===//

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUPREPAREPROMOTION
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Linalg promotion only promotes operands that are subviews; a matmul small
/// enough that its tile is the whole operand reads the buffer directly, so
/// such operands of the ops the recipe marks for promotion get an identity
/// subview (the recipe runs next, before any canonicalization).
struct PreparePromotionPass : pk::impl::PKGPUPreparePromotionBase<PreparePromotionPass> {
  using Base::Base;
  void runOnOperation() override {
    getOperation().walk([](linalg::LinalgOp op) {
      using Dialect = pk::PKDialect;
      if (!op->hasAttr(Dialect::GpuPromoteAttrHelper::getNameStr()) &&
          !op->hasAttr(Dialect::GpuPromoteBatchAttrHelper::getNameStr()))
        return;
      OpBuilder builder(op);
      for (OpOperand *input : op.getDpsInputOperands()) {
        Value value = input->get();
        auto type = dyn_cast<MemRefType>(value.getType());
        if (!type || !type.hasStaticShape() ||
            value.getDefiningOp<memref::SubViewOp>())
          continue;
        SmallVector<OpFoldResult> offsets(type.getRank(),
                                          builder.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes, strides(type.getRank(),
                                                 builder.getIndexAttr(1));
        for (int64_t size : type.getShape())
          sizes.push_back(builder.getIndexAttr(size));
        input->set(memref::SubViewOp::create(builder, op.getLoc(), value,
                                             offsets, sizes, strides));
      }
    });
  }
};

} // namespace
