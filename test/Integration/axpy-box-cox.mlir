// pk.axpy and pk.box_cox on values worked out by hand (pk-run also checks
// pk-cpu-pipeline against pk-reference-pipeline: PASS).
// RUN: pk-run %s --entry axpy_f32 --print | FileCheck %s --check-prefix=F32
// RUN: pk-run %s --entry axpy_f16 --print | FileCheck %s --check-prefix=F16
// RUN: pk-run %s --entry axpy_u8 --print | FileCheck %s --check-prefix=U8
// RUN: pk-run %s --entry box_cox_f32 --print | FileCheck %s --check-prefix=BC
// RUN: pk-run %s --entry box_cox_f64 --print | FileCheck %s --check-prefix=BC

// [10 20 30 40] + 0.5·[1 2 3 4]
// F32: PASS
// F32: result #0 = [10.5, 21, 31.5, 42]
func.func @axpy_f32() -> tensor<4xf32> {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %y = arith.constant dense<[10.0, 20.0, 30.0, 40.0]> : tensor<4xf32>
  %a = arith.constant dense<0.5> : tensor<f32>
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<4xf32>, tensor<4xf32>
  return %r : tensor<4xf32>
}

// 0.1 is 0.0999755859375 in f16: 1 + 2·0.0999756 = 1.19995; 1 + 2·(-2.5).
// F16: PASS
// F16: result #0 = {{\[\[}}1.19995, -4]]
func.func @axpy_f16() -> tensor<1x2xf32> {
  %x = arith.constant dense<[[0.1, -2.5]]> : tensor<1x2xf16>
  %y = arith.constant dense<1.0> : tensor<1x2xf32>
  %a = arith.constant dense<2.0> : tensor<f32>
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<1x2xf16>, tensor<1x2xf32>
  return %r : tensor<1x2xf32>
}

// Bytes 0, 1, 255, 128 read unsigned: [0 0 0 1] + 0.5·[0 1 255 128].
// U8: PASS
// U8: result #0 = [0, 0.5, 127.5, 65]
func.func @axpy_u8() -> tensor<4xf32> {
  %x = arith.constant dense<[0, 1, -1, -128]> : tensor<4xi8>
  %y = arith.constant dense<[0.0, 0.0, 0.0, 1.0]> : tensor<4xf32>
  %a = arith.constant dense<0.5> : tensor<f32>
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<4xi8>, tensor<4xf32>
  return %r : tensor<4xf32>
}

// lambda1 = [0 1 2 0.5], lambda2 = [0 1 0 0].
// Row 0 [1 1 3 4]: log 1 = 0; (2 - 1)/1 = 1; (9 - 1)/2 = 4; (2 - 1)/0.5 = 2.
// Row 1 [-5 0 0 9]: log(max(-5, 1e-6)) = log 1e-6 = -13.8155; (1 - 1)/1 = 0;
// (1e-12 - 1)/2 = -0.5 (the guard); (3 - 1)/0.5 = 4.
// BC: PASS
// BC: result #0 = {{\[\[}}0, 1, 4, 2], [-13.8155, 0, -0.5, 4]]
func.func @box_cox_f32() -> tensor<2x4xf32> {
  %x = arith.constant dense<[[1.0, 1.0, 3.0, 4.0], [-5.0, 0.0, 0.0, 9.0]]> : tensor<2x4xf32>
  %l1 = arith.constant dense<[0.0, 1.0, 2.0, 0.5]> : tensor<4xf32>
  %l2 = arith.constant dense<[0.0, 1.0, 0.0, 0.0]> : tensor<4xf32>
  %r = pk.box_cox %x, %l1, %l2 : tensor<2x4xf32>, tensor<4xf32>
  return %r : tensor<2x4xf32>
}
func.func @box_cox_f64() -> tensor<2x4xf64> {
  %x = arith.constant dense<[[1.0, 1.0, 3.0, 4.0], [-5.0, 0.0, 0.0, 9.0]]> : tensor<2x4xf64>
  %l1 = arith.constant dense<[0.0, 1.0, 2.0, 0.5]> : tensor<4xf64>
  %l2 = arith.constant dense<[0.0, 1.0, 0.0, 0.0]> : tensor<4xf64>
  %r = pk.box_cox %x, %l1, %l2 : tensor<2x4xf64>, tensor<4xf64>
  return %r : tensor<2x4xf64>
}

// Random arguments (floats in [-1, 1), integers in [0, 15]) on shapes that
// are not multiples of a vector width: the CPU pipeline must agree with the
// reference.
// RUN: pk-run %s --entry axpy_args | FileCheck %s --check-prefix=ARGS
// RUN: pk-run %s --entry axpy_u8_args | FileCheck %s --check-prefix=ARGS
// RUN: pk-run %s --entry box_cox_args | FileCheck %s --check-prefix=ARGS
// ARGS: PASS
func.func @axpy_args(%x: tensor<37x13xf16>, %y: tensor<37x13xf32>, %a: tensor<f32>) -> tensor<37x13xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<37x13xf16>, tensor<37x13xf32>
  return %r : tensor<37x13xf32>
}
func.func @axpy_u8_args(%x: tensor<1001xi8>, %y: tensor<1001xf32>, %a: tensor<f32>) -> tensor<1001xf32> {
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<1001xi8>, tensor<1001xf32>
  return %r : tensor<1001xf32>
}
func.func @box_cox_args(%x: tensor<33x5xf32>) -> tensor<33x5xf32> {
  %l1 = arith.constant dense<[0.0, 1.0, 0.5, -0.5, 2.0]> : tensor<5xf32>
  %l2 = arith.constant dense<[1.5, 1.0, 0.0, 2.0, 1.0]> : tensor<5xf32>
  %r = pk.box_cox %x, %l1, %l2 : tensor<33x5xf32>, tensor<5xf32>
  return %r : tensor<33x5xf32>
}
