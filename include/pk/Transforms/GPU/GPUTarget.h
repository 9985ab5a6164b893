//===- GPUTarget.h - the NVPTX target pk compiles GPU code for --*- C++ -*-===//
//
// One description of the GPU target (chip, PTX features, device opt level,
// CUDA toolkit), with its defaults in one place: pk-gpu-pipeline's options
// extend it, pk-translate and pk-run expose it as flags (GPUTargetFlags),
// and pk-gpu-verify-target checks it against the NVPTX backend.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TRANSFORMS_GPU_GPUTARGET_H
#define PK_TRANSFORMS_GPU_GPUTARGET_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassOptions.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir::pk {

/// The defaults of the GPU target: an H100/H200 with PTX 8.0.
inline constexpr llvm::StringLiteral kDefaultGPUChip = "sm_90";
inline constexpr llvm::StringLiteral kDefaultGPUFeatures = "+ptx80";
inline constexpr unsigned kDefaultGPUOptLevel = 3;

/// What each target option means, for every place that declares one.
inline constexpr llvm::StringLiteral kGPUChipHelp =
    "NVIDIA GPU architecture (sm_XX)";
inline constexpr llvm::StringLiteral kGPUFeaturesHelp =
    "NVPTX target features, comma separated; the PTX version must be one the "
    "chip supports (sm_80: +ptx70, sm_90: +ptx78, sm_90a: +ptx80 or newer)";
inline constexpr llvm::StringLiteral kGPUOptLevelHelp =
    "LLVM optimization level of the device code (0-3)";
inline constexpr llvm::StringLiteral kGPUCUDAPathHelp =
    "CUDA toolkit whose libdevice implements math functions in kernels and "
    "whose ptxas/fatbinary make cubins (default: $CUDA_ROOT, $CUDA_HOME, "
    "$CUDA_PATH, else the toolkit found when pk was built)";

/// The NVPTX target of the GPU code: what `nvvm-attach-target` puts on each
/// gpu.module and what serialization compiles for.
struct GPUTargetOptions : public PassPipelineOptions<GPUTargetOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::desc(kGPUChipHelp),
                           llvm::cl::init(kDefaultGPUChip.str())};
  Option<std::string> features{*this, "features",
                               llvm::cl::desc(kGPUFeaturesHelp),
                               llvm::cl::init(kDefaultGPUFeatures.str())};
  Option<unsigned> optLevel{*this, "opt-level",
                            llvm::cl::desc(kGPUOptLevelHelp),
                            llvm::cl::init(kDefaultGPUOptLevel)};
  Option<std::string> cudaPath{
      *this, "cuda-path", llvm::cl::desc(kGPUCUDAPathHelp), llvm::cl::init("")};

  /// Takes the target from `other` (which may be a larger option struct
  /// that extends this one).
  void setTarget(const GPUTargetOptions &other);
};

/// The target as command-line flags of a tool: `<prefix>chip`,
/// `<prefix>features`, `<prefix>opt-level` and `<prefix>cuda-path` in
/// `category`. Construct one per tool, at namespace scope or as a static.
class GPUTargetFlags {
public:
  GPUTargetFlags(llvm::StringRef prefix, llvm::cl::OptionCategory &category);
  /// Sets the target part of `options` from the flags.
  void applyTo(GPUTargetOptions &options) const;
  llvm::StringRef getChip() const { return chip; }

private:
  std::string chipName, featuresName, optLevelName, cudaPathName;
  llvm::cl::opt<std::string> chip, features;
  llvm::cl::opt<unsigned> optLevel;
  llvm::cl::opt<std::string> cudaPath;
};

/// The triple nvvm-attach-target and the checks use.
inline constexpr llvm::StringLiteral kNVPTXTriple = "nvptx64-nvidia-cuda";

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

} // namespace mlir::pk

#endif // PK_TRANSFORMS_GPU_GPUTARGET_H
