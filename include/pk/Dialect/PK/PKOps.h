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
} // namespace mlir::pk

#endif // PK_DIALECT_PK_PKOPS_H
