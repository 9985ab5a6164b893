"""NumPy results for raised-sdfg-loops.test: prints '<name> ok' per SDFG
whose pk outputs (pk-run --output: one per argument) match, else the error."""
import sys

import numpy as np

d = sys.argv[1]
L = lambda n: np.load(f"{d}/{n}.npy").astype(np.float64)


def check(name, got, want, rtol=1e-4):
    for g, w in zip(got, want):
        err = np.abs(g - w).max() / (np.abs(w).max() + 1e-30)
        if g.shape != w.shape or not err <= rtol:
            print(name, "WRONG", g.shape, w.shape, err)
            return
    print(name, "ok")


# C := 1.2 C + 1.5 A B
check("gemm", [L("gemm0")], [1.2 * L("gc") + 1.5 * L("ga") @ L("gb")])
# tmp := A x; y := A^T tmp
a, x = L("ta"), L("tx")
check("atax", [L("atax2")], [a.T @ (a @ x)])
# y := 1.5 A x + 1.2 B x
check("gesummv", [L("gesummv3")], [1.5 * L("sa") @ L("sx") + 1.2 * L("sb") @ L("sx")])
# B := 5-point average of A, then A := that of B (borders kept).
ja, jb = L("ja"), L("jb")
avg = lambda g: 0.2 * (g[1:-1, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1])
wb = jb.copy()
wb[1:-1, 1:-1] = avg(ja)
wa = ja.copy()
wa[1:-1, 1:-1] = avg(wb)
check("jacobi2d", [L("jacobi2d0"), L("jacobi2d1")], [wa, wb])
