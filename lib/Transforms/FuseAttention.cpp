//===- FuseAttention.cpp - online-softmax attention without N×N scores ----===//
//
// Attention written naively materialises the N×N score matrix: 1 GiB per head
// at N = 16384. This pass rewrites it — `pk.attention`, or the same
// computation as linalg on tensors — into FlashAttention's online softmax:
// per block of query rows, one loop over key/value tiles carries the running
// row maximum m, row sum l and accumulator acc (all f32), and rescales them
// whenever the maximum grows, so only tile-sized scores ever exist.
//
// The tile computation is laid out for the CPU's vector units: scores are
// computed transposed, Sᵀ[key, query] = K_tile · (c·Q_blk)ᵀ, so every row
// reduction of the softmax (max, sum) is an elementwise max/add of vectors
// along the query axis instead of a horizontal reduction, and K is read in
// its natural [N, D] layout (Qᵀ is built once per query block, not per
// tile). The tile ops carry unit attributes the built-in recipes schedule:
// `pk.attention_tile` (register-tiled matmuls, row-by-row vectorized
// generics) and `pk.attention_vector` (per-row state, vectorized whole).
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/Passes.h"

#include "AttentionPlan.h"

#include "pk/Dialect/PK/PKOps.h"
#include "pk/Dialect/PK/PKUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>

namespace mlir::pk {
#define GEN_PASS_DEF_PKFUSEATTENTION
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {

constexpr StringLiteral kTileAttr =
    pk::PKDialect::AttentionTileAttrHelper::getNameStr();
constexpr StringLiteral kVectorAttr =
    pk::PKDialect::AttentionVectorAttrHelper::getNameStr();

//===----------------------------------------------------------------------===//
// What is fused
//===----------------------------------------------------------------------===//

using pk::AttentionPlan;

bool isSupportedFloat(Type t) { return t.isF32() || t.isF16() || t.isBF16(); }

/// Why a plan cannot be emitted, or null when it can.
const char *checkPlan(const AttentionPlan &plan) {
  auto q = cast<RankedTensorType>(plan.query.getType());
  auto k = cast<RankedTensorType>(plan.key.getType());
  auto v = cast<RankedTensorType>(plan.value.getType());
  unsigned nb = plan.numBatch;
  if (q.getRank() != nb + 2 || k.getRank() != nb + 2 || v.getRank() != nb + 2)
    return "operands are not [batch..., N, D]";
  if (!isSupportedFloat(q.getElementType()) ||
      !isSupportedFloat(k.getElementType()) ||
      !isSupportedFloat(v.getElementType()) ||
      !isSupportedFloat(plan.resultElementType))
    return "element types other than f32, f16 and bf16";
  int64_t d = q.getDimSize(nb + 1);
  int64_t dk = k.getDimSize(plan.keyTransposed ? nb : nb + 1);
  if (ShapedType::isDynamic(d) || ShapedType::isDynamic(v.getDimSize(nb + 1)))
    return "dynamic head dimension (tiles are static)";
  if (!ShapedType::isDynamic(dk) && dk != d)
    return "query and key head dimensions differ";
  if (!std::isfinite(plan.scale) || !std::isfinite(plan.maskScale))
    return "non-finite scale";
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Emission
//===----------------------------------------------------------------------===//

Value f32Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

/// 2^x for f32 x, as plain arithmetic so it vectorizes with the generic it
/// sits in (math.exp2 would become a libm call per element): 2^x =
/// 2^n · 2^f with n = round(x) and the degree-7 Taylor polynomial of
/// 2^f = e^(f·ln2) on |f| <= 1/2 (relative error below 1e-8 before
/// rounding). x is clamped to [-127, 127]: at -127 the power 2^n has a
/// zero exponent field, so -inf (a masked score) gives exactly 0; NaN stays
/// NaN.
Value emitExp2(OpBuilder &b, Location loc, Value x) {
  auto c = [&](double v) { return f32Constant(b, loc, v); };
  x = arith::MaximumFOp::create(b, loc, x, c(-127.0));
  x = arith::MinimumFOp::create(b, loc, x, c(127.0));
  Value n =
      math::FloorOp::create(b, loc, arith::AddFOp::create(b, loc, x, c(0.5)));
  Value f = arith::SubFOp::create(b, loc, x, n);
  // Coefficients ln(2)^k / k!, highest first (Horner).
  const double coefficients[] = {1.525273380405984e-05, 1.540353039338161e-04,
                                 1.333355814642844e-03, 9.618129107628477e-03,
                                 5.550410866482158e-02, 2.402265069591007e-01,
                                 6.931471805599453e-01, 1.0};
  // Multiply-adds (contractable; vector.fma after pk-fuse-multiply-add):
  // math.fma would be expanded into the same pair by math-expand-ops.
  auto contract = arith::FastMathFlagsAttr::get(b.getContext(),
                                                arith::FastMathFlags::contract);
  Value p = c(coefficients[0]);
  for (double coefficient : ArrayRef(coefficients).drop_front()) {
    Value prod = arith::MulFOp::create(b, loc, p, f, contract);
    p = arith::AddFOp::create(b, loc, prod, c(coefficient), contract);
  }
  Type i32 = b.getI32Type();
  Value ni = arith::FPToSIOp::create(b, loc, i32, n);
  Value biased = arith::AddIOp::create(
      b, loc, ni, arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(127)));
  Value bits = arith::ShLIOp::create(
      b, loc, biased,
      arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(23)));
  Value pow2n = arith::BitcastOp::create(b, loc, b.getF32Type(), bits);
  return arith::MulFOp::create(b, loc, p, pow2n);
}

Value filled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
             Type elementType, Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

void tag(Operation *op, StringRef attr) {
  op->setAttr(attr, UnitAttr::get(op->getContext()));
}

/// Emits the fused loop nest for one attention.
class FusedAttentionEmitter {
public:
  FusedAttentionEmitter(OpBuilder &b, Location loc, const AttentionPlan &plan,
                        int64_t block)
      : b(b), loc(loc), plan(plan), blk(block), f32(b.getF32Type()) {}

