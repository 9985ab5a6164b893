"""ctypes bindings to libPKCAPI.so: the pk C API and the upstream MLIR C API.

Every MLIR handle (MlirContext, MlirOperation, ...) is a struct holding one
pointer, which the x86-64 and AArch64 C calling conventions pass and return
exactly like a bare pointer, so handles are declared as ``c_void_p`` (a null
handle reads back as ``None``). ``MlirStringRef`` is a real two-field struct.

The library is looked up, in order, at ``$PK_CAPI_LIB``, then at
``build/lib/libPKCAPI.so`` in the repository this package lives in.
"""

import atexit
import ctypes
import os

__all__ = ["lib", "library_path", "StringRef", "to_str_ref", "from_str_ref",
           "StringCollector", "CompileOptions", "STRING_CALLBACK",
           "DIAGNOSTIC_HANDLER", "WALK_CALLBACK", "runtime_library_dir",
           "may_destroy"]

_ENV_VAR = "PK_CAPI_LIB"
_REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def _find_library():
    override = os.environ.get(_ENV_VAR)
    if override:
        if not os.path.isfile(override):
            raise ImportError(f"perfkernel: ${_ENV_VAR} names '{override}', "
                              "which is not a file")
        return override
    default = os.path.join(_REPO_ROOT, "build", "lib", "libPKCAPI.so")
    if os.path.isfile(default):
        return default
    raise ImportError(
        f"perfkernel: cannot find libPKCAPI.so (looked at {default}); build "
        f"the project (`make build`) or point ${_ENV_VAR} at the library")


library_path = _find_library()
lib = ctypes.CDLL(library_path)


class StringRef(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("length", ctypes.c_size_t)]


