// Kernels for perfkernels-rows-npy.test: the per-row generics that the
// recipes vectorize, at odd widths (13 and 67: the vectors are not a
// multiple of any register, and the last 4-bit / 2-bit byte is partly used).
// Bags: 300 rows, 40 indices in 6 bags (one empty), per-index weights.
func.func @bag4_d13(%t: tensor<300x11xi8>, %i: tensor<40xi64>, %o: tensor<7xi64>, %w: tensor<40xf32>)
    -> (tensor<6x13xf32>, tensor<i32> {pk.status}) {
  %r, %s = pk.fused_embedding_bag %t[%i] offsets(%o : tensor<7xi64>) weights(%w : tensor<40xf32>) bits = 4
      : tensor<300x11xi8>, tensor<40xi64> -> tensor<6x13xf32>, tensor<i32>
  return %r, %s : tensor<6x13xf32>, tensor<i32>
}
func.func @bag4_d67(%t: tensor<300x38xi8>, %i: tensor<40xi64>, %o: tensor<7xi64>, %w: tensor<40xf32>)
    -> (tensor<6x67xf32>, tensor<i32> {pk.status}) {
  %r, %s = pk.fused_embedding_bag %t[%i] offsets(%o : tensor<7xi64>) weights(%w : tensor<40xf32>) bits = 4
      : tensor<300x38xi8>, tensor<40xi64> -> tensor<6x67xf32>, tensor<i32>
  return %r, %s : tensor<6x67xf32>, tensor<i32>
}
func.func @bag2_d13(%t: tensor<300x8xi8>, %i: tensor<40xi64>, %o: tensor<7xi64>, %w: tensor<40xf32>)
    -> (tensor<6x13xf32>, tensor<i32> {pk.status}) {
  %r, %s = pk.fused_embedding_bag %t[%i] offsets(%o : tensor<7xi64>) weights(%w : tensor<40xf32>) bits = 2
      : tensor<300x8xi8>, tensor<40xi64> -> tensor<6x13xf32>, tensor<i32>
  return %r, %s : tensor<6x13xf32>, tensor<i32>
}
// Mean mode (the empty bag stays zero).
func.func @bag2_d67_mean(%t: tensor<300x21xi8>, %i: tensor<40xi64>, %o: tensor<7xi64>, %w: tensor<40xf32>)
    -> (tensor<6x67xf32>, tensor<i32> {pk.status}) {
  %r, %s = pk.fused_embedding_bag %t[%i] offsets(%o : tensor<7xi64>) weights(%w : tensor<40xf32>) bits = 2 mean
      : tensor<300x21xi8>, tensor<40xi64> -> tensor<6x67xf32>, tensor<i32>
  return %r, %s : tensor<6x67xf32>, tensor<i32>
}
// Row-wise quantization of 37 rows of 67.
func.func @q8_d67(%x: tensor<37x67xf32>) -> tensor<37x75xi8> {
  %q = pk.quantize_rowwise %x bits = 8 : tensor<37x67xf32> -> tensor<37x75xi8>
  return %q : tensor<37x75xi8>
}
func.func @q4_d67(%x: tensor<37x67xf32>) -> tensor<37x38xi8> {
  %q = pk.quantize_rowwise %x bits = 4 : tensor<37x67xf32> -> tensor<37x38xi8>
  return %q : tensor<37x38xi8>
}
func.func @q2_d67(%x: tensor<37x67xf32>) -> tensor<37x21xi8> {
  %q = pk.quantize_rowwise %x bits = 2 : tensor<37x67xf32> -> tensor<37x21xi8>
  return %q : tensor<37x21xi8>
}
// Sparse Adagrad on 50 rows, 12 indices (one repeated: the second update
// sees the first), weight decay; the plain form at width 67 and the
// row-wise form at 13.
func.func @adagrad_d67(%w: tensor<50x67xf32>, %h: tensor<50x67xf32>, %g: tensor<12x67xf32>, %i: tensor<12xi64>)
    -> (tensor<50x67xf32>, tensor<50x67xf32>, tensor<i32> {pk.status}) {
  %lr = arith.constant dense<0.25> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) epsilon = 1.0e-05 weight_decay = 0.125
      : tensor<50x67xf32>, tensor<50x67xf32>, tensor<12x67xf32>, tensor<12xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<50x67xf32>, tensor<50x67xf32>, tensor<i32>
}
func.func @rowwise_adagrad_d13(%w: tensor<50x13xf32>, %h: tensor<50xf32>, %g: tensor<12x13xf32>, %i: tensor<12xi64>)
    -> (tensor<50x13xf32>, tensor<50xf32>, tensor<i32> {pk.status}) {
  %lr = arith.constant dense<0.25> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) epsilon = 1.0e-05 weight_decay = 0.125
      : tensor<50x13xf32>, tensor<50xf32>, tensor<12x13xf32>, tensor<12xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<50x13xf32>, tensor<50xf32>, tensor<i32>
}
// The same row-wise update in caffe2's in-place form (memref arguments, no
// results: pk-run compares the written arguments with the reference's).
func.func @rowwise_adagrad_d67_inplace(%w: memref<50x67xf32>, %h: memref<50xf32>, %g: tensor<12x67xf32>, %i: tensor<12xi64>) {
  %wt = bufferization.to_tensor %w restrict writable : memref<50x67xf32> to tensor<50x67xf32>
  %ht = bufferization.to_tensor %h restrict writable : memref<50xf32> to tensor<50xf32>
  %lr = arith.constant dense<0.25> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %wt, %ht, %g[%i] lr(%lr : tensor<f32>) epsilon = 1.0e-05 weight_decay = 0.125
      : tensor<50x67xf32>, tensor<50xf32>, tensor<12x67xf32>, tensor<12xi64> -> tensor<i32>
  bufferization.materialize_in_destination %w1 in writable %w : (tensor<50x67xf32>, memref<50x67xf32>) -> ()
  bufferization.materialize_in_destination %h1 in writable %h : (tensor<50xf32>, memref<50xf32>) -> ()
  return
}
