"""The pk side of the benchmark scripts: timing a kernel with `pk-run --bench`.

pk-run JIT-compiles the MLIR file with pk-cpu-pipeline and times the compiled
function alone (inputs prepared outside the timing), as the peers' timings
do; it prints the median and the fastest run.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# PK_RUN names another build's pk-run.
PK_RUN = os.environ.get("PK_RUN", os.path.join(ROOT, "build", "bin", "pk-run"))


def bench(mlir_path, threads, runs, warmup):
    """(median, fastest) milliseconds of `runs` timed calls, after `warmup`
    untimed ones, on `threads` OpenMP threads. Exits on a pk-run failure."""
    out = subprocess.run([PK_RUN, mlir_path, "--no-check", "--bench", str(runs),
                          "--warmup", str(warmup), "--num-threads", str(threads)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"pk-run failed on {mlir_path}:\n{out.stderr}")
    median = re.search(r"median ([0-9.]+) ms", out.stdout)
    fastest = re.search(r"min ([0-9.]+) ms", out.stdout)
    return float(median.group(1)), float(fastest.group(1))
