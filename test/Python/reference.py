"""NumPy references for the pk ops (shared by the pytest files)."""
import numpy as np


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def attention(q, k, v, scale=None, causal=False):
    q, k, v = (t.astype(np.float64) for t in (q, k, v))
    scale = 1.0 / np.sqrt(q.shape[-1]) if scale is None else scale
    s = scale * q @ np.swapaxes(k, -1, -2)
    if causal:
        n, m = s.shape[-2:]
        s = np.where(np.triu(np.ones((n, m), bool), 1), -np.inf, s)
    return softmax(s, -1) @ v


def random(shape, dtype=np.float32, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, shape).astype(dtype)


# Convolution and pooling, NCHW (tests transpose NHWC operands), in float64.
def conv2d(x, w, bias=None, strides=(1, 1), padding=(0, 0, 0, 0),
           dilations=(1, 1), groups=1):
    """result[n, f, oh, ow] = bias[f] + sum over c, kh, kw of the padded
    input at (oh*sh + kh*dh, ow*sw + kw*dw) times w[f, c, kh, kw], one
    input channel group per filter group."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    (sh, sw), (dh, dw) = strides, dilations
    pt, pl, pb, pr = padding
    xp = np.zeros((n, c, h + pt + pb, wd + pl + pr))
    xp[:, :, pt:pt + h, pl:pl + wd] = x
    oh = (h + pt + pb - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + pl + pr - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, f, oh, ow))
    fg = f // groups
    for o in range(f):
        g = o // fg
        for i in range(oh):
            for j in range(ow):
                for a in range(kh):
                    for b in range(kw):
                        patch = xp[:, g * cg:(g + 1) * cg, i * sh + a * dh,
                                   j * sw + b * dw]
                        out[:, o, i, j] += patch @ w[o, :, a, b]
    if bias is not None:
        out += bias.astype(np.float64)[None, :, None, None]
    return out


def pool2d(x, kernel, strides=None, padding=(0, 0, 0, 0), dilations=(1, 1),
           mode="max", exclude_padding=False):
    """Max or average pooling of NCHW `x`; padding never wins a maximum and
    counts in an average's divisor unless `exclude_padding`."""
    x = x.astype(np.float64)
    n, c, h, w = x.shape
    kh, kw = kernel
    sh, sw = strides or kernel
    dh, dw = dilations
    pt, pl, pb, pr = padding
    oh = (h + pt + pb - dh * (kh - 1) - 1) // sh + 1
    ow = (w + pl + pr - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            values, count = [], 0
            for a in range(kh):
                for b in range(kw):
                    r, s = i * sh + a * dh - pt, j * sw + b * dw - pl
                    if 0 <= r < h and 0 <= s < w:
                        values.append(x[:, :, r, s])
                        count += 1
                    elif mode == "avg":
                        values.append(np.zeros((n, c)))
            stack = np.stack(values)
            if mode == "max":
                out[:, :, i, j] = stack.max(axis=0)
            else:
                out[:, :, i, j] = stack.sum(axis=0) / (
                    count if exclude_padding else kh * kw)
    return out


def batch_norm(x, scale, bias, mean, variance, epsilon=1e-5, axis=1):
    shape = [1] * x.ndim
    shape[axis] = -1
    p = [v.astype(np.float64).reshape(shape)
         for v in (scale, bias, mean, variance)]
    return (x - p[2]) * p[0] / np.sqrt(p[3] + epsilon) + p[1]


# caffe2 perfkernels. Quantizers follow caffe2's float32 arithmetic step by
# step (np.rint rounds half to even, as lrintf/nearbyint do by default), so
# their bytes can be compared exactly.
_f32 = np.float32


def quantize_rowwise(x, bits):
    """caffe2 FloatToFused8BitRowwiseQuantized (bits 8) and
    FloatToFusedNBitRowwiseQuantizedSBHalf (4, 2): uint8 fused rows."""
    rows = []
    for row in x.astype(_f32):
        lo, hi = row.min(), row.max()
        if bits == 8:
            span = _f32(hi - lo)
            inverse = _f32(_f32(255) / _f32(span + _f32(1e-8)))
            codes = np.rint((row - lo) * inverse).astype(np.uint8)
            params = np.array([span / _f32(255), lo], "<f4")
            rows.append(np.concatenate([codes, params.view(np.uint8)]))
            continue
        lo = _f32(np.float16(lo))
        span = _f32(hi - lo)
        top = 2 ** bits - 1
        scale = np.float16(1.0) if span == 0 else np.float16(span / _f32(top))
        if scale == 0:
            scale = np.float16(1.0)
        inverse = _f32(_f32(1) / _f32(scale))
        if np.isinf(inverse):
            scale, inverse = np.float16(1.0), _f32(1)
        codes = np.clip(np.rint((row - lo) * inverse), 0, top).astype(
            np.uint8)
        per_byte = 8 // bits
        packed = np.zeros(-(-len(row) // per_byte), np.uint8)
        for d, q in enumerate(codes):
            packed[d // per_byte] |= np.uint8(q << (d % per_byte * bits))
        params = np.array([scale, np.float16(lo)], "<f2")
        rows.append(np.concatenate([packed, params.view(np.uint8)]))
    return np.stack(rows)


def dequantize_rowwise(q, bits, block_size):
    """scale * code + bias per row of fused uint8 rows, in float64."""
    q = q.view(np.uint8)
    if bits == 8:
        params = q[:, block_size:block_size + 8].copy().view("<f4")
        codes = q[:, :block_size].astype(np.float64)
    else:
        per_byte = 8 // bits
        nbytes = -(-block_size // per_byte)
        params = q[:, nbytes:nbytes + 4].copy().view("<f2")
        codes = np.stack([(q[:, d // per_byte] >> (d % per_byte * bits))
                          & (2 ** bits - 1) for d in range(block_size)], 1)
    params = params.astype(np.float64)
    return codes * params[:, :1] + params[:, 1:]


def lstm_unit(h, c, gates, forget_bias=0.0, seq_lengths=None, timestep=0,
              drop_states=False):
    """caffe2 LSTMUnit: gates in the order i, f, o, g."""
    h, c, gates = (v.astype(np.float64) for v in (h, c, gates))
    d = h.shape[1]
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    i, f = sig(gates[:, :d]), sig(gates[:, d:2 * d] + forget_bias)
    o, g = sig(gates[:, 2 * d:3 * d]), np.tanh(gates[:, 3 * d:])
    cell = f * c + i * g
    hidden = o * np.tanh(cell)
    if seq_lengths is not None:
        done = (timestep >= seq_lengths)[:, None]
        hidden = np.where(done, 0 if drop_states else h, hidden)
        cell = np.where(done, 0 if drop_states else c, cell)
    return hidden, cell


def adagrad(w, h, g, lr, epsilon=1e-5, decay=1.0, weight_decay=0.0):
    w, h, g = (v.astype(np.float64) for v in (w, h, g))
    g = g + weight_decay * w
    h = decay * h + g * g
    return w + lr * g / (np.sqrt(h) + epsilon), h


def sparse_adagrad(w, h, g, indices, lr, epsilon=1e-5, weight_decay=0.0):
    """caffe2 SparseAdagrad (h rows x D) / RowWiseSparseAdagrad (h rows),
    one index at a time, in float64."""
    w, h = w.astype(np.float64), h.astype(np.float64)
    for k, r in enumerate(indices):
        gk = g[k] + weight_decay * w[r]
        if h.ndim == 1:
            h[r] += (gk * gk).mean()
        else:
            h[r] += gk * gk
        w[r] += lr * gk / (np.sqrt(h[r]) + epsilon)
    return w, h


def box_cox(x, lambda1, lambda2):
    x, l1, l2 = (v.astype(np.float64) for v in (x, lambda1, lambda2))
    s = np.maximum(x + l2, 1e-6)
    safe = np.where(l1 == 0, 1, l1)
    return np.where(l1 == 0, np.log(s), (s ** safe - 1) / safe)


def quantize_and_compress(x, bits):
    """caffe2 math::quantize_and_compress (random = false): uint8 bytes."""
    x = x.astype(_f32)
    n, per_byte = len(x), 8 // bits
    segment = -(-n // per_byte)
    lo, hi = x.min(), x.max()
    gap = _f32(_f32(hi - lo) / _f32(2 ** bits - 1))
    inverse = _f32(1.0 / (np.float64(gap) + 1e-8))
    codes = np.rint(np.clip((x - lo) * inverse, 0, 2 ** bits - 1)).astype(
        np.uint8)
    data = np.zeros(segment, np.uint8)
    for j, q in enumerate(codes):
        data[j % segment] |= np.uint8(q << (j // segment * bits))
    header = np.concatenate([np.array([bits, per_byte * segment - n],
                                      np.uint8),
                             np.array([lo, hi], "<f4").view(np.uint8)])
    return np.concatenate([header, data])


def decompress_and_dequantize(q, bits, n):
    """caffe2 math::decompress_and_dequantize, in float64."""
    q = q.view(np.uint8)
    lo, hi = q[2:10].copy().view("<f4")
    gap = np.float64(_f32(np.float64(_f32(_f32(hi - lo) / _f32(2 ** bits - 1)))
                          + 1e-8))
    segment = len(q) - 10
    codes = np.array([(q[10 + j % segment] >> (j // segment * bits))
                      & (2 ** bits - 1) for j in range(n)], np.float64)
    return codes * gap + np.float64(lo)
