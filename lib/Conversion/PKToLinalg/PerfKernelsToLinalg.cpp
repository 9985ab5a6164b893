//===- PerfKernelsToLinalg.cpp - caffe2 perfkernel ops to linalg ----------===//
//
// Lowers the perfkernel families (PKPerfKernelOps.td) to linalg on tensors.
// Embedding bags are data-dependent gathers: the segment loop's trip count
// comes from the data, so the lowering writes that structure itself
// (scf.forall over bags, scf.for over a bag's indices) and leaves the row
// update, the part worth vectorizing, as a linalg.generic over one row.
// Every read is guarded so that bad indices or segments cannot leave the
// operands; what was wrong is reported in the status result.
//
//===----------------------------------------------------------------------===//

#include "pk/Conversion/PKToLinalg/PKToLinalg.h"

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"

#include <array>
#include <limits>

using namespace mlir;
using namespace mlir::pk;

namespace {

/// Status bits of the embedding-bag ops (documented in PKPerfKernelOps.td).
enum EmbeddingStatus : int64_t {
  kBadIndex = 1,
  kBadSegments = 2,
  kBadPositionalWeight = 4,
};

/// Marks the static-shaped linalg.generic ops over one row that the
/// perfkernel lowerings leave inside their own loops (a bag's row update, a
/// row's quantization, a sparse Adagrad row update), so a recipe can
/// schedule them: recipes/perfkernels.mlir and the default CPU recipes
/// vectorize each whole. The name predates the ops other than the bags;
/// the recipes match it.
constexpr StringLiteral kRowUpdateAttr =
    pk::PKDialect::EmbeddingRowAttrHelper::getNameStr();

/// How a table row turns into f32 values.
enum class RowFormat {
  Float,     // f32/f16/bf16 elements
  ScaleBias, // uint8 codes with a separate rows x 2 scale_bias tensor
  Fused8,    // uint8 codes, then f32 scale and bias in the row
  FusedN,    // 2- or 4-bit codes packed into bytes, then f16 scale and bias
};

/// Everything the embedding-bag lowering needs, from either op.
struct EmbeddingBag {
  Value table, indices, lengths, offsets, weights, scaleBias;
  bool positional, mean;
  RowFormat format;
  int64_t bits; // FusedN only
  int64_t numBags, blockSize, numIndices, numRows;
};

Value cIndex(ImplicitLocOpBuilder &b, int64_t v) {
  return arith::ConstantIndexOp::create(b, v);
}
Value cInt(ImplicitLocOpBuilder &b, Type type, int64_t v) {
  return arith::ConstantIntOp::create(b, type, v);
}
Value cF32(ImplicitLocOpBuilder &b, double v) {
  return arith::ConstantFloatOp::create(b, b.getF32Type(),
                                        APFloat(static_cast<float>(v)));
}

/// `tensor[i...]` as i64 (integer tensors of any width, sign-extended).
Value extractI64(ImplicitLocOpBuilder &b, Value tensor, ValueRange idx) {
  Value v = tensor::ExtractOp::create(b, tensor, idx);
  if (v.getType().isInteger(64))
    return v;
  return arith::ExtSIOp::create(b, b.getI64Type(), v);
}

Value toIndex(ImplicitLocOpBuilder &b, Value i64) {
  return arith::IndexCastOp::create(b, b.getIndexType(), i64);
}

Value clampI64(ImplicitLocOpBuilder &b, Value v, Value lo, Value hi) {
  return arith::MinSIOp::create(b, arith::MaxSIOp::create(b, v, lo), hi);
}

/// Byte `col` of table row `row` as an unsigned value in i32.
Value extractByte(ImplicitLocOpBuilder &b, Value table, Value row,
                  int64_t col) {
  Value byte =
      tensor::ExtractOp::create(b, table, ValueRange{row, cIndex(b, col)});
  return arith::ExtUIOp::create(b, b.getI32Type(), byte);
}

/// The little-endian float of `width` bits (32: f32, 16: f16) stored at
/// byte `col` of table row `row`, as f32.
Value extractStoredFloat(ImplicitLocOpBuilder &b, Value table, Value row,
                         int64_t col, unsigned width) {
  Value word = cInt(b, b.getI32Type(), 0);
  for (unsigned k = 0; k < width / 8; ++k) {
    Value byte = extractByte(b, table, row, col + k);
    Value shifted =
        arith::ShLIOp::create(b, byte, cInt(b, b.getI32Type(), 8 * k));
    word = arith::OrIOp::create(b, word, shifted);
  }
  if (width == 32)
    return arith::BitcastOp::create(b, b.getF32Type(), word);
  Value half = arith::TruncIOp::create(b, b.getI16Type(), word);
  Value f16 = arith::BitcastOp::create(b, b.getF16Type(), half);
  return arith::ExtFOp::create(b, b.getF32Type(), f16);
}

/// [start, end) of bag `m` as i64, clipped to [0, numIndices] with
/// end >= start. For lengths, `starts` holds the running sums (numBags + 1
/// entries, i64); for offsets they are read relative to offsets[0].
std::pair<Value, Value> segmentBounds(ImplicitLocOpBuilder &b,
                                      const EmbeddingBag &e, Value starts,
                                      Value m) {
  Value one = cIndex(b, 1);
  Value next = arith::AddIOp::create(b, m, one);
  Value rawStart, rawEnd;
  if (e.lengths) {
    rawStart = tensor::ExtractOp::create(b, starts, ValueRange{m});
    rawEnd = tensor::ExtractOp::create(b, starts, ValueRange{next});
  } else {
    Value base = extractI64(b, e.offsets, ValueRange{cIndex(b, 0)});
    rawStart =
        arith::SubIOp::create(b, extractI64(b, e.offsets, ValueRange{m}), base);
    rawEnd = arith::SubIOp::create(
        b, extractI64(b, e.offsets, ValueRange{next}), base);
  }
  Value zero = cInt(b, b.getI64Type(), 0);
  Value n = cInt(b, b.getI64Type(), e.numIndices);
  Value start = clampI64(b, rawStart, zero, n);
  Value end = clampI64(b, rawEnd, start, n);
  return {start, end};
}

/// Running sums of `lengths` (numBags + 1 entries, i64; negative lengths
/// count as 0) and whether the lengths were consistent.
std::pair<Value, Value> computeStarts(ImplicitLocOpBuilder &b,
                                      const EmbeddingBag &e) {
  Type i64 = b.getI64Type();
  Value init =
      tensor::EmptyOp::create(b, ArrayRef<int64_t>{e.numBags + 1}, i64);
  Value zero = cInt(b, i64, 0);
  Value ok = arith::ConstantIntOp::create(b, b.getI1Type(), 1);
  auto loop = scf::ForOp::create(
      b, cIndex(b, 0), cIndex(b, e.numBags), cIndex(b, 1),
      ValueRange{zero, init, ok},
      [&](OpBuilder &nb, Location loc, Value m, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        Value len = extractI64(ib, e.lengths, ValueRange{m});
        Value nonNegative =
            arith::CmpIOp::create(ib, arith::CmpIPredicate::sge, len, zero);
        Value starts =
            tensor::InsertOp::create(ib, args[0], args[1], ValueRange{m});
        Value sum = arith::AddIOp::create(
            ib, args[0], arith::MaxSIOp::create(ib, len, zero));
        Value stillOk = arith::AndIOp::create(ib, args[2], nonNegative);
        scf::YieldOp::create(ib, ValueRange{sum, starts, stillOk});
      });
  Value total = loop.getResult(0);
  Value starts = tensor::InsertOp::create(b, total, loop.getResult(1),
                                          ValueRange{cIndex(b, e.numBags)});
  Value spans = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, total,
                                      cInt(b, i64, e.numIndices));
  Value ok2 = arith::AndIOp::create(b, loop.getResult(2), spans);
  return {starts, ok2};
}

