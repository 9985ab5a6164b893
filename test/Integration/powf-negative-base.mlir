// math.powf with C's pow semantics in both pipelines, against values
// computed by hand: a negative base with an integral exponent keeps the
// sign of (-1)^b, with a fractional exponent it is NaN, b = 0 gives 1
// (also for a = 0), and 0^b is 0 for b > 0. Both pipelines used to expand
// powf as exp(b log a), NaN for every negative base, and agreed.
// The inputs are arguments (from .npy files), so nothing is folded at
// compile time and the CPU pipeline's vectorized expansion runs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.array([-0.5, -2, -3, -2, -7, 0, 0, 2, 1.5, -2], np.float32)); np.save('%t/b.npy', np.array([3, 2, -1, 0.5, 0, 0, 3, 0.5, 2, 3], np.float32))"
// RUN: pk-run %s --input %t/a.npy,%t/b.npy --print | FileCheck %s
// CHECK: PASS
// CHECK: result #0 = [-0.125, 4, -0.333333, nan, 1, 1, 0, 1.41421, 2.25, -8]
func.func @pow(%a: tensor<10xf32>, %b: tensor<10xf32>) -> tensor<10xf32> {
  %e = tensor.empty() : tensor<10xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<10xf32>, tensor<10xf32>) outs(%e : tensor<10xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %p = math.powf %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<10xf32>
  return %r : tensor<10xf32>
}
