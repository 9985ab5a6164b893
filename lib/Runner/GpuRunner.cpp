//===- GpuRunner.cpp - run pk-gpu-pipeline functions on a CUDA GPU --------===//
//
// The runtime library is opened with dlopen and its extras (pkCuda*) are
// looked up by name, so pk-run links nothing CUDA-related and reports a
// missing driver or GPU as an error instead of failing to start. The JIT
// resolves the generated code's mgpu* calls from the same library.
//
//===----------------------------------------------------------------------===//

#include "pk/Runner/GpuRunner.h"
#include "pk/Runner/JitRunner.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

using namespace mlir;
using namespace mlir::pk;

std::string mlir::pk::findGpuRuntimeLibrary(const char *argv0) {
  if (std::optional<std::string> env =
          llvm::sys::Process::GetEnv("PK_CUDA_RUNTIME"))
    return *env;
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, &anchor);
  SmallString<256> path(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(exe)));
  llvm::sys::path::append(path, "lib", "libpk_cuda_runtime.so");
  return std::string(path);
}

llvm::Expected<std::unique_ptr<GpuRuntime>>
GpuRuntime::load(StringRef path, bool requireDevice) {
  if (!llvm::sys::fs::exists(path))
    return makeRunnerError(
        "the CUDA runtime library '" + path +
        "' does not exist (pk is built without it when the "
        "CUDA toolkit's cuda.h is missing; set PK_CUDA_RUNTIME "
        "to use another)");
  std::string error;
  auto library =
      llvm::sys::DynamicLibrary::getPermanentLibrary(path.str().c_str(), &error);
  if (!library.isValid())
    return makeRunnerError("cannot load the CUDA runtime library '" + path +
                           "': " + error);
  auto runtime = std::unique_ptr<GpuRuntime>(new GpuRuntime());
  runtime->path = path.str();
  auto resolve = [&](auto &fn, const char *name) -> bool {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(
        library.getAddressOfSymbol(name));
    return fn != nullptr;
  };
  if (!resolve(runtime->availableFn, "pkCudaAvailable") ||
      !resolve(runtime->takeErrorFn, "pkCudaTakeError") ||
      !resolve(runtime->allocFn, "pkCudaAlloc") ||
      !resolve(runtime->freeFn, "pkCudaFree") ||
      !resolve(runtime->toDeviceFn, "pkCudaCopyToDevice") ||
      !resolve(runtime->toHostFn, "pkCudaCopyToHost") ||
      !resolve(runtime->syncFn, "pkCudaSynchronize") ||
      !resolve(runtime->deviceNameFn, "pkCudaDeviceName"))
    return makeRunnerError("'" + path + "' is not pk's CUDA runtime library");
  // Compiling without a device: the module constructors' failed loads are
  // expected, not worth a message.
  if (!requireDevice) {
    auto setQuiet = reinterpret_cast<void (*)(int)>(
        library.getAddressOfSymbol("pkCudaSetQuiet"));
    if (setQuiet)
      setQuiet(1);
  }
  char why[512] = "";
  if (requireDevice && !runtime->availableFn(why, sizeof(why)))
    return makeRunnerError(Twine("no usable GPU: ") + why);
  return runtime;
}

std::string GpuRuntime::getDeviceName() const { return deviceNameFn(); }
void *GpuRuntime::alloc(uint64_t bytes) { return allocFn(bytes); }
void GpuRuntime::free(void *ptr) { freeFn(ptr); }
bool GpuRuntime::copyToDevice(void *dst, const void *src, uint64_t bytes) {
  return toDeviceFn(dst, src, bytes);
}
bool GpuRuntime::copyToHost(void *dst, const void *src, uint64_t bytes) {
  return toHostFn(dst, src, bytes);
}
llvm::Error GpuRuntime::synchronize() {
  syncFn();
  if (const char *error = takeErrorFn())
    return makeRunnerError(Twine("GPU error: ") + error);
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<GpuCompiledFunction>>
GpuCompiledFunction::compile(ModuleOp module, StringRef funcName,
                             const GPUPipelineOptions &options,
                             GpuRuntime &runtime, unsigned optLevel,
                             bool load) {
  GPUPipelineOptions deviceOptions;
  deviceOptions.copyOptionValuesFrom(options);
  deviceOptions.deviceArguments = true;
  auto compiled = jitCompile(
      module, funcName,
      [&](OpPassManager &pm) { buildGPUPipeline(pm, deviceOptions); },
      {runtime.getPath().str()}, optLevel);
  if (!compiled)
    return compiled.takeError();
  std::unique_ptr<ExecutionEngine> &engine = compiled->engine;
  if (load) {
    engine->initialize();
  } else {
    // Looking the entry up materializes the code and resolves every mgpu*
    // call against the runtime, without running the constructors.
    auto entry = engine->lookupPacked(funcName);
    if (!entry)
      return entry.takeError();
  }
  return std::unique_ptr<GpuCompiledFunction>(new GpuCompiledFunction(
      std::move(engine), funcName.str(), compiled->numParams, runtime));
}

GpuCompiledFunction::~GpuCompiledFunction() {
  for (auto &entry : deviceBuffers)
    runtime.free(entry.second);
}

llvm::Expected<void *> GpuCompiledFunction::deviceCopy(HostBuffer *buffer) {
  auto it = deviceBuffers.find(buffer);
  if (it != deviceBuffers.end())
    return it->second;
  void *device = runtime.alloc(buffer->getSizeInBytes());
  if (!device || !runtime.copyToDevice(device, buffer->data(),
                                       buffer->getSizeInBytes())) {
    if (auto err = runtime.synchronize())
      return std::move(err);
    return makeRunnerError("cannot copy a buffer to the GPU");
  }
  deviceBuffers[buffer] = device;
  return device;
}

llvm::Error GpuCompiledFunction::launch(ArrayRef<HostBuffer *> params) {
  if (auto err = checkBufferCount(entry, numParams, params.size()))
    return err;
  std::vector<std::vector<int64_t>> descriptors;
  descriptors.reserve(params.size());
  for (HostBuffer *buffer : params) {
    auto device = deviceCopy(buffer);
    if (!device)
      return device.takeError();
    // Same shape and strides as the host buffer, device pointers.
    std::vector<int64_t> descriptor = buffer->makeDescriptor();
    descriptor[0] = descriptor[1] = reinterpret_cast<int64_t>(*device);
    descriptors.push_back(std::move(descriptor));
  }
  if (auto err = invokeWithDescriptors(*engine, entry, descriptors))
    return err;
  return runtime.synchronize();
}

llvm::Error GpuCompiledFunction::call(ArrayRef<HostBuffer *> params,
                                      ArrayRef<HostBuffer *> results) {
  if (auto err = launch(params))
    return err;
  for (HostBuffer *result : results) {
    auto it = deviceBuffers.find(result);
    if (it == deviceBuffers.end())
      return makeRunnerError("a result buffer is not a parameter of @" + entry);
    if (!runtime.copyToHost(result->data(), it->second,
                            result->getSizeInBytes()))
      return runtime.synchronize();
  }
  return runtime.synchronize();
}