  Value emit() {
    unsigned nb = plan.numBatch;
    auto qType = cast<RankedTensorType>(plan.query.getType());
    d = qType.getDimSize(nb + 1);
    dv = cast<RankedTensorType>(plan.value.getType()).getDimSize(nb + 1);
    SmallVector<OpFoldResult> batch;
    for (unsigned i = 0; i < nb; ++i)
      batch.push_back(tensor::getMixedSize(b, loc, plan.query, i));
    nq = tensor::getMixedSize(b, loc, plan.query, nb);
    nk = tensor::getMixedSize(b, loc, plan.key,
                              plan.keyTransposed ? nb + 1 : nb);

    SmallVector<OpFoldResult> outSizes(batch);
    outSizes.append({nq, b.getIndexAttr(dv)});
    Value out =
        tensor::EmptyOp::create(b, loc, outSizes, plan.resultElementType);
    AffineExpr s0;
    bindSymbols(b.getContext(), s0);
    SmallVector<OpFoldResult> ubs(batch);
    ubs.push_back(
        affine::makeComposedFoldedAffineApply(b, loc, s0.ceilDiv(blk), {nq}));
    // One work item per (batch..., query block): OpenMP threads on CPU,
    // blocks on a GPU.
    auto forall =
        scf::ForallOp::create(b, loc, ubs, ValueRange{out}, std::nullopt);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getTerminator());
    SmallVector<Value> ivs = llvm::to_vector(forall.getInductionVars());
    batchIvs.assign(ivs.begin(), std::prev(ivs.end()));
    emitQueryBlock(ivs.back(), forall.getRegionIterArgs()[0],
                   forall.getTerminator());
    return forall.getResult(0);
  }

private:
  OpFoldResult apply(AffineExpr expr, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineApply(b, loc, expr, operands);
  }
  OpFoldResult min(ArrayRef<AffineExpr> exprs,
                   ArrayRef<OpFoldResult> operands) {
    auto map = AffineMap::get(0, operands.size(), exprs, b.getContext());
    return affine::makeComposedFoldedAffineMin(b, loc, map, operands);
  }
  Value value(OpFoldResult ofr) {
    return getValueOrCreateConstantIndexOp(b, loc, ofr);
  }

  /// The 2-D slice [off0, off0+size0) × [off1, off1+size1) of the last two
  /// dimensions of `source` at the current batch indices.
  Value slice2D(Value source, OpFoldResult off0, OpFoldResult size0,
                OpFoldResult off1, OpFoldResult size1) {
    auto type = cast<RankedTensorType>(source.getType());
    SmallVector<OpFoldResult> offsets(batchIvs.begin(), batchIvs.end());
    SmallVector<OpFoldResult> sizes(batchIvs.size(), b.getIndexAttr(1));
    offsets.append({off0, off1});
    sizes.append({size0, size1});
    SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
    SmallVector<int64_t> shape = {
        getConstantIntValue(size0).value_or(ShapedType::kDynamic),
        getConstantIntValue(size1).value_or(ShapedType::kDynamic)};
    auto sliceType = RankedTensorType::get(shape, type.getElementType());
    return tensor::ExtractSliceOp::create(b, loc, sliceType, source, offsets,
                                          sizes, strides);
  }

