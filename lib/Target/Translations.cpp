//===- Translations.cpp - pk-translate translations -----------------------===//

#include "pk/Target/Translations.h"

#include "pk/InitAll.h"
#include "pk/Target/LLVMIR.h"
#include "pk/Target/PTX.h"
#include "pk/Target/SDFGJSON.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

void pk::registerPKTranslations() {
  registerPassManagerCLOptions();

  static llvm::cl::OptionCategory gpuCategory(
      "pk-translate GPU options (--pk-to-ptx, --pk-to-llvmir --pk-gpu)");
  static GPUTargetFlags gpuTarget("pk-gpu-", gpuCategory);

  static llvm::cl::opt<std::string> gpuRecipe(
      "pk-gpu-recipe",
      llvm::cl::desc("GPU recipe file replacing recipes/gpu-default.mlir "
                     "when pk/linalg input is mapped to kernels"),
      llvm::cl::value_desc("file.mlir"), llvm::cl::init(""),
      llvm::cl::cat(gpuCategory));
  static llvm::cl::opt<bool> gpuHost(
      "pk-gpu",
      llvm::cl::desc("--pk-to-llvmir: lower with pk-gpu-pipeline (the host "
                     "module, kernels embedded as a gpu.binary, mgpu* runtime "
                     "calls) instead of pk-cpu-pipeline"),
      llvm::cl::init(false), llvm::cl::cat(gpuCategory));
  static llvm::cl::opt<std::string> gpuFormat(
      "pk-gpu-format",
      llvm::cl::desc("With --pk-gpu: embedded kernel format, isa (PTX), bin "
                     "(cubin) or fatbin"),
      llvm::cl::init("isa"), llvm::cl::cat(gpuCategory));

  auto registerDialects = [](DialectRegistry &registry) {
    registerAllDialects(registry);
  };

  TranslateFromMLIRRegistration toLLVMIR(
      "pk-to-llvmir",
      "Translate to LLVM IR; modules not yet in the LLVM dialect are lowered "
      "by pk-cpu-pipeline first",
      [](ModuleOp module, raw_ostream &os) {
        if (gpuHost && !isTranslatableToLLVMIR(module)) {
          GPUPipelineOptions options;
          gpuTarget.applyTo(options);
          options.format = gpuFormat.getValue();
          options.recipe = gpuRecipe.getValue();
          PassManager pm(module.getContext(), ModuleOp::getOperationName());
          (void)applyPassManagerCLOptions(pm);
          buildGPUPipeline(pm, options);
          if (failed(pm.run(module)))
            return failure();
          if (failed(verifyLoweredToLLVMIR(module, "pk-gpu-pipeline")))
            return failure();
        }
        return translatePKToLLVMIR(module, os);
      },
      registerDialects);

  TranslateFromMLIRRegistration toPTX(
      "pk-to-ptx",
      "Lower the GPU kernels (gpu.module or gpu.launch) to NVVM and print "
      "their PTX (see --pk-gpu-chip, --pk-gpu-features, --pk-gpu-opt-level)",
      [](ModuleOp module, raw_ostream &os) {
        GPUTargetOptions options;
        gpuTarget.applyTo(options);
        return translateModuleToPTX(module, options, os, gpuRecipe);
      },
      registerDialects);

  sdfg::registerSDFGJSONTranslations();
}
