//===- RaiseLoopsToLinalg.cpp - affine loop nests become linalg ops -------===//
//
// SDFG maps (after convert-sdfg-to-scf) and other scf.for / scf.parallel
// nests over memrefs are loops the schedule selection cannot see: they ran
// as written, one element at a time. A perfect, rectangular nest whose body
// reads and writes whole buffers (function arguments, allocations) at
// indices affine in the loop variables, with pure ops in between, is the
// loop form of a linalg.generic on memrefs: each distinct access becomes an
// operand (a strided memref.subview of its buffer whose offset is the
// loop-invariant part of the index), each written buffer an output, and
// loop dimensions missing from the outputs reductions.
// pk-linalg-buffers-to-tensors then gives the op its tensor form, and it is
// scheduled like any other linalg op.
//
// A nest is raised only where the op computes the same thing:
//  - a written buffer is read only at the point being written, before the
//    write (the accumulator), so no iteration sees another one's result;
//  - a dimension missing from the outputs (a reduction) either writes
//    atomically (memref.atomic_rmw) or is a sequential read-modify-write;
//  - the buffers are distinct roots; function arguments are assumed not to
//    alias one another, as DaCe's generated code assumes (__restrict__).
// Anything else (indirect or non-affine indices, loop-carried values,
// triangular bounds, other memory effects) stays a loop, and the nests
// inside a loop that is not raised are tried on their own.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKRAISELOOPSTOLINALG
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// An index as an affine function of the nest's normalized loop dimensions
/// (each running 0, 1, ..., trips - 1): sum(dims[d] * d) + constant +
/// sum(coefficient * symbol), the symbols being integer values defined
/// outside the nest.
struct LinearIndex {
  SmallVector<int64_t> dims;
  int64_t constant = 0;
  SmallVector<std::pair<Value, int64_t>> symbols;

  static LinearIndex ofConstant(unsigned numDims, int64_t value) {
    LinearIndex index;
    index.dims.assign(numDims, 0);
    index.constant = value;
    return index;
  }

  bool isConstant() const {
    return symbols.empty() && llvm::all_of(dims, [](int64_t c) { return !c; });
  }

  SmallVector<unsigned> usedDims() const {
    SmallVector<unsigned> used;
    for (auto [d, c] : llvm::enumerate(dims))
      if (c)
        used.push_back(d);
    return used;
  }

  LinearIndex scaled(int64_t factor) const {
    LinearIndex result = *this;
    for (int64_t &c : result.dims)
      c *= factor;
    result.constant *= factor;
    for (auto &symbol : result.symbols)
      symbol.second *= factor;
    return result;
  }

  LinearIndex plus(const LinearIndex &other, int64_t sign = 1) const {
    LinearIndex result = *this;
    for (auto [c, o] : llvm::zip_equal(result.dims, other.dims))
      c += sign * o;
    result.constant += sign * other.constant;
    for (const auto &symbol : other.symbols) {
      auto *it = llvm::find_if(result.symbols, [&](auto &s) {
        return s.first == symbol.first;
      });
      if (it != result.symbols.end())
        it->second += sign * symbol.second;
      else
        result.symbols.push_back({symbol.first, sign * symbol.second});
    }
    llvm::erase_if(result.symbols, [](auto &s) { return s.second == 0; });
    return result;
  }

  bool operator==(const LinearIndex &other) const {
    if (dims != other.dims || constant != other.constant ||
        symbols.size() != other.symbols.size())
      return false;
    return llvm::all_of(symbols, [&](auto &s) {
      return llvm::is_contained(other.symbols, s);
    });
  }
};

/// One loop dimension of the nest.
struct LoopDim {
  Value iv, lb, ub;
  int64_t step;
  bool parallel;
};

/// A load, store or atomic update of a root buffer in the nest's body.
struct Access {
  Operation *op;
  Value root;
  SmallVector<LinearIndex> indices;
};

/// Analyses one loop nest and, where it is a linalg.generic in loop form,
/// replaces it with that op.
class NestRaiser {
public:
  explicit NestRaiser(Operation *outermost) : outermost(outermost) {}