  /// A static rows×cols tile of `source` whose valid part is only
  /// validRows×cols (resp. rows×validCols); the rest is zero, so padded keys
  /// and values are finite and padded query rows harmless.
  Value paddedTile(Value part, int64_t rows, int64_t cols) {
    auto type = cast<RankedTensorType>(part.getType());
    if (type.hasStaticShape() && type.getDimSize(0) == rows &&
        type.getDimSize(1) == cols)
      return part;
    Type elt = type.getElementType();
    Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elt));
    Value tile =
        filled(b, loc, {b.getIndexAttr(rows), b.getIndexAttr(cols)}, elt, zero);
    SmallVector<OpFoldResult> zeros(2, b.getIndexAttr(0)),
        ones(2, b.getIndexAttr(1));
    return tensor::InsertSliceOp::create(
        b, loc, part, tile, zeros, tensor::getMixedSizes(b, loc, part), ones);
  }

  SmallVector<AffineMap> maps(ArrayRef<ArrayRef<unsigned>> results,
                              unsigned numDims) {
    SmallVector<AffineMap> out;
    for (ArrayRef<unsigned> r : results) {
      SmallVector<AffineExpr> exprs;
      for (unsigned dim : r)
        exprs.push_back(b.getAffineDimExpr(dim));
      out.push_back(AffineMap::get(numDims, 0, exprs, b.getContext()));
    }
    return out;
  }

  linalg::GenericOp
  generic(TypeRange results, ValueRange ins, ValueRange outs,
          ArrayRef<AffineMap> indexingMaps,
          ArrayRef<utils::IteratorType> iterators,
          function_ref<void(OpBuilder &, Location, ValueRange)> body) {
    return linalg::GenericOp::create(b, loc, results, ins, outs, indexingMaps,
                                     iterators, body);
  }

  void emitQueryBlock(Value qb, Value sharedOut, scf::InParallelOp terminator) {
    using utils::IteratorType;
    const auto par = IteratorType::parallel;
    AffineExpr s0, s1;
    bindSymbols(b.getContext(), s0, s1);
    qStart = apply(s0 * blk, {qb});
    qSize = min({b.getAffineConstantExpr(blk), s1 - s0}, {qStart, nq});

    // Qᵀ block in f32, scaled by scale·log2(e) so the softmax uses exp2;
    // padded query rows are zero.
    Value q = slice2D(plan.query, qStart, qSize, b.getIndexAttr(0),
                      b.getIndexAttr(d));
    Value qt = filled(b, loc, {b.getIndexAttr(d), b.getIndexAttr(blk)}, f32,
                      f32Constant(b, loc, 0.0));
    SmallVector<OpFoldResult> zeros(2, b.getIndexAttr(0)),
        ones(2, b.getIndexAttr(1));
    SmallVector<OpFoldResult> qtSizes = {b.getIndexAttr(d), qSize};
    Value qtPart =
        tensor::ExtractSliceOp::create(b, loc, qt, zeros, qtSizes, ones);
    Value c = f32Constant(b, loc, plan.scale * M_LOG2E);
    Value qtScaled =
        generic(qtPart.getType(), q, qtPart, maps({{1, 0}, {0, 1}}, 2),
                {par, par},
                [&](OpBuilder &nb, Location nl, ValueRange args) {
                  Value x = arith::MulFOp::create(
                      nb, nl,
                      convertScalarToDtype(nb, nl, args[0], nb.getF32Type(),
                                           /*isUnsignedCast=*/false),
                      c);
                  linalg::YieldOp::create(nb, nl, x);
                })
            .getResult(0);
    qtBlock = tensor::InsertSliceOp::create(b, loc, qtScaled, qt, zeros,
                                            qtSizes, ones);

    // A finite minimum, not -inf: exp2(m - m') stays a number, and a row
    // whose every score is -inf ends with l = 0 and acc = 0.
    Value m0 = filled(b, loc, {b.getIndexAttr(blk)}, f32,
                      pk::createLowestFinite(b, loc, b.getF32Type()));
    Value l0 =
        filled(b, loc, {b.getIndexAttr(blk)}, f32, f32Constant(b, loc, 0.0));
    Value acc0 = filled(b, loc, {b.getIndexAttr(blk), b.getIndexAttr(dv)}, f32,
                        f32Constant(b, loc, 0.0));
    // The score tile's buffer is carried through the loop and reused
    // in place: a fresh zero tile per step would be hoisted out of the loop
    // and copied on every step instead.
    Value scores0 =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{blk, blk}, f32);

    // Full tiles need no mask: all keys exist and, with `causal`, all lie
    // at or before the block's first query. At most one tile remains (the
    // diagonal, or the last partial one); tiles past it are never visited.
    OpFoldResult nkFull = apply(s0.floorDiv(blk) * blk, {nk});
    OpFoldResult fullEnd = nkFull, kvEnd = nk;
    if (plan.causal) {
      fullEnd = min({s0, s1}, {qStart, nkFull});
      AffineExpr s2 = b.getAffineSymbolExpr(2);
      kvEnd = min({s0 + s1, s2}, {qStart, qSize, nk});
    }
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    Value step = arith::ConstantIndexOp::create(b, loc, blk);
    auto loop = scf::ForOp::create(
        b, loc, c0, value(fullEnd), step, ValueRange{m0, l0, acc0, scores0},
        [&](OpBuilder &nb, Location nl, Value kv, ValueRange state) {
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          Value k = plan.keyTransposed
                        ? slice2D(plan.key, b.getIndexAttr(0),
                                  b.getIndexAttr(d), kv, b.getIndexAttr(blk))
                        : slice2D(plan.key, kv, b.getIndexAttr(blk),
                                  b.getIndexAttr(0), b.getIndexAttr(d));
          Value v = slice2D(plan.value, kv, b.getIndexAttr(blk),
                            b.getIndexAttr(0), b.getIndexAttr(dv));
          SmallVector<Value> next = emitTile(k, v, state, kv, nullptr);
          scf::YieldOp::create(b, nl, next);
        });

    OpFoldResult rem = apply(s1 - s0, {fullEnd, kvEnd});
    Value hasRem = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                         value(fullEnd), value(kvEnd));
    auto ifOp = scf::IfOp::create(b, loc, loop.getResultTypes(), hasRem,
                                  /*withElseRegion=*/true);
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      Value kvv = value(fullEnd);
      Value k = plan.keyTransposed
                    ? paddedTile(slice2D(plan.key, b.getIndexAttr(0),
                                         b.getIndexAttr(d), kvv, rem),
                                 d, blk)
                    : paddedTile(slice2D(plan.key, kvv, rem, b.getIndexAttr(0),
                                         b.getIndexAttr(d)),
                                 blk, d);
      Value v = paddedTile(
          slice2D(plan.value, kvv, rem, b.getIndexAttr(0), b.getIndexAttr(dv)),
          blk, dv);
      SmallVector<Value> next =
          emitTile(k, v, loop.getResults(), kvv, value(rem));
      scf::YieldOp::create(b, loc, next);
      b.setInsertionPointToStart(ifOp.elseBlock());
      scf::YieldOp::create(b, loc, loop.getResults());
    }

    // O = acc / l; a row that saw no finite score (l = 0) is zero, not NaN.
    Value l = ifOp.getResult(1), acc = ifOp.getResult(2);
    Value outTile = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{blk, dv},
                                            plan.resultElementType);
    Value normalized =
        generic(outTile.getType(), ValueRange{acc, l}, outTile,
                maps({{0, 1}, {0}, {0, 1}}, 2), {par, par},
                [&](OpBuilder &nb, Location nl, ValueRange args) {
                  Value zero = f32Constant(nb, nl, 0.0);
                  Value empty = arith::CmpFOp::create(
                      nb, nl, arith::CmpFPredicate::OEQ, args[1], zero);
                  Value x = arith::DivFOp::create(nb, nl, args[0], args[1]);
                  x = arith::SelectOp::create(nb, nl, empty, zero, x);
                  linalg::YieldOp::create(
                      nb, nl,
                      convertScalarToDtype(nb, nl, x, plan.resultElementType,
                                           /*isUnsignedCast=*/false));
                })
            .getResult(0);
    SmallVector<OpFoldResult> resultSizes = {qSize, b.getIndexAttr(dv)};
    Value rows = tensor::ExtractSliceOp::create(b, loc, normalized, zeros,
                                                resultSizes, ones);

    b.setInsertionPointToStart(terminator.getBody());
    SmallVector<OpFoldResult> offsets(batchIvs.begin(), batchIvs.end());
    SmallVector<OpFoldResult> sizes(batchIvs.size(), b.getIndexAttr(1));
    offsets.append({qStart, b.getIndexAttr(0)});
    sizes.append(resultSizes);
    SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
    tensor::ParallelInsertSliceOp::create(b, loc, rows, sharedOut, offsets,
                                          sizes, strides);
  }

  /// One key/value tile: state (m, l, acc) → (m', l', acc'). `validKeys` is
  /// set for the last tile, whose keys past it (and, with `causal`, after
  /// the query) are masked.
  SmallVector<Value> emitTile(Value k, Value v, ValueRange state, Value kvStart,
                              Value validKeys) {
    using utils::IteratorType;
    const auto par = IteratorType::parallel, red = IteratorType::reduction;
    Value m = state[0], l = state[1], acc = state[2];
    Value zero = f32Constant(b, loc, 0.0);
    auto idx = [&](int64_t n) { return b.getIndexAttr(n); };

    // Sᵀ[key, query] = K_tile · Qᵀ (log2 units).
    auto zeroTile =
        linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{state[3]});
    tag(zeroTile, kVectorAttr);
    Value s = zeroTile.getResult(0);
    SmallVector<AffineMap> mmMaps = plan.keyTransposed
                                        ? maps({{2, 0}, {2, 1}, {0, 1}}, 3)
                                        : maps({{0, 2}, {2, 1}, {0, 1}}, 3);
    NamedAttribute mmAttr(b.getStringAttr("indexing_maps"),
                          b.getAffineMapArrayAttr(mmMaps));
    auto mm1 = linalg::MatmulOp::create(b, loc, s.getType(),
                                        ValueRange{k, qtBlock}, ValueRange{s},
                                        ArrayRef<NamedAttribute>{mmAttr});
    tag(mm1, kTileAttr);
    s = mm1.getResult(0);

    if (plan.mask)
      s = emitMaskAdd(s, kvStart);
    if (validKeys) {
      Value lowest = pk::createLowestFinite(b, loc, b.getF32Type());
      auto masked = generic(
          s.getType(), ValueRange{}, s, maps({{0, 1}}, 2), {par, par},
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            Value j = linalg::IndexOp::create(nb, nl, 0);
            Value off = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::uge,
                                              j, validKeys);
            if (plan.causal) {
              Value i = linalg::IndexOp::create(nb, nl, 1);
              Value key = arith::AddIOp::create(nb, nl, j, kvStart);
              Value query = arith::AddIOp::create(nb, nl, i, value(qStart));
              Value future = arith::CmpIOp::create(
                  nb, nl, arith::CmpIPredicate::ugt, key, query);
              off = arith::OrIOp::create(nb, nl, off, future);
            }
            Value x = arith::SelectOp::create(nb, nl, off, lowest, args[0]);
            linalg::YieldOp::create(nb, nl, x);
          });
      tag(masked, kTileAttr);
      s = masked.getResult(0);
    }

    // Tile row maximum: an elementwise max across the rows of Sᵀ.
    Value tileMaxInit = filled(b, loc, {idx(blk)}, f32,
                               pk::createLowestFinite(b, loc, b.getF32Type()));
    auto rowMax = generic(
        tileMaxInit.getType(), s, tileMaxInit, maps({{0, 1}, {1}}, 2),
        {red, par}, [&](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(
              nb, nl,
              Value(arith::MaxNumFOp::create(nb, nl, args[0], args[1])));
        });
    tag(rowMax, kTileAttr);

    // m' = max(m, tile max), α = exp2(m − m') and α·l as the start of the
    // new row sum. m and l are updated in place (loop-carried buffers must
    // stay the same across iterations for bufferization).
    Value alphaInit =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{blk}, f32);
    auto rescale = generic(
        TypeRange{m.getType(), m.getType(), m.getType()},
        ValueRange{rowMax.getResult(0)}, ValueRange{m, alphaInit, l},
        maps({{0}, {0}, {0}, {0}}, 1), {par},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value mNew = arith::MaxNumFOp::create(nb, nl, args[1], args[0]);
          Value diff = arith::SubFOp::create(nb, nl, args[1], mNew);
          Value alpha = emitExp2(nb, nl, diff);
          Value scaled = arith::MulFOp::create(nb, nl, alpha, args[3]);
          linalg::YieldOp::create(nb, nl, ValueRange{mNew, alpha, scaled});
        });
    tag(rescale, kVectorAttr);
    Value mNew = rescale.getResult(0), alpha = rescale.getResult(1),
          lScaled = rescale.getResult(2);

    // Pᵀ = exp2(Sᵀ − m'), in place of Sᵀ.
    auto probs =
        generic(s.getType(), ValueRange{mNew}, s, maps({{1}, {0, 1}}, 2),
                {par, par}, [&](OpBuilder &nb, Location nl, ValueRange args) {
                  Value diff = arith::SubFOp::create(nb, nl, args[1], args[0]);
                  linalg::YieldOp::create(nb, nl, emitExp2(nb, nl, diff));
                });
    tag(probs, kTileAttr);
    Value p = probs.getResult(0);

    // l' = α·l + Σ_key Pᵀ.
    auto rowSum = generic(
        l.getType(), p, lScaled, maps({{0, 1}, {1}}, 2), {red, par},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(
              nb, nl, Value(arith::AddFOp::create(nb, nl, args[0], args[1])));
        });
    tag(rowSum, kTileAttr);

    // acc' = α·acc + P·V.
    auto accScale = generic(
        acc.getType(), alpha, acc, maps({{0}, {0, 1}}, 2), {par, par},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(
              nb, nl, Value(arith::MulFOp::create(nb, nl, args[0], args[1])));
        });
    tag(accScale, kTileAttr);
    NamedAttribute pvAttr(
        b.getStringAttr("indexing_maps"),
        b.getAffineMapArrayAttr(maps({{2, 0}, {2, 1}, {0, 1}}, 3)));
    auto mm2 = linalg::MatmulOp::create(b, loc, acc.getType(), ValueRange{p, v},
                                        ValueRange{accScale.getResult(0)},
                                        ArrayRef<NamedAttribute>{pvAttr});
    tag(mm2, kTileAttr);
    return {mNew, rowSum.getResult(0), mm2.getResult(0), p};
  }

  /// Sᵀ += maskScale·log2(e)·mask at the tile's (query, key) positions.
  /// Positions past the end (padding) read the last row/column instead;
  /// padded keys are masked and padded queries dropped afterwards.
  Value emitMaskAdd(Value s, Value kvStart) {
    using utils::IteratorType;
    const auto par = IteratorType::parallel;
    Value maskValue = plan.mask;
    AffineMap maskMap = plan.maskMap;
    Value c = f32Constant(b, loc, plan.maskScale * M_LOG2E);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value lastQ = arith::SubIOp::create(b, loc, value(nq), one);
    Value lastK = arith::SubIOp::create(b, loc, value(nk), one);
    Value q0 = value(qStart);
    auto add = generic(
        s.getType(), ValueRange{}, s, maps({{0, 1}}, 2), {par, par},
        [&](OpBuilder &nb2, Location nl, ValueRange args) {
          Value j = linalg::IndexOp::create(nb2, nl, 0);
          Value i = linalg::IndexOp::create(nb2, nl, 1);
          Value query = arith::MinUIOp::create(
              nb2, nl, arith::AddIOp::create(nb2, nl, i, q0), lastQ);
          Value key = arith::MinUIOp::create(
              nb2, nl, arith::AddIOp::create(nb2, nl, j, kvStart), lastK);
          SmallVector<Value> loopIdx(batchIvs.begin(), batchIvs.end());
          loopIdx.append({query, key});
          SmallVector<Value> indices;
          for (AffineExpr e : maskMap.getResults())
            indices.push_back(loopIdx[cast<AffineDimExpr>(e).getPosition()]);
          Value mv = tensor::ExtractOp::create(nb2, nl, maskValue, indices);
          Value x = arith::MulFOp::create(
              nb2, nl,
              convertScalarToDtype(nb2, nl, mv, nb2.getF32Type(),
                                   /*isUnsignedCast=*/false),
              c);
          linalg::YieldOp::create(
              nb2, nl, Value(arith::AddFOp::create(nb2, nl, args[0], x)));
        });
    return add.getResult(0);
  }

  OpBuilder &b;
  Location loc;
  const AttentionPlan &plan;
  int64_t blk;
  Type f32;
  int64_t d = 0, dv = 0;
  OpFoldResult nq, nk, qStart, qSize;
  SmallVector<Value> batchIvs;
  Value qtBlock;
};

