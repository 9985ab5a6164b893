"""pk builders for the DNN layers and caffe2 perfkernels: the emitted op,
the compiled kernel against a NumPy reference (reference.py), and errors."""
import numpy as np
import pytest

import perfkernel
from perfkernel import pk
import reference as ref
from reference import random

f32 = np.float32


def nchw(x):
    return x.transpose(0, 3, 1, 2)


def nhwc(x):
    return x.transpose(0, 2, 3, 1)


def close(got, want, rtol=1e-5, atol=1e-5):
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


# DNN layers.
def test_conv2d_nchw_strided_padded_dilated_bias_relu():
    @pk.kernel(pk.tensor(2, 3, 7, 8), pk.tensor(4, 3, 3, 2), pk.tensor(4))
    def conv(x, w, b):
        return pk.conv2d(x, w, bias=b, strides=(2, 1), padding=(1, 0),
                         dilations=(1, 2), activation="relu")

    # oh = (7 + 2 - 3) // 2 + 1 = 4, ow = (8 - 3) // 1 + 1 = 6.
    assert 'pk.conv2d %arg0, %arg1 bias(%arg2 : tensor<4xf32>) {activation' \
        ' = "relu", dilations = array<i64: 1, 2>, padding = array<i64: 1, 0,' \
        ' 1, 0>, strides = array<i64: 2, 1>} : tensor<2x3x7x8xf32>, ' \
        'tensor<4x3x3x2xf32> -> tensor<2x4x4x6xf32>' in conv.mlir
    x, w, b = random((2, 3, 7, 8)), random((4, 3, 3, 2), seed=1), \
        random(4, seed=2)
    want = np.maximum(ref.conv2d(x, w, b, (2, 1), (1, 0, 1, 0), (1, 2)), 0)
    close(conv(x, w, b), want)


def test_conv2d_nhwc_grouped_clip():
    @pk.kernel(pk.tensor(1, 6, 5, 4), pk.tensor(3, 3, 2, 6))
    def conv(x, w):
        return pk.conv2d(x, w, nhwc=True, groups=2, padding=1, clip=(-.5, .5))

    text = conv.mlir
    assert "pk.conv2d %arg0, %arg1 nhwc {activation = \"clip\", clip = " \
        "array<f32: -5.000000e-01, 5.000000e-01>, groups = 2 : i64, " \
        "padding = array<i64: 1, 1, 1, 1>}" in text
    assert "-> tensor<1x6x5x6xf32>" in text
    x, w = random((1, 6, 5, 4)), random((3, 3, 2, 6), seed=1)
    want = ref.conv2d(nchw(x), w.transpose(3, 2, 0, 1), None, (1, 1),
                      (1, 1, 1, 1), (1, 1), groups=2)
    close(conv(x, w), np.clip(nhwc(want), -.5, .5))


def test_conv2d_f16_to_f32_and_matmul_epilogue():
    @pk.kernel(pk.tensor(1, 2, 5, 5, dtype="f16"),
               pk.tensor(3, 2, 2, 2, dtype="f16"), pk.tensor(3),
               pk.tensor(6, 5), pk.tensor(5, 3))
    def layers(x, w, b, a, m):
        y = pk.conv2d(x, w, bias=b, dtype="f32", activation="tanh")
        z = pk.matmul(a, m, bias=b, activation="sigmoid")
        return y, z, pk.matmul(a, m, bias=b, clip=(0.0, 0.25))

    assert "-> tensor<1x3x4x4xf32>" in layers.mlir
    assert 'pk.matmul %arg3, %arg4 bias(%arg2 : tensor<3xf32>) {activation ' \
        '= "sigmoid"}' in layers.mlir
    x = random((1, 2, 5, 5), np.float16)
    w = random((3, 2, 2, 2), np.float16, 1)
    b, a, m = random(3, seed=2), random((6, 5), seed=3), random((5, 3), seed=4)
    y, z, c = layers(x, w, b, a, m)
    close(y, np.tanh(ref.conv2d(x, w, b)), rtol=1e-3, atol=1e-3)
    mm = a.astype(np.float64) @ m + b
    close(z, 1 / (1 + np.exp(-mm)))
    close(c, np.clip(mm, 0, 0.25))


