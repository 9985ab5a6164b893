// RUN: pk-opt --pass-pipeline="builtin.module(gpu.module(pk-gpu-align-vector-accesses))" %s | FileCheck %s

// CHECK-LABEL: gpu.func @k
module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%a: memref<64x64xf32>, %b: memref<?x?xf32>, %n: index) kernel {
      %c0 = arith.constant 0 : index
      %c2 = arith.constant 2 : index
      %c4 = arith.constant 4 : index
      %c8 = arith.constant 8 : index
      %c64 = arith.constant 64 : index
      %tid = gpu.thread_id x
      // Row tid, column 4 * i: 16 bytes for 4 floats, capped at the
      // vector's size (8 bytes) for 2.
      // CHECK: vector.load %{{.*}} {alignment = 16 : i64} : memref<64x64xf32>, vector<4xf32>
      // CHECK: vector.store %{{.*}} {alignment = 8 : i64} : memref<64x64xf32>, vector<2xf32>
      scf.for %i = %c0 to %c64 step %c4 {
        %v = vector.load %a[%tid, %i] : memref<64x64xf32>, vector<4xf32>
        %w = vector.extract_strided_slice %v {offsets = [0], sizes = [2], strides = [1]} : vector<4xf32> to vector<2xf32>
        vector.store %w, %a[%tid, %i] : memref<64x64xf32>, vector<2xf32>
      }
      // Column 2: only 8 bytes; an unknown column index: only the element
      // (no attribute); a dynamic layout: nothing known.
      // CHECK: vector.load %{{.*}} {alignment = 8 : i64} : memref<64x64xf32>, vector<4xf32>
      // CHECK: vector.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<64x64xf32>, vector<4xf32>
      // CHECK: vector.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<?x?xf32>, vector<4xf32>
      %x = vector.load %a[%tid, %c2] : memref<64x64xf32>, vector<4xf32>
      %y = vector.load %a[%tid, %n] : memref<64x64xf32>, vector<4xf32>
      %z = vector.load %b[%tid, %c8] : memref<?x?xf32>, vector<4xf32>
      gpu.return
    }
  }
}
