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

  bench/sdfg_corpus.py DIR                           # a folder of .sdfg files
  bench/sdfg_corpus.py --from-git /work/.mirror/spcl+dace/repo:bf16
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""
    except OSError as e:  # e.g. a tool being relinked
        return "error", f"cannot run {cmd[0]}: {e}"
    out = p.stdout + p.stderr
    if p.returncode < 0 or "Stack dump" in out or "PLEASE submit" in out:
        sig = -p.returncode if p.returncode < 0 else 0
        name = signal.Signals(sig).name if sig else "crash"
        return "crash", name + ": " + first_error(out)
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
    for desc in (attrs.get("_arrays") or {}).values():
        for dim in (desc.get("attributes", {}).get("shape") or []):
            declared.update(re.findall(r"[A-Za-z_]\w*", str(dim)))
    # An assigned symbol read before its first assignment is an input in
    # DaCe: binding it gives that value (convert-sdfg-to-scf stores it on
    # entry); loop counters are assigned before they are read anyway.
    return sorted(s for s in declared
                  if s not in ("int", "float", "Min", "Max", "ceiling",
                               "floor", "True", "False"))


def check(path, args, workdir):
    name = os.path.basename(path)
    mlir = os.path.join(workdir, name + ".mlir")
    result = {"file": name}
    status, out = run_tool([args.pk_translate, "--json-to-sdfg", path, "-o",
                            mlir], args.timeout)
    result["import"] = status
    if status != "ok":
        result["import_error"] = out
        return result
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


def histogram(results, key, top):
    counts = collections.Counter(normalise(r[key]) for r in results
                                 if key in r)
    return counts.most_common(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", help="folder of .sdfg files")
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
    args = parser.parse_args()
    args.pk_translate = os.path.join(args.bin, "pk-translate")
    args.pk_run = os.path.join(args.bin, "pk-run")

    with tempfile.TemporaryDirectory(prefix="pk-sdfg-corpus-") as tmp:
        if args.from_git:
            files = extract_from_git(args.from_git, args.pattern, tmp)
        elif args.dir:
            files = sorted(os.path.join(args.dir, f)
                           for f in os.listdir(args.dir)
                           if f.endswith(".sdfg"))
        else:
            parser.error("give a folder or --from-git")
        work = os.path.join(tmp, "out")
        os.mkdir(work)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda f: check(f, args, work), files))

    total = len(results)
    if not total:
        sys.exit("no .sdfg files")
    count = collections.Counter(r["import"] for r in results)
    runs = collections.Counter(r["run"] for r in results if "run" in r)
    pct = lambda n: f"{n} / {total} ({100.0 * n / total:.1f}%)"
    print(f"files:      {total}")
    print(f"imported:   {pct(count['ok'])}")
    print(f"  errors {count['error']}, crashes {count['crash']}, "
          f"timeouts {count['timeout']}")
    if args.run:
        print(f"ran+agreed: {pct(runs['ok'])}")
        print(f"  errors {runs['error']}, mismatches {runs['mismatch']}, "
              f"crashes {runs['crash']}, timeouts {runs['timeout']}")
    print(f"\ntop import errors:")
    for message, n in histogram(results, "import_error", args.top):
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
