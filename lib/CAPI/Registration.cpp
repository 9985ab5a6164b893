//===- Registration.cpp - C API: register pk dialects, passes, pipelines --===//

#include "pk-c/Registration.h"

#include "pk/Conversion/Passes.h"
#include "pk/InitAll.h"
#include "pk/Pipelines/Pipelines.h"
#include "pk/Transforms/Passes.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"

#include <mutex>

#ifndef PK_RUNTIME_LIB_DIR
#error "PK_RUNTIME_LIB_DIR must name the runtime library directory"
#endif

void pkRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::pk::registerAllDialects(*unwrap(registry));
}

// Registering twice is harmless in release builds of MLIR, but debug builds
// of the pass registry abort on a repeated pipeline name: register once.
void pkRegisterPasses(void) {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::pk::registerPKConversionPasses();
    mlir::pk::registerPKTransformsPasses();
  });
}

void pkRegisterPipelines(void) {
  static std::once_flag once;
  std::call_once(once, [] { mlir::pk::registerPipelines(); });
}

void pkRegisterAllPasses(void) {
  static std::once_flag once;
  std::call_once(once, [] { mlir::pk::registerAllPasses(); });
}

MlirStringRef pkGetRuntimeLibraryDir(void) {
  return mlirStringRefCreateFromCString(PK_RUNTIME_LIB_DIR);
}
