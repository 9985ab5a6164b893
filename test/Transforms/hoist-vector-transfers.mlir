// RUN: pk-opt --pk-hoist-vector-transfers %s | FileCheck %s

// The accumulator slice read and written on every iteration moves out of
// the loop and is carried as a vector.
// CHECK-LABEL: func.func @accumulate
// CHECK:       %[[SLICE:.+]] = tensor.extract_slice
// CHECK:       %[[INIT:.+]] = vector.transfer_read %[[SLICE]]
// CHECK:       %[[LOOP:.+]]:{{[0-9]+}} = scf.for {{.*}} iter_args({{.*}}%[[ACC:.+]] = %[[INIT]])
// CHECK-NOT:     vector.transfer_read %{{.*}} : tensor<4x16xf32>
// CHECK:         %[[SUM:.+]] = arith.addf %[[ACC]]
// CHECK-NOT:     vector.transfer_write
// CHECK:         scf.yield {{.*}}%[[SUM]]
// CHECK:       vector.transfer_write %[[LOOP]]#{{[0-9]+}}
// CHECK:       tensor.insert_slice
func.func @accumulate(%t: tensor<64x64xf32>, %x: vector<4x16xf32>) -> tensor<64x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %pad = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c8 step %c1 iter_args(%acc = %t) -> (tensor<64x64xf32>) {
    %s = tensor.extract_slice %acc[0, 0] [4, 16] [1, 1] : tensor<64x64xf32> to tensor<4x16xf32>
    %v = vector.transfer_read %s[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<4x16xf32>, vector<4x16xf32>
    %sum = arith.addf %v, %x : vector<4x16xf32>
    %w = vector.transfer_write %sum, %s[%c0, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, tensor<4x16xf32>
    %i = tensor.insert_slice %w into %acc[0, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<64x64xf32>
    scf.yield %i : tensor<64x64xf32>
  }
  return %r : tensor<64x64xf32>
}

// A slice whose offset depends on the induction variable is not invariant.
// CHECK-LABEL: func.func @varying
// CHECK:       scf.for
// CHECK:         vector.transfer_read
// CHECK:         vector.transfer_write
func.func @varying(%t: tensor<64x64xf32>, %x: vector<4x16xf32>) -> tensor<64x64xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c64 step %c4 iter_args(%acc = %t) -> (tensor<64x64xf32>) {
    %s = tensor.extract_slice %acc[%k, 0] [4, 16] [1, 1] : tensor<64x64xf32> to tensor<4x16xf32>
    %v = vector.transfer_read %s[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<4x16xf32>, vector<4x16xf32>
    %sum = arith.addf %v, %x : vector<4x16xf32>
    %w = vector.transfer_write %sum, %s[%c0, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, tensor<4x16xf32>
    %i = tensor.insert_slice %w into %acc[%k, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<64x64xf32>
    scf.yield %i : tensor<64x64xf32>
  }
  return %r : tensor<64x64xf32>
}
