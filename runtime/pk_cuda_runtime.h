/*===- pk_cuda_runtime.h - perfkernel CUDA runtime extras ---------*- C -*-===*
 *
 * Besides the mgpu* functions MLIR's generated host code calls, the runtime
 * exports these for tools (pk-run --gpu, lit): availability with a reason,
 * synchronous copies, and the sticky error of the last failed driver call.
 *
 *===----------------------------------------------------------------------===*/

#ifndef PK_CUDA_RUNTIME_H
#define PK_CUDA_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when the CUDA driver loads and reports at least one device (a context is
 * then current on the default device); otherwise 0 and, when `why` is not
 * null, a one-line reason in `why` (NUL-terminated, truncated to `size`). */
int pkCudaAvailable(char *why, size_t size);

/* The first driver error since the last call (a static string naming the
 * call and CUDA's message), or null; the error is cleared. */
const char *pkCudaTakeError(void);

/* Whether failed calls are also printed to stderr (the default) or only
 * recorded for pkCudaTakeError. */
void pkCudaSetQuiet(int quiet);

/* Device memory for tools; null on failure (see pkCudaTakeError). */
void *pkCudaAlloc(uint64_t bytes);
void pkCudaFree(void *ptr);
/* Synchronous copies (the whole context is synchronized first). */
int pkCudaCopyToDevice(void *dst, const void *src, uint64_t bytes);
int pkCudaCopyToHost(void *dst, const void *src, uint64_t bytes);
/* Waits for all work of the context. */
int pkCudaSynchronize(void);
/* Name of the default device, or an empty string. */
const char *pkCudaDeviceName(void);

#ifdef __cplusplus
}
#endif

#endif /* PK_CUDA_RUNTIME_H */
