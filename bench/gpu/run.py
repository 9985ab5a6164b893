#!/usr/bin/python3
"""GPU benchmark: pk-gpu-pipeline against cuBLAS and FlashAttention.

SGEMM (f32) and HGEMM (f16 inputs, f32 accumulation) at 4096^3 against
torch.matmul on CUDA (cuBLAS; TF32 off for SGEMM so both compute in f32),
and attention (batch 4, 16 heads, N = 4096, d = 64 and 128, f16; with
--causal also causal) against torch.nn.functional.scaled_dot_product_attention
(FlashAttention backend where PyTorch has it). pk's attention is the fused
kernel of pk-gpu-fuse-attention (part of pk-gpu-pipeline): K/V tiles in
shared memory, online softmax in registers, no N x N scores. pk runs through `pk-run --gpu --no-check --bench N`,
which times the compiled function alone: its buffers are already on the
GPU, and each call waits for its kernels. The peer is timed with CUDA
events around N calls after a warm-up. Peer and pk alternate for
--rounds rounds; every figure is a median.

    /usr/bin/python3 bench/gpu/run.py [--quick] [--causal] [--rounds R] [--runs N]

Needs an NVIDIA GPU with its driver, a pk build with the CUDA runtime
(build/lib/libpk_cuda_runtime.so) and, for the peer column, PyTorch with
CUDA (without it the pk figures are printed alone).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PK_RUN = os.path.join(ROOT, "build", "bin", "pk-run")


def gemm_mlir(n, dtype):
    return textwrap.dedent(f"""\
        func.func @gemm(%a: tensor<{n}x{n}x{dtype}>, %b: tensor<{n}x{n}x{dtype}>) -> tensor<{n}x{n}xf32> {{
          %c = pk.matmul %a, %b : tensor<{n}x{n}x{dtype}>, tensor<{n}x{n}x{dtype}> -> tensor<{n}x{n}xf32>
          return %c : tensor<{n}x{n}xf32>
        }}
        """)


def attention_mlir(b, h, n, d, causal=False):
    t = f"tensor<{b}x{h}x{n}x{d}xf16>"
    c = " causal" if causal else ""
    return textwrap.dedent(f"""\
        func.func @attention(%q: {t}, %k: {t}, %v: {t}) -> {t} {{
          %o = pk.attention %q, %k, %v{c} : {t}, {t}, {t} -> {t}
          return %o : {t}
        }}
        """)


def run_pk(pk_run, text, runs, chip):
    with tempfile.NamedTemporaryFile("w", suffix=".mlir", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run(
            [pk_run, path, "--gpu", f"--gpu-chip={chip}", "--no-check",
             f"--bench={runs}", "--warmup=2"],
            capture_output=True, text=True, timeout=3600)
    finally:
        os.unlink(path)
    m = re.search(r"bench pk-gpu-pipeline: median ([0-9.]+) ms", out.stdout)
    if out.returncode != 0 or not m:
        sys.exit(f"pk-run failed ({out.returncode}):\n{out.stdout}{out.stderr}")
    return float(m.group(1))


def torch_timer(torch, fn, runs):
    for _ in range(2):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(runs):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pk-run", default=PK_RUN)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--chip", default="sm_90")
    parser.add_argument("--quick", action="store_true",
                        help="1024^3 GEMMs and N = 1024 attention")
    parser.add_argument("--causal", action="store_true",
                        help="also time causal attention")
    args = parser.parse_args()
    if not os.path.exists(args.pk_run):
        sys.exit(f"{args.pk_run} not found: run `make build` first")

    try:
        import torch
        if not torch.cuda.is_available():
            print("note: PyTorch has no CUDA device: pk figures only")
            torch = None
    except ImportError:
        print("note: PyTorch is not installed: pk figures only")
        torch = None
    if torch is not None:
        torch.backends.cuda.matmul.allow_tf32 = False
        print(f"device: {torch.cuda.get_device_name()}, torch {torch.__version__}")

    n = 1024 if args.quick else 4096
    na = 1024 if args.quick else 4096
    cases = []
    for name, dtype, tdtype in [("SGEMM", "f32", "float32"),
                                ("HGEMM (f16 in, f32 acc)", "f16", "float16")]:
        flops = 2 * n ** 3

        def peer(dtype=tdtype):
            a = torch.randn(n, n, device="cuda", dtype=getattr(torch, dtype))
            b = torch.randn(n, n, device="cuda", dtype=getattr(torch, dtype))
            return lambda: torch.matmul(a, b)
        cases.append((f"{name} {n}^3", gemm_mlir(n, dtype), peer, flops))
    for causal in (False, True) if args.causal else (False,):
        for d in (64, 128):
            b, h = 4, 16
            # Causal attention does half the work (FLOPs counted as done).
            flops = 4 * b * h * na * na * d // (2 if causal else 1)

            def peer(d=d, b=b, h=h, causal=causal):
                q, k, v = (torch.randn(b, h, na, d, device="cuda",
                                       dtype=torch.float16) for _ in range(3))
                return lambda: torch.nn.functional.scaled_dot_product_attention(
                    q, k, v, is_causal=causal)
            cases.append((f"attention b{b} h{h} N{na} d{d} f16"
                          + (" causal" if causal else ""),
                          attention_mlir(b, h, na, d, causal), peer, flops))

    rows = []
    for label, text, make_peer, flops in cases:
        pk_times, peer_times = [], []
        peer_fn = make_peer() if torch is not None else None
        for _ in range(args.rounds):
            if peer_fn is not None:
                peer_times.append(torch_timer(torch, peer_fn, args.runs))
            pk_times.append(run_pk(args.pk_run, text, args.runs, args.chip))
        pk_ms = statistics.median(pk_times)
        peer_ms = statistics.median(peer_times) if peer_times else None
        rows.append((label, pk_ms, peer_ms, flops))
        print(f"{label}: pk {pk_ms:.3f} ms"
              + (f", peer {peer_ms:.3f} ms, pk/peer throughput "
                 f"{peer_ms / pk_ms:.2f}x" if peer_ms else ""), flush=True)

    print()
    print("| kernel | pk ms | pk TFLOP/s | peer ms | peer TFLOP/s | pk vs peer |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, pk_ms, peer_ms, flops in rows:
        peer = (f"{peer_ms:.3f} | {flops / peer_ms * 1e-9:.1f} | "
                f"{peer_ms / pk_ms:.2f}x" if peer_ms else "- | - | -")
        print(f"| {label} | {pk_ms:.3f} | {flops / pk_ms * 1e-9:.1f} | {peer} |")


if __name__ == "__main__":
    main()