Value emitFusedAttention(OpBuilder &b, Location loc, const AttentionPlan &plan,
                         int64_t block) {
  return FusedAttentionEmitter(b, loc, plan, block).emit();
}

//===----------------------------------------------------------------------===//
// pk.attention
//===----------------------------------------------------------------------===//

struct FusePKAttention : OpRewritePattern<pk::AttentionOp> {
  FusePKAttention(MLIRContext *ctx,
                  std::shared_ptr<const pk::AttentionEmitter> emitter)
      : OpRewritePattern(ctx), emitter(std::move(emitter)) {}

  LogicalResult matchAndRewrite(pk::AttentionOp op,
                                PatternRewriter &rewriter) const override {
    AttentionPlan plan;
    plan.query = op.getQuery();
    plan.key = op.getKey();
    plan.value = op.getValue();
    plan.numBatch = op.getType().getRank() - 2;
    plan.scale = op.getScaleOrDefault();
    plan.causal = op.getCausal();
    plan.resultElementType = op.getType().getElementType();
    if (const char *why = checkPlan(plan))
      return rewriter.notifyMatchFailure(op, why);
    if (const char *why = emitter->check(plan))
      return rewriter.notifyMatchFailure(op, why);
    Value fused = emitter->emit(rewriter, op.getLoc(), plan);
    rewriter.replaceOp(
        op, pk::castToType(rewriter, op.getLoc(), fused, op.getType()));
    return success();
  }

