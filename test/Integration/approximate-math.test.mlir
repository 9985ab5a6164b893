func.func @act(%x: tensor<25001x16xf32>) -> (tensor<25001x16xf32>, tensor<25001x16xf32>) {
  %s = pk.sigmoid %x : tensor<25001x16xf32>
  %t = pk.tanh %x : tensor<25001x16xf32>
  return %s, %t : tensor<25001x16xf32>, tensor<25001x16xf32>
}
