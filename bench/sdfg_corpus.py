#!/usr/bin/env python3
"""Run pk's DaCe importer (and pk-run) over a corpus of .sdfg files.

For every file: `pk-translate --json-to-sdfg` with a timeout, classified as
imported, error (the first `error:` line), crash (killed by a signal) or
timeout; then, for imported files, `pk-run --sdfg-symbols=...` (every free
symbol bound to --symbol-value), which lowers the SDFG with
convert-sdfg-to-scf, compiles it with pk-cpu-pipeline, runs it on seeded
random inputs and compares against pk-reference-pipeline. The summary gives
the import rate, the run rate (ran and agreed), crash counts and the most
frequent error messages, normalised so that one cause counts once.

With --oracle, every imported file is instead run through pk-run and
through an independent NumPy interpreter of the SDFG JSON
(test/Integration/Inputs/sdfg_interpreter.py, which shares nothing with
pk) on the same inputs of two seeds, and every output is compared: a wrong
import shows up as a mismatch, which pk-run's own check (two pk pipelines
behind one importer) cannot see.

With --round-trip, every imported file is also exported with
`pk-translate --sdfg-to-json` and the export imported again; the two
imports must have the same signature (argument names, shapes and element
types of every SDFG, nested ones included). With --oracle as well, the
interpreter runs the *exported* JSON, so a wrong export shows up as a
mismatch against pk-run of the original import.

  bench/sdfg_corpus.py DIR                           # a folder of .sdfg files
  bench/sdfg_corpus.py --from-git /work/.mirror/spcl+dace/repo:bf16
  bench/sdfg_corpus.py DIR --oracle --json out.json  # against the interpreter
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTERPRETER = os.path.join(ROOT, "test", "Integration", "Inputs",
                           "sdfg_interpreter.py")


def extract_from_git(spec, pattern, dest):
    """Writes the files of `REPO:REF` whose path matches `pattern` to dest."""
    repo, _, ref = spec.rpartition(":")
    if not repo:
        sys.exit("--from-git expects REPO:REF")
    names = subprocess.run(
        ["git", "-C", repo, "ls-tree", "-r", "--name-only", ref],
        check=True, capture_output=True, text=True).stdout.split("\n")
    regex = re.compile(pattern)
    paths = [n for n in names if n and regex.search(n)]
    # One `git cat-file --batch` instead of a process per file.
    proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    files = []
    for path in paths:
        proc.stdin.write(f"{ref}:{path}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            continue
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        out = os.path.join(dest, path.replace("/", "__"))
        with open(out, "wb") as f:
            f.write(data)
        files.append(out)
    proc.stdin.close()
    proc.wait()
    return files


# JSON keys that error messages quote; other quoted words are data names.
PROPERTY_NAMES = {
    "attributes", "_arrays", "dtype", "shape", "strides", "offset", "symbols",
    "arg_names", "constants_prop", "nodes", "edges", "start_block",
    "start_state", "type", "label", "code", "data", "subset", "wcr",
    "in_connectors", "out_connectors", "map", "range", "params", "schedule",
    "storage", "transient", "language", "condition", "assignments",
}


def normalise(message):
    """One error class per cause: names, code and numbers abstracted away."""
    message = re.sub(r"^.*?:\d+:\d+: error: ", "", message.strip())
    message = re.sub(r"^error: ", "", message)
    message = re.sub(r'"(?:[^"\\]|\\.)*"', '"…"', message)

    def quoted(m):
        # Keep DaCe's class names (LoopRegion, MapEntry); drop data names.
        text = m.group(1)
        keep = (re.fullmatch(r"[A-Z][a-z]\w*|[A-Z][A-Z_]{2,}", text)
                or text in PROPERTY_NAMES)
        return m.group(0) if keep else "'…'"

    # State and node labels are names too; an error inside a nested SDFG
    # counts with the same error outside.
    message = re.sub(r"state '[^']*'", "state '…'", message)
    message = re.sub(r"\((\w+) '[^']*'\)", r"(\1 '…')", message)
    message = re.sub(r"'([^']*)'", quoted, message)
    message = re.sub(r"^(state '…' node \d+ \(NestedSDFG '…'\): )+"
                     r"(?=state |data container |symbol |loop |control-flow |"
                     r"conditional |interstate |compile-time |the |'sdfg)",
                     "[in a nested SDFG] ", message)
    message = re.sub(r"@\w+", "@…", message)
    message = re.sub(r"\b\d+\b", "N", message)
    message = re.sub(r"(column N of|at line N)", r"\1", message)
    return message[:200]


def first_error(text):
    for line in text.splitlines():
        if "error:" in line:
            return line
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0] if lines else "(no message)"


def run_tool(cmd, timeout):
    # A tool being relinked is briefly missing or not executable: retried.
    for attempt in range(5):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=timeout, errors="replace")
            break
        except subprocess.TimeoutExpired:
            return "timeout", ""
        except OSError as e:
            if attempt == 4:
                return "error", f"cannot run {cmd[0]}: {e}"
            time.sleep(30)
    out = p.stdout + p.stderr
    if p.returncode < 0 or "Stack dump" in out or "PLEASE submit" in out:
        sig = -p.returncode if p.returncode < 0 else 0
        name = signal.Signals(sig).name if sig else "crash"
        return "crash", name + ": " + first_error(out)
    # pk-run reports a signal in the compiled kernel as one line and exits
    # with 128 + the signal.
    if "the kernel raised SIG" in out:
        return "crash", first_error(out)
    if p.returncode != 0:
        if "FAIL" in p.stdout.split():
            return "mismatch", "results differ from pk-reference-pipeline"
        return "error", first_error(out)
    return "ok", out


def free_symbols(path):
    """Symbols to bind for pk-run: those the SDFG declares or uses in
    shapes (assigned ones included: the binding is their value on entry)."""
    try:
        with open(path) as f:
            sdfg = json.load(f)
    except (OSError, ValueError):
        return []
    attrs = sdfg.get("attributes", {})
    declared = set((attrs.get("symbols") or {}).keys())
    arrays = attrs.get("_arrays") or {}
    for desc in arrays.values():
        for dim in (desc.get("attributes", {}).get("shape") or []):
            declared.update(re.findall(r"[A-Za-z_]\w*", str(dim)))
    # Names the top-level interstate conditions read that nothing declares
    # or assigns are free symbols too (DaCe's inlined loops leave some).
    assigned = set()
    conditions = []

    def regions(graph):  # the SDFG and its control-flow regions
        yield graph
        for node in graph.get("nodes") or []:
            if not isinstance(node, dict) or node.get("type") == "SDFGState":
                continue
            if "edges" in node:
                yield from regions(node)
            # A ConditionalBlock's branches: [condition, region] pairs.
            for branch in node.get("branches") or []:
                if isinstance(branch, list) and len(branch) == 2:
                    if isinstance(branch[0], dict):
                        conditions.append(str(branch[0].get("string_data", "")))
                    if isinstance(branch[1], dict):
                        yield from regions(branch[1])

    for edge in (e for g in regions(sdfg) for e in g.get("edges") or []):
        data = (edge.get("attributes") or {}).get("data") or {}
        ie = data.get("attributes") or {}
        assigned.update((ie.get("assignments") or {}).keys())
        condition = ie.get("condition") or {}
        if isinstance(condition, dict):
            conditions.append(str(condition.get("string_data", "")))
    for text in conditions:
        text = re.sub(r"'[^']*'|\"[^\"]*\"", "", text)
        for name in re.findall(r"(?<![\w.])([A-Za-z_]\w*)(?!\s*[\w(\[.])",
                               text):
            if name not in arrays and name not in assigned and name not in (
                    "and", "or", "not", "None", "inf", "nan", "pi"):
                declared.add(name)
    # An assigned symbol read before its first assignment is an input in
    # DaCe: binding it gives that value (convert-sdfg-to-scf stores it on
    # entry); loop counters are assigned before they are read anyway.
    return sorted(s for s in declared
                  if s not in ("int", "float", "Min", "Max", "ceiling",
                               "floor", "True", "False"))


def shape_symbols(path):
    """Symbols in the shapes of the top-level SDFG's containers."""
    try:
        with open(path) as f:
            arrays = json.load(f).get("attributes", {}).get("_arrays") or {}
    except (OSError, ValueError):
        return set()
    names = set()
    for desc in arrays.values():
        for dim in (desc.get("attributes", {}).get("shape") or []):
            names.update(re.findall(r"[A-Za-z_]\w*", str(dim)))
    return names


