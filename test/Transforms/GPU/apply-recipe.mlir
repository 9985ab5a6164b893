// RUN: pk-opt --pk-gpu-apply-recipe %s | FileCheck %s --check-prefix=BUILTIN
// RUN: pk-opt --pk-gpu-apply-recipe="recipe=%S/Inputs/tile-by-8.mlir" %s | FileCheck %s --check-prefix=USER
// RUN: not pk-opt --pk-gpu-apply-recipe="entry=__no_such_entry" %s 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not pk-opt --pk-gpu-apply-recipe="recipe=%t.missing.mlir" %s 2>&1 | FileCheck %s --check-prefix=MISSING

// The built-in recipe's entry on tensors: 128x128 block tiles of the
// matmul (2 x 4 blocks), marked for shared-memory promotion.
// BUILTIN: scf.forall (%{{.*}}, %{{.*}}) in (2, 4)
// BUILTIN: linalg.matmul {pk.gpu_promote}
// BUILTIN: mapping = [#gpu.block<y>, #gpu.block<x>]
// A user recipe replaces it.
// USER: scf.forall (%{{.*}}, %{{.*}}) in (32, 64)
// USER-NOT: pk.gpu_promote
// USER: mapping = [#gpu.block<y>, #gpu.block<x>]
// ENTRY: error: could not find a nested named sequence with name: __no_such_entry
// MISSING: error: cannot read recipe file '{{.*}}.missing.mlir'
func.func @mm(%a: tensor<256x128xf32>, %b: tensor<128x512xf32>, %c: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<256x128xf32>, tensor<128x512xf32>) outs(%c : tensor<256x512xf32>) -> tensor<256x512xf32>
  return %r : tensor<256x512xf32>
}
