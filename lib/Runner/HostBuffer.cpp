//===- HostBuffer.cpp - host memory for JIT-called kernel arguments -------===//

#include "pk/Runner/HostBuffer.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/ScopedPrinter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <sys/mman.h>
#endif

using namespace mlir;
using namespace mlir::pk;

/// The type of each scalar of an element: a complex number's part type.
static Type scalarTypeOf(Type type) {
  if (auto complex = dyn_cast<ComplexType>(type))
    return complex.getElementType();
  return type;
}

bool mlir::pk::isSupportedElementType(Type type) {
  if (type.isF16() || type.isBF16() || type.isF32() || type.isF64())
    return true;
  if (auto complex = dyn_cast<ComplexType>(type))
    return complex.getElementType().isF32() || complex.getElementType().isF64();
  if (auto it = dyn_cast<IntegerType>(type))
    return llvm::is_contained({1u, 8u, 16u, 32u, 64u}, it.getWidth());
  return false;
}

std::string mlir::pk::whyUnsupportedBufferType(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !isa<RankedTensorType, MemRefType>(type))
    return "only ranked tensors and memrefs are supported";
  if (!shaped.hasStaticShape())
    return "its shape is not static (buffers are allocated before the call)";
  if (auto memref = dyn_cast<MemRefType>(type))
    if (!memref.getLayout().isIdentity())
      return "only memrefs with the identity layout are supported";
  if (!isSupportedElementType(shaped.getElementType()))
    return "element type must be f16, bf16, f32, f64, i1/i8/i16/i32/i64 or "
           "complex<f32>/complex<f64>";
  return "";
}

static int64_t scalarSizeInBytes(Type type) {
  return std::max<int64_t>(1, scalarTypeOf(type).getIntOrFloatBitWidth() / 8);
}

HostBuffer::HostBuffer(ShapedType type)
    : type(type), numElements(type.getNumElements()),
      scalarsPerElement(isa<ComplexType>(type.getElementType()) ? 2 : 1),
      scalarBytes(scalarSizeInBytes(type.getElementType())),
      elementBytes(scalarBytes * scalarsPerElement),
      storage(nullptr, std::free) {
  // aligned_alloc needs a size that is a multiple of the alignment; never 0.
  // Large buffers get transparent huge pages where the kernel offers them on
  // request, as NumPy's and PyTorch's allocators ask for: random gathers
  // from a large table would otherwise time TLB misses, not the kernel.
  constexpr size_t kHugePage = 2 << 20;
  size_t bytes = std::max<int64_t>(getSizeInBytes(), 1);
  size_t alignment = bytes >= 2 * kHugePage ? kHugePage : 64;
  bytes = (bytes + alignment - 1) / alignment * alignment;
  storage.reset(static_cast<uint8_t *>(std::aligned_alloc(alignment, bytes)));
  if (!storage)
    llvm::report_fatal_error("pk-run: out of memory allocating a buffer");
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (alignment == kHugePage)
    (void)madvise(storage.get(), bytes, MADV_HUGEPAGE); // only a hint
#endif
  std::memset(storage.get(), 0, bytes);
}

std::unique_ptr<HostBuffer> HostBuffer::clone() const {
  auto copy = std::make_unique<HostBuffer>(type);
  std::memcpy(copy->data(), data(), getSizeInBytes());
  return copy;
}

static const llvm::fltSemantics &semanticsOf(Type type) {
  return cast<FloatType>(type).getFloatSemantics();
}

double HostBuffer::get(int64_t i) const {
  Type elt = getScalarType();
  const uint8_t *p = storage.get() + i * scalarBytes;
  if (elt.isF32()) {
    float f;
    std::memcpy(&f, p, 4);
    return f;
  }
  if (elt.isF64()) {
    double d;
    std::memcpy(&d, p, 8);
    return d;
  }
  if (elt.isF16() || elt.isBF16()) {
    uint16_t bits;
    std::memcpy(&bits, p, 2);
    return llvm::APFloat(semanticsOf(elt), llvm::APInt(16, bits))
        .convertToDouble();
  }
  auto it = cast<IntegerType>(elt);
  uint64_t raw = 0;
  std::memcpy(&raw, p, scalarBytes);
  unsigned width = it.getWidth() == 1 ? 8 : it.getWidth();
  llvm::APInt v(width, raw);
  if (it.getWidth() == 1)
    return raw & 1;
  return it.isUnsigned() ? double(v.getZExtValue()) : double(v.getSExtValue());
}

