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
