//===- SDFGDialect.h - SDFG dialect -----------------------------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_SDFGDIALECT_H
#define PK_DIALECT_SDFG_SDFGDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Dialect/SDFG/SDFGOpsDialect.h.inc"

#endif // PK_DIALECT_SDFG_SDFGDIALECT_H
