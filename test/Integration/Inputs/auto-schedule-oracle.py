"""NumPy results for auto-schedule-numpy.test: prints '<name> ok' per kernel
whose pk outputs (written by pk-run --output) match, else the error."""
import sys

import numpy as np

from numpy_oracle import check, jacobi_2d_step, loader

L = loader(sys.argv[1])


a, b, c = L("a"), L("b"), L("c")
check("scaled_transposed", [L("st0")], [c - 1.5 * a.T @ b.T])
check("batch_last", [L("bl0")],
      [L("bc") + np.einsum("mkb,knb->mnb", L("ba"), L("bb"))])
g = L("g")
want = g.copy()
want[1:-1, 1:-1] = 0.2 * (g[1:-1, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:]
                          + g[:-2, 1:-1] + g[2:, 1:-1])
check("stencil", [L("sten0")], [want])
m, x, y = L("m"), L("x"), L("y")
check("matvecs", [L("mv0"), L("mv1"), L("mv2")],
      [m @ x, m.T @ y, (m * m).sum(0)])

# In place: B := 5-point average of A, then A := that of B (borders kept).
check("in_place_jacobi2d", [L("ip0"), L("ip1")], list(jacobi_2d_step(L("ja"), L("jb"))))
ux, uy, uh = L("ux"), L("uy"), L("uh")
wy = uy.copy()
wy[1:] -= 0.5 * (uh[1:] - uh[:-1])
wy[0] = 0
wx = ux.copy()
wx[:, 1:] -= 0.5 * (uh[:, 1:] - uh[:, :-1])
check("in_place_update", [L("up0"), L("up1"), L("up2")], [wx, wy, uh])
