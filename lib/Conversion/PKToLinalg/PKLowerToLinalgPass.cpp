//===- PKLowerToLinalgPass.cpp - pk-lower-to-linalg pass ------------------===//

#include "pk/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "pk/Dialect/PK/PKDialect.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKLOWERTOLINALG
#include "pk/Conversion/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKLowerToLinalgPass
    : pk::impl::PKLowerToLinalgBase<PKLowerToLinalgPass> {
  void runOnOperation() override {
    ConversionTarget target(getContext());
    target.addIllegalDialect<pk::PKDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    pk::populatePKToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
