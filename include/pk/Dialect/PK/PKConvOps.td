//===- PKConvOps.td - convolution and pooling ops ----------*- tablegen -*-===//

#ifndef PK_CONV_OPS_TD
#define PK_CONV_OPS_TD

include "pk/Dialect/PK/PKDialect.td"
include "pk/Dialect/PK/PKInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Window geometry shared by convolution and pooling: two strides, four
// paddings [top, left, bottom, right], two dilations.
defvar PK_Strides = DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">;
defvar PK_Padding = DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">;
defvar PK_Dilations = DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">;

// An activation applied to a convolution's (or matmul's) result in its f32
// accumulator type, after the bias: "relu" (max(x, 0)), "clip" (min(max(x,
// lo), hi) with `clip = array<f32: lo, hi>`), "sigmoid" or "tanh". The
// lowering emits it as one epilogue op with the bias, which schedules fuse
// into the tile that computes the result.
def PK_ActivationAttr : ConfinedAttr<StrAttr, [AttrConstraint<
    CPred<"::llvm::is_contained(::llvm::ArrayRef<::llvm::StringRef>{"
          "\"relu\", \"clip\", \"sigmoid\", \"tanh\"}, "
          "::llvm::cast<::mlir::StringAttr>($_self).getValue())">,
    "one of \"relu\", \"clip\", \"sigmoid\", \"tanh\"">]>;

