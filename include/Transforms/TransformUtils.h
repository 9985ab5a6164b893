//===- TransformUtils.h - helpers shared by pk's passes ---------*- C++ -*-===//

#ifndef PK_TRANSFORMS_TRANSFORMUTILS_H
#define PK_TRANSFORMS_TRANSFORMUTILS_H

#include "mlir/IR/Builders.h"

namespace mlir::pk {

/// `v` (a ranked tensor) with its dimensions permuted by a new
/// linalg.transpose: result dim i is source dim perm[i].
Value createTranspose(OpBuilder &b, Location loc, Value v,
                      ArrayRef<int64_t> perm);

} // namespace mlir::pk

#endif // PK_TRANSFORMS_TRANSFORMUTILS_H