/// Bits 2 and 4 of the status, from one sequential pass over the segments
/// with the kernel's own clipping, so the two agree on every input.
Value checkSegments(ImplicitLocOpBuilder &b, const EmbeddingBag &e,
                    Value starts, Value lengthsOk) {
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  Value zero = cInt(b, i64, 0);
  Value ok = arith::ConstantIntOp::create(b, b.getI1Type(), 1);
  // Offsets: nondecreasing and spanning every index.
  auto loop = scf::ForOp::create(
      b, cIndex(b, 0), cIndex(b, e.numBags), cIndex(b, 1), ValueRange{ok, zero},
      [&](OpBuilder &nb, Location loc, Value m, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        auto [start, end] = segmentBounds(ib, e, starts, m);
        Value len = arith::SubIOp::create(ib, end, start);
        Value maxLen = arith::MaxSIOp::create(ib, args[1], len);
        Value stillOk = args[0];
        if (e.offsets) {
          Value next = arith::AddIOp::create(ib, m, cIndex(ib, 1));
          Value lo = extractI64(ib, e.offsets, ValueRange{m});
          Value hi = extractI64(ib, e.offsets, ValueRange{next});
          stillOk = arith::AndIOp::create(
              ib, stillOk,
              arith::CmpIOp::create(ib, arith::CmpIPredicate::sle, lo, hi));
        }
        scf::YieldOp::create(ib, ValueRange{stillOk, maxLen});
      });
  Value segmentsOk = loop.getResult(0);
  if (e.lengths) {
    segmentsOk = arith::AndIOp::create(b, segmentsOk, lengthsOk);
  } else {
    Value first = extractI64(b, e.offsets, ValueRange{cIndex(b, 0)});
    Value last = extractI64(b, e.offsets, ValueRange{cIndex(b, e.numBags)});
    Value span = arith::SubIOp::create(b, last, first);
    segmentsOk = arith::AndIOp::create(
        b, segmentsOk,
        arith::CmpIOp::create(b, arith::CmpIPredicate::eq, span,
                              cInt(b, i64, e.numIndices)));
  }
  Value status = arith::SelectOp::create(b, segmentsOk, cInt(b, i32, 0),
                                         cInt(b, i32, kBadSegments));
  if (e.positional) {
    int64_t numWeights =
        cast<RankedTensorType>(e.weights.getType()).getDimSize(0);
    Value tooLong =
        arith::CmpIOp::create(b, arith::CmpIPredicate::sgt, loop.getResult(1),
                              cInt(b, i64, numWeights));
    status = arith::OrIOp::create(
        b, status,
        arith::SelectOp::create(b, tooLong, cInt(b, i32, kBadPositionalWeight),
                                cInt(b, i32, 0)));
  }
  return status;
}

/// 1 when any of `indices` is outside [0, numRows), else 0 (an i32), as a
/// linalg reduction.
Value indexRangeStatus(ImplicitLocOpBuilder &b, Value indices,
                       int64_t numRows) {
  Type i1 = b.getI1Type();
  Value init = tensor::EmptyOp::create(b, ArrayRef<int64_t>{}, i1);
  Value falseV = arith::ConstantIntOp::create(b, i1, 0);
  Value filled = linalg::FillOp::create(b, ValueRange{falseV}, ValueRange{init})
                     .getResult(0);
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(1, ctx),
                                 AffineMap::get(1, 0, {}, ctx)};
  auto reduce = linalg::GenericOp::create(
      b, filled.getType(), ValueRange{indices}, ValueRange{filled}, maps,
      {utils::IteratorType::reduction},
      [&](OpBuilder &nb, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        Type it = args[0].getType();
        Value below = arith::CmpIOp::create(ib, arith::CmpIPredicate::slt,
                                            args[0], cInt(ib, it, 0));
        Value above = arith::CmpIOp::create(ib, arith::CmpIPredicate::sge,
                                            args[0], cInt(ib, it, numRows));
        Value bad = arith::OrIOp::create(ib, below, above);
        linalg::YieldOp::create(
            ib, ValueRange{arith::OrIOp::create(ib, args[1], bad)});
      });
  Value anyBad =
      tensor::ExtractOp::create(b, reduce.getResult(0), ValueRange{});
  Type i32 = b.getI32Type();
  return arith::SelectOp::create(b, anyBad, cInt(b, i32, kBadIndex),
                                 cInt(b, i32, 0));
}

/// Bit 1 of the embedding-bag status: any index outside [0, rows).
Value checkIndices(ImplicitLocOpBuilder &b, const EmbeddingBag &e) {
  return indexRangeStatus(b, e.indices, e.numRows);
}

/// The bag accumulator: the row itself, or for packed N-bit codes the row
/// deinterleaved by bit field, `perByte x codeBytes` (element j of the row
/// is at [j mod perByte, j / perByte]).
RankedTensorType accumulatorType(Builder &b, const EmbeddingBag &e) {
  if (e.format != RowFormat::FusedN)
    return RankedTensorType::get({e.blockSize}, b.getF32Type());
  int64_t perByte = 8 / e.bits;
  int64_t codeBytes = (e.blockSize + perByte - 1) / perByte;
  return RankedTensorType::get({perByte, codeBytes}, b.getF32Type());
}

