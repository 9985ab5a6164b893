// RUN: pk-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// pk.matmul
//===----------------------------------------------------------------------===//

func.func @matmul_rank_mismatch(%a: tensor<64x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expects lhs and rhs of equal rank, 2 (plain) or 3 (batched), got 2 and 3}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<4x32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_rank4(%a: tensor<2x4x64x32xf32>, %b: tensor<2x4x32x16xf32>) -> tensor<2x4x64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expects lhs and rhs of equal rank, 2 (plain) or 3 (batched), got 4 and 4}}
  %0 = pk.matmul %a, %b : tensor<2x4x64x32xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x64x16xf32>
  return %0 : tensor<2x4x64x16xf32>
}

// -----

func.func @matmul_rank1(%a: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{'pk.matmul' op expects lhs and rhs of equal rank, 2 (plain) or 3 (batched), got 1 and 1}}
  %0 = pk.matmul %a, %b : tensor<32xf32>, tensor<32xf32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @matmul_k_mismatch(%a: tensor<64x32xf32>, %b: tensor<48x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op contraction dimension mismatch: lhs has K = 32, rhs has K = 48}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<48x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

// transpose_lhs reads lhs as [K, M]: K is 64 here, not 32.
func.func @matmul_k_mismatch_transpose_lhs(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<32x16xf32> {
  // expected-error @+1 {{'pk.matmul' op contraction dimension mismatch: lhs has K = 64, rhs has K = 32}}
  %0 = pk.matmul %a, %b transpose_lhs : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<32x16xf32>
  return %0 : tensor<32x16xf32>
}

// -----

// transpose_rhs reads rhs as [N, K]: K is 16 here, not 32.
func.func @matmul_k_mismatch_transpose_rhs(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x32xf32> {
  // expected-error @+1 {{'pk.matmul' op contraction dimension mismatch: lhs has K = 32, rhs has K = 16}}
  %0 = pk.matmul %a, %b transpose_rhs : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x32xf32>
  return %0 : tensor<64x32xf32>
}

// -----

func.func @matmul_k_mismatch_transpose_both(%a: tensor<4x32x64xf32>, %b: tensor<4x16x64xf32>) -> tensor<4x64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op contraction dimension mismatch: lhs has K = 32, rhs has K = 64}}
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<4x32x64xf32>, tensor<4x16x64xf32> -> tensor<4x64x16xf32>
  return %0 : tensor<4x64x16xf32>
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<4x64x32xf32>, %b: tensor<2x32x16xf32>) -> tensor<4x64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op batch dimension mismatch: lhs has 4, rhs has 2}}
  %0 = pk.matmul %a, %b : tensor<4x64x32xf32>, tensor<2x32x16xf32> -> tensor<4x64x16xf32>
  return %0 : tensor<4x64x16xf32>
}

// -----

func.func @matmul_element_type_mismatch(%a: tensor<64x32xf32>, %b: tensor<32x16xf16>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op lhs and rhs element types differ: 'f32' vs 'f16'}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf16> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_bad_result_element_type(%a: tensor<64x32xf16>, %b: tensor<32x16xf16>) -> tensor<64x16xbf16> {
  // expected-error @+1 {{'pk.matmul' op result element type must be 'f16' (the operand element type) or 'f32', got 'bf16'}}
  %0 = pk.matmul %a, %b : tensor<64x32xf16>, tensor<32x16xf16> -> tensor<64x16xbf16>
  return %0 : tensor<64x16xbf16>
}

// -----

// f32 operands never narrow to a low-precision result.
func.func @matmul_f32_to_f16(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf16> {
  // expected-error @+1 {{'pk.matmul' op result element type must be 'f32' (the operand element type), got 'f16'}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf16>
  return %0 : tensor<64x16xf16>
}

// -----

func.func @matmul_result_shape(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x32xf32> {
  // expected-error @+1 {{'pk.matmul' op expected result shape 64x16, got 64x32}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x32xf32>
  return %0 : tensor<64x32xf32>
}

// -----

func.func @matmul_result_shape_transposed(%a: tensor<32x64xf32>, %b: tensor<16x32xf32>) -> tensor<32x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expected result shape 64x16, got 32x16}}
  %0 = pk.matmul %a, %b transpose_lhs transpose_rhs : tensor<32x64xf32>, tensor<16x32xf32> -> tensor<32x16xf32>
  return %0 : tensor<32x16xf32>
}

// -----

