"""Inputs and NumPy references for perfkernels-rows-npy.test.

`rows.py gen DIR` writes every kernel's inputs to DIR (and DIR/KERNEL.inputs,
the comma-separated list pk-run's --input takes); `rows.py check DIR KERNEL`
compares DIR/KERNEL-out*.npy with NumPy: bag sums in float64 (caffe2's
dequantization scale * q + bias, per-index weights, mean), quantized bytes
exactly (caffe2's formulas in float32), Adagrad rows in float64.
"""
import os
import sys

import numpy as np

# caffe2's row-wise quantization, shared with perfkernels-rowwise-npy.test.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "perfkernels-rowwise"))
from rowwise import quantize  # noqa: E402

f32 = np.float32
ROWS, NIDX, BAGS = 300, 40, 6
QROWS = 37
AROWS, AIDX = 50, 12
BAGS_ = {  # kernel: (bits, width, mean)
    'bag4_d13': (4, 13, False),
    'bag4_d67': (4, 67, False),
    'bag2_d13': (2, 13, False),
    'bag2_d67_mean': (2, 67, True),
}
QUANTIZE = {'q8_d67': 8, 'q4_d67': 4, 'q2_d67': 2}
ADAGRAD = {  # kernel: (width, row-wise)
    'adagrad_d67': (67, False),
    'rowwise_adagrad_d13': (13, True),
    'rowwise_adagrad_d67_inplace': (67, True),
}
LR, EPS, WD = 0.25, 1e-5, 0.125


def fused_rows(rng, bits, d):
    """Random packed codes (unused high fields random too) and f16
    scale/bias: the row layout of pk.fused_embedding_bag."""
    nbytes = (d * bits + 7) // 8
    codes = rng.integers(0, 256, (ROWS, nbytes), dtype=np.uint8)
    scale = rng.uniform(0.01, 0.5, ROWS).astype(np.float16)
    bias = rng.uniform(-2, 2, ROWS).astype(np.float16)
    params = np.stack([scale, bias], 1).astype('<f2').view(np.uint8)
    return np.concatenate([codes, params], 1)


def decode(table, bits, d):
    per = 8 // bits
    nbytes = (d + per - 1) // per
    codes = table[:, :nbytes].astype(np.int64)
    q = np.stack([(codes >> (k * bits)) & ((1 << bits) - 1) for k in range(per)], 2)
    q = q.reshape(len(table), -1)[:, :d].astype(np.float64)
    params = table[:, nbytes:nbytes + 4].copy().view('<f2').astype(np.float64)
    return q * params[:, :1] + params[:, 1:]


def adagrad(w, h, g, idx, rowwise):
    w, h = w.astype(np.float64), h.astype(np.float64)
    for k, r in enumerate(idx):
        gd = g[k] + WD * w[r]
        if rowwise:
            h[r] += (gd * gd).mean()
            w[r] += LR / (np.sqrt(h[r]) + EPS) * gd
        else:
            h[r] += gd * gd
            w[r] += LR * gd / (np.sqrt(h[r]) + EPS)
    return w, h