  /// Whether the nest rooted at `outermost` can be raised; fills the
  /// analysis the rewrite uses.
  bool analyze();
  void rewrite(RewriterBase &rewriter);
  /// Where analyze() failed only because the outputs range over different
  /// loops (bicg's s[j] += ... and q[i] += ... in one nest): replaces the
  /// nest by one copy per set of outputs, each computing only those, and
  /// returns the copies (none where a group's values read another group's
  /// outputs).
  SmallVector<Operation *> splitByOutputs(RewriterBase &rewriter);

private:
  bool collectNest();
  bool definedOutside(Value value) const {
    Operation *owner = value.getParentBlock()->getParentOp();
    return !outermost->isAncestor(owner);
  }
  FailureOr<LinearIndex> linearize(Value value);
  FailureOr<Access> analyzeAccess(Operation *op, Value memref,
                                  ValueRange indices);
  bool classifyAccesses();

  // Rewrite helpers.
  OpFoldResult materialize(OpBuilder &builder, Location loc,
                           const LinearIndex &offset);
  Value operandFor(OpBuilder &builder, Location loc, const Access &access,
                   SmallVectorImpl<AffineExpr> &results);

  Operation *outermost;
  SmallVector<LoopDim> dims;
  /// The non-loop ops of every level, outermost level first.
  SmallVector<Operation *> bodyOps;
  /// The ops of the innermost body (the others run once per iteration of
  /// their own level only).
  llvm::SmallPtrSet<Operation *, 16> innermostOps;
  DenseMap<Value, LinearIndex> linearized;

  SmallVector<Access> loads;
  /// Per written root: its store or atomic update.
  SmallVector<Access> writes;
  /// The inputs (one access per distinct buffer and index) and, per load,
  /// the operand it reads: an input, or a written root's output.
  SmallVector<Access> inputs;
  DenseMap<Operation *, unsigned> loadOperand;

  /// The write of `root` in the nest, if any.
  const Access *writeOf(Value root) const {
    const auto *write = llvm::find_if(
        writes, [&](const Access &w) { return w.root == root; });
    return write == writes.end() ? nullptr : write;
  }
  /// The writes, grouped by the loops their indices use, when those differ.
  SmallVector<SmallVector<Operation *>> outputGroups;
  SmallVector<utils::IteratorType> iterators;
  SmallVector<OpFoldResult> trips;
};

bool NestRaiser::collectNest() {
  Operation *loop = outermost;
  while (true) {
    Block *body;
    if (auto forOp = dyn_cast<scf::ForOp>(loop)) {
      std::optional<int64_t> step = getConstantIntValue(forOp.getStep());
      if (forOp.getNumRegionIterArgs() || !step || *step <= 0)
        return false;
      dims.push_back({forOp.getInductionVar(), forOp.getLowerBound(),
                      forOp.getUpperBound(), *step, /*parallel=*/false});
      body = forOp.getBody();
    } else {
      auto parallelOp = cast<scf::ParallelOp>(loop);
      if (parallelOp.getNumReductions())
        return false;
      for (auto [iv, lb, ub, step] : llvm::zip_equal(
               parallelOp.getInductionVars(), parallelOp.getLowerBound(),
               parallelOp.getUpperBound(), parallelOp.getStep())) {
        std::optional<int64_t> constStep = getConstantIntValue(step);
        if (!constStep || *constStep <= 0)
          return false;
        dims.push_back({iv, lb, ub, *constStep, /*parallel=*/true});
      }
      body = parallelOp.getBody();
    }
    Operation *inner = nullptr;
    for (Operation &op : body->without_terminator()) {
      if (isa<scf::ForOp, scf::ParallelOp>(op)) {
        if (inner)
          return false; // Not a perfect nest.
        inner = &op;
        continue;
      }
      bodyOps.push_back(&op);
    }
    if (!inner) {
      for (Operation &op : body->without_terminator())
        innermostOps.insert(&op);
      break;
    }
    loop = inner;
  }
  // Rectangular: every bound is fixed before the nest starts.
  return llvm::all_of(dims, [&](const LoopDim &dim) {
    return definedOutside(dim.lb) && definedOutside(dim.ub);
  });
}

