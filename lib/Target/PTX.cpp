//===- PTX.cpp - GPU kernels to NVVM and PTX ------------------------------===//
//
// The lowering stays inside each gpu.module, so host code is untouched and
// a full GPU pipeline can lower it differently (runtime calls) afterwards.
//
//===----------------------------------------------------------------------===//

#include "Target/PTX.h"

#include "DiagnosticUtils.h"
#include "Target/LLVMIR.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Target/LLVM/NVVM/Utils.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;

/// The triple nvvm-attach-target uses by default.
static constexpr llvm::StringLiteral kNVPTXTriple = "nvptx64-nvidia-cuda";

/// Serialization looks the NVPTX backend up in the target registry, which is
/// empty until someone registers it; a tool need not have done so.
static void initializeNVPTXBackend() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTarget();
    LLVMInitializeNVPTXTargetMC();
    LLVMInitializeNVPTXAsmPrinter();
  });
}

/// Creates (and drops) the NVPTX TargetMachine for `chip`/`features`. Its
/// constructor is where LLVM checks the PTX version against the chip, and it
/// reports a mismatch with a fatal error that exits the process. Here, and
/// only here (no MLIR state on the stack), that exit is caught the way
/// clang's in-process cc1 does it: a fatal-error handler exits through
/// sys::Process::Exit, which unwinds to the CrashRecoveryContext. Returns the
/// backend's message, or an empty string when the target is fine.
static std::string probeTargetMachine(const llvm::Target &target,
                                      const llvm::Triple &triple,
                                      StringRef chip, StringRef features) {
  std::string fatalMessage;
  llvm::CrashRecoveryContext::Enable();
  {
    llvm::ScopedFatalErrorHandler handler(
        [](void *message, const char *reason, bool) {
          *static_cast<std::string *>(message) = reason;
          llvm::sys::Process::Exit(1);
        },
        &fatalMessage);
    llvm::CrashRecoveryContext context;
    bool completed = context.RunSafely([&] {
      std::unique_ptr<llvm::TargetMachine> machine(target.createTargetMachine(
          triple, chip, features, llvm::TargetOptions(), std::nullopt));
    });
    if (!completed && fatalMessage.empty())
      fatalMessage = "the NVPTX backend failed to create a target machine";
  }
  llvm::CrashRecoveryContext::Disable();
  return fatalMessage;
}

LogicalResult
pk::verifyGPUTargetOptions(const GPUTargetOptions &options,
                           llvm::function_ref<InFlightDiagnostic()> emitError) {
  if (options.optLevel > 3)
    return emitError() << "GPU optimization level must be 0 to 3, got "
                       << options.optLevel.getValue();

  if (!options.cudaPath.empty() &&
      !llvm::sys::fs::is_directory(options.cudaPath.getValue()))
    return emitError() << "CUDA toolkit path '" << options.cudaPath.getValue()
                       << "' is not a directory";

  initializeNVPTXBackend();
  llvm::Triple triple(kNVPTXTriple);
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return emitError() << "the NVPTX backend is not available: " << lookupError;
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));

  StringRef chip = options.chip;
  if (!subtarget->isCPUStringValid(chip)) {
    SmallVector<StringRef> known;
    for (const llvm::SubtargetSubTypeKV &cpu :
         subtarget->getAllProcessorDescriptions())
      known.push_back(cpu.Key);
    return emitError() << "unknown GPU chip '" << chip
                       << "'; the NVPTX backend knows: "
                       << llvm::join(known, ", ");
  }

  SmallVector<StringRef> features;
  StringRef(options.features)
      .split(features, ',', /*MaxSplit=*/-1,
             /*KeepEmpty=*/false);
  for (StringRef feature : features) {
    feature = feature.trim();
    if (!feature.consume_front("+") && !feature.consume_front("-"))
      return emitError() << "GPU feature '" << feature
                         << "' must start with '+' or '-' (e.g. +ptx80)";
    bool known = llvm::any_of(
        subtarget->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return feature == kv.Key; });
    if (!known)
      return emitError() << "unknown GPU feature '" << feature
                         << "' for the NVPTX backend";
  }

  std::string backendError =
      probeTargetMachine(*target, triple, chip, options.features);
  if (!backendError.empty())
    return emitError() << "invalid GPU target " << chip << " with features '"
                       << options.features.getValue() << "': " << backendError;
  return success();
}

std::string pk::getCUDAToolkitPath(const GPUTargetOptions &options) {
  if (!options.cudaPath.empty())
    return options.cudaPath;
  StringRef found = NVVM::getCUDAToolkitPath();
  if (!found.empty())
    return found.str();
#ifdef PK_CUDA_TOOLKIT_PATH
  // lit runs tests without the CUDA_* variables of the shell.
  return PK_CUDA_TOOLKIT_PATH;
#else
  return "";
#endif
}

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

void pk::buildGPUToNVVMPipeline(OpPassManager &pm,
                                const GPUTargetOptions &options) {
  pm.addPass(createGpuKernelOutliningPass());

  GpuNVVMAttachTargetOptions target;
  target.triple = kNVPTXTriple.str();
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));

  // Structured and strided forms first: convert-gpu-to-nvvm only knows the
  // flat ones. It then converts gpu ops, the kernel signatures and, through
  // the dialects' ConvertToLLVM interfaces, arith/cf/memref/index/vector;
  // math goes to libdevice calls.
  OpPassManager &gpuPm = pm.nest<gpu::GPUModuleOp>();
  gpuPm.addPass(createConvertNVGPUToNVVMPass());
  gpuPm.addPass(memref::createExpandStridedMetadataPass());
  gpuPm.addPass(createConvertVectorToSCFPass());
  gpuPm.addPass(createLowerAffinePass());
  gpuPm.addPass(createSCFToControlFlowPass());
  gpuPm.addPass(createConvertGpuOpsToNVVMOps());
  // Whatever the NVVM conversion left: inline-PTX NVVM ops, and math ops
  // without a libdevice function (to LLVM intrinsics NVPTX can select).
  gpuPm.addPass(createConvertNVVMToLLVMPass());
  gpuPm.addPass(createArithToLLVMConversionPass());
  gpuPm.addPass(createConvertMathToLLVMPass());
  gpuPm.addPass(createConvertIndexToLLVMPass());
  gpuPm.addPass(createCanonicalizerPass());
  gpuPm.addPass(createCSEPass());
  gpuPm.addPass(createReconcileUnrealizedCastsPass());
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

LogicalResult pk::translateModuleToPTX(ModuleOp module,
                                       const GPUTargetOptions &options,
                                       raw_ostream &os) {
  // Reported at the module's location, not on the op: printing the whole
  // module as the "current operation" would bury the message.
  if (!hasGPUKernels(module))
    return emitError(module.getLoc())
           << "no GPU kernel to translate to PTX: expected a gpu.module with "
              "a 'kernel' gpu.func, or a gpu.launch in host code";
  if (failed(verifyGPUTargetOptions(
          options, [&] { return emitError(module.getLoc()); })))
    return failure();

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
