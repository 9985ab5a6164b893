// RUN: pk-opt %s | pk-opt | FileCheck %s
// Every declared pk attribute where it belongs round-trips.

// CHECK-LABEL: func.func @tags
// CHECK-SAME: attributes {pk.aliasing_arguments}
// CHECK: linalg.copy {pk.attention_tile, pk.attention_vector, pk.embedding_row, pk.fused_conv, pk.fused_epilogue, pk.fused_pool, pk.gpu_promote, pk.gpu_promote_batch, pk.register_tile}
func.func @tags(%a: tensor<8xf32>) -> tensor<8xf32> attributes {pk.aliasing_arguments} {
  %r = linalg.copy {pk.attention_tile, pk.attention_vector, pk.embedding_row, pk.fused_conv, pk.fused_epilogue, pk.fused_pool, pk.gpu_promote, pk.gpu_promote_batch, pk.register_tile} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// CHECK-LABEL: func.func @status
// CHECK-SAME: -> (tensor<4xf32>, tensor<i32> {pk.status})
func.func @status(%a: tensor<4xf32>, %s: tensor<i32>) -> (tensor<4xf32>, tensor<i32> {pk.status}) {
  return %a, %s : tensor<4xf32>, tensor<i32>
}
