//===- PKPerfKernelOps.td - caffe2 perfkernel families -----*- tablegen -*-===//
//
// Ops for the caffe2 perfkernel families (recommendation and sequence
// models). Included at the end of PKOps.td, so the PK dialect, traits and
// interfaces are already in scope.
//
//===----------------------------------------------------------------------===//

#ifndef PK_PERFKERNEL_OPS_TD
#define PK_PERFKERNEL_OPS_TD

include "mlir/IR/OpBase.td"

// A statically shaped tensor (of rank `rank` when given): kernels whose
// loops and packed layouts are sized at compile time.
class PK_StaticTensorOf<list<Type> allowedTypes, int rank = -1>
  : RankedTensorOf<allowedTypes,
      !if(!lt(rank, 0), [HasStaticShapePred],
          [HasStaticShapePred, HasAnyRankOfPred<[rank]>]),
      "statically shaped " # !if(!lt(rank, 0), "", rank # "D ") # "tensor">;

//===----------------------------------------------------------------------===//
// Embedding bags
//===----------------------------------------------------------------------===//

// Quantized bytes are signless i8 tensors read as unsigned (0..255), the way
// MLIR's arith ops treat signless integers by the op, not by the type.
def PK_EmbeddingIndices : 1DTensorOf<[I32, I64]>;
def PK_EmbeddingLengths : 1DTensorOf<[I32]>;
def PK_EmbeddingOffsets : 1DTensorOf<[I32, I64]>;
def PK_EmbeddingWeights : 1DTensorOf<[F32]>;
def PK_EmbeddingStatus : 0DTensorOf<[I32]>;

class PK_EmbeddingBagBase<string mnemonic, dag tableArgs, string tableFormat>
    : PK_Op<mnemonic, [Pure, AttrSizedOperandSegments,
                       InferTypeOpAdaptorWithIsCompatible,
                       DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let arguments = !con(tableArgs, (ins
      PK_EmbeddingIndices:$indices,
      Optional<PK_EmbeddingLengths>:$lengths,
      Optional<PK_EmbeddingOffsets>:$offsets,
      Optional<PK_EmbeddingWeights>:$weights,
      UnitAttr:$positional_weights,
      UnitAttr:$normalize_by_lengths));
  let results = (outs 2DTensorOf<[F32]>:$result, PK_EmbeddingStatus:$status);
  let assemblyFormat = "$table `[` $indices `]`"
    # " (`lengths` `(` $lengths^ `:` type($lengths) `)`)?"
    # " (`offsets` `(` $offsets^ `:` type($offsets) `)`)?"
    # " (`weights` `(` $weights^ `:` type($weights) `)`)?"
    # " (`positional` $positional_weights^)?"
    # tableFormat
    # " (`mean` $normalize_by_lengths^)?"
    # " attr-dict `:` type($table) `,` type($indices) `->` type($result) `,`"
    # " type($status)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Number of bags (rows of the result).
    int64_t getNumSegments() { return getResult().getType().getDimSize(0); }
    /// Width of one embedding row (columns of the result).
    int64_t getBlockSize() { return getResult().getType().getDimSize(1); }
  }];
}

// The status bits shared by both embedding-bag ops (documented once here,
// referenced from both descriptions).
defvar PK_EmbeddingStatusDoc = [{
    The second result, `status`, is `0` for valid input and otherwise an OR of:

    | bit | meaning |
    | --- | --- |
    | 1 | an index is outside `[0, rows)`: it contributes nothing |
    | 2 | segments are inconsistent: a negative length, lengths not summing to the number of indices, decreasing offsets, or offsets not spanning all indices; each segment is clipped to the indices that exist |
    | 4 | a positional weight position is beyond the weights tensor: that term contributes nothing |

    Whatever the input, the kernel never reads or writes out of bounds, and
    the result is fully defined (so both pipelines agree on it). `pk-run`
    treats a nonzero status as an error when the function result carries
    the `pk.status` attribute.
}];

defvar PK_EmbeddingSegmentsDoc = [{
    Segment `m` (bag `m`, row `m` of the result) is given either by
    `lengths` (i32, one per bag: segment `m` covers the next `lengths[m]`
    indices) or by `offsets` (the indices' element type, one more entry than
    bags: segment `m` covers positions `[offsets[m] - offsets[0],
    offsets[m+1] - offsets[0])`), exactly one of them.

    `weights` (f32) is optional: without it every weight is 1; with it the
    weight of position `j` is `weights[j]` (one per index), or with
    `positional` `weights[j - start]` where `start` is the segment's first
    position (one weight per position inside a bag). `mean`
    (`normalize_by_lengths`) divides each bag by its length; empty bags are
    zeros in every mode.
}];

