// RUN: pk-opt --split-input-file --pk-gpu-data-placement %s | FileCheck %s
// RUN: pk-opt --split-input-file --pk-gpu-data-placement="device-arguments=true" %s | FileCheck %s --check-prefix=DEV

// Arguments are copied to device buffers on entry; the written one is
// copied back on exit, the read-only one is not. A host temporary becomes a
// gpu.alloc freed at the end of its block; a host copy becomes gpu.memcpy;
// the kernel's shared-memory allocation becomes a workgroup attribution.
// CHECK-LABEL: func.func @placed
// CHECK-SAME: (%[[IN:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>)
// CHECK: %[[DOUT:.*]] = gpu.alloc () : memref<64xf32>
// CHECK-NEXT: gpu.memcpy %[[DOUT]], %[[OUT]]
// CHECK-NEXT: %[[DIN:.*]] = gpu.alloc () : memref<64xf32>
// CHECK-NEXT: gpu.memcpy %[[DIN]], %[[IN]]
// CHECK: %[[TMP:.*]] = gpu.alloc () : memref<64xf32>
// CHECK: gpu.launch
// CHECK-SAME: workgroup(%[[SHARED:.*]] : memref<64xf32, #gpu.address_space<workgroup>>)
// CHECK-NOT: memref.alloc
// CHECK: memref.load %[[DIN]]
// CHECK: memref.store %{{.*}}, %[[SHARED]]
// CHECK: memref.store %{{.*}}, %[[TMP]]
// CHECK: gpu.terminator
// CHECK: gpu.memcpy %[[DOUT]], %[[TMP]]
// CHECK: gpu.dealloc %[[TMP]]
// CHECK-NOT: gpu.memcpy %[[IN]]
// CHECK: gpu.memcpy %[[OUT]], %[[DOUT]]
// CHECK-NOT: gpu.memcpy %[[IN]]
// CHECK: return

// With device arguments, the kernel uses the arguments directly.
// DEV-LABEL: func.func @placed
// DEV-SAME: (%[[IN:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>)
// DEV-NOT: gpu.memcpy %{{.*}}, %[[IN]]
// DEV: memref.load %[[IN]]
// DEV: gpu.memcpy %[[OUT]], %{{.*}}
// DEV-NOT: gpu.memcpy
// DEV: return
func.func @placed(%in: memref<64xf32>, %out: memref<64xf32>) {
  %c1 = arith.constant 1 : index
  %tmp = memref.alloc() : memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    %shared = memref.alloc() : memref<64xf32, #gpu.address_space<workgroup>>
    %v0 = memref.load %in[%tx] : memref<64xf32>
    memref.store %v0, %shared[%tx] : memref<64xf32, #gpu.address_space<workgroup>>
    memref.store %v0, %tmp[%tx] : memref<64xf32>
    gpu.terminator
  }
  memref.copy %tmp, %out : memref<64xf32> to memref<64xf32>
  return
}

// -----

// Host code that reads a buffer runs as a one-thread kernel.
// CHECK-LABEL: func.func @serial
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %{{.*}}, {{.*}} = %{{.*}}, {{.*}} = %{{.*}}) threads
// CHECK: memref.load
// CHECK: memref.store
// CHECK: gpu.terminator
func.func @serial(%a: memref<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %x = memref.load %a[%c0] : memref<4xi32>
  memref.store %x, %a[%c1] : memref<4xi32>
  return
}

