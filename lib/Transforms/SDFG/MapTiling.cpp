//===- MapTiling.cpp - sdfg-map-tiling: DaCe's MapTiling -----------------===//

#include "pk/Transforms/SDFG/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::sdfg {
#define GEN_PASS_DEF_SDFGMAPTILING
#include "pk/Transforms/SDFG/Passes.h.inc"
} // namespace mlir::sdfg

using namespace mlir;
using namespace mlir::sdfg;

namespace {

/// Splits `map` into tile origins (outer, original schedule) and one tile
/// (inner, sequential).
LogicalResult tileMap(MapOp map, ArrayRef<int64_t> tileSizes) {
  unsigned numParams = map.getNumParams();
  SmallVector<int64_t> sizes(tileSizes.take_front(numParams));
  sizes.resize(numParams, 0);
  if (llvm::all_of(sizes, [](int64_t size) { return size == 0; }))
    return success();
  SmallVector<OpFoldResult> lbs = map.getMixedLowerBounds();
  SmallVector<OpFoldResult> ubs = map.getMixedUpperBounds();
  SmallVector<OpFoldResult> steps = map.getMixedSteps();
  for (auto [dim, size] : llvm::enumerate(sizes)) {
    if (size < 0)
      return map.emitOpError()
             << "cannot be tiled with negative tile size " << size;
    std::optional<int64_t> step = getConstantIntValue(steps[dim]);
    if (size > 0 && (!step || *step <= 0))
      return map.emitOpError()
             << "dimension #" << dim
             << " has a non-constant or negative step; sdfg-map-tiling "
                "tiles dimensions with constant positive steps";
  }

  Location loc = map.getLoc();
  OpBuilder builder(map);
  SmallVector<OpFoldResult> outerLbs, outerUbs, outerSteps;
  SmallVector<unsigned> tiledDims;
  for (auto [dim, size] : llvm::enumerate(sizes)) {
    if (size == 0)
      continue;
    tiledDims.push_back(dim);
    outerLbs.push_back(lbs[dim]);
    outerUbs.push_back(ubs[dim]);
    outerSteps.push_back(
        builder.getIndexAttr(*getConstantIntValue(steps[dim]) * size));
  }
  auto outer = MapOp::create(builder, loc, outerLbs, outerUbs, outerSteps,
                             map.getSchedule());
  builder.setInsertionPoint(outer.getBody()->getTerminator());

  SmallVector<OpFoldResult> innerLbs(lbs), innerUbs(ubs);
  for (auto [index, dim] : llvm::enumerate(tiledDims)) {
    Value origin = outer.getParams()[index];
    int64_t span = *getConstantIntValue(steps[dim]) * (sizes[dim] - 1);
    Value last = arith::AddIOp::create(
        builder, loc, origin,
        arith::ConstantIndexOp::create(builder, loc, span));
    Value ub = getValueOrCreateConstantIndexOp(builder, loc, ubs[dim]);
    innerLbs[dim] = origin;
    innerUbs[dim] = Value(arith::MinSIOp::create(builder, loc, last, ub));
  }
  auto inner = MapOp::create(builder, loc, innerLbs, innerUbs, steps,
                             ScheduleKind::Sequential);

  // Move the body over.
  Block *from = map.getBody(), *to = inner.getBody();
  for (auto [oldParam, newParam] :
       llvm::zip_equal(from->getArguments(), to->getArguments()))
    oldParam.replaceAllUsesWith(newParam);
  to->getOperations().splice(to->getTerminator()->getIterator(),
                             from->getOperations(), from->begin(),
                             from->getTerminator()->getIterator());
  map.erase();
  return success();
}

struct SDFGMapTilingPass : sdfg::impl::SDFGMapTilingBase<SDFGMapTilingPass> {
  using Base::Base;
  void runOnOperation() override {
    if (tileSizes.empty()) {
      getOperation().emitError("sdfg-map-tiling: 'tile-sizes' is empty");
      return signalPassFailure();
    }
    SmallVector<MapOp> maps;
    getOperation().walk([&](MapOp map) {
      if (isa<StateOp>(map->getParentOp()))
        maps.push_back(map);
    });
    for (MapOp map : maps)
      if (failed(tileMap(map, tileSizes)))
        return signalPassFailure();
  }
};

} // namespace
