"""Build pk kernels from Python, without writing MLIR text.

    from perfkernel import pk

    @pk.kernel(pk.tensor(64, 32), pk.tensor(32, 16))
    def mm_softmax(a, b):
        return pk.softmax(pk.matmul(a, b), axis=1)

    print(mm_softmax.mlir)            # the func.func, verified
    out = mm_softmax(a_np, b_np)      # compiled on first use (cached)
    fast = mm_softmax.compile(threads=2)

The decorated function is traced once, with symbolic values standing for
its arguments; each builder appends one op in MLIR's generic form and
returns its result(s). The module is parsed and verified right away, so a
mistake is an MLIRError carrying the verifier's message. A new op needs
only a function computing its result type(s) and calling ``emit``.
"""

import functools
import re
import threading

import numpy as np

__all__ = ["kernel", "tensor", "TensorType", "Value", "KernelDef", "emit",
           "matmul", "sigmoid", "tanh", "softmax", "attention",
           "conv2d", "batch_norm", "max_pool2d", "avg_pool2d",
           "embedding_bag", "fused_embedding_bag", "quantize_rowwise",
           "dequantize_rowwise", "lstm_unit", "adagrad", "sparse_adagrad",
           "axpy", "box_cox", "quantize_and_compress",
           "decompress_and_dequantize"]

_NUMPY_TO_MLIR = {
    np.dtype(np.float16): "f16", np.dtype(np.float32): "f32",
    np.dtype(np.float64): "f64", np.dtype(np.bool_): "i1",
    np.dtype(np.int8): "i8", np.dtype(np.int16): "i16",
    np.dtype(np.int32): "i32", np.dtype(np.int64): "i64",
    np.dtype(np.uint8): "i8", np.dtype(np.uint16): "i16",
    np.dtype(np.uint32): "i32", np.dtype(np.uint64): "i64",
}
_ELEMENT_TYPES = {"f16", "bf16", "f32", "f64", "i1", "i8", "i16", "i32",
                  "i64"}


def _element_type(dtype):
    if isinstance(dtype, str) and dtype in _ELEMENT_TYPES:
        return dtype
    try:
        return _NUMPY_TO_MLIR[np.dtype(dtype)]
    except (TypeError, KeyError):
        raise ValueError(f"unsupported element type {dtype!r}; expected one "
                         f"of {', '.join(sorted(_ELEMENT_TYPES))} or a "
                         "matching NumPy dtype") from None


class TensorType:
    """A statically shaped ranked tensor type."""

    def __init__(self, shape, dtype="f32"):
        shape = tuple(int(d) for d in shape)
        if any(d < 0 for d in shape):
            raise ValueError(f"tensor dimensions must be >= 0, got {shape}")
        self.shape = shape
        self.dtype = _element_type(dtype)

    @property
    def rank(self):
        return len(self.shape)

    def __eq__(self, other):
        return isinstance(other, TensorType) and (self.shape, self.dtype) \
            == (other.shape, other.dtype)

    def __hash__(self):
        return hash((self.shape, self.dtype))

    def __str__(self):
        dims = "".join(f"{d}x" for d in self.shape)
        return f"tensor<{dims}{self.dtype}>"

    __repr__ = __str__


