//===- DistinctResultBuffers.cpp - one buffer per returned result ---------===//
//
// A function that returns the same tensor twice returns the same buffer
// twice once bufferized. buffer-results-to-out-params (hoist-static-allocs)
// then forwards that allocation into the first out-parameter, erases it and
// crashes on the second result; and a caller would get two results that
// alias. This pass gives every repeated result a copy of its own, so each
// out-parameter is written once.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKDISTINCTRESULTBUFFERS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// A fresh buffer of `type` holding a copy of `source`, built at `builder`'s
/// insertion point.
Value copyIntoNewBuffer(OpBuilder &builder, Location loc, Value source,
                        MemRefType type) {
  SmallVector<Value> dynamicSizes;
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    if (type.isDynamicDim(dim))
      dynamicSizes.push_back(memref::DimOp::create(builder, loc, source, dim));
  Value buffer = memref::AllocOp::create(builder, loc, type, dynamicSizes);
  memref::CopyOp::create(builder, loc, source, buffer);
  return buffer;
}

struct PKDistinctResultBuffersPass
    : pk::impl::PKDistinctResultBuffersBase<PKDistinctResultBuffersPass> {
  void runOnOperation() override {
    WalkResult result = getOperation().walk([&](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> returned;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        if (!isa<BaseMemRefType>(value.getType()) ||
            returned.insert(value).second)
          continue;
        auto type = dyn_cast<MemRefType>(value.getType());
        if (!type || !type.getLayout().isIdentity()) {
          ret.emitOpError("result #")
              << operand.getOperandNumber() << " repeats an earlier result "
              << "of type " << value.getType()
              << ", which cannot be copied into a buffer of its own (an "
                 "identity-layout ranked memref is needed)";
          return WalkResult::interrupt();
        }
        operand.set(copyIntoNewBuffer(builder, ret.getLoc(), value, type));
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
