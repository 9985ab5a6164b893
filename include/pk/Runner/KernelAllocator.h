//===- KernelAllocator.h - how JIT-compiled kernels allocate ----*- C++ -*-===//
//
// Compiled kernels allocate their temporaries (packed GEMM operands, padded
// tiles) with malloc on every call. Every JIT in pk (pk-run's runner, the C
// API behind the Python package) routes that malloc here, so a kernel runs
// as fast in one as in the other.
//
//===----------------------------------------------------------------------===//

#ifndef PK_RUNNER_KERNELALLOCATOR_H
#define PK_RUNNER_KERNELALLOCATOR_H

namespace mlir {
class ExecutionEngine;

namespace pk {

/// Resolves the compiled code's malloc to pk's kernel allocator (large
/// blocks 2 MiB aligned on transparent huge pages) and keeps freed blocks
/// in the heap. Call after ExecutionEngine::create and before the engine's
/// first lookup or initialize().
void useKernelAllocator(ExecutionEngine &engine);

} // namespace pk
} // namespace mlir

#endif // PK_RUNNER_KERNELALLOCATOR_H
