//===- NormalizeContractions.cpp - contractions in any form as GEMMs ------===//
//
// A contraction written as a linalg.generic (operands transposed, batch
// dims anywhere, several M/N/K dims, a body that scales the product or
// multiplies more than two operands) matches no schedule and would run as
// naive loops: a 1024^3 transposed, scaled GEMM took 5.2 s where
// linalg.matmul takes 22 ms. The body's product is factored into an A
// side, a B side and a scale, and the op becomes
//   A and B in [batch][m][k] and [batch][k][n] order (the operand itself, a
//     transpose, or a prologue computing the side's product)
//   → linalg.matmul / linalg.batch_matmul on the collapsed dims
//   → an epilogue out = acc + scale * product, where one is needed
// as tensor-contraction libraries do (transpose-transpose-GEMM-transpose):
// the copies are O(n^2) against the GEMM's O(n^3), and the GEMM schedules
// of the recipe apply.
//
//===----------------------------------------------------------------------===//

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Transforms/Passes.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallBitVector.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKNORMALIZECONTRACTIONS
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

/// One multiplicand of the body's product and the loops of the operands it
/// reads.
struct Factor {
  Value value;
  llvm::SmallBitVector loops;
};

/// How a contraction is computed as a GEMM. Loop lists are in the layout
/// order of the tensors they describe.
struct GemmPlan {
  SmallVector<Factor> aSide, bSide, scale;
  SmallVector<unsigned> batch, m, n, k;
  bool isFloat;
};

/// The leaves of the tree of `Node` ops rooted at `v` (a product's
/// multiplicands, a sum's terms): nodes of the body used only inside the
/// tree.
template <typename Node>
void collectLeaves(Value v, Block *body, SmallVectorImpl<Value> &leaves) {
  Operation *def = v.getDefiningOp();
  if (isa_and_nonnull<Node>(def) && def->getBlock() == body &&
      def->hasOneUse()) {
    collectLeaves<Node>(def->getOperand(0), body, leaves);
    collectLeaves<Node>(def->getOperand(1), body, leaves);
    return;
  }
  leaves.push_back(v);
}

/// The loops whose operands `v` reads, or nothing when it depends on the
/// accumulator, a loop index or an op with a region.
std::optional<llvm::SmallBitVector> loopsRead(linalg::LinalgOp op, Value v) {
  llvm::SmallBitVector loops(op.getNumLoops());
  Block *body = op.getBlock();
  SmallVector<Value> worklist{v};
  llvm::DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value cur = worklist.pop_back_val();
    if (!seen.insert(cur).second)
      continue;
    if (auto arg = dyn_cast<BlockArgument>(cur)) {
      if (arg.getOwner() != body)
        continue; // Defined above the op: loop invariant.
      OpOperand *operand = op.getMatchingOpOperand(arg);
      if (op.isDpsInit(operand))
        return std::nullopt;
      for (AffineExpr e : op.getMatchingIndexingMap(operand).getResults())
        loops.set(cast<AffineDimExpr>(e).getPosition());
      continue;
    }
    Operation *def = cur.getDefiningOp();
    if (def->getBlock() != body)
      continue;
    if (isa<linalg::IndexOp>(def) || def->getNumRegions() != 0 ||
        !isPure(def))
      return std::nullopt;
    llvm::append_range(worklist, def->getOperands());
  }
  return loops;
}

/// The products a body `yield acc + p1 + ... + pn` adds to the accumulator
/// (each becomes a GEMM of its own, chained through the accumulator).
FailureOr<SmallVector<Value>> getProducts(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op->getNumResults() != 1 || op.getNumReductionLoops() == 0)
    return failure();
  if (!llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isProjectedPermutation(); }))
    return failure();
  Block *body = op.getBlock();
  Value acc = body->getArgument(op.getNumDpsInputs());
  Type elementType = acc.getType();
  bool isFloat = isa<FloatType>(elementType);
  if (!isFloat && !elementType.isSignlessInteger())
    return failure();
  Value yielded = body->getTerminator()->getOperand(0);
  if (yielded == acc)
    return failure();
  SmallVector<Value> terms;
  if (isFloat)
    collectLeaves<arith::AddFOp>(yielded, body, terms);
  else
    collectLeaves<arith::AddIOp>(yielded, body, terms);
  if (llvm::count(terms, acc) != 1 || terms.size() < 2)
    return failure();
  SmallVector<Value> products;
  for (Value term : terms)
    if (term != acc)
      products.push_back(term);
  return products;
}

