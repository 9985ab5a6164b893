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
static LogicalResult verifyWindowAttrs(Operation *op, ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> padding,
                                       ArrayRef<int64_t> dilations) {
  auto positive = [](int64_t v) { return v > 0; };
  if (strides.size() != 2 || !llvm::all_of(strides, positive))
    return op->emitOpError("expects strides of 2 positive values [h, w]");
  if (padding.size() != 4 ||
      !llvm::all_of(padding, [](int64_t v) { return v >= 0; }))
    return op->emitOpError("expects padding of 4 non-negative values [top, "
                           "left, bottom, right]");
  if (dilations.size() != 2 || !llvm::all_of(dilations, positive))
    return op->emitOpError("expects dilations of 2 positive values [h, w]");
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

/// Checks the result's spatial sizes against the window geometry.
static LogicalResult verifyWindowOutput(Operation *op, ImageDims in,
                                        ImageDims out, int64_t kh, int64_t kw,
                                        ArrayRef<int64_t> strides,
                                        ArrayRef<int64_t> padding,
                                        ArrayRef<int64_t> dilations) {
  int64_t oh = windowOutputSize(in.h, padding[0], padding[2], kh, strides[0],
                                dilations[0]);
  int64_t ow = windowOutputSize(in.w, padding[1], padding[3], kw, strides[1],
                                dilations[1]);
  if (oh == 0 || ow == 0)
    return op->emitOpError()
           << "window of " << dimText(kh) << "x" << dimText(kw)
           << " (dilated) does not fit the padded " << dimText(in.h) << "x"
           << dimText(in.w) << " input";
  auto mismatch = [](int64_t expected, int64_t actual) {
    return !ShapedType::isDynamic(expected) &&
           !ShapedType::isDynamic(actual) && expected != actual;
  };
  if (mismatch(oh, out.h) || mismatch(ow, out.w))
    return op->emitOpError()
           << "expected output spatial size " << dimText(oh) << "x"
           << dimText(ow) << ", got " << dimText(out.h) << "x"
           << dimText(out.w);
  if (mismatch(in.n, out.n))
    return op->emitOpError() << "batch size mismatch: input has " << in.n
                             << ", result has " << out.n;
  return success();
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

LogicalResult Conv2DOp::verify() {
  RankedTensorType inTy = getInput().getType(), wTy = getFilter().getType();
  RankedTensorType resTy = getResult().getType();
  if (inTy.getRank() != 4 || wTy.getRank() != 4 || resTy.getRank() != 4)
    return emitOpError() << "expects input, filter and result of rank 4, got "
                         << inTy.getRank() << ", " << wTy.getRank() << " and "
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
  if (failed(verifyWindowAttrs(*this, getStrides(), getPadding(),
                               getDilations())))
    return failure();

  bool nhwc = getNhwc();
  ImageDims in = ImageDims::get(inTy.getShape(), nhwc);
  ImageDims out = ImageDims::get(resTy.getShape(), nhwc);
  ArrayRef<int64_t> w = wTy.getShape();
  // FCHW or HWCF.
  int64_t f = nhwc ? w[3] : w[0], cg = nhwc ? w[2] : w[1];
  int64_t kh = nhwc ? w[0] : w[2], kw = nhwc ? w[1] : w[3];
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
  return verifyWindowOutput(*this, in, out, kh, kw, getStrides(),
                            getPadding(), getDilations());
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

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op) {
  RankedTensorType inTy = op.getInput().getType();
  RankedTensorType resTy = op.getResult().getType();
  if (inTy.getRank() != 4 || resTy.getRank() != 4)
    return op.emitOpError() << "expects input and result of rank 4, got "
                            << inTy.getRank() << " and " << resTy.getRank();
  if (inTy.getElementType() != resTy.getElementType())
    return op.emitOpError() << "result element type must be the input's ("
                            << inTy.getElementType() << "), got "
                            << resTy.getElementType();
  ArrayRef<int64_t> kernel = op.getKernel();
  if (kernel.size() != 2 || llvm::any_of(kernel, [](int64_t k) {
        return k <= 0;
      }))
    return op.emitOpError("expects a kernel of 2 positive values [h, w]");
  SmallVector<int64_t> strides = op.getStridesOrKernel();
  if (failed(verifyWindowAttrs(op, strides, op.getPadding(),
                               op.getDilations())))
    return failure();
  ArrayRef<int64_t> padding = op.getPadding();
  // Padding of at least a whole window would produce windows of padding
  // only (PyTorch rejects more than half a kernel).
  if (padding[0] >= kernel[0] || padding[2] >= kernel[0] ||
      padding[1] >= kernel[1] || padding[3] >= kernel[1])
    return op.emitOpError("expects padding smaller than the kernel");
  bool nhwc = op.getNhwc();
  ImageDims in = ImageDims::get(inTy.getShape(), nhwc);
  ImageDims out = ImageDims::get(resTy.getShape(), nhwc);
  if (!ShapedType::isDynamic(in.c) && !ShapedType::isDynamic(out.c) &&
      in.c != out.c)
    return op.emitOpError() << "channel count mismatch: input has " << in.c
                            << ", result has " << out.c;
  return verifyWindowOutput(op, in, out, kernel[0], kernel[1], strides,
                            padding, op.getDilations());
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }
int64_t MaxPool2DOp::getFlopCount() { return 0; }
int64_t AvgPool2DOp::getFlopCount() { return 0; }