def test_batch_norm_nchw_nhwc():
    p = pk.tensor(3)

    @pk.kernel(pk.tensor(2, 3, 4, 5), pk.tensor(2, 4, 5, 3), p, p, p, p)
    def bn(x, y, scale, bias, mean, var):
        return (pk.batch_norm(x, scale, bias, mean, var, epsilon=1e-3),
                pk.batch_norm(y, scale, bias, mean, var, nhwc=True))

    assert "pk.batch_norm %arg0, %arg2, %arg3, %arg4, %arg5 {epsilon = " \
        "1.000000e-03 : f32} : tensor<2x3x4x5xf32>, tensor<3xf32>" in bn.mlir
    assert "pk.batch_norm %arg1, %arg2, %arg3, %arg4, %arg5 nhwc" in bn.mlir
    x, y = random((2, 3, 4, 5)), random((2, 4, 5, 3), seed=1)
    scale, bias, mean = (random(3, seed=s) for s in (2, 3, 4))
    var = random(3, seed=5) + 1.5
    got_x, got_y = bn(x, y, scale, bias, mean, var)
    close(got_x, ref.batch_norm(x, scale, bias, mean, var, 1e-3))
    close(got_y, ref.batch_norm(y, scale, bias, mean, var, 1e-5, axis=3))


def test_pools():
    @pk.kernel(pk.tensor(2, 3, 7, 6), pk.tensor(1, 5, 6, 2))
    def pools(x, y):
        return (pk.max_pool2d(x, 2),
                pk.max_pool2d(x, 3, strides=2, padding=1, dilations=(1, 2)),
                pk.avg_pool2d(x, (3, 2), strides=1, padding=(1, 1, 2, 0)),
                pk.avg_pool2d(y, 3, strides=(2, 1), padding=1, nhwc=True,
                              exclude_padding=True))

    text = pools.mlir
    assert "pk.max_pool2d %arg0 {kernel = array<i64: 2, 2>} : " \
        "tensor<2x3x7x6xf32> -> tensor<2x3x3x3xf32>" in text
    assert "{dilations = array<i64: 1, 2>, kernel = array<i64: 3, 3>, " \
        "padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}" in text
    assert "pk.avg_pool2d %arg1 nhwc exclude_padding {kernel = " in text
    x, y = random((2, 3, 7, 6)), random((1, 5, 6, 2), seed=1)
    got = pools(x, y)
    close(got[0], ref.pool2d(x, (2, 2)))
    close(got[1], ref.pool2d(x, (3, 3), (2, 2), (1, 1, 1, 1), (1, 2)))
    close(got[2], ref.pool2d(x, (3, 2), (1, 1), (1, 1, 2, 0), mode="avg"))
    close(got[3], nhwc(ref.pool2d(nchw(y), (3, 3), (2, 1), (1, 1, 1, 1),
                                  mode="avg", exclude_padding=True)))


# caffe2 perfkernels.
def quantize_input():
    rng = np.random.default_rng(5)
    x = (rng.standard_normal((6, 13)) * rng.uniform(0.01, 10, (6, 1))) \
        .astype(f32)
    x[2] = -0.75            # a flat row
    x[4, ::3] = x[4].min()  # a repeated minimum
    return x


def test_quantize_rowwise_bytes_and_dequantize():
    @pk.kernel(pk.tensor(6, 13))
    def quantize(x):
        q8, q4, q2 = (pk.quantize_rowwise(x, bits=b) for b in (8, 4, 2))
        return q8, q4, q2, pk.dequantize_rowwise(q4, bits=4, block_size=13)

    text = quantize.mlir
    assert "pk.quantize_rowwise %arg0 bits = 8 : tensor<6x13xf32> -> " \
        "tensor<6x21xi8>" in text
    assert "bits = 4 : tensor<6x13xf32> -> tensor<6x11xi8>" in text
    assert "bits = 2 : tensor<6x13xf32> -> tensor<6x8xi8>" in text
    assert "pk.dequantize_rowwise %1 bits = 4 : tensor<6x11xi8> -> " \
        "tensor<6x13xf32>" in text
    x = quantize_input()
    q8, q4, q2, back = quantize(x)
    for bits, got in ((8, q8), (4, q4), (2, q2)):
        want = ref.quantize_rowwise(x, bits)
        assert got.shape == want.shape
        bad = np.argwhere(got.view(np.uint8) != want)
        assert len(bad) == 0, f"{bits} bits: {len(bad)} bytes differ"
    close(back, ref.dequantize_rowwise(q4, 4, 13), rtol=1e-6, atol=1e-6)
    half_step = q4[:, 7:9].copy().view("<f2").astype(np.float64) / 2
    assert (np.abs(back - x) <= half_step * 1.001 + 1e-6).all()


