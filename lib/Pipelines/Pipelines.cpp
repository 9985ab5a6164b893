//===- Pipelines.cpp - perfkernel named pass pipelines --------------------===//
//
// Both pipelines share the front (pk → linalg) and the back (bufferization,
// deallocation, LLVM lowering); they differ only in the schedule between:
// the CPU pipeline applies a recipe and maps parallel loops to OpenMP, the
// reference pipeline lowers linalg to plain sequential loops.
//
//===----------------------------------------------------------------------===//

#include "pk/Pipelines/Pipelines.h"
#include "PipelineStages.h"

#include "pk/Conversion/Passes.h"
#include "pk/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void pk::addFrontEnd(OpPassManager &pm, std::unique_ptr<Pass> fuseAttention) {
  // Symbols an SDFG leaves unbound become index arguments.
  pm.addPass(pk::createConvertSDFGToSCF());
  if (fuseAttention)
    pm.addNestedPass<func::FuncOp>(std::move(fuseAttention));
  pm.addPass(pk::createPKLowerToLinalg());
  // Elementwise arith/math on whole tensors (a ReLU written as
  // arith.maximumf) has no bufferization of its own.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  pm.addPass(pk::createPKDecomposeAggregates());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void pk::addBufferizationWithOutParams(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(pk::createPKProtectTensorArguments());
  pm.addNestedPass<func::FuncOp>(pk::createPKInsertIntoArgumentCopies());
  pm.addNestedPass<func::FuncOp>(pk::createPKEliminateEmptyTensors());
  pm.addNestedPass<func::FuncOp>(pk::createPKReadThroughInserts());
  // Top-down: the analysis decides an op's result buffer before the ops
  // that read it, so a stencil sweep into its grid's interior stays in
  // place (bottom-up copied the interior of one of jacobi-2d's two sweeps
  // through a temporary: 2.45 -> 1.67 ms).
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.analysisHeuristic = "top-down";
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // A buffer returned twice would be forwarded into one out-parameter and
  // then used for the other (a crash in hoist-static-allocs).
  pm.addNestedPass<func::FuncOp>(pk::createPKDistinctResultBuffers());
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
}

/// Tensors → memrefs for code that runs on the host. Function results become
/// caller-provided out-params (written in place, no final copy) so callers
/// own every buffer; temporary buffers are freed. Deallocation runs before
/// any OpenMP conversion: the ownership bookkeeping it adds must not land
/// inside omp loop wrappers.
static void addBufferization(OpPassManager &pm) {
  pk::addBufferizationWithOutParams(pm);
  // Results returned through a reshape are written in place too.
  pm.addNestedPass<func::FuncOp>(pk::createPKForwardResultCopies());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createForallToParallelLoopPass());
  pm.addNestedPass<func::FuncOp>(
      bufferization::createOwnershipBasedBufferDeallocationPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(
      bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
}

void pk::addScalarLoweringToLLVM(OpPassManager &pm) {
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

/// Everything to the LLVM dialect.
static void addLoweringToLLVM(OpPassManager &pm) {
  // Row reductions a recipe vectorized whole (perfkernel rows) are
  // vector.multi_reduction ops, which convert-vector-to-llvm does not lower.
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerReduction));
  funcPm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Before scf-to-cf: the memref.alloca_scope that OpenMP loop bodies are
  // wrapped in must still hold a single block.
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  // Complex numbers (DaCe's complex64/128) as arithmetic on their parts;
  // not libm's cpowf & co., whose float _Complex arguments travel packed in
  // one register where the LLVM struct takes two.
  pm.addPass(createConvertComplexToStandardPass());
  pm.addPass(createConvertComplexToLLVMPass());
  // powf and fpowi stay for convert-math-to-llvm (C's pow): expanded as
  // exp(b log a) they are NaN for every negative base.
  math::MathExpandOpsPassOptions expand;
  expand.opMnemonics = {"ctlz", "sinh",  "cosh",  "tanh", "asinh",
                        "acosh", "atanh", "fma",   "ceil", "exp2",
                        "round", "roundeven", "rsqrt", "tan"};
  pm.addPass(math::createMathExpandOpsPass(expand));
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pk::addScalarLoweringToLLVM(pm);
}

/// Glow-style graph optimisations on pk ops, before they are lowered: batch
/// norm folded into convolutions, bias adds and activations into their
/// epilogues.
static void addGraphOptimisations(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(pk::createPKFoldBatchNorm());
  pm.addNestedPass<func::FuncOp>(pk::createPKFuseActivations());
  pm.addNestedPass<func::FuncOp>(pk::createPKSinkTransposes());
}

