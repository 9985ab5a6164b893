// One LSTM cell step from precomputed gates (caffe2 LSTMUnit): 256 rows of
// 128 units, forget bias 1, rows whose sequence has ended (time step >= its
// length; pk-run's random integers fill both) keep their previous state.
//   build/bin/pk-run examples/lstm_unit.mlir --bench 10
func.func @lstm_unit(%h0: tensor<256x128xf32>, %c0: tensor<256x128xf32>,
                     %gates: tensor<256x512xf32>, %lengths: tensor<256xi32>,
                     %t: tensor<i32>) -> (tensor<256x128xf32>, tensor<256x128xf32>) {
  %h, %c = pk.lstm_unit %h0, %c0, %gates seq_lengths(%lengths : tensor<256xi32>)
      timestep(%t : tensor<i32>) forget_bias = 1.0
      : tensor<256x128xf32>, tensor<256x512xf32> -> tensor<256x128xf32>
  return %h, %c : tensor<256x128xf32>, tensor<256x128xf32>
}
