//===- HoistVectorTransfers.cpp - hoist loop-invariant vector transfers ---===//

#include "Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKHOISTVECTORTRANSFERS
#include "Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKHoistVectorTransfersPass
    : pk::impl::PKHoistVectorTransfersBase<PKHoistVectorTransfersPass> {
  void runOnOperation() override {
    // Loops produced by tiling have static positive trip counts where it
    // matters; for the others upstream checks before hoisting.
    linalg::hoistRedundantVectorTransfers(getOperation(),
                                          /*verifyNonZeroTrip=*/true);
  }
};
} // namespace
