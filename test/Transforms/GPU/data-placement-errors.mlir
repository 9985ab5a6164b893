// RUN: pk-opt --split-input-file --verify-diagnostics --pk-gpu-data-placement %s

func.func @dynamic_alloc(%n: index) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1) threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    // expected-error @+1 {{allocation of 'memref<?xf32>' inside a GPU kernel: only static workgroup (shared) memory and small per-thread buffers can be allocated in a kernel}}
    %t = memref.alloc(%n) : memref<?xf32>
    gpu.terminator
  }
  return
}

// -----

func.func @dynamic_shared(%n: index) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1) threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    // expected-error @+1 {{shared-memory allocation 'memref<?xf32, #gpu.address_space<workgroup>>' must have a static shape}}
    %t = memref.alloc(%n) : memref<?xf32, #gpu.address_space<workgroup>>
    gpu.terminator
  }
  return
}

// -----

// expected-error @+1 {{argument #0 of type 'memref<4xf32, strided<[2]>>' is not contiguous: pk-gpu-pipeline copies arguments whole}}
func.func @strided_arg(%a: memref<4xf32, strided<[2]>>) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1) threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    %v0 = memref.load %a[%tx] : memref<4xf32, strided<[2]>>
    gpu.terminator
  }
  return
}

// -----

func.func @host_value(%a: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %x = memref.load %a[%c0] : memref<4xf32>
  // expected-error @+1 {{uses a value computed by host code that pk-gpu-pipeline runs on the GPU}}
  return %x : f32
}
