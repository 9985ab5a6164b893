//===- Translations.cpp - pk-translate translations -----------------------===//

#include "Target/Translations.h"

#include "InitAll.h"
#include "Target/LLVMIR.h"
#include "Target/PTX.h"
#include "Target/SDFGJSON.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

void pk::registerPKTranslations() {
  registerPassManagerCLOptions();

  static llvm::cl::OptionCategory gpuCategory(
      "pk-translate GPU options (--pk-to-ptx)");
  static llvm::cl::opt<std::string> gpuChip(
      "pk-gpu-chip", llvm::cl::desc("NVIDIA GPU architecture to compile for"),
      llvm::cl::value_desc("sm_XX"), llvm::cl::init("sm_90"),
      llvm::cl::cat(gpuCategory));
  static llvm::cl::opt<std::string> gpuFeatures(
      "pk-gpu-features",
      llvm::cl::desc(
          "NVPTX target features, comma separated; the PTX version "
          "must be one the chip supports (sm_80: +ptx70, sm_90: +ptx78, "
          "sm_90a: +ptx80 or newer)"),
      llvm::cl::value_desc("+ptxNN,..."), llvm::cl::init("+ptx80"),
      llvm::cl::cat(gpuCategory));
  static llvm::cl::opt<unsigned> gpuOptLevel(
      "pk-gpu-opt-level",
      llvm::cl::desc("LLVM optimization level of the device code (0-3)"),
      llvm::cl::init(3), llvm::cl::cat(gpuCategory));
  static llvm::cl::opt<std::string> gpuCUDAPath(
      "pk-gpu-cuda-path",
      llvm::cl::desc("CUDA toolkit whose libdevice implements math functions "
                     "in kernels (default: $CUDA_ROOT, $CUDA_HOME, "
                     "$CUDA_PATH, else the toolkit found when pk was built)"),
      llvm::cl::value_desc("dir"), llvm::cl::init(""),
      llvm::cl::cat(gpuCategory));

  auto registerDialects = [](DialectRegistry &registry) {
    registerAllDialects(registry);
  };

  TranslateFromMLIRRegistration toLLVMIR(
      "pk-to-llvmir",
      "Translate to LLVM IR; modules not yet in the LLVM dialect are lowered "
      "by pk-cpu-pipeline first",
      [](ModuleOp module, raw_ostream &os) {
        return translatePKToLLVMIR(module, os);
      },
      registerDialects);

  TranslateFromMLIRRegistration toPTX(
      "pk-to-ptx",
      "Lower the GPU kernels (gpu.module or gpu.launch) to NVVM and print "
      "their PTX (see --pk-gpu-chip, --pk-gpu-features, --pk-gpu-opt-level)",
      [](ModuleOp module, raw_ostream &os) {
        GPUTargetOptions options;
        options.chip = gpuChip.getValue();
        options.features = gpuFeatures.getValue();
        options.optLevel = gpuOptLevel.getValue();
        options.cudaPath = gpuCUDAPath.getValue();
        return translateModuleToPTX(module, options, os);
      },
      registerDialects);

  sdfg::registerSDFGJSONTranslations();
}
