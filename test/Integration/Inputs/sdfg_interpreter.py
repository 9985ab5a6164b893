#!/usr/bin/env python3
"""A NumPy interpreter of DaCe SDFG JSON files: an oracle independent of pk.

It reads a DaCe `.sdfg` file (the JSON DaCe writes) and executes it the way
DaCe's semantics define, with nothing taken from pk's importer, so that
running the same inputs through pk-run and through this file checks the
import itself. It is written from DaCe's own definitions (dace/sdfg,
dace/memlet.py, dace/subsets.py, dace/data, dace/libraries) and keeps to
plain NumPy:

* containers (Array, Scalar, ArrayView/View) are strided NumPy views of a
  flat buffer of `total_size` elements (strides in elements, as DaCe
  stores them); transients are allocated on first use in each SDFG call
  and filled with a poison (NaN, or a recognisable integer);
* a state runs its dataflow in topological order; map scopes iterate their
  ranges in order (inclusive ends; dynamic range connectors are symbols);
  a map of tasklets whose iterations touch disjoint elements runs on
  whole index vectors instead, which gives the loop's result;
* tasklets are Python, executed with their in-connectors as NumPy scalars
  (or views when a memlet covers more than one element, indexed like C:
  a negative index is out of bounds) and their out-connectors read back,
  converted to the connector's type and written through the memlet with
  its write-conflict resolution (`wcr`) if any;
* copies between access nodes use `subset` and `other_subset` and may
  reshape; tiled subsets are strided views with the tile as a trailing
  dimension; views and nested SDFGs see the caller's memory through the
  descriptors' own strides, so their writes go through (a Scalar a nested
  SDFG only reads is passed by value, as DaCe does);
* interstate edges: conditions first (in file order), then the
  unconditional edge, assignments one after another, an undeclared
  symbol keeping the type of its value; LoopRegion (inverted too),
  ConditionalBlock, Break/Continue/Return blocks; library nodes (Reduce,
  MatMul, Gemm, Gemv, Ger, Dot, Axpy, Transpose, Inv) computed with NumPy.

Operators inside tasklets have Python's meaning (`//` and `%` floor
towards minus infinity, an integer to a negative integer power is a
float); integers are NumPy scalars of their container's width, so they
wrap like C, and floats follow IEEE (a division by zero is inf). What
DaCe's generated code leaves undefined (an index out of bounds, a copy
between overlapping memory, NaN made an integer, an output read before it
is assigned) raises `Undefined`; anything this file does not model
(C++ tasklets, streams, structures, vector types, callbacks, consume
scopes) raises `Unsupported`.

Command line:

  sdfg_interpreter.py FILE.sdfg [--symbols N=16,M=8] [--input NAME=a.npy ...]
                      [--output-dir DIR] [--seed S]

writes DIR/NAME.npy for every non-transient container after the run
(a Scalar, passed by value in DaCe, is written as the 0-d value it was
given, unless --scalars-by-reference). Containers without --input get
random values from --seed. Exit status 2 with one line
`Unsupported(<construct>): ...` for what is not modelled, 1 for malformed
files and run-time errors (`undefined: ...` among them).
"""

import argparse
import ast
import builtins
import itertools
import json
import math
import os
import sys
import warnings

import numpy as np
from numpy.lib.stride_tricks import as_strided

__all__ = ["Unsupported", "SDFGError", "SDFG", "load", "run"]


class Unsupported(Exception):
    """A construct this interpreter does not model (not a wrong result)."""

    def __init__(self, construct, detail=""):
        self.construct = construct
        text = f"Unsupported({construct})"
        super().__init__(text + (f": {detail}" if detail else ""))


class SDFGError(Exception):
    """A malformed SDFG, or an error while running it (e.g. out of bounds)."""


class Undefined(SDFGError):
    """The run reaches behaviour DaCe leaves undefined (its generated C++
    has undefined behaviour): an access out of bounds, a copy between
    overlapping memory, a NaN or out-of-range float made an integer."""

    def __init__(self, what):
        super().__init__(f"undefined: {what}")


# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------

_DTYPES = {
    "bool": np.bool_, "bool_": np.bool_,
    "int8": np.int8, "int16": np.int16, "int32": np.int32, "int64": np.int64,
    "uint8": np.uint8, "uint16": np.uint16, "uint32": np.uint32,
    "uint64": np.uint64,
    "float16": np.float16, "float32": np.float32, "float64": np.float64,
    "complex64": np.complex64, "complex128": np.complex128,
    # Older files spell a few of them after Python's types.
    "int": np.int64, "float": np.float64, "complex": np.complex128,
}


def parse_dtype(value):
    """NumPy dtype of a DaCe typeclass as serialised; int32 when omitted."""
    if value is None:
        return np.dtype(np.int32)
    if isinstance(value, str):
        name = value[len("dace."):] if value.startswith("dace.") else value
        if name in _DTYPES:
            return np.dtype(_DTYPES[name])
        raise Unsupported(f"dtype {value}")
    if isinstance(value, dict):
        kind = value.get("type", "?")
        raise Unsupported(f"{kind} dtype")
    raise SDFGError(f"malformed dtype {value!r}")


def _poison(dtype, variant):
    """Fill value of fresh transients; two variants tell uninitialised
    reads apart (an output that changes with the poison read one)."""
    if dtype.kind in "fc":
        return np.nan if variant == 0 else 1.5e30 if dtype.itemsize > 2 else 6e4
    if dtype.kind == "b":
        return variant == 0
    pattern = 0x5A if variant == 0 else 0x3C
    value = int.from_bytes(bytes([pattern]) * dtype.itemsize, "little")
    if dtype.kind == "i" and value >= 1 << (8 * dtype.itemsize - 1):
        value -= 1 << (8 * dtype.itemsize)
    return value


def _wrap_int(value, dtype):
    """A Python integer converted to a NumPy integer type the way C wraps."""
    bits = 8 * dtype.itemsize
    value = int(value) & ((1 << bits) - 1)
    if dtype.kind == "i" and value >= 1 << (bits - 1):
        value -= 1 << bits
    return dtype.type(value)


# ---------------------------------------------------------------------------
# Symbolic expressions (DaCe writes them with SymPy's printer)
# ---------------------------------------------------------------------------

def _int_floor(a, b):
    if isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer)):
        return int(a) // int(b)
    return math.floor(a / b)


