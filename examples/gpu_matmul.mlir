// A 512x256 by 256x384 f32 matmul for the GPU (pk-gpu-pipeline; `make demo`
// runs only the CPU examples). recipes/gpu-default.mlir gives every
// 64x64 tile of the result its own 256-thread block, stages 64x16 / 16x64
// tiles of A and B through shared memory and lets each thread compute a
// 4x4 piece:
//   pk-opt --pk-gpu-pipeline examples/gpu_matmul.mlir              # host + gpu.binary
//   pk-translate --pk-to-ptx examples/gpu_matmul.mlir -o mm.ptx    # the kernels
//   ptxas -arch=sm_90 mm.ptx -o mm.cubin
//   pk-run --gpu examples/gpu_matmul.mlir --bench 10               # needs a GPU
func.func @matmul(%a: tensor<512x256xf32>, %b: tensor<256x384xf32>)
    -> tensor<512x384xf32> {
  %c = pk.matmul %a, %b : tensor<512x256xf32>, tensor<256x384xf32>
      -> tensor<512x384xf32>
  return %c : tensor<512x384xf32>
}
