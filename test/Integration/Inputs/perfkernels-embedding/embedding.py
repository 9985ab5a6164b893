"""Inputs and an independent NumPy reference for perfkernels-embedding-npy.test.

`embedding.py gen DIR` writes DIR/<kernel>-<k>.npy inputs; `embedding.py
check DIR KERNEL` compares DIR/<kernel>-out0.npy (result) and -out1.npy
(status) with float64 sums over the dequantized rows, built from the layout
the pk ops document (not from pk code).
"""
import sys
import zlib

import numpy as np

ROWS, D, BAGS, N = 50, 13, 7, 40


def bf16_round(x):
    """Rounds f32 values to bf16 (nearest even), returned as f32."""
    b = x.astype(np.float32).view(np.uint32).astype(np.uint64)
    b = (b + 0x7FFF + ((b >> 16) & 1)) >> 16 << 16
    return b.astype(np.uint32).view(np.float32)


def segments(rng):
    lengths = rng.multinomial(N, np.ones(BAGS) / BAGS).astype(np.int32)
    lengths[2] += lengths[4]  # an empty bag
    lengths[4] = 0
    return lengths


def pack_nbit(codes, bits, scale, bias):
    """Codes lowest bits first, then f16 scale and bias (little-endian)."""
    per = 8 // bits
    nbytes = (D + per - 1) // per
    rows = np.zeros((ROWS, nbytes + 4), np.uint8)
    for d in range(D):
        rows[:, d // per] |= (codes[:, d] << ((d % per) * bits)).astype(np.uint8)
    rows[:, nbytes:nbytes + 2] = scale.astype('<f2').view(np.uint8).reshape(ROWS, 2)
    rows[:, nbytes + 2:] = bias.astype('<f2').view(np.uint8).reshape(ROWS, 2)
    return rows


def make(kernel):
    """(inputs, dequantized table, indices, bag bounds, weights, positional, mean)."""
    rng = np.random.default_rng(zlib.crc32(kernel.encode()))
    lengths = segments(rng)
    starts = np.concatenate([[0], np.cumsum(lengths)])
    w = rng.uniform(-2, 2, N).astype(np.float32)
    idx = rng.integers(0, ROWS, N)
    if kernel == 'f32_lengths_weights':
        t = rng.uniform(-1, 1, (ROWS, D)).astype(np.float32)
        return [t, idx.astype(np.int64), lengths, w], t, idx, starts, w, False, False
    if kernel == 'f16_offsets_mean':
        t = rng.uniform(-1, 1, (ROWS, D)).astype(np.float16)
        off = (starts + 3).astype(np.int32)  # relative to the first offset
        return [t, idx.astype(np.int32), off], t, idx, starts, None, False, True
    if kernel == 'bf16_positional':
        t = bf16_round(rng.uniform(-1, 1, (ROWS, D)).astype(np.float32))
        return [t, idx.astype(np.int64), lengths, w], t, idx, starts, w, True, False
    if kernel == 'u8_scale_bias_mean':
        q = rng.integers(0, 256, (ROWS, D)).astype(np.uint8)
        sb = np.stack([rng.uniform(0.001, 0.01, ROWS), rng.uniform(-1, 1, ROWS)], 1).astype(np.float32)
        deq = sb[:, :1].astype(np.float64) * q + sb[:, 1:]
        return [q.view(np.int8), sb, idx.astype(np.int32), lengths, w], deq, idx, starts, w, False, True
    if kernel == 'fused8_offsets_weights':
        q = rng.integers(0, 256, (ROWS, D)).astype(np.uint8)
        scale = rng.uniform(0.001, 0.01, ROWS).astype(np.float32)
        bias = rng.uniform(-1, 1, ROWS).astype(np.float32)
        rows = np.concatenate([q, scale.astype('<f4').view(np.uint8).reshape(ROWS, 4),
                               bias.astype('<f4').view(np.uint8).reshape(ROWS, 4)], 1)
        deq = scale[:, None].astype(np.float64) * q + bias[:, None]
        return [rows.view(np.int8), idx.astype(np.int64), starts.astype(np.int64), w], deq, idx, starts, w, False, False
    bits = 4 if kernel == 'fused4_mean' else 2
    q = rng.integers(0, 2**bits, (ROWS, D)).astype(np.uint8)
    scale = rng.uniform(0.01, 0.1, ROWS).astype(np.float16)
    bias = rng.uniform(-1, 1, ROWS).astype(np.float16)
    rows = pack_nbit(q, bits, scale, bias)
    deq = scale[:, None].astype(np.float64) * q + bias[:, None].astype(np.float64)
    if bits == 4:
        return [rows.view(np.int8), idx.astype(np.int64), lengths], deq, idx, starts, None, False, True
    return [rows.view(np.int8), idx.astype(np.int32), lengths, w], deq, idx, starts, w, True, False


KERNELS = ['f32_lengths_weights', 'f16_offsets_mean', 'bf16_positional', 'u8_scale_bias_mean',
           'fused8_offsets_weights', 'fused4_mean', 'fused2_positional']


def main():
    mode, out = sys.argv[1], sys.argv[2]
    if mode == 'gen':
        for k in KERNELS:
            for n, a in enumerate(make(k)[0]):
                np.save(f'{out}/{k}-{n}.npy', a)
            print(','.join(f'{out}/{k}-{n}.npy' for n in range(len(make(k)[0]))),
                  file=open(f'{out}/{k}.inputs', 'w'), end='')
        return
    kernel = sys.argv[3]
    _, table, idx, starts, w, positional, mean = make(kernel)
    expected = np.zeros((BAGS, D))
    for m in range(BAGS):
        for j in range(starts[m], starts[m + 1]):
            weight = 1.0 if w is None else float(w[j - starts[m] if positional else j])
            expected[m] += weight * table[idx[j]].astype(np.float64)
        if mean and starts[m + 1] > starts[m]:
            expected[m] /= starts[m + 1] - starts[m]
    got = np.load(f'{out}/{kernel}-out0.npy')
    status = np.load(f'{out}/{kernel}-out1.npy')
    assert got.dtype == np.float32 and got.shape == (BAGS, D), (got.dtype, got.shape)
    assert status.shape == () and int(status) == 0, status
    assert not expected[4].any() and not got[4].any()  # the empty bag
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)
    print(f'NUMPY-OK {kernel}')


main()
