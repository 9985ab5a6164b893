// RUN: pk-translate --pk-to-llvmir --split-input-file --verify-diagnostics %s

func.func @host_launch(%x: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  // expected-error @below {{'gpu.launch' op was not lowered to the LLVM dialect by pk-cpu-pipeline}}
  // expected-note @below {{GPU kernels are compiled by --pk-to-ptx}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %one, %x[%tx] : memref<4xf32>
    gpu.terminator
  }
  return
}

// -----

func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @below {{contraction dimension mismatch: lhs has K = 8, rhs has K = 4}}
  %c = pk.matmul %a, %b : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}

// -----

// expected-note @below {{when returning from function}}
llvm.func @wrong_return(%a: f32) -> f32 {
  %c = llvm.mlir.constant(1 : i32) : i32
  // expected-error @below {{'llvm.return' op mismatching result types}}
  llvm.return %c : i32
}

// -----

llvm.func @unterminated(%a: f32) -> f32 {
  // expected-error @below {{block with no terminator}}
  %m = llvm.fmul %a, %a : f32
}

// -----

llvm.func @typo(%a: f32) -> f32 {
  // expected-error @below {{custom op 'llvm.fmull' is unknown}}
  %m = llvm.fmull %a, %a : f32
  llvm.return %m : f32
}
