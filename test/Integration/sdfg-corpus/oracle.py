"""NumPy oracle for the DaCe corpus samples next to this file.

For each sample: import it (pk-translate --json-to-sdfg), run it with
pk-run on inputs from two seeds (values of both signs and zeros), and
compare every output with a NumPy reference of the DaCe program the SDFG
comes from. Prints '<sample> seed <s> ok' per run, else what differs.
Usage: oracle.py SAMPLE_DIR WORK_DIR PK_TRANSLATE PK_RUN
"""
import os
import re
import subprocess
import sys

import numpy as np

samples, work, pk_translate, pk_run = sys.argv[1:5]


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def for_loop(ret):
    out = np.zeros(10, np.int32)
    out[0:10:2] = np.arange(0, 10, 2)
    return out


def for_with_break_continue(ret):
    out = np.zeros(10, np.int32)
    for i in range(20):
        if i >= 10:
            break
        if i % 2 == 1:
            continue
        out[i] = i
    return out


# name: (symbols, references of the outputs by argument name; each takes
# the inputs by argument name).
SAMPLES = {
    "cutout_simple_matmul": ({}, {"__return": lambda A, B, **_: A @ B + 5}),
    "smax_softmax_2part": ({"H": 2, "B": 3, "SN": 4, "SM": 5},
                           {"__return": lambda X_in, **_: softmax(X_in)}),
    "loops_for_loop": ({}, {"__return": lambda __return: for_loop(__return)}),
    "loops_for_loop_with_break_continue":
        ({}, {"__return": lambda __return: for_with_break_continue(__return)}),
    "alias_codegen_aliaser_1": ({}, {"b": lambda a, **_: a + 1}),
}

TYPES = {"f64": np.float64, "f32": np.float32, "i32": np.int32,
         "i64": np.int64}


def arguments(mlir):
    """(name, shape, dtype) of the public SDFG's arguments, in order."""
    header = [l for l in mlir.splitlines()
              if "sdfg.sdfg @" in l and "sym_visibility" not in l][0]
    args = []
    for m in re.finditer(r"memref<([^>]*)> \{name = \"(\w+)\""
                         r"(?:, shape = \[([^\]]*)\])?", header):
        *dims, element = m.group(1).split("x")
        if m.group(3):  # symbolic sizes
            dims = [d.strip().strip('"') for d in m.group(3).split(",")]
        args.append((m.group(2), dims, TYPES[element]))
    return args


def inputs(args, symbols, seed):
    rng = np.random.default_rng(seed)
    values = {}
    for name, dims, dtype in args:
        shape = tuple(int(eval(d, {}, dict(symbols))) for d in dims)
        if np.issubdtype(dtype, np.integer):
            v = rng.integers(-50, 50, shape)
        else:
            v = rng.uniform(-3, 3, shape)
            v[rng.random(shape) < 0.2] = 0  # zeros too
        values[name] = v.astype(dtype)
    return values


for sample, (symbols, refs) in SAMPLES.items():
    mlir_path = os.path.join(work, sample + ".mlir")
    subprocess.run([pk_translate, "--json-to-sdfg",
                    os.path.join(samples, sample + ".sdfg"), "-o", mlir_path],
                   check=True)
    args = arguments(open(mlir_path).read())
    for seed in (1, 2):
        values = inputs(args, symbols, seed)
        files = []
        for name, _, _ in args:
            files.append(os.path.join(work, f"{sample}.{seed}.{name}.npy"))
            np.save(files[-1], values[name])
        prefix = os.path.join(work, f"{sample}.{seed}.out")
        cmd = [pk_run, mlir_path, "--input", ",".join(files), "--output",
               prefix, "--no-check"]
        if symbols:
            cmd.append("--sdfg-symbols=" +
                       ",".join(f"{k}={v}" for k, v in symbols.items()))
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        wrong = []
        for index, (name, _, dtype) in enumerate(args):
            if name not in refs:
                continue
            got = np.load(f"{prefix}{index}.npy")
            want = refs[name](**values).astype(dtype)
            tol = 1e-5 if dtype == np.float32 else 1e-12
            if got.shape != want.shape or not np.allclose(got, want,
                                                          rtol=tol, atol=tol):
                wrong.append(f"{name}: {got} vs {want}")
        print(sample, "seed", seed, "ok" if not wrong else
              "WRONG " + "; ".join(wrong))