func.func @matmul_result_rank(%a: tensor<4x64x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expected result shape 4x64x16, got 64x16}}
  %0 = pk.matmul %a, %b : tensor<4x64x32xf32>, tensor<4x32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

// Dynamic sizes in the expected shape are printed as `?`.
func.func @matmul_result_shape_dynamic(%a: tensor<?x?x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<4x?x8xf32> {
  // expected-error @+1 {{'pk.matmul' op expected result shape 4x?x16, got 4x?x8}}
  %0 = pk.matmul %a, %b : tensor<?x?x32xf32>, tensor<4x32x16xf32> -> tensor<4x?x8xf32>
  return %0 : tensor<4x?x8xf32>
}

// -----

func.func @matmul_integer(%a: tensor<64x32xi32>, %b: tensor<32x16xi32>) -> tensor<64x16xi32> {
  // expected-error @+1 {{'pk.matmul' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<64x32xi32>'}}
  %0 = pk.matmul %a, %b : tensor<64x32xi32>, tensor<32x16xi32> -> tensor<64x16xi32>
  return %0 : tensor<64x16xi32>
}

// -----

func.func @matmul_f64(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf64> {
  // expected-error @+1 {{'pk.matmul' op result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<64x16xf64>'}}
  %0 = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf64>
  return %0 : tensor<64x16xf64>
}

// -----

func.func @matmul_unranked(%a: tensor<*xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<*xf32>'}}
  %0 = "pk.matmul"(%a, %b) : (tensor<*xf32>, tensor<32x16xf32>) -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_bias_shape(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<64xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expects a bias of shape [16], got 'tensor<64xf32>'}}
  %0 = pk.matmul %a, %b bias(%c : tensor<64xf32>) : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_bias_type(%a: tensor<64x32xf16>, %b: tensor<32x16xf16>, %c: tensor<16xf16>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op bias element type must be the result's ('f32'), got 'f16'}}
  %0 = pk.matmul %a, %b bias(%c : tensor<16xf16>) : tensor<64x32xf16>, tensor<32x16xf16> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_unknown_activation(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op attribute 'activation' failed to satisfy constraint: string attribute one of "relu", "clip", "sigmoid", "tanh"}}
  %0 = pk.matmul %a, %b {activation = "gelu"} : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_clip_without_bounds(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op activation "clip" needs clip = array<f32: lo, hi>}}
  %0 = pk.matmul %a, %b {activation = "clip"} : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_bounds_without_clip(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op clip bounds given without activation "clip"}}
  %0 = pk.matmul %a, %b {activation = "relu", clip = array<f32: 0.0, 6.0>} : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

// -----

func.func @matmul_clip_reversed(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'pk.matmul' op expects clip of 2 values [lo, hi] with lo <= hi}}
  %0 = pk.matmul %a, %b {activation = "clip", clip = array<f32: 6.0, 0.0>} : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  return %0 : tensor<64x16xf32>
}

//===----------------------------------------------------------------------===//
// pk.sigmoid, pk.tanh
//===----------------------------------------------------------------------===//

// -----

func.func @sigmoid_integer(%a: tensor<8xi32>) -> tensor<8xi32> {
  // expected-error @+1 {{'pk.sigmoid' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<8xi32>'}}
  %0 = pk.sigmoid %a : tensor<8xi32>
  return %0 : tensor<8xi32>
}

// -----

func.func @tanh_f64(%a: tensor<8xf64>) -> tensor<8xf64> {
  // expected-error @+1 {{'pk.tanh' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<8xf64>'}}
  %0 = pk.tanh %a : tensor<8xf64>
  return %0 : tensor<8xf64>
}

// -----

// Only the generic form can spell a result type that differs from the input.
func.func @sigmoid_result_type(%a: tensor<8xf16>) -> tensor<8xf32> {
  // expected-error @+1 {{'pk.sigmoid' op requires the same type for all operands and results}}
  %0 = "pk.sigmoid"(%a) : (tensor<8xf16>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @tanh_result_shape(%a: tensor<8x4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'pk.tanh' op requires the same type for all operands and results}}
  %0 = "pk.tanh"(%a) : (tensor<8x4xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// pk.softmax
//===----------------------------------------------------------------------===//

// -----

func.func @softmax_axis_out_of_range(%a: tensor<128x256xf32>) -> tensor<128x256xf32> {
  // expected-error @+1 {{'pk.softmax' op axis 2 is out of range for an input of rank 2}}
  %0 = pk.softmax %a axis = 2 : tensor<128x256xf32>
  return %0 : tensor<128x256xf32>
}

// -----

func.func @softmax_negative_axis(%a: tensor<128x256xf32>) -> tensor<128x256xf32> {
  // expected-error @+1 {{'pk.softmax' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = pk.softmax %a axis = -1 : tensor<128x256xf32>
  return %0 : tensor<128x256xf32>
}

// -----

func.func @softmax_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'pk.softmax' op expects an input of rank >= 1}}
  %0 = pk.softmax %a axis = 0 : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @softmax_integer(%a: tensor<8xi32>) -> tensor<8xi32> {
  // expected-error @+1 {{'pk.softmax' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<8xi32>'}}
  %0 = pk.softmax %a axis = 0 : tensor<8xi32>
  return %0 : tensor<8xi32>
}

