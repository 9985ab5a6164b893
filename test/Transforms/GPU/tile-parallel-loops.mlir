// RUN: pk-opt --pk-gpu-tile-parallel-loops %s | FileCheck %s
// RUN: pk-opt --pk-gpu-tile-parallel-loops="threads-per-block=128" %s | FileCheck %s --check-prefix=T128
// RUN: not pk-opt --pk-gpu-tile-parallel-loops="threads-per-block=0" %s 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not pk-opt --pk-gpu-tile-parallel-loops="threads-per-block=2048" %s 2>&1 | FileCheck %s --check-prefix=BAD

// The inner dimension runs in blocks of 256 threads (a guard, not a min,
// for the 1000 % 256 left over); the outer one gets a tile of one.
// CHECK-LABEL: func.func @host_loop
// CHECK: %[[C256:.*]] = arith.constant 256 : index
// CHECK: %[[ROWS:.*]] = arith.muli %{{.*}}, %c1_{{.*}} : index
// CHECK: %[[COLS:.*]] = arith.muli %{{.*}}, %[[C256]] : index
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = {{.*}} step (%[[ROWS]], %[[COLS]])
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = {{.*}} to (%[[ROWS]], %[[COLS]])
// CHECK: scf.if
// CHECK: memref.store
// T128: arith.constant 128 : index
// T128-NOT: arith.constant 256 : index
// BAD: error: threads-per-block must be 1 to 1024
func.func @host_loop(%out: memref<7x1000xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c1000 = arith.constant 1000 : index
  %one = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c7, %c1000) step (%c1, %c1) {
    memref.store %one, %out[%i, %j] : memref<7x1000xf32>
  }
  return
}

// Loops already inside a kernel are the kernel's own: left alone.
// CHECK-LABEL: func.func @in_kernel
// CHECK: gpu.launch
// CHECK-NEXT: scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT: memref.store
func.func @in_kernel(%out: memref<1000xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c1000 = arith.constant 1000 : index
  %one = arith.constant 1.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    scf.parallel (%i) = (%c0) to (%c1000) step (%c1) {
      memref.store %one, %out[%i] : memref<1000xf32>
    }
    gpu.terminator
  }
  return
}
