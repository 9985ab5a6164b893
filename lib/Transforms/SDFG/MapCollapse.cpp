//===- MapCollapse.cpp - sdfg-map-collapse: DaCe's MapCollapse ------------===//

#include "pk/Transforms/SDFG/Passes.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::sdfg {
#define GEN_PASS_DEF_SDFGMAPCOLLAPSE
#include "pk/Transforms/SDFG/Passes.h.inc"
} // namespace mlir::sdfg

using namespace mlir;
using namespace mlir::sdfg;

namespace {

/// The map nested directly and alone in `outer`, if its range does not
/// depend on `outer`'s parameters.
MapOp collapsibleInner(MapOp outer) {
  Block *body = outer.getBody();
  if (body->getOperations().size() != 2)
    return {};
  auto inner = dyn_cast<MapOp>(body->front());
  if (!inner)
    return {};
  for (Value operand : inner->getOperands())
    if (operand.getParentRegion() == &outer.getRegion() ||
        outer.getRegion().isAncestor(operand.getParentRegion()))
      return {};
  return inner;
}

void collapse(MapOp outer, MapOp inner) {
  SmallVector<OpFoldResult> lbs = outer.getMixedLowerBounds();
  SmallVector<OpFoldResult> ubs = outer.getMixedUpperBounds();
  SmallVector<OpFoldResult> steps = outer.getMixedSteps();
  llvm::append_range(lbs, inner.getMixedLowerBounds());
  llvm::append_range(ubs, inner.getMixedUpperBounds());
  llvm::append_range(steps, inner.getMixedSteps());
  OpBuilder builder(outer);
  auto merged = MapOp::create(builder, outer.getLoc(), lbs, ubs, steps,
                              outer.getSchedule());
  Block *to = merged.getBody();
  unsigned numOuter = outer.getNumParams();
  for (auto [index, param] : llvm::enumerate(outer.getParams()))
    param.replaceAllUsesWith(to->getArgument(index));
  for (auto [index, param] : llvm::enumerate(inner.getParams()))
    param.replaceAllUsesWith(to->getArgument(numOuter + index));
  Block *from = inner.getBody();
  to->getOperations().splice(to->getTerminator()->getIterator(),
                             from->getOperations(), from->begin(),
                             from->getTerminator()->getIterator());
  outer.erase();
}

struct SDFGMapCollapsePass
    : sdfg::impl::SDFGMapCollapseBase<SDFGMapCollapsePass> {
  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      MapOp outer, inner;
      getOperation().walk([&](MapOp map) {
        if (MapOp candidate = collapsibleInner(map)) {
          outer = map;
          inner = candidate;
          return WalkResult::interrupt();
        }
        return WalkResult::advance();
      });
      if (outer) {
        collapse(outer, inner);
        changed = true;
      }
    }
  }
};

} // namespace
