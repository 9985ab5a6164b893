//===- InitAll.cpp - register everything a pk tool needs ------------------===//

#include "pk/InitAll.h"

#include "pk/Conversion/Passes.h"
#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Dialect/SDFG/SDFGDialect.h"
#include "pk/Pipelines/Pipelines.h"
#include "pk/Transforms/GPU/Passes.h"
#include "pk/Transforms/Passes.h"
#include "pk/Transforms/SDFG/Passes.h"

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