FailureOr<LinearIndex> NestRaiser::linearize(Value value) {
  auto it = linearized.find(value);
  if (it != linearized.end())
    return it->second;
  unsigned numDims = dims.size();
  FailureOr<LinearIndex> result = failure();
  if (std::optional<int64_t> constant = getConstantIntValue(value)) {
    result = LinearIndex::ofConstant(numDims, *constant);
  } else if (definedOutside(value)) {
    if (!value.getType().isIntOrIndex())
      return failure();
    LinearIndex symbol = LinearIndex::ofConstant(numDims, 0);
    symbol.symbols.push_back({value, 1});
    result = symbol;
  } else if (auto *dim = llvm::find_if(
                 dims, [&](const LoopDim &d) { return d.iv == value; });
             dim != dims.end()) {
    FailureOr<LinearIndex> lb = linearize(dim->lb);
    if (failed(lb))
      return failure();
    result = *lb;
    result->dims[dim - dims.begin()] += dim->step;
  } else if (Operation *op = value.getDefiningOp()) {
    auto both = [&](Value lhs, Value rhs)
        -> FailureOr<std::pair<LinearIndex, LinearIndex>> {
      FailureOr<LinearIndex> l = linearize(lhs);
      if (failed(l))
        return failure();
      FailureOr<LinearIndex> r = linearize(rhs);
      if (failed(r))
        return failure();
      return std::make_pair(*l, *r);
    };
    result = TypeSwitch<Operation *, FailureOr<LinearIndex>>(op)
                 .Case<arith::AddIOp, arith::SubIOp>(
                     [&](auto binary) -> FailureOr<LinearIndex> {
                       auto operands = both(binary.getLhs(), binary.getRhs());
                       if (failed(operands))
                         return failure();
                       int64_t sign = isa<arith::SubIOp>(op) ? -1 : 1;
                       return operands->first.plus(operands->second, sign);
                     })
                 .Case([&](arith::MulIOp mul) -> FailureOr<LinearIndex> {
                   auto operands = both(mul.getLhs(), mul.getRhs());
                   if (failed(operands))
                     return failure();
                   auto [l, r] = *operands;
                   if (r.isConstant())
                     return l.scaled(r.constant);
                   if (l.isConstant())
                     return r.scaled(l.constant);
                   return failure();
                 })
                 // Index arithmetic in i64 (SDFG symbols) is assumed not
                 // to wrap, as DaCe's generated C++ assumes.
                 .Case<arith::IndexCastOp, arith::IndexCastUIOp,
                       arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp>(
                     [&](auto cast) { return linearize(cast.getIn()); })
                 .Default([](Operation *) { return failure(); });
  }
  if (succeeded(result))
    linearized[value] = *result;
  return result;
}

FailureOr<Access> NestRaiser::analyzeAccess(Operation *op, Value memref,
                                            ValueRange indices) {
  if (!pk::isRootBuffer(memref) || !definedOutside(memref))
    return failure();
  Access access{op, memref, {}};
  for (Value index : indices) {
    FailureOr<LinearIndex> linear = linearize(index);
    // Reversed walks (negative coefficients) would need reversed views.
    if (failed(linear) ||
        llvm::any_of(linear->dims, [](int64_t c) { return c < 0; }))
      return failure();
    access.indices.push_back(*linear);
  }
  return access;
}

