// RUN: pk-opt --pk-sink-transposes --split-input-file %s | FileCheck %s

// An NHWC convolution result transposed to NCHW, then a bias + ReLU
// epilogue and a max-pool in NCHW: the epilogue and the pool move to NHWC
// (the bias map follows the channel dim to d3), and only the pooled result
// is transposed.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[C3:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @epilogue_and_pool
// CHECK-SAME:    (%[[Y:.+]]: tensor<1x8x8x16xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK:         %[[E:.+]] = linalg.generic {indexing_maps = [#[[C3]], #[[ID]]], {{.*}}} ins(%[[B]] : tensor<16xf32>) outs(%[[Y]] : tensor<1x8x8x16xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x4x4x16xf32>)
// CHECK:         %[[P:.+]] = linalg.pooling_nhwc_max {{.*}} ins(%[[E]], %{{.+}} : tensor<1x8x8x16xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<1x4x4x16xf32>)
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[P]] : tensor<1x4x4x16xf32>) outs(%{{.+}} : tensor<1x16x4x4xf32>) permutation = [0, 3, 1, 2]
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[T]]
func.func @epilogue_and_pool(%y: tensor<1x8x8x16xf32>, %b: tensor<16xf32>) -> tensor<1x16x4x4xf32> {
  %e0 = tensor.empty() : tensor<1x16x8x8xf32>
  %t = linalg.transpose ins(%y : tensor<1x8x8x16xf32>) outs(%e0 : tensor<1x16x8x8xf32>) permutation = [0, 3, 1, 2]
  %e = linalg.generic {indexing_maps = [#ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<16xf32>) outs(%t : tensor<1x16x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %zero = arith.constant 0.0 : f32
    %s = arith.addf %out, %in : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x16x8x8xf32>
  %lowest = arith.constant -3.40282347E+38 : f32
  %pe = tensor.empty() : tensor<1x16x4x4xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%pe : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%e, %win : tensor<1x16x8x8xf32>, tensor<2x2xf32>) outs(%init : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %p : tensor<1x16x4x4xf32>
}

// -----

// Transposes on both sides of an elementwise op cancel.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @cancel
// CHECK-SAME:    (%[[X:.+]]: tensor<4x8xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[G:.+]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x8xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[G]]
func.func @cancel(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<8x4xf32>
  %t = linalg.transpose ins(%x : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<8x4xf32>) outs(%e : tensor<8x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<8x4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %u = linalg.transpose ins(%g : tensor<8x4xf32>) outs(%e2 : tensor<4x8xf32>) permutation = [1, 0]
  return %u : tensor<4x8xf32>
}

// -----

// A padded input transposed to NHWC: transposed straight into the interior
// of a zero-filled padded tensor.
// CHECK-LABEL: func.func @pad_transpose
// CHECK-SAME:    (%[[X:.+]]: tensor<1x3x4x5xf32>)
// CHECK-NOT:     tensor.pad
// CHECK:         %[[F:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x6x7x3xf32>)
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[F]][0, 1, 1, 0] [1, 4, 5, 3] [1, 1, 1, 1]
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<1x3x4x5xf32>) outs(%[[S]] : tensor<1x4x5x3xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[T]] into %[[F]][0, 1, 1, 0] [1, 4, 5, 3] [1, 1, 1, 1]
// CHECK:         return %[[R]]
func.func @pad_transpose(%x: tensor<1x3x4x5xf32>) -> tensor<1x6x7x3xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x3x4x5xf32> to tensor<1x3x6x7xf32>
  %e = tensor.empty() : tensor<1x6x7x3xf32>
  %t = linalg.transpose ins(%p : tensor<1x3x6x7xf32>) outs(%e : tensor<1x6x7x3xf32>) permutation = [0, 2, 3, 1]
  return %t : tensor<1x6x7x3xf32>
}

// -----

