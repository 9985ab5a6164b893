//===- EliminateRedundantCopies.cpp - sdfg-eliminate-redundant-copies -----===//

#include "pk/Transforms/SDFG/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallSet.h"

namespace mlir::sdfg {
#define GEN_PASS_DEF_SDFGELIMINATEREDUNDANTCOPIES
#include "pk/Transforms/SDFG/Passes.h.inc"
} // namespace mlir::sdfg

using namespace mlir;
using namespace mlir::sdfg;

namespace {

Value containerOf(Value accessValue) {
  if (auto window = accessValue.getDefiningOp<WindowOp>())
    accessValue = window.getSource();
  if (auto access = accessValue.getDefiningOp<AccessOp>())
    return access.getData();
  return accessValue;
}

/// Pairs of containers known to hold the same data, smaller pointer first.
using Facts = std::set<std::pair<void *, void *>>;

std::pair<void *, void *> pairOf(Value a, Value b) {
  void *x = a.getAsOpaquePointer(), *y = b.getAsOpaquePointer();
  return x < y ? std::make_pair(x, y) : std::make_pair(y, x);
}

void kill(Facts &facts, Value written) {
  void *w = written.getAsOpaquePointer();
  for (auto it = facts.begin(); it != facts.end();)
    it = (it->first == w || it->second == w) ? facts.erase(it) : std::next(it);
}

void runOn(SDFGOp sdfg) {
  SmallVector<EdgeOp> edges(sdfg.getBody()->getOps<EdgeOp>());
  llvm::StringMap<Facts> exitFacts;
  for (StateOp state : sdfg.getBody()->getOps<StateOp>()) {
    // Facts flow along the only edge into this state if it is the only
    // edge out of its source and changes nothing.
    Facts facts;
    SmallVector<EdgeOp> incoming;
    for (EdgeOp edge : edges)
      if (edge.getDest() == state.getSymName())
        incoming.push_back(edge);
    if (incoming.size() == 1) {
      EdgeOp edge = incoming.front();
      unsigned outOfSource = llvm::count_if(
          edges, [&](EdgeOp other) { return other.getSrc() == edge.getSrc(); });
      auto it = exitFacts.find(edge.getSrc());
      if (outOfSource == 1 && edge.getSrc() != state.getSymName() &&
          edge.getCondition().trim() == "1" && edge.getAssign().empty() &&
          it != exitFacts.end())
        facts = it->second;
    }

    for (Operation &op : llvm::make_early_inc_range(*state.getBody())) {
      if (auto copy = dyn_cast<CopyOp>(op)) {
        Value from = containerOf(copy.getSource());
        Value to = containerOf(copy.getTarget());
        if (facts.count(pairOf(from, to))) {
          copy.erase();
          continue;
        }
        kill(facts, to);
        facts.insert(pairOf(from, to));
        continue;
      }
      op.walk([&](Operation *inner) {
        if (auto store = dyn_cast<StoreOp>(inner))
          kill(facts, containerOf(store.getMemref()));
        // A nested SDFG may write any container it is passed; a tasklet
        // that stores into memory, any whole array it is passed.
        bool writes = isa<CallOp>(inner);
        if (auto tasklet = dyn_cast<TaskletOp>(inner))
          tasklet.getBody()->walk([&](Operation *nested) {
            auto effects = dyn_cast<MemoryEffectOpInterface>(nested);
            writes |= effects && effects.hasEffect<MemoryEffects::Write>();
          });
        if (writes)
          for (Value operand : inner->getOperands())
            if (isa<MemRefType>(operand.getType()))
              kill(facts, containerOf(operand));
      });
    }
    exitFacts[state.getSymName()] = std::move(facts);
  }
}

struct SDFGEliminateRedundantCopiesPass
    : sdfg::impl::SDFGEliminateRedundantCopiesBase<
          SDFGEliminateRedundantCopiesPass> {
  void runOnOperation() override {
    getOperation().walk([](SDFGOp sdfg) { runOn(sdfg); });
  }
};

} // namespace
