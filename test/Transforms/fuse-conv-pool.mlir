// RUN: pk-opt --pk-fuse-conv-pool --split-input-file %s | FileCheck %s
// RUN: pk-opt --pk-fuse-conv-pool="tile-rows=1 tile-channels=10" --split-input-file %s | FileCheck %s --check-prefix=SMALL

// conv → bias/ReLU epilogue → 2x2 max-pool: the pooled output is tiled
// over (image, 2 pooled rows, 16 channels); each tile computes the 4
// convolution rows (6 input rows with the halo) it needs and pools them.
// No full-size convolution remains outside the loop.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @conv_relu_pool
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK:         scf.forall (%[[N:.+]], %[[R:.+]], %[[C:.+]]) = (0, 0, 0) to (1, 4, 16) step (1, 2, 16)
// CHECK:           tensor.extract_slice %{{.+}}[%[[N]], %{{.+}}, 0, 0] [1, 6, 10, 8] [1, 1, 1, 1] : tensor<1x10x10x8xf32> to tensor<1x6x10x8xf32>
// CHECK:           %[[ACC:.+]] = linalg.fill {{.*}} -> tensor<1x4x8x16xf32>
// CHECK:           %[[CONV:.+]] = linalg.conv_2d_nhwc_hwcf {{.*}}pk.fused_conv{{.*}} outs(%[[ACC]] : tensor<1x4x8x16xf32>)
// CHECK:           %[[EPI:.+]] = linalg.generic {{.*}} outs(%[[CONV]] : tensor<1x4x8x16xf32>) attrs = {pk.fused_epilogue}
// CHECK:           %[[INIT:.+]] = linalg.fill {{.*}} -> tensor<1x2x4x16xf32>
// CHECK:           %[[POOL:.+]] = linalg.pooling_nhwc_max {{.*}}pk.fused_pool{{.*}} ins(%[[EPI]], %{{.+}} : tensor<1x4x8x16xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<1x2x4x16xf32>)
// CHECK:           tensor.parallel_insert_slice %[[POOL]]
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK-NOT:     linalg.generic
// 10 channels do not divide 16: tiles of 8.
// SMALL-LABEL: func.func @conv_relu_pool
// SMALL:         scf.forall ({{.+}}) = (0, 0, 0) to (1, 4, 16) step (1, 1, 8)
// SMALL:           linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x2x8x8xf32>
func.func @conv_relu_pool(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %b: tensor<16xf32>) -> tensor<1x4x4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%acc : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %r = linalg.generic {indexing_maps = [#ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<16xf32>) outs(%y : tensor<1x8x8x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x8x16xf32>
  %lowest = arith.constant -3.40282347E+38 : f32
  %pe = tensor.empty() : tensor<1x4x4x16xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%pe : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%r, %win : tensor<1x8x8x16xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  return %p : tensor<1x4x4x16xf32>
}

// -----

// Without an epilogue, 3x3 windows at stride 2: a tile of 2 pooled rows
// needs 5 convolution rows; 4 channels (fewer than the 64 asked for) make
// one channel tile.
// CHECK-LABEL: func.func @conv_pool
// CHECK:         scf.forall ({{.+}}) = (0, 0, 0) to (1, 4, 4) step (1, 2, 4)
// CHECK:           linalg.conv_2d_nhwc_hwcf {{.*}}pk.fused_conv{{.*}} -> tensor<1x5x9x4xf32>
// CHECK:           linalg.pooling_nhwc_max {{.*}}pk.fused_pool
func.func @conv_pool(%x: tensor<1x9x9x4xf32>, %w: tensor<1x1x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x9x9x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x9x9x4xf32>) -> tensor<1x9x9x4xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x9x9x4xf32>, tensor<1x1x4x4xf32>) outs(%acc : tensor<1x9x9x4xf32>) -> tensor<1x9x9x4xf32>
  %lowest = arith.constant -3.40282347E+38 : f32
  %pe = tensor.empty() : tensor<1x4x4x4xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%pe : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %win = tensor.empty() : tensor<3x3xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%y, %win : tensor<1x9x9x4xf32>, tensor<3x3xf32>) outs(%init : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %p : tensor<1x4x4x4xf32>
}

// -----

// Left alone: the convolution result is also returned (its full size is
// needed anyway); a dynamic batch; a pool of a function argument.
// CHECK-LABEL: func.func @no_match
// CHECK-NOT:     scf.forall
// CHECK-NOT:     pk.fused
func.func @no_match(%x: tensor<1x9x9x4xf32>, %w: tensor<1x1x4x4xf32>, %acc: tensor<1x9x9x4xf32>,
                    %xd: tensor<?x9x9x4xf32>, %accd: tensor<?x9x9x4xf32>, %initd: tensor<?x4x4x4xf32>, %init: tensor<1x4x4x4xf32>)
    -> (tensor<1x9x9x4xf32>, tensor<1x4x4x4xf32>, tensor<?x4x4x4xf32>, tensor<1x4x4x4xf32>) {
  %win = tensor.empty() : tensor<2x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf ins(%x, %w : tensor<1x9x9x4xf32>, tensor<1x1x4x4xf32>) outs(%acc : tensor<1x9x9x4xf32>) -> tensor<1x9x9x4xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%y, %win : tensor<1x9x9x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %yd = linalg.conv_2d_nhwc_hwcf ins(%xd, %w : tensor<?x9x9x4xf32>, tensor<1x1x4x4xf32>) outs(%accd : tensor<?x9x9x4xf32>) -> tensor<?x9x9x4xf32>
  %pd = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%yd, %win : tensor<?x9x9x4xf32>, tensor<2x2xf32>) outs(%initd : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  %pa = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %win : tensor<1x9x9x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %y, %p, %pd, %pa : tensor<1x9x9x4xf32>, tensor<1x4x4x4xf32>, tensor<?x4x4x4xf32>, tensor<1x4x4x4xf32>
}
