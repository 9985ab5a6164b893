"""Core IR classes, mirroring the parts of upstream ``mlir.ir`` pk needs.

``Context`` owns an MLIR context with every dialect pk-opt knows (upstream,
``pk``, ``sdfg``, the LLVM IR translations). It is a context manager: inside
``with Context():`` functions taking ``context=None`` use it; outside, they
use a default context shared by the process.

Every error MLIR reports (parse, verification, pass failures) is raised as
:class:`MLIRError`, carrying the diagnostics with their locations.
"""

import sys
import threading

from . import _capi
from ._capi import lib, to_str_ref, from_str_ref, StringCollector

__all__ = ["Context", "Module", "Operation", "Attribute", "Type",
           "Location", "MLIRError", "DiagnosticInfo", "DiagnosticSeverity"]


class DiagnosticSeverity:
    ERROR = 0
    WARNING = 1
    NOTE = 2
    REMARK = 3
    _NAMES = {0: "error", 1: "warning", 2: "note", 3: "remark"}


class DiagnosticInfo:
    """One diagnostic: severity, location text, message and attached notes."""

    def __init__(self, severity, location, message, notes):
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes

    # A note quoting a whole module (a failing pass's "see current
    # operation") would bury the message; `notes` keeps the full text.
    _MAX_NOTE_LINES = 8

    def __str__(self):
        name = DiagnosticSeverity._NAMES.get(self.severity, "diagnostic")
        text = f"{self.location}: {name}: {self.message}"
        for note in self.notes:
            lines = str(note).split("\n")
            if len(lines) > self._MAX_NOTE_LINES:
                hidden = len(lines) - self._MAX_NOTE_LINES
                lines = lines[:self._MAX_NOTE_LINES] + [
                    f"  ... ({hidden} more lines in .notes)"]
            text += "\n  " + "\n  ".join(lines)
        return text

    __repr__ = __str__


class MLIRError(Exception):
    """An MLIR operation failed; ``error_diagnostics`` says why."""

    def __init__(self, message, error_diagnostics=()):
        self.message = message
        self.error_diagnostics = list(error_diagnostics)
        super().__init__(message)

    def __str__(self):
        if not self.error_diagnostics:
            return self.message
        details = "\n".join("  " + str(d).replace("\n", "\n  ")
                            for d in self.error_diagnostics)
        return f"{self.message}:\n{details}"


def _diagnostic_info(diag):
    text = StringCollector()
    lib.mlirDiagnosticPrint(diag, text.callback, None)
    loc = StringCollector()
    lib.mlirLocationPrint(lib.mlirDiagnosticGetLocation(diag), loc.callback,
                          None)
    notes = [_diagnostic_info(lib.mlirDiagnosticGetNote(diag, i))
             for i in range(lib.mlirDiagnosticGetNumNotes(diag))]
    return DiagnosticInfo(lib.mlirDiagnosticGetSeverity(diag), loc.text(),
                          text.text(), notes)


_thread_state = threading.local()


def _context_stack():
    if not hasattr(_thread_state, "contexts"):
        _thread_state.contexts = []
    return _thread_state.contexts


_default_context = None
_default_context_lock = threading.Lock()


class Context:
    """An MLIR context with every dialect and translation pk uses."""

    def __init__(self, *, multithreaded=True):
        registry = lib.mlirDialectRegistryCreate()
        lib.pkRegisterAllDialects(registry)
        self._handle = lib.mlirContextCreateWithRegistry(registry,
                                                         bool(multithreaded))
        lib.mlirDialectRegistryDestroy(registry)
        # The handler must not reference this Context: a reference cycle
        # would let the garbage collector finalize the context before the
        # modules that live in it.
        self._sink = _DiagnosticSink()
        self._handler = _capi.DIAGNOSTIC_HANDLER(self._sink.on_diagnostic)
        self._handler_id = lib.mlirContextAttachDiagnosticHandler(
            self._handle, self._handler, None, None)

    @staticmethod
    def current():
        """The innermost ``with Context()`` of this thread, else the default."""
        stack = _context_stack()
        return stack[-1] if stack else _get_default_context()

    def __enter__(self):
        _context_stack().append(self)
        return self

    def __exit__(self, *exc):
        _context_stack().pop()
        return False

    @property
    def allow_unregistered_dialects(self):
        return lib.mlirContextGetAllowUnregisteredDialects(self._handle)

    @allow_unregistered_dialects.setter
    def allow_unregistered_dialects(self, value):
        lib.mlirContextSetAllowUnregisteredDialects(self._handle, bool(value))

    def _capture(self):
        return _DiagnosticCapture(self)

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle and _capi.may_destroy():
            lib.mlirContextDetachDiagnosticHandler(handle, self._handler_id)
            lib.mlirContextDestroy(handle)
            self._handle = None


