// RUN: pk-opt %s | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// CHECK-LABEL: func @axpy_f32
// CHECK: %{{.*}} = pk.axpy %{{.*}}, %{{.*}} a(%{{.*}} : tensor<f32>) : tensor<16xf32>, tensor<16xf32>
func.func @axpy_f32(%x: tensor<16xf32>, %y: tensor<16xf32>, %a: tensor<f32>) -> tensor<16xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<16xf32>, tensor<16xf32>
  return %r : tensor<16xf32>
}

// CHECK-LABEL: func @axpy_f16
// CHECK: pk.axpy %{{.*}}, %{{.*}} a(%{{.*}} : tensor<f32>) : tensor<4x8xf16>, tensor<4x8xf32>
func.func @axpy_f16(%x: tensor<4x8xf16>, %y: tensor<4x8xf32>, %a: tensor<f32>) -> tensor<4x8xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<4x8xf16>, tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// CHECK-LABEL: func @axpy_u8
// CHECK: pk.axpy %{{.*}}, %{{.*}} a(%{{.*}} : tensor<f32>) : tensor<32xi8>, tensor<32xf32>
func.func @axpy_u8(%x: tensor<32xi8>, %y: tensor<32xf32>, %a: tensor<f32>) -> tensor<32xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<32xi8>, tensor<32xf32>
  return %r : tensor<32xf32>
}

// CHECK-LABEL: func @box_cox_f32
// CHECK: %{{.*}} = pk.box_cox %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4xf32>
func.func @box_cox_f32(%x: tensor<8x4xf32>, %l1: tensor<4xf32>, %l2: tensor<4xf32>) -> tensor<8x4xf32> {
  %r = pk.box_cox %x, %l1, %l2 : tensor<8x4xf32>, tensor<4xf32>
  return %r : tensor<8x4xf32>
}

// CHECK-LABEL: func @box_cox_f64
// CHECK: pk.box_cox %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf64>, tensor<3xf64>
func.func @box_cox_f64(%x: tensor<2x3xf64>, %l1: tensor<3xf64>, %l2: tensor<3xf64>) -> tensor<2x3xf64> {
  %r = pk.box_cox %x, %l1, %l2 : tensor<2x3xf64>, tensor<3xf64>
  return %r : tensor<2x3xf64>
}

// CHECK-LABEL: func @compress
// CHECK: %[[Q:.+]] = pk.quantize_and_compress %{{.*}} bits = 4 : tensor<5xf32> -> tensor<13xi8>
// CHECK: %{{.*}}, %{{.*}} = pk.decompress_and_dequantize %[[Q]] bits = 4 : tensor<13xi8> -> tensor<5xf32>, tensor<i32>
// CHECK: pk.quantize_and_compress %{{.*}} bits = 1 : tensor<17xf32> -> tensor<13xi8>
func.func @compress(%x: tensor<5xf32>, %z: tensor<17xf32>) -> (tensor<5xf32>, tensor<i32>, tensor<13xi8>) {
  %q = pk.quantize_and_compress %x bits = 4 : tensor<5xf32> -> tensor<13xi8>
  %y, %s = pk.decompress_and_dequantize %q bits = 4 : tensor<13xi8> -> tensor<5xf32>, tensor<i32>
  %q1 = pk.quantize_and_compress %z bits = 1 : tensor<17xf32> -> tensor<13xi8>
  return %y, %s, %q1 : tensor<5xf32>, tensor<i32>, tensor<13xi8>
}
