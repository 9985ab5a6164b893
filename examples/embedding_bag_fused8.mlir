// Fused 8-bit row-wise quantized embedding bag (caffe2
// Fused8BitRowwiseEmbeddingLookupIdx): rows of 64 uint8 codes followed by an
// f32 scale and bias (72 bytes), mean over 4096 bags given by offsets (every
// bag 32 indices long, so pk-run's random indices keep the status at 0).
//   build/bin/pk-run examples/embedding_bag_fused8.mlir --bench 10
func.func @embedding_bag_fused8(%table: tensor<10000x72xi8>, %indices: tensor<131072xi64>)
    -> (tensor<4096x64xf32>, tensor<i32> {pk.status}) {
  %offsets = tensor.generate {
  ^bb0(%m: index):
    %c32 = arith.constant 32 : index
    %o = arith.muli %m, %c32 : index
    %i = arith.index_cast %o : index to i64
    tensor.yield %i : i64
  } : tensor<4097xi64>
  %out, %status = pk.fused_embedding_bag %table[%indices] offsets(%offsets : tensor<4097xi64>)
      bits = 8 mean : tensor<10000x72xi8>, tensor<131072xi64> -> tensor<4096x64xf32>, tensor<i32>
  return %out, %status : tensor<4096x64xf32>, tensor<i32>
}
