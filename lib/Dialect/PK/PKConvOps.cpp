//===- PKConvOps.cpp - convolution and pooling verifiers and cost ---------===//

#include "pk/Dialect/PK/PKOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::pk;

namespace {
/// Spatial positions of an NCHW or NHWC shape.
struct ImageDims {
  int64_t n, c, h, w;
  static ImageDims get(ArrayRef<int64_t> shape, bool nhwc) {
    return nhwc ? ImageDims{shape[0], shape[3], shape[1], shape[2]}
                : ImageDims{shape[0], shape[1], shape[2], shape[3]};
  }
};
} // namespace

/// Checks strides (2, > 0), padding (4, >= 0) and dilations (2, > 0).
static LogicalResult verifyWindowAttrs(std::optional<Location> loc,
                                       StringRef name,
                                       ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> padding,
                                       ArrayRef<int64_t> dilations) {
  auto positive = [](int64_t v) { return v > 0; };
  if (strides.size() != 2 || !llvm::all_of(strides, positive))
    return emitOptionalOpError(loc, name,
                               "expects strides of 2 positive values [h, w]");
  if (padding.size() != 4 ||
      !llvm::all_of(padding, [](int64_t v) { return v >= 0; }))
    return emitOptionalOpError(loc, name,
                               "expects padding of 4 non-negative values "
                               "[top, left, bottom, right]");
  if (dilations.size() != 2 || !llvm::all_of(dilations, positive))
    return emitOptionalOpError(loc, name,
                               "expects dilations of 2 positive values [h, w]");
  return success();
}

/// Output extent of a window sweep, or a dynamic size when `in` is; values
/// below 1 mean the window does not fit.
static int64_t windowOutputSize(int64_t in, int64_t padBefore,
                                int64_t padAfter, int64_t kernel,
                                int64_t stride, int64_t dilation) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
    return ShapedType::kDynamic;
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t padded = in + padBefore + padAfter;
  if (padded < span)
    return 0;
  return (padded - span) / stride + 1;
}

static std::string dimText(int64_t d) {
  return ShapedType::isDynamic(d) ? "?" : std::to_string(d);
}

/// The result shape of a window sweep over `in` (an NCHW or NHWC image)
/// producing `channels` channels, in the input's layout, or a located error
/// when the attributes are malformed or the window does not fit.
static FailureOr<SmallVector<int64_t>>
inferWindowShape(std::optional<Location> loc, StringRef name, ImageDims in,
                 int64_t channels, bool nhwc, int64_t kh, int64_t kw,
                 ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                 ArrayRef<int64_t> dilations) {
  if (failed(verifyWindowAttrs(loc, name, strides, padding, dilations)))
    return failure();
  int64_t oh = windowOutputSize(in.h, padding[0], padding[2], kh, strides[0],
                                dilations[0]);
  int64_t ow = windowOutputSize(in.w, padding[1], padding[3], kw, strides[1],
                                dilations[1]);
  if (oh == 0 || ow == 0)
    return emitOptionalOpError(loc, name, "window of ", dimText(kh), "x",
                               dimText(kw),
                               " (dilated) does not fit the padded ",
                               dimText(in.h), "x", dimText(in.w), " input");
  if (nhwc)
    return SmallVector<int64_t>{in.n, oh, ow, channels};
  return SmallVector<int64_t>{in.n, channels, oh, ow};
}

/// Checks the result's batch and spatial sizes against `expected` (from
/// inferWindowShape).
static LogicalResult verifyWindowOutput(Operation *op,
                                        ArrayRef<int64_t> expected,
                                        ImageDims out, bool nhwc) {
  ImageDims want = ImageDims::get(expected, nhwc);
  auto mismatch = [](int64_t expected, int64_t actual) {
    return !ShapedType::isDynamic(expected) &&
           !ShapedType::isDynamic(actual) && expected != actual;
  };
  if (mismatch(want.h, out.h) || mismatch(want.w, out.w))
    return op->emitOpError()
           << "expected output spatial size " << dimText(want.h) << "x"
           << dimText(want.w) << ", got " << dimText(out.h) << "x"
           << dimText(out.w);
  if (mismatch(want.n, out.n))
    return op->emitOpError() << "batch size mismatch: input has " << want.n
                             << ", result has " << out.n;
  return success();
}

