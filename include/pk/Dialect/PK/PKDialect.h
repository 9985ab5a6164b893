//===- PKDialect.h - perfkernel dialect -------------------------*- C++ -*-===//

#ifndef PK_DIALECT_PK_PKDIALECT_H
#define PK_DIALECT_PK_PKDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "pk/Dialect/PK/PKOpsDialect.h.inc"

#include "pk/Dialect/PK/PKAttributes.h"

#endif // PK_DIALECT_PK_PKDIALECT_H
