//===- GpuRunner.h - run pk-gpu-pipeline functions on a CUDA GPU -*- C++
//-*-===//
//
// pk-run --gpu: the CUDA runtime library (runtime/, libpk_cuda_runtime.so) is
// loaded at run time, so pk-run itself never needs a driver; functions are
// compiled with pk-gpu-pipeline{device-arguments} and their buffers live on
// the device across calls.
//
//===----------------------------------------------------------------------===//

#ifndef PK_RUNNER_GPURUNNER_H
#define PK_RUNNER_GPURUNNER_H

#include "pk/Pipelines/GPUPipeline.h"
#include "pk/Runner/HostBuffer.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::pk {

/// The runtime library next to the tools (`<bin>/../lib`), unless the
/// PK_CUDA_RUNTIME environment variable names one. `argv0` locates the tool.
std::string findGpuRuntimeLibrary(const char *argv0);

/// The loaded CUDA runtime library and the device it found.
class GpuRuntime {
public:
  /// Loads `path` and, with `requireDevice`, checks for a usable GPU; the
  /// error says why not (no library, no driver, no device) in one line.
  static llvm::Expected<std::unique_ptr<GpuRuntime>>
  load(StringRef path, bool requireDevice = true);

  StringRef getPath() const { return path; }
  std::string getDeviceName() const;

  void *alloc(uint64_t bytes);
  void free(void *ptr);
  bool copyToDevice(void *dst, const void *src, uint64_t bytes);
  bool copyToHost(void *dst, const void *src, uint64_t bytes);
  /// Waits for the device; an error if any runtime call failed since the
  /// last check.
  llvm::Error synchronize();

private:
  std::string path;
  int (*availableFn)(char *, size_t) = nullptr;
  const char *(*takeErrorFn)() = nullptr;
  void *(*allocFn)(uint64_t) = nullptr;
  void (*freeFn)(void *) = nullptr;
  int (*toDeviceFn)(void *, const void *, uint64_t) = nullptr;
  int (*toHostFn)(void *, const void *, uint64_t) = nullptr;
  int (*syncFn)() = nullptr;
  const char *(*deviceNameFn)() = nullptr;
};

/// A function compiled by pk-gpu-pipeline (device-arguments) into host code
/// that launches its kernels through the runtime.
class GpuCompiledFunction {
public:
  /// Compiles `funcName` and links it against `runtime`. Unless `load`, the
  /// kernels are not loaded onto the device (module constructors do that):
  /// the result only shows that the code compiles and links, and must not
  /// be called.
  static llvm::Expected<std::unique_ptr<GpuCompiledFunction>>
  compile(ModuleOp module, StringRef funcName,
          const GPUPipelineOptions &options, GpuRuntime &runtime,
          unsigned optLevel = 3, bool load = true);
  ~GpuCompiledFunction();

  /// Runs the function on `params` (inputs, then outputs). Each host buffer
  /// gets a device copy on first use, which later calls reuse (read-only
  /// inputs are never copied again); afterwards the buffers in `results`
  /// are copied back.
  llvm::Error call(ArrayRef<HostBuffer *> params,
                   ArrayRef<HostBuffer *> results);
  /// Runs on the device copies made by an earlier call, without any host
  /// copy: what --bench times (the function waits for its kernels).
  llvm::Error launch(ArrayRef<HostBuffer *> params);

private:
  GpuCompiledFunction(std::unique_ptr<ExecutionEngine> engine, std::string name,
                      unsigned numParams, GpuRuntime &runtime)
      : engine(std::move(engine)), entry(std::move(name)), numParams(numParams),
        runtime(runtime) {}
  llvm::Expected<void *> deviceCopy(HostBuffer *buffer);

  std::unique_ptr<ExecutionEngine> engine;
  std::string entry;
  unsigned numParams;
  GpuRuntime &runtime;
  llvm::DenseMap<HostBuffer *, void *> deviceBuffers;
};

} // namespace mlir::pk

#endif // PK_RUNNER_GPURUNNER_H
