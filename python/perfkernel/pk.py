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
returns its result(s). Result types come from each op's own C++ inference
(InferTypeOpInterface, through the C API), so no shape rule is written
twice, and the module is parsed and verified right away: a mistake is an
MLIRError carrying the op's message, located at the Python line that built
the op. A new op needs only a builder calling ``emit``.
"""

import ctypes
import functools
import os
import sys
import threading

import numpy as np

__all__ = ["kernel", "tensor", "TensorType", "Value", "KernelDef", "emit",
           "infer_result_types",
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


def _property_items(properties):
    items = []
    for key, value in (properties or {}).items():
        if value is None or value is False:
            continue
        items.append(key if value is True else f"{key} = {value}")
    return items


def _call_site():
    """(file, line) of the user code that called the builder: the frame
    outside this package, so MLIR errors point at the kernel's source."""
    package = os.path.dirname(os.path.abspath(__file__))
    frame = sys._getframe(1)
    while frame is not None and os.path.dirname(
            os.path.abspath(frame.f_code.co_filename)) == package:
        frame = frame.f_back
    if frame is None:
        return "<unknown>", 0
    return frame.f_code.co_filename, frame.f_lineno


def _location_text(site):
    name = site[0].replace("\\", "\\\\").replace('"', '\\"')
    return f'loc("{name}":{site[1]}:1)'


def _tensor_type(handle):
    """The TensorType of an MLIR type handle (a static ranked tensor)."""
    from ._capi import lib
    from .ir import Type
    if not (lib.mlirTypeIsARankedTensor(handle)
            and lib.mlirShapedTypeHasStaticShape(handle)):
        raise ValueError(f"pk builders make static ranked tensors, got "
                         f"{Type(handle, None)}")
    shape = [lib.mlirShapedTypeGetDimSize(handle, i)
             for i in range(lib.mlirShapedTypeGetRank(handle))]
    element = Type(lib.mlirShapedTypeGetElementType(handle), None)
    return TensorType(shape, str(element))


def infer_result_types(op_name, operands, properties=None, *, _site=None):
    """The result types of `op_name` on `operands` with `properties` (as for
    ``emit``), from the op's own C++ inference (InferTypeOpInterface): the
    rule its verifier checks. Raises MLIRError with the op's message."""
    from . import _capi
    from .ir import Attribute, Context, Type
    _current_builder(operands)
    ctx = Context.current()
    site = _site or _call_site()
    file_ref, keep_file = _capi.to_str_ref(site[0])
    location = _capi.lib.mlirLocationFileLineColGet(ctx._handle, file_ref,
                                                    site[1], 1)
    types = (ctypes.c_void_p * max(len(operands), 1))(
        *(Type.parse(str(v.type), ctx)._handle for v in operands))
    attrs = Attribute.parse("{" + ", ".join(_property_items(properties))
                            + "}", ctx)
    name_ref, keep_name = _capi.to_str_ref(op_name)
    inferred = []

    def collect(count, handles, _user_data):
        try:
            inferred.extend(_tensor_type(handles[i]) for i in range(count))
        except Exception as e:  # never unwind through C frames
            inferred.append(e)

    callback = _capi.TYPES_CALLBACK(collect)
    with ctx._capture() as capture:
        ok = _capi.lib.pkInferResultTypes(name_ref, location, len(operands),
                                          types, attrs._handle, callback,
                                          None)
    if not ok:
        raise capture.fail(f"Unable to infer the result types of {op_name}")
    for t in inferred:
        if isinstance(t, Exception):
            raise t
    return inferred


def emit(op_name, operands, properties=None, result_types=None):
    """Appends ``op_name`` in generic form; returns its result Value, or a
    tuple of them for several results. `properties` maps inherent attribute
    names to MLIR attribute text (True: a unit attribute; None/False: left
    out). `result_types` default to the op's inferred ones (see
    ``infer_result_types``)."""
    builder = _current_builder(operands)
    site = _call_site()
    if result_types is None:
        result_types = infer_result_types(op_name, operands, properties,
                                          _site=site)
    name = f"%{builder.count}"
    builder.count += 1
    n = len(result_types)
    lhs = f"{name} = " if n == 1 else (f"{name}:{n} = " if n else "")
    operand_names = ", ".join(v.name for v in operands)
    in_types = ", ".join(str(v.type) for v in operands)
    out_types = ", ".join(str(t) for t in result_types)
    items = _property_items(properties)
    props = "<{" + ", ".join(items) + "}> " if items else ""
    builder.lines.append(
        f'{lhs}"{op_name}"({operand_names}) {props}'
        f": ({in_types}) -> ({out_types}) {_location_text(site)}")
    if n == 1:
        return Value(builder, name, result_types[0])
    return tuple(Value(builder, f"{name}#{i}", t)
                 for i, t in enumerate(result_types))