FailureOr<GemmPlan> planGemm(linalg::LinalgOp op, Value product) {
  GemmPlan plan;
  plan.isFloat = isa<FloatType>(product.getType());
  Block *body = op.getBlock();

  SmallVector<Value> values;
  if (plan.isFloat)
    collectLeaves<arith::MulFOp>(product, body, values);
  else
    collectLeaves<arith::MulIOp>(product, body, values);
  llvm::SmallBitVector reduction(op.getNumLoops());
  for (unsigned d : llvm::seq(op.getNumLoops()))
    reduction[d] = op.getIteratorTypesArray()[d] == utils::IteratorType::reduction;
  SmallVector<Factor> reducing;
  for (Value v : values) {
    std::optional<llvm::SmallBitVector> loops = loopsRead(op, v);
    if (!loops)
      return failure();
    Factor factor{v, *loops};
    if ((*loops & reduction).any())
      reducing.push_back(factor);
    else
      plan.scale.push_back(factor);
  }

  // Two sides: a multiplicand joins the side whose parallel loops include
  // its own; the ones with the most parallel loops found the sides.
  auto parallelCount = [&](const Factor &f) {
    return (f.loops & ~reduction).count();
  };
  // Stable: ties keep the body's order.
  for (size_t i = 1; i < reducing.size(); ++i)
    for (size_t j = i; j > 0 && parallelCount(reducing[j]) >
                                    parallelCount(reducing[j - 1]);
         --j)
      std::swap(reducing[j], reducing[j - 1]);
  llvm::SmallBitVector aParallel(op.getNumLoops()),
      bParallel(op.getNumLoops());
  auto subset = [](const llvm::SmallBitVector &x,
                   const llvm::SmallBitVector &y) { return !x.test(y); };
  for (Factor &factor : reducing) {
    llvm::SmallBitVector parallel = factor.loops & ~reduction;
    if (plan.aSide.empty()) {
      plan.aSide.push_back(factor);
      aParallel = parallel;
    } else if (subset(parallel, aParallel)) {
      plan.aSide.push_back(factor);
    } else if (plan.bSide.empty()) {
      plan.bSide.push_back(factor);
      bParallel = parallel;
    } else if (subset(parallel, bParallel)) {
      plan.bSide.push_back(factor);
    } else {
      return failure();
    }
  }
  if (plan.bSide.empty())
    return failure(); // A reduction, not a contraction.
  // A is the side of the output's leading (non-batch) dim, so an output in
  // [m][n] order needs no transpose.
  AffineMap outMap = op.getIndexingMapsArray().back();
  for (AffineExpr e : outMap.getResults()) {
    unsigned d = cast<AffineDimExpr>(e).getPosition();
    if (aParallel[d] != bParallel[d]) {
      if (bParallel[d])
        std::swap(plan.aSide, plan.bSide);
      break;
    }
  }

  // The sides' access patterns as indexing maps: upstream's contraction
  // analysis then names the batch, m, n and k loops.
  MLIRContext *ctx = op.getContext();
  auto sideMap = [&](ArrayRef<Factor> side) {
    llvm::SmallBitVector loops(op.getNumLoops());
    for (const Factor &factor : side)
      loops |= factor.loops;
    SmallVector<AffineExpr> exprs;
    for (unsigned d : loops.set_bits())
      exprs.push_back(getAffineDimExpr(d, ctx));
    return AffineMap::get(op.getNumLoops(), 0, exprs, ctx);
  };
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(
      {sideMap(plan.aSide), sideMap(plan.bSide), outMap});
  if (failed(dims) || dims->m.empty() || dims->n.empty())
    return failure(); // Matrix-vector products have their own schedule.
  if (dims->batch.size() + dims->m.size() + dims->n.size() + dims->k.size() !=
      op.getNumLoops())
    return failure();
  llvm::SmallBitVector outLoops(op.getNumLoops());
  for (AffineExpr e : outMap.getResults())
    outLoops.set(cast<AffineDimExpr>(e).getPosition());
  for (const Factor &factor : plan.scale)
    if (!subset(factor.loops, outLoops))
      return failure();

  // batch, m and n in the order of the output; k in loop order.
  auto inOutputOrder = [&](ArrayRef<unsigned> loops) {
    SmallVector<unsigned> ordered;
    for (AffineExpr e : outMap.getResults()) {
      unsigned d = cast<AffineDimExpr>(e).getPosition();
      if (llvm::is_contained(loops, d))
        ordered.push_back(d);
    }
    return ordered;
  };
  plan.batch = inOutputOrder(dims->batch);
  plan.m = inOutputOrder(dims->m);
  plan.n = inOutputOrder(dims->n);
  plan.k = SmallVector<unsigned>(dims->k.begin(), dims->k.end());
  llvm::sort(plan.k);
  return plan;
}