def test_dequantize_rowwise_default_block_size():
    @pk.kernel(pk.tensor(3, 12, dtype="i8"), pk.tensor(2, 7, dtype="i8"))
    def dequantize(q8, q2):
        return (pk.dequantize_rowwise(q8),
                pk.dequantize_rowwise(q2, bits=2))

    assert "tensor<3x12xi8> -> tensor<3x4xf32>" in dequantize.mlir
    assert "tensor<2x7xi8> -> tensor<2x12xf32>" in dequantize.mlir
    rng = np.random.default_rng(2)
    q8 = np.concatenate([rng.integers(0, 256, (3, 4), dtype=np.uint8),
                         np.array([[0.5, -1], [0.25, 2], [2, 0]], "<f4")
                         .view(np.uint8)], 1)
    q2 = np.concatenate([rng.integers(0, 256, (2, 3), dtype=np.uint8),
                         np.array([[0.5, -1], [0.125, 3]], "<f2")
                         .view(np.uint8)], 1)
    got8, got2 = dequantize(q8, q2)
    close(got8, ref.dequantize_rowwise(q8, 8, 4), rtol=1e-6, atol=0)
    close(got2, ref.dequantize_rowwise(q2, 2, 12), rtol=1e-6, atol=0)


def test_lstm_unit():
    state, gates = pk.tensor(4, 3), pk.tensor(4, 12)

    @pk.kernel(state, state, gates, pk.tensor(4, dtype="i32"),
               pk.tensor((), dtype="i32"))
    def lstm(h, c, g, lengths, t):
        return pk.lstm_unit(h, c, g, forget_bias=1.0) + pk.lstm_unit(
            h, c, g, seq_lengths=lengths, timestep=t, drop_states=True)

    assert "pk.lstm_unit %arg0, %arg1, %arg2 forget_bias = 1.000000e+00 :" \
        " tensor<4x3xf32>, tensor<4x12xf32> -> tensor<4x3xf32>" in lstm.mlir
    assert "seq_lengths(%arg3 : tensor<4xi32>) timestep(%arg4 : tensor<i32>)" \
        " drop_states" in lstm.mlir
    h, c, g = random((4, 3)), random((4, 3), seed=1), random((4, 12), seed=2)
    lengths, t = np.array([0, 2, 3, 5], np.int32), np.array(2, np.int32)
    got = lstm(h, c, g, lengths, t)
    want = ref.lstm_unit(h, c, g, 1.0) + ref.lstm_unit(
        h, c, g, 0.0, lengths, 2, True)
    for a, b in zip(got, want):
        close(a, b)
    assert not got[2][:2].any() and got[2][2:].all()  # rows 0, 1 dropped


def test_adagrad():
    t = pk.tensor(5, 7)

    @pk.kernel(t, t, t, pk.tensor(()))
    def step(w, h, g, lr):
        return pk.adagrad(w, h, g, lr, epsilon=1e-6, decay=0.9,
                          weight_decay=0.125)

    assert "lr(%arg3 : tensor<f32>) epsilon = 9.99999997E-7 decay = " \
        "0.899999976 weight_decay = 1.250000e-01" in step.mlir
    w, g = random((5, 7)), random((5, 7), seed=1)
    h = random((5, 7), seed=2) + 1
    nw, nh = step(w, h, g, np.array(0.25, f32))
    want_w, want_h = ref.adagrad(w, h, g, 0.25, 1e-6, 0.9, 0.125)
    close(nw, want_w)
    close(nh, want_h)


