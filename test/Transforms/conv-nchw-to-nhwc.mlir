// RUN: pk-opt --pk-conv-nchw-to-nhwc --canonicalize %s | FileCheck %s

// The NCHW convolution is computed in NHWC/HWCF between transposes; the
// transposed zero fill folds into a fill of the NHWC accumulator.
// CHECK-LABEL: func.func @nchw
// CHECK-SAME:    (%[[X:.+]]: tensor<1x8x10x10xf32>, %[[W:.+]]: tensor<16x8x3x3xf32>)
// CHECK:         %[[XT:.+]] = linalg.transpose ins(%[[X]] : tensor<1x8x10x10xf32>) outs(%{{.+}} : tensor<1x10x10x8xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[WT:.+]] = linalg.transpose ins(%[[W]] : tensor<16x8x3x3xf32>) outs(%{{.+}} : tensor<3x3x8x16xf32>) permutation = [2, 3, 1, 0]
// CHECK:         %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x4x4x16xf32>)
// CHECK:         %[[C:.+]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[XT]], %[[WT]] : {{.*}}) outs(%[[ACC]] : tensor<1x4x4x16xf32>)
// CHECK:         %[[Y:.+]] = linalg.transpose ins(%[[C]] : tensor<1x4x4x16xf32>) outs(%{{.+}} : tensor<1x16x4x4xf32>) permutation = [0, 3, 1, 2]
// CHECK:         return %[[Y]]
func.func @nchw(%x: tensor<1x8x10x10xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %y = linalg.conv_2d_nchw_fchw {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x8x10x10xf32>, tensor<16x8x3x3xf32>) outs(%acc : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %y : tensor<1x16x4x4xf32>
}

// A dynamic batch flows through tensor.dim into the transposed shapes.
// CHECK-LABEL: func.func @dynamic
// CHECK:         tensor.dim
// CHECK:         linalg.conv_2d_nhwc_hwcf
func.func @dynamic(%x: tensor<?x8x10x10xf32>, %w: tensor<16x8x3x3xf32>, %acc: tensor<?x16x8x8xf32>) -> tensor<?x16x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<?x8x10x10xf32>, tensor<16x8x3x3xf32>) outs(%acc : tensor<?x16x8x8xf32>) -> tensor<?x16x8x8xf32>
  return %y : tensor<?x16x8x8xf32>
}

// Convolutions on buffers (no SSA results to re-layout) are left alone.
// CHECK-LABEL: func.func @buffers
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @buffers(%x: memref<1x8x10x10xf32>, %w: memref<16x8x3x3xf32>, %y: memref<1x16x8x8xf32>) {
  linalg.conv_2d_nchw_fchw ins(%x, %w : memref<1x8x10x10xf32>, memref<16x8x3x3xf32>) outs(%y : memref<1x16x8x8xf32>)
  return
}
