"""``perfkernel.compile``: from pk source to a NumPy-callable kernel.

Compiling is pk-run's runner, through the C API (include/pk-c/Runner.h):
the same entry lookup, pipelines, signature checks and JIT. What stays here
is what NumPy needs: the dtype of each buffer, the checks on the arrays
passed, and one memref descriptor per array (inputs, then results).
"""

import ctypes
import os
import tempfile
import threading

import numpy as np

from . import _capi
from ._capi import lib, from_str_ref, to_str_ref, StringCollector
from .ir import Module, Type, _resolve
from .runtime import get_ranked_memref_descriptor

__all__ = ["compile", "Kernel", "BufferType", "clear_cache", "TARGETS"]

TARGETS = ("cpu", "reference")


class BufferType:
    """A statically shaped tensor or memref a kernel takes or returns."""

    def __init__(self, mlir_type, kind, shape, dtype):
        self.mlir_type = mlir_type  # textual MLIR type
        self.kind = kind            # "tensor" or "memref"
        self.shape = shape
        self.dtype = dtype
        self.mlir_type_is_signless = False

    def accepts(self, dtype):
        if dtype == self.dtype:
            return True
        # Signless integers carry no sign: the op decides (e.g. quantized
        # uint8 codes in an i8 tensor), so both NumPy signs fit.
        return (self.dtype.kind in "iu" and dtype.kind in "iu"
                and dtype.itemsize == self.dtype.itemsize
                and self.mlir_type_is_signless)

    def describe(self):
        return f"{self.dtype.name} array of shape {self.shape}"

    def __repr__(self):
        return self.mlir_type


def _element_dtype(elem):
    if lib.mlirTypeIsAF32(elem):
        return np.dtype(np.float32), None
    if lib.mlirTypeIsAF64(elem):
        return np.dtype(np.float64), None
    if lib.mlirTypeIsAF16(elem):
        return np.dtype(np.float16), None
    if lib.mlirTypeIsABF16(elem):
        return None, "bf16 has no NumPy dtype"
    if lib.mlirTypeIsAIndex(elem):
        return np.dtype(np.int64), None
    if lib.mlirTypeIsAInteger(elem):
        width = lib.mlirIntegerTypeGetWidth(elem)
        unsigned = lib.mlirIntegerTypeIsUnsigned(elem)
        if width == 1:
            return np.dtype(np.bool_), None
        if width in (8, 16, 32, 64):
            return np.dtype(f"{'u' if unsigned else ''}int{width}"), None
    return None, "unsupported element type"


def _buffer_type(handle, context, what):
    """The NumPy view of a buffer type the C++ runner accepted."""
    text = str(Type(handle, context))
    kind = "tensor" if lib.mlirTypeIsARankedTensor(handle) else "memref"
    shape = tuple(lib.mlirShapedTypeGetDimSize(handle, i)
                  for i in range(lib.mlirShapedTypeGetRank(handle)))
    elem = lib.mlirShapedTypeGetElementType(handle)
    dtype, why = _element_dtype(elem)
    if dtype is None:
        raise ValueError(f"{what} has type {text}: {why}")
    buf = BufferType(text, kind, shape, dtype)
    buf.mlir_type_is_signless = bool(
        lib.mlirTypeIsAInteger(elem) and not lib.mlirIntegerTypeIsUnsigned(
            elem))
    return buf


class _CompiledFunction:
    """Owns a PkCompiledFunction (include/pk-c/Runner.h)."""

    def __init__(self, handle):
        self.handle = handle

    def __del__(self):
        if self.handle and _capi.may_destroy():
            lib.pkCompiledFunctionDestroy(self.handle)
            self.handle = None


