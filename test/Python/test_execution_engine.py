"""The upstream-style layers: PassManager + ExecutionEngine + runtime."""
import ctypes

import numpy as np
import pytest

import perfkernel
from perfkernel import ir, runtime
from perfkernel.execution_engine import ExecutionEngine
from perfkernel.passmanager import PassManager
from perfkernel._capi import runtime_library_dir

SOURCE = """
func.func @scale(%x: tensor<3x4xf32>) -> tensor<3x4xf32> attributes {llvm.emit_c_interface} {
  %s = pk.sigmoid %x : tensor<3x4xf32>
  return %s : tensor<3x4xf32>
}
"""


def test_invoke_with_memref_descriptors():
    module = ir.Module.parse(SOURCE)
    PassManager.parse("builtin.module(pk-reference-pipeline)").run(module)
    engine = ExecutionEngine(module, opt_level=2, shared_libs=[
        f"{runtime_library_dir()}/libmlir_c_runner_utils.so"])
    x = np.arange(12, dtype=np.float32).reshape(3, 4) - 6
    out = np.full((3, 4), np.nan, np.float32)
    engine.invoke("scale",
                  runtime.memref_pointer(runtime.get_ranked_memref_descriptor(x)),
                  runtime.memref_pointer(
                      runtime.get_ranked_memref_descriptor(out)))
    np.testing.assert_allclose(out, 1 / (1 + np.exp(-x)), rtol=1e-6)
    with pytest.raises(RuntimeError, match="Unknown function nope"):
        engine.lookup("nope")


def test_engine_on_unlowered_module_is_an_error():
    with pytest.raises(perfkernel.MLIRError):
        ExecutionEngine(ir.Module.parse(SOURCE))
    with pytest.raises(ValueError, match="not found"):
        ExecutionEngine(ir.Module.parse(SOURCE), shared_libs=["/nope.so"])


def test_descriptor_round_trip():
    a = np.arange(24, dtype=np.int32).reshape(2, 3, 4)[:, ::2, :]
    desc = runtime.get_ranked_memref_descriptor(a)
    assert list(desc.shape) == [2, 2, 4]
    assert list(desc.strides) == [12, 8, 1]
    view = runtime.ranked_memref_to_numpy(desc)
    np.testing.assert_array_equal(view, a)
    half = np.ones(5, np.float16)
    assert runtime.ranked_memref_to_numpy(
        runtime.get_ranked_memref_descriptor(half), np.float16).tolist() \
        == [1.0] * 5
    scalar = runtime.get_ranked_memref_descriptor(np.array(3.5, np.float64))
    assert runtime.ranked_memref_to_numpy(scalar).item() == 3.5
    with pytest.raises(ValueError, match="no memref element type"):
        runtime.get_ranked_memref_descriptor(np.array(["x"]))


def test_kernel_temporaries_use_pk_allocator():
    # Like pk-run, the engine gives a kernel's large temporaries (here 4 MiB)
    # 2 MiB-aligned huge-page blocks; plain malloc would not align them so.
    module = ir.Module.parse("""
    func.func @temporary_address() -> index attributes {llvm.emit_c_interface} {
      %m = memref.alloc() : memref<1048576xf32>
      %p = memref.extract_aligned_pointer_as_index %m : memref<1048576xf32> -> index
      memref.dealloc %m : memref<1048576xf32>
      return %p : index
    }
    """)
    PassManager.parse("builtin.module(finalize-memref-to-llvm,convert-func-to-llvm,"
                      "reconcile-unrealized-casts)").run(module)
    engine = ExecutionEngine(module)
    address = ctypes.c_int64(0)
    engine.invoke("temporary_address", ctypes.pointer(address))
    assert address.value != 0
    assert address.value % (2 << 20) == 0
