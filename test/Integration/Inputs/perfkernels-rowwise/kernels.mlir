// Kernels for perfkernels-rowwise-npy.test: 37 rows of 13 values (an odd
// width: the last 4-bit and 2-bit bytes are partly used).
func.func @q8(%x: tensor<37x13xf32>) -> tensor<37x21xi8> {
  %q = pk.quantize_rowwise %x bits = 8 : tensor<37x13xf32> -> tensor<37x21xi8>
  return %q : tensor<37x21xi8>
}
func.func @q4(%x: tensor<37x13xf32>) -> tensor<37x11xi8> {
  %q = pk.quantize_rowwise %x bits = 4 : tensor<37x13xf32> -> tensor<37x11xi8>
  return %q : tensor<37x11xi8>
}
func.func @q2(%x: tensor<37x13xf32>) -> tensor<37x8xi8> {
  %q = pk.quantize_rowwise %x bits = 2 : tensor<37x13xf32> -> tensor<37x8xi8>
  return %q : tensor<37x8xi8>
}
func.func @roundtrip8(%x: tensor<37x13xf32>) -> tensor<37x13xf32> {
  %q = pk.quantize_rowwise %x bits = 8 : tensor<37x13xf32> -> tensor<37x21xi8>
  %y = pk.dequantize_rowwise %q bits = 8 : tensor<37x21xi8> -> tensor<37x13xf32>
  return %y : tensor<37x13xf32>
}
func.func @roundtrip4(%x: tensor<37x13xf32>) -> tensor<37x13xf32> {
  %q = pk.quantize_rowwise %x bits = 4 : tensor<37x13xf32> -> tensor<37x11xi8>
  %y = pk.dequantize_rowwise %q bits = 4 : tensor<37x11xi8> -> tensor<37x13xf32>
  return %y : tensor<37x13xf32>
}
func.func @roundtrip2(%x: tensor<37x13xf32>) -> tensor<37x13xf32> {
  %q = pk.quantize_rowwise %x bits = 2 : tensor<37x13xf32> -> tensor<37x8xi8>
  %y = pk.dequantize_rowwise %q bits = 2 : tensor<37x8xi8> -> tensor<37x13xf32>
  return %y : tensor<37x13xf32>
}
