//===- DiagnosticUtils.h - Translation failures never silent ----*- C++ -*-===//
//
// Private to lib/Target.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_TARGET_DIAGNOSTICUTILS_H
#define PK_LIB_TARGET_DIAGNOSTICUTILS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/Twine.h"

namespace mlir::pk::detail {

/// Runs `fn` and, when it fails without having reported an error (some
/// passes and LLVM IR export fail silently), reports `message` on `op`, so a
/// failing translation always says why and where. The location only: `op`
/// is typically the whole module, too big to print as a note.
inline LogicalResult runReportingFailure(Operation *op,
                                         llvm::function_ref<LogicalResult()> fn,
                                         const llvm::Twine &message) {
  bool sawError = false;
  LogicalResult result = success();
  {
    ScopedDiagnosticHandler handler(op->getContext(), [&](Diagnostic &diag) {
      if (diag.getSeverity() == DiagnosticSeverity::Error)
        sawError = true;
      // Not handled here: the tool's handler still prints or verifies it.
      return failure();
    });
    result = fn();
  }
  if (failed(result) && !sawError)
    emitError(op->getLoc(), message);
  return result;
}

} // namespace mlir::pk::detail

#endif // PK_LIB_TARGET_DIAGNOSTICUTILS_H
