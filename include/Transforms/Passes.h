//===- Passes.h - perfkernel transformation passes --------------*- C++ -*-===//

#ifndef PK_TRANSFORMS_PASSES_H
#define PK_TRANSFORMS_PASSES_H

#include "Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace mlir::pk {

#define GEN_PASS_DECL
#include "Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Transforms/Passes.h.inc"

/// A recipe compiled into the tools: its source path and its text.
struct BuiltinRecipe {
  const char *name;
  const char *text;
};

/// The built-in CPU recipe for a target with or without AVX-512
/// (recipes/cpu-default.mlir or recipes/cpu-avx2.mlir).
BuiltinRecipe getBuiltinCPURecipe(bool avx512);

/// The built-in CPU recipe for the module's #pk.target (the host's when
/// it names none).
BuiltinRecipe getTargetCPURecipe(ModuleOp module);

/// Parses the recipe file at `path` (or `builtin`'s text when `path` is
/// empty) and runs its named sequence `entry` on `payload`. Unreadable,
/// malformed and entry-less recipes are errors at the payload's location
/// naming the recipe; `label` names the kind of recipe in them ("recipe",
/// "GPU recipe").
LogicalResult applyRecipe(ModuleOp payload, StringRef path,
                          BuiltinRecipe builtin, StringRef entry,
                          StringRef label = "recipe");

} // namespace mlir::pk

#endif // PK_TRANSFORMS_PASSES_H
