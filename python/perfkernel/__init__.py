"""perfkernel: compile pk kernels and call them with NumPy arrays.

    import numpy as np
    import perfkernel

    kernel = perfkernel.compile('''
      func.func @mm(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>) -> tensor<64x16xf32> {
        %c = pk.matmul %a, %b : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
        return %c : tensor<64x16xf32>
      }''', "mm", threads=2)
    c = kernel(np.ones((64, 32), np.float32), np.ones((32, 16), np.float32))

Submodules mirror upstream MLIR's Python bindings where they overlap:
``ir``, ``passmanager``, ``execution_engine`` and ``runtime``; ``pk``
builds kernels without MLIR text.
"""

from . import ir, passmanager, execution_engine, runtime, pk
from .compiler import compile, Kernel, clear_cache, TARGETS
from .ir import MLIRError, Context, Module
from .passmanager import PassManager, PassPipelineError
from .execution_engine import ExecutionEngine

__all__ = ["compile", "Kernel", "clear_cache", "TARGETS", "MLIRError",
           "PassPipelineError", "Context", "Module", "PassManager",
           "ExecutionEngine", "ir", "passmanager", "execution_engine",
           "runtime", "pk"]