  std::shared_ptr<const pk::AttentionEmitter> emitter;
};

//===----------------------------------------------------------------------===//
// The linalg form
//===----------------------------------------------------------------------===//

/// Loop dimensions of a contraction with one m, n and k dimension.
struct Contraction {
  linalg::LinalgOp op;
  SmallVector<unsigned> batch;
  unsigned m, n, k;
};

bool isZeroFill(Value init) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// A contraction (named or generic) into a zero-filled init whose output is
/// [batch..., m, n].
FailureOr<Contraction> matchContraction(Value result) {
  auto op = result.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !linalg::isaContractionOpInterface(op))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1)
    return failure();
  Contraction c{op,
                SmallVector<unsigned>(dims->batch.begin(), dims->batch.end()),
                dims->m[0], dims->n[0], dims->k[0]};
  SmallVector<unsigned> out(c.batch);
  out.append({c.m, c.n});
  AffineMap outMap = op.getIndexingMapMatchingResult(cast<OpResult>(result));
  if (outMap != AffineMap::getMultiDimMapWithTargets(op.getNumLoops(), out,
                                                     op.getContext()) ||
      !isZeroFill(op.getDpsInits()[0]))
    return failure();
  return c;
}

/// Whether operand `i` of `c` is indexed [batch..., a, b].
bool indexedAs(const Contraction &c, unsigned i, unsigned a, unsigned bDim) {
  SmallVector<unsigned> dims(c.batch);
  dims.append({a, bDim});
  linalg::LinalgOp op = c.op;
  return op.getMatchingIndexingMap(&op->getOpOperand(i)) ==
         AffineMap::getMultiDimMapWithTargets(op.getNumLoops(), dims,
                                              op->getContext());
}

/// An all-parallel generic with one result.
linalg::GenericOp elementwiseProducer(Value v) {
  auto g = v.getDefiningOp<linalg::GenericOp>();
  if (!g || !g.hasPureTensorSemantics() || g.getNumResults() != 1 ||
      g.getNumReductionLoops() != 0)
    return nullptr;
  return g;
}

std::optional<double> floatConstant(Value v) {
  APFloat f(0.0);
  if (!matchPattern(v, m_ConstantFloat(&f)))
    return std::nullopt;
  return f.convertToDouble();
}

/// A constant that can only mean "masked": -inf or at most the lowest f32.
bool isMaskingConstant(Value v) {
  std::optional<double> c = floatConstant(v);
  return c && *c <= -3.0e38;
}

/// `value = x * c` or `x / c` (or `c * x`) with `x` the body argument
/// `arg`, possibly extended; returns c (1/c for a division).
std::optional<double> matchScaledArg(Value value, Value arg) {
  auto unwrap = [&](Value x) {
    if (auto ext = x.getDefiningOp<arith::ExtFOp>())
      return ext.getIn();
    return x;
  };
  if (auto mul = value.getDefiningOp<arith::MulFOp>()) {
    if (unwrap(mul.getLhs()) == arg)
      return floatConstant(mul.getRhs());
    if (unwrap(mul.getRhs()) == arg)
      return floatConstant(mul.getLhs());
  }
  if (auto div = value.getDefiningOp<arith::DivFOp>()) {
    if (unwrap(div.getLhs()) == arg)
      if (std::optional<double> c = floatConstant(div.getRhs()); c && *c != 0)
        return 1.0 / *c;
  }
  return std::nullopt;
}

/// Scores as the softmax sees them: scale·(Q·Kᵀ) + maskScale·mask, with an
/// optional causal select, built from elementwise generics over Q·Kᵀ.
struct ScoreForm {
  double scale = 1.0;
  Value mask;
  AffineMap maskMap;
  double maskScale = 0.0;
  bool causal = false;
};

