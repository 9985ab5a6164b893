// pk-cpu-pipeline runs the graph optimisations: batch norm folds into the
// convolution, bias + ReLU become its epilogue, and convolution + max-pool
// are computed tile by tile, so no buffer of the full convolution result
// (1x14x14x32 in NHWC) is allocated, only one per tile (2 rows); the input
// is transposed straight into its padded buffer. graph-opts=false keeps
// every op separate.
// RUN: pk-opt --pk-cpu-pipeline %s --mlir-print-ir-after=buffer-results-to-out-params -o /dev/null 2>&1 | FileCheck %s
// RUN: pk-opt --pk-cpu-pipeline=graph-opts=false %s --mlir-print-ir-after=buffer-results-to-out-params -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNFUSED

// CHECK-LABEL: func.func @conv_bn_relu_pool
// CHECK-NOT:     memref.alloc() {{.*}} : memref<1x14x14x32xf32>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<1x32x14x14xf32>
// CHECK:         scf.forall
// CHECK:           memref.alloc() {{.*}} : memref<1x2x14x32xf32>
// CHECK:           vector.fma
// CHECK:           arith.maximumf {{.*}} : vector<7x32xf32>
// CHECK:           arith.maximumf {{.*}} : vector<32xf32>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<1x14x14x32xf32>
// CHECK:         return

// UNFUSED-LABEL: func.func @conv_bn_relu_pool
// UNFUSED:         memref.alloc() {{.*}} : memref<1x14x14x32xf32>
func.func @conv_bn_relu_pool(%x: tensor<1x32x14x14xf32>, %w: tensor<32x32x3x3xf32>, %g: tensor<32xf32>,
                             %b: tensor<32xf32>, %m: tensor<32xf32>, %v: tensor<32xf32>) -> tensor<1x32x7x7xf32> {
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : tensor<1x32x14x14xf32>, tensor<32x32x3x3xf32> -> tensor<1x32x14x14xf32>
  %n = pk.batch_norm %y, %g, %b, %m, %v : tensor<1x32x14x14xf32>, tensor<32xf32>
  %zero = arith.constant dense<0.0> : tensor<1x32x14x14xf32>
  %r = arith.maximumf %n, %zero : tensor<1x32x14x14xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>} : tensor<1x32x14x14xf32> -> tensor<1x32x7x7xf32>
  return %p : tensor<1x32x7x7xf32>
}