bool NestRaiser::classifyAccesses() {
  for (Operation *op : bodyOps) {
    FailureOr<Access> access = failure();
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      access = analyzeAccess(op, load.getMemref(), load.getIndices());
      if (failed(access))
        return false;
      loads.push_back(*access);
      continue;
    }
    if (auto store = dyn_cast<memref::StoreOp>(op))
      access = analyzeAccess(op, store.getMemref(), store.getIndices());
    else if (auto atomic = dyn_cast<memref::AtomicRMWOp>(op)) {
      // Combiners that are reductions (not assign), whose result is unused.
      using Kind = arith::AtomicRMWKind;
      if (!llvm::is_contained({Kind::addf, Kind::addi, Kind::mulf, Kind::muli,
                               Kind::maximumf, Kind::minimumf, Kind::maxs,
                               Kind::mins, Kind::maxu, Kind::minu},
                              atomic.getKind()) ||
          !atomic.getResult().use_empty())
        return false;
      access = analyzeAccess(op, atomic.getMemref(), atomic.getIndices());
    }
    else if (isMemoryEffectFree(op))
      continue;
    else
      return false;
    // A write, or an outer level's read-modify-write, would be repeated
    // by the inner loops in the generic.
    if (failed(access) || !innermostOps.contains(op))
      return false;
    // One write per buffer.
    if (writeOf(access->root))
      return false;
    writes.push_back(*access);
  }
  if (writes.empty())
    return false;

  // Outputs: each index one dimension (or none) with a positive stride,
  // no dimension twice, and every output over the same dimensions.
  std::optional<llvm::SmallDenseSet<unsigned>> outputDims;
  SmallVector<std::pair<llvm::SmallDenseSet<unsigned>,
                        SmallVector<Operation *>>> groups;
  for (const Access &write : writes) {
    llvm::SmallDenseSet<unsigned> used;
    for (const LinearIndex &index : write.indices) {
      SmallVector<unsigned> indexDims = index.usedDims();
      if (indexDims.size() > 1)
        return false;
      if (indexDims.size() == 1 && !used.insert(indexDims.front()).second)
        return false;
    }
    auto *group =
        llvm::find_if(groups, [&](auto &g) { return g.first == used; });
    if (group == groups.end())
      groups.push_back({used, {write.op}});
    else
      group->second.push_back(write.op);
    outputDims = used;
  }
  if (groups.size() > 1) {
    for (auto &group : groups)
      outputGroups.push_back(group.second);
    return false;
  }
  for (unsigned d = 0, e = dims.size(); d < e; ++d)
    iterators.push_back(outputDims->contains(d) ? utils::IteratorType::parallel
                                                : utils::IteratorType::reduction);
  bool hasReduction = outputDims->size() != dims.size();

  // Reads of a written buffer: its accumulator, read before the write at
  // the point written.
  DenseMap<Operation *, unsigned> position;
  for (auto [i, op] : llvm::enumerate(bodyOps))
    position[op] = i;
  for (const Access &write : writes) {
    bool atomic = isa<memref::AtomicRMWOp>(write.op);
    bool readsAccumulator = false;
    for (const Access &load : loads) {
      if (load.root != write.root)
        continue;
      if (atomic || load.indices != write.indices ||
          !innermostOps.contains(load.op) ||
          position[load.op] > position[write.op])
        return false;
      readsAccumulator = true;
    }
    if (!hasReduction || atomic)
      continue;
    // A plain write that some iterations of a reduction dimension repeat:
    // only a sequential read-modify-write is a reduction.
    if (!readsAccumulator)
      return false;
    for (auto [dim, iterator] : llvm::zip_equal(dims, iterators))
      if (iterator == utils::IteratorType::reduction && dim.parallel)
        return false;
  }

  // Inputs: one operand per distinct (buffer, index); the outputs follow.
  for (const Access &load : loads) {
    if (writeOf(load.root))
      continue;
    auto *same = llvm::find_if(inputs, [&](const Access &input) {
      return input.root == load.root && input.indices == load.indices;
    });
    loadOperand[load.op] = same - inputs.begin();
    if (same == inputs.end())
      inputs.push_back(load);
  }
  for (const Access &load : loads)
    if (const Access *write = writeOf(load.root))
      loadOperand[load.op] = inputs.size() + (write - writes.begin());

  // Linalg takes each loop's range from an operand indexed by the loop
  // alone.
  for (unsigned d = 0, e = dims.size(); d < e; ++d) {
    auto indexedAlone = [&](const Access &access) {
      return llvm::any_of(access.indices, [&](const LinearIndex &index) {
        SmallVector<unsigned> used = index.usedDims();
        return used.size() == 1 && used.front() == d;
      });
    };
    if (llvm::none_of(inputs, indexedAlone) &&
        llvm::none_of(writes, indexedAlone))
      return false;
  }
  return true;
}

