// Row-wise quantization (caffe2 FloatToFusedNBitRowwiseQuantizedSBHalf and
// back): 10000 rows of 64 floats to fused 4-bit rows (32 bytes of packed
// codes + f16 scale and bias) and back to f32.
//   build/bin/pk-run examples/quantize_rowwise.mlir --bench 10
func.func @quantize_rowwise(%x: tensor<10000x64xf32>)
    -> (tensor<10000x36xi8>, tensor<10000x64xf32>) {
  %q = pk.quantize_rowwise %x bits = 4 : tensor<10000x64xf32> -> tensor<10000x36xi8>
  %y = pk.dequantize_rowwise %q bits = 4 : tensor<10000x36xi8> -> tensor<10000x64xf32>
  return %q, %y : tensor<10000x36xi8>, tensor<10000x64xf32>
}
