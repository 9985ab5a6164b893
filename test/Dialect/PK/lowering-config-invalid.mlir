// RUN: pk-opt %s -split-input-file -verify-diagnostics

#id = affine_map<(i, j) -> (i, j)>
func.func @rank_mismatch(%a: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{lowering config has 3 tile sizes for an op with 2 loops}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<8x8xf32>) outs(%a : tensor<8x8xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0, 0], vector_sizes = [1, 1, 8]>} {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// expected-error @+1 {{thread_tiles has 2 entries but vector_sizes has 1}}
func.func @lengths() attributes {test.config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [8]>} {
  return
}

// -----

// expected-error @+1 {{thread_tiles[1] must be 0 (not tiled) or positive, got -4}}
func.func @negative_tile() attributes {test.config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, -4], vector_sizes = [1, 8]>} {
  return
}

// -----

// expected-error @+1 {{vector_sizes[0] must be positive, got 0}}
func.func @zero_vector() attributes {test.config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [0, 8]>} {
  return
}

// -----

// expected-error @+1 {{vector_sizes[1] = 32 is larger than its thread tile 16}}
func.func @vector_past_tile() attributes {test.config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 16], vector_sizes = [1, 32]>} {
  return
}

// -----

// expected-error @+2 {{expected one of [elementwise, inner_reduction, outer_reduction] for the class of loop nest a lowering config schedules, got: stencil}}
// expected-error @+1 {{failed to parse PK_LoweringConfigAttr parameter 'kind'}}
func.func @unknown_kind() attributes {test.config = #pk.lowering_config<kind = stencil, thread_tiles = [0], vector_sizes = [8]>} {
  return
}

// -----

func.func @reduction_over_threads(%a: tensor<64x64xf32>, %r: tensor<64xf32>) -> tensor<64xf32> {
  // expected-error @+1 {{lowering config tiles reduction loop 1 over threads (thread_tiles[1] must be 0)}}
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<64x64xf32>) outs(%r : tensor<64xf32>) attrs = {pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [0, 16], vector_sizes = [4, 16]>} {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %o : f32
    linalg.yield %y : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// -----

// expected-error @+1 {{'pk.lowering_config' belongs on a linalg op}}
func.func @not_linalg() attributes {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0], vector_sizes = [8]>} {
  return
}

// -----

func.func @not_a_config(%a: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'pk.lowering_config' must be a #pk.lowering_config}}
  %r = linalg.copy {pk.lowering_config = [1, 2]} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// expected-error @+1 {{vector_bits must be 128, 256 or 512, got 300}}
module attributes {pk.target = #pk.target<name = "odd", vector_bits = 300, vector_registers = 16, l1_bytes = 32768, l2_bytes = 262144, l3_bytes = 0, cores = 1>} {
}

// -----

// expected-error @+1 {{cores must be positive}}
module attributes {pk.target = #pk.target<name = "none", vector_bits = 256, vector_registers = 16, l1_bytes = 32768, l2_bytes = 262144, l3_bytes = 0, cores = 0>} {
}

// -----

func.func @target_on_func() attributes {pk.target = #pk.target<name = "x86-64-v3", vector_bits = 256, vector_registers = 16, l1_bytes = 32768, l2_bytes = 262144, l3_bytes = 8388608, cores = 16>} {
  // expected-error @-1 {{'pk.target' belongs on a module}}
  return
}
