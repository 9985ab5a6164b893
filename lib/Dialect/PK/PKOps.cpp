//===- PKOps.cpp - perfkernel op verifiers and cost model -----------------===//

#include "pk/Dialect/PK/PKOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace mlir::pk;

#include "pk/Dialect/PK/PKInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "pk/Dialect/PK/PKOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Renders a dimension as `64` or `?` for diagnostics.
static std::string dimString(int64_t d) {
  return ShapedType::isDynamic(d) ? "?" : std::to_string(d);
}

/// Renders a shape as `64x?x16` for diagnostics.
static std::string shapeString(ArrayRef<int64_t> shape) {
  return llvm::join(llvm::map_range(shape, dimString), "x");
}

static bool dimsCompatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static bool shapesCompatible(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  return a.size() == b.size() &&
         llvm::all_of(llvm::zip(a, b), [](auto p) {
           return dimsCompatible(std::get<0>(p), std::get<1>(p));
         });
}

/// Product of static dims, or 0 when any is dynamic (unknown work).
static int64_t staticProduct(ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (ShapedType::isDynamic(d))
      return 0;
    n *= d;
  }
  return n;
}

/// Low-precision operands may produce f32 results (f32 accumulation).
static LogicalResult verifyResultElementType(Operation *op, Type operandElt,
                                             Type resultElt) {
  if (resultElt == operandElt || resultElt.isF32())
    return success();
  InFlightDiagnostic diag = op->emitOpError()
                            << "result element type must be " << operandElt
                            << " (the operand element type)";
  if (!operandElt.isF32())
    diag << " or " << Float32Type::get(op->getContext());
  return diag << ", got " << resultElt;
}

bool mlir::pk::areCompatibleResultTypes(TypeRange inferred, TypeRange actual,
                                        bool allowF32, bool anyLastDimOfFirst) {
  if (inferred.size() != actual.size())
    return false;
  for (auto [i, types] : llvm::enumerate(llvm::zip(inferred, actual))) {
    auto want = dyn_cast<RankedTensorType>(std::get<0>(types));
    auto got = dyn_cast<RankedTensorType>(std::get<1>(types));
    if (!want || !got)
      return std::get<0>(types) == std::get<1>(types);
    if (got.getElementType() != want.getElementType() &&
        !(allowF32 && got.getElementType().isF32()))
      return false;
    ArrayRef<int64_t> w = want.getShape(), g = got.getShape();
    if (w.size() != g.size())
      return false;
    if (i == 0 && anyLastDimOfFirst && !w.empty()) {
      w = w.drop_back();
      g = g.drop_back();
    }
    if (!shapesCompatible(w, g))
      return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

/// The result shape of `pk.matmul` on `lhsType` and `rhsType`, or a located
/// error (when `loc` is given) saying why the operands make none.
static FailureOr<SmallVector<int64_t>>
inferMatmulShape(std::optional<Location> loc, Type lhsType, Type rhsType,
                 bool transposeLhs, bool transposeRhs) {
  StringRef name = MatmulOp::getOperationName();
  auto lhsTy = dyn_cast<RankedTensorType>(lhsType);
  auto rhsTy = dyn_cast<RankedTensorType>(rhsType);
  if (!lhsTy || !rhsTy)
    return emitOptionalOpError(loc, name,
                               "expects ranked tensor operands, got ", lhsType,
                               " and ", rhsType);
  int64_t rank = lhsTy.getRank();
  if (rank != rhsTy.getRank() || (rank != 2 && rank != 3))
    return emitOptionalOpError(loc, name,
                               "expects lhs and rhs of equal rank, 2 (plain) "
                               "or 3 (batched), got ",
                               rank, " and ", rhsTy.getRank());
  ArrayRef<int64_t> lhs = lhsTy.getShape(), rhs = rhsTy.getShape();
  int64_t b = rank - 2; // index of the first matrix dimension
  int64_t m = transposeLhs ? lhs[b + 1] : lhs[b];
  int64_t kLhs = transposeLhs ? lhs[b] : lhs[b + 1];
  int64_t kRhs = transposeRhs ? rhs[b + 1] : rhs[b];
  int64_t n = transposeRhs ? rhs[b] : rhs[b + 1];
  if (!dimsCompatible(kLhs, kRhs))
    return emitOptionalOpError(
        loc, name, "contraction dimension mismatch: lhs has K = ", kLhs,
        ", rhs has K = ", kRhs);
  SmallVector<int64_t> shape;
  if (rank == 3) {
    if (!dimsCompatible(lhs[0], rhs[0]))
      return emitOptionalOpError(loc, name,
                                 "batch dimension mismatch: lhs has ", lhs[0],
                                 ", rhs has ", rhs[0]);
    shape.push_back(ShapedType::isDynamic(lhs[0]) ? rhs[0] : lhs[0]);
  }
  shape.append({m, n});
  return shape;
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Type lhsType = adaptor.getLhs().getType();
  FailureOr<SmallVector<int64_t>> shape =
      inferMatmulShape(loc, lhsType, adaptor.getRhs().getType(),
                       adaptor.getTransposeLhs(), adaptor.getTransposeRhs());
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(
      *shape, cast<RankedTensorType>(lhsType).getElementType()));
  return success();
}

bool MatmulOp::isCompatibleReturnTypes(TypeRange inferred, TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/true);
}