/// Linear form of one generic's body value in terms of the chained scores
/// argument `scoreArg` and at most one mask argument.
struct LinearForm {
  double a = 0.0; // coefficient of the scores
  double c = 0.0; // coefficient of the mask
  BlockArgument maskArg;
  bool causal = false;
};

class ScoreMatcher {
public:
  ScoreMatcher(llvm::SetVector<Operation *> &ops) : ops(ops) {}

  /// Matches `x` ([batch..., i, j], softmax along j) back to the Q·Kᵀ
  /// contraction; fills plan's query/key/scale/mask/causal.
  LogicalResult match(Value x, unsigned numBatch, AttentionPlan &plan) {
    rank = numBatch + 2;
    ScoreForm form;
    FailureOr<Contraction> qk = trace(x, form);
    if (failed(qk))
      return failure();
    Contraction &c = *qk;
    if (c.batch.size() != numBatch || !indexedAs(c, 0, c.m, c.k))
      return failure();
    if (indexedAs(c, 1, c.n, c.k))
      plan.keyTransposed = false;
    else if (indexedAs(c, 1, c.k, c.n))
      plan.keyTransposed = true;
    else
      return failure();
    double scale = form.scale;
    plan.query = peelScale(c.op.getDpsInputs()[0], scale);
    plan.key = peelScale(c.op.getDpsInputs()[1], scale);
    plan.scale = scale;
    plan.causal = form.causal;
    plan.mask = form.mask;
    plan.maskMap = form.maskMap;
    plan.maskScale = form.maskScale;
    ops.insert(c.op);
    return success();
  }

private:
  /// Follows elementwise generics from `x` to the contraction.
  FailureOr<Contraction> trace(Value x, ScoreForm &form) {
    if (FailureOr<Contraction> c = matchContraction(x); succeeded(c))
      return c;
    linalg::GenericOp g = elementwiseProducer(x);
    if (!g || g.getNumLoops() != rank)
      return failure();
    AffineMap identity =
        AffineMap::getMultiDimIdentityMap(rank, g.getContext());
    // The scores operand: the one identity-indexed operand that leads back
    // to the contraction (an in-place generic reads it through its init).
    for (OpOperand &operand : g->getOpOperands()) {
      if (g.getMatchingIndexingMap(&operand) != identity)
        continue;
      BlockArgument arg = g.getMatchingBlockArgument(&operand);
      if (g.isDpsInit(&operand) && arg.use_empty())
        continue;
      ScoreForm inner;
      FailureOr<Contraction> c = trace(operand.get(), inner);
      if (failed(c))
        continue;
      std::optional<LinearForm> lf =
          linear(g.getBody()->getTerminator()->getOperand(0), arg, g);
      if (!lf || lf->a == 0.0)
        return failure();
      if (lf->maskArg) {
        if (inner.mask)
          return failure();
        OpOperand *maskOperand = g.getMatchingOpOperand(lf->maskArg);
        AffineMap map = g.getMatchingIndexingMap(maskOperand);
        if (!map.isProjectedPermutation() ||
            !isa<RankedTensorType>(maskOperand->get().getType()))
          return failure();
        form.mask = maskOperand->get();
        form.maskMap = map;
        form.maskScale = lf->c;
      } else {
        form.mask = inner.mask;
        form.maskMap = inner.maskMap;
        form.maskScale = lf->a * inner.maskScale;
      }
      form.scale = lf->a * inner.scale;
      form.causal = lf->causal || inner.causal;
      ops.insert(g);
      return c;
    }
    return failure();
  }

  std::optional<LinearForm> linear(Value v, BlockArgument scoreArg,
                                   linalg::GenericOp g) {
    if (v == scoreArg)
      return LinearForm{1.0, 0.0, {}, false};
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() != g.getBody() ||
          g.isDpsInit(g.getMatchingOpOperand(arg)))
        return std::nullopt;
      return LinearForm{0.0, 1.0, arg, false};
    }
    if (auto ext = v.getDefiningOp<arith::ExtFOp>()) {
      // Only a mask may be widened: scores are f32 throughout.
      std::optional<LinearForm> in = linear(ext.getIn(), scoreArg, g);
      if (in && in->a == 0.0)
        return in;
      return std::nullopt;
    }
    if (auto mul = v.getDefiningOp<arith::MulFOp>()) {
      for (auto [x, y] : {std::pair(mul.getLhs(), mul.getRhs()),
                          std::pair(mul.getRhs(), mul.getLhs())}) {
        if (std::optional<double> c = floatConstant(y)) {
          std::optional<LinearForm> in = linear(x, scoreArg, g);
          if (!in)
            return std::nullopt;
          in->a *= *c;
          in->c *= *c;
          return in;
        }
      }
      return std::nullopt;
    }
    if (auto div = v.getDefiningOp<arith::DivFOp>()) {
      std::optional<double> c = floatConstant(div.getRhs());
      if (!c || *c == 0.0)
        return std::nullopt;
      std::optional<LinearForm> in = linear(div.getLhs(), scoreArg, g);
      if (!in)
        return std::nullopt;
      in->a /= *c;
      in->c /= *c;
      return in;
    }
    if (auto add = v.getDefiningOp<arith::AddFOp>()) {
      std::optional<LinearForm> x = linear(add.getLhs(), scoreArg, g);
      std::optional<LinearForm> y = linear(add.getRhs(), scoreArg, g);
      if (!x || !y || (x->maskArg && y->maskArg))
        return std::nullopt;
      return LinearForm{x->a + y->a, x->c + y->c,
                        x->maskArg ? x->maskArg : y->maskArg,
                        x->causal || y->causal};
    }
    if (auto sel = v.getDefiningOp<arith::SelectOp>()) {
      // select(j > i, lowest, s) or select(j <= i, s, lowest).
      std::optional<bool> maskedWhenTrue = causalCondition(sel.getCondition());
      if (!maskedWhenTrue)
        return std::nullopt;
      Value masked = *maskedWhenTrue ? sel.getTrueValue() : sel.getFalseValue();
      Value kept = *maskedWhenTrue ? sel.getFalseValue() : sel.getTrueValue();
      if (!isMaskingConstant(masked))
        return std::nullopt;
      std::optional<LinearForm> in = linear(kept, scoreArg, g);
      if (!in)
        return std::nullopt;
      in->causal = true;
      return in;
    }
    return std::nullopt;
  }

  /// The predicate p' with p'(y, x) == p(x, y).
  static arith::CmpIPredicate swapOperands(arith::CmpIPredicate p) {
    using P = arith::CmpIPredicate;
    switch (p) {
    case P::ugt:
      return P::ult;
    case P::ult:
      return P::ugt;
    case P::uge:
      return P::ule;
    case P::ule:
      return P::uge;
    case P::sgt:
      return P::slt;
    case P::slt:
      return P::sgt;
    case P::sge:
      return P::sle;
    case P::sle:
      return P::sge;
    default:
      return p;
    }
  }

  /// For `cmpi(index(j), index(i))` with i, j the last two loops: true if
  /// the condition holds exactly for j > i, false if exactly for j <= i.
  std::optional<bool> causalCondition(Value cond) {
    auto cmp = cond.getDefiningOp<arith::CmpIOp>();
    if (!cmp)
      return std::nullopt;
    auto dimOf = [](Value v) -> std::optional<uint64_t> {
      if (auto index = v.getDefiningOp<linalg::IndexOp>())
        return index.getDim();
      return std::nullopt;
    };
    std::optional<uint64_t> lhs = dimOf(cmp.getLhs()),
                            rhs = dimOf(cmp.getRhs());
    if (!lhs || !rhs)
      return std::nullopt;
    uint64_t i = rank - 2, j = rank - 1;
    using P = arith::CmpIPredicate;
    P pred = cmp.getPredicate();
    if (*lhs == i && *rhs == j)
      pred = swapOperands(pred);
    else if (*lhs != j || *rhs != i)
      return std::nullopt;
    // Now the predicate compares (j, i).
    if (pred == P::ugt || pred == P::sgt)
      return true;
    if (pred == P::ule || pred == P::sle)
      return false;
    return std::nullopt;
  }

  /// Folds `x * c` producers of a contraction operand into the scale.
  Value peelScale(Value operand, double &scale) {
    linalg::GenericOp g = elementwiseProducer(operand);
    if (!g || g.getNumDpsInputs() != 1 || !operand.hasOneUse())
      return operand;
    AffineMap identity =
        AffineMap::getMultiDimIdentityMap(g.getNumLoops(), g.getContext());
    if (!llvm::all_of(g.getIndexingMapsArray(),
                      [&](AffineMap m) { return m == identity; }))
      return operand;
    Value in = g.getDpsInputs()[0];
    std::optional<double> c =
        matchScaledArg(g.getBody()->getTerminator()->getOperand(0),
                       g.getBody()->getArgument(0));
    if (!c)
      return operand;
    scale *= *c;
    ops.insert(g);
    return in;
  }

  llvm::SetVector<Operation *> &ops;
  unsigned rank = 0;
};

