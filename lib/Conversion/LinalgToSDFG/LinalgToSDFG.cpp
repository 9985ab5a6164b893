//===- LinalgToSDFG.cpp - linalg and scf.parallel to sdfg maps ------------===//
//
// A function on memrefs becomes an SDFG whose arguments are the function's,
// with one state per top-level op (edges run them in order):
//
// * a linalg op (named or generic, on buffers) becomes one `sdfg.map` over
//   all its loops; the memref operands are read and written through access
//   nodes at their indexing maps, the payload becomes a tasklet; reduction
//   loops are DaCe-style write-conflict resolution (`C += A * B` is a 3-d
//   map storing into C with `wcr add`);
// * an `scf.parallel` becomes a `cpu_multicore` map (nested ones nest);
//   loads and stores become memlets, index arithmetic stays in the map,
//   everything computing stored values goes into one tasklet, and
//   `memref.atomic_rmw` becomes a store with `wcr`.
//
//===----------------------------------------------------------------------===//

#include "pk/Conversion/LinalgToSDFG/LinalgToSDFG.h"

#include "pk/Dialect/SDFG/SDFGOps.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::sdfg;

namespace {

class Converter {
public:
  Converter(func::FuncOp func) : func(func), builder(func.getContext()) {}
  LogicalResult run();

private:
  func::FuncOp func;
  OpBuilder builder;
  SDFGOp sdfg;
  StateOp state;
  /// Function values → SDFG values (arguments).
  IRMapping args;
  /// Per state: containers → access nodes, outer constants → clones.
  DenseMap<Value, Value> accesses;
  IRMapping outer;

  Value access(Value memref) {
    Value data = args.lookup(memref);
    auto it = accesses.find(data);
    if (it != accesses.end())
      return it->second;
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(state.getBody());
    Value value =
        AccessOp::create(builder, func.getLoc(), data.getType(), data);
    accesses[data] = value;
    return value;
  }

  /// A value from outside the converted op: a function argument, or a
  /// constant cloned into the state once.
  FailureOr<Value> outside(Operation *user, Value value) {
    if (Value mapped = args.lookupOrNull(value))
      return mapped;
    if (Value mapped = outer.lookupOrNull(value))
      return mapped;
    Operation *def = value.getDefiningOp();
    if (def && def->hasTrait<OpTrait::ConstantLike>()) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(state.getBody());
      Value clone = builder.clone(*def)->getResult(0);
      outer.map(value, clone);
      return clone;
    }
    return user->emitOpError()
           << "uses a value defined outside it that is neither a function "
              "argument nor a constant; convert-linalg-to-sdfg cannot pass "
              "it into the SDFG";
  }

  LogicalResult convertLinalg(linalg::LinalgOp op);
  LogicalResult convertCopy(memref::CopyOp op);
  LogicalResult convertParallel(scf::ParallelOp loop, IRMapping &mapping);
};

} // namespace

/// The combiner of a reduction payload `out = out <op> value`, with the
/// value; fails for anything else.
static FailureOr<std::pair<WCRKind, Value>> matchCombiner(Value yielded,
                                                          BlockArgument out) {
  Operation *op = yielded.getDefiningOp();
  if (!op || op->getNumOperands() != 2 || !out.hasOneUse())
    return failure();
  std::optional<WCRKind> kind;
  if (isa<arith::AddFOp, arith::AddIOp>(op))
    kind = WCRKind::Add;
  else if (isa<arith::MulFOp, arith::MulIOp>(op))
    kind = WCRKind::Mul;
  else if (isa<arith::MaximumFOp, arith::MaxNumFOp, arith::MaxSIOp>(op))
    kind = WCRKind::Max;
  else if (isa<arith::MinimumFOp, arith::MinNumFOp, arith::MinSIOp>(op))
    kind = WCRKind::Min;
  if (!kind)
    return failure();
  if (op->getOperand(0) == out)
    return std::make_pair(*kind, op->getOperand(1));
  if (op->getOperand(1) == out)
    return std::make_pair(*kind, op->getOperand(0));
  return failure();
}

