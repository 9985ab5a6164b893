// Host code the GPU pipeline cannot move to the device is a located error,
// not wrong code: sparse Adagrad's loop around its row kernels reads the
// indices on the host.
// RUN: pk-opt --pk-gpu-pipeline %s -verify-diagnostics -o /dev/null

func.func @adagrad(%w: tensor<1000x16xf32>, %h: tensor<1000xf32>,
                   %g: tensor<64x16xf32>, %indices: tensor<64xi64>)
    -> (tensor<1000x16xf32>, tensor<1000xf32>, tensor<i32>) {
  %lr = arith.constant dense<0.01> : tensor<f32>
  // expected-error @+1 {{host code around a GPU kernel reads or writes buffers; pk-gpu-pipeline cannot map it to the GPU}}
  %w1, %h1, %status = pk.sparse_adagrad %w, %h, %g[%indices] lr(%lr : tensor<f32>)
      epsilon = 1.0e-06
      : tensor<1000x16xf32>, tensor<1000xf32>, tensor<64x16xf32>, tensor<64xi64>
      -> tensor<i32>
  return %w1, %h1, %status : tensor<1000x16xf32>, tensor<1000xf32>, tensor<i32>
}
