//===- KernelLinalgToLoops.cpp - linalg inside kernels to loops -----------===//
//
// Linalg ops that run within one thread become sequential loops.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUKERNELLINALGTOLOOPS
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Linalg ops inside a gpu.launch (a thread's tile, shared-memory copies) or
/// nested in a parallel loop (a row update inside an embedding bag's loop
/// over bags) become sequential loops: they run within one thread, and
/// parallel loops there would be mapped to the grid a second time.
struct KernelLinalgToLoopsPass : pk::impl::PKGPUKernelLinalgToLoopsBase<KernelLinalgToLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>() ||
          op->getParentOfType<scf::ParallelOp>())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::linalgOpToLoops(rewriter, op))) {
        op->emitError("cannot lower this linalg op inside a GPU kernel to "
                      "loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};

} // namespace