def _refined(op_name, operands, properties, dtype=None, last_dim=None):
    """Inferred result types with what the caller chose and the operands do
    not determine: the first result's element type or last dimension."""
    types = infer_result_types(op_name, operands, properties,
                               _site=_call_site())
    first = types[0]
    shape = first.shape if last_dim is None else first.shape[:-1] + (
        int(last_dim),)
    types[0] = TensorType(shape, first.dtype if dtype is None else dtype)
    return types


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


def _pair(value):
    """An int (both dimensions) or [h, w], as the ops' arrays; the op
    verifies the values."""
    if isinstance(value, (int, np.integer)):
        value = (value, value)
    return tuple(int(v) for v in value)


def _padding(value):
    """An int (all sides), [h, w] (top = bottom, left = right) or
    [top, left, bottom, right], as the ops' [top, left, bottom, right]."""
    if isinstance(value, (int, np.integer)):
        value = (value,) * 4
    value = tuple(int(v) for v in value)
    return value * 2 if len(value) == 2 else value


def _window_properties(strides, padding, dilations, nhwc):
    """Window attributes, leaving out the ops' defaults."""
    return {"strides": None if strides is None else _i64_array(strides),
            "padding": None if padding == (0, 0, 0, 0)
            else _i64_array(padding),
            "dilations": None if dilations == (1, 1)
            else _i64_array(dilations),
            "nhwc": nhwc}


def _activation(activation, clip):
    """The `activation` (and `clip`) properties of a fused epilogue; `clip`
    alone implies activation "clip"."""
    if activation is None and clip is not None:
        activation = "clip"
    if activation is None:
        return {}
    return {"activation": f'"{activation}"',
            "clip": None if clip is None else _f32_array(clip)}


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


# The pk ops. Result types come from each op's C++ inference; a builder
# only turns Python arguments into the op's operands and attributes.
@_op(2)
def matmul(lhs, rhs, *, transpose_lhs=False, transpose_rhs=False,
           dtype=None, bias=None, activation=None, clip=None):
    """``pk.matmul``: [b,]m×k times [b,]k×n (either read transposed);
    `dtype` (default: the operands') is the result element type; an
    optional [n] `bias`, then `activation` ("relu", "sigmoid", "tanh", or
    "clip" with clip=(lo, hi)) are fused into it."""
    props = {"transpose_lhs": transpose_lhs, "transpose_rhs": transpose_rhs}
    props.update(_activation(activation, clip))
    # One optional operand: no operandSegmentSizes.
    operands = [lhs, rhs] + ([] if bias is None else [bias])
    return emit("pk.matmul", operands, props,
                _refined("pk.matmul", operands, props, dtype=dtype))


@_op(1)
def sigmoid(x):
    return emit("pk.sigmoid", [x])


@_op(1)
def tanh(x):
    return emit("pk.tanh", [x])


@_op(1)
def softmax(x, axis=-1):
    """``pk.softmax`` along `axis` (negative counts from the end)."""
    if axis < 0:
        axis += x.rank
    return emit("pk.softmax", [x], {"axis": _i64(axis)})


@_op(3)
def attention(query, key, value, *, scale=None, causal=False, dtype=None):
    """``pk.attention``: softmax(scale·Q·Kᵀ [masked]) · V over
    [batch..., N, D] operands; scale defaults to 1/sqrt(D)."""
    operands = [query, key, value]
    props = {"scale": None if scale is None else _f32(scale),
             "causal": causal}
    return emit("pk.attention", operands, props,
                _refined("pk.attention", operands, props, dtype=dtype))


@_op(2)
def conv2d(input, filter, *, bias=None, strides=1, padding=0, dilations=1,
           groups=1, nhwc=False, activation=None, clip=None, dtype=None):
    """``pk.conv2d``: NCHW input and FCHW ([F, C/G, KH, KW]) filter, or with
    `nhwc` NHWC input and HWCF filter; `padding` is an int, [h, w] or [top,
    left, bottom, right]; optional [F] `bias` and fused `activation`."""
    strides = _pair(strides)
    props = _window_properties(None if strides == (1, 1) else strides,
                               _padding(padding), _pair(dilations), nhwc)
    props["groups"] = None if groups == 1 else _i64(groups)
    props.update(_activation(activation, clip))
    # One optional operand: no operandSegmentSizes.
    operands = [input, filter] + ([] if bias is None else [bias])
    return emit("pk.conv2d", operands, props,
                _refined("pk.conv2d", operands, props, dtype=dtype))


@_op(5)
def batch_norm(input, scale, bias, mean, variance, *, epsilon=1e-5,
               nhwc=False):
    """``pk.batch_norm`` (inference): (x − mean)·scale/√(variance + ε) +
    bias over the channel axis (1, or 3 with `nhwc`)."""
    return emit("pk.batch_norm", [input, scale, bias, mean, variance],
                {"epsilon": _f32(epsilon), "nhwc": nhwc})