/// A rank-4 image operand, or a located error naming `what`.
static FailureOr<RankedTensorType> getImageType(std::optional<Location> loc,
                                                StringRef name, Type type,
                                                StringRef what) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || ranked.getRank() != 4)
    return emitOptionalOpError(loc, name, "expects ", what, " of rank 4, got ",
                               type);
  return ranked;
}

/// `clip` bounds belong to a "clip" activation, which needs them in order.
LogicalResult mlir::pk::verifyActivation(Operation *op,
                                         std::optional<StringRef> activation,
                                         std::optional<ArrayRef<float>> clip) {
  bool isClip = activation && *activation == "clip";
  if (isClip && !clip)
    return op->emitOpError(
        "activation \"clip\" needs clip = array<f32: lo, hi>");
  if (!isClip && clip)
    return op->emitOpError("clip bounds given without activation \"clip\"");
  if (clip && (clip->size() != 2 || !((*clip)[0] <= (*clip)[1])))
    return op->emitOpError("expects clip of 2 values [lo, hi] with lo <= hi");
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

/// The result shape of `pk.conv2d`, or a located error.
static FailureOr<SmallVector<int64_t>>
inferConvShape(std::optional<Location> loc, Type inputType, Type filterType,
               bool nhwc, ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
               ArrayRef<int64_t> dilations) {
  StringRef name = Conv2DOp::getOperationName();
  FailureOr<RankedTensorType> inTy = getImageType(
      loc, name, inputType, nhwc ? "an NHWC input" : "an NCHW input");
  if (failed(inTy))
    return failure();
  FailureOr<RankedTensorType> wTy = getImageType(
      loc, name, filterType, nhwc ? "an HWCF filter" : "an FCHW filter");
  if (failed(wTy))
    return failure();
  ArrayRef<int64_t> w = wTy->getShape();
  // FCHW or HWCF.
  int64_t f = nhwc ? w[3] : w[0];
  int64_t kh = nhwc ? w[0] : w[2], kw = nhwc ? w[1] : w[3];
  return inferWindowShape(loc, name, ImageDims::get(inTy->getShape(), nhwc), f,
                          nhwc, kh, kw, strides, padding, dilations);
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Type inputType = adaptor.getInput().getType();
  FailureOr<SmallVector<int64_t>> shape = inferConvShape(
      loc, inputType, adaptor.getFilter().getType(), adaptor.getNhwc(),
      adaptor.getStrides(), adaptor.getPadding(), adaptor.getDilations());
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(
      *shape, cast<RankedTensorType>(inputType).getElementType()));
  return success();
}

bool Conv2DOp::isCompatibleReturnTypes(TypeRange inferred, TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual, /*allowF32=*/true);
}

