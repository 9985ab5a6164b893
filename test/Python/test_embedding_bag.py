"""pk.embedding_bag from Python, checked against a NumPy reference."""
import numpy as np
import pytest

import perfkernel
from perfkernel import pk
from reference import random


def embedding_bag_reference(table, indices, lengths, weights=None,
                            mean=False):
    out = np.zeros((len(lengths), table.shape[1]), np.float64)
    start = 0
    for m, n in enumerate(lengths):
        rows = indices[start:start + n]
        w = np.ones(n) if weights is None else weights[start:start + n]
        out[m] = (w[:, None] * table[rows]).sum(axis=0)
        if mean and n:
            out[m] /= n
        start += n
    return out


@pytest.mark.parametrize("target", ["cpu", "reference"])
@pytest.mark.parametrize("weighted,mean", [(False, False), (True, True)])
def test_embedding_bag_lengths(target, weighted, mean):
    lengths = np.array([3, 0, 5, 4], np.int32)
    n = int(lengths.sum())
    types = [pk.tensor(50, 8), pk.tensor(n, dtype="i64"),
             pk.tensor(4, dtype="i32")] + \
        ([pk.tensor(n)] if weighted else [])

    @pk.kernel(*types)
    def bag(table, indices, lens, *w):
        return pk.embedding_bag(table, indices, lengths=lens,
                                weights=w[0] if w else None, mean=mean)

    assert "pk.embedding_bag" in bag.mlir
    table = random((50, 8))
    indices = np.random.default_rng(3).integers(0, 50, n).astype(np.int64)
    weights = random(n, seed=4)
    args = [table, indices, lengths] + ([weights] if weighted else [])
    out, status = bag.compile(target=target)(*args)
    assert status.shape == () and status.item() == 0
    ref = embedding_bag_reference(table, indices, lengths,
                                  weights if weighted else None, mean)
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6)
    assert not out[1].any()  # the empty bag


def test_embedding_bag_offsets_and_bad_index():
    @pk.kernel(pk.tensor(10, 4), pk.tensor(6, dtype="i32"),
               pk.tensor(3, dtype="i32"))
    def bag(table, indices, offsets):
        return pk.embedding_bag(table, indices, offsets=offsets)

    table = np.arange(40, dtype=np.float32).reshape(10, 4)
    out, status = bag(table, np.array([0, 1, 2, 3, 4, 9], np.int32),
                      np.array([0, 2, 6], np.int32))
    assert status.item() == 0
    assert out.tolist() == [(table[0] + table[1]).tolist(),
                            table[[2, 3, 4, 9]].sum(axis=0).tolist()]
    # An index outside the table contributes nothing and sets status bit 1.
    out, status = bag(table, np.array([0, 1, 2, 3, 4, 10], np.int32),
                      np.array([0, 2, 6], np.int32))
    assert status.item() & 1
    assert out[1].tolist() == table[[2, 3, 4]].sum(axis=0).tolist()


def test_embedding_bag_builder_errors():
    with pytest.raises(ValueError, match="exactly one of lengths and offsets"):
        @pk.kernel(pk.tensor(10, 4), pk.tensor(6, dtype="i32"))
        def neither(table, indices):
            return pk.embedding_bag(table, indices)
    with pytest.raises(perfkernel.MLIRError):
        @pk.kernel(pk.tensor(10, 4), pk.tensor(6, dtype="f32"),
                   pk.tensor(3, dtype="i32"))
        def float_indices(table, indices, lengths):
            return pk.embedding_bag(table, indices, lengths=lengths)