def _pool2d(op, input, kernel, strides, padding, dilations, nhwc, extra):
    props = {"kernel": _i64_array(_pair(kernel))}
    props.update(_window_properties(
        None if strides is None else _pair(strides), _padding(padding),
        _pair(dilations), nhwc))
    props.update(extra)
    return emit(f"pk.{op}", [input], props)


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
    optional = [lengths, offsets, weights]
    operands = [v for v in leading + [indices] + optional if v is not None]
    sizes = [int(v is not None) for v in leading] + [1] + \
        [int(v is not None) for v in optional]
    props = dict(properties)
    props.update({"operandSegmentSizes": _segments(*sizes),
                  "positional_weights": positional,
                  "normalize_by_lengths": mean})
    return emit(op_name, operands, props,
                _refined(op_name, operands, props, last_dim=block_size))


@_op(2)
def embedding_bag(table, indices, *, lengths=None, offsets=None,
                  weights=None, positional=False, mean=False,
                  scale_bias=None):
    """``pk.embedding_bag``: per bag, the (weighted) sum or mean of table
    rows. Returns ``(result, status)``; see the op's documentation."""
    return _embedding_bag("pk.embedding_bag", table, indices, lengths,
                          offsets, weights, positional, mean, None,
                          [table, scale_bias], {})


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
    return emit("pk.quantize_rowwise", [input], {"bit_rate": _i64(bits)})


@_op(1)
def dequantize_rowwise(input, *, bits=8, block_size=None):
    """``pk.dequantize_rowwise``: fused quantized rows back to f32;
    `block_size` defaults to the most values a row's code bytes hold."""
    props = {"bit_rate": _i64(bits)}
    return emit("pk.dequantize_rowwise", [input], props,
                _refined("pk.dequantize_rowwise", [input], props,
                         last_dim=block_size))


@_op(3)
def lstm_unit(hidden_prev, cell_prev, gates, *, seq_lengths=None,
              timestep=None, forget_bias=0.0, drop_states=False):
    """``pk.lstm_unit``: one LSTM step from N × 4D gates (i, f, o, g);
    returns ``(hidden, cell)``."""
    if (seq_lengths is None) != (timestep is None):
        raise ValueError("lstm_unit takes seq_lengths and timestep together")
    optional = [seq_lengths, timestep]
    operands = [hidden_prev, cell_prev, gates] + \
        [v for v in optional if v is not None]
    return emit("pk.lstm_unit", operands,
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
                {"epsilon": _f32(epsilon), "decay": _f32(decay),
                 "weight_decay": _f32(weight_decay)})


@_op(5)
def sparse_adagrad(param, moment, grad, indices, lr, *, epsilon=1e-5,
                   weight_decay=0.0):
    """``pk.sparse_adagrad``: updates the param rows named by `indices`
    (moment rows × D, or one value a row for row-wise Adagrad). Returns
    ``(new_param, new_moment, status)``."""
    return emit("pk.sparse_adagrad", [param, moment, grad, indices, lr],
                {"epsilon": _f32(epsilon),
                 "weight_decay": _f32(weight_decay)})


@_op(3)
def axpy(x, y, a):
    """``pk.axpy``: a·x + y with x f32, f16 or uint8 codes (i8), y f32 and
    `a` a 0-d f32 tensor."""
    return emit("pk.axpy", [x, y, a])


@_op(3)
def box_cox(data, lambda1, lambda2):
    """``pk.box_cox``: batch Box-Cox of N × D data with per-column
    lambdas."""
    return emit("pk.box_cox", [data, lambda1, lambda2])


@_op(1)
def quantize_and_compress(input, *, bits=8):
    """``pk.quantize_and_compress``: an f32 vector to a 10-byte header and
    `bits`-bit codes (an i8 tensor of bytes)."""
    return emit("pk.quantize_and_compress", [input],
                {"bit_rate": _i64(bits)})


@_op(1)
def decompress_and_dequantize(input, *, bits=8, size=None):
    """``pk.decompress_and_dequantize``: compressed bytes back to `size` f32
    values (default: as many as the data bytes hold). Returns
    ``(result, status)``."""
    props = {"bit_rate": _i64(bits)}
    return emit("pk.decompress_and_dequantize", [input], props,
                _refined("pk.decompress_and_dequantize", [input], props,
                         last_dim=size))


class KernelDef:
    """A traced kernel: ``.mlir`` (verified text), ``.compile(...)``, and
    calling it compiles with the defaults (once) and runs."""

    __pk_kernel__ = True

    def __init__(self, fn, arg_types, name):
        if not isinstance(name, str) or not name:
            raise ValueError(f"{name!r} is not a function name")
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
        from .ir import Attribute, Module
        symbol = Attribute.symbol_ref(name)  # MLIR quotes what needs it
        generic = f"func.func {symbol}({params}) -> ({ret_types}) {{\n{body}}}\n"
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
        return KernelDef(fn, arg_types, fn.__name__ if name is None else name)
    return trace
