//===- PKUtils.cpp - IR-building helpers shared by pk's lowerings ---------===//

#include "pk/Dialect/PK/PKUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

Value pk::createLowestFinite(OpBuilder &b, Location loc, Type type) {
  return arith::ConstantOp::create(
      b, loc,
      b.getFloatAttr(
          type, APFloat::getLargest(cast<FloatType>(type).getFloatSemantics(),
                                    /*Negative=*/true)));
}

Value pk::castToType(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return tensor::CastOp::create(b, loc, type, v);
}
