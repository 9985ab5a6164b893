#!/usr/bin/python3
"""Graph optimisations benchmark: conv3x3 + batch norm + ReLU + 2x2 max-pool.

The layer of issue 5 (1x64x56x56 NCHW, 64 -> 64 channels, padding 1, f32;
batch-norm statistics are arguments, as in a network whose weights are
loaded at run time) compiled three ways, at 1 and 2 threads:

  fused    pk-cpu-pipeline (graph-opts=true, the default): batch norm folded
           into the convolution, bias + ReLU in its epilogue, conv + pool
           computed tile by tile, input pad + transpose in one pass;
  unfused  pk-cpu-pipeline{graph-opts=false}: the same schedule for the
           convolution, every other op a pass of its own;
  oneDNN   PyTorch (Conv2d + BatchNorm2d in eval() + relu + max_pool2d).

The three are alternated within every round (the machines are shared and
noisy); figures are medians over rounds of per-round medians. Each
measurement runs in a fresh process; "peak RSS" is that process's peak
resident memory (it includes the JIT compiler or PyTorch itself), and
"temp buffers" sums the buffers pk's compiled code allocates per call (from
the bufferized IR). pk is driven through the perfkernel Python package
(python/, over build/lib/libPKCAPI.so), which accepts pipeline options.

    /usr/bin/python3 bench/fusion.py [--rounds R] [--runs N] [--build DIR] [--recipe FILE]

Needs python3-numpy and python3-torch (Debian packages: make bench-deps).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"

KERNEL = """\
func.func @layer(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>,
                 %gamma: tensor<64xf32>, %beta: tensor<64xf32>,
                 %mean: tensor<64xf32>, %var: tensor<64xf32>) -> tensor<1x64x28x28xf32> {
  %y = pk.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>}
      : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32> -> tensor<1x64x56x56xf32>
  %n = pk.batch_norm %y, %gamma, %beta, %mean, %var : tensor<1x64x56x56xf32>, tensor<64xf32>
  %zero = arith.constant dense<0.0> : tensor<1x64x56x56xf32>
  %r = arith.maximumf %n, %zero : tensor<1x64x56x56xf32>
  %p = pk.max_pool2d %r {kernel = array<i64: 2, 2>} : tensor<1x64x56x56xf32> -> tensor<1x64x28x28xf32>
  return %p : tensor<1x64x28x28xf32>
}
"""

# Every worker makes the same inputs (positive variances) and prints
# "<median ms> <peak RSS KiB> <checksum>".
INPUTS = """
import numpy as np
rng = np.random.default_rng(1)
x = rng.standard_normal((1, 64, 56, 56), dtype=np.float32)
w = (rng.standard_normal((64, 64, 3, 3), dtype=np.float32) * 0.05).astype(np.float32)
gamma = rng.uniform(0.5, 1.5, 64).astype(np.float32)
beta = rng.uniform(-0.5, 0.5, 64).astype(np.float32)
mean = rng.uniform(-0.2, 0.2, 64).astype(np.float32)
var = rng.uniform(0.5, 2.0, 64).astype(np.float32)
"""

PK_WORKER = INPUTS + """
import resource, statistics, sys, time
import perfkernel
from perfkernel import compiler
path, threads, runs, graph_opts, recipe = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
options = f"threads={threads} graph-opts={graph_opts}" + (f' recipe="{recipe}"' if recipe else "")
compiler._pipeline_text = lambda target, t, r: f"builtin.module(pk-cpu-pipeline{{{options}}})"
f = perfkernel.compile(open(path).read())
for _ in range(3):
    out = f(x, w, gamma, beta, mean, var)
times = []
for _ in range(runs):
    t = time.perf_counter(); out = f(x, w, gamma, beta, mean, var); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, float(out.sum()))
"""

PEER_WORKER = INPUTS + """
import resource, statistics, sys, time
import torch
threads, runs = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
conv = torch.nn.Conv2d(64, 64, 3, padding=1, bias=False)
bn = torch.nn.BatchNorm2d(64).eval()
with torch.no_grad():
    conv.weight.copy_(torch.from_numpy(w))
    bn.weight.copy_(torch.from_numpy(gamma)); bn.bias.copy_(torch.from_numpy(beta))
    bn.running_mean.copy_(torch.from_numpy(mean)); bn.running_var.copy_(torch.from_numpy(var))
    xt = torch.from_numpy(x)
    def step():
        return torch.nn.functional.max_pool2d(torch.relu(bn(conv(xt))), 2)
    for _ in range(3):
        out = step()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); out = step(); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, float(out.sum()))