def PK_EmbeddingBagOp : PK_EmbeddingBagBase<"embedding_bag",
    (ins RankedTensorOf<[F32, F16, BF16, I8]>:$table,
         Optional<2DTensorOf<[F32]>>:$scale_bias),
    " (`scale_bias` `(` $scale_bias^ `:` type($scale_bias) `)`)?"> {
  let summary = "sum (or mean) of weighted table rows per segment (caffe2 "
                "EmbeddingLookup / EmbeddingLookupIdx)";
  let description = [{
    `result[m, :] = Σ_j w_j · table[indices[j], :]` over the positions `j`
    of segment `m`. The table is `rows × block_size` of f32, f16 or bf16, or
    of uint8 codes (an i8 tensor read as unsigned) with a separate per-row
    `scale_bias` tensor `rows × 2` (f32 scale, f32 bias) that dequantizes
    row `r` as `scale_bias[r, 0] · q + scale_bias[r, 1]`, so each term adds
    `w·scale·q + w·bias`. Indices are i32 or i64. The result is f32
    `bags × block_size`; accumulation is f32.
  }] # PK_EmbeddingSegmentsDoc # PK_EmbeddingStatusDoc # [{

    ```mlir
    %out, %status = pk.embedding_bag %table[%indices] lengths(%lengths : tensor<4xi32>)
        : tensor<1000x64xf32>, tensor<32xi64> -> tensor<4x64xf32>, tensor<i32>
    %q, %st = pk.embedding_bag %codes[%idx] offsets(%offs : tensor<5xi32>)
        weights(%w : tensor<8xf32>) positional scale_bias(%sb : tensor<100x2xf32>) mean
        : tensor<100x16xi8>, tensor<32xi32> -> tensor<4x16xf32>, tensor<i32>
    ```
  }];
}

def PK_FusedEmbeddingBagOp : PK_EmbeddingBagBase<"fused_embedding_bag",
    (ins 2DTensorOf<[I8]>:$table,
         ConfinedAttr<I64Attr, [IntIsOneOf<[2, 4, 8]>]>:$bit_rate),
    " `bits` `=` $bit_rate"> {
  let summary = "embedding bag over fused row-wise quantized rows (caffe2 "
                "Fused8BitRowwiseEmbeddingLookup / FusedNBitRowwise...)";
  let description = [{
    Like `pk.embedding_bag`, over a table whose rows carry their own
    quantization parameters (an i8 tensor read as unsigned bytes):

    - `bits = 8`: a row is `block_size` codes followed by an f32 scale and
      an f32 bias (little-endian), `block_size + 8` bytes.
    - `bits = 4` or `2`: a row is `ceil(block_size · bits / 8)` bytes of
      codes packed lowest bits first (element `d` is bits
      `[(d mod k)·bits, (d mod k + 1)·bits)` of byte `d / k`, `k = 8/bits`),
      followed by an f16 scale and an f16 bias, 4 bytes.

    Each term adds `w·scale·q + w·bias`; the result is f32.
  }] # PK_EmbeddingSegmentsDoc # PK_EmbeddingStatusDoc # [{

    ```mlir
    %out, %status = pk.fused_embedding_bag %table[%indices] lengths(%lengths : tensor<4xi32>)
        bits = 8 : tensor<1000x72xi8>, tensor<32xi64> -> tensor<4x64xf32>, tensor<i32>
    %o4, %s4 = pk.fused_embedding_bag %t4[%idx] offsets(%offs : tensor<5xi64>)
        weights(%w : tensor<32xf32>) bits = 4 mean
        : tensor<1000x36xi8>, tensor<32xi64> -> tensor<4x64xf32>, tensor<i32>
    ```
  }];
  let extraClassDeclaration = [{
    int64_t getNumSegments() { return getResult().getType().getDimSize(0); }
    int64_t getBlockSize() { return getResult().getType().getDimSize(1); }
    /// Bytes of one fused row for `blockSize` elements at `bitRate` bits.
    static int64_t getFusedRowBytes(int64_t blockSize, int64_t bitRate);
    /// The most elements a fused row of `rowBytes` bytes holds at `bitRate`
    /// (the block size result type inference gives; below 1 when none fit).
    static int64_t getMaxBlockSize(int64_t rowBytes, int64_t bitRate);
  }];
}