void HostBuffer::set(int64_t i, double v) {
  Type elt = getScalarType();
  uint8_t *p = storage.get() + i * scalarBytes;
  if (elt.isF32()) {
    float f = static_cast<float>(v);
    std::memcpy(p, &f, 4);
    return;
  }
  if (elt.isF64()) {
    std::memcpy(p, &v, 8);
    return;
  }
  if (elt.isF16() || elt.isBF16()) {
    llvm::APFloat f(v);
    bool losesInfo;
    f.convert(semanticsOf(elt), llvm::APFloat::rmNearestTiesToEven,
              &losesInfo);
    uint16_t bits = f.bitcastToAPInt().getZExtValue();
    std::memcpy(p, &bits, 2);
    return;
  }
  if (cast<IntegerType>(elt).getWidth() == 1) {
    *p = v != 0;
    return;
  }
  int64_t n = static_cast<int64_t>(v);
  std::memcpy(p, &n, scalarBytes); // little endian: the low bytes
}

Type HostBuffer::getScalarType() const {
  return scalarTypeOf(getElementType());
}

std::string HostBuffer::elementText(int64_t element, const char *format) const {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto scalar = [&](double v) {
    if (isa<FloatType>(getScalarType()))
      os << llvm::format(format, v);
    else
      os << static_cast<int64_t>(v);
  };
  if (scalarsPerElement == 1) {
    scalar(get(element));
    return text;
  }
  // NumPy's form: (re+imj).
  double re = get(2 * element), im = get(2 * element + 1);
  os << '(';
  scalar(re);
  if (!(im < 0) && !std::isnan(im))
    os << '+';
  scalar(im);
  os << "j)";
  return text;
}

void HostBuffer::fillRandom(std::mt19937_64 &rng, int64_t intMin,
                            int64_t intMax) {
  if (isa<FloatType>(getScalarType())) {
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    for (int64_t i = 0; i < getNumScalars(); ++i)
      set(i, dist(rng));
    return;
  }
  unsigned width = getElementType().getIntOrFloatBitWidth();
  int64_t lo = width == 1 ? std::clamp<int64_t>(intMin, 0, 1) : intMin;
  int64_t hi = width == 1 ? 1 : intMax;
  std::uniform_int_distribution<int64_t> dist(lo, hi);
  for (int64_t i = 0; i < numElements; ++i)
    set(i, double(dist(rng)));
}

void HostBuffer::fillPoison(Poison kind) {
  bool primary = kind == Poison::Primary;
  if (isa<FloatType>(getScalarType())) {
    // -6e4 is finite even in f16; bf16/f32/f64 represent it too.
    double value = primary ? std::nan("") : -6.0e4;
    for (int64_t i = 0; i < getNumScalars(); ++i)
      set(i, value);
    return;
  }
  std::memset(storage.get(), primary ? 0xff : 0x5a, getSizeInBytes());
}

std::vector<int64_t> HostBuffer::makeDescriptor() {
  ArrayRef<int64_t> shape = getShape();
  std::vector<int64_t> desc;
  desc.push_back(reinterpret_cast<int64_t>(storage.get()));
  desc.push_back(reinterpret_cast<int64_t>(storage.get()));
  desc.push_back(0);
  desc.insert(desc.end(), shape.begin(), shape.end());
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  desc.insert(desc.end(), strides.begin(), strides.end());
  return desc;
}

