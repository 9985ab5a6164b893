//===- PKOps.td - perfkernel operations --------------------*- tablegen -*-===//

#ifndef PK_OPS_TD
#define PK_OPS_TD

include "pk/Dialect/PK/PKDialect.td"
include "pk/Dialect/PK/PKInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

include "pk/Dialect/PK/PKConvOps.td"

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

def PK_MatmulOp : PK_Op<"matmul",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "matrix multiplication, plain or batched, with optional transposes";
  let description = [{
    Computes `result[b, m, n] = Σ_k lhs[b, m, k] · rhs[b, k, n]` for rank-3
    operands (batched) or the same without `b` for rank-2 operands.
    `transpose_lhs` reads `lhs` as `[b, k, m]`, `transpose_rhs` reads `rhs`
    as `[b, n, k]`; neither transpose is materialised.

    Operands share one element type (f32, f16 or bf16). The result has the
    same element type, or f32 to accumulate and return low-precision inputs
    in f32.

    ```mlir
    %c = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
    %d = pk.matmul %q, %k transpose_rhs
        : tensor<4x128x64xf16>, tensor<4x256x64xf16> -> tensor<4x128x256xf32>
    ```

    An optional `bias` of shape `[N]` (the result's element type) is added
    along the last dimension, then an optional `activation` is applied, in
    f32, exactly as on `pk.conv2d`: `"relu"`, `"sigmoid"`, `"tanh"`, or
    `"clip"` with bounds `clip = array<f32: lo, hi>` (`lo <= hi`).
    `pk-fuse-activations` folds separate bias adds and activations into it.

    ```mlir
    %r = pk.matmul %a, %b bias(%bias : tensor<16xf32>)
        {activation = "clip", clip = array<f32: 0.0, 6.0>}
        : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
    ```
  }];
  let arguments = (ins PK_FloatTensor:$lhs, PK_FloatTensor:$rhs,
                       Optional<PK_FloatTensor>:$bias,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs,
                       OptionalAttr<PK_ActivationAttr>:$activation,
                       OptionalAttr<DenseF32ArrayAttr>:$clip);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// True for rank-3 (batched) operands.
    bool isBatched() { return getLhs().getType().getRank() == 3; }
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise activations
//===----------------------------------------------------------------------===//

class PK_UnaryActivationOp<string mnemonic, string formula>
    : PK_Op<mnemonic, [Pure, SameOperandsAndResultType,
                       DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "elementwise " # mnemonic;
  let description = "Computes `" # formula # "` for every element of a "
    # "ranked f32, f16 or bf16 tensor.\n\n```mlir\n%y = pk." # mnemonic
    # " %x : tensor<8x128xf32>\n```";
  let arguments = (ins PK_FloatTensor:$input);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def PK_SigmoidOp : PK_UnaryActivationOp<"sigmoid", "1 / (1 + exp(-x))">;
def PK_TanhOp : PK_UnaryActivationOp<"tanh", "tanh(x)">;

//===----------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------===//

def PK_SoftmaxOp : PK_Op<"softmax",
    [Pure, SameOperandsAndResultType,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "numerically stable softmax along one axis";
  let description = [{
    `result = exp(x - max(x)) / Σ exp(x - max(x))` along `axis`, a dimension
    index in `[0, rank)`.

    ```mlir
    %p = pk.softmax %s axis = 1 : tensor<128x256xf32>
    ```
  }];
  let arguments = (ins PK_FloatTensor:$input,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$axis);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def PK_AttentionOp : PK_Op<"attention",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "scaled dot-product attention softmax(scale·Q·Kᵀ [+ mask])·V";
  let description = [{
    `query` is `[batch..., Nq, D]`, `key` is `[batch..., Nk, D]`, `value` is
    `[batch..., Nk, Dv]` and the result is `[batch..., Nq, Dv]`, with zero to
    two leading batch dimensions that all operands share. `scale` defaults to
    `1/sqrt(D)`. `causal` masks key `j` for query `i` when `j > i` (the
    top-left aligned lower triangle, as PyTorch's `is_causal`).

    Operands share one element type (f32, f16 or bf16); the result has the
    same element type or f32.

    ```mlir
    %o = pk.attention %q, %k, %v causal
        : tensor<8x1024x64xf32>, tensor<8x1024x64xf32>, tensor<8x1024x64xf32>
        -> tensor<8x1024x64xf32>
    %p = pk.attention %q, %k, %v scale = 0.5 : tensor<16x32xf32>,
        tensor<24x32xf32>, tensor<24x8xf32> -> tensor<16x8xf32>
    ```
  }];
  let arguments = (ins PK_FloatTensor:$query, PK_FloatTensor:$key,
                       PK_FloatTensor:$value, OptionalAttr<F32Attr>:$scale,
                       UnitAttr:$causal);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`scale` `=` $scale^)? (`causal` $causal^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The explicit scale, or 1/sqrt(D) where D is the head dimension.
    double getScaleOrDefault();
  }];
}

include "pk/Dialect/PK/PKPerfKernelOps.td"

#endif // PK_OPS_TD