/// The map (d0, ..., dn-1) -> (d0, ..., dn-2) of a last-dimension reduction.
bool dropsLast(AffineMap map, unsigned rank) {
  SmallVector<unsigned> dims =
      llvm::to_vector(llvm::seq<unsigned>(0, rank - 1));
  return map ==
         AffineMap::getMultiDimMapWithTargets(rank, dims, map.getContext());
}

/// A generic reducing `input` along its last dimension with the combiner
/// `Combiner` into an init filled with a constant satisfying `isInit`.
template <typename... Combiners>
linalg::GenericOp matchRowReduction(Value result, Value &input,
                                    function_ref<bool(Value)> isInit) {
  auto g = result.getDefiningOp<linalg::GenericOp>();
  if (!g || !g.hasPureTensorSemantics() || g.getNumDpsInputs() != 1 ||
      g.getNumDpsInits() != 1 || g.getNumReductionLoops() != 1)
    return nullptr;
  unsigned rank = g.getNumLoops();
  if (g.getIteratorTypesArray().back() != utils::IteratorType::reduction ||
      g.getIndexingMapsArray()[0] !=
          AffineMap::getMultiDimIdentityMap(rank, g.getContext()) ||
      !dropsLast(g.getIndexingMapsArray()[1], rank))
    return nullptr;
  auto fill = g.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
  if (!fill || !isInit(fill.getInputs()[0]))
    return nullptr;
  Operation *combiner =
      g.getBody()->getTerminator()->getOperand(0).getDefiningOp();
  if (!combiner || !isa<Combiners...>(combiner))
    return nullptr;
  Value x = combiner->getOperand(0), y = combiner->getOperand(1);
  Value in = g.getBody()->getArgument(0), acc = g.getBody()->getArgument(1);
  if (!((x == in && y == acc) || (x == acc && y == in)))
    return nullptr;
  input = g.getDpsInputs()[0];
  return g;
}

/// An all-parallel generic yielding `Op(a, b)` of an identity-indexed `a`
/// and a row-broadcast `b` ([batch..., i] along the last dimension).
template <typename OpTy>
linalg::GenericOp matchRowBinary(Value result, Value &a, Value &rowValue,
                                 bool thenExp) {
  linalg::GenericOp g = elementwiseProducer(result);
  if (!g || g.getNumDpsInputs() != 2)
    return nullptr;
  unsigned rank = g.getNumLoops();
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, g.getContext());
  if (maps[0] != identity || !dropsLast(maps[1], rank) || maps[2] != identity)
    return nullptr;
  Value yielded = g.getBody()->getTerminator()->getOperand(0);
  if (thenExp) {
    auto exp = yielded.getDefiningOp<math::ExpOp>();
    if (!exp)
      return nullptr;
    yielded = exp.getOperand();
  }
  auto op = yielded.getDefiningOp<OpTy>();
  if (!op || op.getLhs() != g.getBody()->getArgument(0) ||
      op.getRhs() != g.getBody()->getArgument(1))
    return nullptr;
  a = g.getDpsInputs()[0];
  rowValue = g.getDpsInputs()[1];
  return g;
}

/// An all-parallel single-input generic yielding exp of its argument.
linalg::GenericOp matchExp(Value result, Value &input) {
  linalg::GenericOp g = elementwiseProducer(result);
  if (!g || g.getNumDpsInputs() != 1)
    return nullptr;
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(g.getNumLoops(), g.getContext());
  if (g.getIndexingMapsArray()[0] != identity)
    return nullptr;
  auto exp =
      g.getBody()->getTerminator()->getOperand(0).getDefiningOp<math::ExpOp>();
  if (!exp || exp.getOperand() != g.getBody()->getArgument(0))
    return nullptr;
  input = g.getDpsInputs()[0];
  return g;
}