class Kernel:
    """A compiled function, called with NumPy arrays: ``kernel(a, b)``.

    Tensor arguments are read (a C-contiguous copy is made when an argument
    is not C-contiguous); memref arguments are written in place and must be
    C-contiguous and writeable. Tensor results come back as new arrays: one
    array for one result, a tuple for several, None for none.
    """

    def __init__(self, compiled, context, target):
        handle = compiled.handle
        self._compiled = compiled
        self._context = context  # owns the signature's types
        self.name = from_str_ref(lib.pkCompiledFunctionGetName(handle))
        self.pipeline = from_str_ref(lib.pkCompiledFunctionGetPipeline(handle))
        self.target = target
        self.inputs = [
            _buffer_type(lib.pkCompiledFunctionGetInputType(handle, i),
                         context, f"argument #{i} of @{self.name}")
            for i in range(lib.pkCompiledFunctionGetNumInputs(handle))]
        self.outputs = [
            _buffer_type(lib.pkCompiledFunctionGetOutputType(handle, i),
                         context, f"result #{i} of @{self.name}")
            for i in range(lib.pkCompiledFunctionGetNumOutputs(handle))]

    @property
    def signature(self):
        ins = ", ".join(t.mlir_type for t in self.inputs)
        outs = ", ".join(t.mlir_type for t in self.outputs)
        return f"@{self.name}({ins}) -> ({outs})"

    def _prepare(self, i, value, expected):
        what = f"argument #{i} of @{self.name}"
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        if not expected.accepts(array.dtype):
            raise ValueError(f"{what} ({expected.mlir_type}) expects "
                             f"{expected.describe()}, got {array.dtype.name} "
                             f"array of shape {array.shape}")
        if array.shape != expected.shape:
            raise ValueError(f"{what} ({expected.mlir_type}) expects "
                             f"{expected.describe()}, got shape "
                             f"{array.shape}")
        if expected.kind == "memref":
            # Written in place: a copy would silently drop the writes.
            if not isinstance(value, np.ndarray):
                raise ValueError(f"{what} ({expected.mlir_type}) is written "
                                 "in place: pass a NumPy array")
            if not array.flags.c_contiguous or not array.flags.writeable:
                raise ValueError(f"{what} ({expected.mlir_type}) is written "
                                 "in place: it must be a C-contiguous, "
                                 "writeable array")
            return array
        return np.ascontiguousarray(array)

    def __call__(self, *args):
        if len(args) != len(self.inputs):
            raise ValueError(f"@{self.name} takes {len(self.inputs)} "
                             f"argument(s) ({self.signature}), got "
                             f"{len(args)}")
        arrays = [self._prepare(i, a, t)
                  for i, (a, t) in enumerate(zip(args, self.inputs))]
        results = [np.empty(t.shape, t.dtype) for t in self.outputs]
        descriptors = [get_ranked_memref_descriptor(a)
                       for a in arrays + results]
        packed = (ctypes.c_void_p * max(len(descriptors), 1))()
        for i, d in enumerate(descriptors):
            packed[i] = ctypes.addressof(d)
        errors = StringCollector()
        if not lib.pkCompiledFunctionCall(self._compiled.handle, packed,
                                          len(descriptors), errors.callback,
                                          None):
            raise RuntimeError(errors.text())
        if not results:
            return None
        return results[0] if len(results) == 1 else tuple(results)

    def __repr__(self):
        return f"<perfkernel.Kernel {self.signature} target={self.target}>"


_cache = {}
_cache_lock = threading.Lock()


def clear_cache():
    """Forgets every compiled kernel (they stay valid while referenced)."""
    with _cache_lock:
        _cache.clear()


def _source_text(source, context):
    """(text, default function name, context) of what compile() accepts."""
    if hasattr(source, "__pk_kernel__"):  # a perfkernel.pk kernel
        return source.mlir, source.name, context
    if isinstance(source, Module):
        return str(source), None, source.context
    if isinstance(source, os.PathLike):
        with open(source) as f:
            return f.read(), None, context
    if isinstance(source, str):
        return source, None, context
    raise TypeError("compile() takes MLIR source text, an os.PathLike to a "
                    ".mlir file, an ir.Module or a perfkernel.pk kernel, "
                    f"got {type(source).__name__}")


