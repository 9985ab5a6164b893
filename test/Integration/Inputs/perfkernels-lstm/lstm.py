"""Inputs and NumPy reference (caffe2's LSTMUnit formulas, float64) for
perfkernels-lstm-npy.test: `lstm.py gen DIR`, `lstm.py check DIR`."""
import sys

import numpy as np

N, D, T = 33, 17, 3


def main():
    mode, out = sys.argv[1], sys.argv[2]
    names = ['h0', 'c0', 'x', 'len', 't']
    if mode == 'gen':
        rng = np.random.default_rng(11)
        arrays = [rng.standard_normal((N, D)).astype(np.float32),
                  rng.standard_normal((N, D)).astype(np.float32),
                  (3 * rng.standard_normal((N, 4 * D))).astype(np.float32),
                  rng.integers(0, 6, N).astype(np.int32),
                  np.array(T, np.int32)]
        for name, a in zip(names, arrays):
            np.save(f'{out}/{name}.npy', a)
        return
    h0, c0, x, lengths, t = [np.load(f'{out}/{n}.npy').astype(np.float64) for n in names]
    sig = lambda v: 1 / (1 + np.exp(-v))
    i, f, o, g = (x[:, k * D:(k + 1) * D] for k in range(4))
    c = sig(f + 1.0) * c0 + sig(i) * np.tanh(g)
    h = sig(o) * np.tanh(c)
    valid = (t < lengths)[:, None]
    assert valid.any() and not valid.all()
    h, c = np.where(valid, h, h0), np.where(valid, c, c0)
    np.testing.assert_allclose(np.load(f'{out}/out0.npy'), h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.load(f'{out}/out1.npy'), c, rtol=1e-5, atol=1e-6)
    print('NUMPY-OK')


main()
