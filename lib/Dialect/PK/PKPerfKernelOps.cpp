//===- PKPerfKernelOps.cpp - caffe2 perfkernel op verifiers ---------------===//
//
// Verifiers and cost model of the ops in PKPerfKernelOps.td. The op classes
// themselves are generated into PKOps.cpp (PKOps.td includes their .td).
//
//===----------------------------------------------------------------------===//

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::pk;

//===----------------------------------------------------------------------===//
// Embedding bags
//===----------------------------------------------------------------------===//

namespace {
/// The operands both embedding-bag ops share, for one verifier.
struct EmbeddingBagOperands {
  Value table, indices, lengths, offsets, weights;
  bool positional;
};
} // namespace

/// Fails unless every operand is statically shaped (ops whose optional
/// operands ODS types cannot all constrain the same way).
static LogicalResult verifyStaticOperands(Operation *op) {
  for (Value v : op->getOperands())
    if (!cast<ShapedType>(v.getType()).hasStaticShape())
      return op->emitOpError()
             << "expects statically shaped operands, got " << v.getType();
  return success();
}

/// Checks everything but the table's row layout: static shapes, exactly one
/// of lengths/offsets with the right size and type, weights sized like the
/// indices (or anything non-empty for positional weights).
static LogicalResult verifyEmbeddingBag(Operation *op,
                                        const EmbeddingBagOperands &o,
                                        RankedTensorType resultType) {
  if (failed(verifyStaticOperands(op)))
    return failure();
  if (!resultType.hasStaticShape())
    return op->emitOpError()
           << "expects a statically shaped result, got " << resultType;
  if (!o.lengths == !o.offsets)
    return op->emitOpError()
           << "expects exactly one of 'lengths' and 'offsets', got "
           << (o.lengths ? "both" : "neither");

  auto indicesType = cast<RankedTensorType>(o.indices.getType());
  int64_t numIndices = indicesType.getDimSize(0);
  int64_t numBags = resultType.getDimSize(0);
  if (o.lengths) {
    int64_t n = cast<RankedTensorType>(o.lengths.getType()).getDimSize(0);
    if (n != numBags)
      return op->emitOpError()
             << "expects one length per bag (" << numBags << "), got " << n;
  } else {
    auto offsetsType = cast<RankedTensorType>(o.offsets.getType());
    if (offsetsType.getElementType() != indicesType.getElementType())
      return op->emitOpError()
             << "expects offsets of the indices' element type "
             << indicesType.getElementType() << ", got "
             << offsetsType.getElementType();
    if (offsetsType.getDimSize(0) != numBags + 1)
      return op->emitOpError()
             << "expects one more offset than bags (" << numBags + 1
             << "), got " << offsetsType.getDimSize(0);
  }

  if (o.positional && !o.weights)
    return op->emitOpError() << "'positional' needs 'weights'";
  if (o.weights) {
    int64_t n = cast<RankedTensorType>(o.weights.getType()).getDimSize(0);
    if (o.positional && n == 0)
      return op->emitOpError() << "expects at least one positional weight";
    if (!o.positional && n != numIndices)
      return op->emitOpError()
             << "expects one weight per index (" << numIndices << "), got " << n
             << " (positional weights need 'positional')";
  }
  return success();
}

static FailureOr<int64_t> inferMaxBlockSize(std::optional<Location> loc,
                                            StringRef name, Type fusedType,
                                            IntegerAttr bitRate);

/// The number of bags `lengths` (one per bag) or `offsets` (one more)
/// describe, or a located error unless exactly one is given.
static FailureOr<int64_t> inferNumBags(std::optional<Location> loc,
                                       StringRef name, Value lengths,
                                       Value offsets) {
  if (!lengths == !offsets)
    return emitOptionalOpError(
        loc, name, "expects exactly one of 'lengths' and 'offsets', got ",
        lengths ? "both" : "neither");
  auto type =
      dyn_cast<RankedTensorType>((lengths ? lengths : offsets).getType());
  if (!type || type.getRank() != 1)
    return emitOptionalOpError(loc, name,
                               "expects rank-1 lengths or offsets, got ",
                               (lengths ? lengths : offsets).getType());
  int64_t n = type.getDimSize(0);
  if (ShapedType::isDynamic(n) || (offsets && n == 0))
    return emitOptionalOpError(loc, name,
                               "expects static, non-empty offsets or static "
                               "lengths, got ",
                               type);
  return lengths ? n : n - 1;
}