def test_sparse_adagrad_elementwise_rowwise_and_status():
    idx_type = pk.tensor(4, dtype="i64")

    # Separate index tensors, so each status reports on its own indices
    # (test_results_merged_by_cse covers one shared tensor).
    @pk.kernel(pk.tensor(8, 3), pk.tensor(8, 3), pk.tensor(8, 3),
               pk.tensor(8), pk.tensor(4, 3), idx_type, idx_type,
               pk.tensor(()))
    def step(w1, h1, w2, h2, g, idx1, idx2, lr):
        return pk.sparse_adagrad(w1, h1, g, idx1, lr, weight_decay=0.5) + \
            pk.sparse_adagrad(w2, h2, g, idx2, lr, epsilon=1e-3)

    assert "pk.sparse_adagrad %arg2, %arg3, %arg4[%arg6] lr(%arg7 : " \
        "tensor<f32>) epsilon = 1.000000e-03 : tensor<8x3xf32>, " \
        "tensor<8xf32>, tensor<4x3xf32>, tensor<4xi64> -> tensor<i32>" \
        in step.mlir
    w1, w2, g = random((8, 3)), random((8, 3), seed=1), random((4, 3), seed=2)
    h1, h2 = random((8, 3), seed=3) + 1, random(8, seed=4) + 1
    idx, lr = np.array([6, 1, 6, 3], np.int64), np.array(0.5, f32)
    got = step(w1, h1, w2, h2, g, idx, idx, lr)
    want = ref.sparse_adagrad(w1, h1, g, idx, 0.5, weight_decay=0.5) + \
        ref.sparse_adagrad(w2, h2, g, idx, 0.5, 1e-3)
    for i in (0, 1, 3, 4):
        close(got[i], want[i - i // 3])
    assert got[2].item() == 0 and got[5].item() == 0
    # An index outside the rows is skipped and reported.
    idx[1] = 8
    got = step(w1, h1, w2, h2, g, idx, idx, lr)
    assert got[2].item() == 1 and got[5].item() == 1
    np.testing.assert_array_equal(got[0][1], w1[1])


def test_axpy():
    shape = (3, 5)

    @pk.kernel(pk.tensor(shape), pk.tensor(shape, dtype="f16"),
               pk.tensor(shape, dtype="i8"), pk.tensor(shape), pk.tensor(()))
    def axpy(x32, x16, codes, y, a):
        return pk.axpy(x32, y, a), pk.axpy(x16, y, a), pk.axpy(codes, y, a)

    assert "pk.axpy %arg2, %arg3 a(%arg4 : tensor<f32>) : tensor<3x5xi8>, " \
        "tensor<3x5xf32>" in axpy.mlir
    x32, x16 = random(shape), random(shape, np.float16, 1)
    codes = np.random.default_rng(2).integers(0, 256, shape, dtype=np.uint8)
    y, a = random(shape, seed=3), np.array(-1.5, f32)
    got = axpy(x32, x16, codes, y, a)
    for g, x in zip(got, (x32, x16, codes)):
        close(g, -1.5 * x.astype(np.float64) + y)
    assert codes.max() > 127  # so a signed read of the codes would fail


def test_box_cox():
    @pk.kernel(pk.tensor(4, 3), pk.tensor(3), pk.tensor(3),
               pk.tensor(4, 3, dtype="f64"), pk.tensor(3, dtype="f64"))
    def box_cox(x, l1, l2, x64, l64):
        return pk.box_cox(x, l1, l2), pk.box_cox(x64, l64, l64)

    assert "pk.box_cox %arg0, %arg1, %arg2 : tensor<4x3xf32>, tensor<3xf32>" \
        in box_cox.mlir
    x = np.abs(random((4, 3))) + 0.1
    x[1, 2] = -5.0  # below -lambda2: the 1e-6 guard
    l1, l2 = np.array([0, 0.5, -1.25], f32), np.array([0.5, 0, 1], f32)
    x64, l64 = x.astype(np.float64), np.array([0.0, 0.25, 2.0])
    got, got64 = box_cox(x, l1, l2, x64, l64)
    close(got, ref.box_cox(x, l1, l2))
    close(got64, ref.box_cox(x64, l64, l64), rtol=1e-12, atol=1e-12)


def test_quantize_and_compress_bytes_and_round_trip():
    @pk.kernel(pk.tensor(13))
    def compress(x):
        out = []
        for bits in (1, 2, 4, 8):
            q = pk.quantize_and_compress(x, bits=bits)
            out += [q, *pk.decompress_and_dequantize(q, bits=bits, size=13)]
        return tuple(out)

    text = compress.mlir
    assert "pk.quantize_and_compress %arg0 bits = 1 : tensor<13xf32> -> " \
        "tensor<12xi8>" in text
    assert "pk.decompress_and_dequantize %0 bits = 1 : tensor<12xi8> -> " \
        "tensor<13xf32>, tensor<i32>" in text
    assert "bits = 4 : tensor<13xf32> -> tensor<17xi8>" in text
    x = random(13, seed=9) * 3
    got = compress(x)
    for k, bits in enumerate((1, 2, 4, 8)):
        q, back, status = got[3 * k:3 * k + 3]
        want = ref.quantize_and_compress(x, bits)
        assert q.shape == want.shape
        bad = np.argwhere(q.view(np.uint8) != want)
        assert len(bad) == 0, f"{bits} bits: {len(bad)} bytes differ"
        assert status.item() == 0
        close(back, ref.decompress_and_dequantize(want, bits, 13), rtol=1e-6,
              atol=1e-6)
        step = (x.max() - x.min()) / (2 ** bits - 1)
        assert np.abs(back - x).max() <= step / 2 * 1.001


def test_decompress_default_size_and_bad_header():
    @pk.kernel(pk.tensor(12, dtype="i8"))
    def decompress(q):
        return pk.decompress_and_dequantize(q, bits=4)

    assert "tensor<12xi8> -> tensor<4xf32>, tensor<i32>" in decompress.mlir
    header = np.concatenate([np.array([4, 0], np.uint8),
                             np.array([-1, 14], "<f4").view(np.uint8)])
    q = np.concatenate([header, np.array([0x21, 0xF3], np.uint8)])
    values, status = decompress(q)
    assert status.item() == 0
    close(values, ref.decompress_and_dequantize(q, 4, 4), rtol=1e-6, atol=0)
    # Codes 1, 3 (low bits: segment 0), 2, 15 (high bits: segment 1).
    close(values, np.array([0, 2, 1, 14.0]), rtol=1e-6, atol=0)
    q[0] = 2  # a bitwidth that disagrees with bits = 4
    assert decompress(q)[1].item() == 1


# Errors.
T = pk.tensor
IMAGE, FILTER = T(1, 4, 6, 6), T(4, 4, 3, 3)
LR = T((), dtype="f32")


@pytest.mark.parametrize("types,body,error,match", [
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, bias=np.zeros(4)),
     TypeError, "must be pk.Value"),
    ([T(2, 3), T(2, 3), T(2, 12), T(2, dtype="i32")],
     lambda h, c, g, n: pk.lstm_unit(h, c, g, seq_lengths=n), ValueError,
     "together"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_builder_detected_errors(types, body, error, match):
    with pytest.raises(error, match=match):
        pk.kernel(*types, name="bad")(body)


@pytest.mark.parametrize("types,body,message", [
    ([T(4, 6, 6), FILTER], lambda x, w: pk.conv2d(x, w),
     "expects an NCHW input of rank 4, got 'tensor<4x6x6xf32>'"),
    ([IMAGE, T(4, 4, 3)], lambda x, w: pk.conv2d(x, w),
     "expects an FCHW filter of rank 4, got 'tensor<4x4x3xf32>'"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, strides=0),
     "expects strides of 2 positive values [h, w]"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, padding=(1, 2, 3)),
     "expects padding of 4 non-negative values [top, left, bottom, right]"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, dilations=4),
     "does not fit the padded 6x6 input"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, activation="gelu"),
     "attribute 'activation' failed to satisfy constraint"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, activation="clip"),
     'activation "clip" needs clip'),
    ([T(4, 4), T(4, 4)],
     lambda a, b: pk.matmul(a, b, activation="relu", clip=(0, 1)),
     'clip bounds given without activation "clip"'),
    ([IMAGE], lambda x: pk.max_pool2d(x, (0, 2)),
     "expects a kernel of 2 positive values [h, w]"),
    ([IMAGE], lambda x: pk.avg_pool2d(x, 2, nhwc=True, strides=(1, 1, 1)),
     "expects strides of 2 positive values [h, w]"),
    ([T(4, 8)], lambda x: pk.quantize_rowwise(x, bits=3),
     "attribute 'bit_rate' failed to satisfy constraint: 64-bit signless "
     "integer attribute whose value is one of {2, 4, 8}"),
    ([T(8)], lambda x: pk.quantize_rowwise(x),
     "expects a static rank-2 input (rows x block_size)"),
    ([T(4, 6, dtype="i8")], lambda q: pk.dequantize_rowwise(q),
     "rows of 6 bytes cannot hold the 8 bytes of scale and bias"),
    ([T(2, 3), T(2, 3), T(2, 12)],
     lambda h, c, g: pk.lstm_unit(h, c, g, drop_states=True),
     "'drop_states' needs 'seq_lengths'"),
    ([T(2, 8)], lambda x: pk.quantize_and_compress(x, bits=4),
     "expects a static rank-1 input, got 'tensor<2x8xf32>'"),
    ([T(8)], lambda x: pk.quantize_and_compress(x, bits=16),
     "whose value is one of {1, 2, 4, 8}"),
    ([T(10, dtype="i8")], lambda q: pk.decompress_and_dequantize(q),
     "expects more than the 10 header bytes, got 10"),
    ([IMAGE, T(6, 4, 3, 3)], lambda x, w: pk.conv2d(x, w, groups=3),
     "are not divisible by groups (3)"),
    ([IMAGE, T(4, 2, 3, 3)], lambda x, w: pk.conv2d(x, w),
     "filter expects 2 input channels per group"),
    ([IMAGE, FILTER], lambda x, w: pk.conv2d(x, w, clip=(1, 0)),
     "expects clip of 2 values [lo, hi] with lo <= hi"),
    ([IMAGE, FILTER, T(3)], lambda x, w, b: pk.conv2d(x, w, bias=b),
     "expects a bias of shape [4]"),
    ([IMAGE, T(3)], lambda x, p: pk.batch_norm(x, p, p, p, p),
     "expects scale, bias, mean and variance of shape [4]"),
    ([IMAGE, T(4)], lambda x, p: pk.batch_norm(x, p, p, p, p, epsilon=-1),
     "expects a non-negative epsilon"),
    ([IMAGE], lambda x: pk.max_pool2d(x, 2, padding=2),
     "expects padding smaller than the kernel"),
    ([T(3, 11, dtype="i8")],
     lambda q: pk.dequantize_rowwise(q, bits=4, block_size=10),
     "expects fused rows of 9 bytes for block_size 10 at 4 bits"),
    ([T(4, 8, dtype="f16")], lambda x: pk.quantize_rowwise(x),
     "operand #0 must be statically shaped 2D tensor of 32-bit float values"),
    ([T(2, 3), T(2, 3), T(2, 9)], lambda h, c, g: pk.lstm_unit(h, c, g),
     "expects gates of shape 2x12"),
    ([T(2, 3), T(2, 3), T(3, 2), LR],
     lambda w, h, g, lr: pk.adagrad(w, h, g, lr),
     "expects grad of the param shape"),
    ([T(8, 3), T(3), T(2, 3), T(2, dtype="i32"), LR],
     lambda w, h, g, i, lr: pk.sparse_adagrad(w, h, g, i, lr),
     "expects moment of shape 8x3 (element-wise) or 8 (row-wise)"),
    ([T(4), T(5), LR], lambda x, y, a: pk.axpy(x, y, a),
     "expects x of the y shape"),
    ([T(4, 3), T(4), T(4)], lambda x, a, b: pk.box_cox(x, a, b),
     "expects one lambda per column (3)"),
    ([T(17, dtype="i8")],
     lambda q: pk.decompress_and_dequantize(q, bits=4, size=5),
     "expects 13 compressed bytes"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_verifier_errors(types, body, message):
    with pytest.raises(perfkernel.MLIRError) as info:
        pk.kernel(*types, name="bad")(body)
    assert any(message in d.message for d in info.value.error_diagnostics), \
        [d.message for d in info.value.error_diagnostics]


def test_results_merged_by_cse():
    # Two sparse Adagrad steps on the same indices: CSE merges their status
    # computations, so the kernel returns one tensor twice (this crashed the
    # pipelines' out-parameter promotion); both results hold the status.
    @pk.kernel(pk.tensor(8, 3), pk.tensor(8), pk.tensor(4, 3),
               pk.tensor(4, dtype="i64"), pk.tensor(()))
    def step(w, h, g, idx, lr):
        _, _, s1 = pk.sparse_adagrad(w, h, g, idx, lr)
        _, _, s2 = pk.sparse_adagrad(w, h, g, idx, lr)
        y = pk.sigmoid(w)
        return s1, s2, y, y

    w, h, g = random((8, 3)), np.abs(random(8, seed=1)), random((4, 3), seed=2)
    lr = np.array(0.1, np.float32)
    ok, ok2, y1, y2 = step(w, h, g, np.array([1, 3, 5, 7]), lr)
    assert int(ok) == 0 and int(ok2) == 0
    bad, bad2, _, _ = step(w, h, g, np.array([1, 3, 5, 8]), lr)
    assert int(bad) == 1 and int(bad2) == 1
    np.testing.assert_allclose(y1, 1 / (1 + np.exp(-w)), rtol=1e-5)
    np.testing.assert_array_equal(y1, y2)