def PK_Conv2DOp : PK_Op<"conv2d",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "2-D convolution (NCHW or NHWC), strided, padded, dilated, grouped";
  let description = [{
    `result[n, f, oh, ow] = bias[f] + Σ_{c, kh, kw} input[n, g·C/G + c,
    oh·sh + kh·dh − pt, ow·sw + kw·dw − pl] · filter[f, c, kh, kw]` where
    `g = f / (F/G)` and out-of-range input positions read zero.

    Layouts: by default `input` is NCHW, `filter` FCHW (`[F, C/G, KH, KW]`)
    and the result NCHW; with `nhwc`, `input` is NHWC, `filter` HWCF
    (`[KH, KW, C/G, F]`) and the result NHWC. `strides` and `dilations` are
    `[h, w]`, `padding` is `[top, left, bottom, right]`, `groups` divides
    both C and F. The optional `bias` is `[F]`. Operands share one element
    type (f32, f16, bf16); the result has that type or f32, and
    accumulation is always f32.

    ```mlir
    %y = pk.conv2d %x, %w bias(%b : tensor<64xf32>)
        {padding = array<i64: 1, 1, 1, 1>}
        : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32> -> tensor<1x64x56x56xf32>
    %z = pk.conv2d %x, %w nhwc {strides = array<i64: 2, 2>, groups = 2 : i64}
        : tensor<1x32x32x16xf32>, tensor<3x3x8x32xf32> -> tensor<1x15x15x32xf32>
    ```

    An optional `activation` is applied to `result` after the bias, in f32:
    `"relu"`, `"sigmoid"`, `"tanh"`, or `"clip"` with bounds
    `clip = array<f32: lo, hi>` (`lo <= hi`). `pk-fuse-activations` folds
    separate activation ops into it.

    ```mlir
    %r = pk.conv2d %x, %w bias(%b : tensor<64xf32>)
        {activation = "clip", clip = array<f32: 0.0, 6.0>}
        : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32> -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins PK_FloatTensor:$input, PK_FloatTensor:$filter,
                       Optional<PK_FloatTensor>:$bias,
                       PK_Strides:$strides, PK_Padding:$padding,
                       PK_Dilations:$dilations,
                       DefaultValuedAttr<ConfinedAttr<I64Attr, [IntMinValue<1>]>,
                                         "1">:$groups,
                       UnitAttr:$nhwc,
                       OptionalAttr<PK_ActivationAttr>:$activation,
                       OptionalAttr<DenseF32ArrayAttr>:$clip);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`bias` `(` $bias^ `:` type($bias) `)`)? (`nhwc` $nhwc^)?
    attr-dict `:` type($input) `,` type($filter) `->` type($result)
  }];
  let hasVerifier = 1;
}

def PK_BatchNormOp : PK_Op<"batch_norm",
    [Pure, AllTypesMatch<["input", "result"]>,
     AllTypesMatch<["scale", "bias", "mean", "variance"]>,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "inference batch normalization (NCHW or NHWC)";
  let description = [{
    `result[n, c, h, w] = (input[n, c, h, w] − mean[c]) · scale[c] /
    √(variance[c] + epsilon) + bias[c]` with the running statistics of a
    trained network (PyTorch's `BatchNorm2d` in `eval()` mode; `scale` is
    γ, `bias` is β). The channel axis is 1 (NCHW), or 3 with `nhwc`.
    `scale`, `bias`, `mean` and `variance` are `[C]` tensors of one type,
    with the input's element type or f32; arithmetic is f32 and the result
    has the input's type. `epsilon` (default 1e-5) is non-negative.
    `pk-fold-batch-norm` folds it into a preceding `pk.conv2d`.

    ```mlir
    %y = pk.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-03 : f32}
        : tensor<1x64x56x56xf32>, tensor<64xf32>
    %z = pk.batch_norm %x2, %gamma, %beta, %mean, %var nhwc
        : tensor<1x56x56x64xf16>, tensor<64xf32>
    ```
  }];
  let arguments = (ins PK_FloatTensor:$input, PK_FloatTensor:$scale,
                       PK_FloatTensor:$bias, PK_FloatTensor:$mean,
                       PK_FloatTensor:$variance,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon,
                       UnitAttr:$nhwc);
  let results = (outs PK_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance (`nhwc` $nhwc^)?
    attr-dict `:` type($input) `,` type($scale)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Position of the channel dimension: 1 (NCHW) or 3 (NHWC).
    int64_t getChannelDim() { return getNhwc() ? 3 : 1; }
  }];
}

class PK_Pool2DOp<string mnemonic, dag extraArguments = (ins)>
    : PK_Op<mnemonic, [Pure, InferTypeOpAdaptorWithIsCompatible,
                      DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let arguments = !con((ins PK_FloatTensor:$input, DenseI64ArrayAttr:$kernel,
                            OptionalAttr<DenseI64ArrayAttr>:$strides,
                            PK_Padding:$padding, PK_Dilations:$dilations,
                            UnitAttr:$nhwc),
                       extraArguments);
  let results = (outs PK_FloatTensor:$result);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// `strides`, or the kernel size when absent (as PyTorch does).
    SmallVector<int64_t> getStridesOrKernel() {
      if (std::optional<ArrayRef<int64_t>> s = getStrides())
        return SmallVector<int64_t>(*s);
      return SmallVector<int64_t>(getKernel());
    }
  }];
}

def PK_MaxPool2DOp : PK_Pool2DOp<"max_pool2d"> {
  let summary = "2-D max pooling (NCHW or NHWC)";
  let description = [{
    The maximum over each `kernel = [KH, KW]` window; `strides` default to
    the kernel size, `padding` (`[top, left, bottom, right]`) never wins the
    maximum. Layout NCHW, or NHWC with `nhwc`. The result has the input's
    element type.

    ```mlir
    %p = pk.max_pool2d %y {kernel = array<i64: 2, 2>}
        : tensor<1x64x56x56xf32> -> tensor<1x64x28x28xf32>
    ```
  }];
  let assemblyFormat = [{
    $input (`nhwc` $nhwc^)? attr-dict `:` type($input) `->` type($result)
  }];
}

def PK_AvgPool2DOp : PK_Pool2DOp<"avg_pool2d", (ins UnitAttr:$exclude_padding)> {
  let summary = "2-D average pooling (NCHW or NHWC)";
  let description = [{
    The mean over each `kernel = [KH, KW]` window; `strides` default to the
    kernel size. Padding counts as zeros in the divisor, as PyTorch's
    default `count_include_pad=True`; with `exclude_padding` only the
    elements inside the input are counted. Sums are taken in f32.

    ```mlir
    %a = pk.avg_pool2d %y exclude_padding {kernel = array<i64: 3, 3>,
        strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>}
        : tensor<1x8x7x7xf32> -> tensor<1x8x7x7xf32>
    ```
  }];
  let assemblyFormat = [{
    $input (`nhwc` $nhwc^)? (`exclude_padding` $exclude_padding^)?
    attr-dict `:` type($input) `->` type($result)
  }];
}

#endif // PK_CONV_OPS_TD