def tensor(*shape, dtype="f32"):
    """``tensor(64, 32)`` or ``tensor((64, 32), dtype="f16")``."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return TensorType(shape, dtype)


class Value:
    """A symbolic SSA value inside a kernel being traced."""

    def __init__(self, builder, name, type):
        self._builder = builder
        self.name = name
        self.type = type

    shape = property(lambda self: self.type.shape)
    dtype = property(lambda self: self.type.dtype)
    rank = property(lambda self: self.type.rank)

    def __repr__(self):
        return f"<pk.Value {self.name} : {self.type}>"


class _Builder:
    def __init__(self):
        self.lines = []
        self.count = 0


_tracing = threading.local()


def _current_builder(operands):
    builder = getattr(_tracing, "builder", None)
    if builder is None:
        raise RuntimeError("pk ops build kernels: call them inside a "
                           "function decorated with @pk.kernel")
    for v in operands:
        if not isinstance(v, Value):
            raise TypeError(f"pk op operands must be pk.Value, got "
                            f"{type(v).__name__}")
        if v._builder is not builder:
            raise ValueError(f"{v.name} belongs to another kernel")
    return builder


def _format_properties(properties):
    items = []
    for key, value in properties.items():
        if value is None or value is False:
            continue
        items.append(key if value is True else f"{key} = {value}")
    return "<{" + ", ".join(items) + "}> " if items else ""


def emit(op_name, operands, result_types, properties=None):
    """Appends ``op_name`` in generic form; returns its result Value, or a
    tuple of them for several results. `properties` maps inherent attribute
    names to MLIR attribute text (True: a unit attribute; None/False: left
    out)."""
    builder = _current_builder(operands)
    name = f"%{builder.count}"
    builder.count += 1
    n = len(result_types)
    lhs = f"{name} = " if n == 1 else (f"{name}:{n} = " if n else "")
    operand_names = ", ".join(v.name for v in operands)
    in_types = ", ".join(str(v.type) for v in operands)
    out_types = ", ".join(str(t) for t in result_types)
    builder.lines.append(
        f'{lhs}"{op_name}"({operand_names}) '
        f"{_format_properties(properties or {})}"
        f": ({in_types}) -> ({out_types})")
    if n == 1:
        return Value(builder, name, result_types[0])
    return tuple(Value(builder, f"{name}#{i}", t)
                 for i, t in enumerate(result_types))


# Attribute text helpers.
def _i64(value):
    return f"{int(value)} : i64"


def _f32(value):
    # Exact f32 bits: every float (and inf/nan, for the verifier to reject)
    # round-trips, whatever Python prints.
    bits = np.array([value], dtype=np.float32).view(np.uint32)[0]
    return f"0x{int(bits):08X} : f32"


def _segments(*sizes):
    return "array<i32: " + ", ".join(str(s) for s in sizes) + ">"


def _i64_array(values):
    return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"


def _f32_array(values):
    # The same exact bits as _f32, as dense array elements.
    bits = np.array(values, dtype=np.float32).view(np.uint32)
    return "array<f32: " + ", ".join(f"0x{int(b):08X}" for b in bits) + ">"


def _pair(op, what, value, minimum):
    """An int, or two values [h, w], each at least `minimum`."""
    if isinstance(value, (int, np.integer)):
        value = (value, value)
    value = tuple(int(v) for v in value)
    if len(value) != 2 or any(v < minimum for v in value):
        raise ValueError(f"{op}: {what} must be an int or 2 values [h, w], "
                         f"each >= {minimum}, got {value}")
    return value


def _padding(op, value):
    """An int (all sides), [h, w] (top = bottom, left = right) or
    [top, left, bottom, right], each >= 0."""
    if isinstance(value, (int, np.integer)):
        value = (value,) * 4
    value = tuple(int(v) for v in value)
    if len(value) == 2:
        value = value * 2
    if len(value) != 4 or any(v < 0 for v in value):
        raise ValueError(f"{op}: padding must be an int, [h, w] or [top, "
                         f"left, bottom, right], each >= 0, got {value}")
    return value


def _image(op, x, nhwc):
    """(n, c, h, w) of a rank-4 NCHW (or NHWC) operand."""
    if x.rank != 4:
        layout = "NHWC" if nhwc else "NCHW"
        raise ValueError(f"{op} expects a rank-4 {layout} input, got "
                         f"{x.type}")
    n, a, b, c = x.shape
    return (n, c, a, b) if nhwc else (n, a, b, c)


def _window_output(op, h, w, kernel, strides, padding, dilations):
    """Output (oh, ow) of a window sweep, as the pk verifiers compute it."""
    out = []
    for size, k, s, d, before, after in (
            (h, kernel[0], strides[0], dilations[0], padding[0], padding[2]),
            (w, kernel[1], strides[1], dilations[1], padding[1], padding[3])):
        span = d * (k - 1) + 1
        if size + before + after < span:
            raise ValueError(f"{op}: the {kernel[0]}x{kernel[1]} window "
                             f"(dilations {dilations}) does not fit the "
                             f"padded {h}x{w} input")
        out.append((size + before + after - span) // s + 1)
    return tuple(out)


def _window_properties(strides, padding, dilations, nhwc):
    """Window attributes, leaving out the ops' defaults."""
    return {"strides": None if strides is None else _i64_array(strides),
            "padding": None if padding == (0, 0, 0, 0)
            else _i64_array(padding),
            "dilations": None if dilations == (1, 1)
            else _i64_array(dilations),
            "nhwc": nhwc}


_ACTIVATIONS = ("relu", "clip", "sigmoid", "tanh")


