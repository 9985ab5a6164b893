//===- LinalgBuffersToTensors.cpp - linalg on memrefs computes on tensors -===//
//
// The schedules (recipes, lowering configs) work on linalg ops with tensor
// semantics; a linalg op on memrefs (one pk-raise-loops-to-linalg made from
// an SDFG map, or one written so) would be lowered to plain loops. Within a
// block, a run of such ops on root buffers (function arguments,
// allocations) and their subviews, with nothing else touching memory in
// between, becomes the same ops on tensors: each buffer is read once as a
// tensor (bufferization.to_tensor restrict writable), a subview becomes an
// extract_slice of the buffer's current value, an op's result is inserted
// back (insert_slice) as the buffer's next value, and at the end of the run
// each written buffer's last value is materialized in it. Bufferization
// then writes every op in place into the buffer, as the loops did.
//
// Buffers are assumed not to alias one another (pk-raise-loops-to-linalg
// assumes the same). The tensors of a run are dead once it ends, so the
// restrict promise holds for each run on its own.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKLINALGBUFFERSTOTENSORS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// A root buffer, or a subview of one.
bool isRootOrItsSubview(Value value) {
  if (auto subview = value.getDefiningOp<memref::SubViewOp>())
    value = subview.getSource();
  return pk::isRootBuffer(value);
}

/// A linalg op on memrefs the pass can give a tensor form.
bool isConvertible(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.hasPureBufferSemantics() &&
         llvm::all_of(op->getOperands(), [](Value operand) {
           return !isa<MemRefType>(operand.getType()) ||
                  isRootOrItsSubview(operand);
         });
}

RankedTensorType tensorTypeOf(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  return RankedTensorType::get(type.getShape(), type.getElementType());
}

/// Converts one run of ops (in program order) ending before `end`.
void convertRun(ArrayRef<Operation *> run, Operation *end,
                RewriterBase &rewriter) {
  // Each buffer's current value, in order of first use.
  llvm::MapVector<Value, Value> current;
  llvm::SmallSetVector<Value, 4> written;
  auto valueOf = [&](Value root) -> Value {
    Value &value = current[root];
    if (!value)
      value = bufferization::ToTensorOp::create(
          rewriter, root.getLoc(), tensorTypeOf(root), root,
          /*restrict=*/true, /*writable=*/true);
    return value;
  };
  for (Operation *op : run) {
    Location loc = op->getLoc();
    rewriter.setInsertionPoint(op);
    SmallVector<Value> operands;
    for (Value operand : op->getOperands()) {
      if (!isa<MemRefType>(operand.getType())) {
        operands.push_back(operand);
        continue;
      }
      auto subview = operand.getDefiningOp<memref::SubViewOp>();
      if (!subview) {
        operands.push_back(valueOf(operand));
        continue;
      }
      operands.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, tensorTypeOf(subview), valueOf(subview.getSource()),
          subview.getMixedOffsets(), subview.getMixedSizes(),
          subview.getMixedStrides()));
    }
    auto linalgOp = cast<linalg::LinalgOp>(op);
    SmallVector<Type> resultTypes;
    for (OpOperand &init : linalgOp.getDpsInitsMutable())
      resultTypes.push_back(operands[init.getOperandNumber()].getType());
    Operation *converted = clone(rewriter, op, resultTypes, operands);
    for (auto [init, result] :
         llvm::zip_equal(linalgOp.getDpsInitsMutable(), converted->getResults())) {
      Value buffer = init.get();
      auto subview = buffer.getDefiningOp<memref::SubViewOp>();
      Value root = subview ? subview.getSource() : buffer;
      if (subview)
        current[root] = tensor::InsertSliceOp::create(
            rewriter, loc, result, valueOf(root), subview.getMixedOffsets(),
            subview.getMixedSizes(), subview.getMixedStrides());
      else
        current[root] = result;
      written.insert(root);
    }
    rewriter.eraseOp(op);
  }
  rewriter.setInsertionPoint(end);
  for (Value root : written) {
    auto materialize = bufferization::MaterializeInDestinationOp::create(
        rewriter, end->getLoc(), TypeRange(), current[root], root);
    materialize.setRestrict(true);
    materialize.setWritable(true);
  }
}

/// Converts every run of convertible ops in `block`, then the blocks
/// nested in its other ops.
void convertIn(Block &block, RewriterBase &rewriter) {
  SmallVector<Operation *> run;
  SmallVector<Operation *> others;
  for (Operation &op : llvm::make_early_inc_range(block)) {
    if (isConvertible(&op)) {
      run.push_back(&op);
      continue;
    }
    // Subviews and pure ops keep a run going; anything else that may touch
    // memory, or ends the block, ends it.
    bool keepsRun = isa<memref::SubViewOp>(op) ||
                    (isMemoryEffectFree(&op) &&
                     !op.hasTrait<OpTrait::IsTerminator>());
    if (!keepsRun) {
      if (!run.empty())
        convertRun(run, &op, rewriter);
      run.clear();
    }
    if (op.getNumRegions())
      others.push_back(&op);
  }
  if (!run.empty())
    convertRun(run, block.getTerminator(), rewriter);
  for (Operation *op : others)
    for (Region &region : op->getRegions())
      for (Block &inner : region)
        convertIn(inner, rewriter);
}

struct PKLinalgBuffersToTensorsPass
    : pk::impl::PKLinalgBuffersToTensorsBase<PKLinalgBuffersToTensorsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (Block &block : getOperation().getBody())
      convertIn(block, rewriter);
  }
};

} // namespace
