//===- MapInterchange.cpp - sdfg-map-interchange --------------------------===//

#include "pk/Transforms/SDFG/Passes.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::sdfg {
#define GEN_PASS_DEF_SDFGMAPINTERCHANGE
#include "pk/Transforms/SDFG/Passes.h.inc"
} // namespace mlir::sdfg

using namespace mlir;
using namespace mlir::sdfg;

namespace {

void interchange(MapOp map, ArrayRef<int64_t> permutation) {
  SmallVector<OpFoldResult> lbs = map.getMixedLowerBounds();
  SmallVector<OpFoldResult> ubs = map.getMixedUpperBounds();
  SmallVector<OpFoldResult> steps = map.getMixedSteps();
  SmallVector<OpFoldResult> newLbs, newUbs, newSteps;
  for (int64_t old : permutation) {
    newLbs.push_back(lbs[old]);
    newUbs.push_back(ubs[old]);
    newSteps.push_back(steps[old]);
  }
  OpBuilder builder(map);
  auto permuted = MapOp::create(builder, map.getLoc(), newLbs, newUbs, newSteps,
                                map.getSchedule());
  Block *to = permuted.getBody(), *from = map.getBody();
  for (auto [index, old] : llvm::enumerate(permutation))
    from->getArgument(old).replaceAllUsesWith(to->getArgument(index));
  to->getOperations().splice(to->getTerminator()->getIterator(),
                             from->getOperations(), from->begin(),
                             from->getTerminator()->getIterator());
  map.erase();
}

struct SDFGMapInterchangePass
    : sdfg::impl::SDFGMapInterchangeBase<SDFGMapInterchangePass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<int64_t> sorted(permutation.begin(), permutation.end());
    llvm::sort(sorted);
    if (sorted.empty() ||
        !llvm::equal(sorted, llvm::seq<int64_t>(0, sorted.size()))) {
      getOperation().emitError()
          << "sdfg-map-interchange: 'permutation' must list 0.."
          << static_cast<int64_t>(permutation.size()) - 1 << " once each";
      return signalPassFailure();
    }
    SmallVector<MapOp> maps;
    getOperation().walk([&](MapOp map) {
      if (map.getNumParams() == permutation.size())
        maps.push_back(map);
    });
    for (MapOp map : maps)
      interchange(map, permutation);
  }
};

} // namespace