def gen(out):
    rng = np.random.default_rng(11)
    idx = rng.integers(0, ROWS, NIDX).astype(np.int64)
    offsets = np.array([0, 7, 7, 15, 30, 33, 40], np.int64)  # bag 1 empty
    weights = rng.uniform(-1, 1, NIDX).astype(f32)
    np.save(f'{out}/idx.npy', idx)
    np.save(f'{out}/offsets.npy', offsets)
    np.save(f'{out}/weights.npy', weights)
    for name, (bits, d, _) in BAGS_.items():
        np.save(f'{out}/{name}-table.npy', fused_rows(rng, bits, d).view(np.int8))
        files = [f'{name}-table', 'idx', 'offsets', 'weights']
        with open(f'{out}/{name}.inputs', 'w') as f:
            f.write(','.join(f'{out}/{n}.npy' for n in files))
    x = (rng.standard_normal((QROWS, 67)) * rng.uniform(0.01, 10, (QROWS, 1))).astype(f32)
    x[3] = -0.75        # flat row
    x[5, ::3] = x[5].min()  # repeated minimum
    x[6, 1] = 1e30      # huge range
    np.save(f'{out}/x.npy', x)
    for name in QUANTIZE:
        with open(f'{out}/{name}.inputs', 'w') as f:
            f.write(f'{out}/x.npy')
    aidx = rng.integers(0, AROWS, AIDX).astype(np.int64)
    aidx[7] = aidx[2]   # repeated row
    np.save(f'{out}/aidx.npy', aidx)
    for name, (d, rowwise) in ADAGRAD.items():
        np.save(f'{out}/{name}-w.npy', rng.standard_normal((AROWS, d)).astype(f32))
        hshape = (AROWS,) if rowwise else (AROWS, d)
        np.save(f'{out}/{name}-h.npy', rng.uniform(0, 1, hshape).astype(f32))
        np.save(f'{out}/{name}-g.npy', rng.standard_normal((AIDX, d)).astype(f32))
        files = [f'{name}-w', f'{name}-h', f'{name}-g', 'aidx']
        with open(f'{out}/{name}.inputs', 'w') as f:
            f.write(','.join(f'{out}/{n}.npy' for n in files))


def check(out, kernel):
    if kernel in BAGS_:
        bits, d, mean = BAGS_[kernel]
        rows = decode(np.load(f'{out}/{kernel}-table.npy').view(np.uint8), bits, d)
        idx, offsets = np.load(f'{out}/idx.npy'), np.load(f'{out}/offsets.npy')
        weights = np.load(f'{out}/weights.npy').astype(np.float64)
        want = np.zeros((BAGS, d))
        for m in range(BAGS):
            lo, hi = offsets[m], offsets[m + 1]
            want[m] = (weights[lo:hi, None] * rows[idx[lo:hi]]).sum(0)
            if mean and hi > lo:
                want[m] /= hi - lo
        got = np.load(f'{out}/{kernel}-out0.npy')
        assert int(np.load(f'{out}/{kernel}-out1.npy')) == 0, 'nonzero status'
        assert got.shape == want.shape, (got.shape, want.shape)
        assert np.allclose(got, want, rtol=1e-5, atol=1e-4), np.abs(got - want).max()
        assert (got[1] == 0).all(), 'the empty bag is not zero'
    elif kernel in QUANTIZE:
        want = quantize(np.load(f'{out}/x.npy'), QUANTIZE[kernel])
        got = np.load(f'{out}/{kernel}-out0.npy').view(np.uint8)
        assert got.shape == want.shape, (got.shape, want.shape)
        bad = np.argwhere(got != want)
        assert len(bad) == 0, f'{len(bad)} bytes differ, first at {bad[0]}'
    else:
        d, rowwise = ADAGRAD[kernel]
        w, h = (np.load(f'{out}/{kernel}-{n}.npy') for n in 'wh')
        g, idx = np.load(f'{out}/{kernel}-g.npy'), np.load(f'{out}/aidx.npy')
        want_w, want_h = adagrad(w, h, g, idx, rowwise)
        got_w, got_h = (np.load(f'{out}/{kernel}-out{k}.npy') for k in range(2))
        assert np.allclose(got_w, want_w, rtol=1e-5, atol=1e-5), np.abs(got_w - want_w).max()
        assert np.allclose(got_h, want_h, rtol=1e-5, atol=1e-5), np.abs(got_h - want_h).max()
        untouched = np.setdiff1d(np.arange(AROWS), idx)
        assert (got_w[untouched] == w[untouched]).all(), 'a row not named was written'
        if not kernel.endswith('_inplace'):
            assert int(np.load(f'{out}/{kernel}-out2.npy')) == 0, 'nonzero status'
    print(f'NUMPY-OK {kernel}')


if sys.argv[1] == 'gen':
    gen(sys.argv[2])
else:
    check(sys.argv[2], sys.argv[3])
