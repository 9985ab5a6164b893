// Kernel for perfkernels-lstm-npy.test: 33 rows of 17 units (odd sizes),
// forget bias 1, sequence lengths and time step from the inputs.
func.func @lstm(%h0: tensor<33x17xf32>, %c0: tensor<33x17xf32>, %x: tensor<33x68xf32>, %len: tensor<33xi32>, %t: tensor<i32>) -> (tensor<33x17xf32>, tensor<33x17xf32>) {
  %h, %c = pk.lstm_unit %h0, %c0, %x seq_lengths(%len : tensor<33xi32>) timestep(%t : tensor<i32>) forget_bias = 1.0 : tensor<33x17xf32>, tensor<33x68xf32> -> tensor<33x17xf32>
  return %h, %c : tensor<33x17xf32>, tensor<33x17xf32>
}