// -----

func.func @softmax_result_type(%a: tensor<8xf16>) -> tensor<8xf32> {
  // expected-error @+1 {{'pk.softmax' op requires the same type for all operands and results}}
  %0 = "pk.softmax"(%a) <{axis = 0 : i64}> : (tensor<8xf16>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

//===----------------------------------------------------------------------===//
// pk.attention
//===----------------------------------------------------------------------===//

// -----

func.func @attention_rank1(%q: tensor<32xf32>, %k: tensor<32xf32>, %v: tensor<32xf32>) -> tensor<32xf32> {
  // expected-error @+1 {{'pk.attention' op expects query of rank 2 to 4 ([batch..., N, D]), got rank 1}}
  %0 = pk.attention %q, %k, %v : tensor<32xf32>, tensor<32xf32>, tensor<32xf32> -> tensor<32xf32>
  return %0 : tensor<32xf32>
}

// -----

func.func @attention_rank5(%q: tensor<1x2x4x16x32xf32>, %k: tensor<1x2x4x24x32xf32>, %v: tensor<1x2x4x24x8xf32>) -> tensor<1x2x4x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op expects query of rank 2 to 4 ([batch..., N, D]), got rank 5}}
  %0 = pk.attention %q, %k, %v : tensor<1x2x4x16x32xf32>, tensor<1x2x4x24x32xf32>, tensor<1x2x4x24x8xf32> -> tensor<1x2x4x16x8xf32>
  return %0 : tensor<1x2x4x16x8xf32>
}

// -----

func.func @attention_rank_mismatch(%q: tensor<4x16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<4x24x8xf32>) -> tensor<4x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op expects query, key and value of equal rank, got 3, 2 and 3}}
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf32>, tensor<24x32xf32>, tensor<4x24x8xf32> -> tensor<4x16x8xf32>
  return %0 : tensor<4x16x8xf32>
}

// -----

func.func @attention_result_rank_mismatch(%q: tensor<4x16x32xf32>, %k: tensor<4x24x32xf32>, %v: tensor<4x24x8xf32>) -> tensor<64x8xf32> {
  // expected-error @+1 {{'pk.attention' op expects a result of the operands' rank 3, got 2}}
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf32>, tensor<4x24x32xf32>, tensor<4x24x8xf32> -> tensor<64x8xf32>
  return %0 : tensor<64x8xf32>
}

// -----

func.func @attention_element_type_mismatch(%q: tensor<16x32xf16>, %k: tensor<24x32xf16>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op query, key and value element types differ: 'f16', 'f16', 'f32'}}
  %0 = pk.attention %q, %k, %v : tensor<16x32xf16>, tensor<24x32xf16>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_bad_result_element_type(%q: tensor<16x32xbf16>, %k: tensor<24x32xbf16>, %v: tensor<24x8xbf16>) -> tensor<16x8xf16> {
  // expected-error @+1 {{'pk.attention' op result element type must be 'bf16' (the operand element type) or 'f32', got 'f16'}}
  %0 = pk.attention %q, %k, %v : tensor<16x32xbf16>, tensor<24x32xbf16>, tensor<24x8xbf16> -> tensor<16x8xf16>
  return %0 : tensor<16x8xf16>
}

// -----

func.func @attention_batch_mismatch(%q: tensor<2x4x16x32xf32>, %k: tensor<2x8x24x32xf32>, %v: tensor<2x4x24x8xf32>) -> tensor<2x4x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op batch dimension 1 differs: query has 4, key has 8, value has 4}}
  %0 = pk.attention %q, %k, %v : tensor<2x4x16x32xf32>, tensor<2x8x24x32xf32>, tensor<2x4x24x8xf32> -> tensor<2x4x16x8xf32>
  return %0 : tensor<2x4x16x8xf32>
}

