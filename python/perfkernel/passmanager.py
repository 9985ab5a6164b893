"""Pass managers, mirroring upstream ``mlir.passmanager``.

Textual pipelines can name every upstream pass and the pk passes and
pipelines, e.g. ``builtin.module(pk-cpu-pipeline{threads=2})``.
"""

from . import _capi
from ._capi import lib, to_str_ref, StringCollector
from .ir import MLIRError, Module, Operation, _resolve

__all__ = ["PassManager", "PassPipelineError"]


class PassPipelineError(MLIRError, ValueError):
    """A textual pipeline did not parse (unknown pass, bad option, ...)."""


class PassManager:
    def __init__(self, anchor_op="any", context=None):
        self.context = _resolve(context)
        ref, keep = to_str_ref(anchor_op)
        self._handle = lib.mlirPassManagerCreateOnOperation(
            self.context._handle, ref)

    @staticmethod
    def parse(pipeline, context=None):
        """A pass manager running `pipeline`, anchored on its outer op name."""
        pm = PassManager(context=context)
        ref, keep = to_str_ref(pipeline)
        errors = StringCollector()
        with pm.context._capture() as capture:
            ok = lib.mlirParsePassPipeline(
                lib.mlirPassManagerGetAsOpPassManager(pm._handle), ref,
                errors.callback, None)
        if not ok:
            raise PassPipelineError(
                f"invalid pass pipeline '{pipeline}': "
                + (errors.text().strip() or "see the diagnostics"),
                capture.errors())
        return pm

    def add(self, pipeline):
        """Appends passes in textual form (without the anchor), e.g. "cse"."""
        ref, keep = to_str_ref(pipeline)
        errors = StringCollector()
        ok = lib.mlirOpPassManagerAddPipeline(
            lib.mlirPassManagerGetAsOpPassManager(self._handle), ref,
            errors.callback, None)
        if not ok:
            raise PassPipelineError(
                f"invalid pass pipeline '{pipeline}': {errors.text().strip()}")

    def enable_verifier(self, enable):
        lib.mlirPassManagerEnableVerifier(self._handle, bool(enable))

    def run(self, operation):
        """Runs the passes on `operation` (an ir.Operation or ir.Module) in
        place; raises MLIRError with the diagnostics if a pass fails."""
        if isinstance(operation, Module):
            operation = operation.operation
        if not isinstance(operation, Operation):
            raise TypeError("PassManager.run expects an ir.Operation or "
                            "ir.Module")
        with self.context._capture() as capture:
            ok = lib.mlirPassManagerRunOnOp(self._handle, operation._handle)
        if not ok:
            raise capture.fail("Failure while executing pass pipeline")
        capture.forward_warnings()

    def __str__(self):
        out = StringCollector()
        lib.mlirPrintPassPipeline(
            lib.mlirPassManagerGetAsOpPassManager(self._handle), out.callback,
            None)
        return out.text()

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle and _capi.may_destroy():
            lib.mlirPassManagerDestroy(handle)
            self._handle = None
