//===- Runner.cpp - C API: compile a function and call it -----------------===//

#include "pk-c/Runner.h"

#include "pk/Pipelines/Pipelines.h"
#include "pk/Runner/JitRunner.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

#ifndef PK_RUNTIME_LIB_DIR
#error "PK_RUNTIME_LIB_DIR must name the runtime library directory"
#endif

using namespace mlir;
using namespace mlir::pk;

namespace {
/// What a PkCompiledFunction points to.
struct CompiledEntry {
  std::string name;
  std::string pipeline;
  BufferSignature signature;
  std::unique_ptr<CompiledFunction> function;
};

/// pk-cpu-pipeline's option defaults, in one place: the C struct reads them
/// from here, so they cannot drift from the pipeline's.
const CPUPipelineOptions &defaultCPUOptions() {
  static const CPUPipelineOptions options;
  return options;
}
} // namespace

static CompiledEntry *unwrap(PkCompiledFunction function) {
  return static_cast<CompiledEntry *>(function.ptr);
}

/// Reports `err` through `onError` (when given) and consumes it.
static void report(llvm::Error err, MlirStringCallback onError,
                   void *userData) {
  std::string message = llvm::toString(std::move(err));
  if (onError)
    onError(mlirStringRefCreate(message.data(), message.size()), userData);
}

PkCompileOptions pkCompileOptionsGetDefault(void) {
  const CPUPipelineOptions &cpu = defaultCPUOptions();
  PkCompileOptions options;
  options.reference = false;
  options.threads = cpu.threads;
  options.cpu = wrap(StringRef(cpu.target.getValue()));
  options.recipe = wrap(StringRef(cpu.recipe.getValue()));
  options.optLevel = 3;
  return options;
}

MlirOperation pkFindEntryFunction(MlirModule module, MlirStringRef name,
                                  MlirStringCallback onError, void *userData) {
  auto entry = findEntryFunction(unwrap(module), unwrap(name));
  if (!entry) {
    report(entry.takeError(), onError, userData);
    return MlirOperation{nullptr};
  }
  return wrap(entry->getOperation());
}

/// Fails on a contradictory or out-of-range request.
static llvm::Error checkOptions(const PkCompileOptions &options) {
  if (options.optLevel > 3)
    return makeRunnerError("the optimization level must be 0 to 3, got " +
                           Twine(options.optLevel));
  const CPUPipelineOptions &defaults = defaultCPUOptions();
  if (options.reference &&
      (options.threads != defaults.threads ||
       unwrap(options.recipe) != defaults.recipe.getValue() ||
       unwrap(options.cpu) != defaults.target.getValue()))
    return makeRunnerError("threads, cpu and recipe apply to "
                           "pk-cpu-pipeline, not pk-reference-pipeline");
  return llvm::Error::success();
}

PkCompiledFunction pkCompiledFunctionCreate(MlirModule module,
                                            MlirStringRef name,
                                            const PkCompileOptions *options,
                                            MlirStringCallback onError,
                                            void *userData) {
  PkCompileOptions opts = options ? *options : pkCompileOptionsGetDefault();
  auto fail = [&](llvm::Error err) {
    report(std::move(err), onError, userData);
    return PkCompiledFunction{nullptr};
  };
  // The JIT compiles for the host, as mlirExecutionEngineCreate sets up.
  static std::once_flag nativeTarget;
  std::call_once(nativeTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  ModuleOp mod = unwrap(module);
  auto entry = findEntryFunction(mod, unwrap(name));
  if (!entry)
    return fail(entry.takeError());
  auto signature = getBufferSignature(*entry);
  if (!signature)
    return fail(signature.takeError());
  auto result = std::make_unique<CompiledEntry>();
  result->name = entry->getName().str();
  result->signature = std::move(*signature);
  if (auto err = checkOptions(opts))
    return fail(std::move(err));
  CPUPipelineOptions cpu;
  cpu.threads = opts.threads;
  cpu.target = unwrap(opts.cpu).str();
  cpu.recipe = unwrap(opts.recipe).str();
  llvm::raw_string_ostream description(result->pipeline);
  if (opts.reference) {
    description << "pk-reference-pipeline";
  } else {
    description << "pk-cpu-pipeline";
    cpu.print(description);
  }
  auto compiled = CompiledFunction::compile(
      mod, result->name,
      [&](OpPassManager &pm) {
        if (opts.reference)
          buildReferencePipeline(pm);
        else
          buildCPUPipeline(pm, cpu);
      },
      getRuntimeLibraries(PK_RUNTIME_LIB_DIR), opts.optLevel);
  if (!compiled)
    return fail(compiled.takeError());
  result->function = std::move(*compiled);
  return PkCompiledFunction{result.release()};
}

void pkCompiledFunctionDestroy(PkCompiledFunction function) {
  delete unwrap(function);
}

MlirStringRef pkCompiledFunctionGetName(PkCompiledFunction function) {
  return wrap(StringRef(unwrap(function)->name));
}

MlirStringRef pkCompiledFunctionGetPipeline(PkCompiledFunction function) {
  return wrap(StringRef(unwrap(function)->pipeline));
}

intptr_t pkCompiledFunctionGetNumInputs(PkCompiledFunction function) {
  return unwrap(function)->signature.inputs.size();
}

intptr_t pkCompiledFunctionGetNumOutputs(PkCompiledFunction function) {
  return unwrap(function)->signature.outputs.size();
}

MlirType pkCompiledFunctionGetInputType(PkCompiledFunction function,
                                        intptr_t pos) {
  return wrap(Type(unwrap(function)->signature.inputs[pos]));
}

MlirType pkCompiledFunctionGetOutputType(PkCompiledFunction function,
                                         intptr_t pos) {
  return wrap(Type(unwrap(function)->signature.outputs[pos]));
}

bool pkCompiledFunctionCall(PkCompiledFunction function,
                            void *const *descriptors, intptr_t numDescriptors,
                            MlirStringCallback onError, void *userData) {
  llvm::Error err = unwrap(function)->function->callWithDescriptors(
      ArrayRef<void *>(descriptors, numDescriptors));
  if (!err)
    return true;
  report(std::move(err), onError, userData);
  return false;
}