// -----

func.func @attention_batch_mismatch_value(%q: tensor<4x16x32xf32>, %k: tensor<4x24x32xf32>, %v: tensor<2x24x8xf32>) -> tensor<4x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op batch dimension 0 differs: query has 4, key has 4, value has 2}}
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf32>, tensor<4x24x32xf32>, tensor<2x24x8xf32> -> tensor<4x16x8xf32>
  return %0 : tensor<4x16x8xf32>
}

// -----

// A dynamic query batch size does not hide a key/value disagreement.
func.func @attention_batch_mismatch_dynamic_query(%q: tensor<?x16x32xf32>, %k: tensor<2x24x32xf32>, %v: tensor<3x24x8xf32>) -> tensor<?x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op batch dimension 0 differs: query has ?, key has 2, value has 3}}
  %0 = pk.attention %q, %k, %v : tensor<?x16x32xf32>, tensor<2x24x32xf32>, tensor<3x24x8xf32> -> tensor<?x16x8xf32>
  return %0 : tensor<?x16x8xf32>
}

// -----

func.func @attention_head_dim_mismatch(%q: tensor<16x32xf32>, %k: tensor<24x64xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op head dimension mismatch: query has D = 32, key has D = 64}}
  %0 = pk.attention %q, %k, %v : tensor<16x32xf32>, tensor<24x64xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_kv_length_mismatch(%q: tensor<4x16x32xf32>, %k: tensor<4x24x32xf32>, %v: tensor<4x20x8xf32>) -> tensor<4x16x8xf32> {
  // expected-error @+1 {{'pk.attention' op key and value sequence lengths differ: 24 vs 20}}
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf32>, tensor<4x24x32xf32>, tensor<4x20x8xf32> -> tensor<4x16x8xf32>
  return %0 : tensor<4x16x8xf32>
}

// -----

// The result is [batch..., Nq, Dv], not [batch..., Nq, D].
func.func @attention_result_shape(%q: tensor<4x16x32xf32>, %k: tensor<4x24x32xf32>, %v: tensor<4x24x8xf32>) -> tensor<4x16x32xf32> {
  // expected-error @+1 {{'pk.attention' op expected result shape 4x16x8, got 4x16x32}}
  %0 = pk.attention %q, %k, %v : tensor<4x16x32xf32>, tensor<4x24x32xf32>, tensor<4x24x8xf32> -> tensor<4x16x32xf32>
  return %0 : tensor<4x16x32xf32>
}

// -----

func.func @attention_result_shape_nk(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<24x8xf32> {
  // expected-error @+1 {{'pk.attention' op expected result shape 16x8, got 24x8}}
  %0 = pk.attention %q, %k, %v : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<24x8xf32>
  return %0 : tensor<24x8xf32>
}

// -----

func.func @attention_zero_scale(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op scale must be finite and non-zero, got 0}}
  %0 = pk.attention %q, %k, %v scale = 0.0 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_negative_zero_scale(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op scale must be finite and non-zero, got -0}}
  %0 = pk.attention %q, %k, %v scale = -0.0 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_inf_scale(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op scale must be finite and non-zero, got +Inf}}
  %0 = pk.attention %q, %k, %v scale = 0x7F800000 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_nan_scale(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op scale must be finite and non-zero, got NaN}}
  %0 = pk.attention %q, %k, %v scale = 0x7FC00000 : tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_f64_scale(%q: tensor<16x32xf32>, %k: tensor<24x32xf32>, %v: tensor<24x8xf32>) -> tensor<16x8xf32> {
  // expected-error @+1 {{'pk.attention' op attribute 'scale' failed to satisfy constraint: 32-bit float attribute}}
  %0 = "pk.attention"(%q, %k, %v) <{scale = 0.5 : f64}> : (tensor<16x32xf32>, tensor<24x32xf32>, tensor<24x8xf32>) -> tensor<16x8xf32>
  return %0 : tensor<16x8xf32>
}

// -----

func.func @attention_integer(%q: tensor<16x32xi8>, %k: tensor<24x32xi8>, %v: tensor<24x8xi8>) -> tensor<16x8xi8> {
  // expected-error @+1 {{'pk.attention' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<16x32xi8>'}}
  %0 = pk.attention %q, %k, %v : tensor<16x32xi8>, tensor<24x32xi8>, tensor<24x8xi8> -> tensor<16x8xi8>
  return %0 : tensor<16x8xi8>
}