/// `map` (over the op's loops) over the loops `loops` only: loop i of the
/// result is the op's loop loops[i].
AffineMap restrictToLoops(AffineMap map, ArrayRef<unsigned> loops) {
  MLIRContext *ctx = map.getContext();
  SmallVector<AffineExpr> replacements(map.getNumDims(),
                                       getAffineConstantExpr(0, ctx));
  for (auto [i, d] : llvm::enumerate(loops))
    replacements[d] = getAffineDimExpr(i, ctx);
  return map.replaceDimsAndSymbols(replacements, {}, loops.size(), 0);
}

class GemmBuilder {
public:
  GemmBuilder(RewriterBase &rewriter, linalg::LinalgOp op,
              const GemmPlan &plan)
      : rewriter(rewriter), op(op), plan(plan), loc(op.getLoc()),
        ranges(op.createLoopRanges(rewriter, loc)) {}

  /// `init` plus this plan's product, laid out as the op's output.
  Value build(Value init) {
    SmallVector<unsigned> aLoops = concat(plan.batch, plan.m, plan.k);
    SmallVector<unsigned> bLoops = concat(plan.batch, plan.k, plan.n);
    SmallVector<unsigned> cLoops = concat(plan.batch, plan.m, plan.n);
    Value a = collapse(side(plan.aSide, aLoops), {plan.batch.size(),
                                                  plan.m.size(),
                                                  plan.k.size()});
    Value b = collapse(side(plan.bSide, bLoops), {plan.batch.size(),
                                                  plan.k.size(),
                                                  plan.n.size()});
    SmallVector<size_t> cGroups{plan.batch.size(), plan.m.size(),
                                plan.n.size()};
    // Without a scale, an output already in [batch][m][n] order is the
    // GEMM's accumulator itself.
    AffineMap outMap = op.getIndexingMapsArray().back();
    bool inPlace = plan.scale.empty() &&
                   outMap == AffineMap::get(op.getNumLoops(), 0,
                                            dimExprs(cLoops),
                                            op.getContext());
    Value cInit;
    if (inPlace) {
      cInit = collapse(init, cGroups);
    } else {
      Type elementType = getElementTypeOrSelf(init.getType());
      Value empty = collapse(emptyTensor(cLoops, elementType), cGroups);
      Value zero = arith::ConstantOp::create(
          rewriter, loc, rewriter.getZeroAttr(elementType));
      cInit = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
    }
    Value gemm =
        plan.batch.empty()
            ? linalg::MatmulOp::create(rewriter, loc, cInit.getType(),
                                       ValueRange{a, b}, cInit)
                  .getResult(0)
            : linalg::BatchMatmulOp::create(rewriter, loc, cInit.getType(),
                                            ValueRange{a, b}, cInit)
                  .getResult(0);
    Value product = expand(gemm, cLoops, cGroups);
    if (inPlace)
      return product;
    return epilogue(product, cLoops, init);
  }

private:
  static SmallVector<unsigned> concat(ArrayRef<unsigned> x,
                                      ArrayRef<unsigned> y,
                                      ArrayRef<unsigned> z) {
    SmallVector<unsigned> all(x);
    llvm::append_range(all, y);
    llvm::append_range(all, z);
    return all;
  }

  SmallVector<AffineExpr> dimExprs(ArrayRef<unsigned> loops) {
    SmallVector<AffineExpr> exprs;
    for (unsigned d : loops)
      exprs.push_back(rewriter.getAffineDimExpr(d));
    return exprs;
  }

  Value emptyTensor(ArrayRef<unsigned> loops, Type elementType) {
    SmallVector<OpFoldResult> sizes;
    for (unsigned d : loops)
      sizes.push_back(ranges[d].size);
    return tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
  }

  /// Reassociation merging consecutive groups of `groups[i]` dims (empty
  /// groups are left out).
  static SmallVector<ReassociationIndices>
  reassociation(ArrayRef<size_t> groups) {
    SmallVector<ReassociationIndices> result;
    int64_t next = 0;
    for (size_t size : groups) {
      if (size == 0)
        continue;
      ReassociationIndices group;
      for (size_t i = 0; i < size; ++i)
        group.push_back(next++);
      result.push_back(group);
    }
    return result;
  }

