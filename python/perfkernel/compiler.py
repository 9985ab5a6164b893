"""``perfkernel.compile``: from pk source to a NumPy-callable kernel.

The conventions are pk-run's (lib/Runner/JitRunner.cpp): the function gets
``llvm.emit_c_interface``, the pipelines turn its tensor results into
trailing out-parameters (identity-layout memrefs), and the packed C
interface ``_mlir_ciface_<name>`` takes a pointer to each memref descriptor,
inputs first, then results.
"""

import ctypes
import os
import re
import tempfile
import threading

import numpy as np

from . import _capi
from ._capi import lib, from_str_ref
from .execution_engine import ExecutionEngine
from .ir import Attribute, Context, Module, Type, _resolve
from .passmanager import PassManager
from .runtime import get_ranked_memref_descriptor, memref_pointer

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
    text = str(Type(handle, context))
    if lib.mlirTypeIsARankedTensor(handle):
        kind = "tensor"
    elif lib.mlirTypeIsAMemRef(handle):
        kind = "memref"
        if not lib.mlirAffineMapIsIdentity(
                lib.mlirMemRefTypeGetAffineMap(handle)):
            raise ValueError(f"{what} has type {text}: only identity-layout "
                             "memrefs can be passed")
    else:
        raise ValueError(f"{what} has type {text}: only ranked tensors and "
                         "memrefs can be passed to and from NumPy")
    if not lib.mlirShapedTypeHasStaticShape(handle):
        raise ValueError(f"{what} has type {text}: the shape must be static")
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


def _signature(func, name):
    attrs = func.attributes
    if "function_type" not in attrs:
        raise ValueError(f"@{name} is not a function")
    ftype = lib.mlirTypeAttrGetValue(attrs["function_type"]._handle)
    ctx = func.context
    inputs = [_buffer_type(lib.mlirFunctionTypeGetInput(ftype, i), ctx,
                           f"argument #{i} of @{name}")
              for i in range(lib.mlirFunctionTypeGetNumInputs(ftype))]
    outputs = [_buffer_type(lib.mlirFunctionTypeGetResult(ftype, i), ctx,
                            f"result #{i} of @{name}")
               for i in range(lib.mlirFunctionTypeGetNumResults(ftype))]
    return inputs, outputs


def _public_functions(module):
    names = []

    def visit(op):
        if op.name == "func.func" and "sym_visibility" not in op.attributes:
            names.append(str(op.attributes["sym_name"]).strip('"'))

    module.operation.walk(visit)
    return names


def _pipeline_text(target, threads, recipe_path):
    if target == "reference":
        return "builtin.module(pk-reference-pipeline)"
    options = []
    if threads:
        options.append(f"threads={threads}")
    if recipe_path:
        options.append(f'recipe="{recipe_path}"')
    suffix = "{" + " ".join(options) + "}" if options else ""
    return f"builtin.module(pk-cpu-pipeline{suffix})"


def _runtime_libraries():
    directory = _capi.runtime_library_dir()
    libs = [os.path.join(directory, name)
            for name in ("libmlir_c_runner_utils.so", "libomp.so")]
    for path in libs:
        if not os.path.isfile(path):
            raise RuntimeError(f"runtime library '{path}' not found")
    return libs


class Kernel:
    """A compiled function, called with NumPy arrays: ``kernel(a, b)``.

    Tensor arguments are read (a C-contiguous copy is made when an argument
    is not C-contiguous); memref arguments are written in place and must be
    C-contiguous and writeable. Tensor results come back as new arrays: one
    array for one result, a tuple for several, None for none.
    """

    def __init__(self, name, inputs, outputs, engine, target, pipeline):
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.target = target
        self.pipeline = pipeline
        self.engine = engine
        self._entry = engine.lookup(name)

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
        pointers = [memref_pointer(get_ranked_memref_descriptor(a))
                    for a in arrays + results]
        packed = (ctypes.c_void_p * max(len(pointers), 1))()
        for i, p in enumerate(pointers):
            packed[i] = ctypes.cast(p, ctypes.c_void_p)
        self._entry(packed)
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
    if '"' in path:
        raise ValueError(f"recipe path '{path}' contains a double quote, "
                         "which pass options cannot carry; pass the recipe "
                         "text instead")
    with open(path) as f:
        return path, ("text", f.read())


