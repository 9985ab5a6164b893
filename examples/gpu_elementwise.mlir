// y = a * x + y on 1024 f32 elements (saxpy), one element per GPU thread:
// 4 blocks of 256 threads. Host code with a gpu.launch region; pk-translate
// outlines it into a gpu.module kernel and prints its PTX:
//   pk-translate --pk-to-ptx examples/gpu_elementwise.mlir
//   pk-translate --pk-to-ptx --pk-gpu-chip=sm_80 --pk-gpu-features=+ptx70 \
//       examples/gpu_elementwise.mlir > saxpy.ptx
//   ptxas -arch=sm_80 saxpy.ptx -o saxpy.cubin
func.func @saxpy(%a: f32, %x: memref<1024xf32>, %y: memref<1024xf32>) {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c256 = arith.constant 256 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c4, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
    %base = arith.muli %bx, %sx : index
    %i = arith.addi %base, %tx : index
    %xi = memref.load %x[%i] : memref<1024xf32>
    %yi = memref.load %y[%i] : memref<1024xf32>
    %axi = arith.mulf %a, %xi : f32
    %r = arith.addf %axi, %yi : f32
    memref.store %r, %y[%i] : memref<1024xf32>
    gpu.terminator
  }
  return
}
