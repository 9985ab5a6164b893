//===- MapFusion.cpp - sdfg-map-fusion: DaCe's MapFusion ------------------===//

#include "pk/Transforms/SDFG/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::sdfg {
#define GEN_PASS_DEF_SDFGMAPFUSION
#include "pk/Transforms/SDFG/Passes.h.inc"
} // namespace mlir::sdfg

using namespace mlir;
using namespace mlir::sdfg;

namespace {

/// Two bounds are equal if they are the same constant, the same value, or
/// the same symbolic expression.
bool sameBound(OpFoldResult a, OpFoldResult b) {
  std::optional<int64_t> ca = getConstantIntValue(a);
  std::optional<int64_t> cb = getConstantIntValue(b);
  if (ca || cb)
    return ca && cb && *ca == *cb;
  Value va = cast<Value>(a), vb = cast<Value>(b);
  if (va == vb)
    return true;
  auto sa = va.getDefiningOp<SymOp>(), sb = vb.getDefiningOp<SymOp>();
  return sa && sb && sa.getExpr() == sb.getExpr() &&
         sa.getType() == sb.getType();
}

bool sameRange(MapOp a, MapOp b) {
  if (a.getNumParams() != b.getNumParams() ||
      a.getSchedule() != b.getSchedule())
    return false;
  auto equal = [](ArrayRef<OpFoldResult> x, ArrayRef<OpFoldResult> y) {
    return llvm::all_of(llvm::zip_equal(x, y), [](auto pair) {
      return sameBound(std::get<0>(pair), std::get<1>(pair));
    });
  };
  return equal(a.getMixedLowerBounds(), b.getMixedLowerBounds()) &&
         equal(a.getMixedUpperBounds(), b.getMixedUpperBounds()) &&
         equal(a.getMixedSteps(), b.getMixedSteps());
}

Value containerOf(Value accessValue) {
  if (auto access = accessValue.getDefiningOp<AccessOp>())
    return access.getData();
  return accessValue;
}

/// How one map touches each container.
struct Usage {
  bool read = false, written = false;
  /// Only element accesses at exactly the map's parameters, no wcr.
  bool pointwise = true;
};

llvm::DenseMap<Value, Usage> usage(MapOp map) {
  llvm::DenseMap<Value, Usage> result;
  auto atParams = [&](ValueRange indices) {
    return indices.size() == map.getNumParams() &&
           llvm::equal(indices, map.getParams());
  };
  map.walk([&](Operation *op) {
    if (auto load = dyn_cast<LoadOp>(op)) {
      Usage &u = result[containerOf(load.getMemref())];
      u.read = true;
      u.pointwise &= load->getParentOp() == map && atParams(load.getIndices());
    } else if (auto store = dyn_cast<StoreOp>(op)) {
      Usage &u = result[containerOf(store.getMemref())];
      u.written = true;
      u.pointwise &= store->getParentOp() == map && !store.getWcr() &&
                     atParams(store.getIndices());
    } else if (auto tasklet = dyn_cast<TaskletOp>(op)) {
      for (Value input : tasklet.getInputs())
        if (isa<MemRefType>(input.getType())) {
          Usage &u = result[containerOf(input)];
          u.read = true;
          u.pointwise = false;
        }
    }
  });
  return result;
}

/// Whether the second map may run, iteration by iteration, right after the
/// first inside one map.
bool fusible(MapOp first, MapOp second) {
  if (!sameRange(first, second))
    return false;
  llvm::DenseMap<Value, Usage> a = usage(first), b = usage(second);
  for (auto &[container, ua] : a) {
    auto it = b.find(container);
    if (it == b.end())
      continue;
    const Usage &ub = it->second;
    bool conflict = ua.written || ub.written;
    if (conflict && (!ua.pointwise || !ub.pointwise))
      return false;
  }
  return true;
}

/// The map right after `map` in its block, skipping side-effect-free ops
/// (which can move above `map`).
MapOp nextMap(MapOp map) {
  for (Operation *op = map->getNextNode(); op; op = op->getNextNode()) {
    if (auto next = dyn_cast<MapOp>(op))
      return next;
    if (!isMemoryEffectFree(op) || op->getNumRegions() != 0)
      return {};
  }
  return {};
}

void fuse(MapOp first, MapOp second) {
  // Hoist what lies between the two (bounds of the second, among others).
  while (first->getNextNode() != second)
    first->getNextNode()->moveBefore(first);
  Block *to = first.getBody(), *from = second.getBody();
  for (auto [mine, theirs] :
       llvm::zip_equal(to->getArguments(), from->getArguments()))
    theirs.replaceAllUsesWith(mine);
  to->getOperations().splice(to->getTerminator()->getIterator(),
                             from->getOperations(), from->begin(),
                             from->getTerminator()->getIterator());
  second.erase();
}

struct SDFGMapFusionPass : sdfg::impl::SDFGMapFusionBase<SDFGMapFusionPass> {
  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      MapOp first, second;
      getOperation().walk([&](MapOp map) {
        MapOp next = nextMap(map);
        if (next && fusible(map, next)) {
          first = map;
          second = next;
          return WalkResult::interrupt();
        }
        return WalkResult::advance();
      });
      if (first) {
        fuse(first, second);
        changed = true;
      }
    }
  }
};

} // namespace