/// Result types of an embedding bag of `blockSize` wide rows: the bags and
/// the status.
static LogicalResult inferEmbeddingBagTypes(std::optional<Location> loc,
                                            StringRef name, Value lengths,
                                            Value offsets, int64_t blockSize,
                                            SmallVectorImpl<Type> &types) {
  FailureOr<int64_t> bags = inferNumBags(loc, name, lengths, offsets);
  if (failed(bags))
    return failure();
  Builder b(lengths ? lengths.getContext() : offsets.getContext());
  types.push_back(RankedTensorType::get({*bags, blockSize}, b.getF32Type()));
  types.push_back(RankedTensorType::get({}, b.getI32Type()));
  return success();
}

LogicalResult EmbeddingBagOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  auto table = dyn_cast<RankedTensorType>(adaptor.getTable().getType());
  if (!table || table.getRank() != 2)
    return emitOptionalOpError(loc, getOperationName(),
                               "expects a rank-2 table (rows x block_size), "
                               "got ",
                               adaptor.getTable().getType());
  return inferEmbeddingBagTypes(loc, getOperationName(), adaptor.getLengths(),
                                adaptor.getOffsets(), table.getDimSize(1),
                                types);
}

bool EmbeddingBagOp::isCompatibleReturnTypes(TypeRange inferred,
                                             TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual);
}

LogicalResult FusedEmbeddingBagOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  FailureOr<int64_t> blockSize =
      inferMaxBlockSize(loc, name, adaptor.getTable().getType(),
                        adaptor.getProperties().bit_rate);
  if (failed(blockSize))
    return failure();
  return inferEmbeddingBagTypes(loc, name, adaptor.getLengths(),
                                adaptor.getOffsets(), *blockSize, types);
}

bool FusedEmbeddingBagOp::isCompatibleReturnTypes(TypeRange inferred,
                                                  TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/false,
                                  /*anyLastDimOfFirst=*/true);
}

LogicalResult EmbeddingBagOp::verify() {
  if (failed(verifyEmbeddingBag(*this,
                                {getTable(), getIndices(), getLengths(),
                                 getOffsets(), getWeights(),
                                 getPositionalWeights()},
                                getResult().getType())))
    return failure();
  RankedTensorType tableType = getTable().getType();
  if (tableType.getRank() != 2)
    return emitOpError() << "expects a rank-2 table (rows x block_size), got "
                            "rank "
                         << tableType.getRank();
  if (tableType.getDimSize(1) != getBlockSize())
    return emitOpError() << "table rows have " << tableType.getDimSize(1)
                         << " elements but result rows have " << getBlockSize();
  bool quantized = tableType.getElementType().isInteger(8);
  if (quantized && !getScaleBias())
    return emitOpError()
           << "an i8 (uint8) table needs 'scale_bias' (rows x 2 f32)";
  if (!quantized && getScaleBias())
    return emitOpError() << "'scale_bias' needs an i8 (uint8) table, got "
                         << tableType.getElementType();
  if (Value sb = getScaleBias()) {
    auto sbType = cast<RankedTensorType>(sb.getType());
    if (sbType.getDimSize(0) != tableType.getDimSize(0) ||
        sbType.getDimSize(1) != 2)
      return emitOpError() << "expects scale_bias of shape "
                           << tableType.getDimSize(0) << "x2, got "
                           << sbType.getDimSize(0) << "x"
                           << sbType.getDimSize(1);
  }
  return success();
}

int64_t FusedEmbeddingBagOp::getFusedRowBytes(int64_t blockSize,
                                              int64_t bitRate) {
  if (bitRate == 8)
    return blockSize + 2 * 4; // f32 scale and bias
  int64_t perByte = 8 / bitRate;
  return (blockSize + perByte - 1) / perByte + 2 * 2; // f16 scale and bias
}

/// Checks a row-wise quantization `bit_rate` attribute (absent or malformed
/// when inference runs before verification).
static FailureOr<int64_t> getRowwiseBits(std::optional<Location> loc,
                                         StringRef name, IntegerAttr bitRate) {
  if (!bitRate ||
      !llvm::is_contained(ArrayRef<int64_t>{2, 4, 8}, bitRate.getInt()))
    return emitOptionalOpError(loc, name, "expects bit_rate 2, 4 or 8");
  return bitRate.getInt();
}

int64_t FusedEmbeddingBagOp::getMaxBlockSize(int64_t rowBytes,
                                             int64_t bitRate) {
  int64_t header = bitRate == 8 ? 2 * 4 : 2 * 2;
  return (rowBytes - header) * (8 / bitRate);
}

