"""JIT execution, mirroring upstream ``mlir.execution_engine``.

``ExecutionEngine(module, opt_level, shared_libs)`` compiles a module that is
entirely in the LLVM dialect; ``invoke(name, *ctypes_args)`` calls a function
carrying the ``llvm.emit_c_interface`` attribute through its packed C
interface: every argument is a ctypes pointer (for a memref, a pointer to a
pointer to its descriptor, see ``perfkernel.runtime``); results of the
function are passed the same way, after the arguments.
"""

import ctypes
import os

from . import _capi
from ._capi import lib, to_str_ref
from .ir import MLIRError, Module

__all__ = ["ExecutionEngine"]

_PACKED = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class ExecutionEngine:
    def __init__(self, module, opt_level=2, shared_libs=(),
                 enable_object_dump=True):
        if not isinstance(module, Module):
            raise TypeError("ExecutionEngine expects an ir.Module")
        for path in shared_libs:
            if not os.path.isfile(path):
                raise ValueError(f"shared library '{path}' not found")
        keep = []
        refs = _capi_refs(shared_libs, keep)
        with module.context._capture() as capture:
            self._handle = lib.mlirExecutionEngineCreate(
                module._handle, int(opt_level), len(shared_libs), refs,
                bool(enable_object_dump), False)
        if not self._handle:
            raise capture.fail(
                "Failed to create an ExecutionEngine (is the module fully "
                "lowered to the LLVM dialect?)")
        # The engine is independent of the module afterwards, but keeping
        # it makes the lifetimes obvious to readers and to the GC.
        self._module = module
        # Kernels allocate their temporaries as under pk-run (huge pages for
        # large ones), before anything is looked up or initialized.
        lib.pkExecutionEngineUseKernelAllocator(self._handle)
        lib.mlirExecutionEngineInitialize(self._handle)

    def raw_lookup(self, name):
        """Address of the packed wrapper `_mlir_<name>`, or None."""
        ref, keep = to_str_ref(name)
        return lib.mlirExecutionEngineLookupPacked(self._handle, ref)

    def lookup(self, name):
        """A ctypes callable taking the packed argument array of `name`, a
        function emitted with `llvm.emit_c_interface`."""
        address = self.raw_lookup("_mlir_ciface_" + name)
        if not address:
            raise RuntimeError("Unknown function " + name)
        return _PACKED(address)

    def invoke(self, name, *ctypes_args):
        """Calls `name` with pointers to its arguments (then its results)."""
        func = self.lookup(name)
        packed = (ctypes.c_void_p * max(len(ctypes_args), 1))()
        for i, arg in enumerate(ctypes_args):
            packed[i] = ctypes.cast(arg, ctypes.c_void_p)
        func(packed)

    def register_runtime(self, name, ctypes_callback):
        """Makes `ctypes_callback` (which must outlive the engine) callable
        from the compiled code as `_mlir_ciface_<name>`."""
        ref, keep = to_str_ref("_mlir_ciface_" + name)
        lib.mlirExecutionEngineRegisterSymbol(
            self._handle, ref, ctypes.cast(ctypes_callback, ctypes.c_void_p))

    def dump_to_object_file(self, path):
        ref, keep = to_str_ref(os.fspath(path))
        lib.mlirExecutionEngineDumpToObjectFile(self._handle, ref)

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle and _capi.may_destroy():
            lib.mlirExecutionEngineDestroy(handle)
            self._handle = None


def _capi_refs(paths, keep):
    from ._capi import StringRef
    refs = (StringRef * max(len(paths), 1))()
    for i, path in enumerate(paths):
        ref, data = to_str_ref(os.fspath(path))
        keep.append(data)
        refs[i] = ref
    return refs
