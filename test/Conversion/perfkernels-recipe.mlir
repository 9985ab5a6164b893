// recipes/perfkernels.mlir vectorizes the row updates marked by the
// lowering: whole-row vector FMAs.
// RUN: pk-opt %s --pk-lower-to-linalg --pk-apply-recipe="recipe=%pk_src_root/recipes/perfkernels.mlir" | FileCheck %s

// CHECK-LABEL: func @f16_rows
// CHECK:       scf.forall
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK:             %[[ROW:.+]] = vector.transfer_read %{{.*}} : tensor<64xf16>, vector<64xf16>
// CHECK:             %[[ACC:.+]] = vector.transfer_read %{{.*}} : tensor<64xf32>, vector<64xf32>
// CHECK:             %[[X:.+]] = arith.extf %[[ROW]]{{.*}} : vector<64xf16> to vector<64xf32>
// CHECK:             %[[SUM:.+]] = math.fma %{{.*}}, %[[X]], %[[ACC]] : vector<64xf32>
// CHECK:             vector.transfer_write %[[SUM]]
// CHECK-NOT:   linalg.generic {{.*}}pk.embedding_row
func.func @f16_rows(%t: tensor<1000x64xf16>, %i: tensor<128xi64>, %l: tensor<4xi32>) -> (tensor<4x64xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<1000x64xf16>, tensor<128xi64> -> tensor<4x64xf32>, tensor<i32>
  return %o, %s : tensor<4x64xf32>, tensor<i32>
}

// Fused 8-bit rows are vectorized too; the 4-bit byte grid is left to LLVM
// (not marked: its vector form measured slower).
// CHECK-LABEL: func @fused_rows
// CHECK:       vector.transfer_read %{{.*}} : tensor<64xi8>, vector<64xi8>
// CHECK:       arith.uitofp %{{.*}} : vector<64xi8> to vector<64xf32>
// CHECK:       math.fma %{{.*}} : vector<64xf32>
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<32xi8>) outs(%{{.*}} : tensor<32x2xf32>)
func.func @fused_rows(%t8: tensor<1000x72xi8>, %t4: tensor<1000x36xi8>, %i: tensor<128xi64>, %l: tensor<4xi32>) -> (tensor<4x64xf32>, tensor<4x64xf32>) {
  %o8, %s8 = pk.fused_embedding_bag %t8[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<1000x72xi8>, tensor<128xi64> -> tensor<4x64xf32>, tensor<i32>
  %o4, %s4 = pk.fused_embedding_bag %t4[%i] lengths(%l : tensor<4xi32>) bits = 4 : tensor<1000x36xi8>, tensor<128xi64> -> tensor<4x64xf32>, tensor<i32>
  return %o8, %o4 : tensor<4x64xf32>, tensor<4x64xf32>
}