def compile(source_or_module, function=None, *, target="cpu", threads=0,
            recipe=None, opt_level=3, context=None):
    """Compiles `function` of `source_or_module` and returns a Kernel.

    source_or_module: MLIR text, an os.PathLike naming a .mlir file, an
      ir.Module, or a kernel built with perfkernel.pk.
    function: the func.func to call; by default the only public one.
    target: "cpu" (pk-cpu-pipeline: recipe schedule, vectorized, OpenMP) or
      "reference" (pk-reference-pipeline: plain loops).
    threads: OpenMP threads for "cpu" (0: the runtime default).
    recipe: a transform-dialect recipe replacing the default CPU schedule,
      as a file path or as the recipe's text.
    opt_level: LLVM optimization level, 0 to 3.

    Compiled kernels are cached on (source text, function, options):
    compiling the same thing again returns the same Kernel.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target '{target}'; expected one of "
                         f"{', '.join(TARGETS)}")
    if not isinstance(threads, int) or isinstance(threads, bool) \
            or threads < 0:
        raise ValueError(f"threads must be a non-negative int, got {threads!r}")
    if target != "cpu" and (threads or recipe is not None):
        raise ValueError("threads and recipe apply to target 'cpu' only")
    if opt_level not in (0, 1, 2, 3):
        raise ValueError(f"opt_level must be 0, 1, 2 or 3, got {opt_level!r}")
    text, default_name, context = _source_text(source_or_module, context)
    temporaries = []
    try:
        recipe_path, recipe_key = _recipe_file(recipe, temporaries)
        key = (text, function or default_name, target, threads, recipe_key,
               opt_level)
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None:
            return cached
        kernel = _compile_uncached(source_or_module, text,
                                   function or default_name, target, threads,
                                   recipe_path, opt_level, context)
        with _cache_lock:
            _cache[key] = kernel
        return kernel
    finally:
        for path in temporaries:
            os.unlink(path)


def _compile_uncached(source, text, function, target, threads, recipe_path,
                      opt_level, context):
    ctx = _resolve(context)
    if isinstance(source, Module):
        module = source.clone()
    else:
        module = Module.parse(text, ctx)
    module.operation.verify()
    if function is None:
        public = _public_functions(module)
        if len(public) != 1:
            raise ValueError("the module has "
                             f"{len(public)} public functions "
                             f"({', '.join(public) or 'none'}); name the one "
                             "to compile")
        function = public[0]
    func = module.operation.lookup_symbol(function)
    if func is None or func.name != "func.func":
        available = ", ".join(_public_functions(module)) or "none"
        raise ValueError(f"no function named '{function}' in the module "
                         f"(public functions: {available})")
    if not lib.mlirRegionGetFirstBlock(lib.mlirOperationGetRegion(
            func._handle, 0)):
        raise ValueError(f"@{function} is a declaration without a body")
    inputs, outputs = _signature(func, function)
    func.attributes["llvm.emit_c_interface"] = Attribute.unit(module.context)

    pipeline = _pipeline_text(target, threads, recipe_path)
    PassManager.parse(pipeline, module.context).run(module)

    # Binding descriptors to the wrong parameters would be undefined
    # behaviour: check the compiled interface takes one per buffer.
    ciface = module.operation.lookup_symbol("_mlir_ciface_" + function)
    if ciface is None:
        raise RuntimeError(f"the pipeline did not produce _mlir_ciface_"
                           f"{function}")
    ftype = str(ciface.attributes["function_type"])
    match = re.fullmatch(r"!llvm\.func<void \((.*)\)>", ftype)
    params = [p for p in match.group(1).split(",") if p.strip()] \
        if match else None
    expected = len(inputs) + len(outputs)
    if params is None or len(params) != expected:
        raise RuntimeError(f"the compiled @{function} ({ftype}) does not take "
                           f"its {expected} buffers (inputs, then results) "
                           "as parameters")

    engine = ExecutionEngine(module, opt_level=opt_level,
                             shared_libs=_runtime_libraries())
    return Kernel(function, inputs, outputs, engine, target, pipeline)