// A transpose feeding a matmul becomes its indexing map (linalg) or flips
// its transpose flag (pk).
// CHECK-DAG: #[[MK_T:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @matmuls
// CHECK-SAME:    (%[[A:.+]]: tensor<32x16xf32>, %[[B:.+]]: tensor<32x8xf32>, %[[C:.+]]: tensor<16x32xf32>, %[[D:.+]]: tensor<8x32xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.matmul indexing_maps = [#[[MK_T]], {{.+}}, {{.+}}] ins(%[[A]], %[[B]] : tensor<32x16xf32>, tensor<32x8xf32>)
// CHECK:         pk.matmul %[[C]], %[[D]] transpose_rhs : tensor<16x32xf32>, tensor<8x32xf32> -> tensor<16x8xf32>
func.func @matmuls(%a: tensor<32x16xf32>, %b: tensor<32x8xf32>, %c: tensor<16x32xf32>, %d: tensor<8x32xf32>) -> (tensor<16x8xf32>, tensor<16x8xf32>) {
  %e = tensor.empty() : tensor<16x32xf32>
  %at = linalg.transpose ins(%a : tensor<32x16xf32>) outs(%e : tensor<16x32xf32>) permutation = [1, 0]
  %zero = arith.constant 0.0 : f32
  %acc0 = tensor.empty() : tensor<16x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%acc0 : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%at, %b : tensor<16x32xf32>, tensor<32x8xf32>) outs(%acc : tensor<16x8xf32>) -> tensor<16x8xf32>
  %e2 = tensor.empty() : tensor<32x8xf32>
  %dt = linalg.transpose ins(%d : tensor<8x32xf32>) outs(%e2 : tensor<32x8xf32>) permutation = [1, 0]
  %p = pk.matmul %c, %dt : tensor<16x32xf32>, tensor<32x8xf32> -> tensor<16x8xf32>
  return %m, %p : tensor<16x8xf32>, tensor<16x8xf32>
}

// -----

// Left alone: another full-rank operand is not transposed; a transpose
// with another user; a payload reading loop indices; a pool of a transpose
// that is not NHWC → NCHW.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @no_match
// CHECK-COUNT-2: linalg.transpose
// CHECK:         linalg.generic
// CHECK:         linalg.generic
// CHECK:         linalg.transpose
// CHECK:         linalg.generic
// CHECK:           linalg.index 0
// CHECK:         linalg.transpose
// CHECK:         linalg.pooling_nchw_max
func.func @no_match(%x: tensor<4x8xf32>, %y: tensor<8x4xf32>, %z: tensor<1x4x4x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<1x4x2x2xf32>) {
  %e = tensor.empty() : tensor<8x4xf32>
  %t = linalg.transpose ins(%x : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %t2 = linalg.transpose ins(%x : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %g = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t, %y : tensor<8x4xf32>, tensor<8x4xf32>) outs(%e : tensor<8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<8x4xf32>
  %h = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t2 : tensor<8x4xf32>) outs(%e : tensor<8x4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<8x4xf32>
  %t3 = linalg.transpose ins(%x : tensor<4x8xf32>) outs(%e : tensor<8x4xf32>) permutation = [1, 0]
  %ix = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t3 : tensor<8x4xf32>) outs(%e : tensor<8x4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    %r = arith.addf %a, %f : f32
    linalg.yield %r : f32
  } -> tensor<8x4xf32>
  %e4 = tensor.empty() : tensor<1x4x4x4xf32>
  %zt = linalg.transpose ins(%z : tensor<1x4x4x4xf32>) outs(%e4 : tensor<1x4x4x4xf32>) permutation = [0, 2, 3, 1]
  %lowest = arith.constant -3.40282347E+38 : f32
  %pe = tensor.empty() : tensor<1x4x2x2xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%pe : tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%zt, %win : tensor<1x4x4x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  return %g, %h, %t2, %ix, %p : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<1x4x2x2xf32>
}
