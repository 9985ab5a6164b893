//===- Passes.h - perfkernel transformation passes --------------*- C++ -*-===//

#ifndef PK_TRANSFORMS_PASSES_H
#define PK_TRANSFORMS_PASSES_H

#include "pk/Dialect/PK/PKDialect.h"

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
#include "pk/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pk/Transforms/Passes.h.inc"

/// A recipe compiled into the tools: its source path and its text.
struct BuiltinRecipe {
  const char *name;
  const char *text;
};

/// The built-in CPU recipe (recipes/cpu.mlir): one schedule library whose
/// register tile is a parameter.
BuiltinRecipe getBuiltinCPURecipe();

/// The register tile (MR rows, NR floats per row) for `target`, the
/// parameters pk-apply-recipe passes a recipe's entry after the payload.
SmallVector<int64_t> getRegisterTileParams(TargetAttr target);

/// Parses the recipe file at `path` (or `builtin`'s text when `path` is
/// empty) and runs its named sequence `entry` on `payload`. Unreadable,
/// malformed and entry-less recipes are errors at the payload's location
/// naming the recipe; `label` names the kind of recipe in them ("recipe",
/// "GPU recipe"). An entry that takes more than the payload gets `params`
/// as !transform.param values (an entry whose arguments do not fit is an
/// error).
LogicalResult applyRecipe(ModuleOp payload, StringRef path,
                          BuiltinRecipe builtin, StringRef entry,
                          StringRef label = "recipe",
                          ArrayRef<int64_t> params = {});

} // namespace mlir::pk

#endif // PK_TRANSFORMS_PASSES_H
