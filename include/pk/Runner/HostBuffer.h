//===- HostBuffer.h - host memory for JIT-called kernel arguments -*- C++
//-*-===//
//
// A dense, row-major, 64-byte aligned buffer with a static shape and an MLIR
// element type, convertible to the memref descriptor the C interface of a
// compiled function expects.
//
//===----------------------------------------------------------------------===//

#ifndef PK_RUNNER_HOSTBUFFER_H
#define PK_RUNNER_HOSTBUFFER_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace mlir::pk {

/// Element types pk-run can fill, compare and print.
bool isSupportedElementType(Type type);

/// Why `type` (a function argument or result) cannot be a host buffer, or
/// an empty string when it can: ranked, static shape, supported element type.
std::string whyUnsupportedBufferType(Type type);

class HostBuffer {
public:
  /// `type` must be a static ranked tensor or memref with a supported
  /// element type (see whyUnsupportedBufferType).
  explicit HostBuffer(ShapedType type);

  ShapedType getType() const { return type; }
  ArrayRef<int64_t> getShape() const { return type.getShape(); }
  Type getElementType() const { return type.getElementType(); }
  int64_t getNumElements() const { return numElements; }
  /// A complex element holds two scalars (real, then imaginary part); any
  /// other one.
  int64_t getScalarsPerElement() const { return scalarsPerElement; }
  int64_t getNumScalars() const { return numElements * scalarsPerElement; }
  /// The type of one scalar: the element type, or a complex one's part.
  Type getScalarType() const;
  int64_t getElementBytes() const { return elementBytes; }
  int64_t getSizeInBytes() const { return numElements * elementBytes; }
  void *data() { return storage.get(); }
  const void *data() const { return storage.get(); }

  /// A buffer of the same type holding the same values.
  std::unique_ptr<HostBuffer> clone() const;

  /// Floats uniform in [-1, 1), integers uniform in [intMin, intMax]
  /// (booleans in [min(max(intMin, 0), 1), 1]).
  void fillRandom(std::mt19937_64 &rng, int64_t intMin, int64_t intMax);
  /// Values a kernel is expected to overwrite. Two runs compared with each
  /// other use different poisons (floats: NaN vs a huge finite sentinel;
  /// integers: 0xff vs 0x5a bytes), so an element neither run wrote can
  /// never compare equal.
  enum class Poison { Primary, Secondary };
  void fillPoison(Poison kind);
  /// Scalar `i` (row-major; element i for all but complex types) converted
  /// to double.
  double get(int64_t i) const;
  /// Stores `v` into scalar `i`, rounding to the scalar type.
  void set(int64_t i, double v);
  /// Element `element` as text: `format` for floats, NumPy's `(re+imj)`
  /// for complex numbers.
  std::string elementText(int64_t element, const char *format) const;

  /// The ranked memref descriptor {allocated, aligned, offset, sizes[],
  /// strides[]} of this buffer, laid out as the LLVM struct expects.
  std::vector<int64_t> makeDescriptor();

  /// Nested-bracket text of the values, e.g. `[[1, 2], [3, 4]]`.
  void print(llvm::raw_ostream &os) const;

private:
  ShapedType type;
  int64_t numElements;
  int64_t scalarsPerElement;
  int64_t scalarBytes;
  int64_t elementBytes;
  std::unique_ptr<uint8_t, void (*)(void *)> storage;
};

/// Largest differences between `actual` and `expected` (same shape).
struct Comparison {
  double maxAbsError = 0;
  double maxRelError = 0;
  int64_t mismatches = 0;     ///< elements with |a-e| > atol + rtol·|e|
  int64_t firstMismatch = -1; ///< an element index
  int64_t lastMismatch = -1;
};
Comparison compareBuffers(const HostBuffer &actual, const HostBuffer &expected,
                          double atol, double rtol);

/// Reads a NumPy .npy file into a buffer of type `type`; the file's shape
/// must equal the type's. Float files may feed f16/bf16 arguments (rounded).
llvm::Expected<std::unique_ptr<HostBuffer>> readNpy(StringRef path,
                                                    ShapedType type);
/// Writes a buffer as .npy (bf16 is written as float32: NumPy has no bf16).
llvm::Error writeNpy(StringRef path, const HostBuffer &buffer);

} // namespace mlir::pk

#endif // PK_RUNNER_HOSTBUFFER_H
