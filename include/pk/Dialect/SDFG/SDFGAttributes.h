//===- SDFGAttributes.h - SDFG enums and attributes -------------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_SDFGATTRIBUTES_H
#define PK_DIALECT_SDFG_SDFGATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "pk/Dialect/SDFG/SDFGEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "pk/Dialect/SDFG/SDFGAttributes.h.inc"

#endif // PK_DIALECT_SDFG_SDFGATTRIBUTES_H
