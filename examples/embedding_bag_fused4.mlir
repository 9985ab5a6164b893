// Fused 4-bit row-wise quantized embedding bag (caffe2
// FusedNBitRowwiseEmbeddingLookup, bit rate 4): rows of 64 codes packed two
// per byte, lowest bits first, followed by an f16 scale and bias (36 bytes);
// 4096 bags of 32 indices (constant lengths, so the status stays 0).
//   build/bin/pk-run examples/embedding_bag_fused4.mlir --bench 10
func.func @embedding_bag_fused4(%table: tensor<10000x36xi8>, %indices: tensor<131072xi64>)
    -> (tensor<4096x64xf32>, tensor<i32> {pk.status}) {
  %lengths = arith.constant dense<32> : tensor<4096xi32>
  %out, %status = pk.fused_embedding_bag %table[%indices] lengths(%lengths : tensor<4096xi32>)
      bits = 4 : tensor<10000x36xi8>, tensor<131072xi64> -> tensor<4096x64xf32>, tensor<i32>
  return %out, %status : tensor<4096x64xf32>, tensor<i32>
}
