"""NumPy reference for library-nodes.sdfg: prints '<k> ok' when pk-run's
outputs (--output <dir>/r<k>_) match, else what differs."""
import sys

import numpy as np

d = sys.argv[1]
for k in (1, 2):
    A, B = np.load(f"{d}/A{k}.npy"), np.load(f"{d}/B{k}.npy")
    C = A @ B
    want = [A, B, C, np.maximum(C.T.max(axis=1), -1e6), np.array([A.sum()])]
    got = [np.load(f"{d}/r{k}_{i}.npy") for i in range(5)]
    bad = [i for i in range(5) if got[i].shape != want[i].shape or
           not np.allclose(got[i], want[i], rtol=1e-12, atol=1e-12)]
    print(k, "ok" if not bad else f"WRONG results {bad}")
