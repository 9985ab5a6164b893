// pk-cpu-pipeline: one OpenMP region with the requested thread count,
// vector FMAs, everything in the LLVM dialect; results are out-params.
// RUN: pk-opt --pk-cpu-pipeline="threads=2" %s | FileCheck %s --check-prefix=CPU
// threads=1: the same vector code without the OpenMP runtime.
// RUN: pk-opt --pk-cpu-pipeline="threads=1" %s | FileCheck %s --check-prefix=ONE
// pk-reference-pipeline: sequential scalar loops, no OpenMP, no vectors.
// RUN: pk-opt --pk-reference-pipeline %s | FileCheck %s --check-prefix=REF

// CPU-LABEL: llvm.func @matmul(
// CPU:         omp.parallel num_threads(
// CPU-NOT:     omp.parallel
// The register tile depends on the host's built-in recipe (16 or 32 wide).
// CPU:         llvm.intr.fmuladd({{.*}}) : (vector<[[W:16|32]]xf32>, vector<[[W]]xf32>, vector<[[W]]xf32>) -> vector<[[W]]xf32>
// CPU:         llvm.return
// CPU-NOT:     builtin.unrealized_conversion_cast

// ONE-LABEL: llvm.func @matmul(
// ONE-NOT:     omp.
// ONE:         llvm.intr.fmuladd({{.*}}) : (vector<[[W:16|32]]xf32>, vector<[[W]]xf32>, vector<[[W]]xf32>) -> vector<[[W]]xf32>
// ONE-NOT:     omp.
// ONE:         llvm.return

// REF-LABEL: llvm.func @matmul(
// REF-NOT:   omp.
// REF-NOT:   vector<
// REF:       llvm.fmul {{.*}} : f32
// REF:       llvm.fadd {{.*}} : f32
// REF:       llvm.return
func.func @matmul(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>) -> tensor<128x96xf32> {
  %c = pk.matmul %a, %b : tensor<128x64xf32>, tensor<64x96xf32> -> tensor<128x96xf32>
  return %c : tensor<128x96xf32>
}
