//===- PKUtils.h - IR-building helpers shared by pk's lowerings -*- C++ -*-===//
//
// The few builders the pk → linalg conversion and the pk transforms both
// need, in the one library both link (float conversions are upstream's
// mlir::convertScalarToDtype in Arith/Utils).
//
//===----------------------------------------------------------------------===//

#ifndef PK_DIALECT_PK_PKUTILS_H
#define PK_DIALECT_PK_PKUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::pk {

/// The lowest finite value of float type `type`, as a constant: masks and
/// padding that must never win a maximum, without introducing infinities
/// (and so NaNs) the data did not contain.
Value createLowestFinite(OpBuilder &b, Location loc, Type type);

/// `v` as `type`: a tensor.cast where the computed shape is more or less
/// static than the op's declared result (the verifiers accept any
/// compatible mix of static and dynamic sizes); `v` itself when equal.
Value castToType(OpBuilder &b, Location loc, Value v, Type type);

} // namespace mlir::pk

#endif // PK_DIALECT_PK_PKUTILS_H
