//===- AlignWorkgroupBuffers.cpp - 16-byte shared-memory buffers ----------===//
//
// Workgroup attributions get an alignment that 16-byte vector reads of
// shared memory can rely on.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUALIGNWORKGROUPBUFFERS
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Shared-memory buffers (workgroup attributions) are 16-byte aligned, so
/// kernels may read them as 16-byte vectors (ld.shared.v4, as the fused
/// attention kernel does); the NVVM lowering would otherwise align them to
/// their element type only.
struct AlignWorkgroupBuffersPass : pk::impl::PKGPUAlignWorkgroupBuffersBase<AlignWorkgroupBuffersPass> {
  using Base::Base;
  void runOnOperation() override {
    getOperation().walk([](gpu::GPUFuncOp func) {
      Builder builder(func.getContext());
      for (unsigned i = 0, e = func.getNumWorkgroupAttributions(); i < e; ++i)
        if (!func.getWorkgroupAttributionAttr(
                i, LLVM::LLVMDialect::getAlignAttrName()))
          func.setWorkgroupAttributionAttr(
              i, LLVM::LLVMDialect::getAlignAttrName(),
              builder.getI64IntegerAttr(16));
    });
  }
};

} // namespace
