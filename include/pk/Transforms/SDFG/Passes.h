//===- Passes.h - data-centric transformations on sdfg ----------*- C++ -*-===//

#ifndef PK_DIALECT_SDFG_TRANSFORMS_PASSES_H
#define PK_DIALECT_SDFG_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Pass/Pass.h"
#include "pk/Dialect/SDFG/SDFGOps.h"

namespace mlir::sdfg {

#define GEN_PASS_DECL
#include "pk/Transforms/SDFG/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pk/Transforms/SDFG/Passes.h.inc"

} // namespace mlir::sdfg

#endif // PK_DIALECT_SDFG_TRANSFORMS_PASSES_H
