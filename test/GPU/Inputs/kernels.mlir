// Kernels for the pk-run --gpu tests (random inputs, checked against
// pk-reference-pipeline on the CPU).
func.func @mm(%a: tensor<100x70xf32>, %b: tensor<70x33xf32>) -> tensor<100x33xf32> {
  %c = pk.matmul %a, %b : tensor<100x70xf32>, tensor<70x33xf32> -> tensor<100x33xf32>
  return %c : tensor<100x33xf32>
}
func.func @mm_f16(%a: tensor<128x64xf16>, %b: tensor<64x96xf16>) -> tensor<128x96xf32> {
  %c = pk.matmul %a, %b : tensor<128x64xf16>, tensor<64x96xf16> -> tensor<128x96xf32>
  return %c : tensor<128x96xf32>
}
func.func @bmm(%a: tensor<3x64x32xf32>, %b: tensor<3x48x32xf32>) -> tensor<3x64x48xf32> {
  %c = pk.matmul %a, %b transpose_rhs : tensor<3x64x32xf32>, tensor<3x48x32xf32> -> tensor<3x64x48xf32>
  return %c : tensor<3x64x48xf32>
}
func.func @act(%x: tensor<8x1000xf32>) -> tensor<8x1000xf32> {
  %s = pk.sigmoid %x : tensor<8x1000xf32>
  %t = pk.tanh %s : tensor<8x1000xf32>
  return %t : tensor<8x1000xf32>
}
func.func @softmax(%x: tensor<64x300xf32>) -> tensor<64x300xf32> {
  %y = pk.softmax %x axis = 1 : tensor<64x300xf32>
  return %y : tensor<64x300xf32>
}
func.func @bag(%table: tensor<1000x64xf32>, %indices: tensor<512xi64>)
    -> (tensor<128x64xf32>, tensor<i32> {pk.status}) {
  %lengths = arith.constant dense<4> : tensor<128xi32>
  %out, %status = pk.embedding_bag %table[%indices] lengths(%lengths : tensor<128xi32>)
      : tensor<1000x64xf32>, tensor<512xi64> -> tensor<128x64xf32>, tensor<i32>
  return %out, %status : tensor<128x64xf32>, tensor<i32>
}
func.func @attention(%q: tensor<2x64x32xf32>, %k: tensor<2x64x32xf32>, %v: tensor<2x64x32xf32>) -> tensor<2x64x32xf32> {
  %o = pk.attention %q, %k, %v causal : tensor<2x64x32xf32>, tensor<2x64x32xf32>, tensor<2x64x32xf32> -> tensor<2x64x32xf32>
  return %o : tensor<2x64x32xf32>
}
// 2x2 times 2x2 with known values.
func.func @known() -> tensor<2x2xf32> {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %c = pk.matmul %a, %b : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}