def _recipe_file(recipe, stack):
    """Path of the recipe file, writing recipe text to a temporary file."""
    if recipe is None:
        return None, None
    if isinstance(recipe, str) and "{" in recipe:  # recipe text, not a path
        tmp = tempfile.NamedTemporaryFile("w", suffix=".mlir", delete=False)
        tmp.write(recipe)
        tmp.close()
        stack.append(tmp.name)
        return tmp.name, ("text", recipe)
    path = os.path.abspath(os.fspath(recipe))
    if not os.path.isfile(path):
        raise FileNotFoundError(f"recipe file '{recipe}' not found")
    with open(path) as f:
        return path, ("text", f.read())


def compile(source_or_module, function=None, *, target="cpu", threads=0,
            cpu=None, recipe=None, opt_level=3, context=None):
    """Compiles `function` of `source_or_module` and returns a Kernel.

    source_or_module: MLIR text, an os.PathLike naming a .mlir file, an
      ir.Module, or a kernel built with perfkernel.pk.
    function: the func.func to call; by default the only public one.
    target: "cpu" (pk-cpu-pipeline: recipe schedule, vectorized, OpenMP) or
      "reference" (pk-reference-pipeline: plain loops).
    threads: OpenMP threads for "cpu" (0: the runtime default).
    cpu: the CPU "cpu" compiles for: "host" (the default), "x86-64-v3"
      (AVX2) or "x86-64-v4" (AVX-512).
    recipe: a transform-dialect recipe replacing the default CPU schedule,
      as a file path or as the recipe's text.
    opt_level: LLVM optimization level, 0 to 3.

    Compiled kernels are cached on (source text, function, options):
    compiling the same thing again returns the same Kernel.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target '{target}'; expected one of "
                         f"{', '.join(TARGETS)}")
    # Only what ctypes needs is checked here (an unsigned int, a string);
    # the runner checks the values.
    for what, value in (("threads", threads), ("opt_level", opt_level)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{what} must be a non-negative int, got "
                             f"{value!r}")
    if cpu is not None and not isinstance(cpu, str):
        raise ValueError(f"cpu must be a string, got {cpu!r}")
    text, default_name, context = _source_text(source_or_module, context)
    temporaries = []
    try:
        recipe_path, recipe_key = _recipe_file(recipe, temporaries)
        key = (text, function or default_name, target, threads, cpu,
               recipe_key, opt_level)
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None:
            return cached
        kernel = _compile_uncached(source_or_module, text,
                                   function or default_name, target, threads,
                                   cpu, recipe_path, opt_level, context)
        with _cache_lock:
            _cache[key] = kernel
        return kernel
    finally:
        for path in temporaries:
            os.unlink(path)


def _compile_uncached(source, text, function, target, threads, cpu,
                      recipe_path, opt_level, context):
    ctx = _resolve(context)
    if isinstance(source, Module):
        module = source.clone()
    else:
        module = Module.parse(text, ctx)
    module.operation.verify()
    ctx = module.context
    options = lib.pkCompileOptionsGetDefault()
    options.reference = target == "reference"
    options.threads = threads
    options.optLevel = opt_level
    keep = []  # the bytes the options' string refs point to
    for field, value in (("recipe", recipe_path), ("cpu", cpu)):
        if value is not None:
            ref, data = to_str_ref(value)
            setattr(options, field, ref)
            keep.append(data)
    name, name_keep = to_str_ref(function or "")
    errors = StringCollector()
    with ctx._capture() as capture:
        handle = lib.pkCompiledFunctionCreate(
            module._handle, name, ctypes.byref(options), errors.callback,
            None)
    if not handle:
        # An entry, signature or option the runner rejects is the caller's
        # mistake (ValueError, no diagnostics); a failing pipeline reports
        # located diagnostics.
        if capture.diagnostics:
            raise capture.fail(errors.text())
        raise ValueError(errors.text())
    capture.forward_warnings()
    return Kernel(_CompiledFunction(handle), ctx, target)
