//===- LoweringUtils.cpp - helpers shared by the pk → linalg patterns -----===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlir::pk::lowering {

Type accumulatorType(Type elementType) {
  return Float32Type::get(elementType.getContext());
}

Value createEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                  Type elementType) {
  return tensor::EmptyOp::create(b, loc, dims, elementType);
}

Value createZeroFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                       Type elementType) {
  Value empty = createEmpty(b, loc, dims, elementType);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

Value createElementwise(
    OpBuilder &b, Location loc, Value input, Type resultElementType,
    function_ref<Value(OpBuilder &, Location, Value)> fn) {
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rank = inputType.getRank();
  Value init = createEmpty(b, loc, tensor::getMixedSizes(b, loc, input),
                           resultElementType);
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{input}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, fn(nb, nloc, args[0]));
      });
  return generic.getResult(0);
}

Value convertTensor(OpBuilder &b, Location loc, Value t, Type elementType) {
  if (cast<RankedTensorType>(t.getType()).getElementType() == elementType)
    return t;
  return createElementwise(
      b, loc, t, elementType, [&](OpBuilder &nb, Location nloc, Value x) {
        return convertScalarToDtype(nb, nloc, x, elementType,
                                    /*isUnsignedCast=*/false);
      });
}

Value createEpilogue(OpBuilder &b, Location loc, Value out, Value bias,
                     int64_t biasDim, std::optional<StringRef> activation,
                     std::optional<ArrayRef<float>> clip, Type resultElt) {
  auto accType = cast<RankedTensorType>(out.getType());
  auto type = accType.clone(resultElt);
  bool inPlace = type == accType;
  int64_t rank = accType.getRank();
  MLIRContext *ctx = b.getContext();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap biasMap =
      AffineMap::get(rank, 0, {getAffineDimExpr(biasDim, ctx)}, ctx);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  SmallVector<Value> ins;
  SmallVector<AffineMap> maps;
  if (bias) {
    ins.push_back(bias);
    maps.push_back(biasMap);
  }
  if (!inPlace) {
    ins.push_back(out);
    maps.push_back(identity);
  }
  maps.push_back(identity);
  Value init =
      inPlace ? out
              : createEmpty(b, loc, tensor::getMixedSizes(b, loc, out),
                            resultElt);
  return linalg::GenericOp::create(
             b, loc, type, ins, ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value x = inPlace ? args.back() : args[ins.size() - 1];
               Type acc = accType.getElementType();
               if (bias)
                 x = arith::AddFOp::create(
                     nb, nloc, x,
                     convertScalarToDtype(nb, nloc, args[0], acc,
                                          /*isUnsignedCast=*/false));
               if (activation)
                 x = createActivation(nb, nloc, x, *activation, clip);
               linalg::YieldOp::create(
                   nb, nloc,
                   convertScalarToDtype(nb, nloc, x, resultElt,
                                        /*isUnsignedCast=*/false));
             })
      .getResult(0);
}

} // namespace mlir::pk::lowering
