//===- GPUTarget.cpp - checks and defaults of the NVPTX target ------------===//

#include "pk/Transforms/GPU/GPUTarget.h"

#include "mlir/Target/LLVM/NVVM/Utils.h"
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

void pk::GPUTargetOptions::setTarget(const GPUTargetOptions &other) {
  chip = other.chip.getValue();
  features = other.features.getValue();
  optLevel = other.optLevel.getValue();
  cudaPath = other.cudaPath.getValue();
}

pk::GPUTargetFlags::GPUTargetFlags(StringRef prefix,
                                   llvm::cl::OptionCategory &category)
    : chipName((prefix + "chip").str()),
      featuresName((prefix + "features").str()),
      optLevelName((prefix + "opt-level").str()),
      cudaPathName((prefix + "cuda-path").str()),
      chip(StringRef(chipName), llvm::cl::desc(kGPUChipHelp), llvm::cl::value_desc("sm_XX"),
           llvm::cl::init(kDefaultGPUChip.str()), llvm::cl::cat(category)),
      features(StringRef(featuresName), llvm::cl::desc(kGPUFeaturesHelp),
               llvm::cl::value_desc("+ptxNN,..."),
               llvm::cl::init(kDefaultGPUFeatures.str()),
               llvm::cl::cat(category)),
      optLevel(StringRef(optLevelName), llvm::cl::desc(kGPUOptLevelHelp),
               llvm::cl::init(kDefaultGPUOptLevel), llvm::cl::cat(category)),
      cudaPath(StringRef(cudaPathName), llvm::cl::desc(kGPUCUDAPathHelp),
               llvm::cl::value_desc("dir"), llvm::cl::init(""),
               llvm::cl::cat(category)) {}

void pk::GPUTargetFlags::applyTo(GPUTargetOptions &options) const {
  options.chip = chip.getValue();
  options.features = features.getValue();
  options.optLevel = optLevel.getValue();
  options.cudaPath = cudaPath.getValue();
}

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
