//===- TransformUtils.h - helpers shared by pk's passes ---------*- C++ -*-===//

#ifndef PK_TRANSFORMS_TRANSFORMUTILS_H
#define PK_TRANSFORMS_TRANSFORMUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {

/// `v` (a ranked tensor) with its dimensions permuted by a new
/// linalg.transpose: result dim i is source dim perm[i].
Value createTranspose(OpBuilder &b, Location loc, Value v,
                      ArrayRef<int64_t> perm);

/// Points `use` at a tensor.empty of its own when it reads one that other
/// ops read too (CSE merges equal tensor.empty ops; bufferization and
/// empty-tensor elimination then see one buffer shared by several ops).
void useOwnEmptyTensor(RewriterBase &rewriter, OpOperand &use);

/// Whether `value` is a buffer pk treats as distinct from every other: a
/// memref function argument (arguments are assumed not to alias, as DaCe's
/// generated code assumes, unless the function is marked with
/// pk.aliasing_arguments, e.g. a nested SDFG called with two
/// windows into one container) or an allocation.
bool isRootBuffer(Value value);

} // namespace mlir::pk

#endif // PK_TRANSFORMS_TRANSFORMUTILS_H
