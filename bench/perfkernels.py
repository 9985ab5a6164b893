#!/usr/bin/python3
"""pk perfkernels against PyTorch (bags, LSTM cell) and NumPy (the rest), side by side.

For each table width, element format and thread count, the same inputs go
to `pk-run --bench` (the kernel compiled by pk-cpu-pipeline) and to the
PyTorch peer, alternating over several rounds; the table reports the median
of each, the ratio (peer time / pk time: above 1 means pk is faster), and
the bytes each kernel must move as GB/s and as a share of the machine's
memory bandwidth (measured here with a large NumPy copy). pk's results are
also compared with PyTorch's on the benchmark data.

Needs Debian's python3-numpy and python3-torch (`apt-get install -y
python3-torch`) and a built pk-run (default: build/bin/pk-run).

    /usr/bin/python3 bench/perfkernels.py                    # the full workload
    /usr/bin/python3 bench/perfkernels.py --rows 100000 --rounds 1 --dims 64
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit("bench/perfkernels.py needs PyTorch: apt-get install -y python3-torch")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KERNEL = """\
func.func @bag(%t: tensor<{rows}x{cols}x{elt}>, %i: tensor<{n}xi64>, %off: tensor<{m1}xi64>)
    -> (tensor<{m}x{d}xf32>, tensor<i32> {{pk.status}}) {{
  %o, %s = pk.{op} %t[%i] offsets(%off : tensor<{m1}xi64>) {attrs}
      : tensor<{rows}x{cols}x{elt}>, tensor<{n}xi64> -> tensor<{m}x{d}xf32>, tensor<i32>
  return %o, %s : tensor<{m}x{d}xf32>, tensor<i32>
}}
"""


def memory_bandwidth(nbytes=256 << 20, runs=5):
    """GB/s of a large NumPy copy (bytes read + bytes written)."""
    src = np.ones(nbytes // 4, np.float32)
    dst = np.empty_like(src)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        np.copyto(dst, src)
        times.append(time.perf_counter() - t0)
    return 2 * nbytes / min(times) * 1e-9


def quantize_fused8(table):
    """caffe2 / fbgemm fused 8-bit rows: codes, f32 scale, f32 bias."""
    lo = table.min(1, keepdims=True)
    rng = table.max(1, keepdims=True) - lo
    scale = rng / 255.0
    inv = 255.0 / (rng + 1e-8)
    q = np.rint((table - lo) * inv).astype(np.uint8)  # round half to even
    return np.concatenate([q, scale.astype('<f4').view(np.uint8),
                           lo.astype('<f4').view(np.uint8)], 1)


def quantize_fused4(table):
    """Fused 4-bit rows: codes packed lowest bits first, f16 scale and bias."""
    lo = table.min(1, keepdims=True).astype(np.float16).astype(np.float32)
    rng = table.max(1, keepdims=True) - lo
    scale = np.where(rng == 0, 1.0, rng / 15.0).astype(np.float16)
    inv = 1.0 / scale.astype(np.float32)
    q = np.clip(np.rint((table - lo) * inv), 0, 15).astype(np.uint8)
    packed = q[:, 0::2] | (q[:, 1::2] << 4)
    return np.concatenate([packed, scale.astype('<f2').view(np.uint8),
                           lo.astype(np.float16).astype('<f2').view(np.uint8)], 1)


def run_pk(pk_run, kernel, inputs, threads, runs, recipe, output=None):
    cmd = [pk_run, kernel, "--input", ",".join(inputs), "--bench", str(runs),
           "--warmup", "2", "--num-threads", str(threads), "--no-check"]
    if recipe:
        cmd += ["--recipe", recipe]
    if output:
        cmd += ["--output", output]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"pk-run failed ({' '.join(cmd)}):\n{out.stdout}{out.stderr}")
    match = re.search(r"median ([0-9.]+) ms", out.stdout)
    return float(match.group(1)) * 1e-3


def time_call(fn, runs, warmup):
    """Median seconds of `runs` calls of fn() after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_torch(fn, threads, runs):
    torch.set_num_threads(threads)
    return time_call(fn, runs, warmup=2)


LSTM_KERNEL = """\
func.func @lstm(%h0: tensor<{n}x{d}xf32>, %c0: tensor<{n}x{d}xf32>, %x: tensor<{n}x{d4}xf32>)
    -> (tensor<{n}x{d}xf32>, tensor<{n}x{d}xf32>) {{
  %h, %c = pk.lstm_unit %h0, %c0, %x forget_bias = 1.0
      : tensor<{n}x{d}xf32>, tensor<{n}x{d4}xf32> -> tensor<{n}x{d}xf32>
  return %h, %c : tensor<{n}x{d}xf32>, tensor<{n}x{d}xf32>
}}
"""