/// The softmax along the last dimension producing `p`: linalg.softmax, or
/// generics computing e = exp(x − max x) and e / Σ e. Returns x.
FailureOr<Value> matchSoftmax(Value p, unsigned rank,
                              llvm::SetVector<Operation *> &ops) {
  if (auto sm = p.getDefiningOp<linalg::SoftmaxOp>()) {
    if (sm.getDimension() != rank - 1 || !sm.hasPureTensorSemantics())
      return failure();
    ops.insert(sm);
    return sm.getInput();
  }
  Value e, sum;
  linalg::GenericOp div = matchRowBinary<arith::DivFOp>(p, e, sum, false);
  if (!div)
    return failure();
  Value eSum;
  linalg::GenericOp sumOp = matchRowReduction<arith::AddFOp>(
      sum, eSum, [](Value v) { return matchPattern(v, m_AnyZeroFloat()); });
  if (!sumOp || eSum != e)
    return failure();
  // exp(x − max) in one generic, or a subtraction followed by exp.
  Value x, max;
  linalg::GenericOp expOp = matchRowBinary<arith::SubFOp>(e, x, max, true);
  linalg::GenericOp subOp;
  if (!expOp) {
    Value diff;
    expOp = matchExp(e, diff);
    if (!expOp)
      return failure();
    subOp = matchRowBinary<arith::SubFOp>(diff, x, max, false);
    if (!subOp)
      return failure();
    ops.insert(subOp);
  }
  Value xMax;
  // The max's init: -inf, the lowest float, or NaN (maxnumf's identity,
  // which linalg.softmax's decomposition uses).
  linalg::GenericOp maxOp =
      matchRowReduction<arith::MaxNumFOp, arith::MaximumFOp>(
          max, xMax, [](Value v) {
            std::optional<double> c = floatConstant(v);
            return c && (std::isnan(*c) || *c <= -3.0e38);
          });
  if (!maxOp || xMax != x)
    return failure();
  ops.insert(div);
  ops.insert(sumOp);
  ops.insert(expOp);
  ops.insert(maxOp);
  return x;
}

/// O = softmax(scores)·V written as linalg on tensors, anchored at the
/// P·V contraction.
struct FuseLinalgAttention : OpInterfaceRewritePattern<linalg::LinalgOp> {
  FuseLinalgAttention(MLIRContext *ctx,
                      std::shared_ptr<const pk::AttentionEmitter> emitter)
      : OpInterfaceRewritePattern(ctx), emitter(std::move(emitter)) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || op->hasAttr(kTileAttr))
      return failure();
    FailureOr<Contraction> pv = matchContraction(op->getResult(0));
    if (failed(pv))
      return rewriter.notifyMatchFailure(op, "not a contraction into zeros");
    unsigned rank = pv->batch.size() + 2;
    if (!indexedAs(*pv, 0, pv->m, pv->k) || !indexedAs(*pv, 1, pv->k, pv->n))
      return rewriter.notifyMatchFailure(op, "not P[.., i, j] · V[.., j, e]");
    llvm::SetVector<Operation *> ops;
    FailureOr<Value> scores = matchSoftmax(op.getDpsInputs()[0], rank, ops);
    if (failed(scores))
      return rewriter.notifyMatchFailure(op, "P is not a row softmax");
    if (!cast<ShapedType>(scores->getType()).getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "scores are not f32");
    AttentionPlan plan;
    plan.numBatch = pv->batch.size();
    if (failed(ScoreMatcher(ops).match(*scores, plan.numBatch, plan)))
      return rewriter.notifyMatchFailure(op, "softmax input is not Q·Kᵀ");
    plan.value = op.getDpsInputs()[1];
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    plan.resultElementType = resultType.getElementType();
    if (const char *why = checkPlan(plan))
      return rewriter.notifyMatchFailure(op, why);
    if (const char *why = emitter->check(plan))
      return rewriter.notifyMatchFailure(op, why);
    // Every intermediate must die with the rewrite; one used elsewhere
    // would keep its N×N tensor alive and the work done twice.
    for (Operation *inner : ops)
      for (Operation *user : inner->getUsers())
        if (user != op && !ops.contains(user))
          return rewriter.notifyMatchFailure(inner,
                                             "intermediate has other uses");
    Value fused = emitter->emit(rewriter, op.getLoc(), plan);
    rewriter.replaceOp(
        op, pk::castToType(rewriter, op.getLoc(), fused, resultType));
    return success();
  }

  std::shared_ptr<const pk::AttentionEmitter> emitter;
};

/// The CPU's tile loop nest (FusedAttentionEmitter).
class CPUAttentionEmitter : public pk::AttentionEmitter {
public:
  explicit CPUAttentionEmitter(int64_t block) : block(block) {}
  Value emit(OpBuilder &b, Location loc,
             const AttentionPlan &plan) const override {
    return emitFusedAttention(b, loc, plan, block);
  }

private:
  int64_t block;
};

struct PKFuseAttentionPass
    : pk::impl::PKFuseAttentionBase<PKFuseAttentionPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (blockSize < 1 || blockSize > 1024)
      return emitError(UnknownLoc::get(ctx))
             << "pk-fuse-attention: block-size must be in [1, 1024], got "
             << static_cast<int64_t>(blockSize);
    return success();
  }

  void runOnOperation() override {
    if (failed(pk::applyFuseAttentionPatterns(
            getOperation(), std::make_shared<CPUAttentionEmitter>(blockSize))))
      signalPassFailure();
  }
};

} // namespace

void pk::populateFuseAttentionPatterns(
    RewritePatternSet &patterns,
    std::shared_ptr<const AttentionEmitter> emitter) {
  patterns.add<FusePKAttention, FuseLinalgAttention>(patterns.getContext(),
                                                     emitter);
}

LogicalResult pk::applyFuseAttentionPatterns(
    Operation *op, std::shared_ptr<const AttentionEmitter> emitter) {
  RewritePatternSet patterns(op->getContext());
  populateFuseAttentionPatterns(patterns, std::move(emitter));
  // Only the matched ops change (no folding of unrelated IR), and dead
  // intermediates are erased.
  GreedyRewriteConfig config;
  config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  config.enableFolding(false);
  return applyPatternsGreedily(op, std::move(patterns), config);
}
