//===- Passes.h - data-centric transformations on sdfg ----------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_TRANSFORMS_PASSES_H
#define PK_DIALECT_SDFG_TRANSFORMS_PASSES_H

#include "Dialect/SDFG/SDFGOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Pass/Pass.h"

namespace mlir::sdfg {

#define GEN_PASS_DECL
#include "Dialect/SDFG/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Dialect/SDFG/Transforms/Passes.h.inc"

} // namespace mlir::sdfg

#endif // PK_DIALECT_SDFG_TRANSFORMS_PASSES_H
