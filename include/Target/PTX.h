//===- PTX.h - GPU kernels to NVVM and PTX ----------------------*- C++ -*-===//
//
// The GPU half of pk's back end: lowering of gpu.module kernels to the NVVM
// dialect, checks of the NVPTX target options, and extraction of PTX text
// from gpu.binary ops. `pk-translate --pk-to-ptx` is built from these pieces;
// a full GPU pipeline reuses buildGPUToNVVMPipeline and adds its host side.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TARGET_PTX_H
#define PK_TARGET_PTX_H

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

/// The CUDA toolkit serialization takes libdevice from: `options.cudaPath`,
/// else MLIR's search (environment), else the one found at build time; empty
/// when there is none (math calls then stay unresolved in the PTX).
std::string getCUDAToolkitPath(const GPUTargetOptions &options);

/// Checks `options` against the NVPTX backend: a known chip, known features
/// and a PTX version the chip supports; and that a given CUDA path exists. Errors go to `emitError()`. The
/// backend itself would only warn about unknown names, and it ends the
/// process on a too-old PTX version.
LogicalResult
verifyGPUTargetOptions(const GPUTargetOptions &options,
                       llvm::function_ref<InFlightDiagnostic()> emitError);

/// Whether `root` holds a GPU kernel: a gpu.launch region, a `kernel`
/// gpu.func or an `nvvm.kernel` llvm.func inside a gpu.module.
bool hasGPUKernels(Operation *root);

/// Module-level passes: outlines gpu.launch regions into gpu.module kernels,
/// attaches the NVVM target and lowers every gpu.module body to the LLVM and
/// NVVM dialects. Host code is left alone; gpu-module-to-binary can follow.
void buildGPUToNVVMPipeline(OpPassManager &pm, const GPUTargetOptions &options);

/// One PTX assembly taken from a gpu.binary object.
struct PTXAssembly {
  /// Symbol name of the gpu.binary (that of the gpu.module it came from).
  StringRef moduleName;
  /// The target attribute the object was compiled for.
  Attribute target;
  /// The PTX text, without the trailing NUL serialization may leave.
  StringRef ptx;
};

/// Collects the PTX of every object of every gpu.binary nested in `root`.
/// Fails with an error on the binary when an object is not PTX assembly
/// (e.g. compiled with format=bin or fatbin).
LogicalResult collectPTX(Operation *root,
                         SmallVectorImpl<PTXAssembly> &assemblies);

/// Lowers the GPU kernels of `module` (in place) to NVVM, serializes them
/// with gpu-module-to-binary{format=isa} and prints their PTX to `os`. With
/// several objects, each is preceded by a comment header naming its
/// gpu.module and target.
LogicalResult translateModuleToPTX(ModuleOp module,
                                   const GPUTargetOptions &options,
                                   raw_ostream &os);

} // namespace mlir::pk

#endif // PK_TARGET_PTX_H