def _int_ceil(a, b):
    if isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer)):
        return -(-int(a) // int(b))
    return math.ceil(a / b)


def _piecewise(*pairs):
    for value, condition in pairs:
        if condition:
            return value
    raise SDFGError("Piecewise without a true condition")


_SYMBOLIC = {
    "Min": min, "Max": max, "Abs": abs, "Mod": lambda a, b: a % b,
    "int_floor": _int_floor, "int_ceil": _int_ceil,
    "floor": math.floor, "ceiling": math.ceil, "ceil": math.ceil,
    "sqrt": math.sqrt, "exp": math.exp, "log": math.log,
    "sin": math.sin, "cos": math.cos, "tan": math.tan, "tanh": math.tanh,
    "Eq": lambda a, b: a == b, "Ne": lambda a, b: a != b,
    "Lt": lambda a, b: a < b, "Le": lambda a, b: a <= b,
    "Gt": lambda a, b: a > b, "Ge": lambda a, b: a >= b,
    "And": lambda *a: all(a), "Or": lambda *a: any(a),
    "Not": lambda a: not a, "Piecewise": _piecewise,
    "true": True, "false": False, "pi": math.pi, "E": math.e,
    "oo": math.inf, "nan": math.nan,
    "bitwise_and": lambda a, b: a & b, "bitwise_or": lambda a, b: a | b,
    "bitwise_xor": lambda a, b: a ^ b, "bitwise_invert": lambda a: ~a,
    "left_shift": lambda a, b: a << b, "right_shift": lambda a, b: a >> b,
    "AND": lambda a, b: a and b, "OR": lambda a, b: a or b,
    "ROUND": round, "round": round,
    "Integer": int, "Float": float, "Rational": lambda a, b: a / b,
}


class Expr:
    """One symbolic expression, compiled once and evaluated per use."""

    __slots__ = ("text", "code", "constant")

    def __init__(self, text):
        if isinstance(text, bool):
            text = str(text)
        if isinstance(text, (int, float)):
            text = repr(text)
        if not isinstance(text, str):
            raise SDFGError(f"malformed symbolic expression {text!r}")
        self.text = text.strip()
        try:
            self.code = compile(self.text, "<sym>", "eval")
        except SyntaxError as e:
            raise SDFGError(f"cannot parse expression {text!r}: {e}") from None
        self.constant = None
        try:
            value = ast.literal_eval(self.text)
            if isinstance(value, (int, float, bool)):
                self.constant = value
        except (ValueError, SyntaxError):
            pass

    def __call__(self, env):
        if self.constant is not None:
            return self.constant
        try:
            return eval(self.code, _SYM_GLOBALS, env)
        except NameError as e:
            raise SDFGError(f"in {self.text!r}: {e} (bind it with --symbols)")

    def integer(self, env):
        value = self(env)
        if isinstance(value, (bool, np.bool_)):
            return int(value)
        if isinstance(value, (int, np.integer)):
            return int(value)
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            return int(value)
        raise SDFGError(f"{self.text!r} = {value!r} is not an integer")


# ---------------------------------------------------------------------------
# The namespace tasklets see
# ---------------------------------------------------------------------------

def _pow(base, exponent):
    """Python's `**` on NumPy scalars: an integer to a negative integer
    power is a float; a float power of a negative float is NaN, not complex;
    a narrow float to an integer power is computed in double, as C++ does."""
    integral = (isinstance(base, (int, np.integer, bool, np.bool_))
                and isinstance(exponent, (int, np.integer, bool, np.bool_)))
    if integral:
        if exponent < 0:
            return np.float64(float(base)) ** int(exponent)
        return base ** exponent
    if isinstance(base, (int, float)):
        base = np.float64(base)
    if (isinstance(base, np.floating) and not isinstance(base, np.float64)
            and isinstance(exponent, (int, np.integer, bool, np.bool_))):
        # C++'s std::pow(float, int), which DaCe's code calls, is the
        # double overload (NumPy would keep float32 for a narrow integer).
        base = np.float64(base)
    if isinstance(exponent, float):
        exponent = np.float64(exponent)
    return base ** exponent


class _PowToCall(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            return ast.copy_location(
                ast.Call(ast.Name("__pk_pow", ast.Load()),
                         [node.left, node.right], []), node)
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            target = ast.Name(node.target.id, ast.Load()) \
                if isinstance(node.target, ast.Name) else node.target
            return ast.copy_location(ast.Assign(
                [node.target], ast.Call(ast.Name("__pk_pow", ast.Load()),
                                        [target, node.value], [])), node)
        return node


def _compile_python(text, mode, what):
    try:
        tree = ast.parse(text, mode=mode)
    except SyntaxError as e:
        raise SDFGError(f"cannot parse {what} {text!r}: {e}") from None
    tree = ast.fix_missing_locations(_PowToCall().visit(tree))
    return compile(tree, f"<{what}>", mode)


def _cast(dtype):
    def cast(value, *imaginary):
        # dace.complex128(re, im) is C++'s std::complex<double>(re, im).
        if imaginary and dtype.kind == "c" and len(imaginary) == 1:
            value = value + 1j * imaginary[0]
        elif imaginary:
            raise TypeError(f"{dtype.name}() takes one value")
        if isinstance(value, np.ndarray):
            return value.astype(dtype)
        try:
            return dtype.type(value)
        except OverflowError:
            return _wrap_int(value, dtype)
    cast.__name__ = dtype.name
    return cast


class _Namespace:
    def __init__(self, **entries):
        self.__dict__.update(entries)


_UFUNCS = dict(
    sin=np.sin, cos=np.cos, tan=np.tan, asin=np.arcsin, acos=np.arccos,
    atan=np.arctan, atan2=np.arctan2, sinh=np.sinh, cosh=np.cosh,
    tanh=np.tanh, asinh=np.arcsinh, acosh=np.arccosh, atanh=np.arctanh,
    exp=np.exp, expm1=np.expm1, log=np.log, log2=np.log2, log10=np.log10,
    log1p=np.log1p, sqrt=np.sqrt, cbrt=np.cbrt, floor=np.floor,
    ceil=np.ceil, trunc=np.trunc, fabs=np.fabs, isnan=np.isnan,
    isinf=np.isinf, isfinite=np.isfinite, erf=np.vectorize(math.erf),
    pow=lambda a, b: _pow(a, b), hypot=np.hypot, copysign=np.copysign,
    fmod=np.fmod, max=max, min=min, abs=abs, pi=np.pi, e=np.e, inf=np.inf,
    nan=np.nan, heaviside=np.heaviside, sign=np.sign,
)
_MATH = _Namespace(**_UFUNCS)
_DACE = _Namespace(
    math=_MATH, pi=np.pi, bool=_cast(np.dtype(np.bool_)),
    bool_=_cast(np.dtype(np.bool_)),
    **{name: _cast(np.dtype(t)) for name, t in _DTYPES.items()
       if name not in ("int", "float", "complex", "bool", "bool_")})


def _no_print(*args, **kwargs):
    return None


_TASKLET_GLOBALS = dict(_UFUNCS)
_TASKLET_GLOBALS.update(
    __builtins__=builtins, __pk_pow=_pow, math=_MATH, dace=_DACE, np=np,
    numpy=np, float=_cast(np.dtype(np.float64)), min=min, max=max, abs=abs,
    int=int, bool=bool, complex=np.complex128, print=_no_print,
    printf=_no_print, Min=min, Max=max, int_floor=_int_floor,
    int_ceil=_int_ceil, ifloor=np.floor, reciprocal=lambda x: 1 / x,
    py_mod=lambda a, b: a % b, mod=lambda a, b: a % b,
    **{name: _cast(np.dtype(t)) for name, t in _DTYPES.items()
       if name not in ("int", "float", "complex", "bool")})
for _name in ("Eq", "Ne", "Lt", "Le", "Gt", "Ge", "And", "Or", "Not", "Abs",
              "Mod", "ceiling", "Piecewise"):
    _TASKLET_GLOBALS[_name] = _SYMBOLIC[_name]
_SYM_GLOBALS = dict(_TASKLET_GLOBALS)
_SYM_GLOBALS.update(_SYMBOLIC)
_SYM_GLOBALS["int"] = int
_SYM_GLOBALS["float"] = float


# Write-conflict resolution: the lambda, and the NumPy function of the
# common ones for whole arrays.
_WCR_UFUNCS = [
    ({"a + b", "b + a"}, np.add), ({"a * b", "b * a"}, np.multiply),
    ({"min(a, b)", "min(b, a)", "a if a < b else b", "b if b < a else a",
      "a if a <= b else b"}, np.minimum),
    ({"max(a, b)", "max(b, a)", "a if a > b else b", "b if b > a else a",
      "a if a >= b else b"}, np.maximum),
    ({"a - b"}, np.subtract), ({"a & b"}, np.bitwise_and),
    ({"a | b"}, np.bitwise_or), ({"a ^ b"}, np.bitwise_xor),
    ({"a and b"}, np.logical_and), ({"a or b"}, np.logical_or),
    ({"b"}, None),
]


class WCR:
    """A `wcr` lambda: `combine(old, new)` element by element or on arrays."""

    def __init__(self, text):
        self.text = text
        try:
            tree = ast.parse(text.strip(), mode="eval").body
        except SyntaxError as e:
            raise SDFGError(f"cannot parse wcr {text!r}: {e}") from None
        if not isinstance(tree, ast.Lambda) or len(tree.args.args) != 2:
            raise SDFGError(f"wcr {text!r} is not a lambda of two arguments")
        names = {tree.args.args[0].arg: "a", tree.args.args[1].arg: "b"}

        class Rename(ast.NodeTransformer):
            def visit_Name(self, n):
                return ast.copy_location(ast.Name(names.get(n.id, n.id),
                                                  n.ctx), n)

        normal = ast.unparse(Rename().visit(tree.body))
        self.ufunc = False
        for forms, ufunc in _WCR_UFUNCS:
            if normal in forms:
                self.ufunc = ufunc
        self.function = eval(_compile_python(text.strip(), "eval", "wcr"),
                             _TASKLET_GLOBALS)

    def scalar(self, old, new):
        return self.function(old, new)

    def array(self, old, new):
        if self.ufunc is None:
            return np.broadcast_to(new, np.shape(old))
        if self.ufunc is not False:
            return self.ufunc(old, new)
        return np.vectorize(self.function)(old, new)

    def reduce(self, values, axes, initial):
        """Folds `values` over `axes` onto `initial` (an array), in order."""
        if self.ufunc not in (False, None, np.subtract) and values.size:
            part = self.ufunc.reduce(values, axis=tuple(axes))
            return self.ufunc(initial, part)
        if self.ufunc is None:
            if values.size == 0:
                return initial
            return np.take(np.moveaxis(values, axes, range(len(axes))).reshape(
                (-1,) + initial.shape), -1, axis=0)
        moved = np.moveaxis(values, axes, range(len(axes)))
        moved = moved.reshape((-1,) + moved.shape[len(axes):])
        result = np.array(initial, copy=True)
        fold = np.vectorize(self.function, otypes=[result.dtype])
        for item in moved:
            result = fold(result, item)
        return result


# ---------------------------------------------------------------------------
# Subsets and memlets
# ---------------------------------------------------------------------------

class Subset:
    """A Range (start, inclusive end, step, tile per dimension) or Indices."""

    def __init__(self, obj):
        kind = obj.get("type") if isinstance(obj, dict) else None
        if kind == "Range":
            dims = []
            for r in obj.get("ranges", []):
                try:
                    dims.append((Expr(r["start"]), Expr(r["end"]),
                                 Expr(r.get("step", "1")),
                                 Expr(r.get("tile", "1"))))
                except (KeyError, TypeError):
                    raise SDFGError(f"malformed range {r!r}") from None
        elif kind == "Indices":
            dims = [(Expr(i), Expr(i), Expr("1"), Expr("1"))
                    for i in obj.get("indices", [])]
        else:
            raise SDFGError(f"malformed subset {obj!r}")
        self.dims = dims
        # A dimension whose start and end are the same text is one index.
        self.points = [s.text == e.text and t.text == "1"
                       for s, e, _, t in dims]
        self.all_points = all(self.points)
        self.tiled = any(t.text != "1" for _, _, _, t in dims)
        if self.all_points:
            self.point_code = compile(
                "(" + "".join(f"({s.text})," for s, _, _, _ in dims) + ")",
                "<subset>", "eval")

    def __len__(self):
        return len(self.dims)

    def bounds(self, env):
        """[(start, end, step, tile)] as integers."""
        return [(s.integer(env), e.integer(env), st.integer(env),
                 t.integer(env)) for s, e, st, t in self.dims]

    def index(self, env, shape, name):
        """NumPy index of the subset in an array of `shape`, bounds checked;
        dimensions of one index are dropped (DaCe squeezes them too)."""
        if len(self.dims) != len(shape):
            raise SDFGError(f"subset of {len(self.dims)} dimensions on "
                            f"'{name}' of shape {tuple(shape)}")
        if self.all_points:
            try:
                idx = eval(self.point_code, _SYM_GLOBALS, env)
            except NameError as e:
                raise SDFGError(f"subset of '{name}': {e}") from None
            out = []
            for v, n in zip(idx, shape):
                if not isinstance(v, (int, np.integer)):
                    if isinstance(v, float) and v.is_integer():
                        v = int(v)
                    else:
                        raise SDFGError(f"index {v!r} of '{name}' is not "
                                        "an integer")
                if not 0 <= v < n:
                    raise Undefined(f"index {tuple(idx)} out of bounds of "
                                    f"'{name}' with shape {tuple(shape)}")
                out.append(int(v))
            return tuple(out)
        idx = []
        for point, (s, e, st, t), n in zip(self.points, self.bounds(env),
                                          shape):
            if st == 0:
                raise SDFGError(f"zero step in a subset of '{name}'")
            if t != 1:
                raise SDFGError("a tiled subset has no index (use view)")
            count = max(0, -(-(e - s + (1 if st > 0 else -1)) // st))
            last = s + (count - 1) * st
            if count and not (0 <= s < n and 0 <= last < n):
                raise Undefined(f"range {s}:{e}:{st} out of bounds of "
                                f"'{name}' with shape {tuple(shape)}")
            if point:
                idx.append(s)
            elif count == 0:
                idx.append(slice(0, 0))
            elif st > 0:
                idx.append(slice(s, last + 1, st))
            else:
                idx.append(slice(s, last - 1 if last > 0 else None, st))
        return tuple(idx)

    def view(self, arr, env, name):
        """The subset's elements of `arr` as a NumPy view (writes go
        through), bounds checked; dimensions of one index dropped. A tiled
        dimension (start + k * step + t, t < tile) gives k a dimension in
        place and t one after all the others, as DaCe orders them."""
        if not self.tiled:
            return arr[self.index(env, arr.shape, name)]
        if len(self.dims) != arr.ndim:
            raise SDFGError(f"subset of {len(self.dims)} dimensions on "
                            f"'{name}' of shape {arr.shape}")
        shape, strides, starts, tiles = [], [], [], []
        for point, (s, e, st, t), n, stride in zip(
                self.points, self.bounds(env), arr.shape, arr.strides):
            if st <= 0 or t <= 0:
                raise Unsupported("tiled subset with a non-positive step")
            count = max(0, -(-(e - s + 1) // st))
            if count and not (0 <= s and s + (count - 1) * st + t - 1 < n):
                raise Undefined(f"tiled subset out of bounds of '{name}' "
                                f"with shape {arr.shape}")
            starts.append(s if count else 0)
            if not point:
                shape.append(count)
                strides.append(st * stride)
            if t != 1:
                tiles.append((t, stride))
        shape += [t for t, _ in tiles]
        strides += [stride for _, stride in tiles]
        if not all(shape):
            return np.empty(shape, arr.dtype)
        base = arr[tuple(slice(s, None) for s in starts)]
        return as_strided(base, shape, strides)

    def starts(self, env):
        return [s.integer(env) for s, _, _, _ in self.dims]

    def sizes(self, env):
        out = []
        for s, e, st, t in self.bounds(env):
            out.append(t * max(0, -(-(e - s + (1 if st > 0 else -1)) // st)))
        return out


class Memlet:
    def __init__(self, obj):
        attrs = (obj or {}).get("attributes", {}) if isinstance(obj, dict) \
            else {}
        self.data = attrs.get("data")
        sub = attrs.get("subset")
        self.subset = Subset(sub) if sub else None
        other = attrs.get("other_subset")
        self.other_subset = Subset(other) if other else None
        self.is_data_src = attrs.get("is_data_src")
        self.dynamic = bool(attrs.get("dynamic", False))
        wcr = attrs.get("wcr")
        self.wcr = WCR(wcr) if wcr else None

    @property
    def empty(self):
        return self.data is None


# ---------------------------------------------------------------------------
# Data descriptors
# ---------------------------------------------------------------------------

_MAX_ELEMENTS = 1 << 28


class Descriptor:
    def __init__(self, name, obj):
        self.name = name
        if not isinstance(obj, dict) or "type" not in obj:
            raise SDFGError(f"malformed data descriptor '{name}'")
        self.kind = obj["type"]
        attrs = obj.get("attributes", {})
        if self.kind not in ("Array", "Scalar", "ArrayView", "View"):
            raise Unsupported(self.kind, f"container '{name}'")
        self.dtype = parse_dtype(attrs.get("dtype"))
        self.transient = bool(attrs.get("transient", False))
        self.is_view = self.kind in ("ArrayView", "View")
        self.is_scalar = self.kind == "Scalar"
        shape = attrs.get("shape", ["1"] if self.is_scalar else [])
        self.shape = [Expr(d) for d in shape]
        self.constant_shape = all(d.constant is not None for d in self.shape)
        strides = attrs.get("strides")
        if strides is None or self.is_scalar:
            strides = None
        self.strides = [Expr(s) for s in strides] if strides else None
        total = attrs.get("total_size")
        self.total_size = Expr(total) if total not in (None, "") else None
        offset = attrs.get("offset") or []
        if any(str(o).strip() not in ("0", "") for o in offset):
            raise Unsupported("Array offset", f"container '{name}'")
        if attrs.get("start_offset"):
            raise Unsupported("Array start_offset", f"container '{name}'")

    def layout(self, env):
        shape = [d.integer(env) for d in self.shape]
        if self.strides is not None:
            strides = [s.integer(env) for s in self.strides]
        else:
            strides = [int(np.prod(shape[i + 1:], dtype=np.int64))
                       for i in range(len(shape))]
        if len(strides) != len(shape):
            raise SDFGError(f"'{self.name}' has {len(shape)} dimensions but "
                            f"{len(strides)} strides")
        if any(d < 0 for d in shape):
            raise SDFGError(f"'{self.name}' has a negative size {shape}")
        return shape, strides

    def allocate(self, env, poison):
        shape, strides = self.layout(env)
        extent = 1 + sum((d - 1) * s for d, s in zip(shape, strides)) \
            if all(shape) else 0
        total = self.total_size.integer(env) if self.total_size else extent
        if max(total, extent) > _MAX_ELEMENTS:
            raise SDFGError(f"'{self.name}' of shape {tuple(shape)} is too "
                            "large to allocate")
        buffer = np.empty(max(total, extent, 1), dtype=self.dtype)
        buffer.fill(_poison(self.dtype, poison))
        item = self.dtype.itemsize
        return as_strided(buffer, shape, [s * item for s in strides])

    def view_at(self, base, env, what, shape=None):
        """This descriptor laid over memory starting at `base`'s first
        element (a nested SDFG argument or a view): its own shape (or
        `shape`) and strides, checked against the memory the root buffer
        owns."""
        declared, strides = self.layout(env)
        shape = declared if shape is None else shape
        if base.dtype != self.dtype:
            if base.dtype.itemsize != self.dtype.itemsize:
                raise Unsupported("reinterpreting view",
                                  f"'{self.name}' of {base.dtype} as "
                                  f"{self.dtype}")
            base = base.view(self.dtype)
        item = self.dtype.itemsize
        view = as_strided(base, shape, [s * item for s in strides],
                          writeable=True)
        if view.size:
            root = base
            while getattr(root, "base", None) is not None:
                root = root.base
            lo, hi = np.byte_bounds(root)
            vlo, vhi = np.byte_bounds(view)
            if vlo < lo or vhi > hi:
                raise Undefined(f"{what}: '{self.name}' of shape "
                                f"{tuple(shape)} and strides {strides} runs "
                                "past the memory it views")
        return view


def _start_of(array, starts, name):
    """The array from the element at `starts` on (a pointer's worth)."""
    if len(starts) != array.ndim:
        raise SDFGError(f"subset of {len(starts)} dimensions on '{name}' "
                        f"of shape {array.shape}")
    for s, n in zip(starts, array.shape):
        if not 0 <= s <= n:
            raise Undefined(f"start {tuple(starts)} out of bounds of "
                            f"'{name}' with shape {array.shape}")
    return array[tuple(slice(s, None) for s in starts)]


def _assign(dst, value, name):
    """Copies `value` into the view `dst`: equal shapes, shapes equal but
    for unit dimensions, or the same number of elements in C order."""
    value = np.asarray(value)
    if value.shape == dst.shape or value.size == 1:
        dst[...] = value.reshape(()) if value.size == 1 and dst.shape != \
            value.shape else value
        return
    if value.size != dst.size:
        raise SDFGError(f"copy of {value.shape} elements into '{name}' "
                        f"{dst.shape}")
    dst[...] = value.reshape(dst.shape)


def _root(arr):
    """The flat buffer a container's view was made from."""
    while getattr(arr, "base", None) is not None:
        arr = arr.base
    return arr


def _convert(value, dtype, what):
    """A tasklet's result as its out-connector's type (DaCe infers it from
    the data written when the connector has none): C's conversion."""
    if isinstance(value, np.ndarray) and value.ndim:
        return value
    if dtype.kind in "iu" and isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or not \
                np.iinfo(dtype).min <= value <= np.iinfo(dtype).max:
            raise Undefined(f"{value} converted to {dtype} in {what}")
    if dtype.kind in "iu" and isinstance(value, (complex, np.complexfloating)):
        raise Undefined(f"complex {value} converted to {dtype} in {what}")
    try:
        return dtype.type(value)
    except OverflowError:
        return _wrap_int(value, dtype)
    except (TypeError, ValueError) as e:
        raise SDFGError(f"{what}: cannot convert {value!r} to {dtype}: "
                        f"{e}") from None


class _Checked(np.ndarray):
    """An array connector: C indexing, so a negative index is out of
    bounds rather than counted from the end."""

    def __getitem__(self, idx):
        _check_index(idx)
        return super().__getitem__(idx)

    def __setitem__(self, idx, value):
        _check_index(idx)
        super().__setitem__(idx, value)


def _check_index(idx):
    for i in idx if isinstance(idx, tuple) else (idx,):
        if isinstance(i, (int, np.integer)) and not isinstance(i, bool):
            if i < 0:
                raise Undefined(f"index {i} out of bounds of an array "
                                "connector")
        elif isinstance(i, slice):
            if any(v is not None and v < 0 for v in (i.start, i.stop)):
                raise Undefined(f"slice {i} out of bounds of an array "
                                "connector")
        elif isinstance(i, np.ndarray) and i.dtype.kind in "iu":
            if i.size and i.min() < 0:
                raise Undefined("negative index into an array connector")


def _to_symbol(value):
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise SDFGError(f"array of shape {value.shape} used as a symbol")
        value = value.reshape(()).item()
    if isinstance(value, np.generic):
        value = value.item()
    return value


def _symbol_value(value, dtype):
    """A value assigned to a symbol of a declared type (C conversion)."""
    value = _to_symbol(value)
    if dtype is None:
        return value
    if dtype.kind in "iu":
        if isinstance(value, float):
            if not math.isfinite(value):
                raise SDFGError(f"symbol assigned {value}")
            value = int(value)
        return int(_wrap_int(int(value), dtype))
    if dtype.kind == "b":
        return bool(value)
    if dtype.kind == "f":
        return float(value)
    return value


# ---------------------------------------------------------------------------
# Dataflow: states
# ---------------------------------------------------------------------------

class Edge:
    __slots__ = ("src", "dst", "src_conn", "dst_conn", "memlet")

    def __init__(self, obj, nodes):
        try:
            self.src = nodes[int(obj["src"])]
            self.dst = nodes[int(obj["dst"])]
        except (KeyError, ValueError, TypeError):
            raise SDFGError(f"edge between unknown nodes {obj.get('src')!r} "
                            f"-> {obj.get('dst')!r}") from None
        self.src_conn = obj.get("src_connector")
        self.dst_conn = obj.get("dst_connector")
        data = obj.get("attributes", {}).get("data")
        self.memlet = Memlet(data)


class Node:
    def __init__(self, obj, sdfg):
        self.obj = obj
        self.id = int(obj["id"])
        self.kind = obj["type"]
        self.attrs = obj.get("attributes", {})
        self.label = obj.get("label", "")
        self.in_edges = []
        self.out_edges = []
        self.parent = None  # scope entry node, or None at the top
        self.sdfg = sdfg
        if self.kind == "AccessNode":
            self.data = self.attrs.get("data")
            if self.data not in sdfg.arrays:
                if "." in str(self.data):
                    raise Unsupported("Structure member access",
                                      f"'{self.data}'")
                raise SDFGError(f"access node of unknown data '{self.data}'")
        elif self.kind == "Tasklet":
            code = self.attrs.get("code") or {"string_data": "",
                                              "language": "Python"}
            if isinstance(code, str):  # files older than CodeBlock
                code = {"string_data": code, "language": "Python"}
            self.code_text = code.get("string_data", "")
            language = code.get("language", "Python")
            if language != "Python":
                self.code = None
                self.language = language
            else:
                self.code = _compile_python(code.get("string_data", ""),
                                            "exec", f"tasklet {self.label}")
            self.in_types = self.attrs.get("in_connectors") or {}
            self.out_types = self.attrs.get("out_connectors") or {}
        elif self.kind == "MapEntry":
            self.params = list(self.attrs.get("params", []))
            self.range = Subset(self.attrs.get("range", {"type": "Range",
                                                         "ranges": []}))
            if len(self.params) != len(self.range):
                raise SDFGError(f"map '{self.label}' has "
                                f"{len(self.params)} parameters and "
                                f"{len(self.range)} ranges")
            self.exit = None
            self.body = []
        elif self.kind == "NestedSDFG":
            self.nested = SDFG(self.attrs.get("sdfg"), parent=sdfg)
            self.mapping = {k: Expr(v) for k, v in
                            (self.attrs.get("symbol_mapping") or {}).items()}
        elif self.kind == "LibraryNode":
            self.classpath = obj.get("classpath", "")


def _memlet_source(edge):
    """The node a memlet path starts at (through map entries)."""
    while edge.src.kind == "MapEntry" and edge.src_conn and \
            edge.src_conn.startswith("OUT_"):
        conn = "IN_" + edge.src_conn[4:]
        inner = [e for e in edge.src.in_edges if e.dst_conn == conn]
        if not inner:
            return edge.src
        edge = inner[0]
    return edge.src


def _memlet_sink(edge):
    """The node a memlet path ends at (through map exits)."""
    while edge.dst.kind == "MapExit" and edge.dst_conn and \
            edge.dst_conn.startswith("IN_"):
        conn = "OUT_" + edge.dst_conn[3:]
        outer = [e for e in edge.dst.out_edges if e.src_conn == conn]
        if not outer:
            return edge.dst
        edge = outer[0]
    return edge.dst


class State:
    def __init__(self, obj, sdfg):
        self.label = obj.get("label", "")
        self.nodes = {}
        for n in obj.get("nodes", []):
            if not isinstance(n, dict) or "id" not in n or "type" not in n:
                raise SDFGError(f"state '{self.label}': malformed node")
            node = Node(n, sdfg)
            self.nodes[node.id] = node
        self.edges = [Edge(e, self.nodes) for e in obj.get("edges", [])]
        for e in self.edges:
            e.src.out_edges.append(e)
            e.dst.in_edges.append(e)
        # Scopes: `scope_dict` lists each scope's children (an entry's own
        # exit among them); older files only have `scope_entry`.
        parent_of = {}
        scope_dict = obj.get("scope_dict")
        if isinstance(scope_dict, dict):
            for scope, children in scope_dict.items():
                for c in children:
                    parent_of[int(c)] = None if int(scope) < 0 else int(scope)
        for node in self.nodes.values():
            if node.id not in parent_of:
                entry = node.obj.get("scope_entry")
                parent_of[node.id] = None if entry in (None, "-1") \
                    else int(entry)
        for node in self.nodes.values():
            p = parent_of.get(node.id)
            node.parent = self.nodes.get(p) if p is not None else None
            if node.kind == "MapExit" and node.parent is not None:
                node.parent.exit = node
            if node.kind in ("ConsumeEntry", "ConsumeExit"):
                raise Unsupported("Consume scope")
        self.top = self._order(None)
        for node in self.nodes.values():
            if node.kind == "MapEntry":
                node.body = [n for n in self._order(node)
                             if n.kind != "MapExit"]
        # View access nodes, bound when their scope starts: a view that is
        # written (its viewed data after it) is used before its node runs.
        def is_view(n):
            desc = sdfg.arrays.get(n.data) if n.kind == "AccessNode" \
                else None
            return desc is not None and desc.is_view
        self.top_views = [n for n in self.top if is_view(n)]
        for node in self.nodes.values():
            if node.kind == "MapEntry":
                node.views = [n for n in node.body if is_view(n)]

    def _order(self, scope):
        """Nodes of one scope in topological order; a nested scope counts
        as its entry node."""
        members = [n for n in self.nodes.values() if n.parent is scope]
        ids = {n.id for n in members}

        def representative(node):
            while node is not None and node.parent is not scope:
                node = node.parent
            return node

        succ = {n.id: set() for n in members}
        indeg = {n.id: 0 for n in members}
        for e in self.edges:
            a, b = representative(e.src), representative(e.dst)
            if a is None or b is None or a is b or a.id not in ids or \
                    b.id not in ids:
                continue
            if b.id not in succ[a.id]:
                succ[a.id].add(b.id)
                indeg[b.id] += 1
        ready = sorted(i for i, d in indeg.items() if d == 0)
        order = []
        while ready:
            i = ready.pop(0)
            order.append(self.nodes[i])
            for j in sorted(succ[i]):
                indeg[j] -= 1
                if indeg[j] == 0:
                    ready.append(j)
            ready.sort()
        if len(order) != len(members):
            raise SDFGError(f"state '{self.label}' has a cycle")
        return order


# ---------------------------------------------------------------------------
# Control flow
# ---------------------------------------------------------------------------

class InterstateEdge:
    def __init__(self, obj, blocks):
        try:
            self.src = blocks[int(obj["src"])]
            self.dst = blocks[int(obj["dst"])]
        except (KeyError, ValueError, TypeError):
            raise SDFGError("interstate edge between unknown blocks") from None
        attrs = obj.get("attributes", {}).get("data", {}).get(
            "attributes", {})
        cond = attrs.get("condition")
        text = cond.get("string_data", "1") if isinstance(cond, dict) \
            else (cond if isinstance(cond, str) else "1")
        text = text.strip() or "1"
        self.unconditional = text in ("1", "True", "true", "(1)", "(True)")
        self.condition = None if self.unconditional else \
            _compile_python(text, "eval", "condition")
        self.assignments = [(k, _compile_python(str(v), "eval",
                                                f"assignment to {k}"))
                            for k, v in (attrs.get("assignments") or
                                         {}).items()]


BREAK, CONTINUE, RETURN = "break", "continue", "return"
_UNSET = object()


class Block:
    """A state or control-flow region of a control-flow graph."""

    def __init__(self, obj, sdfg):
        self.kind = obj.get("type")
        self.label = obj.get("label", "")
        self.id = obj.get("id")
        attrs = obj.get("attributes", {})
        if self.kind == "SDFGState":
            self.state = State(obj, sdfg)
        elif self.kind in ("ControlFlowRegion", "LoopRegion",
                           "FunctionCallRegion", "NamedRegion",
                           "UnstructuredControlFlow"):
            self.region = Region(obj, sdfg)
            if self.kind == "LoopRegion":
                def code(key, mode):
                    c = attrs.get(key)
                    text = c.get("string_data") if isinstance(c, dict) else c
                    if text is None or not str(text).strip():
                        return None
                    return _compile_python(str(text), mode, key)
                self.init = code("init_statement", "exec")
                self.condition = code("loop_condition", "eval")
                self.update = code("update_statement", "exec")
                self.inverted = bool(attrs.get("inverted", False))
                self.update_first = bool(attrs.get("update_before_condition",
                                                   True))
        elif self.kind == "ConditionalBlock":
            self.branches = []
            for branch in obj.get("branches", []):
                if not isinstance(branch, list) or len(branch) != 2:
                    raise SDFGError("malformed ConditionalBlock branch")
                cond, body = branch
                text = cond.get("string_data") if isinstance(cond, dict) \
                    else cond
                self.branches.append((
                    None if text is None else
                    _compile_python(text, "eval", "branch condition"),
                    Region(body, sdfg)))
        elif self.kind in ("BreakBlock", "ContinueBlock", "ReturnBlock"):
            pass
        else:
            raise Unsupported(f"{self.kind} block")


class Region:
    def __init__(self, obj, sdfg):
        if not isinstance(obj, dict):
            raise SDFGError("malformed control-flow region")
        self.label = obj.get("label", "")
        self.blocks = {}
        for b in obj.get("nodes", []):
            if not isinstance(b, dict) or "id" not in b:
                raise SDFGError(f"region '{self.label}': malformed block")
            block = Block(b, sdfg)
            self.blocks[int(b["id"])] = block
        self.out = {i: [] for i in self.blocks}
        has_in = set()
        for e in obj.get("edges", []):
            edge = InterstateEdge(e, self.blocks)
            src = int(e["src"])
            self.out[src].append(edge)
            has_in.add(int(e["dst"]))
        # Conditional edges are tried first, the unconditional one last.
        for edges in self.out.values():
            edges.sort(key=lambda e: e.unconditional)
        start = obj.get("start_block", obj.get("start_state"))
        if start is not None and int(start) in self.blocks:
            self.start = self.blocks[int(start)]
        elif self.blocks:
            sources = [i for i in self.blocks if i not in has_in]
            self.start = self.blocks[sources[0] if sources else
                                     min(self.blocks)]
        else:
            self.start = None


# ---------------------------------------------------------------------------
# SDFGs and their execution
# ---------------------------------------------------------------------------

class SDFG:
    def __init__(self, obj, parent=None):
        if not isinstance(obj, dict) or obj.get("type") != "SDFG":
            raise SDFGError("not an SDFG (expected a JSON object with "
                            "\"type\": \"SDFG\")")
        attrs = obj.get("attributes", {})
        self.name = attrs.get("name", "sdfg")
        self.arrays = {}
        self.unsupported = {}
        for name, desc in (attrs.get("_arrays") or {}).items():
            try:
                self.arrays[name] = Descriptor(name, desc)
            except Unsupported as e:
                self.unsupported[name] = e
                self.arrays[name] = None
        self.symbols = {}
        self.callbacks = set()
        for name, t in (attrs.get("symbols") or {}).items():
            if isinstance(t, dict) and t.get("type") == "callback":
                self.callbacks.add(name)  # a Python function of the caller
                continue
            try:
                self.symbols[name] = parse_dtype(t)
            except Unsupported:
                self.symbols[name] = None
        self.constants = {}
        for name, entry in (attrs.get("constants_prop") or {}).items():
            if not isinstance(entry, list) or len(entry) != 2:
                raise SDFGError(f"malformed constant '{name}'")
            desc, value = entry
            if isinstance(value, dict) and value.get("type") == "ndarray":
                value = np.array(value.get("data"),
                                 dtype=parse_dtype(value.get("dtype")))
            else:
                dtype = parse_dtype((desc or {}).get("attributes", {})
                                    .get("dtype"))
                if isinstance(value, str):
                    value = ast.literal_eval(value)
                value = dtype.type(value)
            self.constants[name] = value
        self.arg_names = list(attrs.get("arg_names") or [])
        self.cfg = Region(obj, self)

    def arguments(self):
        """Names of the non-transient containers (the SDFG's arguments)."""
        names = [n for n, d in self.arrays.items()
                 if d is None or not d.transient]
        ordered = [n for n in self.arg_names if n in names]
        return ordered + [n for n in names if n not in ordered]


class Frame:
    """The containers and symbols of one SDFG call."""

    def __init__(self, sdfg, env, bound, poison):
        self.sdfg = sdfg
        self.env = env
        self.containers = dict(bound)
        self.poison = poison
        self.values = {}  # code node outputs flowing to other code nodes
        for name, value in sdfg.constants.items():
            if name in sdfg.arrays and sdfg.arrays[name] is not None:
                self.containers[name] = self.array(name)
                _assign(self.containers[name], value, name)
            else:
                # A constant array is available to tasklets as it is.
                env[name] = value if np.ndim(value) else _to_symbol(value)

    def array(self, name):
        arr = self.containers.get(name)
        if arr is not None:
            return arr
        if name not in self.sdfg.arrays:
            raise SDFGError(f"unknown data '{name}'")
        desc = self.sdfg.arrays[name]
        if desc is None:
            raise self.sdfg.unsupported[name]
        if desc.is_view:
            raise SDFGError(f"view '{name}' used before it is bound")
        arr = desc.allocate(self.env, self.poison)
        self.containers[name] = arr
        return arr


class _DataLookup(dict):
    """Names in interstate code: symbols first, then data containers
    (a Scalar reads as its value)."""

    def __init__(self, frame):
        super().__init__(frame.env)
        self.frame = frame

    def __missing__(self, key):
        if key in self.frame.sdfg.arrays:
            arr = self.frame.array(key)
            desc = self.frame.sdfg.arrays[key]
            if desc.is_scalar:
                return arr.reshape(-1)[0]
            return arr
        # Not found here: Python goes on to the functions (Eq, Min, ...).
        raise KeyError(key)


def _eval_interstate(code, frame):
    try:
        return eval(code, _SYM_GLOBALS, _DataLookup(frame))
    except (Unsupported, SDFGError):
        raise
    except NameError as e:
        raise SDFGError(f"{e}: not a symbol or data container (bind it "
                        "with --symbols)") from None
    except Exception as e:
        raise SDFGError(f"interstate code: {type(e).__name__}: {e}") \
            from None


def _exec_statements(code, frame):
    """Loop init/update statements: assignments to symbols."""
    ns = _DataLookup(frame)
    before = dict(ns)
    try:
        exec(code, _SYM_GLOBALS, ns)
    except NameError as e:
        raise SDFGError(f"{e}: not a symbol or data container (bind it "
                        "with --symbols)") from None
    for key, value in ns.items():
        if key not in before or before[key] is not value:
            frame.env[key] = _symbol_value(value,
                                           frame.sdfg.symbols.get(key))


class _Fallback(Exception):
    """The vectorised map cannot stand for the sequential loop."""


# Tasklet code the vectorised map path runs on whole index vectors: plain
# assignments of arithmetic, comparisons, conditional expressions and
# NumPy-backed math calls. Any subscript, statement branch or other
# construct keeps the map sequential (a subscript of a scalar connector
# would silently pick one lane).
_VECTOR_NODES = (ast.Module, ast.Assign, ast.AugAssign, ast.Name, ast.Load,
                 ast.Store, ast.Constant, ast.BinOp, ast.UnaryOp,
                 ast.Compare, ast.Call, ast.Attribute, ast.operator,
                 ast.unaryop, ast.cmpop, ast.Expr, ast.Pass)
_VECTOR_CALLS = set(_UFUNCS) - {"max", "min"} | {
    "float", "abs", "__pk_pow", "reciprocal", "print", "printf",
    "__pk_where", "__pk_min", "__pk_max", "__pk_not"} | {
    n for n in _DTYPES if n not in ("int", "complex", "bool")}


def _where(condition, a, b):
    return np.where(condition, a, b)


def _vmin(a, b):
    """min(a, b) lane by lane as Python (and C++'s std::min) computes it:
    b if b < a else a, NaN included."""
    return np.where(b < a, b, a)


def _vmax(a, b):
    return np.where(a < b, b, a)


_TASKLET_GLOBALS.update(__pk_where=_where, __pk_min=_vmin, __pk_max=_vmax,
                        __pk_not=np.logical_not)


class _ToLanes(ast.NodeTransformer):
    """`x if c else y`, `min(a, b)`, `max(a, b)` and `not x` on vectors."""

    def visit_IfExp(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Call(
            ast.Name("__pk_where", ast.Load()),
            [node.test, node.body, node.orelse], []), node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in ("min", "max") \
                and len(node.args) == 2 and not node.keywords:
            node.func = ast.Name(f"__pk_{node.func.id}", ast.Load())
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.copy_location(ast.Call(
                ast.Name("__pk_not", ast.Load()), [node.operand], []), node)
        return node


def _vector_code(code_text):
    """The tasklet's code for whole index vectors, or None."""
    try:
        tree = ast.parse(code_text)
    except SyntaxError:
        return None
    tree = ast.fix_missing_locations(_ToLanes().visit(_PowToCall().visit(
        tree)))
    for n in ast.walk(tree):
        if not isinstance(n, _VECTOR_NODES):
            return None
        if isinstance(n, (ast.Assign,)) and not all(
                isinstance(t, ast.Name) for t in n.targets):
            return None
        if isinstance(n, ast.AugAssign) and not isinstance(n.target,
                                                           ast.Name):
            return None
        if isinstance(n, ast.Call):
            f = n.func
            name = f.id if isinstance(f, ast.Name) else \
                f.attr if isinstance(f, ast.Attribute) and \
                isinstance(f.value, ast.Name) and \
                f.value.id in ("math", "dace", "np", "numpy") else None
            if name not in _VECTOR_CALLS or n.keywords:
                return None
        if isinstance(n, ast.Attribute) and not (
                isinstance(n.value, ast.Name) and
                n.value.id in ("math", "dace", "np", "numpy")):
            return None
    return compile(tree, "<vector tasklet>", "exec")


def _vector_plan(entry):
    """The map's body if it can run on index vectors: tasklets only, every
    memlet one element through the map's entry and exit (or a value between
    two of its tasklets), no write-conflict resolution NumPy cannot do."""
    body = entry.body
    if not body or any(n.kind != "Tasklet" or n.code is None for n in body):
        return None
    for t in body:
        t.vector_code = _vector_code(t.code_text)
        if t.vector_code is None:
            return None
        for e in t.in_edges:
            if e.dst_conn is None and e.memlet.empty:
                continue
            if e.src.kind == "Tasklet" and e.memlet.empty:
                continue
            if e.src is not entry or e.memlet.empty or \
                    e.memlet.subset is None or \
                    not e.memlet.subset.all_points or \
                    _is_pointer(t.in_types.get(e.dst_conn)):
                return None
        for e in t.out_edges:
            if e.memlet.empty:
                if e.dst.kind == "Tasklet" or e.src_conn is None:
                    continue
                return None
            if e.dst is not entry.exit or e.memlet.subset is None or \
                    not e.memlet.subset.all_points or e.memlet.dynamic or \
                    _is_pointer(t.out_types.get(e.src_conn)):
                return None
            if e.memlet.wcr is not None and e.memlet.wcr.ufunc is False:
                return None
    return body


def _addresses(arr, idx):
    """Byte addresses of the elements arr[idx] (idx: index vectors)."""
    address = np.full(np.shape(idx[0]) if idx else (), arr.__array_interface__
                      ["data"][0], dtype=np.int64)
    for i, stride in zip(idx, arr.strides):
        address = address + np.asarray(i, dtype=np.int64) * stride
    return address


class Interpreter:
    def __init__(self, poison=0, vectorize=True):
        self.poison = poison
        self.vectorize = vectorize

    # -- control flow -------------------------------------------------------

    def run_sdfg(self, sdfg, env, bound):
        frame = Frame(sdfg, env, bound, self.poison)
        self.run_region(sdfg.cfg, frame)
        return frame

    def run_region(self, region, frame):
        block = region.start
        while block is not None:
            signal = self.run_block(block, frame)
            if signal is not None:
                return signal
            nxt = None
            for edge in region.out[int(block.id)]:
                if edge.condition is None or \
                        _eval_interstate(edge.condition, frame):
                    for name, code in edge.assignments:
                        frame.env[name] = _symbol_value(
                            _eval_interstate(code, frame),
                            frame.sdfg.symbols.get(name))
                    nxt = edge.dst
                    break
            block = nxt
        return None

    def run_block(self, block, frame):
        kind = block.kind
        if kind == "SDFGState":
            self.run_state(block.state, frame)
            return None
        if kind == "BreakBlock":
            return BREAK
        if kind == "ContinueBlock":
            return CONTINUE
        if kind == "ReturnBlock":
            return RETURN
        if kind == "ConditionalBlock":
            for cond, body in block.branches:
                if cond is None or _eval_interstate(cond, frame):
                    return self.run_region(body, frame)
            return None
        if kind == "LoopRegion":
            return self.run_loop(block, frame)
        return self.run_region(block.region, frame)

    def run_loop(self, loop, frame):
        def condition():
            return loop.condition is None or \
                bool(_eval_interstate(loop.condition, frame))

        if loop.init is not None:
            _exec_statements(loop.init, frame)
        if not loop.inverted and not condition():
            return None
        while True:
            signal = self.run_region(loop.region, frame)
            if signal == BREAK:
                return None
            if signal == RETURN:
                return RETURN
            if loop.inverted and not loop.update_first and not condition():
                return None
            if loop.update is not None:
                _exec_statements(loop.update, frame)
            if (not loop.inverted or loop.update_first) and not condition():
                return None

    # -- dataflow -----------------------------------------------------------

    def run_state(self, state, frame):
        frame.values = {}
        for name, desc in frame.sdfg.arrays.items():
            if desc is None:
                continue
            if desc.is_view:
                frame.containers.pop(name, None)
            elif desc.transient and not desc.constant_shape and \
                    name in frame.containers and \
                    frame.containers[name].shape != tuple(
                        desc.layout(frame.env)[0]):
                # Sized by a symbol an interstate edge changed: DaCe
                # allocates it where it is used, with the symbol's value.
                del frame.containers[name]
        self.bind_views(state.top_views, frame)
        self.run_nodes(state.top, frame)

    def bind_views(self, nodes, frame):
        bound = set()
        for node in nodes:
            self.bind_view(node, frame, bound)

    def run_nodes(self, nodes, frame):
        for node in nodes:
            kind = node.kind
            if kind == "AccessNode":
                self.access(node, frame)
            elif kind == "Tasklet":
                self.tasklet(node, frame)
            elif kind == "MapEntry":
                self.map(node, frame)
            elif kind == "NestedSDFG":
                self.nested(node, frame)
            elif kind == "LibraryNode":
                self.library(node, frame)
            elif kind == "MapExit":
                pass
            else:
                raise Unsupported(f"{kind} node")

    def map(self, entry, frame):
        env = frame.env
        dynamic = [e for e in entry.in_edges if e.dst_conn and
                   not e.dst_conn.startswith("IN_") and not e.memlet.empty]
        names = list(entry.params) + [e.dst_conn for e in dynamic]
        saved = {k: env.get(k, _UNSET) for k in names}
        try:
            # Dynamic map ranges: connectors other than IN_* are symbols.
            for e in dynamic:
                env[e.dst_conn] = _to_symbol(self.read(e, frame, True))
            ranges = []
            for s, e, st, _ in entry.range.bounds(env):
                if st == 0:
                    raise SDFGError(f"map '{entry.label}' has a zero step")
                ranges.append(range(s, e + 1, st) if st > 0 else
                              range(s, e - 1, st))
            if self.vectorize and self.map_vectorized(entry, frame, ranges):
                return
            if len(ranges) == 1:
                p = entry.params[0]
                for v in ranges[0]:
                    env[p] = v
                    if entry.views:
                        self.bind_views(entry.views, frame)
                    self.run_nodes(entry.body, frame)
            else:
                for values in itertools.product(*ranges):
                    for p, v in zip(entry.params, values):
                        env[p] = v
                    if entry.views:
                        self.bind_views(entry.views, frame)
                    self.run_nodes(entry.body, frame)
        finally:
            for k, v in saved.items():
                if v is _UNSET:
                    env.pop(k, None)
                else:
                    env[k] = v

    def map_vectorized(self, entry, frame, ranges):
        """Runs the map on index vectors when that is the sequential loop's
        result: reads, then the tasklets on whole vectors, then writes. No
        element one iteration writes may be read or written by another
        (DaCe leaves such races undefined; the loop's order is what pk
        computes). False, with nothing written, when it is not so."""
        if not hasattr(entry, "vector_body"):
            entry.vector_body = _vector_plan(entry)
        body = entry.vector_body
        count = 1
        for r in ranges:
            count *= len(r)
        if body is None or count < 2:
            return False
        grids = np.meshgrid(*[np.arange(r.start, r.stop, r.step,
                                        dtype=np.int64) for r in ranges],
                            indexing="ij")
        env = dict(frame.env)
        for p, g in zip(entry.params, grids):
            env[p] = g.reshape(-1)
        shape = (count,)
        reads, writes, values = [], [], {}

        def index(edge):
            m = edge.memlet
            arr = frame.array(m.data)
            try:
                idx = eval(m.subset.point_code, _SYM_GLOBALS, env)
            except Exception:
                raise _Fallback() from None
            idx = tuple(np.broadcast_to(np.asarray(i), shape) for i in idx)
            for i, n in zip(idx, arr.shape):
                if i.dtype.kind not in "iu":
                    raise _Fallback()
                if i.size and (i.min() < 0 or i.max() >= n):
                    raise _Fallback()  # the loop reports the bad index
            return arr, idx

        try:
            for t in body:
                ns = _TASKLET_GLOBALS.copy()
                ns.update(env)
                for e in t.in_edges:
                    if e.dst_conn is None:
                        continue
                    if e.memlet.empty:
                        ns[e.dst_conn] = values[(e.src.id, e.src_conn)]
                        continue
                    arr, idx = index(e)
                    ns[e.dst_conn] = arr[idx]
                    reads.append((t, arr, idx))
                try:
                    exec(t.vector_code, ns)
                except (Unsupported, SDFGError):
                    raise
                except Exception:
                    raise _Fallback() from None
                for e in t.out_edges:
                    conn = e.src_conn
                    if conn is None or conn not in ns:
                        continue
                    value = np.asarray(ns[conn])
                    if value.shape not in ((), shape):
                        raise _Fallback()
                    value = np.broadcast_to(value, shape)
                    if e.memlet.empty:
                        values[(t.id, conn)] = value
                        continue
                    arr, idx = index(e)
                    wcr = e.memlet.wcr
                    if wcr is not None and wcr.ufunc is not None and \
                            value.dtype.kind != arr.dtype.kind:
                        raise _Fallback()
                    writes.append((t, arr, idx, value, wcr))
            # The vector form is the loop's result only without races.
            written = []
            for t, arr, idx, value, wcr in writes:
                address = _addresses(arr, idx)
                plain = wcr is None or wcr.ufunc is None
                if plain and np.unique(address).size != address.size:
                    raise _Fallback()
                for other in written:
                    if np.intersect1d(address, other).size:
                        raise _Fallback()
                for rt, rarr, ridx in reads:
                    raddress = _addresses(rarr, ridx)
                    if not np.intersect1d(address, raddress).size:
                        continue
                    if rt is not t or not plain or \
                            not np.array_equal(address, raddress):
                        raise _Fallback()
                written.append(address)
        except _Fallback:
            return False
        for t, arr, idx, value, wcr in writes:
            if wcr is None or wcr.ufunc is None:
                arr[idx] = value
            else:
                wcr.ufunc.at(arr, idx, value.astype(arr.dtype)
                             if value.dtype.kind == arr.dtype.kind else value)
        return True

    def read(self, edge, frame, scalar):
        """Value a memlet brings: a NumPy scalar for one element (when
        `scalar`), else a view with unit dimensions squeezed."""
        m = edge.memlet
        if m.empty:
            src = edge.src
            key = (src.id, edge.src_conn)
            if key in frame.values:
                return frame.values[key]
            return None
        arr = frame.array(m.data)
        view = arr if m.subset is None else \
            m.subset.view(arr, frame.env, m.data)
        if scalar and np.ndim(view) == 0:
            return view if not isinstance(view, np.ndarray) else view[()]
        if scalar and view.size == 1:
            return view.reshape(-1)[0]
        if isinstance(view, np.ndarray) and view.ndim:
            squeezed = [d for d in view.shape if d != 1]
            if len(squeezed) != view.ndim:
                view = view.reshape(squeezed) if squeezed else \
                    view.reshape(1)
        return view

    def write(self, edge, frame, value, dtype=None):
        """Stores `value` through an out-edge's memlet (one element: as
        `dtype`, the connector's type, else the data's; then its wcr)."""
        m = edge.memlet
        if m.empty:
            frame.values[(edge.src.id, edge.src_conn)] = value
            return
        arr = frame.array(m.data)
        if m.subset is not None and m.subset.all_points:
            idx = m.subset.index(frame.env, arr.shape, m.data)
            if isinstance(value, np.ndarray) and value.size == 1:
                value = value.reshape(-1)[0]
            what = f"the write to '{m.data}'"
            if isinstance(value, np.ndarray):
                raise SDFGError(f"{what}: {value.shape} elements written to "
                                "one")
            value = _convert(value, dtype or arr.dtype, what)
            if m.wcr is not None:
                value = _convert(m.wcr.scalar(arr[idx], value), arr.dtype,
                                 what)
            arr[idx] = value
            return
        view = arr if m.subset is None else \
            m.subset.view(arr, frame.env, m.data)
        if m.wcr is not None:
            value = m.wcr.array(view, np.asarray(value).reshape(view.shape)
                                if np.size(value) == view.size else value)
        _assign(view, value, m.data)

    def tasklet(self, node, frame):
        if node.code is None:
            raise Unsupported(f"{node.language} tasklet")
        ns = _TASKLET_GLOBALS.copy()
        ns.update(frame.env)
        for name in frame.sdfg.callbacks:
            ns[name] = _callback(name)
        views = {}
        for e in node.in_edges:
            if e.dst_conn is None:
                continue
            value = self.read(e, frame, not _is_pointer(node.in_types.get(
                e.dst_conn)))
            if isinstance(value, np.ndarray) and value.ndim:
                value = value.view(_Checked)
            ns[e.dst_conn] = value
        for e in node.out_edges:
            if e.src_conn is None or e.memlet.empty:
                continue
            sub = e.memlet.subset
            many = sub is None or _is_pointer(node.out_types.get(
                e.src_conn)) or not sub.all_points and \
                int(np.prod(sub.sizes(frame.env))) != 1
            if many:
                if e.memlet.wcr is not None:
                    raise Unsupported("tasklet array output with wcr")
                views[e.src_conn] = self.read(e, frame, False)
                ns[e.src_conn] = views[e.src_conn].view(_Checked)
        try:
            exec(node.code, ns)
        except (Unsupported, SDFGError):
            raise
        except NameError as e:
            name = str(e).split("'")[1] if "'" in str(e) else str(e)
            if name in node.out_types:
                # DaCe declares it uninitialised: its value is garbage.
                raise Undefined(f"tasklet '{node.label}' reads its output "
                                f"'{name}' before assigning it") from None
            raise Unsupported("unknown name in a tasklet",
                              f"{name} in '{node.label}'") from None
        except Exception as e:
            raise SDFGError(f"tasklet '{node.label}': "
                            f"{type(e).__name__}: {e}") from None
        for e in node.out_edges:
            conn = e.src_conn
            if conn is None or conn in views or conn not in ns:
                continue
            declared = node.out_types.get(conn)
            self.write(e, frame, ns[conn],
                       parse_dtype(declared) if isinstance(declared, str)
                       else None)

    def access(self, node, frame):
        desc = frame.sdfg.arrays.get(node.data)
        if desc is None:
            raise frame.sdfg.unsupported.get(
                node.data, SDFGError(f"unknown data '{node.data}'"))
        view_edge = _view_edge(node) if desc.is_view else None
        for e in node.in_edges:
            if e is view_edge or e.memlet.empty:
                continue
            if e.src.kind == "AccessNode":
                if self._is_view_edge_of(e, e.src, frame):
                    continue
                self.copy(e, e.src, node, frame)
            elif e.src.kind == "MapEntry":
                src = _memlet_source(e)
                if src.kind == "AccessNode":
                    self.copy(e, src, node, frame)
        for e in node.out_edges:
            if e is view_edge or e.memlet.empty:
                continue
            if e.dst.kind == "MapExit":
                dst = _memlet_sink(e)
                if dst.kind == "AccessNode":
                    self.copy(e, node, dst, frame)

    def _is_view_edge_of(self, edge, node, frame):
        desc = frame.sdfg.arrays.get(node.data)
        return desc is not None and desc.is_view and \
            _view_edge(node) is edge

    def bind_view(self, node, frame, bound):
        if node.data in bound:
            return
        edge = _view_edge(node)
        if edge is None:
            raise SDFGError(f"view '{node.data}' has no viewed data")
        other = _memlet_source(edge) if edge.dst is node else \
            _memlet_sink(edge)
        if other.kind != "AccessNode":
            raise SDFGError(f"view '{node.data}' is not next to data")
        if frame.sdfg.arrays[other.data].is_view:
            self.bind_view(other, frame, bound)
        m = edge.memlet
        viewed = frame.array(other.data)
        if m.data == other.data or m.data is None:
            sub = m.subset
        else:
            sub = m.other_subset
        starts = sub.starts(frame.env) if sub is not None else \
            [0] * viewed.ndim
        base = _start_of(viewed, starts, other.data)
        desc = frame.sdfg.arrays[node.data]
        frame.containers[node.data] = desc.view_at(
            base, frame.env, f"view of '{other.data}'")
        bound.add(node.data)

    def copy(self, edge, src, dst, frame):
        m = edge.memlet
        if src.data == dst.data:
            if m.is_data_src is False:
                dst_sub, src_sub = m.subset, m.other_subset or m.subset
            else:
                src_sub, dst_sub = m.subset, m.other_subset or m.subset
        elif m.data == dst.data:
            dst_sub, src_sub = m.subset, m.other_subset
        else:
            src_sub, dst_sub = m.subset, m.other_subset
        s = frame.array(src.data)
        d = frame.array(dst.data)
        sv = src_sub.view(s, frame.env, src.data) \
            if src_sub is not None else s
        if src_sub is None and dst_sub is not None:
            # The copy's shape is the destination subset's: a corner of src.
            sizes = [n for n in dst_sub.sizes(frame.env) if n != 1]
            if len(sizes) == s.ndim and np.prod(sizes) < s.size and \
                    all(a <= b for a, b in zip(sizes, s.shape)):
                sv = s[tuple(slice(0, n) for n in sizes)]
        idx = dst_sub.index(frame.env, d.shape, dst.data) \
            if dst_sub is not None and dst_sub.all_points else None
        dv = d[idx] if idx is not None else \
            dst_sub.view(d, frame.env, dst.data) if dst_sub is not None \
            else d
        if isinstance(sv, np.ndarray) and isinstance(dv, np.ndarray) and \
                np.may_share_memory(sv, dv) and not (
                    sv.__array_interface__ == dv.__array_interface__):
            try:
                overlap = np.shares_memory(sv, dv, max_work=10 ** 6)
            except np.TooHardError:
                overlap = True
            if overlap:
                # DaCe copies with memcpy or a loop: the result depends on
                # which, and memcpy's is undefined.
                raise Undefined(f"copy from '{src.data}' to '{dst.data}' "
                                "between overlapping memory")
        value = np.array(sv, copy=True)
        if np.ndim(dv) == 0:
            if value.size != 1:
                raise SDFGError(f"copy of {value.shape} elements into one "
                                f"element of '{dst.data}'")
            value = value.reshape(())[()]
            if m.wcr is not None:
                value = m.wcr.scalar(d[idx], value)
            d[idx] = value
            return
        if dst_sub is None and value.size < dv.size:
            # The copy's shape is the source subset's: a corner of dst.
            squeezed = tuple(n for n in value.shape if n != 1)
            if len(squeezed) == dv.ndim:
                dv = dv[tuple(slice(0, n) for n in squeezed)]
                value = value.reshape(squeezed)
        if m.wcr is not None:
            if value.size == dv.size:
                value = value.reshape(dv.shape)
            value = m.wcr.array(dv, value)
        _assign(dv, value, dst.data)

    def nested(self, node, frame):
        inner = node.nested
        # The mapping binds the nested SDFG's symbols; a symbol it leaves
        # out keeps the caller's value (older files do not map them all).
        env = dict(frame.env)
        for name, expr in node.mapping.items():
            value = expr(frame.env)
            env[name] = value if np.ndim(value) else _to_symbol(value)
        bound = {}
        outputs = []
        written = {e.src_conn for e in node.out_edges}
        for e in node.in_edges + node.out_edges:
            conn = e.dst_conn if e.dst is node else e.src_conn
            if conn is None or conn in bound:
                continue
            if conn not in inner.arrays:
                continue  # a connector left behind (DaCe prunes them)
            desc = inner.arrays[conn]
            if desc is None:
                raise inner.unsupported[conn]
            m = e.memlet
            if m.empty:
                value = frame.values.get((e.src.id, e.src_conn)) \
                    if e.dst is node else None
                arr = desc.allocate(env, self.poison)
                if value is not None:
                    _assign(arr, value, conn)
                bound[conn] = arr
                if e.src is node:
                    outputs.append((e, arr))
                continue
            outer = frame.array(m.data)
            starts = m.subset.starts(frame.env) if m.subset is not None \
                else [0] * outer.ndim
            base = _start_of(outer, starts, m.data)
            what = f"nested SDFG '{node.label}'"
            if desc.is_scalar and conn not in written:
                # A Scalar the nested SDFG only reads is passed by value.
                arr = desc.allocate(env, self.poison)
                if not base.size:
                    raise Undefined(f"{what}: '{conn}' reads past "
                                    f"'{m.data}'")
                arr[0] = base[(0,) * base.ndim]
                bound[conn] = arr
                continue
            try:
                bound[conn] = desc.view_at(base, env, what)
            except SDFGError:
                # A nested descriptor may be declared larger than the part
                # of the caller's data it is given (DaCe does not check);
                # what it may touch is then the memlet's extent.
                sizes = m.subset.sizes(frame.env) if m.subset else None
                declared, _ = desc.layout(env)
                if sizes is None or len(sizes) != len(declared):
                    raise
                bound[conn] = desc.view_at(
                    base, env, what, [min(d, n) for d, n in
                                      zip(declared, sizes)])
        self.run_sdfg(inner, env, bound)
        for e, arr in outputs:
            frame.values[(node.id, e.src_conn)] = arr.reshape(-1)[0] \
                if arr.size == 1 else arr

    def library(self, node, frame):
        name = node.classpath.rsplit(".", 1)[-1]
        handler = _LIBRARY.get(name)
        if handler is None:
            raise Unsupported(f"library node {name}")
        ins = {}
        for e in node.in_edges:
            if e.memlet.empty:
                continue
            ins[e.dst_conn] = (e, self.read(e, frame, False))
        outs = {}
        for e in node.out_edges:
            if e.memlet.empty:
                continue
            outs[e.src_conn] = (e, self.read(e, frame, False))
        handler(self, node, frame, ins, outs)


def _callback(name):
    def call(*args, **kwargs):
        raise Unsupported("callback", f"'{name}'")
    return call


def _is_pointer(conn_type):
    return isinstance(conn_type, dict) and conn_type.get("type") == "pointer"


def _view_edge(node):
    """The edge of a view access node that leads to the viewed data
    (DaCe's rules, dace/sdfg/utils.py get_view_edge)."""
    if not hasattr(node, "view_edge"):
        node.view_edge = _find_view_edge(node)
    return node.view_edge


def _find_view_edge(node):
    ins = [e for e in node.in_edges if not e.memlet.empty]
    outs = list(node.out_edges)
    if not ins and not outs:
        return None
    if len(ins) == 1 and len(outs) != 1:
        return ins[0] if _memlet_source(ins[0]).kind == "AccessNode" else None
    if len(outs) == 1 and len(ins) != 1:
        return outs[0] if _memlet_sink(outs[0]).kind == "AccessNode" \
            else None
    if len(ins) == len(outs) and len(outs) != 1:
        return None
    i, o = ins[0], outs[0]
    src_data = _memlet_source(i).kind == "AccessNode"
    dst_data = _memlet_sink(o).kind == "AccessNode"
    if src_data and not dst_data:
        return i
    if dst_data and not src_data:
        return o
    if not src_data and not dst_data:
        return None
    if i.dst_conn == "views":
        return i
    if o.src_conn == "views":
        return o
    if i.memlet.data == node.data and o.memlet.data != node.data:
        return o
    if i.memlet.data != node.data and o.memlet.data == node.data:
        return i
    if i.memlet.data == node.data and o.memlet.data == node.data:
        return None
    if i.src.kind == "MapEntry":
        return i
    if o.dst.kind == "MapExit":
        return o
    return i


# ---------------------------------------------------------------------------
# Library nodes
# ---------------------------------------------------------------------------

def _prop(node, name, default, frame):
    value = node.attrs.get(name, default)
    if isinstance(value, str):
        value = Expr(value)(frame.env)
    return value


def _one(ports, names, what):
    for n in names:
        if n in ports:
            return ports[n]
    if len(ports) == 1 and None in ports:
        return ports[None]
    raise SDFGError(f"{what}: no connector {names[0]}")


def _store(interp, frame, port, value):
    """Writes a library node's result through its output memlet."""
    edge, view = port
    value = np.asarray(value)
    if not isinstance(view, np.ndarray) or view.ndim == 0:
        interp.write(edge, frame, value.reshape(-1)[0] if value.size == 1
                     else value)
        return
    if edge.memlet.wcr is not None:
        value = edge.memlet.wcr.array(
            view, value.reshape(view.shape) if value.size == view.size
            else value)
    _assign(view, value, edge.memlet.data)


def _reduce(interp, node, frame, ins, outs):
    """DaCe's Reduce (pure expansion): the input subset squeezed, `axes`
    (all when omitted) folded with `wcr` onto `identity`, or onto the
    output's current contents when there is no identity; no axis left
    to reduce is a copy."""
    in_edge, _ = _one(ins, ["_in"], "Reduce")
    out = _one(outs, ["_out"], "Reduce")
    m = in_edge.memlet
    arr = frame.array(m.data)
    view = m.subset.view(arr, frame.env, m.data) \
        if m.subset is not None else arr
    sizes = m.subset.sizes(frame.env) if m.subset is not None \
        else list(arr.shape)
    kept = [i for i, s in enumerate(sizes) if s != 1]
    values = np.asarray(view).reshape([sizes[i] for i in kept])
    axes = node.attrs.get("axes")
    axes = list(range(len(sizes))) if axes is None else list(axes)
    axes = [kept.index(a) for a in axes if a in kept]
    if not axes:
        _store(interp, frame, out, values)
        return
    wcr = WCR(node.attrs.get("wcr") or "lambda a, b: a")
    rest = [values.shape[i] for i in range(values.ndim) if i not in axes]
    identity = node.attrs.get("identity")
    current = np.asarray(out[1])
    if identity is not None and str(identity) != "None":
        initial = np.full(rest, Expr(str(identity))(frame.env),
                          dtype=current.dtype)
    else:
        initial = np.array(current, copy=True).reshape(rest)
    result = wcr.reduce(values, axes, initial)
    _store(interp, frame, out, result)


def _matmul(interp, node, frame, ins, outs):
    a = np.asarray(_one(ins, ["_a"], "MatMul")[1])
    b = np.asarray(_one(ins, ["_b"], "MatMul")[1])
    out = _one(outs, ["_c"], "MatMul")
    alpha = _prop(node, "alpha", 1, frame)
    beta = _prop(node, "beta", 0, frame)
    name = node.classpath.rsplit(".", 1)[-1]
    if name == "Gemm":
        if node.attrs.get("transA"):
            a = a.T
        if node.attrs.get("transB"):
            b = b.T
    result = alpha * np.matmul(a, b)
    if beta:
        cin = ins.get("_cin")
        c = np.asarray(cin[1]) if cin is not None else np.asarray(out[1])
        result = result + beta * c
    _store(interp, frame, out, result)


def _gemv(interp, node, frame, ins, outs):
    A = np.asarray(_one(ins, ["_A"], "Gemv")[1])
    x = np.asarray(_one(ins, ["_x"], "Gemv")[1])
    out = _one(outs, ["_y"], "Gemv")
    if node.attrs.get("transA"):
        A = A.T
    alpha = _prop(node, "alpha", 1, frame)
    beta = _prop(node, "beta", 0, frame)
    result = alpha * (A @ x)
    if beta:
        yin = ins.get("_y")
        result = result + beta * np.asarray(yin[1] if yin else out[1])
    _store(interp, frame, out, result)


def _ger(interp, node, frame, ins, outs):
    A = np.asarray(_one(ins, ["_A"], "Ger")[1])
    x = np.asarray(_one(ins, ["_x"], "Ger")[1])
    y = np.asarray(_one(ins, ["_y"], "Ger")[1])
    alpha = _prop(node, "alpha", 1, frame)
    _store(interp, frame, _one(outs, ["_res"], "Ger"),
           alpha * np.outer(x, y) + A)


def _dot(interp, node, frame, ins, outs):
    x = np.asarray(_one(ins, ["_x"], "Dot")[1]).reshape(-1)
    y = np.asarray(_one(ins, ["_y"], "Dot")[1]).reshape(-1)
    _store(interp, frame, _one(outs, ["_result"], "Dot"), np.dot(x, y))


def _axpy(interp, node, frame, ins, outs):
    x = np.asarray(_one(ins, ["_x"], "Axpy")[1])
    y = np.asarray(_one(ins, ["_y"], "Axpy")[1])
    a = _prop(node, "a", "a", frame)
    _store(interp, frame, _one(outs, ["_res"], "Axpy"), a * x + y)


def _transpose(interp, node, frame, ins, outs):
    x = np.asarray(_one(ins, ["_inp"], "Transpose")[1])
    _store(interp, frame, _one(outs, ["_out"], "Transpose"), x.T)


def _inv(interp, node, frame, ins, outs):
    x = np.asarray(_one(ins, ["_ain"], "Inv")[1])
    try:
        result = np.linalg.inv(x)
    except np.linalg.LinAlgError as e:
        raise SDFGError(f"Inv: {e}") from None
    _store(interp, frame, _one(outs, ["_aout"], "Inv"), result)


_LIBRARY = {
    "Reduce": _reduce, "MatMul": _matmul, "Gemm": _matmul, "Gemv": _gemv,
    "Ger": _ger, "Dot": _dot, "Axpy": _axpy, "Transpose": _transpose,
    "Inv": _inv,
}


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------

def load(path_or_obj):
    """An SDFG from a file name or an already parsed JSON object."""
    if isinstance(path_or_obj, (str, os.PathLike)):
        try:
            with open(path_or_obj) as f:
                obj = json.load(f)
        except OSError as e:
            raise SDFGError(f"cannot read {path_or_obj}: {e.strerror}") \
                from None
        except ValueError as e:
            raise SDFGError(f"{path_or_obj} is not JSON: {e}") from None
    else:
        obj = path_or_obj
    try:
        return SDFG(obj)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise SDFGError(f"malformed SDFG: {type(e).__name__}: {e}") from None


def run(sdfg, inputs, symbols, poison=0, vectorize=True,
        scalars_by_reference=False):
    """Runs `sdfg` (from `load`) on `inputs` (name -> array; a Scalar may
    be given as a 0-d array, an array as its whole flat allocation of
    `total_size` elements, returned the same way) with `symbols` (name -> int); `vectorize`
    runs maps on index vectors where that equals the loop. Returns
    name -> array for every non-transient container: arrays as they are
    after the run, Scalars as they were given (DaCe passes them by value),
    or as they are after the run with `scalars_by_reference` (the way a
    nested SDFG's Scalar outputs behave, for a nested SDFG saved alone).
    """
    if not isinstance(sdfg, SDFG):
        sdfg = load(sdfg)
    env = {k: _to_symbol(v) for k, v in symbols.items()}
    bound = {}
    given = {}
    raw = set()
    for name in sdfg.arguments():
        desc = sdfg.arrays[name]
        if desc is None:
            raise sdfg.unsupported[name]
        if desc.is_view:
            continue
        arr = desc.allocate(env, poison)
        if name in inputs:
            value = np.asarray(inputs[name])
            if desc.is_scalar:
                value = value.reshape(-1)
            buffer = _root(arr)
            if value.shape != arr.shape and value.ndim == 1 and \
                    value.size == buffer.size and buffer.ndim == 1:
                # The whole allocation (total_size elements, padding and
                # all), as a caller passes a padded or strided array.
                buffer[...] = value
                raw.add(name)
            elif value.shape != arr.shape:
                raise SDFGError(f"input '{name}' has shape {value.shape}, "
                                f"the SDFG says {arr.shape}")
            else:
                arr[...] = value
        given[name] = np.array(arr, copy=True)
        bound[name] = arr
    unknown = set(inputs) - set(bound)
    if unknown:
        raise SDFGError("inputs for no argument: " + ", ".join(sorted(unknown)))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        interp = Interpreter(poison, vectorize)
        try:
            interp.run_sdfg(sdfg, env, bound)
        except RecursionError:
            raise SDFGError("recursion too deep") from None
    results = {}
    for name, arr in bound.items():
        if name in raw:
            results[name] = np.array(_root(arr), copy=True)
        elif sdfg.arrays[name].is_scalar:
            results[name] = (arr if scalars_by_reference else
                             given[name]).reshape(())
        else:
            results[name] = np.ascontiguousarray(arr)
    return results


def random_inputs(sdfg, symbols, seed):
    """Random values for every argument: floats in [-3, 3] (a fifth of them
    zero), small integers of both signs, booleans."""
    rng = np.random.default_rng(seed)
    env = dict(symbols)
    out = {}
    for name in sdfg.arguments():
        desc = sdfg.arrays[name]
        if desc is None or desc.is_view:
            continue
        shape, _ = desc.layout(env)
        out[name] = _random(rng, shape, desc.dtype)
        if desc.is_scalar:
            out[name] = out[name].reshape(())
    return out


def _random(rng, shape, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        low = 0 if dtype.kind == "u" else -5
        return rng.integers(low, 10, shape).astype(dtype)
    v = rng.uniform(-3, 3, shape)
    v[rng.random(shape) < 0.2] = 0
    if dtype.kind == "c":
        w = rng.uniform(-3, 3, shape)
        return (v + 1j * w).astype(dtype)
    return v.astype(dtype)


def _parse_symbols(text):
    out = {}
    for item in filter(None, (text or "").split(",")):
        name, sep, value = item.partition("=")
        if not sep:
            raise SDFGError(f"--symbols expects NAME=VALUE, got {item!r}")
        try:
            out[name.strip()] = int(value)
        except ValueError:
            raise SDFGError(f"symbol {name} = {value!r} is not an integer") \
                from None
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sdfg", help="DaCe .sdfg (JSON) file")
    parser.add_argument("--symbols", default="",
                        help="symbol values, NAME=INT[,NAME=INT...]")
    parser.add_argument("--input", action="append", default=[],
                        metavar="NAME=FILE.npy",
                        help="value of a container (repeatable)")
    parser.add_argument("--output-dir", help="write NAME.npy here")
    parser.add_argument("--seed", type=int, default=1,
                        help="random values for containers without --input")
    parser.add_argument("--poison", type=int, choices=[0, 1], default=0,
                        help="fill variant of fresh transients (NaN or not)")
    parser.add_argument("--scalars-by-reference", action="store_true",
                        help="write a Scalar's value after the run, not the "
                        "one it was given")
    parser.add_argument("--no-vectorize", dest="vectorize",
                        action="store_false",
                        help="run every map as a loop, one iteration at a "
                        "time")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(10000)
    try:
        symbols = _parse_symbols(args.symbols)
        sdfg = load(args.sdfg)
        inputs = random_inputs(sdfg, symbols, args.seed)
        for item in args.input:
            name, sep, path = item.partition("=")
            if not sep:
                raise SDFGError(f"--input expects NAME=FILE.npy, got {item!r}")
            try:
                inputs[name] = np.load(path)
            except (OSError, ValueError) as e:
                raise SDFGError(f"cannot read {path}: {e}") from None
        results = run(sdfg, inputs, symbols, args.poison, args.vectorize,
                      args.scalars_by_reference)
    except Unsupported as e:
        print(f"sdfg_interpreter: {e}", file=sys.stderr)
        return 2
    except SDFGError as e:
        print(f"sdfg_interpreter: error: {e}", file=sys.stderr)
        return 1
    except Exception as e:
        if os.environ.get("SDFG_INTERPRETER_TRACEBACK"):
            raise
        print(f"sdfg_interpreter: internal error: {type(e).__name__}: {e} "
              "(SDFG_INTERPRETER_TRACEBACK=1 shows where)", file=sys.stderr)
        return 1
    if args.output_dir:
        os.makedirs(args.output_dir, exist_ok=True)
        for name, arr in results.items():
            np.save(os.path.join(args.output_dir, name + ".npy"), arr)
    else:
        for name, arr in results.items():
            print(f"{name} = {np.array2string(arr, threshold=20)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