/// A whole-buffer copy (bufferization's copy of a returned argument) is
/// converted as the equivalent linalg.copy, built for the purpose and
/// erased again so that a failed conversion leaves the function unchanged.
LogicalResult Converter::convertCopy(memref::CopyOp op) {
  OpBuilder atCopy(op);
  auto copy = linalg::CopyOp::create(atCopy, op.getLoc(), op.getSource(),
                                     op.getTarget());
  LogicalResult converted =
      convertLinalg(cast<linalg::LinalgOp>(copy.getOperation()));
  copy.erase();
  return converted;
}

LogicalResult Converter::convertLinalg(linalg::LinalgOp op) {
  Location loc = op.getLoc();
  if (!op.hasPureBufferSemantics())
    return op.emitOpError()
           << "works on tensors; convert-linalg-to-sdfg needs linalg on "
              "memrefs (bufferize first)";
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return op.emitOpError("has dynamic loop ranges; convert-linalg-to-sdfg "
                          "needs static shapes");
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  bool reduces = llvm::any_of(iterators, [](utils::IteratorType type) {
    return type == utils::IteratorType::reduction;
  });

  SmallVector<OpFoldResult> lbs, ubs, steps;
  for (int64_t range : ranges) {
    if (range == 0)
      return success(); // Nothing to run.
    lbs.push_back(builder.getIndexAttr(0));
    ubs.push_back(builder.getIndexAttr(range - 1));
    steps.push_back(builder.getIndexAttr(1));
  }
  builder.setInsertionPointToEnd(state.getBody());
  // Materialize access nodes before the map.
  for (OpOperand &operand : op->getOpOperands())
    if (isa<MemRefType>(operand.get().getType()))
      (void)access(operand.get());
  auto map =
      MapOp::create(builder, loc, lbs, ubs, steps, ScheduleKind::CPUMulticore);
  builder.setInsertionPoint(map.getBody()->getTerminator());

  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto indices = [&](OpOperand &operand) {
    SmallVector<Value> result;
    AffineMap indexing = maps[operand.getOperandNumber()];
    for (AffineExpr expr : indexing.getResults())
      result.push_back(affine::expandAffineExpr(
          builder, loc, expr, SmallVector<Value>(map.getParams()), {}));
    return result;
  };

  Block *body = op.getBlock();
  // Reductions: the payload's `out <op> value` becomes a store with wcr.
  SmallVector<Value> results;
  SmallVector<std::optional<WCRKind>> wcrs;
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  for (OpOperand &init : op.getDpsInitsMutable()) {
    BlockArgument out = op.getMatchingBlockArgument(&init);
    Value yielded =
        yield.getOperand(init.getOperandNumber() - op.getNumDpsInputs());
    if (reduces && !out.use_empty()) {
      FailureOr<std::pair<WCRKind, Value>> combiner =
          matchCombiner(yielded, out);
      if (failed(combiner))
        return op.emitOpError()
               << "reduces output #"
               << init.getOperandNumber() - op.getNumDpsInputs()
               << " with a payload that is not 'out = out (+|*|max|min) "
                  "value'; convert-linalg-to-sdfg cannot express it as "
                  "write-conflict resolution";
      wcrs.push_back(combiner->first);
      results.push_back(combiner->second);
    } else {
      wcrs.push_back(std::nullopt);
      results.push_back(yielded);
    }
  }

  // Tasklet inputs: the elements of the operands the payload uses, and the
  // loop indices `linalg.index` reads.
  SmallVector<Value> inputs;
  SmallVector<std::pair<Value, Operation *>> constantArgs;
  SmallVector<Value> inputArgs; // What each tasklet input stands for.
  for (OpOperand &operand : op->getOpOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(&operand);
    if (arg.use_empty())
      continue;
    bool isCombinedOut = false;
    if (op.isDpsInit(&operand)) {
      unsigned index = operand.getOperandNumber() - op.getNumDpsInputs();
      isCombinedOut = wcrs[index].has_value();
    }
    if (isCombinedOut)
      continue;
    Value value = operand.get();
    if (isa<MemRefType>(value.getType())) {
      value = LoadOp::create(builder, loc,
                             cast<MemRefType>(value.getType()).getElementType(),
                             access(value), indices(operand));
    } else if (Operation *def = value.getDefiningOp();
               def && def->hasTrait<OpTrait::ConstantLike>()) {
      // A constant scalar operand (linalg.fill's value) is copied into the
      // tasklet: DaCe has no way to pass a float constant into a map.
      constantArgs.push_back({arg, def});
      continue;
    } else {
      FailureOr<Value> scalar = outside(op, value);
      if (failed(scalar))
        return failure();
      value = *scalar;
    }
    inputs.push_back(value);
    inputArgs.push_back(arg);
  }
  SmallVector<linalg::IndexOp> indexOps;
  body->walk([&](linalg::IndexOp index) { indexOps.push_back(index); });
  for (linalg::IndexOp index : indexOps) {
    inputs.push_back(map.getParams()[index.getDim()]);
    inputArgs.push_back(index.getResult());
  }

  // Values the payload captures from the function: scalar arguments become
  // inputs, constants are copied into the tasklet below.
  for (Operation &payload : body->without_terminator())
    for (Value operand : payload.getOperands()) {
      if (operand.getParentBlock() == body ||
          llvm::is_contained(inputArgs, operand))
        continue;
      Operation *def = operand.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>())
        continue;
      FailureOr<Value> value = outside(&payload, operand);
      if (failed(value))
        return failure();
      inputs.push_back(*value);
      inputArgs.push_back(operand);
    }

  SmallVector<Type> resultTypes =
      llvm::map_to_vector(results, [](Value v) { return v.getType(); });
  auto tasklet = TaskletOp::create(builder, loc, resultTypes, inputs);
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(tasklet.getBody());
    IRMapping inner;
    for (auto [from, to] :
         llvm::zip_equal(inputArgs, tasklet.getBody()->getArguments()))
      inner.map(from, to);
    for (auto [arg, def] : constantArgs)
      inner.map(arg, builder.clone(*def)->getResult(0));
    for (Operation &payload : body->without_terminator()) {
      if (isa<linalg::IndexOp>(payload))
        continue;
      // The combiners themselves are replaced by wcr.
      if (llvm::any_of(llvm::enumerate(wcrs), [&](auto entry) {
            return entry.value() &&
                   yield.getOperand(entry.index()).getDefiningOp() == &payload;
          }))
        continue;
      for (Value operand : payload.getOperands())
        if (!inner.contains(operand) && operand.getParentBlock() != body) {
          // A value from outside the linalg op: only constants can enter
          // an isolated tasklet.
          Operation *def = operand.getDefiningOp();
          if (!def || !def->hasTrait<OpTrait::ConstantLike>())
            return payload.emitOpError()
                   << "uses a value from outside its linalg op; only "
                      "constants can be copied into a tasklet";
          inner.map(operand, builder.clone(*def)->getResult(0));
        }
      builder.clone(payload, inner);
    }
    SmallVector<Value> returned;
    for (Value result : results) {
      if (Value mapped = inner.lookupOrNull(result)) {
        returned.push_back(mapped);
        continue;
      }
      Operation *def = result.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>()) {
        returned.push_back(builder.clone(*def)->getResult(0));
        continue;
      }
      return op.emitOpError("yields a value from outside its payload that "
                            "is not a constant");
    }
    ReturnOp::create(builder, loc, returned);
  }

  for (auto [index, init] : llvm::enumerate(op.getDpsInitsMutable())) {
    std::optional<WCRKind> wcr = wcrs[index];
    StoreOp::create(builder, loc, tasklet.getResult(index), access(init.get()),
                    indices(init),
                    wcr ? WCRKindAttr::get(builder.getContext(), *wcr)
                        : WCRKindAttr());
  }
  return success();
}

