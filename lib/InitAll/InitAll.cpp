//===- InitAll.cpp - register everything a pk tool needs ------------------===//

#include "InitAll.h"

#include "Conversion/Passes.h"
#include "Dialect/PK/PKDialect.h"
#include "Dialect/SDFG/SDFGDialect.h"
#include "Dialect/SDFG/Transforms/Passes.h"
#include "Pipelines/Pipelines.h"
#include "Transforms/GPU/Passes.h"
#include "Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

void mlir::pk::registerAllDialects(DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  registry.insert<pk::PKDialect, sdfg::SDFGDialect>();
}

void mlir::pk::registerAllPasses() {
  mlir::registerAllPasses();
  registerPKConversionPasses();
  registerPKTransformsPasses();
  registerPKGPUTransformsPasses();
  sdfg::registerSDFGTransformsPasses();
  registerPipelines();
}