/// The bag's sum as a row: interleaves a deinterleaved N-bit accumulator
/// back (a transpose to `codeBytes x perByte`, flattened; into the result
/// row `slot` itself when the row is whole bytes) and drops the fields past
/// the row's end; other accumulators are the row already.
Value accumulatorToRow(ImplicitLocOpBuilder &b, const EmbeddingBag &e,
                       Value acc, Value slot) {
  if (e.format != RowFormat::FusedN)
    return acc;
  auto type = cast<RankedTensorType>(acc.getType());
  int64_t perByte = type.getDimSize(0), codeBytes = type.getDimSize(1);
  auto gridType = RankedTensorType::get({codeBytes, perByte}, b.getF32Type());
  auto flatType = RankedTensorType::get({codeBytes * perByte}, b.getF32Type());
  SmallVector<ReassociationIndices> split = {{0, 1}};
  bool whole = codeBytes * perByte == e.blockSize;
  Value init =
      whole
          ? tensor::ExpandShapeOp::create(b, gridType, slot, split).getResult()
          : tensor::EmptyOp::create(b, gridType.getShape(), b.getF32Type())
                .getResult();
  Value interleaved =
      linalg::TransposeOp::create(b, acc, init, ArrayRef<int64_t>{1, 0})
          .getResult()[0];
  Value flat = tensor::CollapseShapeOp::create(b, flatType, interleaved, split);
  if (whole)
    return flat;
  return tensor::ExtractSliceOp::create(
      b, RankedTensorType::get({e.blockSize}, b.getF32Type()), flat,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(e.blockSize)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
}

/// acc += w · row(table[idx]) for one valid index, as a linalg.generic over
/// the row (the loop the CPU schedule vectorizes).
Value accumulateRow(ImplicitLocOpBuilder &b, const EmbeddingBag &e, Value acc,
                    Value row, Value weight) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type();
  int64_t d = e.blockSize;
  auto accType = cast<RankedTensorType>(acc.getType());
  auto rowSlice = [&](int64_t width) {
    Type elt = cast<RankedTensorType>(e.table.getType()).getElementType();
    return tensor::ExtractSliceOp::create(
        b, RankedTensorType::get({width}, elt), e.table,
        ArrayRef<OpFoldResult>{row, b.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(width)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  };

  // Per-row dequantization: value = scale·q + bias, so each term is
  // fma(w·scale, q, acc + w·bias), the order caffe2's kernels use.
  Value wScale = weight, wBias;
  if (e.format != RowFormat::Float) {
    Value scale, bias;
    if (e.format == RowFormat::ScaleBias) {
      scale = tensor::ExtractOp::create(b, e.scaleBias,
                                        ValueRange{row, cIndex(b, 0)});
      bias = tensor::ExtractOp::create(b, e.scaleBias,
                                       ValueRange{row, cIndex(b, 1)});
    } else if (e.format == RowFormat::Fused8) {
      scale = extractStoredFloat(b, e.table, row, d, 32);
      bias = extractStoredFloat(b, e.table, row, d + 4, 32);
    } else {
      int64_t perByte = 8 / e.bits;
      int64_t codeBytes = (d + perByte - 1) / perByte;
      scale = extractStoredFloat(b, e.table, row, codeBytes, 16);
      bias = extractStoredFloat(b, e.table, row, codeBytes + 2, 16);
    }
    wScale = arith::MulFOp::create(b, weight, scale);
    wBias = arith::MulFOp::create(b, weight, bias);
  }

  SmallVector<utils::IteratorType> parallel = {utils::IteratorType::parallel};
  AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
  if (e.format == RowFormat::FusedN) {
    // The accumulator is deinterleaved (accumulatorType): field f of every
    // byte adds into row f, so one generic over (field, byte) updates the
    // whole row with contiguous vectors per field (the shift is uniform
    // along a vector) and no lane needs a division. Fields past the row's
    // end (odd widths) read code bits inside the row and are dropped by
    // accumulatorToRow.
    int64_t perByte = 8 / e.bits;
    int64_t codeBytes = (d + perByte - 1) / perByte;
    Value bytes = rowSlice(codeBytes);
    AffineMap byteOf = AffineMap::get(2, 0, {b.getAffineDimExpr(1)}, ctx);
    auto update = linalg::GenericOp::create(
        b, accType, ValueRange{bytes}, ValueRange{acc},
        ArrayRef{byteOf, AffineMap::getMultiDimIdentityMap(2, ctx)},
        {utils::IteratorType::parallel, utils::IteratorType::parallel},
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          Type i32 = ib.getI32Type();
          Value shift = arith::MulIOp::create(
              ib,
              arith::IndexCastOp::create(ib, i32,
                                         linalg::IndexOp::create(ib, 0)),
              cInt(ib, i32, e.bits));
          Value code = arith::AndIOp::create(
              ib,
              arith::ShRUIOp::create(
                  ib, arith::ExtUIOp::create(ib, i32, args[0]), shift),
              cInt(ib, i32, (1 << e.bits) - 1));
          Value q = arith::UIToFPOp::create(ib, f32, code);
          Value biased = arith::AddFOp::create(ib, args[1], wBias);
          linalg::YieldOp::create(
              ib, ValueRange{math::FmaOp::create(ib, wScale, q, biased)});
        });
    update->setAttr(kRowUpdateAttr, b.getUnitAttr());
    return update.getResult(0);
  }

  Value values = rowSlice(d);
  auto update = linalg::GenericOp::create(
      b, accType, ValueRange{values}, ValueRange{acc}, ArrayRef{id, id},
      parallel, [&](OpBuilder &nb, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        Value x = args[0];
        Value sum = args[1];
        if (e.format == RowFormat::Float) {
          if (x.getType() != f32)
            x = arith::ExtFOp::create(ib, f32, x);
        } else {
          x = arith::UIToFPOp::create(ib, f32, x);
          sum = arith::AddFOp::create(ib, sum, wBias);
        }
        linalg::YieldOp::create(
            ib, ValueRange{math::FmaOp::create(ib, wScale, x, sum)});
      });
  update->setAttr(kRowUpdateAttr, b.getUnitAttr());
  return update.getResult(0);
}

/// Rows are gathered at random from tables far larger than the caches, so
/// each row is a cache and TLB miss; prefetching the row `kPrefetchDistance`
/// positions ahead (every cache line of it) overlaps those misses, as
/// caffe2's and fbgemm's kernels do. Prefetches are hints: the prefetched
/// index is clamped to the table anyway, so no address outside it is formed.
constexpr int64_t kPrefetchDistance = 16;
constexpr int64_t kCacheLineBytes = 64;

void prefetchRowAhead(ImplicitLocOpBuilder &b, const EmbeddingBag &e,
                      Value tableBuffer, Value j) {
  Value ahead = arith::MinUIOp::create(
      b, arith::AddIOp::create(b, j, cIndex(b, kPrefetchDistance)),
      cIndex(b, e.numIndices - 1));
  Value row = clampI64(b, extractI64(b, e.indices, ValueRange{ahead}),
                       cInt(b, b.getI64Type(), 0),
                       cInt(b, b.getI64Type(), e.numRows - 1));
  Value rowIdx = toIndex(b, row);
  auto tableType = cast<MemRefType>(tableBuffer.getType());
  int64_t eltBytes = tableType.getElementTypeBitWidth() / 8;
  int64_t rowBytes = tableType.getDimSize(1) * eltBytes;
  // Rows whose size is not a multiple of the line size (fused rows: 36
  // bytes at 4 bits, D = 64) start anywhere in a line, so their last byte
  // can lie one line beyond the strided prefetches: fetch it too.
  SmallVector<int64_t> bytes;
  for (int64_t byte = 0; byte < rowBytes; byte += kCacheLineBytes)
    bytes.push_back(byte);
  if (rowBytes % kCacheLineBytes != 0)
    bytes.push_back(rowBytes - 1);
  for (int64_t byte : bytes)
    memref::PrefetchOp::create(b, tableBuffer,
                               ValueRange{rowIdx, cIndex(b, byte / eltBytes)},
                               /*isWrite=*/false, /*localityHint=*/3,
                               /*isDataCache=*/true);
}

/// The whole embedding bag: (result, status).
std::pair<Value, Value> lowerEmbeddingBag(ImplicitLocOpBuilder &b,
                                          const EmbeddingBag &e) {
  Type f32 = b.getF32Type(), i64 = b.getI64Type(), i32 = b.getI32Type();
  Value starts, lengthsOk;
  if (e.lengths)
    std::tie(starts, lengthsOk) = computeStarts(b, e);
  Value status = arith::OrIOp::create(b, checkIndices(b, e),
                                      checkSegments(b, e, starts, lengthsOk));
  Value statusTensor = tensor::FromElementsOp::create(
      b, RankedTensorType::get({}, i32), ValueRange{status});

  int64_t d = e.blockSize;
  auto rowType = RankedTensorType::get({d}, f32);
  auto tableType = cast<RankedTensorType>(e.table.getType());
  Value tableBuffer = bufferization::ToBufferOp::create(
      b, MemRefType::get(tableType.getShape(), tableType.getElementType()),
      e.table, /*read_only=*/true);
  Value out = tensor::EmptyOp::create(b, ArrayRef<int64_t>{e.numBags, d}, f32);
  auto forall = scf::ForallOp::create(
      b, ArrayRef<OpFoldResult>{b.getIndexAttr(e.numBags)}, ValueRange{out},
      std::nullopt);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getTerminator());
    Value m = forall.getInductionVars()[0];
    Value shared = forall.getRegionIterArgs()[0];
    SmallVector<OpFoldResult> offsets = {m, b.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(d)};
    SmallVector<OpFoldResult> strides = {b.getIndexAttr(1), b.getIndexAttr(1)};
    Value slot = tensor::ExtractSliceOp::create(b, rowType, shared, offsets,
                                                sizes, strides);
    RankedTensorType accType = accumulatorType(b, e);
    Value accInit = slot;
    if (accType != rowType)
      accInit = tensor::EmptyOp::create(b, accType.getShape(), f32);
    Value acc =
        linalg::FillOp::create(b, ValueRange{cF32(b, 0.0)}, ValueRange{accInit})
            .getResult(0);
    auto [start, end] = segmentBounds(b, e, starts, m);
    Value startIdx = toIndex(b, start);
    int64_t numWeights =
        e.weights ? cast<RankedTensorType>(e.weights.getType()).getDimSize(0)
                  : 0;
    auto loop = scf::ForOp::create(
        b, startIdx, toIndex(b, end), cIndex(b, 1), ValueRange{acc},
        [&](OpBuilder &nb, Location loc, Value j, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          if (e.numIndices > 0 && e.numRows > 0)
            prefetchRowAhead(ib, e, tableBuffer, j);
          Value idx = extractI64(ib, e.indices, ValueRange{j});
          Value valid = arith::AndIOp::create(
              ib,
              arith::CmpIOp::create(ib, arith::CmpIPredicate::sge, idx,
                                    cInt(ib, i64, 0)),
              arith::CmpIOp::create(ib, arith::CmpIPredicate::slt, idx,
                                    cInt(ib, i64, e.numRows)));
          Value weightPos = j;
          if (e.positional) {
            weightPos = arith::SubIOp::create(ib, j, startIdx);
            valid = arith::AndIOp::create(
                ib, valid,
                arith::CmpIOp::create(ib, arith::CmpIPredicate::ult, weightPos,
                                      cIndex(ib, numWeights)));
          }
          auto ifOp = scf::IfOp::create(ib, TypeRange{accType}, valid,
                                        /*withElseRegion=*/true);
          {
            OpBuilder::InsertionGuard g(ib);
            ib.setInsertionPointToStart(ifOp.thenBlock());
            Value w = e.weights ? tensor::ExtractOp::create(
                                      ib, e.weights, ValueRange{weightPos})
                                      .getResult()
                                : cF32(ib, 1.0);
            Value next = accumulateRow(ib, e, args[0], toIndex(ib, idx), w);
            scf::YieldOp::create(ib, ValueRange{next});
            ib.setInsertionPointToStart(ifOp.elseBlock());
            scf::YieldOp::create(ib, ValueRange{args[0]});
          }
          scf::YieldOp::create(ib, ValueRange{ifOp.getResult(0)});
        });
    Value sum = accumulatorToRow(b, e, loop.getResult(0), slot);
    if (e.mean) {
      // caffe2 multiplies by 1/length; an empty bag stays zero (factor 1).
      Value len = arith::SubIOp::create(b, end, start);
      Value lenF = arith::SIToFPOp::create(b, f32, len);
      Value empty = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, len,
                                          cInt(b, i64, 0));
      Value inv = arith::SelectOp::create(
          b, empty, cF32(b, 1.0), arith::DivFOp::create(b, cF32(b, 1.0), lenF));
      AffineMap id = b.getMultiDimIdentityMap(1);
      sum = linalg::GenericOp::create(
                b, rowType, ValueRange{}, ValueRange{sum}, ArrayRef{id},
                {utils::IteratorType::parallel},
                [&](OpBuilder &nb, Location loc, ValueRange args) {
                  linalg::YieldOp::create(
                      nb, loc,
                      ValueRange{arith::MulFOp::create(nb, loc, args[0], inv)});
                })
                .getResult(0);
    }
    b.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(b, sum, shared, offsets, sizes,
                                          strides);
  }
  return {forall.getResult(0), statusTensor};
}

