//===- LLVMIR.h - pk modules to LLVM IR -------------------------*- C++ -*-===//
//
// Translation of a module to LLVM IR, lowering it through pk-cpu-pipeline
// first when it is not yet in dialects with an LLVM IR translation.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TARGET_LLVMIR_H
#define PK_TARGET_LLVMIR_H

#include "mlir/IR/BuiltinOps.h"

namespace mlir::pk {

/// The first op nested in `root` (pre-order) that LLVM IR export cannot
/// translate: one whose dialect has no LLVM IR translation or a GPU op other
/// than gpu.binary and gpu.launch_func, else a leftover
/// builtin.unrealized_conversion_cast. Null when there is none.
Operation *findUntranslatableOp(Operation *root);

/// Whether `root` can be translated to LLVM IR as is.
inline bool isTranslatableToLLVMIR(Operation *root) {
  return findUntranslatableOp(root) == nullptr;
}

/// Fails with an error on the op findUntranslatableOp finds, saying that
/// `lowering` (e.g. "pk-cpu-pipeline") left it behind.
LogicalResult verifyLoweredToLLVMIR(Operation *root, StringRef lowering);

/// Prints `module` as LLVM IR to `os`. A module with ops that have no LLVM IR
/// translation (pk, linalg, tensor, func, ...) is first lowered in place by
/// pk-cpu-pipeline with default options.
LogicalResult translatePKToLLVMIR(ModuleOp module, raw_ostream &os);

} // namespace mlir::pk

#endif // PK_TARGET_LLVMIR_H
