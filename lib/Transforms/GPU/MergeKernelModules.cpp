//===- MergeKernelModules.cpp - one gpu.module for all kernels ------------===//
//
// The kernels outlining put in a module each are gathered into one.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUMERGEKERNELMODULES
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Outlining makes one gpu.module per kernel; the kernels of a pipeline
/// run are gathered into the first one, so they are compiled (and loaded
/// by the runtime) as one object and --pk-to-ptx prints one PTX text.
/// Symbols several kernels cloned in (constant globals) are kept once.
struct MergeKernelModulesPass : pk::impl::PKGPUMergeKernelModulesBase<MergeKernelModulesPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> kernels(module.getOps<gpu::GPUModuleOp>());
    if (kernels.size() < 2)
      return;
    gpu::GPUModuleOp target = kernels.front();
    SymbolTable targetSymbols(target);
    DenseMap<StringAttr, StringAttr> movedFrom;
    // (old module, old kernel name) → new kernel name.
    DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    for (gpu::GPUModuleOp other : llvm::drop_begin(kernels)) {
      for (Operation &op :
           llvm::make_early_inc_range(other.getBody()->getOperations())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        StringAttr oldName = symbol ? symbol.getNameAttr() : StringAttr();
        if (symbol && targetSymbols.lookup(oldName)) {
          // Outlining names every kernel after its function and only the
          // module names are unique: a kernel takes its module's name.
          if (!isa<gpu::GPUFuncOp>(op))
            continue;
          if (targetSymbols.lookup(other.getNameAttr())) {
            op.emitError("cannot rename the kernel while merging modules");
            return signalPassFailure();
          }
          symbol.setName(other.getNameAttr());
        }
        op.moveBefore(target.getBody(), target.getBody()->end());
        if (symbol) {
          targetSymbols.insert(&op);
          renamed[{other.getNameAttr(), oldName}] =
              cast<SymbolOpInterface>(op).getNameAttr();
        }
      }
      movedFrom[other.getNameAttr()] = target.getNameAttr();
      other.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      SymbolRefAttr kernel = launch.getKernel();
      auto it = movedFrom.find(kernel.getRootReference());
      if (it == movedFrom.end())
        return;
      StringAttr name = renamed.lookup(
          {kernel.getRootReference(), kernel.getLeafReference()});
      launch.setKernelAttr(SymbolRefAttr::get(
          it->second, {FlatSymbolRefAttr::get(name)}));
    });
  }
};

} // namespace
