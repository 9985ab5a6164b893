// The built-in recipe packs the operands of large static GEMMs (M >= 64,
// N >= 768) and keeps the direct schedule for small and skinny ones. After
// pk-cpu-pipeline, the packed inner loop is a register tile of FMAs: 8x32
// on vector<32xf32> for x86-64-v4, 4x16 on vector<16xf32> (two ymm each)
// for x86-64-v3: the target's register tile, a parameter of the recipe.
// RUN: pk-opt --pk-lower-to-linalg --pk-set-target=target=x86-64-v4 --pk-apply-recipe --canonicalize %s | FileCheck %s --check-prefix=PACK512
// RUN: pk-opt --pk-lower-to-linalg --pk-set-target=target=x86-64-v3 --pk-apply-recipe --canonicalize %s | FileCheck %s --check-prefix=PACK2
// RUN: pk-opt --pk-cpu-pipeline=target=x86-64-v3 %s | FileCheck %s --check-prefix=LLVM2
// A copy of the library given as recipe= gets the same parameters.
// RUN: pk-opt --pk-cpu-pipeline="target=x86-64-v4 recipe=%pk_src_root/recipes/cpu.mlir" %s | FileCheck %s --check-prefix=LLVM512

// A (M x K) is copied to [M/8][K][8] by a loop of its own. Each work item
// is a 2048x64 tile of C (here all 128 rows, 16 tiles): it copies its 64
// columns of B to [2][K][32] (zero-padded in the last, 40-column tile),
// computes a zero-filled packed [16][2][8][32] block and unpacks it into C
// at once: no whole packed B or C and no separate unpacking pass.
// PACK512-LABEL: func.func @large
// PACK512: scf.forall {{.*}} -> (tensor<16x130x8xf32>)
// PACK512-NOT: tensor<32x130x32xf32>)
// PACK512: scf.forall (%{{.*}}) in (16) {{.*}} -> (tensor<128x1000xf32>)
// PACK512: tensor.pad %{{.*}} low[0, 0] high[0, %{{.*}}]
// PACK512: vector.transfer_read {{.*}} : tensor<?x1x32xf32>, vector<8x32xf32>
// PACK512: linalg.fill {{.*}} -> tensor<16x?x8x32xf32>
// PACK512: vector.broadcast {{.*}} to vector<8x32xf32>
// PACK512: arith.mulf {{.*}} : vector<8x32xf32>
// PACK512: arith.addf {{.*}} : vector<8x32xf32>
// PACK512: vector.transfer_read {{.*}} : tensor<1x1x8x32xf32>, vector<8x32xf32>
// PACK512: vector.transfer_write {{.*}} : vector<8x32xf32>, tensor<?x?xf32>
// PACK512-NOT: scf.forall (
// PACK512: return
// PACK2-LABEL: func.func @large
// PACK2: scf.forall {{.*}} -> (tensor<32x130x4xf32>)
// PACK2-NOT: tensor<63x130x16xf32>)
// PACK2: scf.forall (%{{.*}}) in (16) {{.*}} -> (tensor<128x1000xf32>)
// PACK2: vector.transfer_read {{.*}} : tensor<?x1x16xf32>, vector<8x16xf32>
// PACK2: arith.mulf {{.*}} : vector<4x16xf32>
// LLVM2-LABEL: llvm.func @large
// LLVM2-COUNT-4: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// LLVM512-LABEL: llvm.func @large
// LLVM512-COUNT-8: llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
func.func @large(%a: tensor<128x130xf32>, %b: tensor<130x1000xf32>) -> tensor<128x1000xf32> {
  %c = pk.matmul %a, %b : tensor<128x130xf32>, tensor<130x1000xf32> -> tensor<128x1000xf32>
  return %c : tensor<128x1000xf32>
}

// M = 16 (skinny) and N = 512 stay unpacked. The skinny GEMM gets all 16
// rows x 256 columns per work item and K panels of 32 rows of B; the narrow
// one the direct 64x64 tile schedule.
// PACK512-LABEL: func.func @skinny
// PACK512-NOT: tensor.pad
// PACK512-NOT: tensor.expand_shape
// PACK512: scf.forall (%{{.*}}) in (4) {{.*}} -> (tensor<16x1024xf32>)
// PACK512: scf.for %{{.*}} = %c0 to %c1024 step %c32 {{.*}} -> (tensor<16x256xf32>)
// PACK512-COUNT-8: vector.fma {{.*}} : vector<32xf32>
// PACK512-LABEL: func.func @narrow
// PACK512-NOT: tensor.expand_shape
// PACK512: scf.forall {{.*}} -> (tensor<256x512xf32>)
func.func @skinny(%a: tensor<16x1024xf32>, %b: tensor<1024x1024xf32>) -> tensor<16x1024xf32> {
  %c = pk.matmul %a, %b : tensor<16x1024xf32>, tensor<1024x1024xf32> -> tensor<16x1024xf32>
  return %c : tensor<16x1024xf32>
}
func.func @narrow(%a: tensor<256x256xf32>, %b: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %c = pk.matmul %a, %b : tensor<256x256xf32>, tensor<256x512xf32> -> tensor<256x512xf32>
  return %c : tensor<256x512xf32>
}