//===----------------------------------------------------------------------===//
// Row-wise quantization
//===----------------------------------------------------------------------===//

def PK_QuantizeRowwiseOp : PK_Op<"quantize_rowwise",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "f32 rows to fused row-wise quantized rows (caffe2 "
                "FloatToFused8BitRowwiseQuantized / FloatToFusedNBitRowwise...)";
  let description = [{
    Quantizes each row of `input` (`rows × block_size` f32) on its own into
    the fused layout `pk.fused_embedding_bag` reads (an i8 tensor holding
    unsigned bytes):

    - `bits = 8`: `scale = range / 255`, `bias = min`, codes
      `round_half_even((x - min) · 255 / (range + 1e-8))`, stored as
      `block_size` bytes followed by f32 scale and bias: `block_size + 8`
      bytes a row.
    - `bits = 4` or `2`: `min` is first rounded to f16 (`bias`),
      `scale = range / (2^bits - 1)` rounded to f16, or 1 when the range is
      0 (or the f16 scale is 0 or its inverse overflows); codes
      `round_half_even((x - bias) / scale)` clamped to `[0, 2^bits - 1]`,
      packed lowest bits first, followed by the f16 scale and bias.

    `range = max - min` of the row (after rounding `min` for N bits).

    ```mlir
    %q8 = pk.quantize_rowwise %x bits = 8 : tensor<1000x64xf32> -> tensor<1000x72xi8>
    %q4 = pk.quantize_rowwise %x bits = 4 : tensor<1000x64xf32> -> tensor<1000x36xi8>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32], 2>:$input,
                       ConfinedAttr<I64Attr, [IntIsOneOf<[2, 4, 8]>]>:$bit_rate);
  let results = (outs PK_StaticTensorOf<[I8], 2>:$result);
  let assemblyFormat = [{
    $input `bits` `=` $bit_rate attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def PK_DequantizeRowwiseOp : PK_Op<"dequantize_rowwise",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "fused row-wise quantized rows to f32 (caffe2 "
                "Fused8BitRowwiseQuantizedToFloat / FusedNBitRowwise...ToFloat)";
  let description = [{
    The inverse of `pk.quantize_rowwise`: `result[r, d] = scale_r · q + bias_r`
    with the row's codes and parameters read from the fused layout (f32
    scale and bias for `bits = 8`, f16 for 4 and 2). `block_size` is the
    result's row width.

    ```mlir
    %x = pk.dequantize_rowwise %q bits = 4 : tensor<1000x36xi8> -> tensor<1000x64xf32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[I8], 2>:$input,
                       ConfinedAttr<I64Attr, [IntIsOneOf<[2, 4, 8]>]>:$bit_rate);
  let results = (outs PK_StaticTensorOf<[F32], 2>:$result);
  let assemblyFormat = [{
    $input `bits` `=` $bit_rate attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// LSTM unit
//===----------------------------------------------------------------------===//

def PK_LstmUnitOp : PK_Op<"lstm_unit",
    [Pure, AttrSizedOperandSegments,
     AllTypesMatch<["hidden_prev", "cell_prev", "hidden", "cell"]>,
     AllElementTypesMatch<["hidden_prev", "gates"]>,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "one LSTM cell step from precomputed gates (caffe2 LSTMUnit)";
  let description = [{
    `gates` is `N × 4D` in caffe2's order i, f, o, g. With
    `i = σ(gates[:, 0:D])`, `f = σ(gates[:, D:2D] + forget_bias)`,
    `o = σ(gates[:, 2D:3D])`, `g = tanh(gates[:, 3D:4D])`:
    `cell = f · cell_prev + i · g`, `hidden = o · tanh(cell)`
    (σ(x) = 1 / (1 + exp(-x)); computed in f32 whatever the element type).

    With `seq_lengths` (i32, one per row) and the current `timestep` (a
    `tensor<i32>`), rows whose `timestep >= seq_lengths[n]` are past the end
    of their sequence: they keep `hidden_prev` / `cell_prev`, or become
    zeros with `drop_states`.

    ```mlir
    %h, %c = pk.lstm_unit %h0, %c0, %gates forget_bias = 1.0
        : tensor<32x64xf32>, tensor<32x256xf32> -> tensor<32x64xf32>
    %h2, %c2 = pk.lstm_unit %h1, %c1, %gates seq_lengths(%len : tensor<32xi32>)
        timestep(%t : tensor<i32>) drop_states
        : tensor<32x64xf32>, tensor<32x256xf32> -> tensor<32x64xf32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32, F16, BF16], 2>:$hidden_prev,
                       PK_StaticTensorOf<[F32, F16, BF16], 2>:$cell_prev,
                       PK_StaticTensorOf<[F32, F16, BF16], 2>:$gates,
                       Optional<1DTensorOf<[I32]>>:$seq_lengths,
                       Optional<0DTensorOf<[I32]>>:$timestep,
                       DefaultValuedAttr<F32Attr, "0.0">:$forget_bias,
                       UnitAttr:$drop_states);
  let results = (outs PK_StaticTensorOf<[F32, F16, BF16], 2>:$hidden,
                      PK_StaticTensorOf<[F32, F16, BF16], 2>:$cell);
  let assemblyFormat = [{
    $hidden_prev `,` $cell_prev `,` $gates
    (`seq_lengths` `(` $seq_lengths^ `:` type($seq_lengths) `)`)?
    (`timestep` `(` $timestep^ `:` type($timestep) `)`)?
    (`forget_bias` `=` $forget_bias^)? (`drop_states` $drop_states^)?
    attr-dict `:` type($hidden_prev) `,` type($gates) `->` type($hidden)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Adagrad
//===----------------------------------------------------------------------===//

def PK_AdagradOp : PK_Op<"adagrad",
    [Pure, AllTypesMatch<["param", "moment", "new_param", "new_moment"]>,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "dense Adagrad update (caffe2 adagrad_update)";
  let description = [{
    Elementwise over tensors of one shape, computed in f32 whatever the
    storage type (f32, f16 or bf16 for `param` and `moment`; the gradient
    is f32):
    `g' = grad + weight_decay · param`,
    `new_moment = decay · moment + g'²`,
    `new_param = param + lr · g' / (sqrt(new_moment) + epsilon)`.
    `lr` is a `tensor<f32>` operand (it changes between steps); `epsilon`
    (default 1e-5), `decay` (default 1) and `weight_decay` (default 0) are
    attributes.

    ```mlir
    %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) epsilon = 1.0e-06
        decay = 0.9 : tensor<1024x64xf32>, tensor<1024x64xf32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32, F16, BF16]>:$param,
                       PK_StaticTensorOf<[F32, F16, BF16]>:$moment,
                       PK_StaticTensorOf<[F32]>:$grad,
                       0DTensorOf<[F32]>:$lr,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon,
                       DefaultValuedAttr<F32Attr, "1.0">:$decay,
                       DefaultValuedAttr<F32Attr, "0.0">:$weight_decay);
  let results = (outs PK_StaticTensorOf<[F32, F16, BF16]>:$new_param,
                      PK_StaticTensorOf<[F32, F16, BF16]>:$new_moment);
  let assemblyFormat = [{
    $param `,` $moment `,` $grad `lr` `(` $lr `:` type($lr) `)`
    (`epsilon` `=` $epsilon^)? (`decay` `=` $decay^)?
    (`weight_decay` `=` $weight_decay^)?
    attr-dict `:` type($param) `,` type($grad)
  }];
  let hasVerifier = 1;
}

def PK_SparseAdagradOp : PK_Op<"sparse_adagrad",
    [Pure, AllTypesMatch<["param", "new_param"]>,
     AllTypesMatch<["moment", "new_moment"]>, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "Adagrad update of the rows named by indices (caffe2 "
                "SparseAdagrad / RowWiseSparseAdagrad)";
  let description = [{
    `param` is `rows × D`; `grad` (f32) holds one `D`-wide row per index;
    row `indices[i]` of `param` is updated with `grad[i]`, in index order
    (a repeated index is updated twice, as caffe2 does), computing in f32:

    - `moment` `rows × D` (element-wise): `g' = grad + weight_decay · w`,
      `h' = h + g'²`, `w' = w + lr · g' / (sqrt(h') + epsilon)`.
    - `moment` with one value per row (rank 1, row-wise Adagrad):
      `h' = h + mean(g'²)` over the row, then
      `w' = w + g' · lr / (sqrt(h') + epsilon)`.

    The lowering updates the rows of (a buffer holding) `param` and
    `moment` in place: bufferization writes into the operands' own buffers
    when they are writable (function arguments are unless marked
    `bufferization.writable = false`), else copies them once first.

    `param` and `moment` are f32, f16 or bf16 (one type). The `status`
    result is 1 when an index is outside `[0, rows)`: that row is skipped
    (nothing is read or written out of bounds), the others are updated;
    0 otherwise.

    ```mlir
    %w1, %h1, %st = pk.sparse_adagrad %w, %h, %g[%idx] lr(%lr : tensor<f32>)
        : tensor<1000x64xf32>, tensor<1000x64xf32>, tensor<32x64xf32>, tensor<32xi64>
        -> tensor<i32>
    %w2, %h2, %st2 = pk.sparse_adagrad %w, %hr, %g[%idx] lr(%lr : tensor<f32>)
        epsilon = 1.0e-06 weight_decay = 0.01
        : tensor<1000x64xf32>, tensor<1000xf32>, tensor<32x64xf32>, tensor<32xi64>
        -> tensor<i32>
    ```
  }];
  let arguments = (ins 2DTensorOf<[F32, F16, BF16]>:$param,
                       RankedTensorOf<[F32, F16, BF16]>:$moment,
                       2DTensorOf<[F32]>:$grad,
                       1DTensorOf<[I32, I64]>:$indices,
                       0DTensorOf<[F32]>:$lr,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon,
                       DefaultValuedAttr<F32Attr, "0.0">:$weight_decay);
  let results = (outs 2DTensorOf<[F32, F16, BF16]>:$new_param,
                      RankedTensorOf<[F32, F16, BF16]>:$new_moment,
                      0DTensorOf<[I32]>:$status);
  let assemblyFormat = [{
    $param `,` $moment `,` $grad `[` $indices `]` `lr` `(` $lr `:` type($lr) `)`
    (`epsilon` `=` $epsilon^)? (`weight_decay` `=` $weight_decay^)?
    attr-dict `:` type($param) `,` type($moment) `,` type($grad) `,`
    type($indices) `->` type($status)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// One moment value per row (row-wise Adagrad).
    bool isRowwise() { return getMoment().getType().getRank() == 1; }
  }];
}

//===----------------------------------------------------------------------===//
// Typed axpy and batch Box-Cox (caffe2 TypedAxpy, compute_batch_box_cox)
//===----------------------------------------------------------------------===//

def PK_AxpyOp : PK_Op<"axpy",
    [Pure, AllTypesMatch<["y", "result"]>,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "y + a·x with x in f32, f16 or uint8 and y in f32 (caffe2 "
                "TypedAxpy)";
  let description = [{
    Elementwise `result = a · x + y` (one fused multiply-add in f32) over
    tensors of one shape. `y` and the result are f32; `x` is f32, f16
    (widened to f32) or uint8 codes (an i8 tensor read as unsigned, 0..255,
    like the quantized embedding tables). `a` is a `tensor<f32>` operand,
    so one compiled kernel serves every scale. caffe2 updates `y` in place;
    here the result is a new value (bufferization reuses `y`'s buffer when
    it can).

    ```mlir
    %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<1024xf16>, tensor<1024xf32>
    %q = pk.axpy %codes, %y a(%a : tensor<f32>) : tensor<64x16xi8>, tensor<64x16xf32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32, F16, I8]>:$x,
                       PK_StaticTensorOf<[F32]>:$y,
                       0DTensorOf<[F32]>:$a);
  let results = (outs PK_StaticTensorOf<[F32]>:$result);
  let assemblyFormat = [{
    $x `,` $y `a` `(` $a `:` type($a) `)` attr-dict `:` type($x) `,` type($y)
  }];
  let hasVerifier = 1;
}

def PK_BoxCoxOp : PK_Op<"box_cox",
    [Pure, AllTypesMatch<["data", "result"]>,
     AllTypesMatch<["lambda1", "lambda2"]>,
     AllElementTypesMatch<["data", "lambda1"]>,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "batch Box-Cox transform with per-column lambdas (caffe2 "
                "compute_batch_box_cox)";
  let description = [{
    `data` is `N × D`; `lambda1` and `lambda2` hold one value per column.
    With `s = max(data[n, d] + lambda2[d], 1e-6)`:
    `result[n, d] = log(s)` when `lambda1[d] == 0`, else
    `(s ^ lambda1[d] - 1) / lambda1[d]`. The guard keeps the logarithm and
    the power finite for inputs at or below `-lambda2`. f32 or f64, computed
    in the element type; the lambdas have the data's element type.

    ```mlir
    %y = pk.box_cox %x, %l1, %l2 : tensor<128x16xf32>, tensor<16xf32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32, F64], 2>:$data,
                       PK_StaticTensorOf<[F32, F64], 1>:$lambda1,
                       PK_StaticTensorOf<[F32, F64], 1>:$lambda2);
  let results = (outs PK_StaticTensorOf<[F32, F64], 2>:$result);
  let assemblyFormat = [{
    $data `,` $lambda1 `,` $lambda2 attr-dict `:` type($data) `,`
    type($lambda1)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Whole-tensor quantization (caffe2 math::quantize_and_compress)
//===----------------------------------------------------------------------===//

defvar PK_CompressedLayoutDoc = [{
    The compressed form is an i8 tensor of unsigned bytes: a 10-byte header
    `[bitwidth (1 byte), tail (1 byte), min (f32), max (f32)]` (floats
    little-endian) followed by `S = ceil(n / k)` data bytes, `k = 8 / bits`
    codes a byte, `tail = k·S - n` unused slots. The input is cut into `k`
    consecutive segments of `S` elements (the last one shorter by `tail`):
    element `b·S + i` is the code in bits `[b·bits, (b+1)·bits)` of data
    byte `i`.
}];

def PK_QuantizeAndCompressOp : PK_Op<"quantize_and_compress",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "f32 vector to min/max quantized, bit-packed bytes (caffe2 "
                "math::quantize_and_compress)";
  let description = [{
    Quantizes the whole `input` (n f32 values) with one `min` and `max`:
    `gap = (max - min) / (2^bits - 1)`, `inv = 1 / (gap + 1e-8)` (the sum
    and quotient in f64, rounded to f32, as caffe2 does), code
    `round_half_even(clamp((x - min) · inv, 0, 2^bits - 1))`. Only caffe2's
    deterministic mode (`random = false`) is provided.
  }] # PK_CompressedLayoutDoc # [{

    ```mlir
    %q = pk.quantize_and_compress %x bits = 4 : tensor<1000xf32> -> tensor<510xi8>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[F32], 1>:$input,
                       ConfinedAttr<I64Attr, [IntIsOneOf<[1, 2, 4, 8]>]>:$bit_rate);
  let results = (outs PK_StaticTensorOf<[I8], 1>:$result);
  let assemblyFormat = [{
    $input `bits` `=` $bit_rate attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Bytes of the compressed form of `n` values at `bits` bits.
    static int64_t getCompressedBytes(int64_t n, int64_t bits) {
      int64_t perByte = 8 / bits;
      return 10 + (n + perByte - 1) / perByte;
    }
  }];
}

def PK_DecompressAndDequantizeOp : PK_Op<"decompress_and_dequantize",
    [Pure, InferTypeOpAdaptorWithIsCompatible,
     DeclareOpInterfaceMethods<PK_CostModelOpInterface>]> {
  let summary = "bit-packed bytes back to f32 (caffe2 "
                "math::decompress_and_dequantize)";
  let description = [{
    The inverse of `pk.quantize_and_compress`: `result[j] = q_j · gap + min`
    with `gap = (max - min) / (2^bits - 1) + 1e-8` (the sum in f64, rounded
    to f32) and `min`, `max` read from the header. `bits` and the result
    length `n` are static; the `status` result is 1 when the header's
    bitwidth or tail byte disagrees with them (the values are still decoded
    with the static layout, so nothing is read out of bounds), 0 otherwise.
  }] # PK_CompressedLayoutDoc # [{

    ```mlir
    %x, %status = pk.decompress_and_dequantize %q bits = 4
        : tensor<510xi8> -> tensor<1000xf32>, tensor<i32>
    ```
  }];
  let arguments = (ins PK_StaticTensorOf<[I8], 1>:$input,
                       ConfinedAttr<I64Attr, [IntIsOneOf<[1, 2, 4, 8]>]>:$bit_rate);
  let results = (outs PK_StaticTensorOf<[F32], 1>:$result,
                      0DTensorOf<[I32]>:$status);
  let assemblyFormat = [{
    $input `bits` `=` $bit_rate attr-dict `:` type($input) `->` type($result)
    `,` type($status)
  }];
  let hasVerifier = 1;
}

#endif // PK_PERFKERNEL_OPS_TD