class _DiagnosticSink:
    """Receives a context's diagnostics: collected per thread while an
    operation that can fail runs (see _DiagnosticCapture), printed to stderr
    otherwise."""

    def __init__(self):
        self.captures = threading.local()

    def on_diagnostic(self, diag, _user_data):
        try:
            info = _diagnostic_info(diag)
            stack = getattr(self.captures, "stack", None)
            if stack:
                stack[-1].append(info)
            else:
                print(str(info), file=sys.stderr)
        except Exception:  # never unwind through C frames
            pass
        return 1  # handled


class _DiagnosticCapture:
    """Collects the diagnostics emitted on this thread inside a ``with``."""

    def __init__(self, context):
        self.context = context
        self.diagnostics = []

    def __enter__(self):
        captures = self.context._sink.captures
        if not hasattr(captures, "stack"):
            captures.stack = []
        captures.stack.append(self.diagnostics)
        return self

    def __exit__(self, *exc):
        self.context._sink.captures.stack.pop()
        return False

    def errors(self):
        errors = [d for d in self.diagnostics
                  if d.severity == DiagnosticSeverity.ERROR]
        return errors or self.diagnostics

    def forward_warnings(self):
        """Prints what a successful operation reported (warnings, remarks)."""
        for d in self.diagnostics:
            print(str(d), file=sys.stderr)

    def fail(self, message):
        return MLIRError(message, self.errors())


def _get_default_context():
    global _default_context
    with _default_context_lock:
        if _default_context is None:
            _default_context = Context()
        return _default_context


def _resolve(context):
    return context if context is not None else Context.current()


def _print_with(printer, handle, *extra):
    out = StringCollector()
    printer(handle, *extra, out.callback, None)
    return out.text()


class Location:
    @staticmethod
    def unknown(context=None):
        ctx = _resolve(context)
        loc = Location()
        loc._context = ctx
        loc._handle = lib.mlirLocationUnknownGet(ctx._handle)
        return loc

    def __str__(self):
        return _print_with(lib.mlirLocationPrint, self._handle)


class Attribute:
    """A uniqued attribute (lives as long as its context)."""

    def __init__(self, handle, context):
        self._handle = handle
        self.context = context

    @staticmethod
    def parse(asm, context=None):
        ctx = _resolve(context)
        ref, keep = to_str_ref(asm)
        with ctx._capture() as capture:
            handle = lib.mlirAttributeParseGet(ctx._handle, ref)
        if not handle:
            raise capture.fail(f"Unable to parse attribute '{asm}'")
        return Attribute(handle, ctx)

    @staticmethod
    def unit(context=None):
        ctx = _resolve(context)
        return Attribute(lib.mlirUnitAttrGet(ctx._handle), ctx)

    @staticmethod
    def symbol_ref(name, context=None):
        """``@name`` as MLIR prints it (quoted when `name` needs it)."""
        ctx = _resolve(context)
        ref, keep = to_str_ref(name)
        return Attribute(lib.mlirFlatSymbolRefAttrGet(ctx._handle, ref), ctx)

    def __eq__(self, other):
        return isinstance(other, Attribute) and bool(
            lib.mlirAttributeEqual(self._handle, other._handle))

    def __hash__(self):
        return hash(self._handle)

    def __str__(self):
        return _print_with(lib.mlirAttributePrint, self._handle)

    def __repr__(self):
        return f"Attribute({self})"


class Type:
    """A uniqued type (lives as long as its context)."""

    def __init__(self, handle, context):
        self._handle = handle
        self.context = context

    @staticmethod
    def parse(asm, context=None):
        ctx = _resolve(context)
        ref, keep = to_str_ref(asm)
        with ctx._capture() as capture:
            handle = lib.mlirTypeParseGet(ctx._handle, ref)
        if not handle:
            raise capture.fail(f"Unable to parse type '{asm}'")
        return Type(handle, ctx)

    def __str__(self):
        return _print_with(lib.mlirTypePrint, self._handle)

    def __repr__(self):
        return f"Type({self})"


