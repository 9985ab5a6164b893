// recipes/perfkernels.mlir vectorizes the per-row generics the lowering
// marks with pk.embedding_row: bag row updates, row-wise quantization,
// sparse Adagrad rows. The built-in CPU recipe (no recipe option) does the
// same to the same marker. No marked generic is left scalar (the NOROW
// prefix).
// RUN: pk-opt %s --pk-lower-to-linalg --pk-apply-recipe="recipe=%pk_src_root/recipes/perfkernels.mlir" | FileCheck %s
// RUN: pk-opt %s --pk-lower-to-linalg --pk-apply-recipe="recipe=%pk_src_root/recipes/perfkernels.mlir" | FileCheck %s --check-prefix=NOROW
// RUN: pk-opt %s --pk-lower-to-linalg --pk-apply-recipe | FileCheck %s --check-prefix=NOROW
// NOROW-NOT: pk.embedding_row

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

// Fused 8-bit rows are vectorized too; 4-bit rows as a (field, byte) grid
// of 2 x 32: one load of the 32 code bytes, a shift per field row, one FMA
// vector per field, interleaved into the result row once per bag.
// CHECK-LABEL: func @fused_rows
// CHECK:       vector.transfer_read %{{.*}} : tensor<64xi8>, vector<64xi8>
// CHECK:       arith.uitofp %{{.*}} : vector<64xi8> to vector<64xf32>
// CHECK:       math.fma %{{.*}} : vector<64xf32>
// CHECK:       scf.for {{.*}} -> (tensor<2x32xf32>)
// CHECK:         %[[BYTES:.+]] = vector.transfer_read %{{.*}} : tensor<32xi8>, vector<32xi8>
// CHECK:         vector.broadcast %[[BYTES]] : vector<32xi8> to vector<2x32xi8>
// CHECK:         arith.shrui %{{.*}} : vector<2x32xi32>
// CHECK:         arith.uitofp %{{.*}} : vector<2x32xi32> to vector<2x32xf32>
// CHECK:         math.fma %{{.*}} : vector<2x32xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<2x32xf32>) outs(%{{.*}} : tensor<32x2xf32>) permutation = [1, 0]
func.func @fused_rows(%t8: tensor<1000x72xi8>, %t4: tensor<1000x36xi8>, %i: tensor<128xi64>, %l: tensor<4xi32>) -> (tensor<4x64xf32>, tensor<4x64xf32>) {
  %o8, %s8 = pk.fused_embedding_bag %t8[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<1000x72xi8>, tensor<128xi64> -> tensor<4x64xf32>, tensor<i32>
  %o4, %s4 = pk.fused_embedding_bag %t4[%i] lengths(%l : tensor<4xi32>) bits = 4 : tensor<1000x36xi8>, tensor<128xi64> -> tensor<4x64xf32>, tensor<i32>
  return %o8, %o4 : tensor<4x64xf32>, tensor<4x64xf32>
}

// 2 bits at an odd width (13 codes in 4 bytes): a 4 x 4 grid; the three
// unused fields of the last byte are dropped after the interleave.
// CHECK-LABEL: func @fused2_odd
// CHECK:       arith.shrui %{{.*}} : vector<4x4xi32>
// CHECK:       math.fma %{{.*}} : vector<4x4xf32>
// CHECK:       linalg.transpose ins(%{{.*}} : tensor<4x4xf32>)
// CHECK:       tensor.extract_slice %{{.*}}[0] [13] [1] : tensor<16xf32> to tensor<13xf32>
func.func @fused2_odd(%t: tensor<1000x8xi8>, %i: tensor<128xi64>, %l: tensor<4xi32>) -> tensor<4x13xf32> {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 2 : tensor<1000x8xi8>, tensor<128xi64> -> tensor<4x13xf32>, tensor<i32>
  return %o : tensor<4x13xf32>
}

// Row-wise 8-bit quantization of rows of 67: min and max as vector
// reductions of the row, the codes as one vector (round half to even,
// clamp, narrow to bytes), the 8 parameter bytes as one more.
// CHECK-LABEL: func @quantize8
// CHECK:       scf.forall
// CHECK:         %[[ROW:.+]] = vector.transfer_read %{{.*}} : tensor<67xf32>, vector<67xf32>
// CHECK:         vector.multi_reduction <minimumf>, %[[ROW]], %{{.*}} [0] : vector<67xf32> to f32
// CHECK:         vector.multi_reduction <maximumf>, %[[ROW]], %{{.*}} [0] : vector<67xf32> to f32
// CHECK:         math.roundeven %{{.*}} : vector<67xf32>
// CHECK:         arith.fptoui %{{.*}} : vector<67xf32> to vector<67xi32>
// CHECK:         arith.trunci %{{.*}} : vector<67xi32> to vector<67xi8>
// CHECK:         arith.trunci %{{.*}} : vector<8xi32> to vector<8xi8>
func.func @quantize8(%x: tensor<10x67xf32>) -> tensor<10x75xi8> {
  %q = pk.quantize_rowwise %x bits = 8 : tensor<10x67xf32> -> tensor<10x75xi8>
  return %q : tensor<10x75xi8>
}

// 2 bits: each of the 4 code bytes gathers its 4 columns (clamped into the
// row, masked out past its end).
// CHECK-LABEL: func @quantize2
// CHECK:       vector.multi_reduction <minimumf>, %{{.*}} : vector<13xf32> to f32
// CHECK:       vector.gather %{{.*}} : tensor<13xf32>, vector<4xindex>, vector<4xi1>, vector<4xf32> into vector<4xf32>
// CHECK:       math.roundeven %{{.*}} : vector<4xf32>
// CHECK:       arith.trunci %{{.*}} : vector<4xi32> to vector<4xi8>
func.func @quantize2(%x: tensor<10x13xf32>) -> tensor<10x8xi8> {
  %q = pk.quantize_rowwise %x bits = 2 : tensor<10x13xf32> -> tensor<10x8xi8>
  return %q : tensor<10x8xi8>
}

// Sparse Adagrad: the row update as vectors of 67 (sqrt included); the
// row-wise form's mean(g'^2) as a vector add reduction.
// CHECK-LABEL: func @sparse_adagrad
// CHECK:       scf.for
// CHECK:         math.fma %{{.*}} : vector<67xf32>
// CHECK:         math.sqrt %{{.*}} : vector<67xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<67xf32>, tensor<67xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<67xf32>, tensor<67xf32>
func.func @sparse_adagrad(%w: tensor<50x67xf32>, %h: tensor<50x67xf32>, %g: tensor<12x67xf32>, %i: tensor<12xi64>, %lr: tensor<f32>)
    -> (tensor<50x67xf32>, tensor<50x67xf32>, tensor<i32>) {
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<50x67xf32>, tensor<50x67xf32>, tensor<12x67xf32>, tensor<12xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<50x67xf32>, tensor<50x67xf32>, tensor<i32>
}

// CHECK-LABEL: func @rowwise_adagrad
// CHECK:       scf.for
// CHECK:         vector.multi_reduction <add>, %{{.*}} [0] : vector<13xf32> to f32
// CHECK:         math.sqrt %{{.*}} : f32
// CHECK:         math.fma %{{.*}} : vector<13xf32>
func.func @rowwise_adagrad(%w: tensor<50x13xf32>, %h: tensor<50xf32>, %g: tensor<12x13xf32>, %i: tensor<12xi64>, %lr: tensor<f32>)
    -> (tensor<50x13xf32>, tensor<50xf32>, tensor<i32>) {
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<50x13xf32>, tensor<50xf32>, tensor<12x13xf32>, tensor<12xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<50x13xf32>, tensor<50xf32>, tensor<i32>
}