def _activation(op, activation, clip):
    """The `activation` (and `clip`) properties of a fused epilogue; `clip`
    alone implies activation "clip"."""
    if activation is None and clip is not None:
        activation = "clip"
    if activation is None:
        return {}
    if activation not in _ACTIVATIONS:
        raise ValueError(f"{op}: activation must be one of "
                         f"{', '.join(_ACTIVATIONS)}, got {activation!r}")
    if (activation == "clip") != (clip is not None):
        raise ValueError(f'{op}: activation "clip" needs clip=(lo, hi), '
                         "and no other activation takes clip")
    if clip is not None and len(clip) != 2:
        raise ValueError(f"{op}: clip must be (lo, hi), got {clip!r}")
    return {"activation": f'"{activation}"',
            "clip": None if clip is None else _f32_array(clip)}


def _bits(op, bits, allowed):
    if bits not in allowed:
        raise ValueError(f"{op}: bits must be one of "
                         f"{', '.join(map(str, allowed))}, got {bits!r}")
    return int(bits)


def _fused_row_bytes(block_size, bits):
    """Bytes of one fused row-wise quantized row (pk.fused_embedding_bag's
    layout): codes, then f32 scale and bias (8 bits) or f16 ones."""
    if bits == 8:
        return block_size + 8
    return (block_size * bits + 7) // 8 + 4


def _compressed_bytes(n, bits):
    """Bytes of pk.quantize_and_compress's output: header and packed codes."""
    per_byte = 8 // bits
    return 10 + (n + per_byte - 1) // per_byte


def _op(num_operands):
    """Checks a builder's leading operands (and Value keyword arguments)
    before it reads their types."""
    def wrap(fn):
        @functools.wraps(fn)
        def build(*args, **kwargs):
            _current_builder(list(args[:num_operands]) + [
                v for v in kwargs.values() if isinstance(v, Value)])
            return fn(*args, **kwargs)
        return build
    return wrap


# The pk ops.
@_op(2)
def matmul(lhs, rhs, *, transpose_lhs=False, transpose_rhs=False,
           dtype=None, bias=None, activation=None, clip=None):
    """``pk.matmul``: [b,]m×k times [b,]k×n (either read transposed);
    `dtype` (default: the operands') is the result element type; an
    optional [n] `bias`, then `activation` ("relu", "sigmoid", "tanh", or
    "clip" with clip=(lo, hi)) are fused into it."""
    if lhs.rank not in (2, 3) or lhs.rank != rhs.rank:
        raise ValueError(f"matmul expects operands of equal rank 2 or 3, "
                         f"got {lhs.type} and {rhs.type}")
    m = lhs.shape[-1] if transpose_lhs else lhs.shape[-2]
    n = rhs.shape[-2] if transpose_rhs else rhs.shape[-1]
    shape = lhs.shape[:-2] + (m, n)
    props = {"transpose_lhs": transpose_lhs, "transpose_rhs": transpose_rhs}
    props.update(_activation("matmul", activation, clip))
    # One optional operand: no operandSegmentSizes.
    return emit("pk.matmul", [lhs, rhs] + ([] if bias is None else [bias]),
                [TensorType(shape, dtype or lhs.dtype)], props)


@_op(1)
def sigmoid(x):
    return emit("pk.sigmoid", [x], [x.type])


@_op(1)
def tanh(x):
    return emit("pk.tanh", [x], [x.type])


@_op(1)
def softmax(x, axis=-1):
    """``pk.softmax`` along `axis` (negative counts from the end)."""
    if axis < 0:
        axis += x.rank
    return emit("pk.softmax", [x], [x.type], {"axis": _i64(axis)})


@_op(3)
def attention(query, key, value, *, scale=None, causal=False, dtype=None):
    """``pk.attention``: softmax(scale·Q·Kᵀ [masked]) · V over
    [batch..., N, D] operands; scale defaults to 1/sqrt(D)."""
    shape = query.shape[:-1] + value.shape[-1:]
    return emit("pk.attention", [query, key, value],
                [TensorType(shape, dtype or query.dtype)],
                {"scale": None if scale is None else _f32(scale),
                 "causal": causal})


