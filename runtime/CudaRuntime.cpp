//===- CudaRuntime.cpp - mgpu* host functions over the CUDA driver API ----===//
//
// The host code MLIR 22's gpu-to-llvm produces calls a small C ABI (module
// load, launch, streams, events, memory); this library implements it for
// perfkernel. The driver (libcuda.so.1) is opened with dlopen on first use
// rather than linked: the library then builds with the toolkit's headers
// alone and loads on machines without a GPU or driver, where
// pkCudaAvailable says why instead of the process failing to start.
//
// The generated code has no way to react to errors, so a failed driver call
// is printed once, remembered (pkCudaTakeError) and turns later calls into
// no-ops; tools check the sticky error after each run.
//
//===----------------------------------------------------------------------===//

#include "pk_cuda_runtime.h"

#include <cuda.h>
#include <dlfcn.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#define PK_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

// cuda.h maps several names to versioned symbols (cuMemAlloc is
// cuMemAlloc_v2): stringizing after expansion looks up the symbol the
// prototype belongs to.
#define PK_STR_EXPANDED(name) #name
#define PK_STR(name) PK_STR_EXPANDED(name)

#define PK_DRIVER_FUNCTIONS(X)                                                 \
  X(cuInit)                                                                    \
  X(cuDriverGetVersion)                                                        \
  X(cuGetErrorString)                                                          \
  X(cuDeviceGetCount)                                                          \
  X(cuDeviceGet)                                                               \
  X(cuDeviceGetName)                                                           \
  X(cuDevicePrimaryCtxRetain)                                                  \
  X(cuCtxSetCurrent)                                                           \
  X(cuCtxSynchronize)                                                          \
  X(cuModuleLoadData)                                                          \
  X(cuModuleLoadDataEx)                                                        \
  X(cuModuleUnload)                                                            \
  X(cuModuleGetFunction)                                                       \
  X(cuLaunchKernel)                                                            \
  X(cuStreamCreate)                                                            \
  X(cuStreamDestroy)                                                           \
  X(cuStreamSynchronize)                                                       \
  X(cuStreamWaitEvent)                                                         \
  X(cuEventCreate)                                                             \
  X(cuEventDestroy)                                                            \
  X(cuEventSynchronize)                                                        \
  X(cuEventRecord)                                                             \
  X(cuMemAlloc)                                                                \
  X(cuMemAllocManaged)                                                         \
  X(cuMemFree)                                                                 \
  X(cuMemcpy)                                                                  \
  X(cuMemcpyAsync)                                                             \
  X(cuMemsetD32Async)                                                          \
  X(cuMemsetD16Async)                                                          \
  X(cuMemHostRegister)                                                         \
  X(cuMemHostUnregister)

struct Driver {
#define PK_DECLARE(name) decltype(&name) name##Fn = nullptr;
  PK_DRIVER_FUNCTIONS(PK_DECLARE)
#undef PK_DECLARE
  bool usable = false;
  std::string whyNot;
  CUdevice device = 0;
  CUcontext context = nullptr;
  char deviceName[256] = "";
};

std::mutex errorMutex;
std::string stickyError;
bool hasStickyError = false;
bool quiet = false;

