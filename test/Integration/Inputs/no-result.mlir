func.func @nothing(%a: tensor<4xf32>) {
  return
}
