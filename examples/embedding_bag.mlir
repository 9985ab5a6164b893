// Embedding bag (caffe2 EmbeddingLookup): 4096 bags of 32 indices each over
// a 10000 x 64 f32 table, weighted. Every bag has length 32 (a constant), so
// pk-run's random indices (in [0, --int-max]) are valid and the status
// result, marked `pk.status`, is 0; pk-run fails if it is not.
//   build/bin/pk-run examples/embedding_bag.mlir --bench 10
// bench/perfkernels.py times the 1,000,000-row workload against PyTorch.
func.func @embedding_bag(%table: tensor<10000x64xf32>, %indices: tensor<131072xi64>,
                         %weights: tensor<131072xf32>)
    -> (tensor<4096x64xf32>, tensor<i32> {pk.status}) {
  %lengths = arith.constant dense<32> : tensor<4096xi32>
  %out, %status = pk.embedding_bag %table[%indices] lengths(%lengths : tensor<4096xi32>)
      weights(%weights : tensor<131072xf32>)
      : tensor<10000x64xf32>, tensor<131072xi64> -> tensor<4096x64xf32>, tensor<i32>
  return %out, %status : tensor<4096x64xf32>, tensor<i32>
}
