//===- VerifyTarget.cpp - check the GPU target before lowering ------------===//
//
// A located error for a chip, feature, PTX version, opt level, CUDA path
// or format the backend would reject (or die on) later.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUVERIFYTARGET
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Fails with a located error when the target or the format is invalid,
/// before anything is lowered.
struct VerifyTargetPass : pk::impl::PKGPUVerifyTargetBase<VerifyTargetPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    pk::GPUTargetOptions target;
    target.chip = chip;
    target.features = features;
    target.optLevel = optLevel;
    target.cudaPath = cudaPath;
    if (failed(pk::verifyGPUTargetOptions(
            target, [&] { return emitError(module.getLoc()); })))
      return signalPassFailure();
    if (format != "isa" && format != "bin" && format != "fatbin") {
      emitError(module.getLoc())
          << "GPU binary format must be isa, bin or fatbin, got '" << format
          << "'";
      return signalPassFailure();
    }
  }
};
} // namespace
