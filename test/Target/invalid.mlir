// RUN: pk-translate --pk-to-ptx --split-input-file --verify-diagnostics %s

// Host code only: nothing to compile for the GPU.
// expected-error @below {{no GPU kernel to translate to PTX}}
module {
  func.func @host(%x: memref<4xf32>) {
    return
  }
}

// -----

// A gpu.module without a kernel entry point.
// expected-error @below {{no GPU kernel to translate to PTX}}
module attributes {gpu.container_module} {
  gpu.module @helpers {
    gpu.func @twice(%x: f32) -> f32 {
      %r = arith.addf %x, %x : f32
      gpu.return %r : f32
    }
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @fill(%buf: memref<4xf32>) kernel {
      %c = arith.constant 1.0 : f32
      // expected-error @below {{'linalg.fill' op was not lowered to the LLVM dialect by the GPU-to-NVVM lowering}}
      linalg.fill ins(%c : f32) outs(%buf : memref<4xf32>)
      gpu.return
    }
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @kernels {
    // expected-error @below {{expected void return type for kernel function}}
    gpu.func @k(%buf: memref<4xf32>) -> f32 kernel {
      %c = arith.constant 1.0 : f32
      gpu.return %c : f32
    }
  }
}

// -----

func.func @bad_launch(%n: index) {
  // expected-error @below {{expected 'blocks'}}
  gpu.launch threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) {
    gpu.terminator
  }
  return
}