class _Attributes:
    """``operation.attributes``: get, set, delete and test by name."""

    def __init__(self, operation):
        self._op = operation

    def __getitem__(self, name):
        ref, keep = to_str_ref(name)
        handle = lib.mlirOperationGetAttributeByName(self._op._handle, ref)
        if not handle:
            raise KeyError(name)
        return Attribute(handle, self._op.context)

    def __contains__(self, name):
        ref, keep = to_str_ref(name)
        return bool(lib.mlirOperationGetAttributeByName(self._op._handle,
                                                        ref))

    def __setitem__(self, name, attr):
        if not isinstance(attr, Attribute):
            raise TypeError("attributes are set from ir.Attribute values")
        ref, keep = to_str_ref(name)
        lib.mlirOperationSetAttributeByName(self._op._handle, ref,
                                            attr._handle)

    def __delitem__(self, name):
        ref, keep = to_str_ref(name)
        if not lib.mlirOperationRemoveAttributeByName(self._op._handle, ref):
            raise KeyError(name)


class Operation:
    """A view of an operation; ``owner`` keeps what owns it alive."""

    def __init__(self, handle, context, owner=None):
        self._handle = handle
        self.context = context
        self._owner = owner

    @property
    def name(self):
        return from_str_ref(lib.mlirIdentifierStr(
            lib.mlirOperationGetName(self._handle)))

    @property
    def attributes(self):
        return _Attributes(self)

    def verify(self):
        """Returns True, or raises MLIRError with the verifier's messages."""
        with self.context._capture() as capture:
            ok = lib.mlirOperationVerify(self._handle)
        if not ok:
            raise capture.fail("Verification failed")
        return True

    def walk(self, callback):
        """Calls ``callback(op)`` on every nested operation, post-order."""
        failure = []

        def visit(handle, _user_data):
            try:
                callback(Operation(handle, self.context, self))
                return 0  # advance
            except BaseException as e:  # re-raised below, not across C
                failure.append(e)
                return 1  # interrupt

        cb = _capi.WALK_CALLBACK(visit)
        lib.mlirOperationWalk(self._handle, cb, None, 1)
        if failure:
            raise failure[0]

    def get_asm(self, *, print_generic_op_form=False, enable_debug_info=False):
        flags = lib.mlirOpPrintingFlagsCreate()
        try:
            if print_generic_op_form:
                lib.mlirOpPrintingFlagsPrintGenericOpForm(flags)
            if enable_debug_info:
                lib.mlirOpPrintingFlagsEnableDebugInfo(flags, True, False)
            return _print_with(lib.mlirOperationPrintWithFlags, self._handle,
                               flags)
        finally:
            lib.mlirOpPrintingFlagsDestroy(flags)

    def lookup_symbol(self, name):
        """The operation named @name in this symbol table, or None."""
        table = lib.mlirSymbolTableCreate(self._handle)
        try:
            ref, keep = to_str_ref(name)
            handle = lib.mlirSymbolTableLookup(table, ref)
        finally:
            lib.mlirSymbolTableDestroy(table)
        return Operation(handle, self.context, self) if handle else None

    def __str__(self):
        return _print_with(lib.mlirOperationPrint, self._handle)


class Module:
    """An owned ``builtin.module``."""

    def __init__(self, handle, context):
        self._handle = handle
        self.context = context

    @staticmethod
    def parse(asm, context=None):
        """Parses and verifies `asm`; raises MLIRError with the diagnostics."""
        ctx = _resolve(context)
        ref, keep = to_str_ref(asm)
        with ctx._capture() as capture:
            handle = lib.mlirModuleCreateParse(ctx._handle, ref)
        if not handle:
            raise capture.fail("Unable to parse module assembly")
        capture.forward_warnings()
        return Module(handle, ctx)

    @staticmethod
    def create(loc=None, context=None):
        ctx = loc._context if loc is not None else _resolve(context)
        loc = loc or Location.unknown(ctx)
        return Module(lib.mlirModuleCreateEmpty(loc._handle), ctx)

    @property
    def operation(self):
        return Operation(lib.mlirModuleGetOperation(self._handle),
                         self.context, self)

    def clone(self):
        op = lib.mlirOperationClone(lib.mlirModuleGetOperation(self._handle))
        return Module(lib.mlirModuleFromOperation(op), self.context)

    def __str__(self):
        return str(self.operation)

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle and _capi.may_destroy():
            lib.mlirModuleDestroy(handle)
            self._handle = None
