//===- FuseAttention.cpp - FlashAttention-style GPU attention kernel ------===//
//
// pk-fuse-attention's loop nest is shaped for a CPU's vector units (scores
// computed transposed, tiles of whole matrices in memory); on a GPU the
// online softmax wants the opposite split: every thread owns query rows and
// keeps its row state in registers, while the whole block shares each key
// and value tile through shared memory. This pass reuses the CPU pass's
// matcher (AttentionPlan.h) and emits that kernel directly as one
// gpu.launch per attention:
//
//   grid   (⌈Nq / rows⌉, innermost batch dimension, other batch dimensions)
//   block  `threads` threads; `lanes` consecutive threads share a query row,
//          each owning an interleaved slice of its head dimension (4
//          consecutive elements at a time), so a row's values fit in
//          registers even at d = 128 and the lanes of a row read adjacent
//          16-byte words of shared memory (no bank conflicts);
//   thread q slice (scaled by scale·log2 e), m, l and its acc slice, f32,
//          in registers (SSA values: the key loop is unrolled per tile);
//   loop   over key tiles: the block copies K and V tiles into shared
//          memory (as f32, zero past the end), barrier; every thread forms
//          its partial dot products from 16-byte shared loads that all rows
//          of a warp share (broadcast), sums them across its lanes with
//          butterfly shuffles, masks, updates m/l/acc once per tile;
//          barrier before the next copy.
//
// The kernel reads its tensor operands through bufferization.to_buffer and
// writes a fresh buffer handed back with bufferization.to_tensor, so the
// rest of pk-gpu-pipeline (bufferization, data placement, outlining) treats
// it like any other kernel.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "../AttentionPlan.h"

#include "pk/Dialect/PK/PKUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cmath>
#include <optional>

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUFUSEATTENTION
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;
using pk::AttentionPlan;

namespace {

/// Static shared memory a kernel may use without opting in to more.
constexpr int64_t kSharedMemoryBytes = 48 * 1024;
/// Most f32 values of the query (and of the accumulator) one thread keeps:
/// beyond this the registers spill.
constexpr int64_t kMaxValuesPerThread = 128;

/// How one attention is spread over a block.
struct KernelShape {
  int64_t width; // elements per vector access: 4, or 1 for odd head dims
  int64_t lanes; // threads per query row
  int64_t rows;  // query rows per block
  int64_t keys;  // keys per shared-memory tile
};

std::optional<KernelShape> chooseShape(const AttentionPlan &plan,
                                       int64_t threads, int64_t keyTile) {
  unsigned nb = plan.numBatch;
  int64_t d = cast<RankedTensorType>(plan.query.getType()).getDimSize(nb + 1);
  int64_t dv = cast<RankedTensorType>(plan.value.getType()).getDimSize(nb + 1);
  KernelShape shape;
  shape.width = (d % 4 == 0 && dv % 4 == 0) ? 4 : 1;
  // About 64 values of q and of acc per thread; a row's lanes must split
  // both into whole chunks.
  shape.lanes = 1;
  while (shape.lanes < 32 && std::max(d, dv) > 64 * shape.lanes)
    shape.lanes *= 2;
  while (shape.lanes > 1 && ((d / shape.width) % shape.lanes != 0 ||
                             (dv / shape.width) % shape.lanes != 0))
    shape.lanes /= 2;
  if (d / shape.lanes > kMaxValuesPerThread ||
      dv / shape.lanes > kMaxValuesPerThread)
    return std::nullopt;
  shape.rows = threads / shape.lanes;
  // Shared memory: K and V tiles and every thread's scores, in f32.
  shape.keys =
      std::min(keyTile, kSharedMemoryBytes / ((d + dv + threads) * 4));
  if (shape.keys < 1)
    return std::nullopt;
  return shape;
}

/// Emits the kernel of one attention (see the file comment).
class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, const AttentionPlan &plan,
                KernelShape shape, int64_t threads)
      : b(b), loc(loc), plan(plan), shape(shape), threads(threads),
        f32(b.getF32Type()) {}

  Value build() {
    nb = plan.numBatch;
    auto qType = cast<RankedTensorType>(plan.query.getType());
    d = qType.getDimSize(nb + 1);
    dv = cast<RankedTensorType>(plan.value.getType()).getDimSize(nb + 1);
    query = toBuffer(plan.query);
    key = toBuffer(plan.key);
    value = toBuffer(plan.value);
    if (plan.mask)
      mask = toBuffer(plan.mask);
    for (unsigned i = 0; i < nb; ++i)
      batch.push_back(dim(query, i));
    nq = dim(query, nb);
    nk = dim(key, plan.keyTransposed ? nb + 1 : nb);

    SmallVector<int64_t> outShape(qType.getShape().take_front(nb + 1));
    outShape.push_back(dv);
    SmallVector<Value> dynamicSizes;
    for (unsigned i = 0; i <= nb; ++i)
      if (ShapedType::isDynamic(outShape[i]))
        dynamicSizes.push_back(i < nb ? batch[i] : nq);
    out = memref::AllocOp::create(
        b, loc, MemRefType::get(outShape, plan.resultElementType),
        dynamicSizes);

    Value one = index(1);
    Value gridX = arith::CeilDivUIOp::create(b, loc, nq, index(shape.rows));
    Value gridY = nb ? batch[nb - 1] : one;
    Value gridZ = one;
    for (unsigned i = 0; i + 1 < nb; ++i)
      gridZ = arith::MulIOp::create(b, loc, gridZ, batch[i]);
    auto launch = gpu::LaunchOp::create(b, loc, gridX, gridY, gridZ,
                                        index(threads), one, one);
    {
      OpBuilder::InsertionGuard guard(b);
      Block &body = launch.getBody().front();
      b.setInsertionPointToEnd(&body);
      auto terminator = gpu::TerminatorOp::create(b, loc);
      b.setInsertionPoint(terminator);
      auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                                  gpu::AddressSpace::Workgroup);
      keyTile = launch.addWorkgroupAttribution(
          MemRefType::get({shape.keys, d}, f32, nullptr, workgroup), loc);
      valueTile = launch.addWorkgroupAttribution(
          MemRefType::get({shape.keys, dv}, f32, nullptr, workgroup), loc);
      scoreTile = launch.addWorkgroupAttribution(
          MemRefType::get({shape.keys, threads}, f32, nullptr, workgroup),
          loc);
      emitKernel(launch);
    }
    return bufferization::ToTensorOp::create(
        b, loc, RankedTensorType::get(outShape, plan.resultElementType), out,
        /*restrict=*/true, /*writable=*/true);
  }

