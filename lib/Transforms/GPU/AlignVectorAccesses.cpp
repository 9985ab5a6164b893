//===- AlignVectorAccesses.cpp - provable alignment of vector accesses ----===//
//
// Vector loads and stores in kernels get the alignment their addresses
// provably have, so NVPTX emits 16-byte accesses.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUALIGNVECTORACCESSES
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Gives vector loads and stores in kernels the alignment their addresses
/// provably have, so the NVPTX backend emits 16-byte ld/st.global.v4 and
/// ld/st.shared.v4 instead of one access per element: without the
/// attribute, the NVVM lowering assumes only the element type's alignment.
/// The base of a kernel argument is assumed 16-byte aligned (cuMemAlloc
/// and gpu.alloc return at least 256-byte aligned memory; pk-gpu-pipeline
/// passes arguments with an identity layout), as are workgroup buffers
/// (pk-gpu-align-workgroup-buffers); the offset within the buffer must be
/// provably a multiple: static strides and offset, and indices built from
/// constants, loop induction variables, +, * and affine maps.
struct AlignVectorAccessesPass : pk::impl::PKGPUAlignVectorAccessesBase<AlignVectorAccessesPass> {
  using Base::Base;

  static constexpr int64_t kBaseAlignment = 16;

  /// The largest power of two, at most `limit`, that divides `value` on
  /// every execution (1 when nothing is known).
  static int64_t powerOfTwoFactor(Value value, int64_t limit,
                                  unsigned depth = 0) {
    if (depth > 16)
      return 1;
    auto ofConstant = [&](int64_t c) {
      if (c == 0)
        return limit;
      return std::min<int64_t>(limit, int64_t(1) << llvm::countr_zero(
                                          static_cast<uint64_t>(c)));
    };
    std::optional<int64_t> constant = getConstantIntValue(value);
    if (constant)
      return ofConstant(*constant);
    if (auto iv = dyn_cast<BlockArgument>(value)) {
      auto loop = dyn_cast<scf::ForOp>(iv.getOwner()->getParentOp());
      if (!loop || loop.getInductionVar() != iv)
        return 1;
      return std::min(powerOfTwoFactor(loop.getLowerBound(), limit, depth + 1),
                      powerOfTwoFactor(loop.getStep(), limit, depth + 1));
    }
    Operation *def = value.getDefiningOp();
    if (isa<arith::AddIOp, arith::SubIOp>(def))
      return std::min(powerOfTwoFactor(def->getOperand(0), limit, depth + 1),
                      powerOfTwoFactor(def->getOperand(1), limit, depth + 1));
    if (isa<arith::MulIOp>(def))
      return std::min(limit,
                      powerOfTwoFactor(def->getOperand(0), limit, depth + 1) *
                          powerOfTwoFactor(def->getOperand(1), limit,
                                           depth + 1));
    if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(def))
      return powerOfTwoFactor(def->getOperand(0), limit, depth + 1);
    if (auto apply = dyn_cast<affine::AffineApplyOp>(def)) {
      AffineMap map = apply.getAffineMap();
      unsigned numDims = map.getNumDims();
      std::function<int64_t(AffineExpr)> ofExpr =
          [&](AffineExpr expr) -> int64_t {
        if (auto c = dyn_cast<AffineConstantExpr>(expr))
          return ofConstant(c.getValue());
        if (auto d = dyn_cast<AffineDimExpr>(expr))
          return powerOfTwoFactor(apply.getOperand(d.getPosition()), limit,
                                  depth + 1);
        if (auto s = dyn_cast<AffineSymbolExpr>(expr))
          return powerOfTwoFactor(
              apply.getOperand(numDims + s.getPosition()), limit, depth + 1);
        auto binary = cast<AffineBinaryOpExpr>(expr);
        switch (expr.getKind()) {
        case AffineExprKind::Add:
          return std::min(ofExpr(binary.getLHS()), ofExpr(binary.getRHS()));
        case AffineExprKind::Mul:
          return std::min(limit,
                          ofExpr(binary.getLHS()) * ofExpr(binary.getRHS()));
        case AffineExprKind::Mod:
          // x mod c = x - c * floor(x / c).
          return std::min(ofExpr(binary.getLHS()), ofExpr(binary.getRHS()));
        default:
          return 1;
        }
      };
      return ofExpr(map.getResult(0));
    }
    return 1;
  }

  /// Whether `memref` starts at a 16-byte aligned address: a kernel argument
  /// or workgroup buffer, or a view of one at a 16-byte multiple.
  static bool hasAlignedBase(Value memref) {
    if (auto arg = dyn_cast<BlockArgument>(memref))
      return isa<gpu::GPUFuncOp>(arg.getOwner()->getParentOp());
    if (auto view = memref.getDefiningOp<memref::ViewOp>())
      return hasAlignedBase(view.getSource()) &&
             powerOfTwoFactor(view.getByteShift(), kBaseAlignment) ==
                 kBaseAlignment;
    return false;
  }

  /// The alignment in bytes of a vector access to `memref[indices]`.
  static int64_t accessAlignment(Value memref, ValueRange indices,
                                 VectorType vector) {
    auto type = cast<MemRefType>(memref.getType());
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (!hasAlignedBase(memref) || elementBytes == 0 ||
        !llvm::isPowerOf2_64(elementBytes) ||
        failed(type.getStridesAndOffset(strides, offset)) ||
        ShapedType::isDynamic(offset))
      return 0;
    int64_t vectorBytes = vector.getNumElements() * elementBytes;
    int64_t limit = std::min<int64_t>(
        kBaseAlignment, int64_t(1) << llvm::Log2_64(vectorBytes));
    auto ofBytes = [&](int64_t bytes) {
      if (bytes == 0)
        return limit;
      return std::min<int64_t>(limit, int64_t(1) << llvm::countr_zero(
                                          static_cast<uint64_t>(bytes)));
    };
    int64_t factor = ofBytes(offset * elementBytes);
    for (auto [index, stride] : llvm::zip_equal(indices, strides)) {
      if (ShapedType::isDynamic(stride))
        return 0;
      factor = std::min(factor,
                        std::min(limit, ofBytes(stride * elementBytes) *
                                            powerOfTwoFactor(index, limit)));
    }
    return factor > elementBytes ? factor : 0;
  }

  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      auto setAlignment = [&](Value memref, ValueRange indices,
                              VectorType vector) {
        if (op->hasAttr("alignment"))
          return;
        if (int64_t align = accessAlignment(memref, indices, vector))
          op->setAttr("alignment",
                      IntegerAttr::get(IntegerType::get(op->getContext(), 64),
                                       align));
      };
      if (auto load = dyn_cast<vector::LoadOp>(op))
        setAlignment(load.getBase(), load.getIndices(), load.getVectorType());
      else if (auto store = dyn_cast<vector::StoreOp>(op))
        setAlignment(store.getBase(), store.getIndices(),
                     store.getVectorType());
    });
  }
};
} // namespace