void HostBuffer::print(llvm::raw_ostream &os) const {
  ArrayRef<int64_t> shape = getShape();
  int64_t flat = 0;
  // Recursive descent over dimensions, row-major.
  std::function<void(size_t)> printDim = [&](size_t dim) {
    if (dim == shape.size()) {
      os << elementText(flat++, "%.6g");
      return;
    }
    os << '[';
    for (int64_t i = 0; i < shape[dim]; ++i) {
      if (i)
        os << ", ";
      printDim(dim + 1);
    }
    os << ']';
  };
  printDim(0);
}

Comparison mlir::pk::compareBuffers(const HostBuffer &actual,
                                    const HostBuffer &expected, double atol,
                                    double rtol) {
  Comparison c;
  for (int64_t i = 0, e = actual.getNumScalars(); i < e; ++i) {
    double a = actual.get(i), x = expected.get(i);
    bool bad;
    if (std::isnan(a) || std::isnan(x)) {
      bad = !(std::isnan(a) && std::isnan(x));
      if (bad) {
        c.maxAbsError = INFINITY;
        c.maxRelError = INFINITY;
      }
    } else if (std::isinf(a) || std::isinf(x)) {
      bad = a != x;
    } else {
      double abs = std::fabs(a - x);
      c.maxAbsError = std::max(c.maxAbsError, abs);
      if (x != 0)
        c.maxRelError = std::max(c.maxRelError, abs / std::fabs(x));
      bad = abs > atol + rtol * std::fabs(x);
    }
    // Elements count once, whichever of their scalars differ.
    int64_t element = i / actual.getScalarsPerElement();
    if (bad && element != c.lastMismatch) {
      if (c.mismatches++ == 0)
        c.firstMismatch = element;
      c.lastMismatch = element;
    }
  }
  return c;
}

//===----------------------------------------------------------------------===//
// NumPy .npy files (format versions 1-3, little endian, C order)
//===----------------------------------------------------------------------===//

/// The .npy `descr` of an element type; bf16 is stored as float32.
static std::string npyDescr(Type type) {
  if (auto complex = dyn_cast<ComplexType>(type))
    return complex.getElementType().isF32() ? "<c8" : "<c16";
  if (type.isF16())
    return "<f2";
  if (type.isF32() || type.isBF16())
    return "<f4";
  if (type.isF64())
    return "<f8";
  auto it = cast<IntegerType>(type);
  if (it.getWidth() == 1)
    return "|b1";
  char kind = it.isUnsigned() ? 'u' : 'i';
  std::string d = it.getWidth() == 8 ? "|" : "<";
  return d + kind + std::to_string(it.getWidth() / 8);
}

/// The element type described by a .npy `descr`, or null.
static Type typeOfDescr(StringRef descr, MLIRContext *ctx) {
  if (descr.size() < 3 || (descr[0] != '<' && descr[0] != '|'))
    return {};
  char kind = descr[1];
  unsigned bytes;
  if (descr.drop_front(2).getAsInteger(10, bytes))
    return {};
  Builder b(ctx);
  switch (kind) {
  case 'f':
    return bytes == 2 ? Type(b.getF16Type())
           : bytes == 4 ? Type(b.getF32Type())
           : bytes == 8 ? Type(b.getF64Type())
                        : Type();
  case 'b':
    return bytes == 1 ? b.getI1Type() : Type();
  case 'c':
    return bytes == 8    ? Type(ComplexType::get(b.getF32Type()))
           : bytes == 16 ? Type(ComplexType::get(b.getF64Type()))
                         : Type();
  case 'i':
    return b.getIntegerType(bytes * 8);
  case 'u':
    return b.getIntegerType(bytes * 8, /*isSigned=*/false);
  default:
    return {};
  }
}

static std::string shapeText(ArrayRef<int64_t> shape) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  return s + (shape.size() == 1 ? ",)" : ")");
}

