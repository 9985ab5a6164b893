// RUN: pk-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// pk.embedding_bag
//===----------------------------------------------------------------------===//

func.func @neither_lengths_nor_offsets(%t: tensor<100x16xf32>, %i: tensor<10xi64>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects exactly one of 'lengths' and 'offsets', got neither}}
  %o, %s = pk.embedding_bag %t[%i] : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @both_lengths_and_offsets(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>, %off: tensor<5xi64>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects exactly one of 'lengths' and 'offsets', got both}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) offsets(%off : tensor<5xi64>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @lengths_size(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<3xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects one length per bag (4), got 3}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<3xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @offsets_size(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %off: tensor<4xi64>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects one more offset than bags (5), got 4}}
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<4xi64>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @offsets_type(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %off: tensor<5xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects offsets of the indices' element type 'i64', got 'i32'}}
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<5xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @lengths_type(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi64>) {
  // expected-error @+1 {{'pk.embedding_bag' op operand #2 must be 1D tensor of 32-bit signless integer values}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi64>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @weights_size(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>, %w: tensor<9xf32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects one weight per index (10), got 9 (positional weights need 'positional')}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) weights(%w : tensor<9xf32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @positional_without_weights(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op 'positional' needs 'weights'}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) positional : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @block_size(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op table rows have 16 elements but result rows have 8}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x8xf32>, tensor<i32>
  return
}

// -----

func.func @dynamic(%t: tensor<?x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects statically shaped operands, got 'tensor<?x16xf32>'}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<?x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @uint8_without_scale_bias(%t: tensor<100x16xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op an i8 (uint8) table needs 'scale_bias' (rows x 2 f32)}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @scale_bias_on_float(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>, %sb: tensor<100x2xf32>) {
  // expected-error @+1 {{'pk.embedding_bag' op 'scale_bias' needs an i8 (uint8) table, got 'f32'}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) scale_bias(%sb : tensor<100x2xf32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @scale_bias_shape(%t: tensor<100x16xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>, %sb: tensor<99x2xf32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects scale_bias of shape 100x2, got 99x2}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) scale_bias(%sb : tensor<99x2xf32>) : tensor<100x16xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @table_type(%t: tensor<100x16xi32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or 8-bit signless integer values}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xi32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @table_rank(%t: tensor<100xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op expects a rank-2 table (rows x block_size), got rank 1}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @result_type(%t: tensor<100x16xf16>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.embedding_bag' op result #0 must be 2D tensor of 32-bit float values}}
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xf16>, tensor<10xi64> -> tensor<4x16xf16>, tensor<i32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// pk.fused_embedding_bag
//===----------------------------------------------------------------------===//

func.func @fused8_row_bytes(%t: tensor<100x20xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.fused_embedding_bag' op expects fused rows of 24 bytes for block_size 16 at 8 bits, got 20}}
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<100x20xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @fused4_row_bytes(%t: tensor<100x24xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.fused_embedding_bag' op expects fused rows of 12 bytes for block_size 16 at 4 bits, got 24}}
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 4 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @fused_bit_rate(%t: tensor<100x24xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.fused_embedding_bag' op attribute 'bit_rate' failed to satisfy constraint: 64-bit signless integer attribute whose value is one of {2, 4, 8}}}
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 3 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @fused_float_table(%t: tensor<100x24xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.fused_embedding_bag' op operand #0 must be 2D tensor of 8-bit signless integer values}}
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<100x24xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return
}

// -----

func.func @fused_status_type(%t: tensor<100x24xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) {
  // expected-error @+1 {{'pk.fused_embedding_bag' op result #1 must be 0D tensor of 32-bit signless integer values}}
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// pk.quantize_rowwise / pk.dequantize_rowwise
//===----------------------------------------------------------------------===//

func.func @quantize_row_bytes(%x: tensor<100x64xf32>) {
  // expected-error @+1 {{'pk.quantize_rowwise' op expects fused rows of 36 bytes for block_size 64 at 4 bits, got 40}}
  %q = pk.quantize_rowwise %x bits = 4 : tensor<100x64xf32> -> tensor<100x40xi8>
  return
}

// -----

func.func @quantize_rows(%x: tensor<100x64xf32>) {
  // expected-error @+1 {{'pk.quantize_rowwise' op expects the same number of rows, got 100 (input) and 99 (result)}}
  %q = pk.quantize_rowwise %x bits = 8 : tensor<100x64xf32> -> tensor<99x72xi8>
  return
}

// -----

func.func @quantize_f16(%x: tensor<100x64xf16>) {
  // expected-error @+1 {{'pk.quantize_rowwise' op operand #0 must be statically shaped 2D tensor of 32-bit float values, but got 'tensor<100x64xf16>'}}
  %q = pk.quantize_rowwise %x bits = 8 : tensor<100x64xf16> -> tensor<100x72xi8>
  return
}

// -----

func.func @quantize_dynamic(%x: tensor<?x64xf32>) {
  // expected-error @+1 {{'pk.quantize_rowwise' op operand #0 must be statically shaped 2D tensor of 32-bit float values, but got 'tensor<?x64xf32>'}}
  %q = pk.quantize_rowwise %x bits = 8 : tensor<?x64xf32> -> tensor<100x72xi8>
  return
}

// -----

func.func @dequantize_bits(%q: tensor<100x72xi8>) {
  // expected-error @+1 {{'pk.dequantize_rowwise' op attribute 'bit_rate' failed to satisfy constraint: 64-bit signless integer attribute whose value is one of {2, 4, 8}}}
  %x = pk.dequantize_rowwise %q bits = 1 : tensor<100x72xi8> -> tensor<100x64xf32>
  return
}

// -----

func.func @dequantize_row_bytes(%q: tensor<100x72xi8>) {
  // expected-error @+1 {{'pk.dequantize_rowwise' op expects fused rows of 36 bytes for block_size 64 at 4 bits, got 72}}
  %x = pk.dequantize_rowwise %q bits = 4 : tensor<100x72xi8> -> tensor<100x64xf32>
  return
}

// -----

func.func @dequantize_rows(%q: tensor<100x72xi8>) {
  // expected-error @+1 {{'pk.dequantize_rowwise' op expects the same number of rows, got 50 (result) and 100 (input)}}
  %x = pk.dequantize_rowwise %q bits = 8 : tensor<100x72xi8> -> tensor<50x64xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// pk.lstm_unit
//===----------------------------------------------------------------------===//

func.func @lstm_gates_shape(%h: tensor<8x16xf32>, %x: tensor<8x60xf32>) {
  // expected-error @+1 {{'pk.lstm_unit' op expects gates of shape 8x64 (N x 4D for i, f, o, g), got 8x60}}
  %h1, %c1 = pk.lstm_unit %h, %h, %x : tensor<8x16xf32>, tensor<8x60xf32> -> tensor<8x16xf32>
  return
}

// -----

func.func @lstm_gates_type(%h: tensor<8x16xf32>, %x: tensor<8x64xf16>) {
  // expected-error @+1 {{'pk.lstm_unit' op failed to verify that all of {hidden_prev, gates} have same element type}}
  %h1, %c1 = pk.lstm_unit %h, %h, %x : tensor<8x16xf32>, tensor<8x64xf16> -> tensor<8x16xf32>
  return
}

// -----

func.func @lstm_only_lengths(%h: tensor<8x16xf32>, %x: tensor<8x64xf32>, %l: tensor<8xi32>) {
  // expected-error @+1 {{'pk.lstm_unit' op 'seq_lengths' and 'timestep' go together, got only seq_lengths}}
  %h1, %c1 = pk.lstm_unit %h, %h, %x seq_lengths(%l : tensor<8xi32>) : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  return
}

// -----

func.func @lstm_drop_without_lengths(%h: tensor<8x16xf32>, %x: tensor<8x64xf32>) {
  // expected-error @+1 {{'pk.lstm_unit' op 'drop_states' needs 'seq_lengths'}}
  %h1, %c1 = pk.lstm_unit %h, %h, %x drop_states : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  return
}

// -----

func.func @lstm_lengths_size(%h: tensor<8x16xf32>, %x: tensor<8x64xf32>, %l: tensor<4xi32>, %t: tensor<i32>) {
  // expected-error @+1 {{'pk.lstm_unit' op expects one sequence length per row (8), got 4}}
  %h1, %c1 = pk.lstm_unit %h, %h, %x seq_lengths(%l : tensor<4xi32>) timestep(%t : tensor<i32>) : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  return
}

// -----

func.func @lstm_state_types(%h: tensor<8x16xf32>, %c: tensor<8x16xf16>, %x: tensor<8x64xf32>) {
  // expected-error @+1 {{'pk.lstm_unit' op failed to verify that all of {hidden_prev, cell_prev, hidden, cell} have same type}}
  %h1, %c1 = "pk.lstm_unit"(%h, %c, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>}> : (tensor<8x16xf32>, tensor<8x16xf16>, tensor<8x64xf32>) -> (tensor<8x16xf32>, tensor<8x16xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// pk.adagrad / pk.sparse_adagrad
//===----------------------------------------------------------------------===//

func.func @adagrad_grad_shape(%w: tensor<64x8xf32>, %g: tensor<64x4xf32>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.adagrad' op expects grad of the param shape, got 'tensor<64x4xf32>' for 'tensor<64x8xf32>'}}
  %w1, %h1 = pk.adagrad %w, %w, %g lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64x4xf32>
  return
}

// -----

func.func @adagrad_moment_type(%w: tensor<64x8xf32>, %h: tensor<64x8xf16>, %g: tensor<64x8xf32>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.adagrad' op failed to verify that all of {param, moment, new_param, new_moment} have same type}}
  %w1, %h1 = "pk.adagrad"(%w, %h, %g, %lr) : (tensor<64x8xf32>, tensor<64x8xf16>, tensor<64x8xf32>, tensor<f32>) -> (tensor<64x8xf32>, tensor<64x8xf32>)
  return
}

// -----

func.func @adagrad_f16_grad(%w: tensor<64x8xf32>, %g: tensor<64x8xf16>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.adagrad' op operand #2 must be statically shaped tensor of 32-bit float values, but got 'tensor<64x8xf16>'}}
  %w1, %h1 = pk.adagrad %w, %w, %g lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf16>
  return
}

// -----

func.func @sparse_moment_shape(%w: tensor<64x8xf32>, %h: tensor<32xf32>, %g: tensor<4x8xf32>, %i: tensor<4xi64>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.sparse_adagrad' op expects moment of shape 64x8 (element-wise) or 64 (row-wise), got 'tensor<32xf32>'}}
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<32xf32>, tensor<4x8xf32>, tensor<4xi64> -> tensor<i32>
  return
}

// -----

func.func @sparse_grad_rows(%w: tensor<64x8xf32>, %g: tensor<5x8xf32>, %i: tensor<4xi64>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.sparse_adagrad' op expects grad of shape 4x8 (one param row per index), got 5x8}}
  %w1, %h1, %s = pk.sparse_adagrad %w, %w, %g[%i] lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64x8xf32>, tensor<5x8xf32>, tensor<4xi64> -> tensor<i32>
  return
}

// -----

func.func @sparse_moment_type(%w: tensor<64x8xf32>, %h: tensor<64xf16>, %g: tensor<4x8xf32>, %i: tensor<4xi64>, %lr: tensor<f32>) {
  // expected-error @+1 {{'pk.sparse_adagrad' op expects moment of the param element type 'f32', got 'f16'}}
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<64x8xf32>, tensor<64xf16>, tensor<4x8xf32>, tensor<4xi64> -> tensor<i32>
  return
}
