//===- ExecutionEngine.cpp - C API: pk's setup of a JIT -------------------===//

#include "pk-c/ExecutionEngine.h"

#include "pk/Runner/KernelAllocator.h"

#include "mlir/CAPI/ExecutionEngine.h"

void pkExecutionEngineUseKernelAllocator(MlirExecutionEngine engine) {
  mlir::pk::useKernelAllocator(*unwrap(engine));
}
