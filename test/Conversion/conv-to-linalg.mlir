// RUN: pk-opt --pk-lower-to-linalg %s | FileCheck %s

// Padding becomes an explicit tensor.pad with zeros; the convolution is
// linalg's named NCHW one accumulating into zeros; the bias is a broadcast
// over the channel dimension.
// CHECK-LABEL: func.func @conv_nchw_bias
// CHECK-SAME:    (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK:         %[[PAD:.+]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 0, 1]
// CHECK:         tensor.yield %{{.+}} : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x4x4x5xf32>)
// CHECK:         %[[CONV:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : tensor<1x3x9x11xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<1x4x4x5xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[B]] : tensor<4xf32>) outs(%[[CONV]] : tensor<1x4x4x5xf32>)
// CHECK:           arith.addf
func.func @conv_nchw_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x5xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<4xf32>) {strides = array<i64: 2, 2>, padding = array<i64: 1, 2, 0, 1>}
      : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x4x5xf32>
  return %y : tensor<1x4x4x5xf32>
}

// NHWC with f16 operands: f32 accumulation, truncation at the end.
// CHECK-LABEL: func.func @conv_nhwc_f16
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x10x10x3xf16>, tensor<3x3x3x8xf16>) outs(%{{.+}} : tensor<1x6x8x8xf32>)
// CHECK:         arith.truncf %{{.+}} : f32 to f16
func.func @conv_nhwc_f16(%x: tensor<1x10x10x3xf16>, %w: tensor<3x3x3x8xf16>) -> tensor<1x6x8x8xf16> {
  %y = pk.conv2d %x, %w nhwc {dilations = array<i64: 2, 1>} : tensor<1x10x10x3xf16>, tensor<3x3x3x8xf16> -> tensor<1x6x8x8xf16>
  return %y : tensor<1x6x8x8xf16>
}