def import_sdfg(path, mlir, opts, result):
    """Imports `path` into `mlir` with pk-translate, recording the outcome
    (and the first error) in `result`; True if it imported."""
    status, out = run_tool([opts.pk_translate, "--json-to-sdfg", path, "-o",
                            mlir], opts.timeout)
    result["import"] = status
    if status != "ok":
        result["import_error"] = out
    return status == "ok"


def sdfg_headers(mlir):
    """The argument lists and symbols of every sdfg.sdfg of an import, in
    order, without the SDFGs' names."""
    return [re.sub(r"sdfg\.sdfg @\S+?\(", "sdfg.sdfg (", l.strip())
            for l in mlir.splitlines() if "sdfg.sdfg @" in l]


def round_trip(mlir, opts, result):
    """Exports the import `mlir` and imports the export again, recording
    `export` (ok, error, crash, timeout, or differs: the second import's
    signatures are not the first's); the exported file, or None."""
    exported = mlir + ".export.sdfg"
    status, out = run_tool([opts.pk_translate, "--sdfg-to-json", mlir, "-o",
                            exported], opts.timeout)
    if status == "ok":
        again = mlir + ".again.mlir"
        status, out = run_tool([opts.pk_translate, "--json-to-sdfg",
                                exported, "-o", again], opts.timeout)
        if status == "ok":
            with open(mlir) as f, open(again) as g:
                first, second = sdfg_headers(f.read()), sdfg_headers(g.read())
            if first != second:
                status = "differs"
                out = next((f"{a} became {b}" for a, b in zip(first, second)
                            if a != b),
                           f"{len(first)} SDFGs became {len(second)}")
        else:
            out = "re-import: " + out
    result["export"] = status
    if status != "ok":
        result["export_error"] = out
        return None
    return exported


