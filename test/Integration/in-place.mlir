// Functions without results write into their memref arguments
// (destination-passing style); pk-run compares those arguments after the
// run: all of them, so a kernel that clobbers an input is caught too.
// linalg.matmul on buffers accumulates into C, which starts random.
// RUN: pk-run %s --entry mm_acc | FileCheck %s
// RUN: pk-run %s --entry scale --print | FileCheck %s --check-prefix=SCALE
// CHECK: pk-run: @mm_acc (3 inputs, 3 written in place, random inputs with seed 1)
// CHECK: result #0 memref<33x20xf32>: max abs err 0,
// CHECK: result #1 memref<20x17xf32>: max abs err 0,
// CHECK: result #2 memref<33x17xf32>: max abs err
// CHECK: PASS
func.func @mm_acc(%a: memref<33x20xf32>, %b: memref<20x17xf32>, %c: memref<33x17xf32>) {
  linalg.matmul ins(%a, %b : memref<33x20xf32>, memref<20x17xf32>) outs(%c : memref<33x17xf32>)
  return
}

// Only the memref argument is an output; the tensor is an input. Values
// are fixed so the doubled result is known.
// SCALE: PASS
// SCALE: result #0 = [2, -4, 1, 0]
func.func @scale(%out: memref<4xf32>) {
  %x = arith.constant dense<[1.0, -2.0, 0.5, 0.0]> : tensor<4xf32>
  %two = arith.constant dense<2.0> : tensor<4xf32>
  %y = arith.mulf %x, %two : tensor<4xf32>
  bufferization.materialize_in_destination %y in writable %out : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// .npy inputs keep the argument's memref type: the buffer written in place
// is still what is compared and printed.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/v.npy', np.array([1.0, -2.0, 0.5, 3.0], np.float32))"
// RUN: pk-run %s --entry double --input %t/v.npy --print | FileCheck %s --check-prefix=NPY
// NPY: pk-run: @double (1 inputs, 1 written in place)
// NPY: PASS
// NPY: result #0 = [2, -4, 1, 6]
func.func @double(%v: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%v : memref<4xf32>) {
  ^bb0(%x: f32):
    %y = arith.addf %x, %x : f32
    linalg.yield %y : f32
  }
  return
}
