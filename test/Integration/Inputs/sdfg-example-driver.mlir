// Driver for DaCe's example.sdfg (hello_world, N = 4): A = 0..15, then the
// SDFG doubles A five times and copies it into __return. (pk-cpu-pipeline
// frees the temporary.)
memref.global "private" constant @example_a : memref<4x4xf64> = dense<[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]>
func.func @main(%ret: memref<4x4xf64>) {
  %init = memref.get_global @example_a : memref<4x4xf64>
  %a = memref.alloc() : memref<4x4xf64>
  memref.copy %init, %a : memref<4x4xf64> to memref<4x4xf64>
  func.call @hello_world(%a, %ret) : (memref<4x4xf64>, memref<4x4xf64>) -> ()
  return
}
