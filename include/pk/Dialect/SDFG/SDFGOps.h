//===- SDFGOps.h - SDFG operations ------------------------------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_SDFGOPS_H
#define PK_DIALECT_SDFG_SDFGOPS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "pk/Dialect/SDFG/SDFGAttributes.h"
#include "pk/Dialect/SDFG/SDFGDialect.h"

#define GET_OP_CLASSES
#include "pk/Dialect/SDFG/SDFGOps.h.inc"

#endif // PK_DIALECT_SDFG_SDFGOPS_H
