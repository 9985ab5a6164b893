//===- KernelAllocator.cpp - how JIT-compiled kernels allocate ------------===//

#include "pk/Runner/KernelAllocator.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

using namespace mlir;

/// glibc serves large blocks with mmap and unmaps them on free, so every
/// call of a kernel would page-fault its temporaries back in: 7 ms of a
/// 16 ms 1024^3 GEMM. Kernels run back to back in a JIT's process, so freed
/// blocks stay in the heap instead.
static void keepFreedMemoryInHeap() {
#if defined(__GLIBC__)
  static const bool done = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)done;
#endif
}

/// malloc for the compiled kernels' temporaries. A packed GEMM operand of
/// 16 MiB is re-read for every tile; on 4 KiB pages that is 4096 TLB
/// entries, and the misses cost 4% of a 2048^3 GEMM. Large blocks are
/// therefore 2 MiB aligned and advised as transparent huge pages, as
/// NumPy's allocator does for its arrays. They are still freed with free.
static void *allocateKernelTemporary(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr size_t kHugePage = 2 << 20;
  if (bytes >= 2 * kHugePage) {
    size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void *block = std::aligned_alloc(kHugePage, rounded);
    if (block)
      (void)madvise(block, rounded, MADV_HUGEPAGE); // only a hint
    return block;
  }
#endif
  return std::malloc(bytes);
}

void pk::useKernelAllocator(ExecutionEngine &engine) {
  keepFreedMemoryInHeap();
  engine.registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    symbols[interner("malloc")] = {
        llvm::orc::ExecutorAddr::fromPtr(&allocateKernelTemporary),
        llvm::JITSymbolFlags::Exported};
    return symbols;
  });
}
