func.func @dyn(%a: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %y = pk.sigmoid %a : tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}
