//===- ConvertLinalgToSDFGPass.cpp - convert-linalg-to-sdfg pass ----------===//

#include "pk/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "pk/Dialect/SDFG/SDFGOps.h"

namespace mlir::pk {
#define GEN_PASS_DEF_CONVERTLINALGTOSDFG
#include "pk/Conversion/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct ConvertLinalgToSDFGPass
    : pk::impl::ConvertLinalgToSDFGBase<ConvertLinalgToSDFGPass> {
  void runOnOperation() override {
    SmallVector<func::FuncOp> funcs(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp func : funcs)
      if (failed(sdfg::convertFuncToSDFG(func)))
        return signalPassFailure();
  }
};
} // namespace