bool NestRaiser::analyze() {
  if (!collectNest() || !classifyAccesses())
    return false;
  // A nest that provably never runs is left alone.
  for (const LoopDim &dim : dims) {
    std::optional<int64_t> lb = getConstantIntValue(dim.lb);
    std::optional<int64_t> ub = getConstantIntValue(dim.ub);
    if (lb && ub && *ub <= *lb)
      return false;
  }
  return true;
}

OpFoldResult NestRaiser::materialize(OpBuilder &builder, Location loc,
                                     const LinearIndex &offset) {
  if (offset.symbols.empty())
    return builder.getIndexAttr(offset.constant);
  Value sum;
  auto add = [&](Value value) {
    sum = sum ? arith::AddIOp::create(builder, loc, sum, value) : value;
  };
  for (auto [symbol, coefficient] : offset.symbols) {
    Value value = symbol;
    if (!value.getType().isIndex())
      value = arith::IndexCastOp::create(builder, loc, builder.getIndexType(),
                                         value);
    if (coefficient != 1)
      value = arith::MulIOp::create(
          builder, loc, value,
          arith::ConstantIndexOp::create(builder, loc, coefficient));
    add(value);
  }
  if (offset.constant)
    add(arith::ConstantIndexOp::create(builder, loc, offset.constant));
  return sum;
}

/// The operand `access` reads or writes: a subview of its buffer (dropping
/// the indices no loop moves), with its indexing map's results appended to
/// `results`.
Value NestRaiser::operandFor(OpBuilder &builder, Location loc,
                             const Access &access,
                             SmallVectorImpl<AffineExpr> &results) {
  auto type = cast<MemRefType>(access.root.getType());
  SmallVector<OpFoldResult> offsets, sizes, strides;
  SmallVector<int64_t> shape;
  bool whole = true;
  for (auto [r, index] : llvm::enumerate(access.indices)) {
    LinearIndex offset = index;
    for (int64_t &c : offset.dims)
      c = 0;
    offsets.push_back(materialize(builder, loc, offset));
    SmallVector<unsigned> used = index.usedDims();
    if (used.empty()) {
      sizes.push_back(builder.getIndexAttr(1));
      strides.push_back(builder.getIndexAttr(1));
      whole = false;
      continue;
    }
    if (used.size() == 1) {
      unsigned d = used.front();
      sizes.push_back(trips[d]);
      strides.push_back(builder.getIndexAttr(index.dims[d]));
      results.push_back(builder.getAffineDimExpr(d));
    } else {
      // A window (i + k): stride one, spanning every point it reaches.
      AffineExpr sum = builder.getAffineConstantExpr(0);
      SmallVector<OpFoldResult> terms;
      int64_t span = 1;
      bool dynamic = false;
      for (unsigned d : used) {
        sum = sum + builder.getAffineDimExpr(d) * index.dims[d];
        if (std::optional<int64_t> t = getConstantIntValue(trips[d]))
          span += index.dims[d] * (*t - 1);
        else
          dynamic = true;
      }
      if (!dynamic) {
        sizes.push_back(builder.getIndexAttr(span));
      } else {
        Value one = arith::ConstantIndexOp::create(builder, loc, 1);
        Value size = one;
        for (unsigned d : used) {
          Value last = arith::SubIOp::create(
              builder, loc,
              getValueOrCreateConstantIndexOp(builder, loc, trips[d]), one);
          size = arith::AddIOp::create(
              builder, loc, size,
              arith::MulIOp::create(
                  builder, loc, last,
                  arith::ConstantIndexOp::create(builder, loc,
                                                 index.dims[d])));
        }
        sizes.push_back(size);
      }
      strides.push_back(builder.getIndexAttr(1));
      results.push_back(sum);
    }
    std::optional<int64_t> staticSize = getConstantIntValue(sizes.back());
    shape.push_back(staticSize ? *staticSize : ShapedType::kDynamic);
    whole &= isConstantIntValue(offsets.back(), 0) &&
             isConstantIntValue(strides.back(), 1) && staticSize &&
             *staticSize == type.getDimSize(r);
  }
  if (whole)
    return access.root;
  MemRefType resultType = memref::SubViewOp::inferRankReducedResultType(
      shape, type, offsets, sizes, strides);
  return memref::SubViewOp::create(builder, loc, resultType, access.root,
                                   offsets, sizes, strides);
}

