"""NumPy reference for control-flow.sdfg: prints 'N=<n> ok' when pk-run's
outputs (--output <dir>/r<n>_) match, else what differs."""
import sys

import numpy as np

d = sys.argv[1]
for n in (8, 3):
    A, B = np.load(f"{d}/A{n}.npy"), np.load(f"{d}/B{n}.npy").copy()
    for i in range(n):
        B[i] = B[i] * 2 if i % 2 == 0 else -B[i]
        if i >= 5:
            break
    want = [A, B, np.array((A * B).sum())]
    got = [np.load(f"{d}/r{n}_{k}.npy") for k in range(3)]
    bad = [k for k in range(3)
           if got[k].shape != want[k].shape or
           not np.allclose(got[k], want[k], rtol=1e-12, atol=0)]
    print(f"N={n}", "ok" if not bad else f"WRONG results {bad}: {got} vs {want}")