def check(path, args, workdir):
    name = os.path.basename(path)
    mlir = os.path.join(workdir, name + ".mlir")
    result = {"file": name}
    if not import_sdfg(path, mlir, args, result):
        return result
    if args.round_trip:
        round_trip(mlir, args, result)
    if not args.run:
        return result
    cmd = [args.pk_run, "--opt-level=1", "--num-threads=1",
           f"--seed={args.seed}"]
    symbols = free_symbols(path)
    if symbols:
        cmd.append("--sdfg-symbols=" +
                   ",".join(f"{s}={args.symbol_value}" for s in symbols))
    status, out = run_tool(cmd + [mlir], args.timeout)
    if status == "ok" and "FAIL" in out.split():
        status, out = "mismatch", "results differ from pk-reference-pipeline"
    result["run"] = status
    if status != "ok":
        result["run_error"] = out
    try:
        os.unlink(mlir)
    except OSError:
        pass
    return result


# ---------------------------------------------------------------------------
# --oracle: pk-run against the NumPy interpreter of the SDFG JSON
# ---------------------------------------------------------------------------

# The interpreter's reading of DaCe expressions, for symbolic sizes.
sys.path.insert(0, os.path.dirname(INTERPRETER))
from sdfg_interpreter import Expr  # noqa: E402

ELEMENT_TYPES = {"f16": np.float16, "f32": np.float32, "f64": np.float64,
                 "i1": np.bool_, "i8": np.int8, "i16": np.int16,
                 "i32": np.int32, "i64": np.int64,
                 "complex<f32>": np.complex64, "complex<f64>": np.complex128}


