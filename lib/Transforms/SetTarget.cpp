//===- SetTarget.cpp - name the CPU a module is compiled for --------------===//

#include "pk/Transforms/Passes.h"

#include "pk/Dialect/PK/PKDialect.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKSETTARGET
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct PKSetTargetPass : pk::impl::PKSetTargetBase<PKSetTargetPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    resolved = pk::getNamedTarget(ctx, target);
    if (!resolved)
      return emitError(UnknownLoc::get(ctx))
             << "pk-set-target: unknown target '" << target
             << "' (known: " << pk::getNamedTargetList() << ")";
    return success();
  }

  void runOnOperation() override {
    // A target the module names itself wins.
    if (!getOperation()->hasAttr(pk::PKDialect::kTargetAttrName))
      getOperation()->setAttr(pk::PKDialect::kTargetAttrName, resolved);
  }

  pk::TargetAttr resolved;
};
} // namespace