void recordError(const char *format, ...) {
  char message[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(message, sizeof(message), format, args);
  va_end(args);
  std::lock_guard<std::mutex> lock(errorMutex);
  if (hasStickyError)
    return;
  if (!quiet)
    std::fprintf(stderr, "pk-cuda-runtime: error: %s\n", message);
  stickyError = message;
  hasStickyError = true;
}

bool failedBefore() {
  std::lock_guard<std::mutex> lock(errorMutex);
  return hasStickyError;
}

Driver &loadDriver(int deviceOrdinal = 0) {
  static Driver driver;
  static std::once_flag once;
  std::call_once(once, [&] {
    void *handle = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char *error = dlerror();
      driver.whyNot = std::string("cannot load the CUDA driver "
                                  "(libcuda.so.1): ") +
                      (error ? error : "unknown dlopen error");
      return;
    }
#define PK_RESOLVE(name)                                                       \
  driver.name##Fn =                                                            \
      reinterpret_cast<decltype(&name)>(dlsym(handle, PK_STR(name)));          \
  if (!driver.name##Fn) {                                                      \
    driver.whyNot = "the CUDA driver lacks " PK_STR(name) " (too old?)";       \
    return;                                                                    \
  }
    PK_DRIVER_FUNCTIONS(PK_RESOLVE)
#undef PK_RESOLVE
    auto describe = [&](CUresult result) {
      const char *text = nullptr;
      driver.cuGetErrorStringFn(result, &text);
      return std::string(text ? text : "unknown CUDA error") + " (CUresult " +
             std::to_string(result) + ")";
    };
    if (CUresult r = driver.cuInitFn(0)) {
      driver.whyNot = "cuInit failed: " + describe(r);
      return;
    }
    int count = 0;
    if (CUresult r = driver.cuDeviceGetCountFn(&count)) {
      driver.whyNot = "cuDeviceGetCount failed: " + describe(r);
      return;
    }
    if (count == 0) {
      driver.whyNot = "the CUDA driver reports no device";
      return;
    }
    if (deviceOrdinal >= count) {
      driver.whyNot = "device " + std::to_string(deviceOrdinal) +
                      " requested but only " + std::to_string(count) +
                      " present";
      return;
    }
    if (CUresult r = driver.cuDeviceGetFn(&driver.device, deviceOrdinal)) {
      driver.whyNot = "cuDeviceGet failed: " + describe(r);
      return;
    }
    if (CUresult r =
            driver.cuDevicePrimaryCtxRetainFn(&driver.context, driver.device)) {
      driver.whyNot = "cannot create a CUDA context: " + describe(r);
      return;
    }
    driver.cuDeviceGetNameFn(driver.deviceName, sizeof(driver.deviceName),
                             driver.device);
    driver.usable = true;
  });
  return driver;
}

/// The driver with its context current on this thread, or null after
/// recording why not (once).
Driver *ready() {
  Driver &driver = loadDriver();
  if (!driver.usable) {
    recordError("no usable GPU: %s", driver.whyNot.c_str());
    return nullptr;
  }
  if (failedBefore())
    return nullptr;
  // The primary context must be current on whichever thread calls in.
  thread_local bool current = false;
  if (!current) {
    if (CUresult r = driver.cuCtxSetCurrentFn(driver.context)) {
      const char *text = nullptr;
      driver.cuGetErrorStringFn(r, &text);
      recordError("cuCtxSetCurrent failed: %s", text ? text : "?");
      return nullptr;
    }
    current = true;
  }
  return &driver;
}

bool check(Driver *driver, CUresult result, const char *call) {
  if (result == CUDA_SUCCESS)
    return true;
  const char *text = nullptr;
  driver->cuGetErrorStringFn(result, &text);
  recordError("%s failed: %s", call, text ? text : "unknown CUDA error");
  return false;
}

#define PK_CALL(driver, name, ...)                                             \
  check(driver, driver->name##Fn(__VA_ARGS__), #name)

} // namespace

//===----------------------------------------------------------------------===//
// The ABI of MLIR 22's gpu-to-llvm and gpu.binary translation.
//===----------------------------------------------------------------------===//

PK_EXPORT void mgpuSetDefaultDevice(int32_t device) { loadDriver(device); }

/// A cubin or fatbin (format=bin/fatbin).
PK_EXPORT void *mgpuModuleLoad(void *data, size_t /*size*/) {
  Driver *d = ready();
  CUmodule module = nullptr;
  if (!d || !PK_CALL(d, cuModuleLoadData, &module, data))
    return nullptr;
  return module;
}

/// PTX text (format=isa), JIT-compiled by the driver at `optLevel`.
PK_EXPORT void *mgpuModuleLoadJIT(void *data, int optLevel) {
  Driver *d = ready();
  if (!d)
    return nullptr;
  char log[8192] = "";
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel)),
                    log, reinterpret_cast<void *>(sizeof(log))};
  CUmodule module = nullptr;
  CUresult r = d->cuModuleLoadDataExFn(&module, data, 3, options, values);
  if (r != CUDA_SUCCESS) {
    log[sizeof(log) - 1] = '\0';
    check(d, r, log[0] ? log : "cuModuleLoadDataEx (PTX JIT)");
    return nullptr;
  }
  return module;
}

PK_EXPORT void mgpuModuleUnload(void *module) {
  Driver *d = ready();
  if (d && module)
    PK_CALL(d, cuModuleUnload, static_cast<CUmodule>(module));
}

PK_EXPORT void *mgpuModuleGetFunction(void *module, const char *name) {
  Driver *d = ready();
  CUfunction function = nullptr;
  if (!d || !module)
    return nullptr;
  if (!PK_CALL(d, cuModuleGetFunction, &function,
               static_cast<CUmodule>(module), name))
    return nullptr;
  return function;
}