@_op(2)
def conv2d(input, filter, *, bias=None, strides=1, padding=0, dilations=1,
           groups=1, nhwc=False, activation=None, clip=None, dtype=None):
    """``pk.conv2d``: NCHW input and FCHW ([F, C/G, KH, KW]) filter, or with
    `nhwc` NHWC input and HWCF filter; `padding` is an int, [h, w] or [top,
    left, bottom, right]; optional [F] `bias` and fused `activation`."""
    n, _, h, w = _image("conv2d", input, nhwc)
    if filter.rank != 4:
        layout = "HWCF" if nhwc else "FCHW"
        raise ValueError(f"conv2d expects a rank-4 {layout} filter, got "
                         f"{filter.type}")
    f = filter.shape[3] if nhwc else filter.shape[0]
    kernel = filter.shape[:2] if nhwc else filter.shape[2:]
    strides = _pair("conv2d", "strides", strides, 1)
    padding = _padding("conv2d", padding)
    dilations = _pair("conv2d", "dilations", dilations, 1)
    oh, ow = _window_output("conv2d", h, w, kernel, strides, padding,
                            dilations)
    shape = (n, oh, ow, f) if nhwc else (n, f, oh, ow)
    props = _window_properties(None if strides == (1, 1) else strides,
                               padding, dilations, nhwc)
    props["groups"] = None if groups == 1 else _i64(groups)
    props.update(_activation("conv2d", activation, clip))
    # One optional operand: no operandSegmentSizes.
    return emit("pk.conv2d",
                [input, filter] + ([] if bias is None else [bias]),
                [TensorType(shape, dtype or input.dtype)], props)


@_op(5)
def batch_norm(input, scale, bias, mean, variance, *, epsilon=1e-5,
               nhwc=False):
    """``pk.batch_norm`` (inference): (x − mean)·scale/√(variance + ε) +
    bias over the channel axis (1, or 3 with `nhwc`)."""
    return emit("pk.batch_norm", [input, scale, bias, mean, variance],
                [input.type], {"epsilon": _f32(epsilon), "nhwc": nhwc})


def _pool2d(op, input, kernel, strides, padding, dilations, nhwc, extra):
    n, c, h, w = _image(op, input, nhwc)
    kernel = _pair(op, "kernel", kernel, 1)
    if strides is not None:
        strides = _pair(op, "strides", strides, 1)
    padding = _padding(op, padding)
    dilations = _pair(op, "dilations", dilations, 1)
    oh, ow = _window_output(op, h, w, kernel, strides or kernel, padding,
                            dilations)
    shape = (n, oh, ow, c) if nhwc else (n, c, oh, ow)
    props = {"kernel": _i64_array(kernel)}
    props.update(_window_properties(strides, padding, dilations, nhwc))
    props.update(extra)
    return emit(f"pk.{op}", [input], [TensorType(shape, input.dtype)], props)


@_op(1)
def max_pool2d(input, kernel, *, strides=None, padding=0, dilations=1,
               nhwc=False):
    """``pk.max_pool2d`` over `kernel` ([h, w] or an int) windows; `strides`
    default to the kernel size."""
    return _pool2d("max_pool2d", input, kernel, strides, padding, dilations,
                   nhwc, {})


@_op(1)
def avg_pool2d(input, kernel, *, strides=None, padding=0, dilations=1,
               nhwc=False, exclude_padding=False):
    """``pk.avg_pool2d`` over `kernel` windows; padding counts in the divisor
    unless `exclude_padding`."""
    return _pool2d("avg_pool2d", input, kernel, strides, padding, dilations,
                   nhwc, {"exclude_padding": exclude_padding})


def _embedding_bag(op_name, table, indices, lengths, offsets, weights,
                   positional, mean, block_size, leading, properties):
    if (lengths is None) == (offsets is None):
        raise ValueError(f"{op_name} takes exactly one of lengths and "
                         "offsets")
    segments = lengths if lengths is not None else offsets
    bags = segments.shape[0] - (0 if lengths is not None else 1)
    optional = [lengths, offsets, weights]
    operands = [v for v in leading + [indices] + optional if v is not None]
    sizes = [int(v is not None) for v in leading] + [1] + \
        [int(v is not None) for v in optional]
    props = dict(properties)
    props.update({"operandSegmentSizes": _segments(*sizes),
                  "positional_weights": positional,
                  "normalize_by_lengths": mean})
    return emit(op_name, operands,
                [TensorType((bags, block_size), "f32"), TensorType((), "i32")],
                props)


@_op(2)
def embedding_bag(table, indices, *, lengths=None, offsets=None,
                  weights=None, positional=False, mean=False,
                  scale_bias=None):
    """``pk.embedding_bag``: per bag, the (weighted) sum or mean of table
    rows. Returns ``(result, status)``; see the op's documentation."""
    return _embedding_bag("pk.embedding_bag", table, indices, lengths,
                          offsets, weights, positional, mean,
                          table.shape[-1], [table, scale_bias], {})


