// RUN: pk-opt --pk-protect-tensor-arguments %s | FileCheck %s
// RUN: pk-opt --pk-protect-tensor-arguments --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" %s | FileCheck %s --check-prefix=BUF

// Tensor arguments become read-only; memrefs, scalars and arguments that
// already say otherwise are left alone.
// CHECK-LABEL: func.func @zero_fill
// CHECK-SAME:    (%{{.+}}: tensor<4xf32> {bufferization.writable = false}, %{{.+}}: memref<4xf32>, %{{.+}}: f32, %{{.+}}: tensor<2xf32> {bufferization.writable = true})
// A fill of an argument then gets its own buffer instead of overwriting
// the caller's.
// BUF-LABEL: func.func @zero_fill
// BUF-SAME:    (%[[X:.+]]: memref<4xf32>,
// BUF:         %[[NEW:.+]] = memref.alloc() {{.*}} : memref<4xf32>
// BUF:         linalg.fill ins(%{{.+}} : f32) outs(%[[NEW]] : memref<4xf32>)
// BUF-NOT:     outs(%[[X]]
func.func @zero_fill(%x: tensor<4xf32>, %m: memref<4xf32>, %s: f32, %y: tensor<2xf32> {bufferization.writable = true}) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %f = linalg.fill ins(%zero : f32) outs(%x : tensor<4xf32>) -> tensor<4xf32>
  return %f : tensor<4xf32>
}