void NestRaiser::rewrite(RewriterBase &rewriter) {
  Location loc = outermost->getLoc();
  rewriter.setInsertionPoint(outermost);
  // Trip counts: max(ceil((ub - lb) / step), 0).
  for (const LoopDim &dim : dims) {
    std::optional<int64_t> lb = getConstantIntValue(dim.lb);
    std::optional<int64_t> ub = getConstantIntValue(dim.ub);
    if (lb && ub) {
      trips.push_back(
          rewriter.getIndexAttr(llvm::divideCeil(*ub - *lb, dim.step)));
      continue;
    }
    Value span = arith::SubIOp::create(rewriter, loc, dim.ub, dim.lb);
    Value count = arith::CeilDivSIOp::create(
        rewriter, loc, span,
        arith::ConstantIndexOp::create(rewriter, loc, dim.step));
    trips.push_back(Value(arith::MaxSIOp::create(
        rewriter, loc, count, arith::ConstantIndexOp::create(rewriter, loc, 0))));
  }

  unsigned numDims = dims.size();
  SmallVector<Value> inputOperands, outputOperands;
  SmallVector<AffineMap> maps;
  for (const Access &input : inputs) {
    SmallVector<AffineExpr> results;
    inputOperands.push_back(operandFor(rewriter, loc, input, results));
    maps.push_back(AffineMap::get(numDims, 0, results, rewriter.getContext()));
  }
  for (const Access &write : writes) {
    SmallVector<AffineExpr> results;
    outputOperands.push_back(operandFor(rewriter, loc, write, results));
    maps.push_back(AffineMap::get(numDims, 0, results, rewriter.getContext()));
  }

  // The ops the written values depend on, loads excluded.
  llvm::SetVector<Operation *> needed;
  SmallVector<Value> worklist;
  for (const Access &write : writes)
    worklist.push_back(write.op->getOperand(0));
  llvm::SmallPtrSet<Operation *, 16> inBody(bodyOps.begin(), bodyOps.end());
  while (!worklist.empty()) {
    Operation *def = worklist.pop_back_val().getDefiningOp();
    if (!def || !inBody.contains(def) || isa<memref::LoadOp>(def) ||
        !needed.insert(def))
      continue;
    def->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        worklist.push_back(operand);
    });
  }

  linalg::GenericOp::create(
      rewriter, loc, TypeRange(), inputOperands, outputOperands, maps,
      iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        IRMapping mapping;
        ValueRange outputArgs = args.drop_front(inputs.size());
        for (const Access &load : loads)
          mapping.map(load.op->getResult(0), args[loadOperand.lookup(load.op)]);
        // Loop variables the computation uses: lb + step * index.
        for (auto [d, dim] : llvm::enumerate(dims)) {
          bool used = llvm::any_of(dim.iv.getUsers(), [&](Operation *user) {
            return llvm::any_of(needed, [&](Operation *op) {
              return op == user || op->isAncestor(user);
            });
          });
          if (!used)
            continue;
          Value iv = linalg::IndexOp::create(b, bodyLoc, d);
          if (dim.step != 1)
            iv = arith::MulIOp::create(
                b, bodyLoc, iv,
                arith::ConstantIndexOp::create(b, bodyLoc, dim.step));
          iv = arith::AddIOp::create(b, bodyLoc, dim.lb, iv);
          mapping.map(dim.iv, iv);
        }
        for (Operation *op : bodyOps)
          if (needed.contains(op))
            b.clone(*op, mapping);
        SmallVector<Value> yields;
        for (auto [write, outputArg] : llvm::zip_equal(writes, outputArgs)) {
          Value value = mapping.lookupOrDefault(write.op->getOperand(0));
          if (auto atomic = dyn_cast<memref::AtomicRMWOp>(write.op))
            value = arith::getReductionOp(atomic.getKind(), b, bodyLoc,
                                          outputArg, value);
          yields.push_back(value);
        }
        linalg::YieldOp::create(b, bodyLoc, yields);
      });
  rewriter.eraseOp(outermost);
}

