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
           "embedding_bag", "fused_embedding_bag"]

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
           dtype=None):
    """``pk.matmul``: [b,]m×k times [b,]k×n (either read transposed);
    `dtype` (default: the operands') is the result element type."""
    if lhs.rank not in (2, 3) or lhs.rank != rhs.rank:
        raise ValueError(f"matmul expects operands of equal rank 2 or 3, "
                         f"got {lhs.type} and {rhs.type}")
    m = lhs.shape[-1] if transpose_lhs else lhs.shape[-2]
    n = rhs.shape[-2] if transpose_rhs else rhs.shape[-1]
    shape = lhs.shape[:-2] + (m, n)
    return emit("pk.matmul", [lhs, rhs],
                [TensorType(shape, dtype or lhs.dtype)],
                {"transpose_lhs": transpose_lhs,
                 "transpose_rhs": transpose_rhs})


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
