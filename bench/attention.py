#!/usr/bin/python3
"""Attention benchmark: pk's fused (online-softmax) attention against PyTorch.

Scaled dot-product attention O = softmax(Q·Kᵀ/sqrt(d))·V, f32, head dim 64,
at N = 1024 and 4096 with 8 heads and N = 16384 with 2 heads (8 heads of
naive 16384² scores would need 16 GiB in PyTorch and minutes per run), at 1
and 2 threads. The peer is PyTorch 1.13 (Debian's python3-torch) computing
the same math the naive way: matmul, softmax, matmul. Peer and pk alternate
within one run (the machines are shared and noisy); every time is a median.
pk's time comes from `pk-run --bench` (pk-cpu-pipeline, where pk-fuse-attention
rewrites pk.attention); the compiled function alone is timed, as the peer's
operators are.

Peak memory at N = 16384 (one head): the peak RSS of a child process running
the fused pk kernel once (`pk-run --no-check`), of the same process at N = 64
(pk-run's own footprint: MLIR, LLVM, the JIT), and of the PyTorch naive form;
the naive scores alone are 1 GiB per head.

    /usr/bin/python3 bench/attention.py [--quick] [--rounds R] [--runs N]
    PK_RUN=/path/to/build/bin/pk-run /usr/bin/python3 bench/attention.py

Needs python3-torch (Debian): `make bench-deps`.
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
HEAD_DIM = 64


def attention_mlir(heads, n, d=HEAD_DIM):
    t = f"tensor<{heads}x{n}x{d}xf32>"
    return textwrap.dedent(f"""\
        func.func @attention(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
          %o = pk.attention %q, %k, %v : {t}, {t}, {t} -> {t}
          return %o : {t}
        }}
        """)


# Run in a fresh interpreter per measurement, so the thread count and the
# peak RSS are the measurement's own.
PEER = """
import torch, time, statistics, sys
heads, n, d, runs, threads = map(int, sys.argv[1:6])
torch.set_num_threads(threads)
g = torch.Generator().manual_seed(1)
q, k, v = (torch.rand(heads, n, d, generator=g) * 2 - 1 for _ in range(3))
scale = d ** -0.5
def step():
    s = torch.matmul(q, k.transpose(-1, -2)) * scale
    return torch.matmul(torch.softmax(s, dim=-1), v)
with torch.no_grad():
    step()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1e3)
"""


def peer_time(heads, n, runs, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = subprocess.run([PYTHON, "-c", PEER, str(heads), str(n), str(HEAD_DIM),
                          str(runs), str(threads)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"peer failed:\n{out.stderr}")
    return float(out.stdout.strip())


def peak_rss_mib(cmd, env=None):
    """Peak resident set size of one child process, from wait4's rusage."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed:\n{proc.stderr.read().decode()}")
    return usage.ru_maxrss / 1024  # KiB on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 1024 and 4096 only")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternations of peer and pk per case (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement")
    args = parser.parse_args()
    if not os.path.exists(PK_RUN):
        sys.exit(f"{PK_RUN} not found: build first (make build)")
    try:
        subprocess.run([PYTHON, "-c", "import torch"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        sys.exit("needs python3-torch: make bench-deps")

    cases = [(8, 1024), (8, 4096)] + ([] if args.quick else [(2, 16384)])
    with tempfile.TemporaryDirectory() as tmp:
        header = (f"{'attention (heads x N x 64)':28} {'thr':>3} {'pk ms':>10} {'torch ms':>10} "
                  f"{'pk GF/s':>8} {'torch GF/s':>10} {'torch/pk':>9}")
        print(header)
        print("-" * len(header))
        for heads, n in cases:
            # The two matmuls: 2·N²·d each per head.
            flops = 4 * heads * n * n * HEAD_DIM
            path = os.path.join(tmp, f"attention{n}.mlir")
            with open(path, "w") as f:
                f.write(attention_mlir(heads, n))
            runs = args.runs if n < 16384 else 1
            for threads in (1, 2):
                pk, peer = [], []
                for _ in range(args.rounds):
                    peer.append(peer_time(heads, n, runs, threads))
                    pk.append(pk_bench(path, threads, runs, warmup=1)[0])
                pk_ms, peer_ms = statistics.median(pk), statistics.median(peer)
                print(f"{f'{heads} x {n} x {HEAD_DIM}':28} {threads:>3} {pk_ms:10.1f} "
                      f"{peer_ms:10.1f} {flops / pk_ms * 1e-6:8.1f} "
                      f"{flops / peer_ms * 1e-6:10.1f} {peer_ms / pk_ms:8.2f}x", flush=True)

        if args.quick:
            return
        n = 16384
        io_mib = 4 * n * HEAD_DIM * 4 / 2**20  # Q, K, V and O, f32
        big = os.path.join(tmp, "attention_mem.mlir")
        small = os.path.join(tmp, "attention_small.mlir")
        with open(big, "w") as f:
            f.write(attention_mlir(1, n))
        with open(small, "w") as f:
            f.write(attention_mlir(1, 64))
        pk_cmd = [PK_RUN, "--no-check", "--bench", "1", "--warmup", "0", "--num-threads", "1"]
        fused = peak_rss_mib(pk_cmd + [big])
        base = peak_rss_mib(pk_cmd + [small])
        torch_peak = peak_rss_mib([PYTHON, "-c", PEER, "1", str(n), str(HEAD_DIM), "1", "1"],
                                  env=dict(os.environ, OMP_NUM_THREADS="1"))
        print()
        print(f"peak RSS, one head, N = {n}, d = {HEAD_DIM} "
              f"(Q, K, V, O: {io_mib:.0f} MiB; naive scores: {n * n * 4 / 2**30:.0f} GiB)")
        print(f"  pk fused (pk-run)          {fused:8.0f} MiB")
        print(f"  pk-run at N = 64           {base:8.0f} MiB  (difference {fused - base:.0f} MiB)")
        print(f"  PyTorch naive              {torch_peak:8.0f} MiB")


if __name__ == "__main__":
    main()
