// RUN: pk-opt %s | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// CHECK: module attributes {pk.target = #pk.target<name = "x86-64-v4", vector_bits = 512, vector_registers = 32, l1_bytes = 49152, l2_bytes = 2097152, l3_bytes = 33554432, cores = 16>}
module attributes {pk.target = #pk.target<name = "x86-64-v4", vector_bits = 512, vector_registers = 32, l1_bytes = 49152, l2_bytes = 2097152, l3_bytes = 33554432, cores = 16>} {
  // CHECK-LABEL: func.func @configured
  // CHECK: pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [64, 0], vector_sizes = [4, 32]>
  // CHECK: pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>
  // CHECK: pk.lowering_config = #pk.lowering_config<kind = outer_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>
  func.func @configured(%a: tensor<256x77xf32>, %r: tensor<256xf32>, %c: tensor<77xf32>) -> (tensor<256x77xf32>, tensor<256xf32>, tensor<77xf32>) {
    %e = tensor.empty() : tensor<256x77xf32>
    %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
        ins(%a : tensor<256x77xf32>) outs(%e : tensor<256x77xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [64, 0], vector_sizes = [4, 32]>} {
    ^bb0(%x: f32, %o: f32):
      %y = arith.negf %x : f32
      linalg.yield %y : f32
    } -> tensor<256x77xf32>
    %rows = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
        ins(%a : tensor<256x77xf32>) outs(%r : tensor<256xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>} {
    ^bb0(%x: f32, %o: f32):
      %y = arith.addf %x, %o : f32
      linalg.yield %y : f32
    } -> tensor<256xf32>
    %cols = linalg.generic {indexing_maps = [affine_map<(j, i) -> (i, j)>, affine_map<(j, i) -> (j)>], iterator_types = ["parallel", "reduction"]}
        ins(%a : tensor<256x77xf32>) outs(%c : tensor<77xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = outer_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>} {
    ^bb0(%x: f32, %o: f32):
      %y = arith.addf %x, %o : f32
      linalg.yield %y : f32
    } -> tensor<77xf32>
    return %n, %rows, %cols : tensor<256x77xf32>, tensor<256xf32>, tensor<77xf32>
  }
}
