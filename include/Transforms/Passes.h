//===- Passes.h - perfkernel transformation passes --------------*- C++ -*-===//

#ifndef PK_TRANSFORMS_PASSES_H
#define PK_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace mlir::pk {

#define GEN_PASS_DECL
#include "Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Transforms/Passes.h.inc"

/// The built-in default CPU recipe (recipes/cpu-default.mlir), as text.
const char *getDefaultCPURecipe();

} // namespace mlir::pk

#endif // PK_TRANSFORMS_PASSES_H