LogicalResult Converter::convertParallel(scf::ParallelOp loop,
                                         IRMapping &mapping) {
  Location loc = loop.getLoc();
  if (loop.getNumReductions() != 0)
    return loop.emitOpError("has reductions; convert-linalg-to-sdfg "
                            "converts scf.parallel without them (use "
                            "memref.atomic_rmw, which becomes wcr)");
  auto lookup = [&](Value value) -> FailureOr<Value> {
    if (Value mapped = mapping.lookupOrNull(value))
      return mapped;
    return outside(loop, value);
  };
  SmallVector<OpFoldResult> lbs, ubs, steps;
  for (auto [lb, ub, step] : llvm::zip_equal(
           loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    // The last point is ub - 1 (inclusive; with a step the map stops at the
    // last point it reaches, as scf.parallel does).
    std::optional<int64_t> lbConst = getConstantIntValue(lb);
    std::optional<int64_t> ubConst = getConstantIntValue(ub);
    std::optional<int64_t> stepConst = getConstantIntValue(step);
    if (!stepConst || *stepConst <= 0)
      return loop.emitOpError("needs constant positive steps");
    steps.push_back(builder.getIndexAttr(*stepConst));
    if (lbConst) {
      lbs.push_back(builder.getIndexAttr(*lbConst));
    } else {
      FailureOr<Value> value = lookup(lb);
      if (failed(value))
        return failure();
      lbs.push_back(*value);
    }
    if (ubConst) {
      ubs.push_back(builder.getIndexAttr(*ubConst - 1));
    } else {
      FailureOr<Value> value = lookup(ub);
      if (failed(value))
        return failure();
      Value one = arith::ConstantIndexOp::create(builder, loc, 1);
      ubs.push_back(Value(arith::SubIOp::create(builder, loc, *value, one)));
    }
  }
  auto map =
      MapOp::create(builder, loc, lbs, ubs, steps, ScheduleKind::CPUMulticore);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(map.getBody()->getTerminator());
  IRMapping inner = mapping;
  for (auto [iv, param] :
       llvm::zip_equal(loop.getInductionVars(), map.getParams()))
    inner.map(iv, param);

  Block *body = loop.getBody();
  // Values stored (or atomically combined) need a tasklet; index
  // computations of loads and stores stay in the map.
  llvm::SetVector<Operation *> compute;
  SmallVector<Value> stored;
  std::function<LogicalResult(Value)> collect =
      [&](Value value) -> LogicalResult {
    Operation *def = value.getDefiningOp();
    if (!def || def->getBlock() != body || isa<memref::LoadOp>(def) ||
        compute.contains(def))
      return success();
    if (!isMemoryEffectFree(def) || def->getNumRegions() != 0)
      return def->emitOpError()
             << "computes a stored value but is not a side-effect-free op "
                "without regions; convert-linalg-to-sdfg cannot put it in a "
                "tasklet";
    for (Value operand : def->getOperands())
      if (failed(collect(operand)))
        return failure();
    compute.insert(def);
    return success();
  };
  for (Operation &op : body->without_terminator()) {
    Value value;
    if (auto store = dyn_cast<memref::StoreOp>(op))
      value = store.getValueToStore();
    else if (auto rmw = dyn_cast<memref::AtomicRMWOp>(op))
      value = rmw.getValue();
    else
      continue;
    if (failed(collect(value)))
      return failure();
    if (!llvm::is_contained(stored, value))
      stored.push_back(value);
  }

  // Ops in program order: loads and index arithmetic in the map, nested
  // loops recursively, the tasklet where the first store needs it.
  TaskletOp tasklet;
  auto makeTasklet = [&]() -> LogicalResult {
    SmallVector<Value> inputs, inputSources;
    llvm::SetVector<Value> needed;
    for (Operation *op : compute)
      for (Value operand : op->getOperands())
        if (!operand.getDefiningOp() ||
            !compute.contains(operand.getDefiningOp()))
          needed.insert(operand);
    for (Value value : stored)
      if (!value.getDefiningOp() || !compute.contains(value.getDefiningOp()))
        needed.insert(value);
    for (Value value : needed) {
      Operation *def = value.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>())
        continue; // Copied into the tasklet.
      Value mapped = inner.lookupOrNull(value);
      if (!mapped) {
        FailureOr<Value> fromOutside = outside(loop, value);
        if (failed(fromOutside))
          return failure();
        mapped = *fromOutside;
      }
      inputs.push_back(mapped);
      inputSources.push_back(value);
    }
    SmallVector<Type> types =
        llvm::map_to_vector(stored, [](Value v) { return v.getType(); });
    tasklet = TaskletOp::create(builder, loc, types, inputs);
    OpBuilder::InsertionGuard taskletGuard(builder);
    builder.setInsertionPointToStart(tasklet.getBody());
    IRMapping taskletMap;
    for (auto [source, arg] :
         llvm::zip_equal(inputSources, tasklet.getBody()->getArguments()))
      taskletMap.map(source, arg);
    for (Value value : needed)
      if (Operation *def = value.getDefiningOp();
          def && def->hasTrait<OpTrait::ConstantLike>())
        taskletMap.map(value, builder.clone(*def)->getResult(0));
    for (Operation *op : compute)
      builder.clone(*op, taskletMap);
    ReturnOp::create(builder, loc, llvm::map_to_vector(stored, [&](Value v) {
                       return taskletMap.lookup(v);
                     }));
    return success();
  };
  auto storedResult = [&](Value value) {
    unsigned index = llvm::find(stored, value) - stored.begin();
    return tasklet.getResult(index);
  };
  auto mapIndices = [&](ValueRange indices) -> FailureOr<SmallVector<Value>> {
    SmallVector<Value> result;
    for (Value index : indices) {
      Value mapped = inner.lookupOrNull(index);
      if (!mapped) {
        FailureOr<Value> fromOutside = outside(loop, index);
        if (failed(fromOutside))
          return failure();
        mapped = *fromOutside;
      }
      result.push_back(mapped);
    }
    return result;
  };

  for (Operation &op : body->without_terminator()) {
    if (compute.contains(&op))
      continue;
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      if (!args.contains(load.getMemref()))
        return load.emitOpError("reads a memref that is not a function "
                                "argument");
      FailureOr<SmallVector<Value>> indices = mapIndices(load.getIndices());
      if (failed(indices))
        return failure();
      inner.map(load.getResult(),
                LoadOp::create(builder, load.getLoc(), load.getType(),
                               access(load.getMemref()), *indices));
      continue;
    }
    if (isa<memref::StoreOp, memref::AtomicRMWOp>(op)) {
      if (!tasklet && failed(makeTasklet()))
        return failure();
      Value memref, value;
      ValueRange indexValues;
      std::optional<WCRKind> wcr;
      if (auto store = dyn_cast<memref::StoreOp>(op)) {
        memref = store.getMemref();
        value = store.getValueToStore();
        indexValues = store.getIndices();
      } else {
        auto rmw = cast<memref::AtomicRMWOp>(op);
        if (!rmw.getResult().use_empty())
          return rmw.emitOpError("has a used result; only its update can "
                                 "become write-conflict resolution");
        switch (rmw.getKind()) {
        case arith::AtomicRMWKind::addf:
        case arith::AtomicRMWKind::addi:
          wcr = WCRKind::Add;
          break;
        case arith::AtomicRMWKind::mulf:
        case arith::AtomicRMWKind::muli:
          wcr = WCRKind::Mul;
          break;
        case arith::AtomicRMWKind::maximumf:
        case arith::AtomicRMWKind::maxs:
          wcr = WCRKind::Max;
          break;
        case arith::AtomicRMWKind::minimumf:
        case arith::AtomicRMWKind::mins:
          wcr = WCRKind::Min;
          break;
        default:
          return rmw.emitOpError("has a kind without a DaCe write-conflict "
                                 "resolution");
        }
        memref = rmw.getMemref();
        value = rmw.getValue();
        indexValues = rmw.getIndices();
      }
      if (!args.contains(memref))
        return op.emitOpError("writes a memref that is not a function "
                              "argument");
      FailureOr<SmallVector<Value>> indices = mapIndices(indexValues);
      if (failed(indices))
        return failure();
      StoreOp::create(
          builder, op.getLoc(), storedResult(value), access(memref), *indices,
          wcr ? WCRKindAttr::get(builder.getContext(), *wcr) : WCRKindAttr());
      continue;
    }
    if (auto nested = dyn_cast<scf::ParallelOp>(op)) {
      if (failed(convertParallel(nested, inner)))
        return failure();
      continue;
    }
    if (isMemoryEffectFree(&op) && op.getNumRegions() == 0) {
      // Index arithmetic: stays in the map.
      for (Value operand : op.getOperands())
        if (!inner.contains(operand) && operand.getParentBlock() != body) {
          FailureOr<Value> fromOutside = outside(&op, operand);
          if (failed(fromOutside))
            return failure();
          inner.map(operand, *fromOutside);
        }
      builder.clone(op, inner);
      continue;
    }
    return op.emitOpError()
           << "is not supported inside scf.parallel by convert-linalg-to-sdfg "
              "(memref.load/store/atomic_rmw, nested scf.parallel and "
              "side-effect-free ops are)";
  }
  return success();
}