def signature(mlir):
    """(name, dims, dtype, is_memref) of the public sdfg.sdfg's arguments,
    in order: `{name = "..."}` argument attributes, `shape = [...]` for
    symbolic sizes, `unsigned` for unsigned integers."""
    headers = [l for l in mlir.splitlines() if "sdfg.sdfg @" in l and
               'sym_visibility = "private"' not in l]
    if not headers:
        raise ValueError("no public sdfg.sdfg in the import")
    header = headers[0]
    args = []
    for m in re.finditer(r"%\w+: (.*?) \{([^{}]*)\}", header):
        text, attrs = m.group(1), m.group(2)
        name = re.search(r'name = "([^"]*)"', attrs)
        if not name:
            raise ValueError("argument without a name attribute")
        memref = text.startswith("memref<")
        if memref:
            body = text[len("memref<"):-1].split(", ")[0]
            sizes, element = re.fullmatch(r"((?:(?:\d+|\?)x)*)(.*)",
                                          body).groups()
            dims = sizes.split("x")[:-1]
            shape = re.search(r"shape = \[([^\]]*)\]", attrs)
            if shape:
                dims = [q or n for q, n in re.findall(r'"([^"]*)"|(\d+)',
                                                       shape.group(1))]
        else:
            dims, element = [], text
        if element not in ELEMENT_TYPES:
            raise ValueError(f"argument '{name.group(1)}' of element type "
                             f"{element}")
        dtype = np.dtype(ELEMENT_TYPES[element])
        if "unsigned" in attrs and dtype.kind == "i":
            dtype = np.dtype(f"u{dtype.itemsize}")
        args.append((name.group(1), dims, dtype, memref))
    return args


def _size(dim, symbols):
    """A size in DaCe's expression syntax (Min, int_floor, ...)."""
    return Expr(dim).integer(dict(symbols))


class InvalidSizes(Exception):
    """The symbol values give an argument a negative or huge size."""


MAX_ELEMENTS = 1 << 26


def make_inputs(args, symbols, seed):
    """Seeded values of both signs and zeros: floats uniform in [-3, 3]
    with a fifth of them zero, integers in [-5, 10) (unsigned [0, 10)),
    booleans."""
    rng = np.random.default_rng(seed)
    values = []
    for name, dims, dtype, _ in args:
        shape = tuple(_size(d, symbols) for d in dims)
        if any(n < 0 for n in shape) or np.prod(shape) > MAX_ELEMENTS:
            raise InvalidSizes(f"'{name}' of shape {shape}")
        if dtype.kind == "b":
            v = rng.random(shape) < 0.5
        elif dtype.kind in "iu":
            v = rng.integers(0 if dtype.kind == "u" else -5, 10, shape)
        else:
            v = rng.uniform(-3, 3, shape)
            v[rng.random(shape) < 0.2] = 0
            if dtype.kind == "c":
                v = v + 1j * rng.uniform(-3, 3, shape)
        values.append(np.asarray(v).astype(dtype))
    return values


TOLERANCES = {np.dtype(np.float16): (1e-2, 1e-2),
              np.dtype(np.float32): (1e-4, 1e-5),
              np.dtype(np.float64): (1e-9, 1e-12),
              np.dtype(np.complex64): (1e-4, 1e-5),
              np.dtype(np.complex128): (1e-9, 1e-12)}


def differences(got, want, dtype, defined=None):
    """Mask of the elements where pk's `got` and the oracle's `want`
    differ: exact for integers and booleans, relative and absolute
    tolerances by dtype for floats, NaN equal to NaN."""
    got = np.asarray(got)
    want = np.asarray(want).reshape(got.shape)
    if dtype.kind in "fc":
        rtol, atol = TOLERANCES[dtype]
        g = got.astype(np.complex128 if dtype.kind == "c" else np.float64)
        w = want.astype(g.dtype)
        both_nan = np.isnan(g) & np.isnan(w)
        with np.errstate(all="ignore"):
            close = np.isclose(g, w, rtol=rtol, atol=atol) | both_nan
        bad = ~close
    else:
        bad = got != want.astype(got.dtype)
    if defined is not None:
        bad &= defined.reshape(bad.shape)
    return bad


