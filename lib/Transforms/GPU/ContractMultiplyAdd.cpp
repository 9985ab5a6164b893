//===- ContractMultiplyAdd.cpp - contract-flag multiply-adds in kernels ---===//
//
// Lets the NVPTX backend fuse `c + a * b` in kernels into fma.rn, as nvcc
// does by default.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUCONTRACTMULTIPLYADD
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
/// Marks every floating-point add/subtract of a product, and the product,
/// `contract` in kernels, so the NVPTX backend fuses them into fma.rn
/// (nvcc's default, -fmad=true): one instruction and one rounding instead
/// of two. Linalg's payloads (a matmul's `c + a * b`) and lowered
/// elementwise code come without fast-math flags, and LLVM fuses nothing
/// it is not allowed to.
struct ContractMultiplyAddPass : pk::impl::PKGPUContractMultiplyAddBase<ContractMultiplyAddPass> {
  using Base::Base;
  void runOnOperation() override {
    auto contract = [](Operation *op) {
      auto fmf = cast<arith::ArithFastMathInterface>(op);
      arith::FastMathFlagsAttr attr = fmf.getFastMathFlagsAttr();
      arith::FastMathFlags flags =
          attr ? attr.getValue() : arith::FastMathFlags::none;
      op->setAttr(
          fmf.getFastMathAttrName(),
          arith::FastMathFlagsAttr::get(
              op->getContext(), flags | arith::FastMathFlags::contract));
    };
    getOperation().walk([&](Operation *op) {
      if (!isa<arith::AddFOp, arith::SubFOp>(op))
        return;
      for (Value operand : op->getOperands())
        if (auto product = operand.getDefiningOp<arith::MulFOp>()) {
          contract(product);
          contract(op);
        }
    });
  }
};

} // namespace
