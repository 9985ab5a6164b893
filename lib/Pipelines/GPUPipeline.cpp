//===- GPUPipeline.cpp - perfkernel's NVIDIA GPU pipeline -----------------===//
//
// pk-gpu-pipeline shares the front end with the CPU pipeline (pk → linalg on
// tensors), then:
//   1. the GPU recipe's @__transform_main tiles matmuls into block-mapped
//      scf.forall loops on tensors;
//   2. one-shot bufferization (results become out-parameters);
//   3. the recipe's @__transform_bufferized promotes operand tiles to shared
//      memory, tiles copies and products over threads and turns every
//      block-mapped scf.forall into a gpu.launch;
//   4. whatever the recipe left (elementwise ops, reductions, gathers)
//      becomes parallel loops tiled into 256-thread blocks and launched;
//   5. data placement: host buffers become device buffers, shared-memory
//      allocations become workgroup attributions of their launch;
//   6. outlining, NVVM lowering, gpu-module-to-binary, and the host side
//      through gpu-async-region and gpu-to-llvm (mgpu* runtime calls).
//
// The pk passes it runs are in lib/Transforms/GPU; this file only assembles.
//
//===----------------------------------------------------------------------===//

#include "pk/Pipelines/GPUPipeline.h"
#include "PipelineStages.h"

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void pk::buildGPUToNVVMPipeline(OpPassManager &pm,
                                const GPUTargetOptions &options) {
  pm.addPass(createGpuKernelOutliningPass());

  GpuNVVMAttachTargetOptions target;
  target.triple = kNVPTXTriple.str();
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));

  // Structured and strided forms first: convert-gpu-to-nvvm only knows the
  // flat ones. It then converts gpu ops, the kernel signatures and, through
  // the dialects' ConvertToLLVM interfaces, arith/cf/memref/index/vector;
  // math goes to libdevice calls.
  OpPassManager &gpuPm = pm.nest<gpu::GPUModuleOp>();
  gpuPm.addPass(pk::createPKGPUContractMultiplyAdd());
  gpuPm.addPass(pk::createPKGPUAlignWorkgroupBuffers());
  gpuPm.addPass(pk::createPKGPUAlignVectorAccesses());
  gpuPm.addPass(createConvertNVGPUToNVVMPass());
  gpuPm.addPass(memref::createExpandStridedMetadataPass());
  gpuPm.addPass(createConvertVectorToSCFPass());
  gpuPm.addPass(createLowerAffinePass());
  gpuPm.addPass(createSCFToControlFlowPass());
  gpuPm.addPass(createConvertGpuOpsToNVVMOps());
  // Whatever the NVVM conversion left: inline-PTX NVVM ops, and math ops
  // without a libdevice function (to LLVM intrinsics NVPTX can select).
  gpuPm.addPass(createConvertNVVMToLLVMPass());
  gpuPm.addPass(createArithToLLVMConversionPass());
  gpuPm.addPass(createConvertMathToLLVMPass());
  gpuPm.addPass(createConvertIndexToLLVMPass());
  gpuPm.addPass(createCanonicalizerPass());
  gpuPm.addPass(createCSEPass());
  gpuPm.addPass(createReconcileUnrealizedCastsPass());
}

void pk::buildGPUKernelPipeline(OpPassManager &pm,
                                const GPUPipelineOptions &options) {
  pk::PKGPUVerifyTargetOptions verify;
  verify.chip = options.chip;
  verify.features = options.features;
  verify.optLevel = options.optLevel;
  verify.cudaPath = options.cudaPath;
  verify.format = options.format;
  pm.addPass(pk::createPKGPUVerifyTarget(verify));
  // Attention becomes its own FlashAttention-style kernel (a gpu.launch on
  // to_buffer'd operands).
  pk::addFrontEnd(pm, pk::createPKGPUFuseAttention());

  // Grid-level tiling on tensors.
  pm.addPass(pk::createPKGPUApplyRecipe({options.recipe, "__transform_main"}));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Tensor arguments are read-only, results become out-parameters. The
  // second canonicalization removes the self-copies of fused fills.
  pk::addBufferizationWithOutParams(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());

  // Shared memory, thread tiles, gpu.launch.
  pm.addNestedPass<func::FuncOp>(pk::createPKGPUPreparePromotion());
  pm.addPass(
      pk::createPKGPUApplyRecipe({options.recipe, "__transform_bufferized"}));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Loops the recipe did not map (an embedding bag's loop over bags) are
  // mapped like the parallel loops of unscheduled ops below.
  pm.addPass(createForallToParallelLoopPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKGPUKernelLinalgToLoops());

  // Everything else: parallel loops → 256-thread blocks.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(pk::createPKGPUTileParallelLoops());
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createGpuMapParallelLoopsPass());
  funcPm.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  pm.addNestedPass<func::FuncOp>(
      pk::createPKGPUDataPlacement({options.deviceArguments}));
  pm.addPass(createCanonicalizerPass());
  // Constants (loop bounds and steps, view offsets) move into the kernels
  // instead of becoming kernel arguments: the device code then knows them,
  // e.g. to prove its vector accesses aligned.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(pk::createPKGPUMergeKernelModules());
}

void pk::buildGPUPipeline(OpPassManager &pm,
                          const GPUPipelineOptions &options) {
  buildGPUKernelPipeline(pm, options);

  buildGPUToNVVMPipeline(pm, options);

  // Host side: the GPU ops become asynchronous (one stream per call, waited
  // for before returning), then runtime calls.
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  GpuModuleToBinaryPassOptions binaryOptions;
  binaryOptions.compilationTarget = options.format;
  binaryOptions.toolkitPath = getCUDAToolkitPath(options);
  pm.addPass(createGpuModuleToBinaryPass(binaryOptions));
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pk::addScalarLoweringToLLVM(pm);
}

void pk::registerGPUPipeline() {
  PassPipelineRegistration<GPUPipelineOptions>(
      "pk-gpu-pipeline",
      "pk/linalg on tensors to NVIDIA GPU kernels (recipe tiling to blocks "
      "and threads, shared memory, NVVM, gpu.binary) and host code calling "
      "the mgpu* runtime, in the LLVM dialect",
      buildGPUPipeline);
}