"""


def run_worker(args, env):
    out = subprocess.run([PYTHON, "-c"] + args, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"worker failed:\n{out.stderr}")
    ms, rss, checksum = out.stdout.split()
    return float(ms), int(rss), float(checksum)


def temp_buffer_bytes(pk_opt, path, graph_opts, recipe):
    """Bytes of the buffers the compiled function allocates per call."""
    recipe_option = f" recipe={recipe}" if recipe else ""
    out = subprocess.run(
        [pk_opt, f"--pk-cpu-pipeline=graph-opts={graph_opts}{recipe_option}", path,
         "--mlir-print-ir-after=buffer-results-to-out-params", "-o", os.devnull],
        capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"pk-opt failed:\n{out.stderr}")
    total = 0
    for shape in re.findall(r"memref\.alloc\(\)(?: \{[^}]*\})? : memref<([0-9x]+)xf32>", out.stderr):
        n = 1
        for d in shape.split("x"):
            n *= int(d)
        total += 4 * n
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternations of the three variants (default 3)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per measurement")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="build directory (default: build/)")
    parser.add_argument("--recipe", default="",
                        help="recipe file replacing the built-in one (both pk variants)")
    args = parser.parse_args()
    capi = os.path.join(args.build, "lib", "libPKCAPI.so")
    pk_opt = os.path.join(args.build, "bin", "pk-opt")
    for path in (capi, pk_opt):
        if not os.path.exists(path):
            sys.exit(f"{path} not found: build first (make build)")
    try:
        subprocess.run([PYTHON, "-c", "import numpy, torch"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        sys.exit("needs python3-numpy and python3-torch: make bench-deps")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "layer.mlir")
        with open(path, "w") as f:
            f.write(KERNEL)
        recipe = os.path.abspath(args.recipe) if args.recipe else ""
        fused_bytes = temp_buffer_bytes(pk_opt, path, "true", recipe)
        unfused_bytes = temp_buffer_bytes(pk_opt, path, "false", recipe)
        print("conv3x3 64->64 1x64x56x56 + batch norm + ReLU + 2x2 max-pool, f32, NCHW")
        print(f"pk temp buffers per call: fused {fused_bytes / 2**20:.2f} MiB, "
              f"unfused {unfused_bytes / 2**20:.2f} MiB")
        header = (f"{'thr':>3} {'fused ms':>9} {'unfused ms':>10} {'oneDNN ms':>9} "
                  f"{'unfused/fused':>13} {'oneDNN/fused':>12} "
                  f"{'RSS MiB fused/unfused/torch':>28}")
        print(header)
        print("-" * len(header))
        for threads in (1, 2):
            env = dict(os.environ, OMP_NUM_THREADS=str(threads), PK_CAPI_LIB=capi,
                       PYTHONPATH=os.path.join(ROOT, "python"))
            times = {"fused": [], "unfused": [], "peer": []}
            rss = {"fused": [], "unfused": [], "peer": []}
            sums = {}
            for _ in range(args.rounds):
                for name in ("peer", "fused", "unfused"):
                    if name == "peer":
                        ms, kib, s = run_worker([PEER_WORKER, str(threads), str(args.runs)], env)
                    else:
                        flag = "true" if name == "fused" else "false"
                        ms, kib, s = run_worker(
                            [PK_WORKER, path, str(threads), str(args.runs), flag, recipe], env)
                    times[name].append(ms)
                    rss[name].append(kib)
                    sums[name] = s
            med = {k: statistics.median(v) for k, v in times.items()}
            mib = {k: max(v) / 1024 for k, v in rss.items()}
            print(f"{threads:>3} {med['fused']:9.3f} {med['unfused']:10.3f} {med['peer']:9.3f} "
                  f"{med['unfused'] / med['fused']:12.2f}x {med['peer'] / med['fused']:11.2f}x "
                  f"{mib['fused']:10.0f} /{mib['unfused']:6.0f} /{mib['peer']:6.0f}",
                  flush=True)
            # Same inputs everywhere: the three results must agree.
            ref = sums["peer"]
            for name in ("fused", "unfused"):
                if abs(sums[name] - ref) > 1e-3 * max(1.0, abs(ref)):
                    sys.exit(f"{name} result differs from PyTorch: checksum "
                             f"{sums[name]} vs {ref}")


if __name__ == "__main__":
    main()