SmallVector<Operation *> NestRaiser::splitByOutputs(RewriterBase &rewriter) {
  if (outputGroups.size() < 2)
    return {};
  // Each group's values may read only inputs and its own accumulators.
  llvm::SmallPtrSet<Operation *, 16> inBody(bodyOps.begin(), bodyOps.end());
  for (ArrayRef<Operation *> group : outputGroups) {
    SmallVector<Value> worklist;
    for (Operation *write : group)
      worklist.push_back(write->getOperand(0));
    llvm::SmallPtrSet<Operation *, 16> seen;
    while (!worklist.empty()) {
      Operation *def = worklist.pop_back_val().getDefiningOp();
      if (!def || !inBody.contains(def) || !seen.insert(def).second)
        continue;
      if (auto load = dyn_cast<memref::LoadOp>(def)) {
        const Access *write = writeOf(load.getMemref());
        if (write && !llvm::is_contained(group, write->op))
          return {};
        continue;
      }
      def->walk([&](Operation *nested) {
        for (Value operand : nested->getOperands())
          worklist.push_back(operand);
      });
    }
  }
  SmallVector<Operation *> copies;
  rewriter.setInsertionPoint(outermost);
  for (ArrayRef<Operation *> group : outputGroups) {
    IRMapping mapping;
    Operation *copy = rewriter.clone(*outermost, mapping);
    for (const Access &write : writes)
      if (!llvm::is_contained(group, write.op))
        rewriter.eraseOp(mapping.lookup(write.op));
    // What only the other groups used goes too.
    bool erased = true;
    while (erased) {
      erased = false;
      for (Operation *op : llvm::reverse(bodyOps)) {
        Operation *copied = mapping.lookupOrNull(op);
        if (!copied || !copied->use_empty() ||
            !(isa<memref::LoadOp>(copied) || isMemoryEffectFree(copied)))
          continue;
        rewriter.eraseOp(copied);
        mapping.erase(op);
        erased = true;
      }
    }
    copies.push_back(copy);
  }
  rewriter.eraseOp(outermost);
  return copies;
}

void raiseIn(Block &block, RewriterBase &rewriter);

/// Raises the nest `loop` roots, one linalg op per set of outputs; where it
/// cannot, tries the nests inside it.
void raiseOrDescend(Operation *loop, RewriterBase &rewriter) {
  NestRaiser raiser(loop);
  if (raiser.analyze()) {
    raiser.rewrite(rewriter);
    return;
  }
  SmallVector<Operation *> copies = raiser.splitByOutputs(rewriter);
  if (!copies.empty()) {
    for (Operation *copy : copies)
      raiseOrDescend(copy, rewriter);
    return;
  }
  for (Region &region : loop->getRegions())
    for (Block &inner : region)
      raiseIn(inner, rewriter);
}

/// Raises the outermost raisable nests in `block`, trying the nests inside
/// any loop (or other region op) that is not raised.
void raiseIn(Block &block, RewriterBase &rewriter) {
  for (Operation &op : llvm::make_early_inc_range(block)) {
    if (isa<scf::ForOp, scf::ParallelOp>(op)) {
      raiseOrDescend(&op, rewriter);
      continue;
    }
    for (Region &region : op.getRegions())
      for (Block &inner : region)
        raiseIn(inner, rewriter);
  }
}

struct PKRaiseLoopsToLinalgPass
    : pk::impl::PKRaiseLoopsToLinalgBase<PKRaiseLoopsToLinalgPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (Block &block : getOperation().getBody())
      raiseIn(block, rewriter);
  }
};

} // namespace