/// The widest rows `fusedType` (rows x row bytes) holds at `bitRate`, or a
/// located error.
static FailureOr<int64_t> inferMaxBlockSize(std::optional<Location> loc,
                                            StringRef name, Type fusedType,
                                            IntegerAttr bitRate) {
  FailureOr<int64_t> bits = getRowwiseBits(loc, name, bitRate);
  if (failed(bits))
    return failure();
  auto fused = dyn_cast<RankedTensorType>(fusedType);
  if (!fused || fused.getRank() != 2 || !fused.hasStaticShape())
    return emitOptionalOpError(loc, name,
                               "expects static rank-2 fused rows (rows x row "
                               "bytes), got ",
                               fusedType);
  int64_t blockSize =
      FusedEmbeddingBagOp::getMaxBlockSize(fused.getDimSize(1), *bits);
  if (blockSize <= 0)
    return emitOptionalOpError(loc, name, "rows of ", fused.getDimSize(1),
                               " bytes cannot hold the ", *bits == 8 ? 8 : 4,
                               " bytes of scale and bias and a code");
  return blockSize;
}

LogicalResult FusedEmbeddingBagOp::verify() {
  if (failed(verifyEmbeddingBag(*this,
                                {getTable(), getIndices(), getLengths(),
                                 getOffsets(), getWeights(),
                                 getPositionalWeights()},
                                getResult().getType())))
    return failure();
  int64_t bits = getBitRate();
  int64_t expected = getFusedRowBytes(getBlockSize(), bits);
  int64_t actual = getTable().getType().getDimSize(1);
  if (actual != expected)
    return emitOpError() << "expects fused rows of " << expected
                         << " bytes for block_size " << getBlockSize() << " at "
                         << bits << " bits, got " << actual;
  return success();
}

// Gathers are memory bound: pk-run reports GB/s.
int64_t EmbeddingBagOp::getFlopCount() { return 0; }
int64_t FusedEmbeddingBagOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// Row-wise quantization
//===----------------------------------------------------------------------===//

/// Checks `floats` (rows x block_size) against `fused` (rows x row bytes).
static LogicalResult verifyRowwise(Operation *op, RankedTensorType floats,
                                   RankedTensorType fused, int64_t bits,
                                   StringRef floatName, StringRef fusedName) {
  if (floats.getDimSize(0) != fused.getDimSize(0))
    return op->emitOpError()
           << "expects the same number of rows, got " << floats.getDimSize(0)
           << " (" << floatName << ") and " << fused.getDimSize(0) << " ("
           << fusedName << ")";
  int64_t blockSize = floats.getDimSize(1);
  int64_t expected = FusedEmbeddingBagOp::getFusedRowBytes(blockSize, bits);
  if (fused.getDimSize(1) != expected)
    return op->emitOpError() << "expects fused rows of " << expected
                             << " bytes for block_size " << blockSize << " at "
                             << bits << " bits, got " << fused.getDimSize(1);
  return success();
}

LogicalResult QuantizeRowwiseOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  FailureOr<int64_t> bits =
      getRowwiseBits(loc, name, adaptor.getProperties().bit_rate);
  if (failed(bits))
    return failure();
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input || input.getRank() != 2 || !input.hasStaticShape())
    return emitOptionalOpError(loc, name,
                               "expects a static rank-2 input (rows x "
                               "block_size), got ",
                               adaptor.getInput().getType());
  types.push_back(RankedTensorType::get(
      {input.getDimSize(0),
       FusedEmbeddingBagOp::getFusedRowBytes(input.getDimSize(1), *bits)},
      IntegerType::get(context, 8)));
  return success();
}

bool QuantizeRowwiseOp::isCompatibleReturnTypes(TypeRange inferred,
                                                TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual);
}

LogicalResult DequantizeRowwiseOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Type inputType = adaptor.getInput().getType();
  FailureOr<int64_t> blockSize = inferMaxBlockSize(
      loc, getOperationName(), inputType, adaptor.getProperties().bit_rate);
  if (failed(blockSize))
    return failure();
  types.push_back(RankedTensorType::get(
      {cast<RankedTensorType>(inputType).getDimSize(0), *blockSize},
      Float32Type::get(context)));
  return success();
}

bool DequantizeRowwiseOp::isCompatibleReturnTypes(TypeRange inferred,
                                                  TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/false,
                                  /*anyLastDimOfFirst=*/true);
}

