//===- Passes.h - perfkernel GPU passes -------------------------*- C++ -*-===//

#ifndef PK_TRANSFORMS_GPU_PASSES_H
#define PK_TRANSFORMS_GPU_PASSES_H

#include "pk/Transforms/GPU/GPUTarget.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::pk {

#define GEN_PASS_DECL
#include "pk/Transforms/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pk/Transforms/GPU/Passes.h.inc"

} // namespace mlir::pk

#endif // PK_TRANSFORMS_GPU_PASSES_H
