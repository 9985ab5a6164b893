//===- Registration.h - C API: pk dialects, passes, pipelines ---*- C -*-===//
//
// What a C API client needs to set up a context that understands everything
// the pk tools do, plus where the runtime libraries that compiled kernels
// call into were found at configure time.
//
//===----------------------------------------------------------------------===//

#ifndef PK_C_REGISTRATION_H
#define PK_C_REGISTRATION_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Inserts every upstream dialect and extension, the pk and sdfg dialects
/// and the translations to LLVM IR into `registry` (what pk-opt knows).
MLIR_CAPI_EXPORTED void pkRegisterAllDialects(MlirDialectRegistry registry);

/// Registers the pk passes (`pk-lower-to-linalg`, ...) in the global pass
/// registry, so that textual pipelines can name them. Idempotent.
MLIR_CAPI_EXPORTED void pkRegisterPasses(void);

/// Registers the named pipelines `pk-cpu-pipeline{threads=N recipe=FILE}` and
/// `pk-reference-pipeline`. Idempotent.
MLIR_CAPI_EXPORTED void pkRegisterPipelines(void);

/// Every upstream pass plus pkRegisterPasses and pkRegisterPipelines.
/// Idempotent and thread-safe.
MLIR_CAPI_EXPORTED void pkRegisterAllPasses(void);

/// The directory holding libmlir_c_runner_utils.so and libomp.so, which code
/// compiled by the pk pipelines calls into (null-terminated).
MLIR_CAPI_EXPORTED MlirStringRef pkGetRuntimeLibraryDir(void);

#ifdef __cplusplus
}
#endif

#endif // PK_C_REGISTRATION_H
