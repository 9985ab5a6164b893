//===- LoweringUtils.h - helpers shared by the pk → linalg patterns -*- C++ -*-===//
//
// Internal to lib/Conversion/PKToLinalg. Every pk lowering accumulates in
// f32 and converts to the declared result type at the end; these helpers
// keep that policy in one place.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_CONVERSION_PKTOLINALG_LOWERINGUTILS_H
#define PK_LIB_CONVERSION_PKTOLINALG_LOWERINGUTILS_H

#include "pk/Dialect/PK/PKUtils.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::pk::lowering {

/// f32 for every pk float type: the accumulation and math precision.
Type accumulatorType(Type elementType);

/// A tensor.empty with sizes `dims` (static or dynamic).
Value createEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                  Type elementType);

/// A zero-filled accumulator tensor.
Value createZeroFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                       Type elementType);

/// Applies `fn` to every element of `input` with an identity-mapped
/// linalg.generic producing `resultElementType`.
Value createElementwise(OpBuilder &b, Location loc, Value input,
                        Type resultElementType,
                        function_ref<Value(OpBuilder &, Location, Value)> fn);

/// Converts a whole tensor to `elementType` (no-op when it already is).
Value convertTensor(OpBuilder &b, Location loc, Value t, Type elementType);

/// `activation` ("relu", "clip" with `clip` = [lo, hi], "sigmoid", "tanh")
/// applied to the float scalar `x` (ConvToLinalg.cpp).
Value createActivation(OpBuilder &b, Location loc, Value x,
                       StringRef activation,
                       std::optional<ArrayRef<float>> clip);

/// out[..., j, ...] = act(out[..., j, ...] + bias[j]) with `j` at position
/// `biasDim` of `out`, computed in out's (f32) element type and stored as
/// `resultElt`: one elementwise op a schedule can fuse into the tile of the
/// convolution or contraction producing `out` (in place when `resultElt`
/// is f32). `bias` and `activation` may each be absent.
Value createEpilogue(OpBuilder &b, Location loc, Value out, Value bias,
                     int64_t biasDim, std::optional<StringRef> activation,
                     std::optional<ArrayRef<float>> clip, Type resultElt);

} // namespace mlir::pk::lowering

#endif // PK_LIB_CONVERSION_PKTOLINALG_LOWERINGUTILS_H