/// The same on linalg, after convolutions are in NHWC: transposes sink
/// through epilogues and pooling (and cancel), elementwise chains merge
/// into one op (upstream fusion where it saves work, constants folded), and
/// a convolution → epilogue → max-pool chain is computed tile by tile.
static void addLinalgGraphOptimisations(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(pk::createPKSinkTransposes());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKFuseConvPool());
}

void pk::buildCPUPipeline(OpPassManager &pm,
                          const CPUPipelineOptions &options) {
  pk::PKSetTargetOptions targetOptions;
  targetOptions.target = options.target;
  pm.addPass(pk::createPKSetTarget(targetOptions));
  if (options.graphOpts)
    addGraphOptimisations(pm);
  // Attention becomes an online softmax.
  pk::addFrontEnd(pm, pk::createPKFuseAttention());
  // Loop nests over memrefs (SDFG maps) that are linalg ops in loop form
  // become those ops, on tensors, and are scheduled like the rest. The
  // reference pipeline keeps the loops: pk-run checks the raising too.
  pm.addNestedPass<func::FuncOp>(pk::createPKRaiseLoopsToLinalg());
  pm.addNestedPass<func::FuncOp>(pk::createPKLinalgBuffersToTensors());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKConvNCHWToNHWC());
  pm.addPass(createCanonicalizerPass());
  if (options.graphOpts)
    addLinalgGraphOptimisations(pm);
  // Contractions in any form become named GEMMs the recipe schedules.
  pm.addNestedPass<func::FuncOp>(pk::createPKNormalizeContractions());
  pm.addPass(createCanonicalizerPass());
  pk::PKApplyRecipeOptions recipeOptions;
  recipeOptions.recipe = options.recipe;
  pm.addPass(pk::createPKApplyRecipe(recipeOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // What the recipe left unscheduled gets a schedule chosen from its
  // structure.
  pm.addNestedPass<func::FuncOp>(pk::createPKSelectLoweringConfig());
  pm.addNestedPass<func::FuncOp>(pk::createPKApplyLoweringConfig());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKHoistVectorTransfers());
  pm.addNestedPass<func::FuncOp>(pk::createPKFuseMultiplyAdd());
  // Hoisting leaves loop-carried tensors that are yielded unchanged; left in
  // place, bufferization copies each accumulator tile through a temporary.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  addBufferization(pm);
  // Strided copies (a stencil's interior into its grid) become loops too.
  pm.addNestedPass<func::FuncOp>(pk::createPKStridedCopiesToLoops());
  // Unscheduled linalg ops become parallel loops; every outermost
  // scf.parallel (tiles from the recipe too) becomes one omp.parallel.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKSequentializeNestedParallel());
  // Polynomial exp/tanh/... instead of element-wise libm calls; the
  // reference pipeline keeps libm, so pk-run measures the difference.
  pm.addNestedPass<func::FuncOp>(pk::createPKApproximateMath());
  // One thread needs no OpenMP runtime: the parallel loops stay loops (an
  // omp.parallel per nest costs a fork and a join even on one thread).
  if (options.threads != 1) {
    ConvertSCFToOpenMPPassOptions openmp;
    openmp.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(openmp));
  }
  addLoweringToLLVM(pm);
}

void pk::buildReferencePipeline(OpPassManager &pm) {
  pk::addFrontEnd(pm);
  addBufferization(pm);
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createCanonicalizerPass());
  addLoweringToLLVM(pm);
}

void pk::buildToSDFGPipeline(OpPassManager &pm) {
  pk::addFrontEnd(pm);
  pk::addBufferizationWithOutParams(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(pk::createConvertLinalgToSDFG());
}

void pk::registerPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "pk-cpu-pipeline",
      "pk/linalg on tensors to LLVM: recipe schedule (tiling, "
      "vectorization), bufferization, OpenMP",
      buildCPUPipeline);
  PassPipelineRegistration<>(
      "pk-to-sdfg-pipeline",
      "pk/linalg on tensors to sdfg: lowered to linalg, bufferized with "
      "results as out-parameters, one SDFG map per linalg op (then "
      "pk-translate --sdfg-to-json for DaCe)",
      buildToSDFGPipeline);
  PassPipelineRegistration<>(
      "pk-reference-pipeline",
      "pk/linalg on tensors to LLVM through plain sequential loops (the "
      "correctness oracle)",
      buildReferencePipeline);
  registerGPUPipeline();
}
