// RUN: pk-opt --pk-gpu-kernel-linalg-to-loops %s | FileCheck %s

// Inside a gpu.launch and inside a parallel loop, linalg runs within one
// thread: sequential loops. Elsewhere it is left for
// convert-linalg-to-parallel-loops.
// CHECK-LABEL: func.func @placement
// CHECK: gpu.launch
// CHECK-NOT: linalg.fill
// CHECK: scf.for
// CHECK: memref.store
// CHECK: gpu.terminator
// CHECK: scf.parallel
// CHECK-NOT: linalg.copy
// CHECK: scf.for
// CHECK: scf.reduce
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<8xf32>)
func.func @placement(%a: memref<8xf32>, %b: memref<4x8xf32>, %c: memref<4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    linalg.fill ins(%zero : f32) outs(%a : memref<8xf32>)
    gpu.terminator
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %row = memref.subview %b[%i, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1], offset: ?>>
    %dst = memref.subview %c[%i, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1], offset: ?>>
    linalg.copy ins(%row : memref<8xf32, strided<[1], offset: ?>>) outs(%dst : memref<8xf32, strided<[1], offset: ?>>)
  }
  linalg.fill ins(%zero : f32) outs(%a : memref<8xf32>)
  return
}
