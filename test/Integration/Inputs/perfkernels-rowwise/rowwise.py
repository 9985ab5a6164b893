"""Input and NumPy reference for perfkernels-rowwise-npy.test.

`rowwise.py gen DIR` writes DIR/x.npy (rows of random values, one flat row,
one row with repeated values); `rowwise.py check DIR KERNEL` compares
DIR/KERNEL-out0.npy with caffe2's formulas evaluated in float32 by NumPy:
quantized bytes must match exactly, round trips must be within half a
quantization step of the input.
"""
import sys

import numpy as np

ROWS, D = 37, 13
f32 = np.float32


def quantize(x, bits):
    """caffe2's row-wise quantization of x (float32 rows) to fused rows."""
    out = []
    d = x.shape[1]
    for row in x:
        lo, hi = row.min(), row.max()
        if bits == 8:
            rng = f32(hi - lo)
            scale, bias = f32(rng / f32(255)), lo
            inv = f32(f32(255) / f32(rng + f32(1e-8)))
            q = np.rint(f32(row - lo) * inv).astype(np.uint8)
            out.append(np.concatenate([q, np.array([scale, bias], '<f4').view(np.uint8)]))
            continue
        lo = f32(np.float16(lo))
        rng = f32(hi - lo)
        scale = f32(np.float16(f32(1) if rng == 0 else f32(rng / f32(2**bits - 1))))
        scale = f32(1) if scale == 0 else scale
        inv = f32(f32(1) / scale)
        if np.isinf(inv):
            scale, inv = f32(1), f32(1)
        q = np.clip(np.rint(f32(row - lo) * inv), 0, 2**bits - 1).astype(np.uint8)
        per = 8 // bits
        packed = np.zeros((d + per - 1) // per, np.uint8)
        for j in range(d):
            packed[j // per] |= q[j] << ((j % per) * bits)
        out.append(np.concatenate([packed, np.array([scale, lo], '<f2').view(np.uint8)]))
    return np.stack(out)


def step(x, bits):
    """Half a quantization step per row, as the reference scale says."""
    q = quantize(x, bits)
    if bits == 8:
        return q[:, D:D + 4].copy().view('<f4')[:, 0] / 2
    nbytes = q.shape[1] - 4
    return q[:, nbytes:nbytes + 2].copy().view('<f2')[:, 0].astype(f32) / 2


def main():
    mode, out = sys.argv[1], sys.argv[2]
    if mode == 'gen':
        rng = np.random.default_rng(7)
        x = (rng.standard_normal((ROWS, D)) * rng.uniform(0.01, 10, (ROWS, 1))).astype(f32)
        x[3] = 1.25                    # flat row: scale 1 (N bits) / 0 (8 bits)
        x[5, ::2] = x[5, 0]            # repeated minimum
        np.save(f'{out}/x.npy', x)
        return
    kernel = sys.argv[3]
    x = np.load(f'{out}/x.npy')
    got = np.load(f'{out}/{kernel}-out0.npy')
    bits = int(kernel[-1])
    if kernel.startswith('q'):
        want = quantize(x, bits)
        assert got.shape == want.shape, (got.shape, want.shape)
        bad = np.argwhere(got.view(np.uint8) != want)
        assert len(bad) == 0, f'{len(bad)} bytes differ, first at {bad[0]}: {got.view(np.uint8)[tuple(bad[0])]} vs {want[tuple(bad[0])]}'
    else:
        err = np.abs(got - x).max(1)
        assert (err <= step(x, bits) * (1 + 1e-3) + 1e-6).all(), (err, step(x, bits))
    print(f'NUMPY-OK {kernel}')


if __name__ == "__main__":
    main()