PK_EXPORT void mgpuLaunchKernel(void *function, intptr_t gridX,
                                intptr_t gridY, intptr_t gridZ,
                                intptr_t blockX, intptr_t blockY,
                                intptr_t blockZ, int32_t sharedMemBytes,
                                void *stream, void **params, void **extra,
                                size_t /*paramsCount*/) {
  Driver *d = ready();
  if (!d || !function)
    return;
  PK_CALL(d, cuLaunchKernel, static_cast<CUfunction>(function), gridX, gridY,
          gridZ, blockX, blockY, blockZ, sharedMemBytes,
          static_cast<CUstream>(stream), params, extra);
}

PK_EXPORT void *mgpuStreamCreate() {
  Driver *d = ready();
  CUstream stream = nullptr;
  if (d)
    PK_CALL(d, cuStreamCreate, &stream, CU_STREAM_NON_BLOCKING);
  return stream;
}

PK_EXPORT void mgpuStreamDestroy(void *stream) {
  Driver *d = ready();
  if (d && stream)
    PK_CALL(d, cuStreamDestroy, static_cast<CUstream>(stream));
}

PK_EXPORT void mgpuStreamSynchronize(void *stream) {
  Driver *d = ready();
  if (d)
    PK_CALL(d, cuStreamSynchronize, static_cast<CUstream>(stream));
}

PK_EXPORT void mgpuStreamWaitEvent(void *stream, void *event) {
  Driver *d = ready();
  if (d && event)
    PK_CALL(d, cuStreamWaitEvent, static_cast<CUstream>(stream),
            static_cast<CUevent>(event), 0);
}

PK_EXPORT void *mgpuEventCreate() {
  Driver *d = ready();
  CUevent event = nullptr;
  if (d)
    PK_CALL(d, cuEventCreate, &event, CU_EVENT_DISABLE_TIMING);
  return event;
}

PK_EXPORT void mgpuEventDestroy(void *event) {
  Driver *d = ready();
  if (d && event)
    PK_CALL(d, cuEventDestroy, static_cast<CUevent>(event));
}

PK_EXPORT void mgpuEventSynchronize(void *event) {
  Driver *d = ready();
  if (d && event)
    PK_CALL(d, cuEventSynchronize, static_cast<CUevent>(event));
}

PK_EXPORT void mgpuEventRecord(void *event, void *stream) {
  Driver *d = ready();
  if (d && event)
    PK_CALL(d, cuEventRecord, static_cast<CUevent>(event),
            static_cast<CUstream>(stream));
}

/// `isHostShared` asks for memory the host can address too (managed).
PK_EXPORT void *mgpuMemAlloc(uint64_t bytes, void * /*stream*/,
                             bool isHostShared) {
  Driver *d = ready();
  if (!d)
    return nullptr;
  CUdeviceptr ptr = 0;
  // Zero-sized buffers still need a distinct, freeable address.
  size_t size = bytes ? bytes : 1;
  bool ok = isHostShared
                ? PK_CALL(d, cuMemAllocManaged, &ptr, size,
                          CU_MEM_ATTACH_GLOBAL)
                : PK_CALL(d, cuMemAlloc, &ptr, size);
  return ok ? reinterpret_cast<void *>(ptr) : nullptr;
}

PK_EXPORT void mgpuMemFree(void *ptr, void *stream) {
  Driver *d = ready();
  if (!d || !ptr)
    return;
  // Frees are ordered after the work queued on the stream.
  if (stream)
    PK_CALL(d, cuStreamSynchronize, static_cast<CUstream>(stream));
  PK_CALL(d, cuMemFree, reinterpret_cast<CUdeviceptr>(ptr));
}

PK_EXPORT void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream) {
  Driver *d = ready();
  if (d && bytes)
    PK_CALL(d, cuMemcpyAsync, reinterpret_cast<CUdeviceptr>(dst),
            reinterpret_cast<CUdeviceptr>(src), bytes,
            static_cast<CUstream>(stream));
}

PK_EXPORT void mgpuMemset32(void *dst, uint32_t value, size_t count,
                            void *stream) {
  Driver *d = ready();
  if (d && count)
    PK_CALL(d, cuMemsetD32Async, reinterpret_cast<CUdeviceptr>(dst), value,
            count, static_cast<CUstream>(stream));
}