private:
  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value f32Constant(double v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }
  Value splat(Value scalar, int64_t n) {
    return vector::BroadcastOp::create(b, loc, VectorType::get({n}, f32),
                                       scalar);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value minU(Value x, Value y) { return arith::MinUIOp::create(b, loc, x, y); }

  /// The buffer of a tensor operand. A function argument's buffer is
  /// contiguous (pk-gpu-pipeline bufferizes function boundaries with
  /// identity layouts) and as aligned as the allocator made it; any other
  /// tensor may bufferize to a view, so its buffer keeps dynamic strides
  /// (bufferization copies it if its last dimension is not contiguous).
  Value toBuffer(Value tensor) {
    auto type = cast<RankedTensorType>(tensor.getType());
    MemRefType bufferType;
    if (isa<BlockArgument>(tensor) &&
        isa<func::FuncOp>(tensor.getParentBlock()->getParentOp())) {
      bufferType = MemRefType::get(type.getShape(), type.getElementType());
    } else {
      SmallVector<int64_t> strides(type.getRank(), ShapedType::kDynamic);
      strides.back() = 1;
      bufferType = MemRefType::get(
          type.getShape(), type.getElementType(),
          StridedLayoutAttr::get(b.getContext(), ShapedType::kDynamic,
                                 strides));
    }
    return bufferization::ToBufferOp::create(b, loc, bufferType, tensor,
                                             b.getUnitAttr());
  }
  /// The alignment vector accesses of `width` elements may assume.
  llvm::MaybeAlign vectorAlignment(Value buffer) {
    auto type = cast<MemRefType>(buffer.getType());
    if (!type.getLayout().isIdentity() || shape.width == 1)
      return llvm::MaybeAlign();
    return llvm::MaybeAlign(shape.width *
                            type.getElementType().getIntOrFloatBitWidth() / 8);
  }
  Value dim(Value buffer, unsigned i) {
    int64_t size = cast<MemRefType>(buffer.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(size))
      return index(size);
    return memref::DimOp::create(b, loc, buffer, i);
  }
  Value toF32(Value v) {
    Type elt = getElementTypeOrSelf(v.getType());
    if (elt.isF32())
      return v;
    Type to = f32;
    if (auto vec = dyn_cast<VectorType>(v.getType()))
      to = VectorType::get(vec.getShape(), f32);
    if (elt.getIntOrFloatBitWidth() > 32)
      return arith::TruncFOp::create(b, loc, to, v);
    return arith::ExtFOp::create(b, loc, to, v);
  }

  /// [batch..., a, c] indices of an operand.
  SmallVector<Value> indices(Value a, Value c) {
    SmallVector<Value> result(batchIds);
    result.append({a, c});
    return result;
  }

  /// The block's threads copy a keys×cols tile of `source` (rows from
  /// `kvStart`, or columns when `transposed`) into `tile` as f32, zero past
  /// the last key. Consecutive threads read consecutive source elements,
  /// `width` at a time along rows.
  void copyTile(Value source, Value tile, int64_t cols, bool transposed,
                Value kvStart, Value tid) {
    int64_t w = transposed ? 1 : shape.width;
    int64_t total = shape.keys * cols / w;
    int64_t steps = (total + threads - 1) / threads;
    Value lastKey = arith::SubIOp::create(b, loc, nk, index(1));
    auto loop = scf::ForOp::create(b, loc, index(0), index(steps), index(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    Value e = add(mul(loop.getInductionVar(), index(threads)), tid);
    if (total % threads != 0) {
      Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                           e, index(total));
      auto guardIf = scf::IfOp::create(b, loc, inside);
      b.setInsertionPoint(guardIf.thenBlock()->getTerminator());
    }
    Value j, col;
    if (transposed) {
      j = arith::RemUIOp::create(b, loc, e, index(shape.keys));
      col = arith::DivUIOp::create(b, loc, e, index(shape.keys));
    } else {
      j = arith::DivUIOp::create(b, loc, e, index(cols / w));
      col = mul(arith::RemUIOp::create(b, loc, e, index(cols / w)), index(w));
    }
    Value keyIndex = add(kvStart, j);
    Value valid = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                        keyIndex, nk);
    Value clamped = minU(keyIndex, lastKey);
    if (transposed) {
      Value x = memref::LoadOp::create(b, loc, source, indices(col, clamped));
      x = arith::SelectOp::create(b, loc, valid, toF32(x), f32Constant(0.0));
      memref::StoreOp::create(b, loc, x, tile, ValueRange{j, col});
      return;
    }
    Type elt = cast<MemRefType>(source.getType()).getElementType();
    Value x = vector::LoadOp::create(b, loc, VectorType::get({w}, elt), source,
                                     indices(clamped, col),
                                     /*nontemporal=*/false,
                                     vectorAlignment(source));
    Value zero = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(VectorType::get({w}, f32),
                               b.getF32FloatAttr(0.0)));
    x = arith::SelectOp::create(b, loc, valid, toF32(x), zero);
    vector::StoreOp::create(b, loc, x, tile, ValueRange{j, col},
                            /*nontemporal=*/false, llvm::MaybeAlign(4 * w));
  }

  void emitKernel(gpu::LaunchOp launch) {
    int64_t w = shape.width, lanes = shape.lanes;
    int64_t qChunks = d / (w * lanes), vChunks = dv / (w * lanes);
    VectorType chunkType = VectorType::get({w}, f32);
    Value tid = launch.getThreadIds().x;
    gpu::KernelDim3 blockIds = launch.getBlockIds();
    Value lane = arith::RemUIOp::create(b, loc, tid, index(lanes));
    Value qStart = mul(blockIds.x, index(shape.rows));
    Value row =
        add(qStart, arith::DivUIOp::create(b, loc, tid, index(lanes)));
    Value clampedRow =
        minU(row, arith::SubIOp::create(b, loc, nq, index(1)));
    // Batch indices: y is the innermost batch dimension, z the others.
    batchIds.assign(nb, Value());
    if (nb > 0) {
      batchIds[nb - 1] = blockIds.y;
      Value z = blockIds.z;
      for (int i = static_cast<int>(nb) - 2; i >= 0; --i) {
        if (i == 0) {
          batchIds[0] = z;
          break;
        }
        batchIds[i] = arith::RemUIOp::create(b, loc, z, batch[i]);
        z = arith::DivUIOp::create(b, loc, z, batch[i]);
      }
    }
    // Chunk t of this lane starts at column (lane + lanes·t)·w.
    Value laneColumn = mul(lane, index(w));
    auto column = [&](int64_t t) { return add(laneColumn, index(lanes * w * t)); };

    // The query slice, scaled so the softmax can use exp2.
    Value qScale = splat(f32Constant(plan.scale * M_LOG2E), w);
    SmallVector<Value> q;
    Type qElt = cast<MemRefType>(query.getType()).getElementType();
    for (int64_t t = 0; t < qChunks; ++t) {
      Value x = vector::LoadOp::create(b, loc, VectorType::get({w}, qElt),
                                       query, indices(clampedRow, column(t)),
                                       /*nontemporal=*/false,
                                       vectorAlignment(query));
      q.push_back(arith::MulFOp::create(b, loc, toF32(x), qScale));
    }

    // With `causal`, keys after the block's last query are never needed.
    Value kvEnd = nk;
    if (plan.causal)
      kvEnd = minU(nk, add(qStart, index(shape.rows)));
    Value lowest = pk::createLowestFinite(b, loc, f32);
    SmallVector<Value> init = {lowest, f32Constant(0.0)};
    Value zeroChunk = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(chunkType, b.getF32FloatAttr(0.0)));
    init.append(vChunks, zeroChunk);
    auto loop = scf::ForOp::create(b, loc, index(0), kvEnd,
                                   index(shape.keys), init);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value kv = loop.getInductionVar();
      Value m = loop.getRegionIterArg(0), l = loop.getRegionIterArg(1);
      SmallVector<Value> acc(loop.getRegionIterArgs().drop_front(2));

      copyTile(key, keyTile, d, plan.keyTransposed, kv, tid);
      copyTile(value, valueTile, dv, false, kv, tid);
      gpu::BarrierOp::create(b, loc);

      // Scores of this row against the tile's keys (log2 units), one key
      // per step, into the thread's column of the score tile; the step
      // carries the tile's maximum. (Unrolled over keys, the compiler
      // would hoist every shared-memory load of the tile into registers.)
      Value minusInf = f32Constant(-INFINITY);
      Value lastKey = arith::SubIOp::create(b, loc, nk, index(1));
      Value maskScale = f32Constant(plan.maskScale * M_LOG2E);
      llvm::MaybeAlign align(4 * w);
      // Keys j of the tile with j < validKeys exist and (with `causal`) are
      // at or before this row.
      Value validKeys = arith::SubIOp::create(b, loc, nk, kv);
      if (plan.causal)
        validKeys = arith::MinSIOp::create(
            b, loc, validKeys,
            arith::SubIOp::create(b, loc, add(row, index(1)), kv));
      auto scoreLoop = scf::ForOp::create(b, loc, index(0), index(shape.keys),
                                          index(1), ValueRange{minusInf});
      {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(scoreLoop.getBody());
        Value j = scoreLoop.getInductionVar();
        Value part = zeroChunk;
        for (int64_t t = 0; t < qChunks; ++t) {
          Value k = vector::LoadOp::create(b, loc, chunkType, keyTile,
                                           ValueRange{j, column(t)},
                                           /*nontemporal=*/false, align);
          part = vector::FMAOp::create(b, loc, q[t], k, part);
        }
        Value s = vector::ReductionOp::create(
            b, loc, vector::CombiningKind::ADD, part);
        for (int64_t offset = 1; offset < lanes; offset *= 2) {
          auto other = gpu::ShuffleOp::create(b, loc, s, offset, /*width=*/32,
                                              gpu::ShuffleMode::XOR);
          s = arith::AddFOp::create(b, loc, s, other.getShuffleResult());
        }
        if (mask) {
          SmallVector<Value> loopIndices(batchIds);
          loopIndices.append({clampedRow, minU(add(kv, j), lastKey)});
          SmallVector<Value> maskIndices;
          for (AffineExpr e : plan.maskMap.getResults())
            maskIndices.push_back(
                loopIndices[cast<AffineDimExpr>(e).getPosition()]);
          Value mv = memref::LoadOp::create(b, loc, mask, maskIndices);
          s = arith::AddFOp::create(
              b, loc, s, arith::MulFOp::create(b, loc, toF32(mv), maskScale));
        }
        Value off = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, j,
                                          validKeys);
        s = arith::SelectOp::create(b, loc, off, minusInf, s);
        memref::StoreOp::create(b, loc, s, scoreTile, ValueRange{j, tid});
        scf::YieldOp::create(
            b, loc,
            Value(arith::MaxNumFOp::create(b, loc,
                                           scoreLoop.getRegionIterArg(0), s)));
      }

      // Online softmax: m' = max(m, max_j s_j), α = 2^(m − m'),
      // p_j = 2^(s_j − m'), l' = α·l + Σ p_j, acc' = α·acc + Σ p_j·V_j.
      Value mNew = arith::MaxNumFOp::create(b, loc, m, scoreLoop.getResult(0));
      Value alpha = math::Exp2Op::create(
          b, loc, arith::SubFOp::create(b, loc, m, mNew));
      Value alphaChunk = splat(alpha, w);
      SmallVector<Value> pvInit = {f32Constant(0.0)};
      for (Value a : acc)
        pvInit.push_back(arith::MulFOp::create(b, loc, a, alphaChunk));
      auto pvLoop = scf::ForOp::create(b, loc, index(0), index(shape.keys),
                                       index(1), pvInit);
      {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(pvLoop.getBody());
        Value j = pvLoop.getInductionVar();
        Value s = memref::LoadOp::create(b, loc, scoreTile, ValueRange{j, tid});
        Value prob = math::Exp2Op::create(
            b, loc, arith::SubFOp::create(b, loc, s, mNew));
        SmallVector<Value> next = {arith::AddFOp::create(
            b, loc, pvLoop.getRegionIterArg(0), prob)};
        Value p = splat(prob, w);
        for (int64_t t = 0; t < vChunks; ++t) {
          Value v = vector::LoadOp::create(b, loc, chunkType, valueTile,
                                           ValueRange{j, column(t)},
                                           /*nontemporal=*/false, align);
          next.push_back(vector::FMAOp::create(
              b, loc, p, v, pvLoop.getRegionIterArg(1 + t)));
        }
        scf::YieldOp::create(b, loc, next);
      }
      Value lNew = arith::AddFOp::create(
          b, loc, arith::MulFOp::create(b, loc, l, alpha), pvLoop.getResult(0));
      acc.assign(pvLoop.getResults().begin() + 1, pvLoop.getResults().end());
      // The next tile's copy overwrites shared memory.
      gpu::BarrierOp::create(b, loc);
      SmallVector<Value> next = {mNew, lNew};
      next.append(acc);
      scf::YieldOp::create(b, loc, next);
    }

    // O = acc / l for the block's real rows; l = 0 (no finite score) gives 0.
    Value inside =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, row, nq);
    auto store = scf::IfOp::create(b, loc, inside);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(store.thenBlock()->getTerminator());
    Value l = loop.getResult(1);
    Value zero = f32Constant(0.0);
    Value empty =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, l, zero);
    Value inverse = arith::SelectOp::create(
        b, loc, empty, zero,
        arith::DivFOp::create(b, loc, f32Constant(1.0), l));
    Value inverseChunk = splat(inverse, w);
    Type outElt = plan.resultElementType;
    for (int64_t t = 0; t < vChunks; ++t) {
      Value o = arith::MulFOp::create(b, loc, loop.getResult(2 + t),
                                      inverseChunk);
      if (!outElt.isF32())
        o = arith::TruncFOp::create(b, loc, VectorType::get({w}, outElt), o);
      vector::StoreOp::create(b, loc, o, out, indices(row, column(t)),
                              /*nontemporal=*/false, vectorAlignment(out));
    }
  }

  OpBuilder &b;
  Location loc;
  const AttentionPlan &plan;
  KernelShape shape;
  int64_t threads;
  Type f32;
  unsigned nb = 0;
  int64_t d = 0, dv = 0;
  Value query, key, value, mask, out, nq, nk, keyTile, valueTile, scoreTile;
  SmallVector<Value> batch, batchIds;
};