LogicalResult MatmulOp::verify() {
  RankedTensorType lhsTy = getLhs().getType(), rhsTy = getRhs().getType();
  RankedTensorType resTy = getResult().getType();
  FailureOr<SmallVector<int64_t>> expected = inferMatmulShape(
      getLoc(), lhsTy, rhsTy, getTransposeLhs(), getTransposeRhs());
  if (failed(expected))
    return failure();
  if (lhsTy.getElementType() != rhsTy.getElementType())
    return emitOpError() << "lhs and rhs element types differ: "
                         << lhsTy.getElementType() << " vs "
                         << rhsTy.getElementType();
  if (failed(verifyResultElementType(*this, lhsTy.getElementType(),
                                     resTy.getElementType())))
    return failure();
  if (!shapesCompatible(*expected, resTy.getShape()))
    return emitOpError() << "expected result shape " << shapeString(*expected)
                         << ", got " << shapeString(resTy.getShape());
  int64_t n = expected->back();
  if (Value bias = getBias()) {
    auto bTy = cast<RankedTensorType>(bias.getType());
    if (bTy.getRank() != 1 || !dimsCompatible(bTy.getDimSize(0), n))
      return emitOpError() << "expects a bias of shape [" << dimString(n)
                           << "], got " << bTy;
    if (bTy.getElementType() != resTy.getElementType())
      return emitOpError() << "bias element type must be the result's ("
                           << resTy.getElementType() << "), got "
                           << bTy.getElementType();
  }
  return verifyActivation(*this, getActivation(), getClip());
}

int64_t MatmulOp::getFlopCount() {
  // 2·M·N·K (times the batch): result elements times 2·K.
  RankedTensorType lhsTy = getLhs().getType();
  int64_t k = lhsTy.getDimSize(getTransposeLhs() ? lhsTy.getRank() - 2
                                                 : lhsTy.getRank() - 1);
  int64_t outputs = staticProduct(getResult().getType().getShape());
  return ShapedType::isDynamic(k) ? 0 : 2 * k * outputs;
}

//===----------------------------------------------------------------------===//
// Activations and softmax (memory bound)
//===----------------------------------------------------------------------===//

int64_t SigmoidOp::getFlopCount() { return 0; }
int64_t TanhOp::getFlopCount() { return 0; }
int64_t SoftmaxOp::getFlopCount() { return 0; }

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (rank == 0)
    return emitOpError() << "expects an input of rank >= 1";
  if (static_cast<int64_t>(getAxis()) >= rank)
    return emitOpError() << "axis " << getAxis()
                         << " is out of range for an input of rank " << rank;
  return success();
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

