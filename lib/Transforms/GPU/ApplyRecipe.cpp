//===- ApplyRecipe.cpp - run an entry point of the GPU recipe -------------===//
//
// The built-in recipes/gpu-default.mlir or a user file, one named sequence
// at a time (pk-gpu-pipeline runs two: on tensors, then on buffers).
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "pk/Transforms/Passes.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUAPPLYRECIPE
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace mlir::pk {
/// recipes/gpu-default.mlir, compiled in by CMake (GPURecipe.cpp).
extern const char *const kGPUDefaultRecipe;
} // namespace mlir::pk

namespace {
struct ApplyRecipePass : pk::impl::PKGPUApplyRecipeBase<ApplyRecipePass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(
            pk::applyRecipe(getOperation(), recipe,
                            {"recipes/gpu-default.mlir", pk::kGPUDefaultRecipe},
                            entry, "GPU recipe")))
      signalPassFailure();
  }
};
} // namespace
