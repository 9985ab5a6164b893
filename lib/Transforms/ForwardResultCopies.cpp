//===- ForwardResultCopies.cpp - compute results in their out-params ------===//
//
// buffer-results-to-out-params turns a returned buffer into a copy into the
// caller's out-parameter. It forwards a returned `memref.alloc` itself
// (hoist-static-allocs), but not an allocation returned through a reshape:
// a packed GEMM's C is unpacked into a [M/8][8][N/32][32] buffer and
// returned as its [M][N] collapse, and the whole result was copied once
// more. This pass makes the allocation a reshaped view of the out-parameter
// instead, so the result is written where the caller wants it.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKFORWARDRESULTCOPIES
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Source and target of a whole-buffer copy, or nulls.
std::pair<Value, Value> getCopyOperands(Operation *op) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return {copy.getSource(), copy.getTarget()};
  if (auto copy = dyn_cast<linalg::CopyOp>(op);
      copy && copy.hasPureBufferSemantics())
    return {copy.getInputs()[0], copy.getOutputs()[0]};
  return {};
}

bool hasIdentityLayout(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  return type && type.getLayout().isIdentity() && type.hasStaticShape();
}

/// The entry-block operation that holds `op` (or `op` itself).
Operation *getTopLevelAncestor(Operation *op, Block *entry) {
  while (op && op->getBlock() != entry)
    op = op->getParentOp();
  return op;
}

/// Forwards `copy` if it copies an entry-block allocation (directly or
/// through one collapse/expand reshape) into an out-parameter that nothing
/// else touches, and nothing uses the allocation after the copy.
LogicalResult forwardCopy(Operation *copy, func::FuncOp func) {
  Block &entry = func.getBody().front();
  auto [source, target] = getCopyOperands(copy);
  auto outParam = dyn_cast_or_null<BlockArgument>(target);
  if (!outParam || outParam.getOwner() != &entry || !outParam.hasOneUse() ||
      !hasIdentityLayout(outParam))
    return failure();

  Operation *reshape = nullptr;
  Value allocated = source;
  if (auto collapse = source.getDefiningOp<memref::CollapseShapeOp>()) {
    reshape = collapse;
    allocated = collapse.getSrc();
  } else if (auto expand = source.getDefiningOp<memref::ExpandShapeOp>()) {
    reshape = expand;
    allocated = expand.getSrc();
  }
  auto alloc = allocated.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != &entry || !hasIdentityLayout(alloc) ||
      (reshape && !reshape->hasOneUse()))
    return failure();
  for (Operation *user : alloc->getUsers()) {
    if (user == reshape || user == copy)
      continue;
    Operation *top = getTopLevelAncestor(user, &entry);
    if (!top || !top->isBeforeInBlock(copy))
      return failure();
  }

  // The out-parameter seen with the allocation's shape: the inverse reshape.
  OpBuilder builder(alloc);
  Value view = outParam;
  if (auto collapse = dyn_cast_or_null<memref::CollapseShapeOp>(reshape))
    view = memref::ExpandShapeOp::create(
        builder, alloc.getLoc(), alloc.getType(), outParam,
        collapse.getReassociationIndices());
  else if (auto expand = dyn_cast_or_null<memref::ExpandShapeOp>(reshape))
    view = memref::CollapseShapeOp::create(builder, alloc.getLoc(), outParam,
                                           expand.getReassociationIndices());
  if (view.getType() != alloc.getType()) {
    view.getDefiningOp()->erase();
    return failure();
  }
  copy->erase();
  if (reshape)
    reshape->erase();
  alloc.getResult().replaceAllUsesWith(view);
  alloc->erase();
  return success();
}

struct PKForwardResultCopiesPass
    : pk::impl::PKForwardResultCopiesBase<PKForwardResultCopiesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<Operation *> copies;
    for (Operation &op : func.getBody().front())
      if (getCopyOperands(&op).first)
        copies.push_back(&op);
    for (Operation *copy : copies)
      (void)forwardCopy(copy, func);
  }
};
} // namespace
