// Calls @features of sdfg-json-export.mlir (lowered with N = 3) with
// alpha = 1.5: pk-run passes only memrefs and tensors.
func.func @main(%a: memref<3xf64>, %b: memref<3x4xf64>, %s: memref<1xf64>) {
  %alpha = arith.constant 1.5 : f64
  func.call @features(%a, %b, %s, %alpha) : (memref<3xf64>, memref<3x4xf64>, memref<1xf64>, f64) -> ()
  return
}
