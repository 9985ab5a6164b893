//===- JitRunner.h - compile a function and call it on host buffers -*- C++
//-*-===//

#ifndef PK_RUNNER_JITRUNNER_H
#define PK_RUNNER_JITRUNNER_H

#include "pk/Runner/HostBuffer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::pk {

/// The buffer types of a function pk can call: its arguments, then its
/// results (which the pipelines turn into trailing out-parameters).
struct BufferSignature {
  SmallVector<ShapedType> inputs;
  SmallVector<ShapedType> outputs;
};

/// The function pk-run and the C API compile: the function defined (with a
/// body) under `name`, or when `name` is empty the module's only public
/// function with a body (or its only function, when none is public). An
/// error lists the candidates when there is no such function or several.
llvm::Expected<func::FuncOp> findEntryFunction(ModuleOp module, StringRef name);

/// The signature of `func`, or an error naming the first argument or result
/// whose type cannot be passed as a host buffer.
llvm::Expected<BufferSignature> getBufferSignature(func::FuncOp func);

/// Shared libraries every compiled kernel may call into (the MLIR C runner
/// utilities and LLVM's OpenMP runtime), from `runtimeLibDir`.
SmallVector<std::string> getRuntimeLibraries(StringRef runtimeLibDir);

/// A module compiled by `jitCompile`: the engine (its code not yet
/// initialized) and the number of memref parameters of the entry's C
/// interface (inputs, then out-parameters).
struct JitModule {
  std::unique_ptr<ExecutionEngine> engine;
  unsigned numParams;
};

/// A runner error carrying `message` (what the tools print on one line).
llvm::Error makeRunnerError(const llvm::Twine &message);

/// Fails unless `got` buffers were passed to `@entry`, which takes
/// `expected` (inputs followed by outputs). Shared by the CPU and GPU calls.
llvm::Error checkBufferCount(StringRef entry, unsigned expected, size_t got);

/// Calls `_mlir_ciface_<entry>` of `engine` with one memref descriptor per
/// buffer (inputs, then outputs). Shared by the CPU and GPU calls.
llvm::Error
invokeWithDescriptors(ExecutionEngine &engine, StringRef entry,
                      std::vector<std::vector<int64_t>> &descriptors);

/// Calls `_mlir_ciface_<entry>` of `engine` with `descriptors`, pointers to
/// memref descriptors laid out by the caller (inputs, then outputs).
llvm::Error invokeWithDescriptorPointers(ExecutionEngine &engine,
                                         StringRef entry,
                                         ArrayRef<void *> descriptors);

/// Clones `module`, exposes `funcName` through the C interface, runs the
/// passes `buildPipeline` adds, checks that the entry takes one descriptor per
/// argument and result, and JIT-compiles the result for the host CPU with
/// `sharedLibs` loaded. Shared by the CPU and the GPU runners.
llvm::Expected<JitModule>
jitCompile(ModuleOp module, StringRef funcName,
           function_ref<void(OpPassManager &)> buildPipeline,
           ArrayRef<std::string> sharedLibs, unsigned optLevel);

/// A function compiled by a pk pipeline into host code through the JIT.
class CompiledFunction {
public:
  /// Clones `module`, exposes `funcName` through the C interface, runs the
  /// passes `buildPipeline` adds, and JIT-compiles the result for the host
  /// CPU. Pipeline diagnostics go to the context's handler.
  static llvm::Expected<std::unique_ptr<CompiledFunction>>
  compile(ModuleOp module, StringRef funcName,
          function_ref<void(OpPassManager &)> buildPipeline,
          ArrayRef<std::string> sharedLibs, unsigned optLevel = 3);

  /// Writes the JIT-compiled object code (for objdump) to `path`.
  void dumpObject(StringRef path) { engine->dumpToObjectFile(path); }

  /// Calls the function; `buffers` are its inputs followed by its outputs.
  llvm::Error call(ArrayRef<HostBuffer *> buffers);

  /// Calls the function on memref descriptors the caller built (a C API
  /// client's arrays): one pointer per input, then per output. The caller
  /// guarantees each descriptor matches its parameter's rank.
  llvm::Error callWithDescriptors(ArrayRef<void *> descriptors);

private:
  CompiledFunction(std::unique_ptr<ExecutionEngine> engine, std::string name,
                   unsigned numParams)
      : engine(std::move(engine)), entry(std::move(name)),
        numParams(numParams) {}
  std::unique_ptr<ExecutionEngine> engine;
  std::string entry;
  /// Memref parameters of the compiled C interface (inputs + out-params).
  unsigned numParams;
};

} // namespace mlir::pk

#endif // PK_RUNNER_JITRUNNER_H