LogicalResult QuantizeRowwiseOp::verify() {
  return verifyRowwise(*this, getInput().getType(), getResult().getType(),
                       getBitRate(), "input", "result");
}

LogicalResult DequantizeRowwiseOp::verify() {
  return verifyRowwise(*this, getResult().getType(), getInput().getType(),
                       getBitRate(), "result", "input");
}

int64_t QuantizeRowwiseOp::getFlopCount() { return 0; }
int64_t DequantizeRowwiseOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// LstmUnitOp
//===----------------------------------------------------------------------===//

LogicalResult LstmUnitOp::verify() {
  RankedTensorType state = getHiddenPrev().getType();
  RankedTensorType gates = getGates().getType();
  int64_t n = state.getDimSize(0), d = state.getDimSize(1);
  if (gates.getDimSize(0) != n || gates.getDimSize(1) != 4 * d)
    return emitOpError() << "expects gates of shape " << n << "x" << 4 * d
                         << " (N x 4D for i, f, o, g), got "
                         << gates.getDimSize(0) << "x" << gates.getDimSize(1);
  if (!getSeqLengths() != !getTimestep())
    return emitOpError() << "'seq_lengths' and 'timestep' go together, got "
                         << (getSeqLengths() ? "only seq_lengths"
                                             : "only timestep");
  if (getDropStates() && !getSeqLengths())
    return emitOpError() << "'drop_states' needs 'seq_lengths'";
  if (Value lengths = getSeqLengths()) {
    auto type = cast<RankedTensorType>(lengths.getType());
    if (type.getDimSize(0) != n)
      return emitOpError() << "expects one sequence length per row (" << n
                           << "), got " << type.getDimSize(0);
  }
  return success();
}

// Elementwise: memory bound (three exp and two tanh per element).
int64_t LstmUnitOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// AdagradOp
//===----------------------------------------------------------------------===//

LogicalResult AdagradOp::verify() {
  RankedTensorType param = getParam().getType(), grad = getGrad().getType();
  if (param.getShape() != grad.getShape())
    return emitOpError() << "expects grad of the param shape, got " << grad
                         << " for " << param;
  return success();
}

int64_t AdagradOp::getFlopCount() { return 0; }

LogicalResult SparseAdagradOp::verify() {
  RankedTensorType param = getParam().getType(), moment = getMoment().getType();
  RankedTensorType grad = getGrad().getType();
  if (failed(verifyStaticOperands(*this)))
    return failure();
  if (moment.getElementType() != param.getElementType())
    return emitOpError() << "expects moment of the param element type "
                         << param.getElementType() << ", got "
                         << moment.getElementType();
  int64_t rows = param.getDimSize(0), d = param.getDimSize(1);
  bool elementwise = moment.getShape() == param.getShape();
  bool rowwise = moment.getRank() == 1 && moment.getDimSize(0) == rows;
  if (!elementwise && !rowwise)
    return emitOpError() << "expects moment of shape " << rows << "x" << d
                         << " (element-wise) or " << rows << " (row-wise), got "
                         << moment;
  int64_t n = cast<RankedTensorType>(getIndices().getType()).getDimSize(0);
  if (grad.getDimSize(0) != n || grad.getDimSize(1) != d)
    return emitOpError() << "expects grad of shape " << n << "x" << d
                         << " (one param row per index), got "
                         << grad.getDimSize(0) << "x" << grad.getDimSize(1);
  return success();
}

LogicalResult SparseAdagradOp::inferReturnTypes(MLIRContext *context,
                                                std::optional<Location>,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getParam().getType());
  types.push_back(adaptor.getMoment().getType());
  types.push_back(RankedTensorType::get({}, IntegerType::get(context, 32)));
  return success();
}

bool SparseAdagradOp::isCompatibleReturnTypes(TypeRange inferred,
                                              TypeRange actual) {
  return inferred == actual;
}

int64_t SparseAdagradOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// AxpyOp and BoxCoxOp
//===----------------------------------------------------------------------===//

LogicalResult AxpyOp::verify() {
  RankedTensorType x = getX().getType(), y = getY().getType();
  if (x.getShape() != y.getShape())
    return emitOpError() << "expects x of the y shape, got " << x << " for "
                         << y;
  return success();
}

// One multiply-add per element loaded: memory bound (pk-run reports GB/s).
int64_t AxpyOp::getFlopCount() { return 0; }

