//===- PTX.h - GPU kernels to NVVM and PTX ----------------------*- C++ -*-===//
//
// The GPU half of pk's back end: lowering of gpu.module kernels to the NVVM
// dialect (from Pipelines/GPUPipeline.h, shared with pk-gpu-pipeline) and
// extraction of PTX text from gpu.binary ops for `pk-translate --pk-to-ptx`.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TARGET_PTX_H
#define PK_TARGET_PTX_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "pk/Pipelines/GPUPipeline.h"

namespace mlir::pk {

/// Whether `root` holds a GPU kernel: a gpu.launch region, a `kernel`
/// gpu.func or an `nvvm.kernel` llvm.func inside a gpu.module.
bool hasGPUKernels(Operation *root);

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
/// gpu.module and target. A module without kernels but with pk/linalg
/// functions is first mapped to kernels by the kernel part of
/// pk-gpu-pipeline (`recipe`: a GPU recipe file, empty for the built-in).
LogicalResult translateModuleToPTX(ModuleOp module,
                                   const GPUTargetOptions &options,
                                   raw_ostream &os, StringRef recipe = "");

} // namespace mlir::pk

#endif // PK_TARGET_PTX_H
