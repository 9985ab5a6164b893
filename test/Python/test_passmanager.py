"""perfkernel.passmanager: every pk pipeline and pass from Python."""
import os
import re

import pytest

import perfkernel
from perfkernel import ir
from perfkernel.passmanager import PassManager

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
# Large enough (128 x 256) for the softmax to be split over threads: nests
# under 16384 iterations stay on one.
KERNEL = """\
func.func @k(%a: tensor<128x8xf32>, %b: tensor<8x256xf32>) -> tensor<128x256xf32> {
  %c = pk.matmul %a, %b : tensor<128x8xf32>, tensor<8x256xf32> -> tensor<128x256xf32>
  %s = pk.softmax %c axis = 1 : tensor<128x256xf32>
  return %s : tensor<128x256xf32>
}
"""


@pytest.mark.parametrize("pipeline", [
    "builtin.module(pk-cpu-pipeline)",
    "builtin.module(pk-cpu-pipeline{threads=2})",
    "builtin.module(pk-cpu-pipeline{recipe=%s})"
    % os.path.abspath(os.path.join(SRC, "recipes", "cpu.mlir")),
    "builtin.module(pk-reference-pipeline)",
])
def test_pipelines_lower_to_llvm(pipeline):
    module = ir.Module.parse(KERNEL)
    PassManager.parse(pipeline).run(module.operation)
    text = str(module)
    assert "llvm.func @k(" in text
    if "cpu" in pipeline:
        # The module keeps the #pk.target it was compiled for (the host's).
        target = re.search(r"pk\.target = #pk\.target<[^>]*>", text)
        assert target and 'name = "host"' in target.group(0)
        text = text.replace(target.group(0), "")
    assert "pk." not in text and "linalg." not in text
    if "cpu" in pipeline:
        assert "omp.parallel" in text
        assert "num_threads" in text if "threads=2" in pipeline else True
    else:
        assert "omp." not in text


def test_single_passes():
    module = ir.Module.parse(KERNEL)
    pm = PassManager.parse("builtin.module(pk-lower-to-linalg)")
    pm.run(module)
    text = str(module)
    assert "linalg.matmul" in text and "linalg.softmax" in text
    assert "pk." not in text
    pm = PassManager("builtin.module")
    pm.add("pk-decompose-aggregates,canonicalize")
    pm.run(module)
    assert "linalg.softmax" not in str(module)
    assert "pk-decompose-aggregates" in str(pm)


def test_unknown_pass_is_a_value_error():
    with pytest.raises(ValueError) as info:
        PassManager.parse("builtin.module(pk-no-such-pass)")
    assert "pk-no-such-pass" in str(info.value)
    assert isinstance(info.value, perfkernel.MLIRError)


def test_bad_pipeline_option():
    with pytest.raises(perfkernel.PassPipelineError) as info:
        PassManager.parse("builtin.module(pk-cpu-pipeline{threads=many})")
    assert "threads" in str(info.value) or "many" in str(info.value)


def test_pass_failure_carries_diagnostics(tmp_path):
    missing = tmp_path / "missing-recipe.mlir"
    module = ir.Module.parse(KERNEL)
    pm = PassManager.parse(f"builtin.module(pk-cpu-pipeline{{recipe={missing}}})")
    with pytest.raises(perfkernel.MLIRError) as info:
        pm.run(module)
    assert "Failure while executing pass pipeline" in str(info.value)
    assert any("missing-recipe.mlir" in d.message
               for d in info.value.error_diagnostics), info.value
