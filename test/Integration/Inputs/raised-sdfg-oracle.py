"""NumPy results for raised-sdfg-loops.test: prints '<name> ok' per SDFG
whose pk outputs (pk-run --output: one per argument) match, else the error."""
import sys

from numpy_oracle import check, jacobi_2d_step, loader

L = loader(sys.argv[1])


# C := 1.2 C + 1.5 A B
check("gemm", [L("gemm0")], [1.2 * L("gc") + 1.5 * L("ga") @ L("gb")])
# tmp := A x; y := A^T tmp
a, x = L("ta"), L("tx")
check("atax", [L("atax2")], [a.T @ (a @ x)])
# y := 1.5 A x + 1.2 B x
check("gesummv", [L("gesummv3")], [1.5 * L("sa") @ L("sx") + 1.2 * L("sb") @ L("sx")])
# B := 5-point average of A, then A := that of B (borders kept).
check("jacobi2d", [L("jacobi2d0"), L("jacobi2d1")], list(jacobi_2d_step(L("ja"), L("jb"))))
