// Driver for DaCe's scalarsym.sdfg: a tasklet writes 2 into the transient
// scalar `scal`, an interstate edge assigns it to the symbol `sym`, and the
// next state copies A[sym ** 2] = A[4] into B.
memref.global "private" constant @scalarsym_a : memref<20xf64> = dense<[0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0, 13.5, 15.0, 16.5, 18.0, 19.5, 21.0, 22.5, 24.0, 25.5, 27.0, 28.5]>
func.func @main(%b: memref<1xf64>) {
  %a = memref.get_global @scalarsym_a : memref<20xf64>
  func.call @scalar(%a, %b) : (memref<20xf64>, memref<1xf64>) -> ()
  return
}
