// RUN: pk-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// pk.axpy
//===----------------------------------------------------------------------===//

func.func @axpy_shape(%x: tensor<8xf32>, %y: tensor<16xf32>, %a: tensor<f32>) {
  // expected-error @+1 {{'pk.axpy' op expects x of the y shape, got 'tensor<8xf32>' for 'tensor<16xf32>'}}
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<8xf32>, tensor<16xf32>
  return
}

// -----

func.func @axpy_dynamic(%x: tensor<?xf32>, %y: tensor<?xf32>, %a: tensor<f32>) {
  // expected-error @+1 {{'pk.axpy' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or 8-bit signless integer values, but got 'tensor<?xf32>'}}
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<?xf32>, tensor<?xf32>
  return
}

// -----

func.func @axpy_bf16_x(%x: tensor<8xbf16>, %y: tensor<8xf32>, %a: tensor<f32>) {
  // expected-error @+1 {{'pk.axpy' op operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or 8-bit signless integer values, but got 'tensor<8xbf16>'}}
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<8xbf16>, tensor<8xf32>
  return
}

// -----

func.func @axpy_f16_y(%x: tensor<8xf16>, %y: tensor<8xf16>, %a: tensor<f32>) {
  // expected-error @+1 {{'pk.axpy' op operand #1 must be statically shaped tensor of 32-bit float values, but got 'tensor<8xf16>'}}
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<8xf16>, tensor<8xf16>
  return
}

// -----

func.func @axpy_vector_a(%x: tensor<8xf32>, %y: tensor<8xf32>, %a: tensor<8xf32>) {
  // expected-error @+1 {{'pk.axpy' op operand #2 must be 0D tensor of 32-bit float values}}
  %r = pk.axpy %x, %y a(%a : tensor<8xf32>) : tensor<8xf32>, tensor<8xf32>
  return
}

// -----

func.func @axpy_result_type(%x: tensor<8xf32>, %y: tensor<8xf32>, %a: tensor<f32>) {
  // expected-error @+1 {{'pk.axpy' op failed to verify that all of {y, result} have same type}}
  %r = "pk.axpy"(%x, %y, %a) : (tensor<8xf32>, tensor<8xf32>, tensor<f32>) -> tensor<4xf32>
  return
}

//===----------------------------------------------------------------------===//
// pk.box_cox
//===----------------------------------------------------------------------===//

// -----

func.func @box_cox_lambda_count(%x: tensor<8x4xf32>, %l: tensor<3xf32>) {
  // expected-error @+1 {{'pk.box_cox' op expects one lambda per column (4), got 3}}
  %r = pk.box_cox %x, %l, %l : tensor<8x4xf32>, tensor<3xf32>
  return
}

// -----

func.func @box_cox_lambda_type(%x: tensor<8x4xf32>, %l: tensor<4xf64>) {
  // expected-error @+1 {{'pk.box_cox' op failed to verify that all of {data, lambda1} have same element type}}
  %r = pk.box_cox %x, %l, %l : tensor<8x4xf32>, tensor<4xf64>
  return
}

// -----

func.func @box_cox_lambdas_differ(%x: tensor<8x4xf32>, %l1: tensor<4xf32>, %l2: tensor<5xf32>) {
  // expected-error @+1 {{'pk.box_cox' op failed to verify that all of {lambda1, lambda2} have same type}}
  %r = "pk.box_cox"(%x, %l1, %l2) : (tensor<8x4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @box_cox_dynamic(%x: tensor<?x4xf32>, %l: tensor<4xf32>) {
  // expected-error @+1 {{'pk.box_cox' op operand #0 must be statically shaped 2D tensor of 32-bit float or 64-bit float values, but got 'tensor<?x4xf32>'}}
  %r = pk.box_cox %x, %l, %l : tensor<?x4xf32>, tensor<4xf32>
  return
}

// -----

func.func @box_cox_f16(%x: tensor<8x4xf16>, %l: tensor<4xf16>) {
  // expected-error @+1 {{'pk.box_cox' op operand #0 must be statically shaped 2D tensor of 32-bit float or 64-bit float values, but got 'tensor<8x4xf16>'}}
  %r = pk.box_cox %x, %l, %l : tensor<8x4xf16>, tensor<4xf16>
  return
}

// -----

func.func @box_cox_rank3(%x: tensor<2x8x4xf32>, %l: tensor<4xf32>) {
  // expected-error @+1 {{'pk.box_cox' op operand #0 must be statically shaped 2D tensor of 32-bit float or 64-bit float values, but got 'tensor<2x8x4xf32>'}}
  %r = "pk.box_cox"(%x, %l, %l) : (tensor<2x8x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// pk.quantize_and_compress / pk.decompress_and_dequantize
//===----------------------------------------------------------------------===//

// -----

func.func @compress_size(%x: tensor<5xf32>) {
  // expected-error @+1 {{'pk.quantize_and_compress' op expects 13 compressed bytes (10-byte header + 3 data bytes) for 5 values at 4 bits, got 12}}
  %q = pk.quantize_and_compress %x bits = 4 : tensor<5xf32> -> tensor<12xi8>
  return
}

// -----

func.func @compress_bits(%x: tensor<5xf32>) {
  // expected-error @+1 {{'pk.quantize_and_compress' op attribute 'bit_rate' failed to satisfy constraint: 64-bit signless integer attribute whose value is one of {1, 2, 4, 8}}}
  %q = pk.quantize_and_compress %x bits = 3 : tensor<5xf32> -> tensor<12xi8>
  return
}

// -----

func.func @compress_empty(%x: tensor<0xf32>) {
  // expected-error @+1 {{'pk.quantize_and_compress' op expects a non-empty input}}
  %q = pk.quantize_and_compress %x bits = 8 : tensor<0xf32> -> tensor<10xi8>
  return
}

// -----

func.func @compress_dynamic(%x: tensor<?xf32>) {
  // expected-error @+1 {{'pk.quantize_and_compress' op operand #0 must be statically shaped 1D tensor of 32-bit float values, but got 'tensor<?xf32>'}}
  %q = pk.quantize_and_compress %x bits = 8 : tensor<?xf32> -> tensor<12xi8>
  return
}

// -----

func.func @decompress_size(%q: tensor<13xi8>) {
  // expected-error @+1 {{'pk.decompress_and_dequantize' op expects 11 compressed bytes (10-byte header + 1 data bytes) for 8 values at 1 bits, got 13}}
  %y, %s = pk.decompress_and_dequantize %q bits = 1 : tensor<13xi8> -> tensor<8xf32>, tensor<i32>
  return
}

// -----

func.func @decompress_f16(%q: tensor<13xi8>) {
  // expected-error @+1 {{'pk.decompress_and_dequantize' op result #0 must be statically shaped 1D tensor of 32-bit float values, but got 'tensor<5xf16>'}}
  %y, %s = pk.decompress_and_dequantize %q bits = 4 : tensor<13xi8> -> tensor<5xf16>, tensor<i32>
  return
}