LogicalResult Conv2DOp::verify() {
  RankedTensorType inTy = getInput().getType(), wTy = getFilter().getType();
  RankedTensorType resTy = getResult().getType();
  bool nhwc = getNhwc();
  FailureOr<SmallVector<int64_t>> expected = inferConvShape(
      getLoc(), inTy, wTy, nhwc, getStrides(), getPadding(), getDilations());
  if (failed(expected))
    return failure();
  if (resTy.getRank() != 4)
    return emitOpError() << "expects a result of rank 4, got "
                         << resTy.getRank();
  Type elt = inTy.getElementType();
  if (wTy.getElementType() != elt)
    return emitOpError() << "input and filter element types differ: " << elt
                         << " vs " << wTy.getElementType();
  Type resElt = resTy.getElementType();
  if (resElt != elt && !resElt.isF32())
    return emitOpError() << "result element type must be " << elt
                         << " (the operand element type) or f32, got "
                         << resElt;

  ImageDims in = ImageDims::get(inTy.getShape(), nhwc);
  ImageDims out = ImageDims::get(resTy.getShape(), nhwc);
  ArrayRef<int64_t> w = wTy.getShape();
  // FCHW or HWCF.
  int64_t f = nhwc ? w[3] : w[0], cg = nhwc ? w[2] : w[1];
  int64_t groups = getGroups();
  auto known = [](int64_t d) { return !ShapedType::isDynamic(d); };
  if (groups > 1 && (!known(in.c) || !known(f)))
    return emitOpError("grouped convolution needs static channel counts");
  if (known(in.c) && in.c % groups != 0)
    return emitOpError() << "input channels (" << in.c
                         << ") are not divisible by groups (" << groups << ")";
  if (known(f) && f % groups != 0)
    return emitOpError() << "output channels (" << f
                         << ") are not divisible by groups (" << groups << ")";
  if (known(in.c) && known(cg) && in.c / groups != cg)
    return emitOpError() << "filter expects " << cg
                         << " input channels per group, input has " << in.c
                         << " channels in " << groups << " groups";
  if (known(f) && known(out.c) && f != out.c)
    return emitOpError() << "result has " << out.c
                         << " channels, the filter produces " << f;
  if (Value bias = getBias()) {
    auto bTy = cast<RankedTensorType>(bias.getType());
    if (bTy.getRank() != 1 || (known(f) && known(bTy.getDimSize(0)) &&
                               bTy.getDimSize(0) != f))
      return emitOpError() << "expects a bias of shape [" << dimText(f)
                           << "], got " << bTy;
    if (bTy.getElementType() != resElt)
      return emitOpError() << "bias element type must be the result's ("
                           << resElt << "), got " << bTy.getElementType();
  }
  if (failed(verifyActivation(*this, getActivation(), getClip())))
    return failure();
  return verifyWindowOutput(*this, *expected, out, nhwc);
}

int64_t Conv2DOp::getFlopCount() {
  // 2 · (every output element) · (C/G · KH · KW).
  int64_t outputs = 1;
  for (int64_t d : getResult().getType().getShape())
    outputs = ShapedType::isDynamic(d) ? 0 : outputs * d;
  ArrayRef<int64_t> w = getFilter().getType().getShape();
  int64_t reduction = getNhwc() ? w[0] * w[1] * w[2] : w[1] * w[2] * w[3];
  if (ShapedType::isDynamic(reduction) || reduction < 0)
    return 0;
  return 2 * outputs * reduction;
}

//===----------------------------------------------------------------------===//
// BatchNormOp
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::verify() {
  RankedTensorType inTy = getInput().getType();
  RankedTensorType paramTy = getScale().getType();
  if (inTy.getRank() != 4)
    return emitOpError() << "expects an input of rank 4 (NCHW or NHWC), got "
                         << inTy.getRank();
  int64_t c = inTy.getDimSize(getChannelDim());
  auto known = [](int64_t d) { return !ShapedType::isDynamic(d); };
  if (paramTy.getRank() != 1 ||
      (known(c) && known(paramTy.getDimSize(0)) && paramTy.getDimSize(0) != c))
    return emitOpError() << "expects scale, bias, mean and variance of shape ["
                         << dimText(c) << "], got " << paramTy;
  Type elt = inTy.getElementType(), paramElt = paramTy.getElementType();
  if (paramElt != elt && !paramElt.isF32())
    return emitOpError() << "parameter element type must be " << elt
                         << " (the input's) or f32, got " << paramElt;
  if (!(getEpsilon().convertToFloat() >= 0.0f))
    return emitOpError() << "expects a non-negative epsilon, got "
                         << getEpsilon().convertToFloat();
  return success();
}