EmbeddingBag commonBag(Value table, Value indices, Value lengths, Value offsets,
                       Value weights, bool positional, bool mean,
                       RankedTensorType resultType) {
  EmbeddingBag e;
  e.table = table;
  e.indices = indices;
  e.lengths = lengths;
  e.offsets = offsets;
  e.weights = weights;
  e.positional = positional;
  e.mean = mean;
  e.bits = 8;
  e.numBags = resultType.getDimSize(0);
  e.blockSize = resultType.getDimSize(1);
  e.numIndices = cast<RankedTensorType>(indices.getType()).getDimSize(0);
  e.numRows = cast<RankedTensorType>(table.getType()).getDimSize(0);
  return e;
}

struct EmbeddingBagLowering : OpRewritePattern<EmbeddingBagOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EmbeddingBagOp op,
                                PatternRewriter &rewriter) const override {
    EmbeddingBag e =
        commonBag(op.getTable(), op.getIndices(), op.getLengths(),
                  op.getOffsets(), op.getWeights(), op.getPositionalWeights(),
                  op.getNormalizeByLengths(), op.getResult().getType());
    e.scaleBias = op.getScaleBias();
    e.format = e.scaleBias ? RowFormat::ScaleBias : RowFormat::Float;
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto [result, status] = lowerEmbeddingBag(b, e);
    rewriter.replaceOp(op, ValueRange{result, status});
    return success();
  }
};

struct FusedEmbeddingBagLowering : OpRewritePattern<FusedEmbeddingBagOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FusedEmbeddingBagOp op,
                                PatternRewriter &rewriter) const override {
    EmbeddingBag e =
        commonBag(op.getTable(), op.getIndices(), op.getLengths(),
                  op.getOffsets(), op.getWeights(), op.getPositionalWeights(),
                  op.getNormalizeByLengths(), op.getResult().getType());
    e.bits = op.getBitRate();
    e.format = e.bits == 8 ? RowFormat::Fused8 : RowFormat::FusedN;
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto [result, status] = lowerEmbeddingBag(b, e);
    rewriter.replaceOp(op, ValueRange{result, status});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Row-wise quantization
//===----------------------------------------------------------------------===//

/// A rank-1 or rank-2 linalg.generic over `shape` whose body computes one
/// value per result from the loop indices (inputs are read with
/// tensor.extract or come in through `ins`, mapped by `inMaps`).
Value createIndexedGeneric(
    ImplicitLocOpBuilder &b, ArrayRef<int64_t> shape, Type elementType,
    ValueRange ins, ArrayRef<AffineMap> inMaps,
    function_ref<Value(ImplicitLocOpBuilder &, ValueRange)> body) {
  Value init = tensor::EmptyOp::create(b, shape, elementType);
  SmallVector<AffineMap> maps(inMaps);
  maps.push_back(b.getMultiDimIdentityMap(shape.size()));
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, init.getType(), ins, ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location loc, ValueRange args) {
               ImplicitLocOpBuilder ib(loc, nb);
               linalg::YieldOp::create(ib,
                                       ValueRange{body(ib, args.drop_back())});
             })
      .getResult(0);
}

/// Byte `k` (0 = least significant) of the `width`-bit float `v`, stored
/// little-endian as f32 (width 32) or f16 (width 16).
Value floatByte(ImplicitLocOpBuilder &b, Value v, unsigned width, Value k) {
  Type i32 = b.getI32Type();
  Value word;
  if (width == 32) {
    word = arith::BitcastOp::create(b, i32, v);
  } else {
    Value half = arith::TruncFOp::create(b, b.getF16Type(), v);
    word = arith::ExtUIOp::create(
        b, i32, arith::BitcastOp::create(b, b.getI16Type(), half));
  }
  Value shift = arith::MulIOp::create(b, k, cInt(b, i32, 8));
  return arith::TruncIOp::create(b, b.getI8Type(),
                                 arith::ShRUIOp::create(b, word, shift));
}

/// `v` rounded to f16 (nearest even) and back to f32.
Value roundToF16(ImplicitLocOpBuilder &b, Value v) {
  Value half = arith::TruncFOp::create(b, b.getF16Type(), v);
  return arith::ExtFOp::create(b, b.getF32Type(), half);
}

/// Scale, bias and inverse scale of a row with minimum `lo` and maximum
/// `hi`, as caffe2 computes them: 8 bits in f32 (the 1e-8 range guard in
/// the inverse), N bits with f16 min and scale (1 for a flat row, a zero
/// f16 scale, or an infinite inverse).
std::array<Value, 3> rowwiseParameters(ImplicitLocOpBuilder &b, Value lo,
                                       Value hi, int64_t bits) {
  if (bits == 8) {
    Value range = arith::SubFOp::create(b, hi, lo);
    Value scale = arith::DivFOp::create(b, range, cF32(b, 255.0));
    Value inverse = arith::DivFOp::create(
        b, cF32(b, 255.0), arith::AddFOp::create(b, range, cF32(b, 1e-8)));
    return {scale, lo, inverse};
  }
  lo = roundToF16(b, lo);
  Value range = arith::SubFOp::create(b, hi, lo);
  Value flat =
      arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, range, cF32(b, 0.0));
  Value raw = arith::SelectOp::create(
      b, flat, cF32(b, 1.0),
      arith::DivFOp::create(b, range, cF32(b, double((1 << bits) - 1))));
  Value scale = roundToF16(b, raw);
  Value zero =
      arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, scale, cF32(b, 0.0));
  scale = arith::SelectOp::create(b, zero, cF32(b, 1.0), scale);
  Value inverse = arith::DivFOp::create(b, cF32(b, 1.0), scale);
  Value infinite = arith::CmpFOp::create(
      b, arith::CmpFPredicate::OEQ, math::AbsFOp::create(b, inverse),
      cF32(b, std::numeric_limits<float>::infinity()));
  return {arith::SelectOp::create(b, infinite, cF32(b, 1.0), scale), lo,
          arith::SelectOp::create(b, infinite, cF32(b, 1.0), inverse)};
}

/// A rank-1 linalg.generic over `size` elements of `elementType`, marked
/// for the recipe (one row of a perfkernel, vectorized whole).
Value createRowGeneric(
    ImplicitLocOpBuilder &b, int64_t size, Type elementType, ValueRange ins,
    function_ref<Value(ImplicitLocOpBuilder &, ValueRange)> body) {
  Value init = tensor::EmptyOp::create(b, ArrayRef<int64_t>{size}, elementType);
  SmallVector<AffineMap> maps(ins.size() + 1, b.getMultiDimIdentityMap(1));
  auto generic = linalg::GenericOp::create(
      b, init.getType(), ins, ValueRange{init}, maps,
      {utils::IteratorType::parallel},
      [&](OpBuilder &nb, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        linalg::YieldOp::create(ib, ValueRange{body(ib, args.drop_back())});
      });
  generic->setAttr(kRowUpdateAttr, b.getUnitAttr());
  return generic.getResult(0);
}

