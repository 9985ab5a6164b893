//===- SDFGDialect.h - SDFG dialect -----------------------------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_SDFGDIALECT_H
#define PK_DIALECT_SDFG_SDFGDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"

#include <memory>
#include <string>

namespace mlir::sdfg::expr {
struct Node;
} // namespace mlir::sdfg::expr

#include "pk/Dialect/SDFG/SDFGOpsDialect.h.inc"

#endif // PK_DIALECT_SDFG_SDFGDIALECT_H
