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

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::pk {

/// The NVPTX target of the GPU code: what `nvvm-attach-target` puts on each
/// gpu.module and what serialization compiles for.
struct GPUTargetOptions : public PassPipelineOptions<GPUTargetOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("NVIDIA GPU architecture (sm_XX)"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("NVPTX target features; the PTX version must be one "
                     "the chip supports (sm_90: +ptx78 or newer)"),
      llvm::cl::init("+ptx80")};
  Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the device code (0-3)"),
      llvm::cl::init(3)};
  Option<std::string> cudaPath{
      *this, "cuda-path",
      llvm::cl::desc("CUDA toolkit whose libdevice implements math functions "
                     "in kernels (default: $CUDA_ROOT, $CUDA_HOME, "
                     "$CUDA_PATH, else the toolkit found when pk was built)"),
      llvm::cl::init("")};
};

/// Options of pk-gpu-pipeline: the target, the serialized format, the
/// schedule and where the function's arguments live.
struct GPUPipelineOptions : public PassPipelineOptions<GPUPipelineOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("NVIDIA GPU architecture (sm_XX)"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("NVPTX target features (PTX version), e.g. +ptx80"),
      llvm::cl::init("+ptx80")};
  Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the device code (0-3)"),
      llvm::cl::init(3)};
  Option<std::string> cudaPath{
      *this, "cuda-path",
      llvm::cl::desc("CUDA toolkit (libdevice, ptxas, fatbinary); default: "
                     "the environment, else the one found at build time"),
      llvm::cl::init("")};
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

  /// The target part, for the device lowering and option checks.
  void copyTargetTo(GPUTargetOptions &target) const;
};

/// The CUDA toolkit serialization takes libdevice from: `options.cudaPath`,
/// else MLIR's search (environment), else the one found at build time; empty
/// when there is none (math calls then stay unresolved in the PTX).
std::string getCUDAToolkitPath(const GPUTargetOptions &options);

/// Checks `options` against the NVPTX backend: a known chip, known features
/// and a PTX version the chip supports; and that a given CUDA path exists.
/// Errors go to `emitError()`. The backend itself would only warn about
/// unknown names, and it ends the process on a too-old PTX version.
LogicalResult
verifyGPUTargetOptions(const GPUTargetOptions &options,
                       llvm::function_ref<InFlightDiagnostic()> emitError);

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
