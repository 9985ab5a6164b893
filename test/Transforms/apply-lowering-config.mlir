// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-apply-lowering-config,canonicalize))" --split-input-file --verify-diagnostics %s | FileCheck %s

// Thread tiles become an scf.forall, vector sizes scf.for register tiles
// vectorized whole. Each register loop is peeled: its full tiles have no
// mask; the last, partial tile gets vectors of its size where that is
// static (77 = 2 x 32 + 13 columns) and masked ones of its upper bound
// where not (the rows of a work item: 4-row blocks, then at most 3). The
// config is consumed.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
// CHECK-LABEL: func.func @elementwise
// CHECK:         scf.forall (%{{.+}}) = (0) to (130) step (64)
// CHECK:           scf.for %{{.+}} step %c4
// CHECK:             scf.for %{{.+}} = %c0 to %c64 step %c32
// CHECK-NOT:           mask
// CHECK:               vector.transfer_read {{.+}} {in_bounds = [true, true]} : tensor<4x32xf32>, vector<4x32xf32>
// CHECK:               vector.broadcast %{{.+}} : vector<32xf32> to vector<4x32xf32>
// CHECK:               arith.addf %{{.+}}, %{{.+}} : vector<4x32xf32>
// CHECK:               vector.transfer_write
// CHECK:             vector.transfer_read {{.+}} {in_bounds = [true, true]} : tensor<4x13xf32>, vector<4x13xf32>
// CHECK:           scf.for %{{.+}} step %c4
// CHECK:             vector.create_mask %{{.+}}, %c32 : vector<3x32xi1>
// CHECK-NOT:     pk.lowering_config
func.func @elementwise(%a: tensor<130x77xf32>, %b: tensor<77xf32>) -> tensor<130x77xf32> {
  %e = tensor.empty() : tensor<130x77xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<130x77xf32>, tensor<77xf32>) outs(%e : tensor<130x77xf32>)
      attrs = {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [64, 0], vector_sizes = [4, 32]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<130x77xf32>
  return %r : tensor<130x77xf32>
}

// -----

// A row reduction: rows in blocks of 4; the reduction is split into
// partial sums, 4 x 32 vector accumulators that each step adds a vector to
// (100 = 3 x 32 + a partial step of 4), reduced across lanes once, after
// the loop.
// CHECK-LABEL: func.func @row_sum
// CHECK:         scf.for %{{.+}} step %c4
// CHECK:           vector.transfer_write %{{.+}} : vector<4x32xf32>, tensor<4x32xf32>
// CHECK:           scf.for %{{.+}} = %c0 to %c96 step %c32
// CHECK-NOT:         vector.multi_reduction
// CHECK:             arith.addf %{{.+}}, %{{.+}} : vector<4x32xf32>
// CHECK:           arith.addf %{{.+}}, %{{.+}} : vector<4x4xf32>
// CHECK:           vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<4x32xf32> to vector<4xf32>
func.func @row_sum(%a: tensor<64x100xf32>, %r: tensor<64xf32>) -> tensor<64xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<64x100xf32>) outs(%r : tensor<64xf32>)
      attrs = {pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>} {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %o : f32
    linalg.yield %y : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// -----

// Dynamic sizes: the same partial sums; the partial row block and step get
// masked vectors of their sizes' upper bounds (3 rows, 31 columns).
// CHECK-LABEL: func.func @row_sum_dynamic
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             arith.addf %{{.+}}, %{{.+}} : vector<4x32xf32>
// CHECK:           vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<4x32xf32> to vector<4xf32>
// CHECK:         scf.for
// CHECK:           vector.mask %{{.+}} { vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<3x32xf32> to vector<3xf32> }
func.func @row_sum_dynamic(%a: tensor<?x?xf32>, %r: tensor<?xf32>) -> tensor<?xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<?x?xf32>) outs(%r : tensor<?xf32>)
      attrs = {pk.lowering_config = #pk.lowering_config<kind = inner_reduction, thread_tiles = [0, 0], vector_sizes = [4, 32]>} {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %o : f32
    linalg.yield %y : f32
  } -> tensor<?xf32>
  return %s : tensor<?xf32>
}

// -----

// An op on buffers keeps its loops; a remark says why.
func.func @on_buffers(%a: memref<8x8xf32>) {
  // expected-remark @+1 {{lowering config not applied: the op is on buffers}}
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%a : memref<8x8xf32>)
      attrs = {pk.lowering_config = #pk.lowering_config<kind = elementwise, thread_tiles = [0, 0], vector_sizes = [1, 8]>} {
  ^bb0(%o: f32):
    %y = arith.negf %o : f32
    linalg.yield %y : f32
  }
  return
}