def bench_lstm(args, tmp, rows):
    """pk.lstm_unit against the same elementwise cell written in PyTorch."""
    n, d = args.lstm_rows, args.lstm_units
    rng = np.random.default_rng(1)
    h0, c0 = (rng.standard_normal((n, d), dtype=np.float32) for _ in range(2))
    x = rng.standard_normal((n, 4 * d), dtype=np.float32)
    for name, a in (("h0", h0), ("c0", c0), ("x", x)):
        np.save(f"{tmp}/{name}.npy", a)
    kernel = f"{tmp}/lstm.mlir"
    with open(kernel, "w") as f:
        f.write(LSTM_KERNEL.format(n=n, d=d, d4=4 * d))
    inputs = [f"{tmp}/h0.npy", f"{tmp}/c0.npy", f"{tmp}/x.npy"]
    tc0, tx = torch.from_numpy(c0), torch.from_numpy(x)

    def peer():
        i, f, o, g = tx.chunk(4, 1)
        c = torch.sigmoid(f + 1.0) * tc0 + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c

    run_pk(args.pk_run, kernel, inputs, 1, 1, args.recipe, output=f"{tmp}/lstm-out")
    h, c = peer()
    agree = "yes" if (np.allclose(np.load(f"{tmp}/lstm-out0.npy"), h.numpy(), atol=1e-5)
                      and np.allclose(np.load(f"{tmp}/lstm-out1.npy"), c.numpy(), atol=1e-5)) else "NO"
    moved = n * d * 4 * (1 + 4 + 2)  # c_prev and the gates in, h and c out
    for threads in [int(t) for t in args.threads.split(",")]:
        pk_times, peer_times = [], []
        for _ in range(args.rounds):
            pk_times.append(run_pk(args.pk_run, kernel, inputs, threads, args.runs, args.recipe))
            peer_times.append(time_torch(peer, threads, args.runs))
        pk_t, peer_t = statistics.median(pk_times), statistics.median(peer_times)
        rows.append(("lstm_unit", d, threads, pk_t, f"torch elementwise cell (N={n})", peer_t, moved, agree))
        print(f"  lstm    D={d:<4} threads={threads}: pk {pk_t * 1e3:.3f} ms, peer {peer_t * 1e3:.3f} ms",
              flush=True)


REST_KERNELS = {
    "quantize 8-bit": """\
func.func @k(%x: tensor<{n}x{d}xf32>) -> tensor<{n}x{d8}xi8> {{
  %q = pk.quantize_rowwise %x bits = 8 : tensor<{n}x{d}xf32> -> tensor<{n}x{d8}xi8>
  return %q : tensor<{n}x{d8}xi8>
}}
""",
    "dequantize 8-bit": """\
func.func @k(%q: tensor<{n}x{d8}xi8>) -> tensor<{n}x{d}xf32> {{
  %x = pk.dequantize_rowwise %q bits = 8 : tensor<{n}x{d8}xi8> -> tensor<{n}x{d}xf32>
  return %x : tensor<{n}x{d}xf32>
}}
""",
    "axpy f16": """\
func.func @k(%x: tensor<{len}xf16>, %y: tensor<{len}xf32>) -> tensor<{len}xf32> {{
  %a = arith.constant dense<0.25> : tensor<f32>
  %r = pk.axpy %x, %y a(%a : tensor<f32>) : tensor<{len}xf16>, tensor<{len}xf32>
  return %r : tensor<{len}xf32>
}}
""",
    "box-cox": """\
func.func @k(%x: tensor<{n}x{d}xf32>, %l1: tensor<{d}xf32>, %l2: tensor<{d}xf32>) -> tensor<{n}x{d}xf32> {{
  %y = pk.box_cox %x, %l1, %l2 : tensor<{n}x{d}xf32>, tensor<{d}xf32>
  return %y : tensor<{n}x{d}xf32>
}}
""",
    # caffe2's in-place form: the table and the moments are memref arguments.
    "row-wise sparse adagrad": """\
func.func @k(%w: memref<{rows}x{d}xf32>, %h: memref<{rows}xf32>, %g: tensor<{m}x{d}xf32>,
             %i: tensor<{m}xi64>) -> (tensor<i32> {{pk.status}}) {{
  %wt = bufferization.to_tensor %w restrict writable : memref<{rows}x{d}xf32> to tensor<{rows}x{d}xf32>
  %ht = bufferization.to_tensor %h restrict writable : memref<{rows}xf32> to tensor<{rows}xf32>
  %lr = arith.constant dense<0.01> : tensor<f32>
  %w1, %h1, %s = pk.sparse_adagrad %wt, %ht, %g[%i] lr(%lr : tensor<f32>) epsilon = 1.0e-06
      : tensor<{rows}x{d}xf32>, tensor<{rows}xf32>, tensor<{m}x{d}xf32>, tensor<{m}xi64> -> tensor<i32>
  bufferization.materialize_in_destination %w1 in writable %w : (tensor<{rows}x{d}xf32>, memref<{rows}x{d}xf32>) -> ()
  bufferization.materialize_in_destination %h1 in writable %h : (tensor<{rows}xf32>, memref<{rows}xf32>) -> ()
  return %s : tensor<i32>
}}
""",
}


