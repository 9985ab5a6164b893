"""perfkernel.compile: NumPy in, NumPy out, checked against NumPy."""
import os

import numpy as np
import pytest

import perfkernel
from reference import attention, random, softmax

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TARGETS = ["cpu", "reference"]

MATMUL = """
func.func @mm(%a: tensor<70x33xf32>, %b: tensor<33x41xf32>) -> tensor<70x41xf32> {
  %c = pk.matmul %a, %b : tensor<70x33xf32>, tensor<33x41xf32> -> tensor<70x41xf32>
  return %c : tensor<70x41xf32>
}
"""


@pytest.mark.parametrize("target", TARGETS)
def test_matmul(target):
    kernel = perfkernel.compile(MATMUL, "mm", target=target)
    a, b = random((70, 33)), random((33, 41), seed=1)
    c = kernel(a, b)
    assert c.shape == (70, 41) and c.dtype == np.float32
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)


def test_matmul_known_values():
    kernel = perfkernel.compile("""
func.func @mm(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %c = pk.matmul %a, %b : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}""")  # the only public function is the default
    c = kernel(np.array([[1, 2], [3, 4]], np.float32),
               np.array([[5, 6], [7, 8]], np.float32))
    assert c.tolist() == [[19, 22], [43, 50]]


def test_batched_transposed_f16_matmul():
    kernel = perfkernel.compile("""
func.func @bmm(%q: tensor<3x20x16xf16>, %k: tensor<3x24x16xf16>) -> tensor<3x20x24xf32> {
  %s = pk.matmul %q, %k transpose_rhs : tensor<3x20x16xf16>, tensor<3x24x16xf16> -> tensor<3x20x24xf32>
  return %s : tensor<3x20x24xf32>
}""", "bmm", threads=2)
    q, k = random((3, 20, 16), np.float16), random((3, 24, 16), np.float16, 1)
    s = kernel(q, k)
    assert s.dtype == np.float32
    ref = q.astype(np.float32) @ np.swapaxes(k.astype(np.float32), 1, 2)
    np.testing.assert_allclose(s, ref, rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize("target", TARGETS)
def test_softmax_and_activations(target):
    kernel = perfkernel.compile("""
func.func @f(%x: tensor<37x130xf32>) -> (tensor<37x130xf32>, tensor<37x130xf32>, tensor<37x130xf32>) {
  %p = pk.softmax %x axis = 0 : tensor<37x130xf32>
  %s = pk.sigmoid %x : tensor<37x130xf32>
  %t = pk.tanh %x : tensor<37x130xf32>
  return %p, %s, %t : tensor<37x130xf32>, tensor<37x130xf32>, tensor<37x130xf32>
}""", "f", target=target)
    x = random((37, 130)) * 8
    p, s, t = kernel(x)
    np.testing.assert_allclose(p, softmax(x, 0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(p.sum(axis=0), np.ones(130), rtol=1e-5)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-x)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(t, np.tanh(x), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("causal,scale", [(False, None), (True, 0.25)])
def test_attention(target, causal, scale):
    attrs = (f" scale = {scale}" if scale else "") + \
        (" causal" if causal else "")
    t = "tensor<2x3x17x8xf32>"
    kernel = perfkernel.compile(f"""
func.func @attn(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
  %o = pk.attention %q, %k, %v{attrs} : {t}, {t}, {t} -> {t}
  return %o : {t}
}}""", "attn", target=target)
    q, k, v = (random((2, 3, 17, 8), seed=i) for i in range(3))
    np.testing.assert_allclose(kernel(q, k, v),
                               attention(q, k, v, scale, causal),
                               rtol=1e-4, atol=1e-5)


def test_destination_passing_memrefs():
    kernel = perfkernel.compile("""
func.func @axpy(%x: memref<100xf32>, %y: memref<100xf32>) {
  %c = arith.constant 2.0 : f32
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<100xf32>) outs(%y : memref<100xf32>) {
  ^bb0(%a: f32, %b: f32):
    %m = arith.mulf %a, %c : f32
    %s = arith.addf %m, %b : f32
    linalg.yield %s : f32
  }
  return
}""", "axpy")
    x, y = random(100), random(100, seed=1)
    expected = 2 * x + y
    assert kernel(x, y) is None
    np.testing.assert_allclose(y, expected, rtol=1e-6)
    with pytest.raises(ValueError, match="C-contiguous"):
        kernel(x, np.zeros(200, np.float32)[::2])


def test_noncontiguous_and_unaligned_inputs():
    kernel = perfkernel.compile(MATMUL, "mm")
    a = random((33, 70)).T                      # Fortran order
    raw = np.zeros(33 * 41 + 1, np.float32)
    b = raw[1:].reshape(33, 41)                 # 4 bytes off alignment
    b[:] = random((33, 41), seed=1)
    np.testing.assert_allclose(kernel(a, b), a @ b, rtol=1e-5, atol=1e-5)


def test_threads_and_recipe_options(tmp_path):
    recipe = os.path.join(SRC, "recipes", "cpu.mlir")
    spaced = tmp_path / "my recipes" / "tile 64.mlir"
    spaced.parent.mkdir()
    spaced.write_text(open(recipe).read())
    a, b = random((70, 33)), random((33, 41), seed=1)
    for kernel in (perfkernel.compile(MATMUL, "mm", threads=1),
                   perfkernel.compile(MATMUL, "mm", recipe=recipe),
                   perfkernel.compile(MATMUL, "mm", recipe=spaced),
                   perfkernel.compile(MATMUL, "mm",
                                      recipe=open(recipe).read())):
        assert kernel.target == "cpu"
        np.testing.assert_allclose(kernel(a, b), a @ b, rtol=1e-5, atol=1e-5)
    assert "threads=1" in perfkernel.compile(MATMUL, "mm", threads=1).pipeline


def test_compiled_kernels_are_cached():
    first = perfkernel.compile(MATMUL, "mm")
    assert perfkernel.compile(MATMUL, "mm") is first
    assert perfkernel.compile(MATMUL, "mm", threads=2) is not first
    assert perfkernel.compile(MATMUL, "mm", target="reference") is not first
    perfkernel.clear_cache()
    assert perfkernel.compile(MATMUL, "mm") is not first


def test_compile_module_and_path(tmp_path):
    module = perfkernel.Module.parse(MATMUL)
    a, b = random((70, 33)), random((33, 41), seed=1)
    np.testing.assert_allclose(perfkernel.compile(module, "mm")(a, b), a @ b,
                               rtol=1e-5, atol=1e-5)
    assert "pk.matmul" in str(module)  # compile() leaves the module alone
    path = tmp_path / "mm.mlir"
    path.write_text(MATMUL)
    np.testing.assert_allclose(perfkernel.compile(path)(a, b), a @ b,
                               rtol=1e-5, atol=1e-5)


def test_argument_errors():
    kernel = perfkernel.compile(MATMUL, "mm")
    a, b = random((70, 33)), random((33, 41))
    with pytest.raises(ValueError, match=r"takes 2 argument\(s\)"):
        kernel(a)
    with pytest.raises(ValueError, match=r"argument #1 of @mm "
                       r"\(tensor<33x41xf32>\) expects float32 array of shape "
                       r"\(33, 41\), got float64"):
        kernel(a, b.astype(np.float64))
    with pytest.raises(ValueError, match=r"argument #0 .* got shape \(33, 70\)"):
        kernel(a.T, b)
    with pytest.raises(ValueError, match="float32"):
        kernel(a, [[1.0] * 41] * 33)    # a list is float64


def test_compile_errors(tmp_path):
    with pytest.raises(ValueError, match="no function named 'nope'.*mm"):
        perfkernel.compile(MATMUL, "nope")
    with pytest.raises(ValueError, match="unknown target 'gpu'"):
        perfkernel.compile(MATMUL, "mm", target="gpu")
    with pytest.raises(ValueError, match="threads"):
        perfkernel.compile(MATMUL, "mm", threads=-1)
    with pytest.raises(FileNotFoundError):
        perfkernel.compile(MATMUL, "mm", recipe=tmp_path / "none.mlir")
    with pytest.raises(ValueError, match="shape is not static"):
        perfkernel.compile("""
func.func @d(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}""")
    with pytest.raises(ValueError, match="bf16 has no NumPy dtype"):
        perfkernel.compile("""
func.func @h(%a: tensor<4xbf16>) -> tensor<4xbf16> {
  %s = pk.sigmoid %a : tensor<4xbf16>
  return %s : tensor<4xbf16>
}""")
    with pytest.raises(ValueError, match="2 public functions"):
        perfkernel.compile(MATMUL + MATMUL.replace("@mm", "@mm2"))


def test_runner_checks_the_options():
    # The C++ runner (include/pk-c/Runner.h) checks what ctypes cannot.
    with pytest.raises(ValueError, match="optimization level must be 0 to 3"):
        perfkernel.compile(MATMUL, "mm", opt_level=4)
    with pytest.raises(ValueError, match="apply to pk-cpu-pipeline"):
        perfkernel.compile(MATMUL, "mm", target="reference", threads=2)
    with pytest.raises(ValueError, match="apply to pk-cpu-pipeline"):
        perfkernel.compile(MATMUL, "mm", target="reference", cpu="x86-64-v3")
    with pytest.raises(ValueError, match="opt_level must be a non-negative"):
        perfkernel.compile(MATMUL, "mm", opt_level=-1)
    with pytest.raises(ValueError, match="@ext is a declaration"):
        perfkernel.compile(
            "func.func private @ext(%a: tensor<4xf32>) -> tensor<4xf32>",
            "ext")
    with pytest.raises(ValueError, match="defines no function"):
        perfkernel.compile("module {}")


def test_entry_lookup_through_the_c_api():
    # pkFindEntryFunction is the rule compile() and pk-run share.
    from perfkernel._capi import lib, to_str_ref, StringCollector
    module = perfkernel.Module.parse(MATMUL + MATMUL.replace("@mm", "@mm2"))
    for name, message in (
            ("mm2", ""),
            ("", "the module has 2 public functions; name the one to run: "
                 "@mm @mm2"),
            ("nope", "no function named 'nope'; functions: @mm @mm2")):
        ref, keep = to_str_ref(name)
        errors = StringCollector()
        op = lib.pkFindEntryFunction(module._handle, ref, errors.callback,
                                     None)
        assert bool(op) == (not message), errors.text()
        assert errors.text() == message


def test_pipeline_and_cpu_options(tmp_path):
    a, b = random((70, 33)), random((33, 41), seed=1)
    reference = perfkernel.compile(MATMUL, "mm", target="reference")
    assert reference.pipeline == "pk-reference-pipeline"
    avx2 = perfkernel.compile(MATMUL, "mm", cpu="x86-64-v3")
    assert "target=x86-64-v3" in avx2.pipeline
    for kernel in (reference, avx2):
        np.testing.assert_allclose(kernel(a, b), a @ b, rtol=1e-5, atol=1e-5)
    with pytest.raises(perfkernel.MLIRError):
        perfkernel.compile(MATMUL, "mm", cpu="pentium")
    # Options travel typed, not as pipeline text: any path is a recipe path.
    quoted = tmp_path / 'say "tile".mlir'
    quoted.write_text(open(os.path.join(SRC, "recipes", "cpu.mlir")).read())
    np.testing.assert_allclose(
        perfkernel.compile(MATMUL, "mm", recipe=quoted)(a, b), a @ b,
        rtol=1e-5, atol=1e-5)


def test_mlir_errors_surface_as_exceptions():
    with pytest.raises(perfkernel.MLIRError, match="Unable to parse"):
        perfkernel.compile("func.func @f(", "f")
    # A recipe without the entry point: a located error from the pipeline.
    with pytest.raises(perfkernel.MLIRError) as info:
        perfkernel.compile(MATMUL, "mm", recipe="""
module attributes {transform.with_named_sequence} {
  transform.named_sequence @main(%root: !transform.any_op {transform.readonly}) {
    transform.yield
  }
}""")
    assert "compilation failed" in str(info.value)
    assert any("__transform_main" in d.message
               for d in info.value.error_diagnostics), info.value