@_op(2)
def fused_embedding_bag(table, indices, *, block_size, bits=8, lengths=None,
                        offsets=None, weights=None, positional=False,
                        mean=False):
    """``pk.fused_embedding_bag`` over row-wise quantized rows of `bits`
    bits; `block_size` is the number of elements per row."""
    return _embedding_bag("pk.fused_embedding_bag", table, indices, lengths,
                          offsets, weights, positional, mean, block_size,
                          [table], {"bit_rate": _i64(bits)})


@_op(1)
def quantize_rowwise(input, *, bits=8):
    """``pk.quantize_rowwise``: f32 rows × block_size to fused rows of
    `bits`-bit codes and their scale and bias (an i8 tensor of bytes)."""
    bits = _bits("quantize_rowwise", bits, (2, 4, 8))
    if input.rank != 2:
        raise ValueError(f"quantize_rowwise expects a rank-2 input (rows x "
                         f"block_size), got {input.type}")
    rows, block_size = input.shape
    return emit("pk.quantize_rowwise", [input],
                [TensorType((rows, _fused_row_bytes(block_size, bits)),
                            "i8")],
                {"bit_rate": _i64(bits)})


@_op(1)
def dequantize_rowwise(input, *, bits=8, block_size=None):
    """``pk.dequantize_rowwise``: fused quantized rows back to f32;
    `block_size` defaults to the most values a row's code bytes hold."""
    bits = _bits("dequantize_rowwise", bits, (2, 4, 8))
    if input.rank != 2:
        raise ValueError(f"dequantize_rowwise expects a rank-2 input (rows "
                         f"x row bytes), got {input.type}")
    rows, row_bytes = input.shape
    header = 8 if bits == 8 else 4
    if row_bytes < header:
        raise ValueError(f"dequantize_rowwise: rows of {row_bytes} bytes "
                         f"cannot hold the {header} bytes of scale and bias")
    if block_size is None:
        block_size = (row_bytes - header) * 8 // bits
    return emit("pk.dequantize_rowwise", [input],
                [TensorType((rows, block_size), "f32")],
                {"bit_rate": _i64(bits)})


@_op(3)
def lstm_unit(hidden_prev, cell_prev, gates, *, seq_lengths=None,
              timestep=None, forget_bias=0.0, drop_states=False):
    """``pk.lstm_unit``: one LSTM step from N × 4D gates (i, f, o, g);
    returns ``(hidden, cell)``."""
    if (seq_lengths is None) != (timestep is None):
        raise ValueError("lstm_unit takes seq_lengths and timestep together")
    if drop_states and seq_lengths is None:
        raise ValueError("lstm_unit: drop_states needs seq_lengths and "
                         "timestep")
    optional = [seq_lengths, timestep]
    operands = [hidden_prev, cell_prev, gates] + \
        [v for v in optional if v is not None]
    return emit("pk.lstm_unit", operands,
                [hidden_prev.type, hidden_prev.type],
                {"operandSegmentSizes": _segments(
                    1, 1, 1, *(int(v is not None) for v in optional)),
                 "forget_bias": _f32(forget_bias),
                 "drop_states": drop_states})


@_op(4)
def adagrad(param, moment, grad, lr, *, epsilon=1e-5, decay=1.0,
            weight_decay=0.0):
    """``pk.adagrad`` (dense); `lr` is a 0-d f32 tensor. Returns
    ``(new_param, new_moment)``."""
    return emit("pk.adagrad", [param, moment, grad, lr],
                [param.type, moment.type],
                {"epsilon": _f32(epsilon), "decay": _f32(decay),
                 "weight_decay": _f32(weight_decay)})


@_op(5)
def sparse_adagrad(param, moment, grad, indices, lr, *, epsilon=1e-5,
                   weight_decay=0.0):
    """``pk.sparse_adagrad``: updates the param rows named by `indices`
    (moment rows × D, or one value a row for row-wise Adagrad). Returns
    ``(new_param, new_moment, status)``."""
    return emit("pk.sparse_adagrad", [param, moment, grad, indices, lr],
                [param.type, moment.type, TensorType((), "i32")],
                {"epsilon": _f32(epsilon),
                 "weight_decay": _f32(weight_decay)})