def time_numpy(fn, runs):
    return time_call(fn, runs, warmup=1)


def bench_rest(args, tmp, rows):
    """Row-wise (de)quantization, typed axpy, Box-Cox and row-wise sparse
    Adagrad against the same formulas in NumPy (single-threaded)."""
    # Adagrad updates m distinct rows: at most all of them.
    n, d, length, m = args.rest_rows, 64, args.rest_rows * 64, min(4096, args.rest_rows)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((n, d), dtype=np.float32)

    def quantize8(x):
        lo, hi = x.min(1), x.max(1)
        rng_ = hi - lo
        q = np.rint((x - lo[:, None]) * (np.float32(255) / (rng_ + np.float32(1e-8)))[:, None])
        out = np.empty((x.shape[0], x.shape[1] + 8), np.uint8)
        out[:, :-8] = q.astype(np.uint8)
        out[:, -8:-4] = (rng_ / np.float32(255)).astype(np.float32).view(np.uint8).reshape(-1, 4)
        out[:, -4:] = lo.view(np.uint8).reshape(-1, 4)
        return out

    def dequantize8(q):
        scale = q[:, -8:-4].copy().view(np.float32)
        bias = q[:, -4:].copy().view(np.float32)
        return q[:, :-8].astype(np.float32) * scale + bias

    q8 = quantize8(x)
    xh = rng.standard_normal(length).astype(np.float16)
    y = rng.standard_normal(length, dtype=np.float32)
    lam1 = np.tile(np.array([0.0, 0.5, -0.5, 2.0], np.float32), d // 4)
    lam2 = np.full(d, 1.5, np.float32)
    xb = np.abs(x)

    def box_cox(x):
        v = np.maximum(x + lam2, np.float32(1e-6))
        safe = np.where(lam1 == 0, np.float32(1), lam1)
        return np.where(lam1 == 0, np.log(v), (np.power(v, lam1) - 1) / safe)

    table = rng.standard_normal((n, d), dtype=np.float32)
    moments = rng.random(n, dtype=np.float32)
    grad = rng.standard_normal((m, d), dtype=np.float32)
    idx = rng.choice(n, m, replace=False).astype(np.int64)  # distinct rows

    def adagrad(w, h):
        h[idx] += (grad * grad).mean(1)
        w[idx] += np.float32(0.01) * grad / (np.sqrt(h[idx]) + np.float32(1e-6))[:, None]

    cases = [
        ("quantize 8-bit", [x], lambda: quantize8(x), x.nbytes + q8.nbytes,
         lambda out: np.abs(out[0].view(np.uint8)[:, :-8].astype(int) - q8[:, :-8]).max() <= 1),
        ("dequantize 8-bit", [q8.view(np.int8)], lambda: dequantize8(q8), q8.nbytes + x.nbytes,
         lambda out: np.allclose(out[0], dequantize8(q8), atol=1e-5)),
        ("axpy f16", [xh, y], lambda: y + np.float32(0.25) * xh.astype(np.float32), length * 10,
         lambda out: np.allclose(out[0], y + np.float32(0.25) * xh.astype(np.float32), atol=1e-6)),
        ("box-cox", [xb, lam1, lam2], lambda: box_cox(xb), 2 * xb.nbytes,
         lambda out: np.allclose(out[0], box_cox(xb), rtol=1e-4, atol=1e-4)),
        ("row-wise sparse adagrad", [table, moments, grad, idx],
         lambda: adagrad(table, moments), m * (2 * d * 4 + 8 + d * 4 + 8),
         None),
    ]
    wanted = [k.strip() for k in args.rest.split(",") if k.strip()]
    unknown = set(wanted) - {case[0] for case in cases}
    if unknown:
        sys.exit(f"--rest: unknown kernels {sorted(unknown)}; choose from "
                 f"{', '.join(case[0] for case in cases)}")
    for name, inputs, peer, moved, check in cases:
        if wanted and name not in wanted:
            continue
        kernel = f"{tmp}/rest.mlir"
        with open(kernel, "w") as f:
            f.write(REST_KERNELS[name].format(n=n, d=d, d8=d + 8, len=length, rows=n, m=m))
        paths = []
        for k, a in enumerate(inputs):
            paths.append(f"{tmp}/rest{k}.npy")
            np.save(paths[-1], a)
        agree = "n/a"
        if check:
            run_pk(args.pk_run, kernel, paths, 1, 1, "", output=f"{tmp}/rest-out")
            agree = "yes" if check([np.load(f"{tmp}/rest-out0.npy")]) else "NO"
        for threads in [int(t) for t in args.threads.split(",")]:
            pk_times, peer_times = [], []
            for _ in range(args.rounds):
                pk_times.append(run_pk(args.pk_run, kernel, paths, threads, args.runs, ""))
                peer_times.append(time_numpy(peer, args.runs))
            pk_t, peer_t = statistics.median(pk_times), statistics.median(peer_times)
            rows.append((name, d, threads, pk_t, "NumPy (1 thread)", peer_t, moved, agree))
            print(f"  {name:24} threads={threads}: pk {pk_t * 1e3:.3f} ms, NumPy {peer_t * 1e3:.3f} ms",
                  flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pk-run", default=os.path.join(ROOT, "build", "bin", "pk-run"))
    p.add_argument("--recipe", default=os.path.join(ROOT, "recipes", "perfkernels.mlir"),
                   help="schedule recipe passed to pk-run ('' for the default CPU recipe)")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--dims", default="64,128")
    p.add_argument("--bags", type=int, default=4096)
    p.add_argument("--per-bag", type=int, default=32)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--runs", type=int, default=20, help="timed runs per measurement")
    p.add_argument("--rounds", type=int, default=3, help="alternating pk/peer rounds")
    p.add_argument("--kinds", default="f32,f16,fused8,fused4", help="bag forms ('': none)")
    p.add_argument("--lstm-rows", type=int, default=4096, help="0 skips the LSTM cell")
    p.add_argument("--lstm-units", type=int, default=512)
    p.add_argument("--rest-rows", type=int, default=262144,
                   help="rows of 64 for the NumPy-peer kernels (0 skips them)")
    p.add_argument("--rest", default="",
                   help="comma-separated NumPy-peer kernels to run ('quantize 8-bit', "
                        "'row-wise sparse adagrad', ...; default: all)")
    args = p.parse_args()
    if args.rest_rows < 0:
        p.error("--rest-rows must be 0 (skip) or a positive row count")
    if not os.access(args.pk_run, os.X_OK):
        sys.exit(f"no pk-run at {args.pk_run}: build it first (make build) or pass --pk-run")

    bandwidth = memory_bandwidth()
    print(f"memory bandwidth (NumPy copy, read + write): {bandwidth:.1f} GB/s")
    print(f"pk: pk-cpu-pipeline, recipe {args.recipe or 'cpu.mlir (built in)'}")
    print(f"workload: {args.rows} rows, {args.bags} bags of {args.per_bag} random "
          f"indices, sum mode, offsets; PyTorch {torch.__version__}; "
          f"{args.runs} runs x {args.rounds} alternating rounds, medians\n")
    rng = np.random.default_rng(0)
    n = args.bags * args.per_bag
    indices = rng.integers(0, args.rows, n).astype(np.int64)
    offsets = (np.arange(args.bags + 1) * args.per_bag).astype(np.int64)
    ti, to = torch.from_numpy(indices), torch.from_numpy(offsets)

    rows = []
    with tempfile.TemporaryDirectory(prefix="pk-bench-") as tmp:
        np.save(f"{tmp}/indices.npy", indices)
        np.save(f"{tmp}/offsets.npy", offsets)
        for d in [int(x) for x in args.dims.split(",")]:
            table = rng.standard_normal((args.rows, d), dtype=np.float32)
            for kind in [k for k in args.kinds.split(",") if k]:
                if kind == "f32":
                    data, elt, op, attrs = table, "f32", "embedding_bag", ""
                    weight = torch.from_numpy(table)
                    peer = lambda w=weight: F.embedding_bag(ti, w, to, mode="sum", include_last_offset=True)
                    peer_name = "F.embedding_bag f32"
                elif kind == "f16":
                    data = table.astype(np.float16)
                    elt, op, attrs = "f16", "embedding_bag", ""
                    weight = torch.from_numpy(data)
                    peer = lambda w=weight: F.embedding_bag(ti, w, to, mode="sum", include_last_offset=True)
                    peer_name = "F.embedding_bag f16"
                elif kind == "fused8":
                    data = quantize_fused8(table)
                    elt, op, attrs = "i8", "fused_embedding_bag", "bits = 8"
                    weight = torch.from_numpy(data)
                    peer = lambda w=weight: torch.ops.quantized.embedding_bag_byte_rowwise_offsets(
                        w, ti, to, False, 0, False, None, None, True)
                    peer_name = "quantized byte_rowwise"
                else:
                    data = quantize_fused4(table)
                    elt, op, attrs = "i8", "fused_embedding_bag", "bits = 4"
                    weight = torch.from_numpy(data)
                    peer = lambda w=weight: torch.ops.quantized.embedding_bag_4bit_rowwise_offsets(
                        w, ti, to, False, 0, False, None, None, True)
                    peer_name = "quantized 4bit_rowwise"
                np.save(f"{tmp}/table.npy", data.view(np.int8) if elt == "i8" else data)
                kernel = f"{tmp}/bag.mlir"
                with open(kernel, "w") as f:
                    f.write(KERNEL.format(rows=args.rows, cols=data.shape[1], elt=elt, n=n,
                                          m=args.bags, m1=args.bags + 1, d=d, op=op, attrs=attrs))
                inputs = [f"{tmp}/table.npy", f"{tmp}/indices.npy", f"{tmp}/offsets.npy"]
                # Bytes a bag kernel must move: each gathered row and its
                # index, the offsets, the result.
                row_bytes = data.shape[1] * data.itemsize
                moved = n * (row_bytes + 8) + offsets.nbytes + args.bags * d * 4

                try:
                    expected = peer().numpy()
                except RuntimeError as e:  # e.g. no f16 CPU kernel in this PyTorch
                    expected, peer_error = None, str(e).splitlines()[0]
                run_pk(args.pk_run, kernel, inputs, 1, 1, args.recipe, output=f"{tmp}/out")
                got = np.load(f"{tmp}/out0.npy")
                status = int(np.load(f"{tmp}/out1.npy"))
                if status != 0:
                    sys.exit(f"pk status {status} on the benchmark inputs")
                agree = "n/a"
                if expected is not None:
                    tol = 1e-3 if kind == "f32" else 2e-2
                    agree = "yes" if np.allclose(got, expected, rtol=tol, atol=tol) else "NO"

                for threads in [int(x) for x in args.threads.split(",")]:
                    pk_times, peer_times = [], []
                    for _ in range(args.rounds):
                        pk_times.append(run_pk(args.pk_run, kernel, inputs, threads, args.runs, args.recipe))
                        if expected is not None:
                            peer_times.append(time_torch(peer, threads, args.runs))
                    pk_t = statistics.median(pk_times)
                    peer_t = statistics.median(peer_times) if peer_times else None
                    rows.append((kind, d, threads, pk_t, peer_name if expected is not None else
                                 f"{peer_name} ({peer_error})", peer_t, moved, agree))
                    print(f"  {kind:7} D={d:<4} threads={threads}: pk {pk_t * 1e3:.3f} ms"
                          + (f", peer {peer_t * 1e3:.3f} ms" if peer_t else ", peer n/a"), flush=True)

        if args.lstm_rows:
            bench_lstm(args, tmp, rows)
        if args.rest_rows:
            bench_rest(args, tmp, rows)

    print()
    print("| kernel | D | threads | pk ms | peer | peer ms | peer/pk | pk GB/s | pk % of bw | peer GB/s | same result |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for kind, d, threads, pk_t, peer_name, peer_t, moved, agree in rows:
        ratio = f"{peer_t / pk_t:.2f}x" if peer_t else "n/a"
        peer_ms = f"{peer_t * 1e3:.3f}" if peer_t else "n/a"
        peer_gbs = f"{moved / peer_t * 1e-9:.1f}" if peer_t else "n/a"
        label = f"{kind} bag" if kind in ("f32", "f16", "fused8", "fused4") else kind
        print(f"| {label} | {d} | {threads} | {pk_t * 1e3:.3f} | {peer_name} | {peer_ms} | {ratio} "
              f"| {moved / pk_t * 1e-9:.1f} | {100 * moved / pk_t * 1e-9 / bandwidth:.0f}% | {peer_gbs} | {agree} |")


if __name__ == "__main__":
    main()
