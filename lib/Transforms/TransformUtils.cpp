//===- TransformUtils.cpp - helpers shared by pk's passes -----------------===//

#include "pk/Transforms/TransformUtils.h"
#include "pk/Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;

Value pk::createTranspose(OpBuilder &b, Location loc, Value v,
                          ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, v);
  Value init = tensor::EmptyOp::create(
      b, loc, applyPermutation(sizes, perm),
      cast<RankedTensorType>(v.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, v, init, perm).getResult()[0];
}

void pk::useOwnEmptyTensor(RewriterBase &rewriter, OpOperand &use) {
  auto empty = use.get().getDefiningOp<tensor::EmptyOp>();
  if (!empty || empty->hasOneUse())
    return;
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(empty);
  Operation *clone = rewriter.clone(*empty);
  rewriter.modifyOpInPlace(use.getOwner(),
                           [&] { use.set(clone->getResult(0)); });
}

bool pk::isRootBuffer(Value value) {
  if (!isa<MemRefType>(value.getType()))
    return false;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    Operation *owner = arg.getOwner()->getParentOp();
    return isa<FunctionOpInterface>(owner) &&
           !owner->hasAttr(
               PKDialect::AliasingArgumentsAttrHelper::getNameStr());
  }
  return isa_and_present<memref::AllocOp, memref::AllocaOp>(
      value.getDefiningOp());
}
