// Kernels for perfkernels-embedding-npy.test: 50-row tables, 13-wide rows
// (an odd width, so no vector length divides it), 7 bags over 40 indices.
func.func @f32_lengths_weights(%t: tensor<50x13xf32>, %i: tensor<40xi64>, %l: tensor<7xi32>, %w: tensor<40xf32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<7xi32>) weights(%w : tensor<40xf32>) : tensor<50x13xf32>, tensor<40xi64> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @f16_offsets_mean(%t: tensor<50x13xf16>, %i: tensor<40xi32>, %off: tensor<8xi32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<8xi32>) mean : tensor<50x13xf16>, tensor<40xi32> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @bf16_positional(%t: tensor<50x13xbf16>, %i: tensor<40xi64>, %l: tensor<7xi32>, %w: tensor<40xf32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<7xi32>) weights(%w : tensor<40xf32>) positional : tensor<50x13xbf16>, tensor<40xi64> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @u8_scale_bias_mean(%t: tensor<50x13xi8>, %sb: tensor<50x2xf32>, %i: tensor<40xi32>, %l: tensor<7xi32>, %w: tensor<40xf32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<7xi32>) weights(%w : tensor<40xf32>) scale_bias(%sb : tensor<50x2xf32>) mean : tensor<50x13xi8>, tensor<40xi32> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @fused8_offsets_weights(%t: tensor<50x21xi8>, %i: tensor<40xi64>, %off: tensor<8xi64>, %w: tensor<40xf32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] offsets(%off : tensor<8xi64>) weights(%w : tensor<40xf32>) bits = 8 : tensor<50x21xi8>, tensor<40xi64> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @fused4_mean(%t: tensor<50x11xi8>, %i: tensor<40xi64>, %l: tensor<7xi32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<7xi32>) bits = 4 mean : tensor<50x11xi8>, tensor<40xi64> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
func.func @fused2_positional(%t: tensor<50x8xi8>, %i: tensor<40xi32>, %l: tensor<7xi32>, %w: tensor<40xf32>) -> (tensor<7x13xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<7xi32>) weights(%w : tensor<40xf32>) positional bits = 2 : tensor<50x8xi8>, tensor<40xi32> -> tensor<7x13xf32>, tensor<i32>
  return %o, %s : tensor<7x13xf32>, tensor<i32>
}
