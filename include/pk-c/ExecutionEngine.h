//===- ExecutionEngine.h - C API: pk's setup of a JIT -----------*- C -*-===//
//
// What pk's own runner does to an execution engine before running kernels,
// for C API clients (the Python package) that create one themselves.
//
//===----------------------------------------------------------------------===//

#ifndef PK_C_EXECUTIONENGINE_H
#define PK_C_EXECUTIONENGINE_H

#include "mlir-c/ExecutionEngine.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Routes the compiled code's malloc to pk's kernel allocator (temporaries
/// of 4 MiB and more are 2 MiB aligned on transparent huge pages; freed
/// blocks stay in the heap), as pk-run does. Call after
/// mlirExecutionEngineCreate and before mlirExecutionEngineInitialize or any
/// lookup.
MLIR_CAPI_EXPORTED void
pkExecutionEngineUseKernelAllocator(MlirExecutionEngine engine);

#ifdef __cplusplus
}
#endif

#endif // PK_C_EXECUTIONENGINE_H
