#!/usr/bin/python3
"""CPU code generation benchmark: pk-cpu-pipeline against the libraries.

SGEMM (n = 256..2048 and a skinny 16x4096x4096) against OpenBLAS through
NumPy, and conv3x3 64->64 56x56 (+ReLU +2x2 max-pool) and a 1x1 256->64
convolution against oneDNN through PyTorch, at 1 and 2 threads. The peer
and pk are alternated within one run (the machines are shared and noisy);
every figure is a median, and the last column compares the fastest runs
(the machines' noise only ever slows a run down). pk's time comes from `pk-run --bench`, which
times the compiled function alone (inputs prepared outside the timing),
as the peers' timings do.

    /usr/bin/python3 bench/cpu.py [--quick] [--rounds R] [--runs N]

Needs python3-numpy with libopenblas (NumPy's BLAS is then OpenBLAS) and
python3-torch (oneDNN), both Debian packages: `make bench-deps`.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap

from pkrun import PK_RUN, bench as pk_bench
PYTHON = "/usr/bin/python3"


def matmul_mlir(m, n, k):
    return textwrap.dedent(f"""\
        func.func @sgemm(%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32> {{
          %c = pk.matmul %a, %b : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32> -> tensor<{m}x{n}xf32>
          return %c : tensor<{m}x{n}xf32>
        }}
        """)


def conv_mlir(c, f, hw, k, relu_pool):
    pad = k // 2
    body = f"""%y = pk.conv2d %x, %w {{padding = array<i64: {pad}, {pad}, {pad}, {pad}>}}
            : tensor<1x{c}x{hw}x{hw}xf32>, tensor<{f}x{c}x{k}x{k}xf32> -> tensor<1x{f}x{hw}x{hw}xf32>"""
    if not relu_pool:
        return textwrap.dedent(f"""\
            func.func @conv(%x: tensor<1x{c}x{hw}x{hw}xf32>, %w: tensor<{f}x{c}x{k}x{k}xf32>) -> tensor<1x{f}x{hw}x{hw}xf32> {{
              {body}
              return %y : tensor<1x{f}x{hw}x{hw}xf32>
            }}
            """)
    half = hw // 2
    return textwrap.dedent(f"""\
        func.func @conv(%x: tensor<1x{c}x{hw}x{hw}xf32>, %w: tensor<{f}x{c}x{k}x{k}xf32>) -> tensor<1x{f}x{half}x{half}xf32> {{
          {body}
          %zero = arith.constant dense<0.0> : tensor<1x{f}x{hw}x{hw}xf32>
          %r = arith.maximumf %y, %zero : tensor<1x{f}x{hw}x{hw}xf32>
          %p = pk.max_pool2d %r {{kernel = array<i64: 2, 2>}} : tensor<1x{f}x{hw}x{hw}xf32> -> tensor<1x{f}x{half}x{half}xf32>
          return %p : tensor<1x{f}x{half}x{half}xf32>
        }}
        """)


# The peers run in a fresh interpreter per measurement: OpenBLAS reads its
# thread count from the environment at load time.
PEER_SGEMM = """
import numpy as np, time, statistics, sys
m, n, k, runs = map(int, sys.argv[1:5])
rng = np.random.default_rng(1)
a = rng.standard_normal((m, k), dtype=np.float32)
b = rng.standard_normal((k, n), dtype=np.float32)
c = np.empty((m, n), np.float32)
np.matmul(a, b, out=c)
times = []
for _ in range(runs):
    t = time.perf_counter(); np.matmul(a, b, out=c); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1e3, min(times) * 1e3)
"""

PEER_CONV = """
import torch, time, statistics, sys
c, f, hw, k, relu_pool, runs, threads = map(int, sys.argv[1:8])
torch.set_num_threads(threads)
x = torch.randn(1, c, hw, hw)
conv = torch.nn.Conv2d(c, f, k, padding=k // 2, bias=False)
def step():
    y = conv(x)
    if relu_pool:
        y = torch.nn.functional.max_pool2d(torch.relu(y), 2)
    return y
with torch.no_grad():
    for _ in range(3): step()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1e3, min(times) * 1e3)
