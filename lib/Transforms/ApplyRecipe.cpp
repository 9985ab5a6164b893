//===- ApplyRecipe.cpp - apply a transform-dialect schedule recipe --------===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/TargetParser/Host.h"

// Register tiles are sized for the vector register file: the host decides
// which built-in recipe fits (a recipe file overrides the choice).
mlir::pk::BuiltinRecipe mlir::pk::getHostCPURecipe() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return getBuiltinCPURecipe(features.lookup("avx512f"));
}

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPLYRECIPE
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKApplyRecipePass : pk::impl::PKApplyRecipeBase<PKApplyRecipePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp payload = getOperation();
    MLIRContext *ctx = &getContext();
    pk::BuiltinRecipe builtin = pk::getHostCPURecipe();
    std::string recipeName = recipe.empty()
                                 ? "<built-in " + std::string(builtin.name) + ">"
                                 : recipe.getValue();

    // Parse errors inside the recipe are reported at their own location in
    // the recipe file by the context's diagnostic handler.
    OwningOpRef<ModuleOp> recipeModule;
    if (recipe.empty()) {
      recipeModule =
          parseSourceString<ModuleOp>(builtin.text, ctx, builtin.name);
    } else {
      auto buffer = llvm::MemoryBuffer::getFile(recipe, /*IsText=*/true);
      if (!buffer) {
        payload.emitError() << "cannot read recipe file '" << recipe
                            << "': " << buffer.getError().message();
        return signalPassFailure();
      }
      llvm::SourceMgr sourceMgr;
      sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
      recipeModule = parseSourceFile<ModuleOp>(sourceMgr, ctx);
    }
    if (!recipeModule) {
      payload.emitError() << "recipe '" << recipeName
                          << "' is not a valid transform-dialect module";
      return signalPassFailure();
    }

    transform::TransformOpInterface entry =
        transform::detail::findTransformEntryPoint(
            *recipeModule, ModuleOp(),
            transform::TransformDialect::kTransformEntryPointSymbolName);
    if (!entry) {
      payload.emitError() << "recipe '" << recipeName << "' has no "
                          << "transform.named_sequence @"
                          << transform::TransformDialect::
                                 kTransformEntryPointSymbolName;
      return signalPassFailure();
    }
    if (failed(transform::applyTransformNamedSequence(
            payload, entry, *recipeModule, transform::TransformOptions())))
      return signalPassFailure();
  }
};
} // namespace