int64_t BatchNormOp::getFlopCount() { return 0; }

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// The result shape of a pooling op, or a located error.
static FailureOr<SmallVector<int64_t>> inferPoolShape(
    std::optional<Location> loc, StringRef name, Type inputType,
    DenseI64ArrayAttr kernelAttr, std::optional<ArrayRef<int64_t>> strides,
    ArrayRef<int64_t> padding, ArrayRef<int64_t> dilations, bool nhwc) {
  FailureOr<RankedTensorType> inTy = getImageType(
      loc, name, inputType, nhwc ? "an NHWC input" : "an NCHW input");
  if (failed(inTy))
    return failure();
  if (!kernelAttr || kernelAttr.size() != 2 ||
      llvm::any_of(kernelAttr.asArrayRef(), [](int64_t k) { return k <= 0; }))
    return emitOptionalOpError(loc, name,
                               "expects a kernel of 2 positive values [h, w]");
  ArrayRef<int64_t> kernel = kernelAttr.asArrayRef();
  // Padding of at least a whole window would produce windows of padding
  // only (PyTorch rejects more than half a kernel).
  if (padding.size() == 4 &&
      (padding[0] >= kernel[0] || padding[2] >= kernel[0] ||
       padding[1] >= kernel[1] || padding[3] >= kernel[1]))
    return emitOptionalOpError(loc, name,
                               "expects padding smaller than the kernel");
  ImageDims in = ImageDims::get(inTy->getShape(), nhwc);
  // `strides` default to the kernel size (as PyTorch's do).
  return inferWindowShape(loc, name, in, in.c, nhwc, kernel[0], kernel[1],
                          strides.value_or(kernel), padding, dilations);
}

template <typename PoolOp>
static LogicalResult inferPoolTypes(std::optional<Location> loc,
                                    typename PoolOp::Adaptor adaptor,
                                    SmallVectorImpl<Type> &types) {
  Type inputType = adaptor.getInput().getType();
  FailureOr<SmallVector<int64_t>> shape = inferPoolShape(
      loc, PoolOp::getOperationName(), inputType,
      adaptor.getProperties().kernel, adaptor.getStrides(),
      adaptor.getPadding(), adaptor.getDilations(), adaptor.getNhwc());
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(
      *shape, cast<RankedTensorType>(inputType).getElementType()));
  return success();
}

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  RankedTensorType inTy = op.getInput().getType();
  RankedTensorType resTy = op.getResult().getType();
  bool nhwc = op.getNhwc();
  FailureOr<SmallVector<int64_t>> expected = inferPoolShape(
      op.getLoc(), op.getOperationName(), inTy, op.getKernelAttr(),
      op.getStrides(), op.getPadding(), op.getDilations(), nhwc);
  if (failed(expected))
    return failure();
  if (resTy.getRank() != 4)
    return op.emitOpError()
           << "expects a result of rank 4, got " << resTy.getRank();
  if (inTy.getElementType() != resTy.getElementType())
    return op.emitOpError()
           << "result element type must be the input's ("
           << inTy.getElementType() << "), got " << resTy.getElementType();
  ImageDims in = ImageDims::get(inTy.getShape(), nhwc);
  ImageDims out = ImageDims::get(resTy.getShape(), nhwc);
  if (!ShapedType::isDynamic(in.c) && !ShapedType::isDynamic(out.c) &&
      in.c != out.c)
    return op.emitOpError() << "channel count mismatch: input has " << in.c
                            << ", result has " << out.c;
  return verifyWindowOutput(op, *expected, out, nhwc);
}

LogicalResult MaxPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferPoolTypes<MaxPool2DOp>(loc, adaptor, types);
}

LogicalResult AvgPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferPoolTypes<AvgPool2DOp>(loc, adaptor, types);
}

bool MaxPool2DOp::isCompatibleReturnTypes(TypeRange inferred,
                                          TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual);
}

bool AvgPool2DOp::isCompatibleReturnTypes(TypeRange inferred,
                                          TypeRange actual) {
  return areCompatibleResultTypes(inferred, actual);
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }
int64_t MaxPool2DOp::getFlopCount() { return 0; }
int64_t AvgPool2DOp::getFlopCount() { return 0; }
