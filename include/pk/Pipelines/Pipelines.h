//===- Pipelines.h - perfkernel named pass pipelines ------------*- C++ -*-===//

#ifndef PK_PIPELINES_PIPELINES_H
#define PK_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

// pk-gpu-pipeline (buildGPUPipeline, GPUPipelineOptions).
#include "pk/Pipelines/GPUPipeline.h"

namespace mlir::pk {

struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("OpenMP threads per parallel region (0: the runtime's "
                     "default, OMP_NUM_THREADS or all cores)"),
      llvm::cl::init(0)};
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("CPU to compile for: host, x86-64-v3 (AVX2) or x86-64-v4 "
                     "(AVX-512); a pk.target attribute on the module wins"),
      llvm::cl::init("host")};
  Option<std::string> recipe{
      *this, "recipe",
      llvm::cl::desc("Transform-dialect recipe file replacing the default "
                     "CPU schedule"),
      llvm::cl::init("")};
  Option<bool> graphOpts{
      *this, "graph-opts",
      llvm::cl::desc("Graph optimisations: fold batch norm into convolutions, "
                     "fuse bias/activations and conv + max-pool, sink "
                     "transposes, fuse elementwise ops (default true)"),
      llvm::cl::init(true)};
};

/// pk/linalg on tensors → scheduled (tiled, vectorized), bufferized,
/// OpenMP-parallel code in the LLVM dialect.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// pk/linalg on tensors → straightforward sequential loops in the LLVM
/// dialect: the correctness oracle for every other pipeline.
void buildReferencePipeline(OpPassManager &pm);

/// pk/linalg on tensors → one `sdfg.sdfg` per function (results become
/// trailing memref arguments), ready for `pk-translate --sdfg-to-json`.
void buildToSDFGPipeline(OpPassManager &pm);

/// Registers `pk-cpu-pipeline`, `pk-reference-pipeline`,
/// `pk-to-sdfg-pipeline` and `pk-gpu-pipeline`.
void registerPipelines();

} // namespace mlir::pk

#endif // PK_PIPELINES_PIPELINES_H