def run_interpreter(sdfg, names, files, symbols, outdir, poison, timeout):
    # pk passes a Scalar it writes by reference (a memref argument) and one
    # it only reads by value; DaCe passes every top-level Scalar by value,
    # so a write is only visible the first way, and only compared then.
    cmd = [sys.executable, INTERPRETER, sdfg, "--output-dir", outdir,
           "--poison", str(poison), "--scalars-by-reference"]
    if symbols:
        cmd.append("--symbols=" + ",".join(f"{k}={v}"
                                           for k, v in symbols.items()))
    for n, f in zip(names, files):
        cmd += ["--input", f"{n}={f}"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", "interpreter timed out"
    message = (p.stderr.strip().splitlines() or ["(no message)"])[-1]
    message = message.replace("sdfg_interpreter: ", "", 1)
    if p.returncode == 0:
        return "ok", ""
    if p.returncode == 2:
        return "unsupported", message
    return "error", message


def has_transients(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return False
    return '"transient": true' in text


def compare_run(args, pk_files, oracle_dir, defined=None):
    """The first difference between pk's outputs and the oracle's, or
    None; `defined` maps names to masks of the elements to compare."""
    for i, (name, _, dtype, _) in enumerate(args):
        got = np.load(pk_files[i])
        want_path = os.path.join(oracle_dir, name + ".npy")
        if not os.path.exists(want_path):
            return f"{name}: the interpreter has no such container"
        want = np.load(want_path)
        if want.size != got.size:
            return f"{name}: shape {got.shape} vs oracle {want.shape}"
        mask = None if defined is None else defined.get(name)
        bad = differences(got, want, dtype, mask)
        if bad.any():
            first = np.unravel_index(np.argmax(bad), bad.shape)
            w = want.reshape(got.shape)
            return (f"{name}: {int(bad.sum())} of {bad.size} elements "
                    f"differ, first at {tuple(int(i) for i in first)}: pk "
                    f"{got[first]!r} vs oracle {w[first]!r}")
    return None


def defined_masks(args, dir0, dir1):
    """Elements whose value does not depend on the poison of fresh
    transients: the same in runs with two different poisons."""
    masks = {}
    for name, _, dtype, _ in args:
        a, b = (os.path.join(d, name + ".npy") for d in (dir0, dir1))
        if os.path.exists(a) and os.path.exists(b):
            x, y = np.load(a), np.load(b)
            same = x == y
            if x.dtype.kind in "fc":
                same |= np.isnan(x) & np.isnan(y)
            masks[name] = same
    return masks


# Oracle errors that say the inputs or the symbol values do not suit the
# program (DaCe would index out of bounds, convert NaN to an integer or
# read a tasklet's output before it is assigned).
PRINT_LOCK = threading.Lock()

INDEX_ERRORS = ("out of bounds", "runs past the memory", "reads past",
                "negative size", "not an integer", "symbol assigned",
                "converted to", "before assigning it")


def oracle_seed(path, mlir, args, symbols, seed, opts, work):
    """One seed: pk-run of `mlir` and the interpreter of `path` on the same
    inputs."""
    base = os.path.join(work, f"{os.path.basename(path)}.{seed}")
    try:
        values = make_inputs(args, symbols, seed)
    except InvalidSizes as e:
        return "input-dependent", f"symbol values give {e}"
    files = []
    for (name, _, _, _), v in zip(args, values):
        files.append(f"{base}.in.{len(files)}.npy")
        np.save(files[-1], v)
    prefix = base + ".pk"
    cmd = [opts.pk_run, mlir, "--opt-level=1", "--num-threads=1",
           "--no-check", "--output", prefix]
    if files:
        cmd += ["--input", ",".join(files)]
    if symbols:
        cmd.append("--sdfg-symbols=" + ",".join(f"{k}={v}"
                                                for k, v in symbols.items()))
    pk_status, pk_out = run_tool(cmd, opts.timeout)
    names = [a[0] for a in args]
    odir = base + ".oracle0"
    o_status, o_msg = run_interpreter(path, names, files, symbols, odir, 0,
                                      opts.oracle_timeout)
    # An access out of bounds (or a size below zero) is undefined in DaCe:
    # the inputs (index data) or the symbol values do not suit the program.
    input_dependent = o_status == "error" and \
        any(k in o_msg for k in INDEX_ERRORS)
    if pk_status == "error" and "no memref argument to write into" in pk_out:
        # Only Scalars, passed by value, or no arguments: nothing a caller
        # of the SDFG can observe.
        return "no-output", pk_out
    if pk_status != "ok":
        if input_dependent:
            return "input-dependent", f"pk {pk_status}; oracle: {o_msg}"
        if pk_status == "timeout" and o_status == "timeout":
            pk_out = "the interpreter times out too (it may not terminate)"
        return "pk-" + pk_status, pk_out
    if o_status == "timeout":
        return "oracle-timeout", o_msg
    if o_status == "unsupported":
        return "oracle-unsupported", o_msg
    if o_status == "error" and "overlapping memory" in o_msg:
        return "undefined", o_msg
    if o_status == "error":
        return ("input-dependent" if input_dependent else "oracle-error",
                o_msg)
    # pk writes result #i to PREFIXi.npy: every argument in place once its
    # scalars are wrapped in buffers, else the memref arguments only.
    outputs = sorted((f for f in os.listdir(work)
                      if f.startswith(os.path.basename(prefix)) and
                      re.fullmatch(r"\d+\.npy", f[len(os.path.basename(
                          prefix)):])),
                     key=lambda f: int(f[len(os.path.basename(prefix)):-4]))
    results = args if len(outputs) == len(args) else \
        [a for a in args if a[3]]
    if len(outputs) != len(results):
        return "oracle-error", (f"pk wrote {len(outputs)} results for "
                                f"{len(args)} arguments")
    # Arguments pk takes by value are its inputs again: not compared.
    inputs = dict(zip(names, files))
    pairs = [(a, os.path.join(work, f)) for a, f in zip(results, outputs)
             if a[3]]
    compared = [a for a, _ in pairs]
    pk_files = [f for _, f in pairs]
    # An agreement is only worth something where the program wrote.
    written = sum(1 for a in compared
                  if differences(np.load(inputs[a[0]]),
                                 np.load(os.path.join(odir, a[0] + ".npy")),
                                 a[2]).any())
    note = "" if written else "no output changed"
    diff = compare_run(compared, pk_files, odir)
    if diff and has_transients(path):
        # Does the difference come from reading fresh transients? A second
        # run with another poison tells: only elements that agree between
        # the two oracle runs are defined.
        odir1 = base + ".oracle1"
        s1, _ = run_interpreter(path, names, files, symbols, odir1, 1,
                                opts.oracle_timeout)
        if s1 == "ok":
            masks = defined_masks(compared, odir, odir1)
            diff = compare_run(compared, pk_files, odir, masks)
            written = sum(1 for a in compared if (differences(
                np.load(inputs[a[0]]), np.load(os.path.join(
                    odir, a[0] + ".npy")), a[2]) & masks[a[0]]).any())
            note = "" if written else "no output changed"
            if diff is None:
                return "agree", ", ".join(filter(None, [
                    note, "undefined elements left out"]))
    if diff:
        return "mismatch", diff
    return "agree", note


def oracle_check(path, opts, workdir):
    name = os.path.basename(path)
    work = os.path.join(workdir, name + ".d")
    os.makedirs(work, exist_ok=True)
    mlir = os.path.join(work, name + ".mlir")
    result = {"file": name}
    if not import_sdfg(path, mlir, opts, result):
        out = result["import_error"]
        result["oracle"] = "not-imported"
        result["oracle_detail"] = out
        if opts.per_run:
            with PRINT_LOCK:
                sys.stdout.write(f"{name[:-5]} not imported: {out}\n")
                sys.stdout.flush()
        subprocess.run(["rm", "-rf", work])
        return result
    try:
        with open(mlir) as f:
            args = signature(f.read())
    except (OSError, ValueError) as e:
        result["oracle"] = "pk-error"
        result["oracle_detail"] = f"signature: {e}"
        return result

    oracle_path = path
    if opts.round_trip:
        oracle_path = round_trip(mlir, opts, result)
        if oracle_path is None:
            result["oracle"] = "export-" + result["export"]
            result["oracle_detail"] = result["export_error"]
            if not opts.keep:
                subprocess.run(["rm", "-rf", work])
            return result

    def one(symbols, seed):
        try:
            return oracle_seed(oracle_path, mlir, args, symbols, seed, opts,
                               work)
        except Exception as e:  # e.g. the interpreter's Expr on a size
            return "oracle-error", f"driver: {type(e).__name__}: {e}"

    # Every free symbol bound to --symbol-value; when that makes the
    # program index out of bounds, symbols no shape uses (often the loop
    # indices of an extracted nested SDFG) are tried at 1, then all at 64,
    # then all at 2.
    free = free_symbols(path)
    shaped = shape_symbols(path)
    choices = [{s: opts.symbol_value for s in free}]
    if set(free) - shaped:
        choices.append({s: opts.symbol_value if s in shaped else 1
                        for s in free})
    if free and opts.symbol_value < 64:
        # Programs with fixed-size loops over symbol-sized data (a map
        # over 0:20 of an array of N) need a larger value.
        choices.append({s: 64 for s in free})
    if free and opts.symbol_value != 2:
        choices.append({s: 2 for s in free})
    for symbols in choices:
        first = one(symbols, opts.seeds[0])
        if first[0] != "input-dependent":
            break
    result["symbols"] = symbols
    seeds = []
    for seed in opts.seeds:
        status, detail = first if seed == opts.seeds[0] else \
            one(symbols, seed)
        seeds.append({"seed": seed, "status": status, "detail": detail})
        if opts.per_run:
            stem = name[:-5] if name.endswith(".sdfg") else name
            line = f"{stem} seed {seed} {status}" + \
                (f": {detail}" if detail else "")
            with PRINT_LOCK:  # one whole line per write, threads or not
                sys.stdout.write(line + "\n")
                sys.stdout.flush()
    result["seeds"] = seeds
    statuses = [s["status"] for s in seeds]
    if "mismatch" in statuses:
        pick = statuses.index("mismatch")
    elif "agree" in statuses and all(s in ("agree", "input-dependent")
                                     for s in statuses):
        pick = statuses.index("agree")
    else:
        pick = 0
    result["oracle"] = statuses[pick]
    result["oracle_detail"] = seeds[pick]["detail"]
    if not opts.keep:
        subprocess.run(["rm", "-rf", work])
    return result


ORACLE_CATEGORIES = ["agree", "mismatch", "not-imported",
                     "export-error", "export-crash", "export-timeout",
                     "export-differs", "no-output",
                     "pk-error",
                     "pk-crash", "pk-timeout",
                     "oracle-unsupported", "oracle-error", "oracle-timeout",
                     "input-dependent", "undefined"]


def oracle_summary(results, top):
    total = len(results)
    pct = lambda n: f"{n:5d} / {total} ({100.0 * n / total:5.1f}%)"
    count = collections.Counter(r["oracle"] for r in results)
    print(f"files:              {total}")
    for c in ORACLE_CATEGORIES:
        if count[c] or c in ("agree", "mismatch"):
            print(f"{c + ':':20s}{pct(count[c])}")
        if c == "agree":
            idle = sum(1 for r in results if r["oracle"] == "agree" and
                       "no output changed" in r["oracle_detail"])
            print(f"  of which {idle} change no output (nothing checked)")
    constructs = collections.Counter()
    for r in results:
        if r["oracle"] == "oracle-unsupported":
            m = re.match(r"Unsupported\(([^)]*)\)", r["oracle_detail"])
            constructs[m.group(1) if m else r["oracle_detail"][:60]] += 1
    if constructs:
        print("\noracle-unsupported constructs:")
        for c, n in constructs.most_common(top):
            print(f"{n:6d}  {c}")
    errors = collections.Counter(normalise(r["oracle_detail"])
                                 for r in results
                                 if r["oracle"] == "oracle-error")
    if errors:
        print("\noracle errors:")
        for c, n in errors.most_common(top):
            print(f"{n:6d}  {c}")
    mismatches = [r for r in results if r["oracle"] == "mismatch"]
    print(f"\nmismatching files ({len(mismatches)}):")
    for r in mismatches:
        print(f"  {r['file']}: {r['oracle_detail']}")


def histogram(results, key, top):
    counts = collections.Counter(normalise(r[key]) for r in results
                                 if key in r)
    return counts.most_common(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", metavar="DIR",
                        help="folders of .sdfg files, or .sdfg files")
    parser.add_argument("--from-git", metavar="REPO:REF",
                        help="take the corpus from a git repository")
    parser.add_argument("--pattern", default=r"sdfg_corpus/.*\.sdfg$",
                        help="with --from-git: regex on the paths")
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-run", dest="run", action="store_false",
                        help="import only")
    parser.add_argument("--symbol-value", type=int, default=16,
                        help="value bound to every free symbol for pk-run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", help="write per-file results here")
    parser.add_argument("--list", choices=["import", "run"],
                        help="also list the files failing this step")
    parser.add_argument("--oracle", action="store_true",
                        help="compare pk-run with the NumPy interpreter of "
                        "the SDFG JSON on two seeds instead of "
                        "pk-reference-pipeline")
    parser.add_argument("--seeds", default="1,2",
                        help="with --oracle: input seeds")
    parser.add_argument("--oracle-timeout", type=float, default=60,
                        help="with --oracle: seconds per interpreter run")
    parser.add_argument("--per-run", action="store_true",
                        help="with --oracle: one line per file and seed")
    parser.add_argument("--keep", action="store_true",
                        help="with --oracle: keep the inputs and outputs "
                        "(with --workdir)")
    parser.add_argument("--round-trip", action="store_true",
                        help="also export each import and import it again "
                        "(with --oracle: the interpreter runs the export)")
    parser.add_argument("--workdir", help="where inputs and outputs go")
    parser.add_argument("--pk-translate", help="default: BIN/pk-translate")
    parser.add_argument("--pk-run", help="default: BIN/pk-run")
    args = parser.parse_args()
    args.pk_translate = args.pk_translate or os.path.join(args.bin,
                                                          "pk-translate")
    args.pk_run = args.pk_run or os.path.join(args.bin, "pk-run")
    args.seeds = [int(s) for s in args.seeds.split(",") if s]

    with tempfile.TemporaryDirectory(prefix="pk-sdfg-corpus-") as tmp:
        if args.from_git:
            files = extract_from_git(args.from_git, args.pattern, tmp)
        elif args.paths:
            files = []
            for p in args.paths:
                if os.path.isdir(p):
                    files += sorted(os.path.join(p, f) for f in os.listdir(p)
                                    if f.endswith(".sdfg"))
                else:
                    files.append(p)
        else:
            parser.error("give a folder or --from-git")
        work = args.workdir or os.path.join(tmp, "out")
        os.makedirs(work, exist_ok=True)
        step = oracle_check if args.oracle else check
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda f: step(f, args, work), files))

    total = len(results)
    if not total:
        sys.exit("no .sdfg files")
    if args.oracle:
        if not args.per_run:
            oracle_summary(results, args.top)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
        return
    count = collections.Counter(r["import"] for r in results)
    runs = collections.Counter(r["run"] for r in results if "run" in r)
    pct = lambda n: f"{n} / {total} ({100.0 * n / total:.1f}%)"
    print(f"files:      {total}")
    print(f"imported:   {pct(count['ok'])}")
    print(f"  errors {count['error']}, crashes {count['crash']}, "
          f"timeouts {count['timeout']}")
    if args.round_trip:
        exports = collections.Counter(r["export"] for r in results
                                      if "export" in r)
        imported = count["ok"]
        print(f"round trip: {exports['ok']} / {imported} imported files "
              f"exported and re-imported with the same signatures")
        print(f"  export or re-import errors {exports['error']}, crashes "
              f"{exports['crash']}, timeouts {exports['timeout']}, "
              f"signatures differ {exports['differs']}")
    if args.run:
        print(f"ran+agreed: {pct(runs['ok'])}")
        print(f"  errors {runs['error']}, mismatches {runs['mismatch']}, "
              f"crashes {runs['crash']}, timeouts {runs['timeout']}")
    print(f"\ntop import errors:")
    for message, n in histogram(results, "import_error", args.top):
        print(f"{n:6d}  {message}")
    if args.round_trip:
        print(f"\ntop round-trip errors:")
        for message, n in histogram(results, "export_error", args.top):
            print(f"{n:6d}  {message}")
    if args.run:
        print(f"\ntop run errors:")
        for message, n in histogram(results, "run_error", args.top):
            print(f"{n:6d}  {message}")
    if args.list:
        print(f"\nfailing {args.list}:")
        for r in results:
            if r.get(args.list, "ok") != "ok":
                print(f"  {r['file']}: {r.get(args.list + '_error', '')}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
