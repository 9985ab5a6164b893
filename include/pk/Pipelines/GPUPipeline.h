//===- GPUPipeline.h - perfkernel's NVIDIA GPU pipeline ---------*- C++ -*-===//
//
// pk-gpu-pipeline: pk/linalg on tensors → kernels mapped to blocks and
// threads (a recipe's scf.forall schedule, shared-memory promotion) →
// gpu.launch → outlined NVVM kernels serialized to PTX/cubin/fatbin → host
// code calling the mgpu* runtime. The NVPTX target options and the device
// lowering are shared with pk-translate --pk-to-ptx.
//
//===----------------------------------------------------------------------===//

#ifndef PK_PIPELINES_GPUPIPELINE_H
#define PK_PIPELINES_GPUPIPELINE_H

#include "pk/Transforms/GPU/GPUTarget.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::pk {

/// Options of pk-gpu-pipeline: the target, the serialized format, the
/// schedule and where the function's arguments live.
/// The target options come from GPUTargetOptions (PassOptions is a virtual
/// base, so both structs' options parse from one string).
struct GPUPipelineOptions : public GPUTargetOptions,
                            public PassPipelineOptions<GPUPipelineOptions> {
  Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Kernel object embedded in the host module: isa (PTX, "
                     "JIT-compiled by the driver at load), bin (cubin, needs "
                     "ptxas) or fatbin (needs ptxas and fatbinary)"),
      llvm::cl::init("isa")};
  Option<std::string> recipe{
      *this, "recipe",
      llvm::cl::desc("Transform-dialect recipe file replacing "
                     "recipes/gpu-default.mlir"),
      llvm::cl::init("")};
  Option<bool> deviceArguments{
      *this, "device-arguments",
      llvm::cl::desc("The function's memref arguments are device pointers "
                     "(the caller keeps data on the GPU across calls); "
                     "otherwise they are host memory, copied to the device "
                     "on entry and the written ones back on exit"),
      llvm::cl::init(false)};
};

/// Module-level passes: outlines gpu.launch regions into gpu.module kernels,
/// attaches the NVVM target and lowers every gpu.module body to the LLVM and
/// NVVM dialects. Host code is left alone; gpu-module-to-binary can follow.
void buildGPUToNVVMPipeline(OpPassManager &pm, const GPUTargetOptions &options);

/// pk/linalg on tensors → host functions whose kernels are gpu.launch
/// regions on device buffers (recipe schedule, bufferization, shared-memory
/// promotion, mapping to blocks/threads, data placement), outlined into one
/// gpu.module of kernels. Everything pk-gpu-pipeline does before the NVVM
/// lowering; `pk-translate --pk-to-ptx` uses it for pk/linalg input.
void buildGPUKernelPipeline(OpPassManager &pm,
                            const GPUPipelineOptions &options);

/// The whole pk-gpu-pipeline: buildGPUKernelPipeline, the NVVM lowering,
/// gpu-module-to-binary and the host side (async GPU ops, gpu-to-llvm),
/// ending in the LLVM dialect.
void buildGPUPipeline(OpPassManager &pm, const GPUPipelineOptions &options);

/// Registers `pk-gpu-pipeline`.
void registerGPUPipeline();

} // namespace mlir::pk

#endif // PK_PIPELINES_GPUPIPELINE_H
