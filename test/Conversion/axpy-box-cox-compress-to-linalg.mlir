// RUN: pk-opt %s --pk-lower-to-linalg | FileCheck %s

// Box-Cox indexing maps (printed as aliases at the top of the module).
// CHECK-DAG:   #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>

// Typed axpy: one elementwise generic, a broadcast as a scalar map, uint8
// codes widened unsigned, then one fma(a, x, y).
// CHECK-LABEL: func @axpy_u8
// CHECK-NOT:   pk.axpy
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4x8xi8>, tensor<4x8xf32>, tensor<f32>) outs(%{{.*}} : tensor<4x8xf32>)
// CHECK:       ^bb0(%[[X:.+]]: i8, %[[Y:.+]]: f32, %[[A:.+]]: f32, %{{.*}}: f32):
// CHECK:         %[[XF:.+]] = arith.uitofp %[[X]] : i8 to f32
// CHECK:         %[[R:.+]] = math.fma %[[A]], %[[XF]], %[[Y]] : f32
// CHECK:         linalg.yield %[[R]]
func.func @axpy_u8(%x: tensor<4x8xi8>, %y: tensor<4x8xf32>, %a: tensor<f32>) -> tensor<4x8xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<4x8xi8>, tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// CHECK-LABEL: func @axpy_f16
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK:         math.fma
func.func @axpy_f16(%x: tensor<16xf16>, %y: tensor<16xf32>, %a: tensor<f32>) -> tensor<16xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<16xf16>, tensor<16xf32>
  return %r : tensor<16xf32>
}

// Batch Box-Cox: lambdas indexed by the column only; the guard, both
// branches, and a select on lambda1 == 0.
// CHECK-LABEL: func @box_cox
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[COL]], #[[ID]]]
// CHECK:       ^bb0(%[[X:.+]]: f64, %[[L1:.+]]: f64, %[[L2:.+]]: f64, %{{.*}}: f64):
// CHECK:         %[[SUM:.+]] = arith.addf %[[X]], %[[L2]] : f64
// CHECK:         %[[S:.+]] = arith.maximumf %[[SUM]], %{{.*}} : f64
// CHECK:         %[[LOG:.+]] = math.log %[[S]] : f64
// CHECK:         %[[POW:.+]] = math.powf %[[S]], %[[L1]] : f64
// CHECK:         %[[DIV:.+]] = arith.divf %{{.*}}, %[[L1]] : f64
// CHECK:         %[[Z:.+]] = arith.cmpf oeq, %[[L1]], %{{.*}} : f64
// CHECK:         %[[R:.+]] = arith.select %[[Z]], %[[LOG]], %[[DIV]] : f64
// CHECK:         linalg.yield %[[R]]
func.func @box_cox(%x: tensor<8x4xf64>, %l1: tensor<4xf64>, %l2: tensor<4xf64>) -> tensor<8x4xf64> {
  %r = pk.box_cox %x, %l1, %l2 : tensor<8x4xf64>, tensor<4xf64>
  return %r : tensor<8x4xf64>
}

// Whole-tensor quantization: a min/max reduction to two 0-d tensors, the
// inverse gap in f64, then one generic over the 10 + 3 output bytes that
// ORs the two segment codes of each data byte.
// CHECK-LABEL: func @compress
// CHECK:       linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%{{.*}} : tensor<5xf32>) outs(%{{.*}}, %{{.*}} : tensor<f32>, tensor<f32>)
// CHECK:         arith.minnumf
// CHECK:         arith.maxnumf
// CHECK:       arith.divf %{{.*}}, %{{.*}} : f64
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<13xi8>)
// CHECK:         math.roundeven
// CHECK:         arith.shli
// CHECK:         math.roundeven
// CHECK:         arith.shli
// CHECK-NOT:     math.roundeven
// CHECK:         linalg.yield
func.func @compress(%x: tensor<5xf32>) -> tensor<13xi8> {
  %q = pk.quantize_and_compress %x bits = 4 : tensor<5xf32> -> tensor<13xi8>
  return %q : tensor<13xi8>
}

// Decompression: header floats assembled from bytes 2..9, the status from
// bytes 0 and 1 (bitwidth 4, tail 1 for 5 values), one decoding generic.
// CHECK-LABEL: func @decompress
// CHECK:       arith.bitcast %{{.*}} : i32 to f32
// CHECK:       arith.bitcast %{{.*}} : i32 to f32
// CHECK:       %[[C4:.+]] = arith.constant 4 : i32
// CHECK:       arith.cmpi ne, %{{.*}}, %[[C4]] : i32
// CHECK:       %[[C1:.+]] = arith.constant 1 : i32
// CHECK:       arith.cmpi ne, %{{.*}}, %[[C1]] : i32
// CHECK:       tensor.from_elements %{{.*}} : tensor<i32>
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<5xf32>)
// CHECK:         arith.shrui
// CHECK:         arith.uitofp
func.func @decompress(%q: tensor<13xi8>) -> (tensor<5xf32>, tensor<i32>) {
  %y, %s = pk.decompress_and_dequantize %q bits = 4 : tensor<13xi8> -> tensor<5xf32>, tensor<i32>
  return %y, %s : tensor<5xf32>, tensor<i32>
}
