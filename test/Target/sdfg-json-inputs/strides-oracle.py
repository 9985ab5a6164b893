"""NumPy reference for strides.sdfg: prints '<k> ok' when pk-run's
outputs (--output <dir>/r<k>_) match, else what differs."""
import sys

import numpy as np
from numpy.lib.stride_tricks import as_strided

d = sys.argv[1]
for k, n, m in [(1, 3, 4), (2, 1, 5)]:
    a, b = np.load(f"{d}/a{k}.npy"), np.load(f"{d}/b{k}.npy").copy()
    size = a.itemsize
    A = as_strided(a, (n, m), (size, n * size))  # strides [1, N]
    B = as_strided(b, (m, n), ((n + 1) * size, size))  # strides [N + 1, 1]
    B[:, :] = (A * 10 + np.arange(m)).T
    got = np.load(f"{d}/r{k}_1.npy")
    print(k, "ok" if np.array_equal(got, b) else f"WRONG {got} vs {b}")
