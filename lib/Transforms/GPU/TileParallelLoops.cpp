//===- TileParallelLoops.cpp - parallel loops into thread blocks ----------===//
//
// Host parallel loops get the block shape gpu-map-parallel-loops and
// convert-parallel-loops-to-gpu need: static thread counts.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/SCF/Transforms/Transforms.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUTILEPARALLELLOOPS
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Host parallel loops (ops the recipe did not schedule) are tiled so the
/// innermost dimension runs in blocks of `threads-per-block` threads and every
/// outer index gets its own block row: gpu-map-parallel-loops then maps the
/// outer loop to blocks and the inner one to threads. Bounds stay constant
/// (a guard replaces min/max) because convert-parallel-loops-to-gpu needs
/// static thread counts.
struct TileParallelLoopsPass : pk::impl::PKGPUTileParallelLoopsBase<TileParallelLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    if (threadsPerBlock < 1 || threadsPerBlock > 1024) {
      getOperation().emitError()
          << "threads-per-block must be 1 to 1024, got " << threadsPerBlock;
      return signalPassFailure();
    }
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp op) {
      if (!op->getParentOfType<scf::ParallelOp>() &&
          !op->getParentOfType<gpu::LaunchOp>())
        outermost.push_back(op);
    });
    for (scf::ParallelOp op : outermost) {
      SmallVector<int64_t> sizes(op.getNumLoops(), 1);
      sizes.back() = threadsPerBlock;
      scf::tileParallelLoop(op, sizes, /*noMinMaxBounds=*/true);
    }
  }
};

} // namespace