PK_EXPORT void mgpuMemset16(void *dst, uint16_t value, size_t count,
                            void *stream) {
  Driver *d = ready();
  if (d && count)
    PK_CALL(d, cuMemsetD16Async, reinterpret_cast<CUdeviceptr>(dst), value,
            count, static_cast<CUstream>(stream));
}

PK_EXPORT void mgpuMemHostRegister(void *ptr, uint64_t bytes) {
  Driver *d = ready();
  if (d && bytes)
    PK_CALL(d, cuMemHostRegister, ptr, bytes, /*Flags=*/0);
}

PK_EXPORT void mgpuMemHostUnregister(void *ptr) {
  Driver *d = ready();
  if (d)
    PK_CALL(d, cuMemHostUnregister, ptr);
}

namespace {
/// The ranked memref descriptor's head; sizes and strides follow `rank`.
struct MemRefHead {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[];
};

/// The byte range a memref spans, from its largest reachable element.
void memrefSpan(int64_t rank, const MemRefHead *head, int64_t elementBytes,
                void *&begin, uint64_t &bytes) {
  const int64_t *sizes = head->sizesAndStrides;
  const int64_t *strides = head->sizesAndStrides + rank;
  int64_t last = 0;
  for (int64_t i = 0; i < rank; ++i) {
    if (sizes[i] == 0) {
      bytes = 0;
      begin = head->aligned;
      return;
    }
    last += (sizes[i] - 1) * strides[i];
  }
  begin = head->aligned + head->offset * elementBytes;
  bytes = static_cast<uint64_t>(last + 1) * elementBytes;
}
} // namespace

PK_EXPORT void mgpuMemHostRegisterMemRef(int64_t rank, void *descriptor,
                                         int64_t elementBytes) {
  void *begin;
  uint64_t bytes;
  memrefSpan(rank, static_cast<MemRefHead *>(descriptor), elementBytes, begin,
             bytes);
  mgpuMemHostRegister(begin, bytes);
}

PK_EXPORT void mgpuMemHostUnregisterMemRef(int64_t rank, void *descriptor,
                                           int64_t elementBytes) {
  void *begin;
  uint64_t bytes;
  memrefSpan(rank, static_cast<MemRefHead *>(descriptor), elementBytes, begin,
             bytes);
  if (bytes)
    mgpuMemHostUnregister(begin);
}

//===----------------------------------------------------------------------===//
// Extras for tools.
//===----------------------------------------------------------------------===//

PK_EXPORT int pkCudaAvailable(char *why, size_t size) {
  Driver &driver = loadDriver();
  if (!driver.usable && why && size) {
    std::strncpy(why, driver.whyNot.c_str(), size - 1);
    why[size - 1] = '\0';
  }
  return driver.usable ? 1 : 0;
}

PK_EXPORT void pkCudaSetQuiet(int value) {
  std::lock_guard<std::mutex> lock(errorMutex);
  quiet = value != 0;
}

PK_EXPORT const char *pkCudaTakeError(void) {
  static std::string taken;
  std::lock_guard<std::mutex> lock(errorMutex);
  if (!hasStickyError)
    return nullptr;
  taken = stickyError;
  hasStickyError = false;
  return taken.c_str();
}

PK_EXPORT void *pkCudaAlloc(uint64_t bytes) {
  return mgpuMemAlloc(bytes, nullptr, false);
}

PK_EXPORT void pkCudaFree(void *ptr) { mgpuMemFree(ptr, nullptr); }

static int copySync(void *dst, const void *src, uint64_t bytes) {
  Driver *d = ready();
  if (!d)
    return 0;
  if (!PK_CALL(d, cuCtxSynchronize))
    return 0;
  return bytes == 0 ||
         PK_CALL(d, cuMemcpy, reinterpret_cast<CUdeviceptr>(dst),
                 reinterpret_cast<CUdeviceptr>(src), bytes);
}

PK_EXPORT int pkCudaCopyToDevice(void *dst, const void *src, uint64_t bytes) {
  return copySync(dst, src, bytes);
}

PK_EXPORT int pkCudaCopyToHost(void *dst, const void *src, uint64_t bytes) {
  return copySync(dst, src, bytes);
}

PK_EXPORT int pkCudaSynchronize(void) {
  Driver *d = ready();
  return d && PK_CALL(d, cuCtxSynchronize);
}

PK_EXPORT const char *pkCudaDeviceName(void) {
  return loadDriver().deviceName;
}
