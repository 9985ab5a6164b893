// Driver for DaCe's gpu-notb.sdfg (N = 6): B = A + 1 through GPU-global
// transients (a GPU_Device map, run on the CPU by pk-cpu-pipeline).
memref.global "private" constant @gpu_a : memref<6xf64> = dense<[0.0, 0.5, 1.0, 1.5, 2.0, -4.0]>
func.func @main(%b: memref<6xf64>) {
  %a = memref.get_global @gpu_a : memref<6xf64>
  func.call @example(%a, %b) : (memref<6xf64>, memref<6xf64>) -> ()
  return
}
