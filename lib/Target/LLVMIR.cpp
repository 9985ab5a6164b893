//===- LLVMIR.cpp - pk modules to LLVM IR ---------------------------------===//

#include "pk/Target/LLVMIR.h"

#include "DiagnosticUtils.h"
#include "pk/Pipelines/Pipelines.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Target/LLVMIR/LLVMTranslationInterface.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

Operation *pk::findUntranslatableOp(Operation *root) {
  Operation *leftoverCast = nullptr;
  Operation *untranslatable = nullptr;
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op == root)
      return WalkResult::advance();
    Dialect *dialect = op->getDialect();
    // The GPU dialect's translation only covers the host side of compiled
    // kernels.
    bool gpuDeviceOp = isa_and_nonnull<gpu::GPUDialect>(dialect) &&
                       !isa<gpu::BinaryOp, gpu::LaunchFuncOp>(op);
    if (!dialect || gpuDeviceOp ||
        !dialect->getRegisteredInterface<LLVMTranslationDialectInterface>()) {
      untranslatable = op;
      return WalkResult::interrupt();
    }
    // A cast only stays when its producer or user was not converted; keep
    // looking for that op, it is the better one to report.
    if (!leftoverCast && isa<UnrealizedConversionCastOp>(op))
      leftoverCast = op;
    return WalkResult::advance();
  });
  return untranslatable ? untranslatable : leftoverCast;
}

LogicalResult pk::verifyLoweredToLLVMIR(Operation *root, StringRef lowering) {
  Operation *op = findUntranslatableOp(root);
  if (!op)
    return success();
  if (auto cast = dyn_cast<UnrealizedConversionCastOp>(op))
    return cast.emitOpError()
           << "from " << cast.getInputs().getTypes() << " to "
           << cast.getResultTypes() << " was left unresolved by " << lowering;
  InFlightDiagnostic diag = op->emitOpError()
                            << "was not lowered to the LLVM dialect by "
                            << lowering << " and has no LLVM IR translation";
  // Host-side lowerings meet GPU code they were never meant to compile.
  bool inGPUCode = isa<gpu::LaunchOp, gpu::GPUModuleOp>(op) ||
                   op->getParentOfType<gpu::LaunchOp>() ||
                   op->getParentOfType<gpu::GPUModuleOp>();
  if (inGPUCode && !isa<gpu::GPUModuleOp>(root))
    diag.attachNote() << "GPU kernels are compiled by --pk-to-ptx";
  return diag;
}

LogicalResult pk::translatePKToLLVMIR(ModuleOp module, raw_ostream &os) {
  if (!isTranslatableToLLVMIR(module)) {
    PassManager pm(module.getContext(), ModuleOp::getOperationName());
    // Only fails when the options were not registered (a library user).
    (void)applyPassManagerCLOptions(pm);
    buildCPUPipeline(pm, CPUPipelineOptions());
    if (failed(detail::runReportingFailure(
            module, [&] { return pm.run(module); },
            "pk-cpu-pipeline failed to lower the module to the LLVM dialect")))
      return failure();
    if (failed(verifyLoweredToLLVMIR(module, "pk-cpu-pipeline")))
      return failure();
  }

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule;
  if (failed(detail::runReportingFailure(
          module,
          [&] {
            llvmModule = translateModuleToLLVMIR(module, llvmContext);
            return success(llvmModule != nullptr);
          },
          "failed to translate the module to LLVM IR")))
    return failure();
  llvmModule->print(os, /*AAW=*/nullptr);
  return success();
}