llvm::Expected<std::unique_ptr<HostBuffer>>
mlir::pk::readNpy(StringRef path, ShapedType type) {
  auto fail = [&](const Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + path + "': " + why);
  };
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!file)
    return fail(file.getError().message());
  StringRef bytes = (*file)->getBuffer();
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10)
    return fail("not a NumPy .npy file");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8;
    headerStart = 10;
  } else if ((major == 2 || major == 3) && bytes.size() >= 12) {
    headerLen = uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8 |
                uint8_t(bytes[10]) << 16 | uint32_t(uint8_t(bytes[11])) << 24;
    headerStart = 12;
  } else {
    return fail("unsupported .npy format version " + Twine(major));
  }
  if (headerStart + headerLen > bytes.size())
    return fail("truncated header");
  StringRef header = bytes.substr(headerStart, headerLen);
  StringRef payload = bytes.drop_front(headerStart + headerLen);

  auto field = [&](StringRef key) -> StringRef {
    size_t at = header.find("'" + key.str() + "'");
    if (at == StringRef::npos)
      return {};
    StringRef rest = header.drop_front(at + key.size() + 2).ltrim(" :");
    return rest;
  };
  StringRef descrField = field("descr");
  if (!descrField.consume_front("'"))
    return fail("header has no 'descr'");
  StringRef descr = descrField.take_until([](char c) { return c == '\''; });
  if (field("fortran_order").starts_with("True"))
    return fail("Fortran-order arrays are not supported; save with "
                "np.ascontiguousarray");
  StringRef shapeField = field("shape");
  if (!shapeField.consume_front("("))
    return fail("header has no 'shape'");
  shapeField = shapeField.take_until([](char c) { return c == ')'; });
  SmallVector<int64_t> shape;
  SmallVector<StringRef> dims;
  shapeField.split(dims, ',', -1, /*KeepEmpty=*/false);
  for (StringRef d : dims) {
    int64_t v;
    if (d.trim().empty())
      continue;
    if (d.trim().getAsInteger(10, v))
      return fail("malformed shape in header");
    shape.push_back(v);
  }

  Type fileType = typeOfDescr(descr, type.getContext());
  if (!fileType)
    return fail("unsupported dtype '" + descr + "'");
  if (ArrayRef<int64_t>(shape) != type.getShape())
    return fail("shape " + shapeText(shape) + " does not match " +
                shapeText(type.getShape()) + " of the argument");
  Type want = type.getElementType();
  bool bothFloat = isa<FloatType>(fileType) && isa<FloatType>(want);
  bool bothInt = isa<IntegerType>(fileType) && isa<IntegerType>(want);
  bool bothComplex = isa<ComplexType>(fileType) && isa<ComplexType>(want);
  if (!bothFloat && !bothInt && !bothComplex)
    return fail("dtype '" + descr + "' cannot feed an argument of element "
                "type " + llvm::to_string(want));

  // The buffer keeps the argument's type (tensor or memref): callers tell
  // inputs from in-place outputs by it.
  auto fileBuffer = std::make_unique<HostBuffer>(
      fileType == want ? type : RankedTensorType::get(shape, fileType));
  if (payload.size() < static_cast<size_t>(fileBuffer->getSizeInBytes()))
    return fail("file holds fewer elements than its shape says");
  std::memcpy(fileBuffer->data(), payload.data(),
              fileBuffer->getSizeInBytes());
  if (fileType == want)
    return fileBuffer;
  auto converted = std::make_unique<HostBuffer>(type);
  for (int64_t i = 0, e = converted->getNumScalars(); i < e; ++i)
    converted->set(i, fileBuffer->get(i));
  return converted;
}

llvm::Error mlir::pk::writeNpy(StringRef path, const HostBuffer &buffer) {
  std::string header = "{'descr': '" + npyDescr(buffer.getElementType()) +
                       "', 'fortran_order': False, 'shape': " +
                       shapeText(buffer.getShape()) + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n', padded to 64.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write '" + path + "': " +
                                           ec.message());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  if (buffer.getElementType().isBF16()) {
    for (int64_t i = 0, e = buffer.getNumElements(); i < e; ++i) {
      float f = buffer.get(i);
      os.write(reinterpret_cast<const char *>(&f), 4);
    }
  } else {
    os.write(static_cast<const char *>(buffer.data()),
             buffer.getSizeInBytes());
  }
  return llvm::Error::success();
}
