//===- Runner.h - C API: compile a function and call it ---------*- C -*-===//
//
// pk-run's runner for C API clients (the Python package): the same entry
// lookup, pipelines, signature checks and JIT, so a client keeps no copy of
// them. Errors come back as one-line messages through `onError`; pipeline
// diagnostics go to the module context's diagnostic handlers.
//
//===----------------------------------------------------------------------===//

#ifndef PK_C_RUNNER_H
#define PK_C_RUNNER_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// How pkCompiledFunctionCreate compiles. Get one from
/// pkCompileOptionsGetDefault and change the fields that matter.
typedef struct PkCompileOptions {
  /// pk-reference-pipeline (plain loops, the oracle) instead of
  /// pk-cpu-pipeline; the CPU-only fields must then keep their defaults.
  bool reference;
  /// pk-cpu-pipeline's OpenMP threads (0: the runtime's default).
  unsigned threads;
  /// pk-cpu-pipeline's CPU: host, x86-64-v3 or x86-64-v4.
  MlirStringRef cpu;
  /// A transform-dialect recipe file replacing the default CPU schedule
  /// (empty: none).
  MlirStringRef recipe;
  /// LLVM optimization level, 0 to 3.
  unsigned optLevel;
} PkCompileOptions;

/// A function compiled for the host, with its buffer signature.
typedef struct PkCompiledFunction {
  void *ptr;
} PkCompiledFunction;

/// The defaults pk-run uses (pk-cpu-pipeline's option defaults, -O3).
MLIR_CAPI_EXPORTED PkCompileOptions pkCompileOptionsGetDefault(void);

/// The function pk-run would run: `name`, or when `name` is empty the only
/// public function with a body. Null (and a message through `onError`) when
/// there is none, several, or `name` is a declaration.
MLIR_CAPI_EXPORTED MlirOperation pkFindEntryFunction(MlirModule module,
                                                     MlirStringRef name,
                                                     MlirStringCallback onError,
                                                     void *userData);

/// Compiles the entry function of `module` (found as pkFindEntryFunction
/// does) with `options`; `module` is left unchanged. Every argument and
/// result must be a statically shaped tensor or identity-layout memref of a
/// supported element type. Null (and a message through `onError`) on
/// failure.
MLIR_CAPI_EXPORTED PkCompiledFunction pkCompiledFunctionCreate(
    MlirModule module, MlirStringRef name, const PkCompileOptions *options,
    MlirStringCallback onError, void *userData);

MLIR_CAPI_EXPORTED void pkCompiledFunctionDestroy(PkCompiledFunction function);

static inline bool pkCompiledFunctionIsNull(PkCompiledFunction function) {
  return !function.ptr;
}

/// The compiled function's name (valid while `function` lives).
MLIR_CAPI_EXPORTED MlirStringRef
pkCompiledFunctionGetName(PkCompiledFunction function);

/// The pipeline it was compiled with, in textual form (for display).
MLIR_CAPI_EXPORTED MlirStringRef
pkCompiledFunctionGetPipeline(PkCompiledFunction function);

/// Its arguments' and results' types (ranked tensors or memrefs, in the
/// module's context).
MLIR_CAPI_EXPORTED intptr_t
pkCompiledFunctionGetNumInputs(PkCompiledFunction function);
MLIR_CAPI_EXPORTED intptr_t
pkCompiledFunctionGetNumOutputs(PkCompiledFunction function);
MLIR_CAPI_EXPORTED MlirType
pkCompiledFunctionGetInputType(PkCompiledFunction function, intptr_t pos);
MLIR_CAPI_EXPORTED MlirType
pkCompiledFunctionGetOutputType(PkCompiledFunction function, intptr_t pos);

/// Calls the function. `descriptors` points to `numDescriptors` pointers to
/// ranked memref descriptors (MLIR's C interface layout: allocated and
/// aligned pointers, offset, sizes, strides), one per input, then one per
/// result; results are written into the buffers their descriptors name.
/// False (and a message through `onError`) when the count is wrong or the
/// call fails.
MLIR_CAPI_EXPORTED bool pkCompiledFunctionCall(PkCompiledFunction function,
                                               void *const *descriptors,
                                               intptr_t numDescriptors,
                                               MlirStringCallback onError,
                                               void *userData);

#ifdef __cplusplus
}
#endif

#endif // PK_C_RUNNER_H