LogicalResult Converter::run() {
  Location loc = func.getLoc();
  if (func.isExternal())
    return success();
  if (func.getNumResults() != 0)
    return func.emitOpError("returns values; convert-linalg-to-sdfg "
                            "converts functions that write into memref "
                            "arguments");
  for (auto [index, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto memref = dyn_cast<MemRefType>(type);
    if (memref &&
        (!memref.hasStaticShape() || !memref.getLayout().isIdentity()))
      return func.emitOpError()
             << "argument #" << index << " has type " << type
             << "; convert-linalg-to-sdfg needs static, identity-layout "
                "memrefs";
    if (!memref && !isa<IntegerType, IndexType, FloatType>(type))
      return func.emitOpError()
             << "argument #" << index << " has type " << type
             << ", which is neither a memref nor a scalar (bufferize "
                "tensors first)";
  }
  if (!func.getBody().hasOneBlock())
    return func.emitOpError("has more than one block");

  SmallVector<Operation *> steps;
  for (Operation &op : func.getBody().front()) {
    if (isa<func::ReturnOp>(op) || op.hasTrait<OpTrait::ConstantLike>())
      continue;
    if (isa<linalg::LinalgOp, scf::ParallelOp, memref::CopyOp>(op)) {
      steps.push_back(&op);
      continue;
    }
    return op.emitOpError()
           << "is not supported by convert-linalg-to-sdfg (linalg ops on "
              "memrefs, scf.parallel and constants are)";
  }

  builder.setInsertionPoint(func);
  SmallVector<Attribute> argAttrs;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    argAttrs.push_back(builder.getDictionaryAttr(builder.getNamedAttr(
        "name", builder.getStringAttr("arg" + std::to_string(i)))));
  std::string name = func.getSymName().str();
  sdfg = SDFGOp::create(builder, loc, name, "s0", func.getArgumentTypes());
  sdfg.setArgAttrsAttr(builder.getArrayAttr(argAttrs));
  for (auto [from, to] :
       llvm::zip_equal(func.getArguments(), sdfg.getBody()->getArguments()))
    args.map(from, to);

  size_t numStates = std::max<size_t>(steps.size(), 1);
  for (size_t i = 0; i < numStates; ++i) {
    builder.setInsertionPointToEnd(sdfg.getBody());
    state = StateOp::create(builder, loc, "s" + std::to_string(i));
    accesses.clear();
    outer.clear();
    if (i >= steps.size())
      continue;
    builder.setInsertionPointToEnd(state.getBody());
    LogicalResult converted = success();
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(steps[i])) {
      converted = convertLinalg(linalgOp);
    } else if (auto copy = dyn_cast<memref::CopyOp>(steps[i])) {
      converted = convertCopy(copy);
    } else {
      IRMapping mapping;
      converted = convertParallel(cast<scf::ParallelOp>(steps[i]), mapping);
    }
    if (failed(converted)) {
      // Leave the function as it was.
      sdfg.erase();
      return failure();
    }
  }
  builder.setInsertionPointToEnd(sdfg.getBody());
  for (size_t i = 0; i + 1 < numStates; ++i)
    EdgeOp::create(
        builder, loc,
        FlatSymbolRefAttr::get(builder.getContext(), "s" + std::to_string(i)),
        FlatSymbolRefAttr::get(builder.getContext(),
                               "s" + std::to_string(i + 1)),
        builder.getStringAttr("1"), builder.getStrArrayAttr({}));
  func.erase();
  return success();
}

LogicalResult sdfg::convertFuncToSDFG(func::FuncOp func) {
  return Converter(func).run();
}