// Groups split the channel dims: NCHW uses conv_2d_ngchw_gfchw.
// CHECK-LABEL: func.func @conv_grouped_nchw
// CHECK:         %[[XE:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [2, 2, 3, 5, 5] : tensor<2x6x5x5xf32> into tensor<2x2x3x5x5xf32>
// CHECK:         %[[WE:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 2, 3, 3, 3] : tensor<4x3x3x3xf32> into tensor<2x2x3x3x3xf32>
// CHECK:         %[[C:.+]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[XE]], %[[WE]] : tensor<2x2x3x5x5xf32>, tensor<2x2x3x3x3xf32>) outs(%{{.+}} : tensor<2x2x2x3x3xf32>)
// CHECK:         tensor.collapse_shape %[[C]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<2x2x2x3x3xf32> into tensor<2x4x3x3xf32>
func.func @conv_grouped_nchw(%x: tensor<2x6x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x3x3xf32> {
  %y = pk.conv2d %x, %w {groups = 2 : i64} : tensor<2x6x5x5xf32>, tensor<4x3x3x3xf32> -> tensor<2x4x3x3xf32>
  return %y : tensor<2x4x3x3xf32>
}

// NHWC groups: the HWCF filter is reshaped and transposed to GFHWC.
// CHECK-LABEL: func.func @conv_grouped_nhwc
// CHECK:         tensor.expand_shape %{{.+}} {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 5, 5, 3, 2] : tensor<1x5x5x6xf32> into tensor<1x5x5x3x2xf32>
// CHECK:         %[[WE:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0], [1], [2], [3, 4]] output_shape [3, 3, 2, 3, 1] : tensor<3x3x2x3xf32> into tensor<3x3x2x3x1xf32>
// CHECK:         linalg.transpose ins(%[[WE]] : tensor<3x3x2x3x1xf32>) outs(%{{.+}} : tensor<3x1x3x3x2xf32>) permutation = [3, 4, 0, 1, 2]
// CHECK:         linalg.conv_2d_nhwgc_gfhwc
// CHECK:         tensor.collapse_shape %{{.+}} {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x3x3x3x1xf32> into tensor<1x3x3x3xf32>
func.func @conv_grouped_nhwc(%x: tensor<1x5x5x6xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x3x3x3xf32> {
  %y = pk.conv2d %x, %w nhwc {groups = 3 : i64} : tensor<1x5x5x6xf32>, tensor<3x3x2x3xf32> -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// A dynamic batch flows through tensor.dim into the accumulator.
// CHECK-LABEL: func.func @conv_dynamic
// CHECK:         %[[N:.+]] = tensor.dim %{{.+}}, %c0 : tensor<?x3x8x8xf32>
// CHECK:         tensor.empty(%[[N]]) : tensor<?x4x6x6xf32>
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @conv_dynamic(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32> {
  %y = pk.conv2d %x, %w : tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<?x4x6x6xf32>
  return %y : tensor<?x4x6x6xf32>
}

// Max pooling pads with the lowest finite value and starts from it; strides
// default to the kernel.
// CHECK-LABEL: func.func @max_pool
// CHECK:         %[[LOW:.+]] = arith.constant -3.40282347E+38 : f32
// CHECK:         tensor.pad {{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[LOW]] : f32
// CHECK:         linalg.fill ins(%[[LOW]] : f32)
// CHECK:         linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x2x10x10xf32>, tensor<2x2xf32>) outs(%{{.+}} : tensor<1x2x5x5xf32>)
func.func @max_pool(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x5x5xf32> {
  %p = pk.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : tensor<1x2x8x8xf32> -> tensor<1x2x5x5xf32>
  return %p : tensor<1x2x5x5xf32>
}

// Average pooling counting the padding: sum then multiply by 1/(KH·KW).
// CHECK-LABEL: func.func @avg_pool_nhwc
// CHECK:         linalg.pooling_nhwc_sum
// CHECK:         %[[INV:.+]] = arith.constant 0.111111112 : f32
// CHECK:         arith.mulf %{{.+}}, %[[INV]] : f32
func.func @avg_pool_nhwc(%x: tensor<1x6x6x4xf32>) -> tensor<1x2x2x4xf32> {
  %p = pk.avg_pool2d %x nhwc {kernel = array<i64: 3, 3>} : tensor<1x6x6x4xf32> -> tensor<1x2x2x4xf32>
  return %p : tensor<1x2x2x4xf32>
}

// exclude_padding divides by the count of real elements: a sum-pool of ones.
// CHECK-LABEL: func.func @avg_pool_exclude
// CHECK:         %[[SUM:.+]] = linalg.pooling_nchw_sum
// CHECK:         %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK:         linalg.fill ins(%[[ONE]] : f32)
// CHECK:         %[[CNT:.+]] = linalg.pooling_nchw_sum
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]], %[[CNT]] : {{.*}})
// CHECK:           arith.divf
func.func @avg_pool_exclude(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32> {
  %p = pk.avg_pool2d %x exclude_padding {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>} : tensor<1x2x5x5xf32> -> tensor<1x2x5x5xf32>
  return %p : tensor<1x2x5x5xf32>
}

// A 1x1, stride-1, unpadded convolution is a matrix product over the pixels
// on reshaped views: NCHW (one image) is W[F][C] x X[C][HW], no layout
// change; the bias epilogue applies to the expanded result.
// CHECK-LABEL: func.func @pointwise_nchw
// CHECK-SAME:    (%[[X:.+]]: tensor<1x16x5x7xf32>, %[[W:.+]]: tensor<8x16x1x1xf32>, %[[B:.+]]: tensor<8xf32>)
// CHECK-DAG:     %[[WM:.+]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<8x16x1x1xf32> into tensor<8x16xf32>
// CHECK-DAG:     %[[XM:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2, 3]] : tensor<1x16x5x7xf32> into tensor<16x35xf32>
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[WM]], %[[XM]] : tensor<8x16xf32>, tensor<16x35xf32>) outs(%{{.+}} : tensor<8x35xf32>)
// CHECK:         %[[Y:.+]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2, 3]] output_shape [1, 8, 5, 7]
// CHECK:         linalg.generic {{.*}} ins(%[[B]] : tensor<8xf32>) outs(%[[Y]] : tensor<1x8x5x7xf32>)
// CHECK-NOT:     linalg.conv
func.func @pointwise_nchw(%x: tensor<1x16x5x7xf32>, %w: tensor<8x16x1x1xf32>, %b: tensor<8xf32>) -> tensor<1x8x5x7xf32> {
  %y = pk.conv2d %x, %w bias(%b : tensor<8xf32>) : tensor<1x16x5x7xf32>, tensor<8x16x1x1xf32> -> tensor<1x8x5x7xf32>
  return %y : tensor<1x8x5x7xf32>
}

// NHWC, any batch: X[NHW][C] x W[C][F]; f16 operands accumulate in f32.
// CHECK-LABEL: func.func @pointwise_nhwc_f16
// CHECK:         linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<70x16xf16>, tensor<16x8xf16>) outs(%{{.+}} : tensor<70x8xf32>)
// CHECK:         tensor.expand_shape %{{.+}} {{\[\[}}0, 1, 2], [3]] output_shape [2, 5, 7, 8] : tensor<70x8xf32> into tensor<2x5x7x8xf32>
// CHECK:         arith.truncf
func.func @pointwise_nhwc_f16(%x: tensor<2x5x7x16xf16>, %w: tensor<1x1x16x8xf16>) -> tensor<2x5x7x8xf16> {
  %y = pk.conv2d %x, %w nhwc : tensor<2x5x7x16xf16>, tensor<1x1x16x8xf16> -> tensor<2x5x7x8xf16>
  return %y : tensor<2x5x7x8xf16>
}

// Strided, padded, batched NCHW or grouped 1x1 convolutions stay convolutions.
// CHECK-LABEL: func.func @pointwise_not_matmul
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}}strides = dense<2>
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK:         linalg.conv_2d_ngchw_gfchw
// CHECK-NOT:     linalg.matmul
func.func @pointwise_not_matmul(%x: tensor<1x16x6x6xf32>, %w: tensor<8x16x1x1xf32>, %x2: tensor<2x16x6x6xf32>, %wg: tensor<8x8x1x1xf32>)
    -> (tensor<1x8x3x3xf32>, tensor<1x8x8x8xf32>, tensor<2x8x6x6xf32>, tensor<1x8x6x6xf32>) {
  %a = pk.conv2d %x, %w {strides = array<i64: 2, 2>} : tensor<1x16x6x6xf32>, tensor<8x16x1x1xf32> -> tensor<1x8x3x3xf32>
  %b = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x16x6x6xf32>, tensor<8x16x1x1xf32> -> tensor<1x8x8x8xf32>
  %c = pk.conv2d %x2, %w : tensor<2x16x6x6xf32>, tensor<8x16x1x1xf32> -> tensor<2x8x6x6xf32>
  %d = pk.conv2d %x, %wg {groups = 2 : i64} : tensor<1x16x6x6xf32>, tensor<8x8x1x1xf32> -> tensor<1x8x6x6xf32>
  return %a, %b, %c, %d : tensor<1x8x3x3xf32>, tensor<1x8x8x8xf32>, tensor<2x8x6x6xf32>, tensor<1x8x6x6xf32>
}