def to_str_ref(text):
    """A StringRef over `text`; the caller keeps the returned bytes alive."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    return StringRef(data, len(data)), data


def from_str_ref(ref):
    if not ref.data or ref.length == 0:
        return ""
    return ctypes.string_at(ref.data, ref.length).decode("utf-8", "replace")


# void (*MlirStringCallback)(MlirStringRef, void *userData)
STRING_CALLBACK = ctypes.CFUNCTYPE(None, StringRef, ctypes.c_void_p)
# MlirLogicalResult (*MlirDiagnosticHandler)(MlirDiagnostic, void *userData)
DIAGNOSTIC_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int8, ctypes.c_void_p,
                                      ctypes.c_void_p)
# MlirWalkResult (*MlirOperationWalkCallback)(MlirOperation, void *userData)
WALK_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p,
                                 ctypes.c_void_p)
# void (*MlirTypesCallback)(intptr_t, MlirType *, void *userData)
TYPES_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_ssize_t,
                                  ctypes.POINTER(ctypes.c_void_p),
                                  ctypes.c_void_p)


class StringCollector:
    """Accumulates what an MlirStringCallback-taking printer writes."""

    def __init__(self):
        self.parts = []
        self.callback = STRING_CALLBACK(self._append)

    def _append(self, ref, _user_data):
        self.parts.append(ctypes.string_at(ref.data, ref.length))

    def text(self):
        return b"".join(self.parts).decode("utf-8", "replace")


class CompileOptions(ctypes.Structure):
    """PkCompileOptions (include/pk-c/Runner.h)."""
    _fields_ = [("reference", ctypes.c_bool), ("threads", ctypes.c_uint),
                ("cpu", StringRef), ("recipe", StringRef),
                ("optLevel", ctypes.c_uint)]


_H = ctypes.c_void_p          # any MLIR handle
_B = ctypes.c_bool
_I = ctypes.c_ssize_t  # intptr_t
_LR = ctypes.c_int8           # MlirLogicalResult: 1 is success
_S = StringRef
_SCB = STRING_CALLBACK
_V = None

_PROTOTYPES = {
    # pk C API (include/pk-c/).
    "pkRegisterAllDialects": (_V, [_H]),
    "pkRegisterAllPasses": (_V, []),
    "pkRegisterPasses": (_V, []),
    "pkRegisterPipelines": (_V, []),
    "pkGetRuntimeLibraryDir": (_S, []),
    "pkExecutionEngineUseKernelAllocator": (_V, [_H]),
    "pkInferResultTypes": (_LR, [_S, _H, _I, ctypes.POINTER(ctypes.c_void_p),
                                 _H, TYPES_CALLBACK, ctypes.c_void_p]),
    "pkCompileOptionsGetDefault": (CompileOptions, []),
    "pkFindEntryFunction": (_H, [_H, _S, _SCB, ctypes.c_void_p]),
    "pkCompiledFunctionCreate": (_H, [_H, _S, ctypes.POINTER(CompileOptions),
                                      _SCB, ctypes.c_void_p]),
    "pkCompiledFunctionDestroy": (_V, [_H]),
    "pkCompiledFunctionGetName": (_S, [_H]),
    "pkCompiledFunctionGetPipeline": (_S, [_H]),
    "pkCompiledFunctionGetNumInputs": (_I, [_H]),
    "pkCompiledFunctionGetNumOutputs": (_I, [_H]),
    "pkCompiledFunctionGetInputType": (_H, [_H, _I]),
    "pkCompiledFunctionGetOutputType": (_H, [_H, _I]),
    "pkCompiledFunctionCall": (_B, [_H, ctypes.POINTER(ctypes.c_void_p), _I,
                                    _SCB, ctypes.c_void_p]),
    "mlirGetDialectHandle__pk__": (_H, []),
    "mlirGetDialectHandle__sdfg__": (_H, []),
    "mlirDialectHandleGetNamespace": (_S, [_H]),
    # Context, registry, diagnostics.
    "mlirDialectRegistryCreate": (_H, []),
    "mlirDialectRegistryDestroy": (_V, [_H]),
    "mlirContextCreateWithRegistry": (_H, [_H, _B]),
    "mlirContextDestroy": (_V, [_H]),
    "mlirContextSetAllowUnregisteredDialects": (_V, [_H, _B]),
    "mlirContextGetAllowUnregisteredDialects": (_B, [_H]),
    "mlirContextEnableMultithreading": (_V, [_H, _B]),
    "mlirContextAttachDiagnosticHandler": (
        ctypes.c_uint64, [_H, DIAGNOSTIC_HANDLER, ctypes.c_void_p,
                          ctypes.c_void_p]),
    "mlirContextDetachDiagnosticHandler": (_V, [_H, ctypes.c_uint64]),
    "mlirDiagnosticPrint": (_V, [_H, _SCB, ctypes.c_void_p]),
    "mlirDiagnosticGetLocation": (_H, [_H]),
    "mlirDiagnosticGetSeverity": (ctypes.c_int, [_H]),
    "mlirDiagnosticGetNumNotes": (_I, [_H]),
    "mlirDiagnosticGetNote": (_H, [_H, _I]),
    "mlirLocationPrint": (_V, [_H, _SCB, ctypes.c_void_p]),
    "mlirLocationUnknownGet": (_H, [_H]),
    "mlirLocationFileLineColGet": (_H, [_H, _S, ctypes.c_uint,
                                        ctypes.c_uint]),
    # Modules and operations.
    "mlirModuleCreateParse": (_H, [_H, _S]),
    "mlirModuleCreateEmpty": (_H, [_H]),
    "mlirModuleGetOperation": (_H, [_H]),
    "mlirModuleFromOperation": (_H, [_H]),
    "mlirModuleDestroy": (_V, [_H]),
    "mlirOperationClone": (_H, [_H]),
    "mlirOperationDestroy": (_V, [_H]),
    "mlirOperationVerify": (_B, [_H]),
    "mlirOperationGetName": (_H, [_H]),
    "mlirOperationGetContext": (_H, [_H]),
    "mlirIdentifierStr": (_S, [_H]),
    "mlirOperationPrint": (_V, [_H, _SCB, ctypes.c_void_p]),
    "mlirOperationPrintWithFlags": (_V, [_H, _H, _SCB, ctypes.c_void_p]),
    "mlirOpPrintingFlagsCreate": (_H, []),
    "mlirOpPrintingFlagsDestroy": (_V, [_H]),
    "mlirOpPrintingFlagsPrintGenericOpForm": (_V, [_H]),
    "mlirOpPrintingFlagsEnableDebugInfo": (_V, [_H, _B, _B]),
    "mlirOperationWalk": (_V, [_H, WALK_CALLBACK, ctypes.c_void_p,
                               ctypes.c_int]),
    "mlirOperationGetRegion": (_H, [_H, _I]),
    "mlirRegionGetFirstBlock": (_H, [_H]),
    "mlirOperationGetAttributeByName": (_H, [_H, _S]),
    "mlirOperationSetAttributeByName": (_V, [_H, _S, _H]),
    "mlirOperationRemoveAttributeByName": (_B, [_H, _S]),
    "mlirSymbolTableCreate": (_H, [_H]),
    "mlirSymbolTableDestroy": (_V, [_H]),
    "mlirSymbolTableLookup": (_H, [_H, _S]),
    # Attributes and types.
    "mlirAttributeParseGet": (_H, [_H, _S]),
    "mlirAttributePrint": (_V, [_H, _SCB, ctypes.c_void_p]),
    "mlirAttributeEqual": (_B, [_H, _H]),
    "mlirUnitAttrGet": (_H, [_H]),
    "mlirFlatSymbolRefAttrGet": (_H, [_H, _S]),
    "mlirTypeAttrGetValue": (_H, [_H]),
    "mlirAttributeIsAType": (_B, [_H]),
    "mlirTypeParseGet": (_H, [_H, _S]),
    "mlirTypePrint": (_V, [_H, _SCB, ctypes.c_void_p]),
    "mlirTypeIsAFunction": (_B, [_H]),
    "mlirFunctionTypeGetNumInputs": (_I, [_H]),
    "mlirFunctionTypeGetNumResults": (_I, [_H]),
    "mlirFunctionTypeGetInput": (_H, [_H, _I]),
    "mlirFunctionTypeGetResult": (_H, [_H, _I]),
    "mlirTypeIsARankedTensor": (_B, [_H]),
    "mlirTypeIsAMemRef": (_B, [_H]),
    "mlirShapedTypeGetRank": (ctypes.c_int64, [_H]),
    "mlirShapedTypeHasStaticShape": (_B, [_H]),
    "mlirShapedTypeGetDimSize": (ctypes.c_int64, [_H, _I]),
    "mlirShapedTypeGetElementType": (_H, [_H]),
    "mlirMemRefTypeGetAffineMap": (_H, [_H]),
    "mlirAffineMapIsIdentity": (_B, [_H]),
    "mlirTypeIsAF16": (_B, [_H]),
    "mlirTypeIsABF16": (_B, [_H]),
    "mlirTypeIsAF32": (_B, [_H]),
    "mlirTypeIsAF64": (_B, [_H]),
    "mlirTypeIsAIndex": (_B, [_H]),
    "mlirTypeIsAInteger": (_B, [_H]),
    "mlirIntegerTypeGetWidth": (ctypes.c_uint, [_H]),
    "mlirIntegerTypeIsUnsigned": (_B, [_H]),
    # Pass manager.
    "mlirPassManagerCreate": (_H, [_H]),
    "mlirPassManagerCreateOnOperation": (_H, [_H, _S]),
    "mlirPassManagerDestroy": (_V, [_H]),
    "mlirPassManagerGetAsOpPassManager": (_H, [_H]),
    "mlirPassManagerRunOnOp": (_LR, [_H, _H]),
    "mlirPassManagerEnableVerifier": (_V, [_H, _B]),
    "mlirParsePassPipeline": (_LR, [_H, _S, _SCB, ctypes.c_void_p]),
    "mlirOpPassManagerAddPipeline": (_LR, [_H, _S, _SCB, ctypes.c_void_p]),
    "mlirPrintPassPipeline": (_V, [_H, _SCB, ctypes.c_void_p]),
    # Execution engine.
    "mlirExecutionEngineCreate": (
        _H, [_H, ctypes.c_int, ctypes.c_int, ctypes.POINTER(StringRef), _B,
             _B]),
    "mlirExecutionEngineInitialize": (_V, [_H]),
    "mlirExecutionEngineDestroy": (_V, [_H]),
    "mlirExecutionEngineLookupPacked": (ctypes.c_void_p, [_H, _S]),
    "mlirExecutionEngineLookup": (ctypes.c_void_p, [_H, _S]),
    "mlirExecutionEngineRegisterSymbol": (_V, [_H, _S, ctypes.c_void_p]),
    "mlirExecutionEngineDumpToObjectFile": (_V, [_H, _S]),
}

for _name, (_restype, _argtypes) in _PROTOTYPES.items():
    _fn = getattr(lib, _name)
    _fn.restype = _restype
    _fn.argtypes = _argtypes


class _Lifetime:
    """Whether MLIR objects may still be destroyed. At interpreter exit,
    Python finalizes what is left in no particular order (a context before
    the modules living in it), so handles are leaked to the OS instead."""
    alive = True


def _on_exit():
    _Lifetime.alive = False


atexit.register(_on_exit)


def may_destroy():
    return _Lifetime.alive


def runtime_library_dir():
    """Where libmlir_c_runner_utils.so and libomp.so were found at build time."""
    return from_str_ref(lib.pkGetRuntimeLibraryDir())


# Textual pipelines (PassManager.parse) name passes through the global
# registry, so it is filled once, when the package is first imported.
lib.pkRegisterAllPasses()
