//===- TransformUtils.cpp - helpers shared by pk's passes -----------------===//

#include "Transforms/TransformUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

using namespace mlir;

Value pk::createTranspose(OpBuilder &b, Location loc, Value v,
                          ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, v);
  Value init = tensor::EmptyOp::create(
      b, loc, applyPermutation(sizes, perm),
      cast<RankedTensorType>(v.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, v, init, perm).getResult()[0];
}
