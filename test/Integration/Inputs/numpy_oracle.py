"""Shared by the NumPy oracles of the Integration tests: loading pk-run's
outputs and comparing them, and the computations several oracles check."""
import numpy as np


def loader(directory):
    """n -> the array in directory/n.npy, as float64."""
    return lambda n: np.load(f"{directory}/{n}.npy").astype(np.float64)


def check(name, got, want, rtol=1e-4):
    """Prints '<name> ok' if every got[i] matches want[i], else the error."""
    for g, w in zip(got, want):
        err = np.abs(g - w).max() / (np.abs(w).max() + 1e-30)
        if g.shape != w.shape or not err <= rtol:
            print(name, "WRONG", g.shape, w.shape, err)
            return
    print(name, "ok")


def jacobi_2d_step(a, b):
    """One jacobi-2d time step in place: B := the 5-point average of A over
    the interior, then A := that of B (borders kept). Returns (A, B)."""
    avg = lambda g: 0.2 * (g[1:-1, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1])
    wb = b.copy()
    wb[1:-1, 1:-1] = avg(a)
    wa = a.copy()
    wa[1:-1, 1:-1] = avg(wb)
    return wa, wb
