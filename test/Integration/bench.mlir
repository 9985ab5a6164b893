// --bench reports the median time and throughput (GFLOP/s for compute-bound
// ops, GB/s for memory-bound ones); no timing thresholds are checked.
// RUN: pk-run %s --entry mm --bench 3 --bench-reference | FileCheck %s --check-prefix=MM
// MM: PASS
// MM: bench pk-cpu-pipeline: median {{[0-9.]+}} ms over 3 runs, {{[0-9.]+}} GFLOP/s
// MM: bench pk-reference-pipeline: median {{[0-9.]+}} ms over 3 runs, {{[0-9.]+}} GFLOP/s
// MM: speedup pk-cpu-pipeline vs pk-reference-pipeline: {{[0-9.]+}}x
// RUN: pk-run %s --entry act --bench 2 --no-check | FileCheck %s --check-prefix=ACT
// ACT-NOT: PASS
// ACT: bench pk-cpu-pipeline: median {{[0-9.]+}} ms over 2 runs, {{[0-9.]+}} GB/s
func.func @mm(%a: tensor<64x32xf32>, %b: tensor<32x48xf32>) -> tensor<64x48xf32> {
  %c = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x48xf32> -> tensor<64x48xf32>
  return %c : tensor<64x48xf32>
}
func.func @act(%a: tensor<1000xf32>) -> tensor<1000xf32> {
  %y = pk.sigmoid %a : tensor<1000xf32>
  return %y : tensor<1000xf32>
}
