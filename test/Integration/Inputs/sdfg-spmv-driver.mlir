// Driver for DaCe's spmv.sdfg (H = 4, W = 5, nnz = 7): b = A x for the CSR
// matrix
//   [[1 0 0 2 0]
//    [0 0 3 0 0]
//    [0 4 0 0 5]
//    [6 0 7 0 0]]
// and x = [1, 2, 3, 4, 5]. The SDFG accumulates into b (write-conflict
// resolution `a + b`), so the driver zeroes it first.
memref.global "private" constant @spmv_row : memref<5xi32> = dense<[0, 2, 3, 5, 7]>
memref.global "private" constant @spmv_col : memref<7xi32> = dense<[0, 3, 2, 1, 4, 0, 2]>
memref.global "private" constant @spmv_val : memref<7xf32> = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]>
memref.global "private" constant @spmv_x : memref<5xf32> = dense<[1.0, 2.0, 3.0, 4.0, 5.0]>
func.func @main(%b: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%b : memref<4xf32>)
  %row = memref.get_global @spmv_row : memref<5xi32>
  %col = memref.get_global @spmv_col : memref<7xi32>
  %val = memref.get_global @spmv_val : memref<7xf32>
  %x = memref.get_global @spmv_x : memref<5xf32>
  func.call @spmv(%row, %col, %val, %x, %b)
      : (memref<5xi32>, memref<7xi32>, memref<7xf32>, memref<5xf32>, memref<4xf32>) -> ()
  return
}
