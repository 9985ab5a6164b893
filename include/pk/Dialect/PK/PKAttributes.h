//===- PKAttributes.h - pk targets and lowering configs ---------*- C++ -*-===//

#ifndef PK_DIALECT_PK_PKATTRIBUTES_H
#define PK_DIALECT_PK_PKATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"

#include "pk/Dialect/PK/PKEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "pk/Dialect/PK/PKAttributes.h.inc"

namespace mlir::pk {

/// The named target `name` (`x86-64-v3`, `x86-64-v4`, or `host`, read off
/// this machine), or a null attribute for an unknown name.
TargetAttr getNamedTarget(MLIRContext *ctx, llvm::StringRef name);

/// The names getNamedTarget knows, for error messages.
llvm::StringRef getNamedTargetList();

/// The module's `pk.target`, or the host's when it has none.
TargetAttr getTargetOrHost(ModuleOp module);

} // namespace mlir::pk

#endif // PK_DIALECT_PK_PKATTRIBUTES_H
