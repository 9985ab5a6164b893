"""perfkernel.ir: parsing, printing, verification and diagnostics."""
import pytest

import perfkernel
from perfkernel import ir
from perfkernel._capi import lib, from_str_ref

MATMUL = """\
func.func @mm(%a: tensor<4x3xf32>, %b: tensor<5x3xf32>) -> tensor<4x5xf32> {
  %c = pk.matmul %a, %b transpose_rhs : tensor<4x3xf32>, tensor<5x3xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}
"""

OPS = """\
func.func @ops(%a: tensor<8x16xf32>, %q: tensor<2x8x4xf32>) -> (tensor<8x16xf32>, tensor<2x8x4xf32>) {
  %s = pk.sigmoid %a : tensor<8x16xf32>
  %t = pk.tanh %s : tensor<8x16xf32>
  %p = pk.softmax %t axis = 1 : tensor<8x16xf32>
  %o = pk.attention %q, %q, %q scale = 5.000000e-01 causal : tensor<2x8x4xf32>, tensor<2x8x4xf32>, tensor<2x8x4xf32> -> tensor<2x8x4xf32>
  return %p, %o : tensor<8x16xf32>, tensor<2x8x4xf32>
}
"""


def test_parse_print_round_trip():
    ctx = ir.Context()
    module = ir.Module.parse(OPS, ctx)
    text = str(module)
    assert "pk.softmax" in text and "axis = 1" in text
    assert "pk.attention" in text and "causal" in text
    assert str(ir.Module.parse(text, ctx)) == text


def test_generic_form_round_trip():
    with ir.Context():
        module = ir.Module.parse(OPS)
        generic = module.operation.get_asm(print_generic_op_form=True)
        assert '"pk.softmax"' in generic and '"func.func"' in generic
        assert str(ir.Module.parse(generic)) == str(module)


def test_context_manager_and_default_context():
    with ir.Context() as ctx:
        assert ir.Context.current() is ctx
        assert ir.Module.parse(MATMUL).context is ctx
    default = ir.Module.parse(MATMUL).context
    assert default is not ctx and default is ir.Context.current()


def test_operation_name_and_symbols():
    module = ir.Module.parse(MATMUL)
    assert module.operation.name == "builtin.module"
    func = module.operation.lookup_symbol("mm")
    assert func.name == "func.func"
    assert module.operation.lookup_symbol("nope") is None
    names = []
    module.operation.walk(lambda op: names.append(op.name))
    assert names == ["pk.matmul", "func.return", "func.func",
                     "builtin.module"]


def test_verify():
    module = ir.Module.parse(OPS)
    assert module.operation.verify() is True
    softmax = []
    module.operation.walk(
        lambda op: softmax.append(op) if op.name == "pk.softmax" else None)
    softmax[0].attributes["axis"] = ir.Attribute.parse("7 : i64")
    with pytest.raises(perfkernel.MLIRError) as info:
        module.operation.verify()
    assert "Verification failed" in str(info.value)
    (diag,) = info.value.error_diagnostics
    assert "axis 7" in diag.message
    assert diag.location.startswith("loc(")


def test_parse_error_carries_location():
    with pytest.raises(perfkernel.MLIRError) as info:
        ir.Module.parse("func.func @f() {\n  %x = pk.sigmoid\n}")
    err = info.value
    assert "Unable to parse module assembly" in str(err)
    assert err.error_diagnostics
    assert ":3:1" in err.error_diagnostics[0].location or \
        ":2:" in err.error_diagnostics[0].location


def test_verifier_error_at_parse():
    bad = """\
func.func @mm(%a: tensor<4x3xf32>, %b: tensor<2x5xf32>) -> tensor<4x5xf32> {
  %c = pk.matmul %a, %b : tensor<4x3xf32>, tensor<2x5xf32> -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}
"""
    with pytest.raises(perfkernel.MLIRError) as info:
        ir.Module.parse(bad)
    messages = [d.message for d in info.value.error_diagnostics]
    assert any("contraction dimension mismatch" in m for m in messages), \
        messages


def test_unknown_dialect_is_an_error_not_a_crash():
    with pytest.raises(perfkernel.MLIRError) as info:
        ir.Module.parse('"nodialect.op"() : () -> ()')
    assert "unregistered dialect" in str(info.value)


def test_dialect_handles():
    for name in ("pk", "sdfg"):
        handle = getattr(lib, f"mlirGetDialectHandle__{name}__")()
        assert from_str_ref(lib.mlirDialectHandleGetNamespace(handle)) == name


def test_sdfg_round_trip():
    text = """\
sdfg.sdfg @loop(%A: memref<64xf32>) entry @init symbols {i = i64} {
  sdfg.state @init {}
  sdfg.state @done {}
  sdfg.edge @init -> @done if "i >= 9"
}
"""
    module = ir.Module.parse(text)
    assert "sdfg.edge @init -> @done" in str(module)
    assert str(ir.Module.parse(str(module))) == str(module)


def test_type_and_attribute_parse_errors():
    assert str(ir.Type.parse("tensor<2x3xf32>")) == "tensor<2x3xf32>"
    with pytest.raises(perfkernel.MLIRError):
        ir.Type.parse("tensor<2x")
    with pytest.raises(perfkernel.MLIRError):
        ir.Attribute.parse("[1, ")