@_op(3)
def axpy(x, y, a):
    """``pk.axpy``: a·x + y with x f32, f16 or uint8 codes (i8), y f32 and
    `a` a 0-d f32 tensor."""
    return emit("pk.axpy", [x, y, a], [y.type])


@_op(3)
def box_cox(data, lambda1, lambda2):
    """``pk.box_cox``: batch Box-Cox of N × D data with per-column
    lambdas."""
    return emit("pk.box_cox", [data, lambda1, lambda2], [data.type])


@_op(1)
def quantize_and_compress(input, *, bits=8):
    """``pk.quantize_and_compress``: an f32 vector to a 10-byte header and
    `bits`-bit codes (an i8 tensor of bytes)."""
    bits = _bits("quantize_and_compress", bits, (1, 2, 4, 8))
    if input.rank != 1:
        raise ValueError(f"quantize_and_compress expects a rank-1 input, "
                         f"got {input.type}")
    return emit("pk.quantize_and_compress", [input],
                [TensorType((_compressed_bytes(input.shape[0], bits),),
                            "i8")],
                {"bit_rate": _i64(bits)})


@_op(1)
def decompress_and_dequantize(input, *, bits=8, size=None):
    """``pk.decompress_and_dequantize``: compressed bytes back to `size` f32
    values (default: as many as the data bytes hold). Returns
    ``(result, status)``."""
    bits = _bits("decompress_and_dequantize", bits, (1, 2, 4, 8))
    if input.rank != 1 or input.shape[0] <= 10:
        raise ValueError(f"decompress_and_dequantize expects a rank-1 input "
                         f"of more than the 10 header bytes, got "
                         f"{input.type}")
    if size is None:
        size = (input.shape[0] - 10) * (8 // bits)
    return emit("pk.decompress_and_dequantize", [input],
                [TensorType((size,), "f32"), TensorType((), "i32")],
                {"bit_rate": _i64(bits)})


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*")


class KernelDef:
    """A traced kernel: ``.mlir`` (verified text), ``.compile(...)``, and
    calling it compiles with the defaults (once) and runs."""

    __pk_kernel__ = True

    def __init__(self, fn, arg_types, name):
        if not _NAME.fullmatch(name):
            raise ValueError(f"'{name}' is not a valid function name")
        for t in arg_types:
            if not isinstance(t, TensorType):
                raise TypeError("@pk.kernel arguments are pk.tensor(...) "
                                f"types, got {t!r}")
        self.name = name
        self.arg_types = tuple(arg_types)
        self.__doc__ = fn.__doc__
        builder = _Builder()
        args = [Value(builder, f"%arg{i}", t) for i, t in enumerate(arg_types)]
        _tracing.builder = builder
        try:
            results = fn(*args)
        finally:
            _tracing.builder = None
        if results is None:
            results = ()
        elif not isinstance(results, (tuple, list)):
            results = (results,)
        results = tuple(results)
        for r in results:
            if not isinstance(r, Value) or r._builder is not builder:
                raise TypeError(f"kernel '{name}' must return pk values of "
                                "its own")
        params = ", ".join(f"{a.name}: {a.type}" for a in args)
        ret_types = ", ".join(str(r.type) for r in results)
        body = "".join(f"  {line}\n" for line in builder.lines)
        if results:
            body += (f"  func.return {', '.join(r.name for r in results)} : "
                     f"{ret_types}\n")
        else:
            body += "  func.return\n"
        generic = f"func.func @{name}({params}) -> ({ret_types}) {{\n{body}}}\n"
        from .ir import Module
        # Parsing verifies: a wrong shape is an MLIRError right here.
        self.mlir = str(Module.parse(generic))
        self._default = None

    def module(self, context=None):
        """The kernel as a new ir.Module."""
        from .ir import Module
        return Module.parse(self.mlir, context)

    def compile(self, **options):
        """perfkernel.compile(self, **options)."""
        from .compiler import compile as _compile
        return _compile(self, self.name, **options)

    def __call__(self, *arrays):
        if self._default is None:
            self._default = self.compile()
        return self._default(*arrays)

    def __repr__(self):
        return f"<pk.kernel @{self.name}>"


def kernel(*arg_types, name=None):
    """Decorator tracing a Python function into a pk kernel taking tensors of
    `arg_types` (pk.tensor(...))."""
    def trace(fn):
        return KernelDef(fn, arg_types, name or fn.__name__)
    return trace
