"""perfkernel.pk: kernels built from Python, without MLIR text."""
import numpy as np
import pytest

import perfkernel
from perfkernel import pk
from reference import attention, random, softmax


def test_matmul_softmax_kernel():
    @pk.kernel(pk.tensor(24, 16), pk.tensor(16, 40))
    def mm_softmax(a, b):
        return pk.softmax(pk.matmul(a, b), axis=-1)

    assert mm_softmax.name == "mm_softmax"
    text = mm_softmax.mlir
    assert "pk.matmul %arg0, %arg1 : tensor<24x16xf32>, tensor<16x40xf32> " \
        "-> tensor<24x40xf32>" in text
    assert "pk.softmax" in text and "axis = 1" in text
    a, b = random((24, 16)), random((16, 40), seed=1)
    np.testing.assert_allclose(mm_softmax(a, b), softmax(a @ b, 1),
                               rtol=1e-5, atol=1e-6)
    ref = mm_softmax.compile(target="reference")
    np.testing.assert_allclose(ref(a, b), softmax(a @ b, 1), rtol=1e-5,
                               atol=1e-6)


def test_any_function_name_is_quoted_as_mlir_needs():
    def body(a):
        return pk.sigmoid(a)

    kernel = pk.kernel(pk.tensor(5), name="sigmoid-v2.0")(body)
    assert 'func.func @"sigmoid-v2.0"' in kernel.mlir
    a = random((5,))
    np.testing.assert_allclose(kernel(a), 1 / (1 + np.exp(-a)), rtol=1e-5,
                               atol=1e-6)
    with pytest.raises(ValueError, match="not a function name"):
        pk.kernel(pk.tensor(5), name="")(body)


def test_transposes_batches_and_result_dtype():
    @pk.kernel(pk.tensor(2, 16, 8, dtype=np.float16),
               pk.tensor(2, 12, 16, dtype="f16"))
    def bmm(a, b):
        return pk.matmul(a, b, transpose_lhs=True, transpose_rhs=True,
                         dtype="f32")

    assert "transpose_lhs transpose_rhs" in bmm.mlir
    a, b = random((2, 16, 8), np.float16), random((2, 12, 16), np.float16, 1)
    out = bmm(a, b)
    assert out.shape == (2, 8, 12) and out.dtype == np.float32
    ref = np.swapaxes(a, 1, 2).astype(np.float32) @ \
        np.swapaxes(b, 1, 2).astype(np.float32)
    np.testing.assert_allclose(out, ref, rtol=1e-3, atol=1e-3)


def test_attention_and_activations_multiple_results():
    t = pk.tensor(4, 10, 8)

    @pk.kernel(t, t, t)
    def block(q, k, v):
        o = pk.attention(q, k, v, scale=0.3, causal=True)
        return pk.sigmoid(o), pk.tanh(o)

    q, k, v = (random((4, 10, 8), seed=i) for i in range(3))
    s, th = block(q, k, v)
    o = attention(q, k, v, 0.3, True)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-o)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(th, np.tanh(o), rtol=1e-5, atol=1e-6)


def test_module_from_kernel_round_trips():
    @pk.kernel(pk.tensor(3, 5))
    def act(x):
        return pk.tanh(x)

    module = act.module()
    assert str(module) == act.mlir
    assert perfkernel.compile(module, "act")(np.zeros((3, 5), np.float32)) \
        .tolist() == [[0.0] * 5] * 3


def test_builder_errors():
    with pytest.raises(RuntimeError, match="inside a function decorated"):
        pk.sigmoid(None)
    # The op's own inference rejects what gives no result type, at the
    # line that built the op.
    with pytest.raises(perfkernel.MLIRError) as info:
        @pk.kernel(pk.tensor(4, 4), pk.tensor(4))
        def bad_rank(a, b):
            return pk.matmul(a, b)
    (diag,) = info.value.error_diagnostics
    assert "equal rank, 2 (plain) or 3 (batched), got 2 and 1" in diag.message
    prefix = f'loc("{__file__}":'
    assert diag.location.startswith(prefix), diag.location
    line = int(diag.location[len(prefix):].split(":")[0])
    with open(__file__) as source:
        assert "return pk.matmul(a, b)" in source.readlines()[line - 1]
    # Shapes the builder lets through reach the op verifier.
    with pytest.raises(perfkernel.MLIRError) as info:
        @pk.kernel(pk.tensor(4, 3), pk.tensor(5, 6))
        def bad_k(a, b):
            return pk.matmul(a, b)
    assert any("contraction dimension mismatch" in d.message
               for d in info.value.error_diagnostics)
    with pytest.raises(perfkernel.MLIRError):
        @pk.kernel(pk.tensor(4, 3))
        def bad_axis(x):
            return pk.softmax(x, axis=2)
    with pytest.raises(ValueError, match="unsupported element type"):
        pk.tensor(3, dtype=np.complex64)
    with pytest.raises(TypeError, match="its own"):
        @pk.kernel(pk.tensor(2))
        def returns_python(x):
            return 3