class GPUAttentionEmitter : public pk::AttentionEmitter {
public:
  GPUAttentionEmitter(int64_t threads, int64_t keyTile)
      : threads(threads), keyTile(keyTile) {}

  const char *check(const AttentionPlan &plan) const override {
    if (!chooseShape(plan, threads, keyTile))
      return "head dimensions too large for registers or shared memory";
    return nullptr;
  }

  Value emit(OpBuilder &b, Location loc,
             const AttentionPlan &plan) const override {
    return KernelBuilder(b, loc, plan, *chooseShape(plan, threads, keyTile),
                         threads)
        .build();
  }

private:
  int64_t threads, keyTile;
};

struct PKGPUFuseAttentionPass
    : pk::impl::PKGPUFuseAttentionBase<PKGPUFuseAttentionPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    if (threads < 32 || threads > 1024 || threads % 32 != 0)
      return emitError(UnknownLoc::get(ctx))
             << "pk-gpu-fuse-attention: threads must be a multiple of 32 in "
                "[32, 1024], got "
             << static_cast<int64_t>(threads);
    if (keyTile < 1 || keyTile > 256)
      return emitError(UnknownLoc::get(ctx))
             << "pk-gpu-fuse-attention: key-tile must be in [1, 256], got "
             << static_cast<int64_t>(keyTile);
    return success();
  }

  void runOnOperation() override {
    if (failed(pk::applyFuseAttentionPatterns(
            getOperation(),
            std::make_shared<GPUAttentionEmitter>(threads, keyTile))))
      signalPassFailure();
  }
};

} // namespace