  Value collapse(Value v, ArrayRef<size_t> groups) {
    SmallVector<ReassociationIndices> reassoc = reassociation(groups);
    if (static_cast<int64_t>(reassoc.size()) ==
        cast<RankedTensorType>(v.getType()).getRank())
      return v;
    return tensor::CollapseShapeOp::create(rewriter, loc, v, reassoc);
  }

  Value expand(Value v, ArrayRef<unsigned> loops, ArrayRef<size_t> groups) {
    if (cast<RankedTensorType>(v.getType()).getRank() ==
        static_cast<int64_t>(loops.size()))
      return v;
    SmallVector<OpFoldResult> sizes;
    for (unsigned d : loops)
      sizes.push_back(ranges[d].size);
    auto [staticSizes, dynamicSizes] = decomposeMixedValues(sizes);
    (void)dynamicSizes;
    auto type = RankedTensorType::get(
        staticSizes, getElementTypeOrSelf(v.getType()));
    return tensor::ExpandShapeOp::create(rewriter, loc, type, v,
                                         reassociation(groups), sizes);
  }

  /// Clones into the current block the body ops that compute `values`,
  /// with the op's block arguments mapped by `mapping`.
  void cloneSlice(ArrayRef<Value> values, IRMapping &mapping) {
    llvm::SetVector<Operation *> needed;
    SmallVector<Value> worklist(values);
    Block *body = op.getBlock();
    while (!worklist.empty()) {
      Operation *def = worklist.pop_back_val().getDefiningOp();
      if (!def || def->getBlock() != body || !needed.insert(def))
        continue;
      llvm::append_range(worklist, def->getOperands());
    }
    for (Operation &inner : body->without_terminator())
      if (needed.contains(&inner))
        rewriter.clone(inner, mapping);
  }

  Value multiply(ArrayRef<Value> values) {
    Value result = values.front();
    for (Value v : values.drop_front())
      result = plan.isFloat
                   ? arith::MulFOp::create(rewriter, loc, result, v).getResult()
                   : arith::MulIOp::create(rewriter, loc, result, v).getResult();
    return result;
  }

  /// The input operands whose block arguments the slices of `factors` read.
  SmallVector<OpOperand *> inputsRead(ArrayRef<Factor> factors) {
    llvm::SetVector<OpOperand *> operands;
    SmallVector<Value> worklist;
    for (const Factor &factor : factors)
      worklist.push_back(factor.value);
    llvm::DenseSet<Value> seen;
    Block *body = op.getBlock();
    while (!worklist.empty()) {
      Value v = worklist.pop_back_val();
      if (!seen.insert(v).second)
        continue;
      if (auto arg = dyn_cast<BlockArgument>(v)) {
        if (arg.getOwner() == body)
          operands.insert(op.getMatchingOpOperand(arg));
        continue;
      }
      if (v.getDefiningOp()->getBlock() == body)
        llvm::append_range(worklist, v.getDefiningOp()->getOperands());
    }
    return operands.takeVector();
  }

  /// A side of the GEMM as a tensor with dims `loops`: the operand itself
  /// (transposed if need be) when the side is one operand read as it is,
  /// else a prologue computing the side's product.
  Value side(ArrayRef<Factor> factors, ArrayRef<unsigned> loops) {
    if (factors.size() == 1) {
      if (auto arg = dyn_cast<BlockArgument>(factors.front().value);
          arg && arg.getOwner() == op.getBlock()) {
        OpOperand *operand = op.getMatchingOpOperand(arg);
        AffineMap map = op.getMatchingIndexingMap(operand);
        if (map.getNumResults() == loops.size()) {
          // perm[i]: the operand dim that holds loops[i].
          SmallVector<int64_t> perm;
          for (unsigned d : loops)
            perm.push_back(*map.getResultPosition(rewriter.getAffineDimExpr(d)));
          if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
            return operand->get();
          return pk::createTranspose(rewriter, loc, operand->get(), perm);
        }
      }
    }
    SmallVector<OpOperand *> inputs = inputsRead(factors);
    SmallVector<Value> inputValues;
    SmallVector<AffineMap> maps;
    for (OpOperand *input : inputs) {
      inputValues.push_back(input->get());
      maps.push_back(restrictToLoops(op.getMatchingIndexingMap(input), loops));
    }
    Type elementType = factors.front().value.getType();
    maps.push_back(rewriter.getMultiDimIdentityMap(loops.size()));
    SmallVector<utils::IteratorType> iterators(loops.size(),
                                               utils::IteratorType::parallel);
    auto prologue = linalg::GenericOp::create(
        rewriter, loc, TypeRange{RankedTensorType::get(
                           emptyShape(loops), elementType)},
        inputValues, ValueRange{emptyTensor(loops, elementType)}, maps,
        iterators, [&](OpBuilder &, Location, ValueRange args) {
          IRMapping mapping;
          for (auto [input, arg] : llvm::zip(inputs, args))
            mapping.map(op.getMatchingBlockArgument(input), arg);
          cloneSlice(llvm::map_to_vector(factors,
                                         [](const Factor &f) { return f.value; }),
                     mapping);
          SmallVector<Value> mapped;
          for (const Factor &factor : factors)
            mapped.push_back(mapping.lookupOrDefault(factor.value));
          linalg::YieldOp::create(rewriter, loc, multiply(mapped));
        });
    return prologue.getResult(0);
  }

