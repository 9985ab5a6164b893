"""Result types from the ops' C++ inference (pkInferResultTypes), as the
Python builders use it, and its answers to bad requests."""

import pytest

import perfkernel
from perfkernel import pk


def infer(types, op_name, properties=None, count=None):
    """Runs pk.infer_result_types on arguments of `types` inside a kernel;
    returns the inferred types."""
    found = []

    def body(*args):
        operands = list(args if count is None else args[:count])
        found.extend(pk.infer_result_types(op_name, operands, properties))
        return args[0]

    pk.kernel(*types, name="probe")(body)
    return found


def test_infers_pk_and_upstream_ops():
    assert infer([pk.tensor(1, 3, 9, 9)], "pk.max_pool2d",
                 {"kernel": "array<i64: 3, 3>",
                  "padding": "array<i64: 1, 1, 1, 1>",
                  "strides": "array<i64: 2, 2>"}) == [pk.tensor(1, 3, 5, 5)]
    assert infer([pk.tensor(8, 5), pk.tensor(6, 5)], "pk.matmul",
                 {"transpose_rhs": True}) == [pk.tensor(8, 6)]
    assert infer([pk.tensor(4, 13)], "pk.quantize_rowwise",
                 {"bit_rate": "4 : i64"}) == [pk.tensor(4, 11, dtype="i8")]
    assert infer([pk.tensor(3, 11, dtype="i8")], "pk.dequantize_rowwise",
                 {"bit_rate": "4 : i64"}) == [pk.tensor(3, 14)]
    # Any registered op that infers, not only pk's.
    assert infer([pk.tensor(3, dtype="i32")] * 2, "arith.addi") == \
        [pk.tensor(3, dtype="i32")]


def test_builders_take_sizes_the_operands_leave_open():
    # 13 4-bit codes fill 7 bytes, then f16 scale and bias: 11 bytes, which
    # also hold 14 codes (the inferred default).
    @pk.kernel(pk.tensor(3, 11, dtype="i8"))
    def odd_width(q):
        return pk.dequantize_rowwise(q, bits=4, block_size=13)

    assert "-> tensor<3x13xf32>" in odd_width.mlir


@pytest.mark.parametrize("types,op_name,properties,count,message", [
    ([pk.tensor(4)], "pk.nope", None, None, "unknown operation 'pk.nope'"),
    ([pk.tensor(4)], "linalg.copy", None, None,
     "'linalg.copy' does not infer its result types"),
    ([pk.tensor(4)] * 2, "pk.sigmoid", None, None,
     "'pk.sigmoid' takes 1 operands, got 2"),
    ([pk.tensor(4)], "pk.matmul", None, None,
     "'pk.matmul' takes at least 2 operands, got 1"),
    ([pk.tensor(4)], "pk.softmax", {"axis": "0 : i64", "axes": "1 : i64"},
     None, "'pk.softmax' has no attribute 'axes'"),
    ([pk.tensor(4)], "pk.softmax", {"axis": '"x"'}, None,
     "attribute 'axis' failed to satisfy constraint"),
    ([pk.tensor(1, 2, 4, 4)], "pk.max_pool2d", None, None,
     "expects a kernel of 2 positive values [h, w]"),
    ([pk.tensor(2, 3)] * 2 + [pk.tensor(2, 12)], "pk.lstm_unit", None, None,
     "'pk.lstm_unit' needs operandSegmentSizes"),
    ([pk.tensor(2, 3)] * 2 + [pk.tensor(2, 12)], "pk.lstm_unit",
     {"operandSegmentSizes": "array<i32: 1, 1, 1, 1, 0>"}, None,
     "operandSegmentSizes add up to 4, got 3 operands"),
], ids=lambda v: v if isinstance(v, str) and v.startswith("pk.") else None)
def test_bad_requests_are_located_errors(types, op_name, properties, count,
                                         message):
    with pytest.raises(perfkernel.MLIRError) as info:
        infer(types, op_name, properties, count)
    assert f"Unable to infer the result types of {op_name}" in \
        str(info.value)
    (diag,) = info.value.error_diagnostics
    assert message in diag.message, diag.message
    assert diag.location.startswith(f'loc("{__file__}":'), diag.location
