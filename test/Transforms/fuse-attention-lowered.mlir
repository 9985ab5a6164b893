// pk.attention after pk-lower-to-linalg (linalg.softmax), and further
// decomposed and canonicalized as pk-cpu-pipeline's front end leaves it
// (generic max/exp/sum/div, the scale and causal mask in place on Q·Kᵀ):
// both fuse, causal included.
// RUN: pk-opt --pk-lower-to-linalg --pk-fuse-attention %s | FileCheck %s
// RUN: pk-opt --pk-lower-to-linalg --pk-decompose-aggregates --canonicalize --cse --pk-fuse-attention %s | FileCheck %s

// CHECK-LABEL: func.func @causal
// CHECK-NOT:     linalg.softmax
// CHECK-NOT:     tensor<2x16x24xf32>
// CHECK-DAG:     arith.constant 0.510069728 : f32
// CHECK:         scf.forall
// CHECK:           scf.for
// CHECK:             linalg.matmul {pk.attention_tile}
// CHECK:           scf.if
// CHECK:             arith.cmpi ugt
// CHECK-NOT:     tensor<2x16x24xf32>
// CHECK:         return
func.func @causal(%q: tensor<2x16x8xf32>, %k: tensor<2x24x8xf32>, %v: tensor<2x24x4xf32>) -> tensor<2x16x4xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<2x16x8xf32>, tensor<2x24x8xf32>, tensor<2x24x4xf32> -> tensor<2x16x4xf32>
  return %o : tensor<2x16x4xf32>
}
