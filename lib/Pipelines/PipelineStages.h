//===- PipelineStages.h - stages shared by pk's pipelines -------*- C++ -*-===//
//
// Private to lib/Pipelines: what the CPU, reference, to-SDFG and GPU
// pipelines have in common.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_PIPELINES_PIPELINESTAGES_H
#define PK_LIB_PIPELINES_PIPELINESTAGES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::pk {

/// The tail of every lowering to the LLVM dialect, host and device alike:
/// arith, index, cf, func and ub to LLVM, then the casts between the two
/// sides reconciled and the result cleaned up.
void addScalarLoweringToLLVM(OpPassManager &pm);

/// The front end of every pipeline: SDFGs become functions (a no-op on
/// modules without one), then pk → linalg on tensors. `fuseAttention`, a
/// function pass, runs in between, before pk.attention would be lowered to
/// its naive N×N form (the reference pipeline passes none).
void addFrontEnd(OpPassManager &pm,
                 std::unique_ptr<Pass> fuseAttention = nullptr);

/// Tensors → memrefs across function boundaries: tensor arguments stay
/// read-only, and every result becomes a caller-provided out-parameter
/// (computed in place where its allocation allows), one per result.
void addBufferizationWithOutParams(OpPassManager &pm);

} // namespace mlir::pk

#endif // PK_LIB_PIPELINES_PIPELINESTAGES_H
