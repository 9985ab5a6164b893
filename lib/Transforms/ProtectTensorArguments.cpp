//===- ProtectTensorArguments.cpp - tensor arguments stay read-only -------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKPROTECTTENSORARGUMENTS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKProtectTensorArgumentsPass
    : pk::impl::PKProtectTensorArgumentsBase<PKProtectTensorArgumentsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    StringRef writable =
        bufferization::BufferizationDialect::kWritableAttrName;
    for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
      if (isa<TensorType>(type) && !func.getArgAttr(i, writable))
        func.setArgAttr(i, writable, BoolAttr::get(&getContext(), false));
  }
};
} // namespace
