//===- LinalgToSDFG.h - linalg and scf.parallel to sdfg ---------*- C++ -*-===//

#ifndef PK_CONVERSION_LINALGTOSDFG_LINALGTOSDFG_H
#define PK_CONVERSION_LINALGTOSDFG_LINALGTOSDFG_H

#include "mlir/Support/LLVM.h"

namespace mlir {
namespace func {
class FuncOp;
} // namespace func
namespace sdfg {

/// Replaces `func` (memref and scalar arguments, no results; a body of
/// linalg ops on memrefs, `scf.parallel` loops and constants) by an
/// `sdfg.sdfg` of the same name with one state per top-level op, run in
/// order. Emits a located error naming what it cannot convert.
LogicalResult convertFuncToSDFG(func::FuncOp func);

} // namespace sdfg
} // namespace mlir

#endif // PK_CONVERSION_LINALGTOSDFG_LINALGTOSDFG_H