LogicalResult BoxCoxOp::verify() {
  RankedTensorType data = getData().getType();
  RankedTensorType lambda = getLambda1().getType();
  if (lambda.getDimSize(0) != data.getDimSize(1))
    return emitOpError() << "expects one lambda per column ("
                         << data.getDimSize(1) << "), got "
                         << lambda.getDimSize(0);
  return success();
}

// Elementwise with one log or pow per element: memory bound, like lstm_unit.
int64_t BoxCoxOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// QuantizeAndCompressOp and DecompressAndDequantizeOp
//===----------------------------------------------------------------------===//

/// Checks `floats` (n values) against `bytes` (header and packed codes).
static LogicalResult verifyCompressed(Operation *op, RankedTensorType floats,
                                      RankedTensorType bytes, int64_t bits,
                                      StringRef floatName) {
  int64_t n = floats.getDimSize(0);
  if (n == 0)
    return op->emitOpError() << "expects a non-empty " << floatName;
  int64_t expected = QuantizeAndCompressOp::getCompressedBytes(n, bits);
  if (bytes.getDimSize(0) != expected)
    return op->emitOpError()
           << "expects " << expected << " compressed bytes (10-byte header + "
           << expected - 10 << " data bytes) for " << n << " values at "
           << bits << " bits, got " << bytes.getDimSize(0);
  return success();
}

/// Checks a compression `bit_rate` attribute (1, 2, 4 or 8 bits).
static FailureOr<int64_t> getCompressionBits(std::optional<Location> loc,
                                             StringRef name,
                                             IntegerAttr bitRate) {
  if (!bitRate ||
      !llvm::is_contained(ArrayRef<int64_t>{1, 2, 4, 8}, bitRate.getInt()))
    return emitOptionalOpError(loc, name, "expects bit_rate 1, 2, 4 or 8");
  return bitRate.getInt();
}

/// The bit rate and the static size of the rank-1 input of the
/// quantize-and-compress ops, or a located error.
struct CompressionInput {
  int64_t bits;
  int64_t size;
};
static FailureOr<CompressionInput>
getCompressionInput(std::optional<Location> loc, StringRef name,
                    IntegerAttr bitRate, Type type) {
  FailureOr<int64_t> bits = getCompressionBits(loc, name, bitRate);
  if (failed(bits))
    return failure();
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || ranked.getRank() != 1 || !ranked.hasStaticShape())
    return emitOptionalOpError(loc, name, "expects a static rank-1 input, got ",
                               type);
  return CompressionInput{*bits, ranked.getDimSize(0)};
}

LogicalResult QuantizeAndCompressOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  FailureOr<CompressionInput> in = getCompressionInput(
      loc, getOperationName(), adaptor.getProperties().bit_rate,
      adaptor.getInput().getType());
  if (failed(in))
    return failure();
  types.push_back(RankedTensorType::get(
      {getCompressedBytes(in->size, in->bits)}, IntegerType::get(context, 8)));
  return success();
}

bool QuantizeAndCompressOp::isCompatibleReturnTypes(TypeRange inferred,
                                                    TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual);
}

LogicalResult DecompressAndDequantizeOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  StringRef name = getOperationName();
  FailureOr<CompressionInput> in =
      getCompressionInput(loc, name, adaptor.getProperties().bit_rate,
                          adaptor.getInput().getType());
  if (failed(in))
    return failure();
  // The most values the data bytes after the 10-byte header hold.
  if (in->size <= 10)
    return emitOptionalOpError(
        loc, name, "expects more than the 10 header bytes, got ", in->size);
  types.push_back(RankedTensorType::get({(in->size - 10) * (8 / in->bits)},
                                        Float32Type::get(context)));
  types.push_back(RankedTensorType::get({}, IntegerType::get(context, 32)));
  return success();
}

bool DecompressAndDequantizeOp::isCompatibleReturnTypes(TypeRange inferred,
                                                        TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/false,
                                  /*anyLastDimOfFirst=*/true);
}

LogicalResult QuantizeAndCompressOp::verify() {
  return verifyCompressed(*this, getInput().getType(), getResult().getType(),
                          getBitRate(), "input");
}

LogicalResult DecompressAndDequantizeOp::verify() {
  return verifyCompressed(*this, getResult().getType(), getInput().getType(),
                          getBitRate(), "result");
}

int64_t QuantizeAndCompressOp::getFlopCount() { return 0; }
int64_t DecompressAndDequantizeOp::getFlopCount() { return 0; }