  SmallVector<int64_t> emptyShape(ArrayRef<unsigned> loops) {
    SmallVector<int64_t> shape;
    for (unsigned d : loops)
      shape.push_back(getConstantIntValue(ranges[d].size).value_or(
          ShapedType::kDynamic));
    return shape;
  }

  /// init + scale * product over the op's parallel loops.
  Value epilogue(Value product, ArrayRef<unsigned> cLoops, Value initValue) {
    SmallVector<unsigned> parallel;
    for (unsigned d : llvm::seq(op.getNumLoops()))
      if (!llvm::is_contained(plan.k, d))
        parallel.push_back(d);
    SmallVector<OpOperand *> inputs = inputsRead(plan.scale);
    SmallVector<Value> inputValues{product};
    SmallVector<AffineMap> maps{restrictToLoops(
        AffineMap::get(op.getNumLoops(), 0, dimExprs(cLoops),
                       op.getContext()),
        parallel)};
    for (OpOperand *input : inputs) {
      inputValues.push_back(input->get());
      maps.push_back(
          restrictToLoops(op.getMatchingIndexingMap(input), parallel));
    }
    maps.push_back(restrictToLoops(
        op.getMatchingIndexingMap(op.getDpsInitOperand(0)), parallel));
    SmallVector<utils::IteratorType> iterators(parallel.size(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{initValue.getType()}, inputValues,
        ValueRange{initValue}, maps, iterators,
        [&](OpBuilder &, Location, ValueRange args) {
          IRMapping mapping;
          for (auto [input, arg] : llvm::zip(inputs, args.drop_front()))
            mapping.map(op.getMatchingBlockArgument(input), arg);
          SmallVector<Value> terms{args.front()};
          cloneSlice(llvm::map_to_vector(
                         plan.scale, [](const Factor &f) { return f.value; }),
                     mapping);
          for (const Factor &factor : plan.scale)
            terms.push_back(mapping.lookupOrDefault(factor.value));
          Value scaled = multiply(terms);
          Value acc = args.back();
          Value sum =
              plan.isFloat
                  ? arith::AddFOp::create(rewriter, loc, acc, scaled).getResult()
                  : arith::AddIOp::create(rewriter, loc, acc, scaled)
                        .getResult();
          linalg::YieldOp::create(rewriter, loc, sum);
        });
    return generic.getResult(0);
  }

  RewriterBase &rewriter;
  linalg::LinalgOp op;
  const GemmPlan &plan;
  Location loc;
  SmallVector<Range> ranges;
};

/// Named GEMMs have schedules of their own; ops a schedule recognises by a
/// pk.* tag are left to it.
bool isCandidate(linalg::LinalgOp op) {
  if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
    return false;
  if (pk::PKDialect::hasScheduleTag(op))
    return false;
  return isa<linalg::GenericOp>(op) ||
         linalg::isaContractionOpInterface(op);
}

struct PKNormalizeContractionsPass
    : pk::impl::PKNormalizeContractionsBase<PKNormalizeContractionsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      FailureOr<SmallVector<Value>> products = getProducts(op);
      if (failed(products))
        continue;
      SmallVector<GemmPlan, 2> plans;
      for (Value product : *products) {
        FailureOr<GemmPlan> plan = planGemm(op, product);
        if (failed(plan))
          break;
        plans.push_back(std::move(*plan));
      }
      if (plans.size() != products->size())
        continue;
      // acc + p1 + p2 (syr2k's A B^T + B A^T): one GEMM per product, each
      // accumulating into the previous one's result.
      rewriter.setInsertionPoint(op);
      Value result = op.getDpsInitOperand(0)->get();
      for (const GemmPlan &plan : plans)
        result = GemmBuilder(rewriter, op, plan).build(result);
      rewriter.replaceOp(op, result);
    }
  }
};

} // namespace
