// The built-in recipe with each named target, so the test does not depend
// on the host (the register tile is the target's: 8x32 with AVX-512's 32
// registers, 4x16 with AVX2's 16): 64x64 parallel tiles, K panels of 128,
// a register tile whose accumulator stays in vector registers, FMAs.
// RUN: pk-opt --pk-lower-to-linalg --pk-set-target=target=x86-64-v4 --pk-apply-recipe --canonicalize --pk-hoist-vector-transfers %s | FileCheck %s --check-prefix=AVX512
// RUN: pk-opt --pk-lower-to-linalg --pk-set-target=target=x86-64-v3 --pk-apply-recipe=recipe=%pk_src_root/recipes/cpu.mlir --canonicalize --pk-hoist-vector-transfers %s | FileCheck %s --check-prefix=AVX2
// Without a target, the host's register tile.
// RUN: pk-opt --pk-lower-to-linalg --pk-apply-recipe --canonicalize --pk-hoist-vector-transfers %s | FileCheck %s --check-prefix=HOST
// A user recipe replaces the default.
// RUN: pk-opt --pk-lower-to-linalg --pk-apply-recipe=recipe=%S/Inputs/tile-only-recipe.mlir %s | FileCheck %s --check-prefix=USER

// AVX512-LABEL: func.func @matmul
// AVX512: scf.forall ({{.*}}) in (4, 2) shared_outs
// AVX512:   linalg.fill {{.*}} -> tensor<64x64xf32>
// AVX512:   scf.for {{.*}} step %c128
// AVX512:     scf.for {{.*}} step %c8
// AVX512:       scf.for {{.*}} step %c32
// AVX512:         %[[ACC:.+]] = vector.transfer_read {{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// AVX512:         scf.for {{.*}} iter_args({{.*}}, %[[VACC:.+]] = %[[ACC]]) -> ({{.*}}vector<8x32xf32>)
// AVX512-COUNT-8:   vector.fma {{.*}} : vector<32xf32>
// AVX512-NOT:       vector.transfer_write
// AVX512:           scf.yield
// AVX512:         vector.transfer_write {{.*}} : vector<8x32xf32>, tensor<8x32xf32>

// AVX2-LABEL: func.func @matmul
// AVX2:       scf.for {{.*}} step %c4
// AVX2:         scf.for {{.*}} step %c16
// AVX2:           %[[ACC:.+]] = vector.transfer_read {{.*}} : tensor<4x16xf32>, vector<4x16xf32>
// AVX2:           scf.for {{.*}} iter_args({{.*}}, %[[VACC:.+]] = %[[ACC]]) -> ({{.*}}vector<4x16xf32>)
// AVX2-COUNT-4:     vector.fma {{.*}} : vector<16xf32>
// AVX2-NOT:         vector.transfer_write
// AVX2:             scf.yield

// HOST-LABEL: func.func @matmul
// HOST:       vector.fma {{.*}} : vector<{{16|32}}xf32>

// USER-LABEL: func.func @matmul
// USER: scf.forall ({{.*}}) in (8, 8) shared_outs
// USER: linalg.matmul {{.*}} outs({{.*}} : tensor<32x16xf32>)
// USER-NOT: vector.
func.func @matmul(%a: tensor<256x512xf32>, %b: tensor<512x128xf32>) -> tensor<256x128xf32> {
  %c = pk.matmul %a, %b : tensor<256x512xf32>, tensor<512x128xf32> -> tensor<256x128xf32>
  return %c : tensor<256x128xf32>
}

// The default recipe's convolution schedule: parallel tiles of 4 output rows
// x 64 channels, a 7-pixel x 32-channel register tile as a 1-D convolution
// vectorized along the (contiguous) channels.
// RUN: pk-opt --pk-lower-to-linalg --pk-set-target=target=x86-64-v4 --pk-apply-recipe --canonicalize %s | FileCheck %s --check-prefix=CONV
// CONV-LABEL: func.func @conv_nhwc
// CONV:       scf.forall ({{.*}}) in (14) shared_outs
// CONV:         scf.for {{.*}} step %c7
// CONV:           scf.for {{.*}} step %c32
// CONV:             vector.fma {{.*}} : vector<32xf32>
// CONV-NOT:   linalg.conv_2d_nhwc_hwcf
func.func @conv_nhwc(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x56x56x64xf32> {
  %y = pk.conv2d %x, %w nhwc : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32> -> tensor<1x56x56x64xf32>
  return %y : tensor<1x56x56x64xf32>
}