/// caffe2's FloatToFused{8,N}BitRowwiseQuantized, one row per scf.forall
/// iteration (the rows are independent): the row's min and max as one
/// reduction, its scale/bias/inverse scale as scalars, then the code bytes
/// and the parameter bytes as two generics over the row, which the recipe
/// vectorizes (their shapes are static).
Value lowerQuantizeRowwise(ImplicitLocOpBuilder &b, Value input, int64_t bits,
                           RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type(), i32 = b.getI32Type(), i8 = b.getI8Type();
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rows = inputType.getDimSize(0), d = inputType.getDimSize(1);
  int64_t cols = resultType.getDimSize(1);
  int64_t perByte = 8 / bits;
  int64_t codeBytes = bits == 8 ? d : (d + perByte - 1) / perByte;
  int64_t maxCode = (1 << bits) - 1;
  unsigned width = bits == 8 ? 32 : 16;
  int64_t paramBytes = width / 8;

  Value out = tensor::EmptyOp::create(b, ArrayRef<int64_t>{rows, cols}, i8);
  auto forall =
      scf::ForallOp::create(b, ArrayRef<OpFoldResult>{b.getIndexAttr(rows)},
                            ValueRange{out}, std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value r = forall.getInductionVars()[0];
  Value shared = forall.getRegionIterArgs()[0];
  Value x = tensor::ExtractSliceOp::create(
      b, RankedTensorType::get({d}, f32), input,
      ArrayRef<OpFoldResult>{r, b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(d)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});

  // Row min and max (minimumf/maximumf: a NaN propagates).
  auto filled = [&](float v) {
    Value empty = tensor::EmptyOp::create(b, ArrayRef<int64_t>{}, f32);
    return linalg::FillOp::create(b, ValueRange{cF32(b, v)}, ValueRange{empty})
        .getResult(0);
  };
  float inf = std::numeric_limits<float>::infinity();
  Value lo0 = filled(inf), hi0 = filled(-inf);
  AffineMap id1 = AffineMap::getMultiDimIdentityMap(1, ctx);
  AffineMap scalar = AffineMap::get(1, 0, {}, ctx);
  auto minMax = linalg::GenericOp::create(
      b, TypeRange{lo0.getType(), hi0.getType()}, ValueRange{x},
      ValueRange{lo0, hi0}, ArrayRef{id1, scalar, scalar},
      {utils::IteratorType::reduction},
      [&](OpBuilder &nb, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nb);
        linalg::YieldOp::create(
            ib, ValueRange{arith::MinimumFOp::create(ib, args[0], args[1]),
                           arith::MaximumFOp::create(ib, args[0], args[2])});
      });
  minMax->setAttr(kRowUpdateAttr, b.getUnitAttr());
  Value lo = tensor::ExtractOp::create(b, minMax.getResult(0), ValueRange{});
  Value hi = tensor::ExtractOp::create(b, minMax.getResult(1), ValueRange{});
  std::array<Value, 3> parameters = rowwiseParameters(b, lo, hi, bits);
  Value scale = parameters[0], bias = parameters[1], inverse = parameters[2];

  auto code = [&](ImplicitLocOpBuilder &ib, Value v) {
    v = arith::MulFOp::create(ib, arith::SubFOp::create(ib, v, bias), inverse);
    v = math::RoundEvenOp::create(ib, v);
    v = arith::MinNumFOp::create(ib,
                                 arith::MaxNumFOp::create(ib, v, cF32(ib, 0.0)),
                                 cF32(ib, double(maxCode)));
    return arith::FPToUIOp::create(ib, i32, v);
  };
  Value codes;
  if (bits == 8) {
    codes = createRowGeneric(b, d, i8, ValueRange{x},
                             [&](ImplicitLocOpBuilder &ib, ValueRange args) {
                               return arith::TruncIOp::create(
                                   ib, i8, code(ib, args[0]));
                             });
  } else {
    // Byte c packs columns c·perByte + k, lowest bits first; columns past
    // the row's end are zero (their reads are clamped into the row).
    codes = createRowGeneric(
        b, codeBytes, i8, ValueRange{},
        [&](ImplicitLocOpBuilder &ib, ValueRange) -> Value {
          Value c = linalg::IndexOp::create(ib, 0);
          Value first = arith::MulIOp::create(ib, c, cIndex(ib, perByte));
          Value packed = cInt(ib, i32, 0);
          for (int64_t k = 0; k < perByte; ++k) {
            Value col = arith::AddIOp::create(ib, first, cIndex(ib, k));
            Value inRow = arith::CmpIOp::create(ib, arith::CmpIPredicate::ult,
                                                col, cIndex(ib, d));
            Value safe = arith::MinUIOp::create(ib, col, cIndex(ib, d - 1));
            Value v = tensor::ExtractOp::create(ib, x, ValueRange{safe});
            Value q = arith::SelectOp::create(ib, inRow, code(ib, v),
                                              cInt(ib, i32, 0));
            packed = arith::OrIOp::create(
                ib, packed,
                arith::ShLIOp::create(ib, q, cInt(ib, i32, k * bits)));
          }
          return arith::TruncIOp::create(ib, i8, packed);
        });
  }
  // Scale then bias, each f32 (8 bits) or f16, little-endian.
  Value params = createRowGeneric(
      b, 2 * paramBytes, i8, ValueRange{},
      [&](ImplicitLocOpBuilder &ib, ValueRange) -> Value {
        Value k =
            arith::IndexCastOp::create(ib, i32, linalg::IndexOp::create(ib, 0));
        Value isScale = arith::CmpIOp::create(ib, arith::CmpIPredicate::ult, k,
                                              cInt(ib, i32, paramBytes));
        Value byteInParam =
            arith::RemUIOp::create(ib, k, cInt(ib, i32, paramBytes));
        return arith::SelectOp::create(ib, isScale,
                                       floatByte(ib, scale, width, byteInParam),
                                       floatByte(ib, bias, width, byteInParam));
      });

  b.setInsertionPointToStart(forall.getTerminator().getBody());
  auto insertAt = [&](Value row, int64_t col, int64_t size) {
    tensor::ParallelInsertSliceOp::create(
        b, row, shared, ArrayRef<OpFoldResult>{r, b.getIndexAttr(col)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(size)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  };
  insertAt(codes, 0, codeBytes);
  insertAt(params, codeBytes, 2 * paramBytes);
  return forall.getResult(0);
}

/// caffe2's Fused{8,N}BitRowwiseQuantizedToFloat: `scale · q + bias`.
Value lowerDequantizeRowwise(ImplicitLocOpBuilder &b, Value input, int64_t bits,
                             RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type(), i32 = b.getI32Type();
  int64_t rows = resultType.getDimSize(0), d = resultType.getDimSize(1);
  int64_t perByte = 8 / bits;
  int64_t codeBytes = bits == 8 ? d : (d + perByte - 1) / perByte;
  unsigned width = bits == 8 ? 32 : 16;
  SmallVector<Value> params;
  for (int64_t which = 0; which < 2; ++which)
    params.push_back(createIndexedGeneric(
        b, {rows}, f32, {}, {}, [&](ImplicitLocOpBuilder &ib, ValueRange) {
          Value r = linalg::IndexOp::create(ib, 0);
          return extractStoredFloat(ib, input, r,
                                    codeBytes + which * (width / 8), width);
        }));
  AffineMap rowOf2 = AffineMap::get(2, 0, {b.getAffineDimExpr(0)}, ctx);
  return createIndexedGeneric(
      b, {rows, d}, f32, params, {rowOf2, rowOf2},
      [&](ImplicitLocOpBuilder &ib, ValueRange p) -> Value {
        Value r = linalg::IndexOp::create(ib, 0);
        Value c = linalg::IndexOp::create(ib, 1);
        Value byteCol = arith::DivUIOp::create(ib, c, cIndex(ib, perByte));
        Value byte = arith::ExtUIOp::create(
            ib, i32,
            tensor::ExtractOp::create(ib, input, ValueRange{r, byteCol}));
        Value code = byte;
        if (bits != 8) {
          Value field = arith::IndexCastOp::create(
              ib, i32, arith::RemUIOp::create(ib, c, cIndex(ib, perByte)));
          code = arith::AndIOp::create(
              ib,
              arith::ShRUIOp::create(
                  ib, byte,
                  arith::MulIOp::create(ib, field, cInt(ib, i32, bits))),
              cInt(ib, i32, (1 << bits) - 1));
        }
        Value q = arith::UIToFPOp::create(ib, f32, code);
        return arith::AddFOp::create(ib, arith::MulFOp::create(ib, q, p[0]),
                                     p[1]);
      });
}

struct QuantizeRowwiseLowering : OpRewritePattern<QuantizeRowwiseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(QuantizeRowwiseOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(op, lowerQuantizeRowwise(b, op.getInput(),
                                                op.getBitRate(), op.getType()));
    return success();
  }
};

struct DequantizeRowwiseLowering : OpRewritePattern<DequantizeRowwiseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DequantizeRowwiseOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(op,
                       lowerDequantizeRowwise(b, op.getInput(), op.getBitRate(),
                                              op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// LSTM unit
//===----------------------------------------------------------------------===//

/// One elementwise linalg.generic over (n, d) computing both outputs; the
/// four gates are slices of `gates`, so every operand is read with an
/// identity map (vectorizable), and the sequence check reads the row's
/// length and the scalar time step through broadcasting maps.
struct LstmUnitLowering : OpRewritePattern<LstmUnitOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LstmUnitOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *ctx = b.getContext();
    RankedTensorType stateType = op.getHiddenPrev().getType();
    Type elt = stateType.getElementType(), f32 = b.getF32Type();
    int64_t n = stateType.getDimSize(0), d = stateType.getDimSize(1);

    SmallVector<Value> ins = {op.getHiddenPrev(), op.getCellPrev()};
    for (int64_t k = 0; k < 4; ++k)
      ins.push_back(tensor::ExtractSliceOp::create(
          b, stateType, op.getGates(),
          ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(k * d)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(n), b.getIndexAttr(d)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)}));
    AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
    SmallVector<AffineMap> maps(ins.size(), id);
    bool masked = static_cast<bool>(op.getSeqLengths());
    if (masked) {
      ins.append({op.getSeqLengths(), op.getTimestep()});
      maps.push_back(AffineMap::get(2, 0, {b.getAffineDimExpr(0)}, ctx));
      maps.push_back(AffineMap::get(2, 0, {}, ctx));
    }
    maps.append({id, id});
    Value initH = tensor::EmptyOp::create(b, stateType.getShape(), elt);
    Value initC = tensor::EmptyOp::create(b, stateType.getShape(), elt);
    float forgetBias = op.getForgetBias().convertToFloat();
    bool drop = op.getDropStates();
    auto generic = linalg::GenericOp::create(
        b, TypeRange{stateType, stateType}, ins, ValueRange{initH, initC}, maps,
        {utils::IteratorType::parallel, utils::IteratorType::parallel},
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          auto toF32 = [&](Value v) {
            return convertScalarToDtype(ib, ib.getLoc(), v, f32,
                                        /*isUnsignedCast=*/false);
          };
          auto fromF32 = [&](Value v) {
            return convertScalarToDtype(ib, ib.getLoc(), v, elt,
                                        /*isUnsignedCast=*/false);
          };
          Value one = cF32(ib, 1.0);
          auto sigmoid = [&](Value x) -> Value {
            Value e = math::ExpOp::create(ib, arith::NegFOp::create(ib, x));
            return arith::DivFOp::create(ib, one,
                                         arith::AddFOp::create(ib, one, e));
          };
          Value cPrev = toF32(args[1]);
          Value i = sigmoid(toF32(args[2]));
          Value f = sigmoid(
              arith::AddFOp::create(ib, toF32(args[3]), cF32(ib, forgetBias)));
          Value o = sigmoid(toF32(args[4]));
          Value g = math::TanhOp::create(ib, toF32(args[5]));
          Value c =
              arith::AddFOp::create(ib, arith::MulFOp::create(ib, f, cPrev),
                                    arith::MulFOp::create(ib, i, g));
          Value h = arith::MulFOp::create(ib, o, math::TanhOp::create(ib, c));
          Value hOut = fromF32(h), cOut = fromF32(c);
          if (masked) {
            Value valid = arith::CmpIOp::create(ib, arith::CmpIPredicate::slt,
                                                args[7], args[6]);
            Value zero = arith::ConstantOp::create(ib, ib.getZeroAttr(elt));
            hOut =
                arith::SelectOp::create(ib, valid, hOut, drop ? zero : args[0]);
            cOut =
                arith::SelectOp::create(ib, valid, cOut, drop ? zero : args[1]);
          }
          linalg::YieldOp::create(ib, ValueRange{hOut, cOut});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Adagrad
//===----------------------------------------------------------------------===//

/// One elementwise linalg.generic yielding the new parameter and moment, in
/// caffe2's operation order (g' = fma(wd, w, g), h' = decay·h + g'·g',
/// w' = w + lr·g' / (sqrt(h') + eps)).
struct AdagradLowering : OpRewritePattern<AdagradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AdagradOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getParam().getType();
    Type elt = type.getElementType(), f32 = b.getF32Type();
    int64_t rank = type.getRank();
    AffineMap id = b.getMultiDimIdentityMap(rank);
    AffineMap scalar = AffineMap::get(rank, 0, {}, b.getContext());
    Value initW = tensor::EmptyOp::create(b, type.getShape(), elt);
    Value initH = tensor::EmptyOp::create(b, type.getShape(), elt);
    float eps = op.getEpsilon().convertToFloat();
    float decay = op.getDecay().convertToFloat();
    float wd = op.getWeightDecay().convertToFloat();
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type, type},
        ValueRange{op.getParam(), op.getMoment(), op.getGrad(), op.getLr()},
        ValueRange{initW, initH}, ArrayRef{id, id, id, scalar, id, id},
        iterators, [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          auto toF32 = [&](Value v) {
            return convertScalarToDtype(ib, ib.getLoc(), v, f32,
                                        /*isUnsignedCast=*/false);
          };
          auto fromF32 = [&](Value v) {
            return convertScalarToDtype(ib, ib.getLoc(), v, elt,
                                        /*isUnsignedCast=*/false);
          };
          Value w = toF32(args[0]), h = toF32(args[1]), lr = args[3];
          Value g = math::FmaOp::create(ib, cF32(ib, wd), w, args[2]);
          Value hNew = arith::AddFOp::create(
              ib, arith::MulFOp::create(ib, cF32(ib, decay), h),
              arith::MulFOp::create(ib, g, g));
          Value denom = arith::AddFOp::create(
              ib, math::SqrtOp::create(ib, hNew), cF32(ib, eps));
          Value step = arith::DivFOp::create(
              ib, arith::MulFOp::create(ib, lr, g), denom);
          Value wNew = arith::AddFOp::create(ib, w, step);
          linalg::YieldOp::create(ib, ValueRange{fromF32(wNew), fromF32(hNew)});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// Rows named by indices, one after the other (repeated indices see the
/// previous update, as in caffe2): an scf.for over the indices carrying the
/// parameter and moment tensors; each valid index updates its row slices
/// with linalg.generic ops and inserts them back. Invalid indices are
/// skipped and reported.
struct SparseAdagradLowering : OpRewritePattern<SparseAdagradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SparseAdagradOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *ctx = b.getContext();
    RankedTensorType paramType = op.getParam().getType();
    RankedTensorType momentType = op.getMoment().getType();
    Type elt = paramType.getElementType(), f32 = b.getF32Type();
    int64_t rows = paramType.getDimSize(0), d = paramType.getDimSize(1);
    int64_t n = op.getGrad().getType().getDimSize(0);
    bool rowwise = op.isRowwise();
    float eps = op.getEpsilon().convertToFloat();
    float wd = op.getWeightDecay().convertToFloat();

    Value status = indexRangeStatus(b, op.getIndices(), rows);
    Value statusTensor = tensor::FromElementsOp::create(
        b, RankedTensorType::get({}, b.getI32Type()), ValueRange{status});
    Value lr = tensor::ExtractOp::create(b, op.getLr(), ValueRange{});

    auto rowType = RankedTensorType::get({d}, elt);
    auto gradRowType = RankedTensorType::get({d}, f32);
    auto rowSlice = [&](ImplicitLocOpBuilder &ib, Value t, Value row,
                        RankedTensorType type) -> Value {
      return tensor::ExtractSliceOp::create(
          ib, type, t, ArrayRef<OpFoldResult>{row, ib.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{ib.getIndexAttr(1), ib.getIndexAttr(d)},
          ArrayRef<OpFoldResult>{ib.getIndexAttr(1), ib.getIndexAttr(1)});
    };
    auto insertRow = [&](ImplicitLocOpBuilder &ib, Value row, Value t,
                         Value idx) -> Value {
      return tensor::InsertSliceOp::create(
          ib, row, t, ArrayRef<OpFoldResult>{idx, ib.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{ib.getIndexAttr(1), ib.getIndexAttr(d)},
          ArrayRef<OpFoldResult>{ib.getIndexAttr(1), ib.getIndexAttr(1)});
    };
    AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
    AffineMap toScalar = AffineMap::get(1, 0, {}, ctx);
    SmallVector<utils::IteratorType> parallel = {utils::IteratorType::parallel};

    auto loop = scf::ForOp::create(
        b, cIndex(b, 0), cIndex(b, n), cIndex(b, 1),
        ValueRange{op.getParam(), op.getMoment()},
        [&](OpBuilder &nb, Location loc, Value i, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          Value idx = extractI64(ib, op.getIndices(), ValueRange{i});
          Value valid = arith::AndIOp::create(
              ib,
              arith::CmpIOp::create(ib, arith::CmpIPredicate::sge, idx,
                                    cInt(ib, ib.getI64Type(), 0)),
              arith::CmpIOp::create(ib, arith::CmpIPredicate::slt, idx,
                                    cInt(ib, ib.getI64Type(), rows)));
          auto ifOp = scf::IfOp::create(ib, TypeRange{paramType, momentType},
                                        valid, /*withElseRegion=*/true);
          {
            OpBuilder::InsertionGuard g(ib);
            ib.setInsertionPointToStart(ifOp.elseBlock());
            scf::YieldOp::create(ib, args);
            ib.setInsertionPointToStart(ifOp.thenBlock());
            Value row = toIndex(ib, idx);
            Value w = rowSlice(ib, args[0], row, rowType);
            Value gr = rowSlice(ib, op.getGrad(), i, gradRowType);
            auto toF32 = [&](ImplicitLocOpBuilder &bb, Value v) {
              return convertScalarToDtype(bb, bb.getLoc(), v, f32,
                                          /*isUnsignedCast=*/false);
            };
            auto fromF32 = [&](ImplicitLocOpBuilder &bb, Value v) {
              return convertScalarToDtype(bb, bb.getLoc(), v, elt,
                                          /*isUnsignedCast=*/false);
            };
            // g' = fma(weight_decay, w, g), caffe2's order.
            auto decayed = [&](ImplicitLocOpBuilder &bb, Value wv, Value gv) {
              return math::FmaOp::create(bb, cF32(bb, wd), toF32(bb, wv), gv);
            };
            Value newW, newH;
            if (!rowwise) {
              Value h = rowSlice(ib, args[1], row, rowType);
              auto update = linalg::GenericOp::create(
                  ib, TypeRange{rowType, rowType}, ValueRange{gr},
                  ValueRange{w, h}, ArrayRef{id, id, id}, parallel,
                  [&](OpBuilder &gb, Location gl, ValueRange a) {
                    ImplicitLocOpBuilder bb(gl, gb);
                    Value gv = decayed(bb, a[1], a[0]);
                    Value hv = arith::AddFOp::create(
                        bb, toF32(bb, a[2]), arith::MulFOp::create(bb, gv, gv));
                    Value denom = arith::AddFOp::create(
                        bb, math::SqrtOp::create(bb, hv), cF32(bb, eps));
                    Value wv = arith::AddFOp::create(
                        bb, toF32(bb, a[1]),
                        arith::DivFOp::create(
                            bb, arith::MulFOp::create(bb, lr, gv), denom));
                    linalg::YieldOp::create(
                        bb, ValueRange{fromF32(bb, wv), fromF32(bb, hv)});
                  });
              update->setAttr(kRowUpdateAttr, ib.getUnitAttr());
              newW = insertRow(ib, update.getResult(0), args[0], row);
              newH = insertRow(ib, update.getResult(1), args[1], row);
            } else {
              // mean(g'²) over the row, then one step size for the row.
              // The sum is an addf of the products (caffe2's reference
              // `sum += g * g`): a combiner the vectorizer recognizes, which
              // an fma into the accumulator is not.
              Value init =
                  tensor::EmptyOp::create(ib, ArrayRef<int64_t>{}, f32);
              Value zero = linalg::FillOp::create(ib, ValueRange{cF32(ib, 0.0)},
                                                  ValueRange{init})
                               .getResult(0);
              auto sumOp = linalg::GenericOp::create(
                  ib, TypeRange{zero.getType()}, ValueRange{gr, w},
                  ValueRange{zero}, ArrayRef{id, id, toScalar},
                  {utils::IteratorType::reduction},
                  [&](OpBuilder &gb, Location gl, ValueRange a) {
                    ImplicitLocOpBuilder bb(gl, gb);
                    Value gv = decayed(bb, a[1], a[0]);
                    linalg::YieldOp::create(
                        bb, ValueRange{arith::AddFOp::create(
                                bb, a[2], arith::MulFOp::create(bb, gv, gv))});
                  });
              sumOp->setAttr(kRowUpdateAttr, ib.getUnitAttr());
              Value sum = sumOp.getResult(0);
              Value mean = arith::DivFOp::create(
                  ib, tensor::ExtractOp::create(ib, sum, ValueRange{}),
                  cF32(ib, double(d)));
              Value hOld = toF32(
                  ib, tensor::ExtractOp::create(ib, args[1], ValueRange{row}));
              Value hv = arith::AddFOp::create(ib, hOld, mean);
              Value step = arith::DivFOp::create(
                  ib, lr,
                  arith::AddFOp::create(ib, math::SqrtOp::create(ib, hv),
                                        cF32(ib, eps)));
              newH = tensor::InsertOp::create(ib, fromF32(ib, hv), args[1],
                                              ValueRange{row});
              auto wUpdate = linalg::GenericOp::create(
                  ib, TypeRange{rowType}, ValueRange{gr}, ValueRange{w},
                  ArrayRef{id, id}, parallel,
                  [&](OpBuilder &gb, Location gl, ValueRange a) {
                    ImplicitLocOpBuilder bb(gl, gb);
                    Value gv = decayed(bb, a[1], a[0]);
                    Value wv =
                        math::FmaOp::create(bb, gv, step, toF32(bb, a[1]));
                    linalg::YieldOp::create(bb, ValueRange{fromF32(bb, wv)});
                  });
              wUpdate->setAttr(kRowUpdateAttr, ib.getUnitAttr());
              newW = insertRow(ib, wUpdate.getResult(0), args[0], row);
            }
            scf::YieldOp::create(ib, ValueRange{newW, newH});
          }
          scf::YieldOp::create(ib, ifOp.getResults());
        });
    rewriter.replaceOp(
        op, ValueRange{loop.getResult(0), loop.getResult(1), statusTensor});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Typed axpy and batch Box-Cox
//===----------------------------------------------------------------------===//

/// One elementwise linalg.generic: widen x to f32 (uint8 codes unsigned),
/// then fma(a, x, y).
struct AxpyLowering : OpRewritePattern<AxpyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AxpyOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getY().getType();
    Type f32 = b.getF32Type();
    int64_t rank = type.getRank();
    AffineMap id = b.getMultiDimIdentityMap(rank);
    AffineMap scalar = AffineMap::get(rank, 0, {}, b.getContext());
    Value init = tensor::EmptyOp::create(b, type.getShape(), f32);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type}, ValueRange{op.getX(), op.getY(), op.getA()},
        ValueRange{init}, ArrayRef{id, id, scalar, id}, iterators,
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          Value x = args[0];
          if (x.getType().isInteger(8))
            x = arith::UIToFPOp::create(ib, f32, x);
          else if (x.getType() != f32)
            x = arith::ExtFOp::create(ib, f32, x);
          Value r = math::FmaOp::create(ib, args[2], x, args[1]);
          linalg::YieldOp::create(ib, ValueRange{r});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// One elementwise linalg.generic over N x D, lambdas broadcast along rows.
/// Both branches are computed and a select picks one (the discarded
/// (s^0 - 1) / 0 is never seen), which keeps the body branch-free for the
/// vectorizer.
struct BoxCoxLowering : OpRewritePattern<BoxCoxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BoxCoxOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getData().getType();
    auto elt = cast<FloatType>(type.getElementType());
    MLIRContext *ctx = b.getContext();
    AffineMap id = b.getMultiDimIdentityMap(2);
    AffineMap column = AffineMap::get(2, 0, {b.getAffineDimExpr(1)}, ctx);
    Value init = tensor::EmptyOp::create(b, type.getShape(), elt);
    SmallVector<utils::IteratorType> iterators(2,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type},
        ValueRange{op.getData(), op.getLambda1(), op.getLambda2()},
        ValueRange{init}, ArrayRef{id, column, column, id}, iterators,
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          auto cst = [&](double v) -> Value {
            return arith::ConstantOp::create(ib, ib.getFloatAttr(elt, v));
          };
          Value x = args[0], l1 = args[1], l2 = args[2];
          // caffe2's k_eps guard; maximumf propagates NaN like std::max
          // with the sum first.
          Value s = arith::MaximumFOp::create(
              ib, arith::AddFOp::create(ib, x, l2), cst(1e-6));
          Value logBranch = math::LogOp::create(ib, s);
          Value powBranch = arith::DivFOp::create(
              ib,
              arith::SubFOp::create(ib, math::PowFOp::create(ib, s, l1),
                                    cst(1.0)),
              l1);
          Value isZero = arith::CmpFOp::create(ib, arith::CmpFPredicate::OEQ,
                                               l1, cst(0.0));
          Value r = arith::SelectOp::create(ib, isZero, logBranch, powBranch);
          linalg::YieldOp::create(ib, ValueRange{r});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Whole-tensor quantization (caffe2 math::quantize_and_compress)
//===----------------------------------------------------------------------===//

/// caffe2's QEPSILON, added in double precision.
constexpr double kCompressEpsilon = 1e-8;

/// `(float)((double)v + 1e-8)`: caffe2 adds its epsilon in double.
Value addEpsilonInF64(ImplicitLocOpBuilder &b, Value v) {
  Type f64 = b.getF64Type();
  Value wide = arith::ExtFOp::create(b, f64, v);
  Value eps = arith::ConstantOp::create(b, b.getF64FloatAttr(kCompressEpsilon));
  Value sum = arith::AddFOp::create(b, wide, eps);
  return arith::TruncFOp::create(b, b.getF32Type(), sum);
}

/// Min and max over the whole vector (a NaN is skipped, as caffe2's
/// `x < min ? x : min` does), then one generic producing every output byte:
/// the header for bytes 0..9, the OR of the `8 / bits` segment codes after.
struct QuantizeAndCompressLowering : OpRewritePattern<QuantizeAndCompressOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(QuantizeAndCompressOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *ctx = b.getContext();
    Type f32 = b.getF32Type(), f64 = b.getF64Type(), i32 = b.getI32Type();
    Value input = op.getInput();
    int64_t n = op.getInput().getType().getDimSize(0);
    int64_t bits = op.getBitRate();
    int64_t perByte = 8 / bits;
    int64_t segment = (n + perByte - 1) / perByte;
    int64_t tail = perByte * segment - n;
    int64_t maxCode = (1 << bits) - 1;

    float inf = std::numeric_limits<float>::infinity();
    auto filled = [&](float v) {
      Value empty = tensor::EmptyOp::create(b, ArrayRef<int64_t>{}, f32);
      return linalg::FillOp::create(b, ValueRange{cF32(b, v)},
                                    ValueRange{empty})
          .getResult(0);
    };
    AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
    AffineMap scalar = AffineMap::get(1, 0, {}, ctx);
    Value lo0 = filled(inf), hi0 = filled(-inf);
    auto minMax = linalg::GenericOp::create(
        b, TypeRange{lo0.getType(), hi0.getType()}, ValueRange{input},
        ValueRange{lo0, hi0}, ArrayRef{id, scalar, scalar},
        {utils::IteratorType::reduction},
        [&](OpBuilder &nb, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nb);
          linalg::YieldOp::create(
              ib, ValueRange{arith::MinNumFOp::create(ib, args[0], args[1]),
                             arith::MaxNumFOp::create(ib, args[0], args[2])});
        });
    Value lo = tensor::ExtractOp::create(b, minMax.getResult(0), ValueRange{});
    Value hi = tensor::ExtractOp::create(b, minMax.getResult(1), ValueRange{});
    Value gap = arith::DivFOp::create(b, arith::SubFOp::create(b, hi, lo),
                                      cF32(b, double(maxCode)));
    // 1. / (gap + QEPSILON) in double, stored as float.
    Value inverse = arith::TruncFOp::create(
        b, f32,
        arith::DivFOp::create(
            b, arith::ConstantOp::create(b, b.getF64FloatAttr(1.0)),
            arith::AddFOp::create(
                b, arith::ExtFOp::create(b, f64, gap),
                arith::ConstantOp::create(
                    b, b.getF64FloatAttr(kCompressEpsilon)))));

    Value result = createIndexedGeneric(
        b, {10 + segment}, b.getI8Type(), {}, {},
        [&](ImplicitLocOpBuilder &ib, ValueRange) -> Value {
          Value p = linalg::IndexOp::create(ib, 0);
          // Data byte i = p - 10 (clamped to 0 for header bytes, whose
          // data value a select discards).
          Value i = arith::SubIOp::create(
              ib, arith::MaxUIOp::create(ib, p, cIndex(ib, 10)),
              cIndex(ib, 10));
          Value packed = cInt(ib, i32, 0);
          for (int64_t s = 0; s < perByte; ++s) {
            Value j = arith::AddIOp::create(ib, i, cIndex(ib, s * segment));
            Value inRange = arith::CmpIOp::create(ib, arith::CmpIPredicate::ult,
                                                  j, cIndex(ib, n));
            Value safe = arith::MinUIOp::create(ib, j, cIndex(ib, n - 1));
            Value x = tensor::ExtractOp::create(ib, input, ValueRange{safe});
            Value t = arith::MulFOp::create(
                ib, arith::SubFOp::create(ib, x, lo), inverse);
            // caffe2's clamp order: `t < max_q ? t : max_q` (a NaN becomes
            // max_q), then `t > 0 ? t : 0`, then nearbyint.
            Value maxQ = cF32(ib, double(maxCode));
            t = arith::SelectOp::create(
                ib,
                arith::CmpFOp::create(ib, arith::CmpFPredicate::OLT, t, maxQ),
                t, maxQ);
            t = arith::SelectOp::create(
                ib,
                arith::CmpFOp::create(ib, arith::CmpFPredicate::OGT, t,
                                      cF32(ib, 0.0)),
                t, cF32(ib, 0.0));
            Value q = arith::FPToUIOp::create(ib, i32,
                                              math::RoundEvenOp::create(ib, t));
            q = arith::SelectOp::create(ib, inRange, q, cInt(ib, i32, 0));
            packed = arith::OrIOp::create(
                ib, packed,
                arith::ShLIOp::create(ib, q, cInt(ib, i32, s * bits)));
          }
          Value dataByte = arith::TruncIOp::create(ib, ib.getI8Type(), packed);

          // Header: bitwidth, tail, then min and max bytes.
          Value p32 = arith::IndexCastOp::create(ib, i32, p);
          Value k = arith::RemUIOp::create(
              ib, arith::AddIOp::create(ib, p32, cInt(ib, i32, 2)),
              cInt(ib, i32, 4));
          Value inMax = arith::CmpIOp::create(ib, arith::CmpIPredicate::uge, p,
                                              cIndex(ib, 6));
          Value header = arith::SelectOp::create(
              ib, inMax, floatByte(ib, hi, 32, k), floatByte(ib, lo, 32, k));
          Value isBits = arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, p,
                                               cIndex(ib, 0));
          Value isTail = arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, p,
                                               cIndex(ib, 1));
          header = arith::SelectOp::create(
              ib, isTail, cInt(ib, ib.getI8Type(), tail), header);
          header = arith::SelectOp::create(
              ib, isBits, cInt(ib, ib.getI8Type(), bits), header);
          Value isData = arith::CmpIOp::create(ib, arith::CmpIPredicate::uge, p,
                                               cIndex(ib, 10));
          return arith::SelectOp::create(ib, isData, dataByte, header);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Reads min and max from the header, checks its bitwidth and tail bytes
/// against the static layout (the status), then one generic decoding
/// element j from bits [(j / S)·bits, ...) of data byte j mod S.
struct DecompressAndDequantizeLowering
    : OpRewritePattern<DecompressAndDequantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DecompressAndDequantizeOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Type f32 = b.getF32Type(), i32 = b.getI32Type();
    Value input = op.getInput();
    int64_t n = op.getResult().getType().getDimSize(0);
    int64_t bits = op.getBitRate();
    int64_t perByte = 8 / bits;
    int64_t segment = (n + perByte - 1) / perByte;
    int64_t tail = perByte * segment - n;
    int64_t maxCode = (1 << bits) - 1;

    auto byteAt = [&](int64_t pos) -> Value {
      Value v = tensor::ExtractOp::create(b, input, ValueRange{cIndex(b, pos)});
      return arith::ExtUIOp::create(b, i32, v);
    };
    auto floatAt = [&](int64_t pos) -> Value {
      Value word = cInt(b, i32, 0);
      for (int64_t k = 0; k < 4; ++k)
        word = arith::OrIOp::create(
            b, word,
            arith::ShLIOp::create(b, byteAt(pos + k), cInt(b, i32, 8 * k)));
      return arith::BitcastOp::create(b, f32, word);
    };
    Value lo = floatAt(2), hi = floatAt(6);
    Value badBits = arith::CmpIOp::create(b, arith::CmpIPredicate::ne,
                                          byteAt(0), cInt(b, i32, bits));
    Value badTail = arith::CmpIOp::create(b, arith::CmpIPredicate::ne,
                                          byteAt(1), cInt(b, i32, tail));
    Value bad = arith::OrIOp::create(b, badBits, badTail);
    Value status = tensor::FromElementsOp::create(
        b, RankedTensorType::get({}, i32),
        ValueRange{arith::ExtUIOp::create(b, i32, bad)});
    Value gap = addEpsilonInF64(
        b, arith::DivFOp::create(b, arith::SubFOp::create(b, hi, lo),
                                 cF32(b, double(maxCode))));

    Value result = createIndexedGeneric(
        b, {n}, f32, {}, {}, [&](ImplicitLocOpBuilder &ib, ValueRange) {
          Value j = linalg::IndexOp::create(ib, 0);
          Value s = arith::DivUIOp::create(ib, j, cIndex(ib, segment));
          Value i = arith::RemUIOp::create(ib, j, cIndex(ib, segment));
          Value pos = arith::AddIOp::create(ib, i, cIndex(ib, 10));
          Value byte = arith::ExtUIOp::create(
              ib, i32, tensor::ExtractOp::create(ib, input, ValueRange{pos}));
          Value shift = arith::MulIOp::create(
              ib, arith::IndexCastOp::create(ib, i32, s), cInt(ib, i32, bits));
          Value code =
              arith::AndIOp::create(ib, arith::ShRUIOp::create(ib, byte, shift),
                                    cInt(ib, i32, maxCode));
          Value q = arith::UIToFPOp::create(ib, f32, code);
          return arith::AddFOp::create(ib, arith::MulFOp::create(ib, q, gap),
                                       lo);
        });
    rewriter.replaceOp(op, {result, status});
    return success();
  }
};

} // namespace

void mlir::pk::populatePKPerfKernelsToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns
      .add<EmbeddingBagLowering, FusedEmbeddingBagLowering,
           QuantizeRowwiseLowering, DequantizeRowwiseLowering, LstmUnitLowering,
           AdagradLowering, SparseAdagradLowering, AxpyLowering, BoxCoxLowering,
           QuantizeAndCompressLowering, DecompressAndDequantizeLowering>(
          patterns.getContext());
}