"""

# Single-core FMA peak: independent FMA chains on the widest vectors the
# compiler targets here (-march=native), enough of them to hide latency.
PEAK_C = r"""
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#if defined(__AVX512F__)
typedef __m512 V; enum { W = 16 };
#define FMA _mm512_fmadd_ps
#define SET _mm512_set1_ps
#else
typedef __m256 V; enum { W = 8 };
#define FMA _mm256_fmadd_ps
#define SET _mm256_set1_ps
#endif
int main(void) {
  V acc[12], a = SET(1.0000001f), b = SET(0.9999999f);
  for (int i = 0; i < 12; ++i) acc[i] = SET((float)i);
  long iters = 100000000;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long it = 0; it < iters; ++it)
    for (int i = 0; i < 12; ++i) acc[i] = FMA(acc[i], a, b);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  float sink = 0; float tmp[W];
  for (int i = 0; i < 12; ++i) { *(V *)tmp = acc[i]; sink += tmp[0]; }
  double s = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("%f %d %g\n", 2.0 * W * 12 * iters / s * 1e-9, W, sink);
  return 0;
}
"""


def measure_peak(tmp):
    src, exe = os.path.join(tmp, "peak.c"), os.path.join(tmp, "peak")
    with open(src, "w") as f:
        f.write(PEAK_C)
    subprocess.run(["clang-22", "-O2", "-march=native", src, "-o", exe], check=True)
    runs = [subprocess.run([exe], capture_output=True, text=True, check=True).stdout.split()
            for _ in range(3)]
    return max(float(r[0]) for r in runs), int(runs[0][1])


def openblas_coretype():
    """OpenBLAS picks its kernels from the CPU model; on virtual machines it
    may not know the model and fall back to generic SSE3 kernels ("Prescott",
    seen here: 4x slower). Name the right kernel family from the CPU flags
    so the peer runs at its real speed (OPENBLAS_CORETYPE overrides)."""
    if "OPENBLAS_CORETYPE" in os.environ:
        return os.environ["OPENBLAS_CORETYPE"]
    with open("/proc/cpuinfo") as f:
        flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
    if "avx512f" in flags:
        return "SkylakeX"
    if "avx2" in flags:
        return "Zen" if "sse4a" in flags else "Haswell"
    return "Prescott"


def peer_time(script, args, threads):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               OPENBLAS_CORETYPE=openblas_coretype())
    out = subprocess.run([PYTHON, "-c", script] + [str(a) for a in args],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"peer failed:\n{out.stderr}")
    median, fastest = map(float, out.stdout.split())
    return median, fastest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternations of peer and pk per case (default 2)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per measurement")
    args = parser.parse_args()
    if not os.path.exists(PK_RUN):
        sys.exit(f"{PK_RUN} not found: build first (make build)")
    try:
        subprocess.run([PYTHON, "-c", "import numpy, torch"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        sys.exit("needs python3-numpy, libopenblas and python3-torch: make bench-deps")

    sizes = [256, 512] if args.quick else [256, 512, 1024, 2048]
    cases = []  # (name, flops, mlir, peer script, peer args(threads) -> list)
    for n in sizes:
        cases.append((f"sgemm {n}^3", 2 * n ** 3, matmul_mlir(n, n, n), "OpenBLAS",
                      PEER_SGEMM, lambda t, n=n: [n, n, n, args.runs]))
    cases.append(("sgemm 16x4096x4096", 2 * 16 * 4096 * 4096, matmul_mlir(16, 4096, 4096),
                  "OpenBLAS", PEER_SGEMM, lambda t: [16, 4096, 4096, args.runs]))
    conv33 = 2 * 56 * 56 * 64 * 64 * 9
    cases.append(("conv3x3 64->64 56x56 +relu+maxpool", conv33, conv_mlir(64, 64, 56, 3, True),
                  "oneDNN", PEER_CONV, lambda t: [64, 64, 56, 3, 1, args.runs, t]))
    cases.append(("conv3x3 64->64 56x56", conv33, conv_mlir(64, 64, 56, 3, False),
                  "oneDNN", PEER_CONV, lambda t: [64, 64, 56, 3, 0, args.runs, t]))
    cases.append(("conv1x1 256->64 56x56", 2 * 56 * 56 * 256 * 64, conv_mlir(256, 64, 56, 1, False),
                  "oneDNN", PEER_CONV, lambda t: [256, 64, 56, 1, 0, args.runs, t]))

    with tempfile.TemporaryDirectory() as tmp:
        peak, width = measure_peak(tmp)
        print(f"single-core FMA peak (measured, {width}-wide vectors): {peak:.1f} GFLOP/s; "
              f"OpenBLAS kernels: {openblas_coretype()}")
        header = (f"{'kernel':36} {'thr':>3} {'pk ms':>9} {'peer ms':>9} {'pk GF/s':>8} "
                  f"{'peer GF/s':>9} {'pk/peer':>8} {'% peak':>7} {'best':>6}  peer")
        print(header)
        print("-" * len(header))
        for name, flops, mlir, peer, script, peer_args in cases:
            path = os.path.join(tmp, "kernel.mlir")
            with open(path, "w") as f:
                f.write(mlir)
            for threads in (1, 2):
                pk, other = [], []
                for _ in range(args.rounds):
                    other.append(peer_time(script, peer_args(threads), threads))
                    pk.append(pk_bench(path, threads, args.runs, warmup=2))
                pk_ms = statistics.median(t for t, _ in pk)
                peer_ms = statistics.median(t for t, _ in other)
                best = min(t for _, t in other) / min(t for _, t in pk)
                gf = flops / pk_ms * 1e-6
                print(f"{name:36} {threads:>3} {pk_ms:9.3f} {peer_ms:9.3f} {gf:8.1f} "
                      f"{flops / peer_ms * 1e-6:9.1f} {peer_ms / pk_ms:7.2f}x "
                      f"{100 * gf / (peak * threads):6.1f}% {best:5.2f}x  {peer}", flush=True)


if __name__ == "__main__":
    main()