/// The result shape of `pk.attention`, or a located error saying why the
/// operands make none.
static FailureOr<SmallVector<int64_t>>
inferAttentionShape(std::optional<Location> loc, Type queryType, Type keyType,
                    Type valueType) {
  StringRef name = AttentionOp::getOperationName();
  auto qTy = dyn_cast<RankedTensorType>(queryType);
  auto kTy = dyn_cast<RankedTensorType>(keyType);
  auto vTy = dyn_cast<RankedTensorType>(valueType);
  if (!qTy || !kTy || !vTy)
    return emitOptionalOpError(loc, name, "expects ranked tensor operands");
  int64_t rank = qTy.getRank();
  if (rank < 2 || rank > 4)
    return emitOptionalOpError(
        loc, name, "expects query of rank 2 to 4 ([batch..., N, D]), got rank ",
        rank);
  if (kTy.getRank() != rank || vTy.getRank() != rank)
    return emitOptionalOpError(
        loc, name, "expects query, key and value of equal rank, got ", rank,
        ", ", kTy.getRank(), " and ", vTy.getRank());
  ArrayRef<int64_t> q = qTy.getShape(), k = kTy.getShape(),
                    v = vTy.getShape();
  int64_t nb = rank - 2;
  // Pairwise: with a dynamic query size, key and value must still agree.
  for (int64_t i = 0; i < nb; ++i)
    if (!dimsCompatible(q[i], k[i]) || !dimsCompatible(q[i], v[i]) ||
        !dimsCompatible(k[i], v[i]))
      return emitOptionalOpError(loc, name, "batch dimension ", i,
                                 " differs: query has ", dimString(q[i]),
                                 ", key has ", dimString(k[i]), ", value has ",
                                 dimString(v[i]));
  if (!dimsCompatible(q[nb + 1], k[nb + 1]))
    return emitOptionalOpError(
        loc, name, "head dimension mismatch: query has D = ", q[nb + 1],
        ", key has D = ", k[nb + 1]);
  if (!dimsCompatible(k[nb], v[nb]))
    return emitOptionalOpError(loc, name,
                               "key and value sequence lengths differ: ", k[nb],
                               " vs ", v[nb]);
  SmallVector<int64_t> shape(q.take_front(nb));
  shape.append({q[nb], v[nb + 1]});
  return shape;
}

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Type queryType = adaptor.getQuery().getType();
  FailureOr<SmallVector<int64_t>> shape = inferAttentionShape(
      loc, queryType, adaptor.getKey().getType(), adaptor.getValue().getType());
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(
      *shape, cast<RankedTensorType>(queryType).getElementType()));
  return success();
}

bool AttentionOp::isCompatibleReturnTypes(TypeRange inferred,
                                          TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/true);
}

LogicalResult AttentionOp::verify() {
  RankedTensorType qTy = getQuery().getType(), kTy = getKey().getType();
  RankedTensorType vTy = getValue().getType(), resTy = getResult().getType();
  FailureOr<SmallVector<int64_t>> expected =
      inferAttentionShape(getLoc(), qTy, kTy, vTy);
  if (failed(expected))
    return failure();
  if (resTy.getRank() != qTy.getRank())
    return emitOpError() << "expects a result of the operands' rank "
                         << qTy.getRank() << ", got " << resTy.getRank();
  Type elt = qTy.getElementType();
  if (kTy.getElementType() != elt || vTy.getElementType() != elt)
    return emitOpError() << "query, key and value element types differ: " << elt
                         << ", " << kTy.getElementType() << ", "
                         << vTy.getElementType();
  if (failed(verifyResultElementType(*this, elt, resTy.getElementType())))
    return failure();
  if (!shapesCompatible(*expected, resTy.getShape()))
    return emitOpError() << "expected result shape " << shapeString(*expected)
                         << ", got " << shapeString(resTy.getShape());
  if (std::optional<APFloat> scale = getScale()) {
    if (!scale->isFinite() || scale->isZero()) {
      // APFloat's own spelling (0, -0, +Inf, NaN), not printf's INF/nan.
      SmallString<16> text;
      scale->toString(text);
      return emitOpError() << "scale must be finite and non-zero, got "
                           << text;
    }
  }
  return success();
}

double AttentionOp::getScaleOrDefault() {
  if (std::optional<APFloat> scale = getScale())
    return scale->convertToDouble();
  int64_t d = getQuery().getType().getShape().back();
  // A dynamic head dimension has no static default; the lowering computes
  // it at run time, so 0 here only means "not known at compile time".
  return ShapedType::isDynamic(d) ? 0.0 : 1.0 / std::sqrt(double(d));
}

int64_t AttentionOp::getFlopCount() {
  // Q·Kᵀ is 2·Nq·Nk·D per batch, P·V is 2·Nq·Nk·Dv; softmax is negligible.
  ArrayRef<int64_t> q = getQuery().getType().getShape();
  ArrayRef<int64_t> v = getValue().getType().getShape();
  int64_t nb = q.size() - 2;
  int64_t batch = staticProduct(q.take_front(nb));
  int64_t scores = staticProduct({q[nb], v[nb]});
  int64_t d = q[nb + 1], dv = v[nb + 1];
  if (ShapedType::isDynamic(d) || ShapedType::isDynamic(dv))
    return 0;
  return 2 * batch * scores * (d + dv);
}
