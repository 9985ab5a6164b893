//===- PKOps.h - perfkernel operations --------------------------*- C++ -*-===//

#ifndef PK_DIALECT_PK_PKOPS_H
#define PK_DIALECT_PK_PKOPS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "pk/Dialect/PK/PKDialect.h"

#include "pk/Dialect/PK/PKInterfaces.h.inc"

#define GET_OP_CLASSES
#include "pk/Dialect/PK/PKOps.h.inc"

namespace mlir::pk {
/// Checks an `activation` / `clip` attribute pair (pk.conv2d, pk.matmul):
/// `clip` bounds belong to "clip", which needs them, in order.
LogicalResult verifyActivation(Operation *op,
                               std::optional<StringRef> activation,
                               std::optional<ArrayRef<float>> clip);

/// `emitOptionalError` with the "'<op>' op " prefix `emitOpError` gives:
/// the shape rules are shared by the verifiers (which have a location) and
/// result type inference (which may have none).
template <typename... Args>
LogicalResult emitOptionalOpError(std::optional<Location> loc, StringRef opName,
                                  Args &&...args) {
  return emitOptionalError(loc, "'", opName, "' op ",
                           std::forward<Args>(args)...);
}

/// The result types `inferReturnTypes` computes (`inferred`) fit declared
/// ones (`actual`): same number and element types, shapes equal where both
/// are static. With `allowF32`, an f32 element type also fits (ops that
/// accumulate low-precision operands may return f32); with
/// `anyLastDimOfFirst`, the first result's last size is the user's choice
/// (inference gives the largest one its operands hold).
bool areCompatibleResultTypes(TypeRange inferred, TypeRange actual,
                              bool allowF32 = false,
                              bool anyLastDimOfFirst = false);
} // namespace mlir::pk

#endif // PK_DIALECT_PK_PKOPS_H
