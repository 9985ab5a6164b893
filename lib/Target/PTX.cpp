//===- PTX.cpp - GPU kernels to NVVM and PTX ------------------------------===//
//
// The lowering stays inside each gpu.module, so host code is untouched and
// a full GPU pipeline can lower it differently (runtime calls) afterwards.
//
//===----------------------------------------------------------------------===//

#include "pk/Target/PTX.h"

#include "pk/Pipelines/GPUPipeline.h"

#include "DiagnosticUtils.h"
#include "pk/Target/LLVMIR.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"


using namespace mlir;

bool pk::hasGPUKernels(Operation *root) {
  WalkResult result = root->walk([](Operation *op) {
    if (isa<gpu::LaunchOp>(op))
      return WalkResult::interrupt();
    if (!op->getParentOfType<gpu::GPUModuleOp>())
      return WalkResult::advance();
    if (auto func = dyn_cast<gpu::GPUFuncOp>(op); func && func.isKernel())
      return WalkResult::interrupt();
    if (isa<LLVM::LLVMFuncOp>(op) &&
        op->hasAttr(NVVM::NVVMDialect::getKernelFuncAttrName()))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

LogicalResult pk::collectPTX(Operation *root,
                             SmallVectorImpl<PTXAssembly> &assemblies) {
  WalkResult result = root->walk([&](gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjects()) {
      auto object = dyn_cast<gpu::ObjectAttr>(attr);
      if (!object || object.getFormat() != gpu::CompilationTarget::Assembly) {
        InFlightDiagnostic diag = binary.emitError()
                                  << "gpu.binary @" << binary.getName()
                                  << " holds an object that is not PTX "
                                     "assembly: ";
        if (object)
          diag << "format '" << stringifyCompilationTarget(object.getFormat())
               << "'";
        else
          diag << attr;
        return WalkResult::interrupt();
      }
      assemblies.push_back({binary.getName(), object.getTarget(),
                            object.getObject().getValue().rtrim('\0')});
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// Whether `module` has code that is not yet GPU or LLVM code (functions
/// of pk/linalg/tensor ops, SDFGs): input for the kernel part of
/// pk-gpu-pipeline.
static bool hasFunctionsToSchedule(ModuleOp module) {
  return llvm::any_of(module.getOps(), [](Operation &op) {
    if (auto func = dyn_cast<func::FuncOp>(op))
      return !func.isExternal();
    return !isa<gpu::GPUModuleOp, LLVM::LLVMFuncOp>(op) &&
           op.getNumRegions() > 0;
  });
}

LogicalResult pk::translateModuleToPTX(ModuleOp module,
                                       const GPUTargetOptions &options,
                                       raw_ostream &os, StringRef recipe) {
  // Reported at the module's location, not on the op: printing the whole
  // module as the "current operation" would bury the message.
  if (failed(verifyGPUTargetOptions(
          options, [&] { return emitError(module.getLoc()); })))
    return failure();
  // pk/linalg/tensor functions: the kernel part of pk-gpu-pipeline makes
  // gpu.launch regions of them first.
  if (!hasGPUKernels(module) && hasFunctionsToSchedule(module)) {
    PassManager kernels(module.getContext(), ModuleOp::getOperationName());
    (void)applyPassManagerCLOptions(kernels);
    GPUPipelineOptions pipelineOptions;
    pipelineOptions.setTarget(options);
    pipelineOptions.recipe = recipe.str();
    buildGPUKernelPipeline(kernels, pipelineOptions);
    if (failed(detail::runReportingFailure(
            module, [&] { return kernels.run(module); },
            "pk-gpu-pipeline failed to map the functions to GPU kernels")))
      return failure();
  }
  if (!hasGPUKernels(module))
    return emitError(module.getLoc())
           << "no GPU kernel to translate to PTX: expected pk/linalg "
              "functions, a gpu.module with a 'kernel' gpu.func, or a "
              "gpu.launch in host code";

  // Two runs: a GPU op left unlowered is reported by name before
  // serialization fails on a cast it leaves around.
  PassManager lowering(module.getContext(), ModuleOp::getOperationName());
  // Only fails when the options were not registered (a library user).
  (void)applyPassManagerCLOptions(lowering);
  buildGPUToNVVMPipeline(lowering, options);
  if (failed(detail::runReportingFailure(
          module, [&] { return lowering.run(module); },
          "failed to lower the GPU kernels to the NVVM dialect")))
    return failure();
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>())
    if (failed(verifyLoweredToLLVMIR(gpuModule, "the GPU-to-NVVM lowering")))
      return failure();

  PassManager serialization(module.getContext(), ModuleOp::getOperationName());
  (void)applyPassManagerCLOptions(serialization);
  GpuModuleToBinaryPassOptions binaryOptions;
  binaryOptions.compilationTarget = "isa";
  binaryOptions.toolkitPath = getCUDAToolkitPath(options);
  serialization.addPass(createGpuModuleToBinaryPass(binaryOptions));
  if (failed(detail::runReportingFailure(
          module, [&] { return serialization.run(module); },
          "failed to serialize the GPU kernels to PTX")))
    return failure();

  SmallVector<PTXAssembly> assemblies;
  if (failed(collectPTX(module, assemblies)))
    return failure();
  if (assemblies.empty())
    return emitError(module.getLoc()) << "GPU lowering produced no gpu.binary";
  bool withHeaders = assemblies.size() > 1;
  for (const PTXAssembly &assembly : assemblies) {
    if (withHeaders)
      os << "// ----- gpu.module @" << assembly.moduleName << " for "
         << assembly.target << " -----\n";
    os << assembly.ptx;
    if (!assembly.ptx.ends_with("\n"))
      os << "\n";
  }
  return success();
}
