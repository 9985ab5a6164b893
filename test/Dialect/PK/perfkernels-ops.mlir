// RUN: pk-opt %s | FileCheck %s
// RUN: pk-opt %s --mlir-print-op-generic | pk-opt | FileCheck %s

// CHECK-LABEL: func @bag_lengths
// CHECK: %{{.*}}, %{{.*}} = pk.embedding_bag %{{.*}}[%{{.*}}] lengths(%{{.*}} : tensor<4xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
func.func @bag_lengths(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %o, %s : tensor<4x16xf32>, tensor<i32>
}

// CHECK-LABEL: func @bag_offsets_weights_mean
// CHECK: pk.embedding_bag %{{.*}}[%{{.*}}] offsets(%{{.*}} : tensor<5xi32>) weights(%{{.*}} : tensor<10xf32>) mean : tensor<100x16xf16>, tensor<10xi32> -> tensor<4x16xf32>, tensor<i32>
func.func @bag_offsets_weights_mean(%t: tensor<100x16xf16>, %i: tensor<10xi32>, %o: tensor<5xi32>, %w: tensor<10xf32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.embedding_bag %t[%i] offsets(%o : tensor<5xi32>) weights(%w : tensor<10xf32>) mean : tensor<100x16xf16>, tensor<10xi32> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// CHECK-LABEL: func @bag_uint8_positional
// CHECK: pk.embedding_bag %{{.*}}[%{{.*}}] lengths(%{{.*}} : tensor<4xi32>) weights(%{{.*}} : tensor<3xf32>) positional scale_bias(%{{.*}} : tensor<100x2xf32>) : tensor<100x16xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
func.func @bag_uint8_positional(%t: tensor<100x16xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>, %w: tensor<3xf32>, %sb: tensor<100x2xf32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) weights(%w : tensor<3xf32>) positional scale_bias(%sb : tensor<100x2xf32>) : tensor<100x16xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// CHECK-LABEL: func @bag_bf16
// CHECK: pk.embedding_bag {{.*}} : tensor<100x16xbf16>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
func.func @bag_bf16(%t: tensor<100x16xbf16>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xbf16>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %o, %s : tensor<4x16xf32>, tensor<i32>
}

// CHECK-LABEL: func @fused8
// CHECK: pk.fused_embedding_bag %{{.*}}[%{{.*}}] lengths(%{{.*}} : tensor<4xi32>) bits = 8 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
func.func @fused8(%t: tensor<100x24xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %o, %s : tensor<4x16xf32>, tensor<i32>
}

// CHECK-LABEL: func @fused4
// CHECK: pk.fused_embedding_bag %{{.*}}[%{{.*}}] offsets(%{{.*}} : tensor<5xi64>) weights(%{{.*}} : tensor<10xf32>) bits = 4 mean : tensor<100x12xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
func.func @fused4(%t: tensor<100x12xi8>, %i: tensor<10xi64>, %o: tensor<5xi64>, %w: tensor<10xf32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.fused_embedding_bag %t[%i] offsets(%o : tensor<5xi64>) weights(%w : tensor<10xf32>) bits = 4 mean : tensor<100x12xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// 2 bits: 15 codes in 4 bytes (the last byte half used), then f16 scale and bias.
// CHECK-LABEL: func @fused2
// CHECK: pk.fused_embedding_bag {{.*}} bits = 2 : tensor<100x8xi8>, tensor<10xi32> -> tensor<4x15xf32>, tensor<i32>
func.func @fused2(%t: tensor<100x8xi8>, %i: tensor<10xi32>, %l: tensor<4xi32>) -> (tensor<4x15xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 2 : tensor<100x8xi8>, tensor<10xi32> -> tensor<4x15xf32>, tensor<i32>
  return %o, %s : tensor<4x15xf32>, tensor<i32>
}

// CHECK-LABEL: func @rowwise
// CHECK: %[[Q8:.+]] = pk.quantize_rowwise %{{.*}} bits = 8 : tensor<100x64xf32> -> tensor<100x72xi8>
// CHECK: pk.dequantize_rowwise %[[Q8]] bits = 8 : tensor<100x72xi8> -> tensor<100x64xf32>
// CHECK: pk.quantize_rowwise %{{.*}} bits = 4 : tensor<100x64xf32> -> tensor<100x36xi8>
// CHECK: pk.dequantize_rowwise %{{.*}} bits = 2 : tensor<100x8xi8> -> tensor<100x15xf32>
func.func @rowwise(%x: tensor<100x64xf32>, %q2: tensor<100x8xi8>) -> (tensor<100x64xf32>, tensor<100x36xi8>, tensor<100x15xf32>) {
  %q8 = pk.quantize_rowwise %x bits = 8 : tensor<100x64xf32> -> tensor<100x72xi8>
  %y = pk.dequantize_rowwise %q8 bits = 8 : tensor<100x72xi8> -> tensor<100x64xf32>
  %q4 = pk.quantize_rowwise %x bits = 4 : tensor<100x64xf32> -> tensor<100x36xi8>
  %z = pk.dequantize_rowwise %q2 bits = 2 : tensor<100x8xi8> -> tensor<100x15xf32>
  return %y, %q4, %z : tensor<100x64xf32>, tensor<100x36xi8>, tensor<100x15xf32>
}

// CHECK-LABEL: func @lstm
// CHECK: pk.lstm_unit %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
// CHECK: pk.lstm_unit %{{.*}}, %{{.*}}, %{{.*}} seq_lengths(%{{.*}} : tensor<8xi32>) timestep(%{{.*}} : tensor<i32>) forget_bias = 1.000000e+00 drop_states : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
// CHECK: pk.lstm_unit {{.*}} : tensor<8x16xbf16>, tensor<8x64xbf16> -> tensor<8x16xbf16>
func.func @lstm(%h: tensor<8x16xf32>, %c: tensor<8x16xf32>, %x: tensor<8x64xf32>, %l: tensor<8xi32>, %t: tensor<i32>, %hb: tensor<8x16xbf16>, %xb: tensor<8x64xbf16>) -> (tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xbf16>) {
  %h1, %c1 = pk.lstm_unit %h, %c, %x : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  %h2, %c2 = pk.lstm_unit %h1, %c1, %x seq_lengths(%l : tensor<8xi32>) timestep(%t : tensor<i32>) forget_bias = 1.0 drop_states : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  %h3, %c3 = pk.lstm_unit %hb, %hb, %xb : tensor<8x16xbf16>, tensor<8x64xbf16> -> tensor<8x16xbf16>
  return %h2, %c2, %h3 : tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xbf16>
}

// CHECK-LABEL: func @adagrad
// CHECK: pk.adagrad %{{.*}}, %{{.*}}, %{{.*}} lr(%{{.*}} : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf32>
// CHECK: pk.adagrad %{{.*}}, %{{.*}}, %{{.*}} lr(%{{.*}} : tensor<f32>) epsilon = 9.99999997E-7 decay = 0.899999976 weight_decay = 0.00999999977 : tensor<64x8xf16>, tensor<64x8xf32>
// CHECK: pk.sparse_adagrad %{{.*}}, %{{.*}}, %{{.*}}[%{{.*}}] lr(%{{.*}} : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf32>, tensor<4x8xf32>, tensor<4xi64> -> tensor<i32>
// CHECK: pk.sparse_adagrad %{{.*}}, %{{.*}}, %{{.*}}[%{{.*}}] lr(%{{.*}} : tensor<f32>) weight_decay = 5.000000e-01 : tensor<64x8xf16>, tensor<64xf16>, tensor<4x8xf32>, tensor<4xi32> -> tensor<i32>
func.func @adagrad(%w: tensor<64x8xf32>, %g: tensor<64x8xf32>, %lr: tensor<f32>, %wh: tensor<64x8xf16>, %gs: tensor<4x8xf32>, %i: tensor<4xi64>, %hr: tensor<64xf16>, %i32: tensor<4xi32>) {
  %w1, %h1 = pk.adagrad %w, %w, %g lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf32>
  %w2, %h2 = pk.adagrad %wh, %wh, %g lr(%lr : tensor<f32>) epsilon = 1.0e-6 decay = 0.9 weight_decay = 0.01 : tensor<64x8xf16>, tensor<64x8xf32>
  %w3, %h3, %s3 = pk.sparse_adagrad %w, %w, %gs[%i] lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf32>, tensor<4x8xf32>, tensor<4xi64> -> tensor<i32>
  %w4, %h4, %s4 = pk.sparse_adagrad %wh, %hr, %gs[%i32] lr(%lr : tensor<f32>) weight_decay = 0.5 : tensor<64x8xf16>, tensor<64xf16>, tensor<4x8xf32>, tensor<4xi32> -> tensor<i32>
  return
}
