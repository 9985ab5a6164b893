"""Tensors are values: a compiled kernel never changes the arrays passed
for its tensor arguments, even where bufferization could compute a result
in place in an argument's buffer."""
import numpy as np
import pytest

import perfkernel

SOURCE = """
func.func @scaled_copy(%x: tensor<64xf32>) -> tensor<64xf32> {
  %f = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]} outs(%x : tensor<64xf32>) {
  ^bb0(%v: f32):
    %two = arith.constant 2.0 : f32
    %d = arith.mulf %v, %two : f32
    linalg.yield %d : f32
  } -> tensor<64xf32>
  return %f : tensor<64xf32>
}
"""


@pytest.mark.parametrize("target", ["cpu", "reference"])
def test_inputs_unchanged(target):
    kernel = perfkernel.compile(SOURCE, "scaled_copy", target=target)
    x = np.arange(64, dtype=np.float32)
    before = x.copy()
    y = kernel(x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_array_equal(y, 2 * before)
