"""The NumPy interpreter of DaCe SDFG JSON (the oracle of pk's importer),
on tiny hand-written SDFGs whose results are known.

It lives in test/Integration/Inputs/sdfg_interpreter.py and needs nothing
of pk (no C API), only NumPy.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

INPUTS = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "Integration", "Inputs")
sys.path.insert(0, INPUTS)
import sdfg_interpreter as si  # noqa: E402

INTERPRETER = os.path.join(INPUTS, "sdfg_interpreter.py")


# -- builders of DaCe 1.0 JSON (properties at their defaults left out) ------

def rng(*dims):
    """A Range; each dimension "i" (one index) or (start, end[, step])."""
    out = []
    for d in dims:
        if isinstance(d, str):
            d = (d, d)
        start, end, step = (list(d) + ["1"])[:3]
        out.append({"start": start, "end": end, "step": step, "tile": "1"})
    return {"type": "Range", "ranges": out}


def memlet(data=None, subset=None, wcr=None, other=None):
    attrs = {}
    if data is not None:
        attrs.update(data=data, subset=subset)
    if wcr:
        attrs["wcr"] = wcr
    if other:
        attrs["other_subset"] = other
    return {"type": "Memlet", "attributes": attrs}


def array(shape, dtype="float64", transient=False, strides=None):
    attrs = {"shape": [str(s) for s in shape], "dtype": dtype}
    if strides:
        attrs["strides"] = [str(s) for s in strides]
    if transient:
        attrs["transient"] = True
    return {"type": "Array", "attributes": attrs}


def scalar(dtype="float64", transient=False):
    attrs = {"shape": ["1"], "dtype": dtype}
    if transient:
        attrs["transient"] = True
    return {"type": "Scalar", "attributes": attrs}


def access(i, data):
    return {"type": "AccessNode", "id": i, "label": data,
            "attributes": {"data": data}, "scope_entry": None}


def tasklet(i, code, ins=(), outs=(), scope=None):
    return {"type": "Tasklet", "id": i, "label": f"t{i}",
            "attributes": {"code": {"string_data": code,
                                    "language": "Python"},
                           "in_connectors": {c: None for c in ins},
                           "out_connectors": {c: None for c in outs}},
            "scope_entry": scope}


def map_nodes(entry, exit, params, ranges, scope=None):
    return [{"type": "MapEntry", "id": entry, "label": "m",
             "attributes": {"params": params, "range": ranges},
             "scope_entry": scope, "scope_exit": str(exit)},
            {"type": "MapExit", "id": exit, "label": "m", "attributes": {},
             "scope_entry": str(entry), "scope_exit": str(exit)}]


def edge(src, dst, m, src_conn=None, dst_conn=None):
    return {"type": "MultiConnectorEdge", "src": str(src), "dst": str(dst),
            "src_connector": src_conn, "dst_connector": dst_conn,
            "attributes": {"data": m}}


def state(i, nodes=(), edges=(), label=None):
    return {"type": "SDFGState", "id": i, "label": label or f"s{i}",
            "nodes": list(nodes), "edges": list(edges), "attributes": {}}


def interstate(src, dst, condition=None, assignments=None):
    attrs = {}
    if condition:
        attrs["condition"] = {"string_data": condition, "language": "Python"}
    if assignments:
        attrs["assignments"] = assignments
    return {"type": "Edge", "src": str(src), "dst": str(dst),
            "attributes": {"data": {"type": "InterstateEdge",
                                    "attributes": attrs}}}


def sdfg(arrays, blocks, edges=(), symbols=None, start=None):
    return {"type": "SDFG",
            "attributes": {"name": "test", "_arrays": arrays,
                           "symbols": symbols or {}},
            "nodes": list(blocks), "edges": list(edges),
            "start_block": start}


def run(program, inputs=None, symbols=None, vectorize=True):
    return si.run(si.load(program), inputs or {}, symbols or {},
                  vectorize=vectorize)


def one_tasklet(code, ins, outs, arrays):
    """One state with one tasklet: in-connector `x` reads element 0 of
    container `X`, out-connector `y` writes element 0 of `Y`."""
    nodes, edges = [], []
    t = 100
    nodes.append(tasklet(t, code, ins, outs))
    for k, c in enumerate(ins):
        nodes.append(access(k, c.upper()))
        edges.append(edge(k, t, memlet(c.upper(), rng("0")), None, c))
    for k, c in enumerate(outs):
        nodes.append(access(50 + k, c.upper()))
        edges.append(edge(t, 50 + k, memlet(c.upper(), rng("0")), c, None))
    return sdfg(arrays, [state(0, nodes, edges)])


# -- operators: Python's meaning on NumPy scalars ---------------------------

@pytest.mark.parametrize("a,b", [(-7, 2), (7, -2), (-7, -2), (7, 2)])
def test_integer_floordiv_and_mod_follow_python(a, b):
    program = one_tasklet("q = a // b\nr = a % b", ["a", "b"], ["q", "r"], {
        "A": scalar("int32"), "B": scalar("int32"),
        "Q": array([1], "int32"), "R": array([1], "int32")})
    out = run(program, {"A": np.int32(a), "B": np.int32(b)})
    assert out["Q"][0] == a // b and out["R"][0] == a % b


def test_float_floordiv_and_mod_follow_python():
    program = one_tasklet("q = a // b\nr = a % b", ["a", "b"], ["q", "r"], {
        "A": scalar(), "B": scalar(), "Q": array([1]), "R": array([1])})
    out = run(program, {"A": -7.5, "B": 2.0})
    assert out["Q"][0] == -4.0 and out["R"][0] == 0.5
    out = run(program, {"A": 1.0, "B": 0.1})
    assert out["Q"][0] == 1.0 // 0.1 and out["R"][0] == pytest.approx(1.0 % 0.1)


def test_integer_to_negative_power_is_a_float():
    program = one_tasklet("p = a ** b\nq = a ** 3", ["a", "b"], ["p", "q"], {
        "A": scalar("int64"), "B": scalar("int64"),
        "P": array([1], "float64"), "Q": array([1], "int64")})
    out = run(program, {"A": np.int64(2), "B": np.int64(-2)})
    assert out["P"][0] == 0.25 and out["Q"][0] == 8


def test_integers_wrap_at_their_width():
    program = one_tasklet("y = a * a", ["a"], ["y"], {
        "A": scalar("int8"), "Y": array([1], "int8")})
    out = run(program, {"A": np.int8(100)})
    assert out["Y"][0] == 10000 % 256


def test_scalar_arguments_are_passed_by_value():
    program = one_tasklet("y = a + 1", ["a"], ["y"], {
        "A": scalar(), "Y": scalar()})
    out = run(program, {"A": 1.0, "Y": 5.0})
    assert out["Y"] == 5.0 and out["Y"].shape == ()


# -- interstate edges: conditions, assignments in order ---------------------

def test_interstate_assignments_run_in_order():
    # a = 1 then b = a + 1 (sees the new a), then c = b * 10.
    body = one_tasklet("y = b + c", [], ["y"], {"Y": array([1], "int64")})
    write = body["nodes"][0]
    write["id"] = 1
    program = sdfg({"Y": array([1], "int64")},
                   [state(0), write],
                   [interstate(0, 1, assignments={"a": "1", "b": "a + 1",
                                                  "c": "b * 10"})],
                   symbols={"a": "int64", "b": "int64", "c": "int64"})
    out = run(program, {}, {"a": 5, "b": 5, "c": 5})
    assert out["Y"][0] == 2 + 20


def test_conditional_edges_are_tried_before_the_unconditional_one():
    def writer(i, value):
        s = one_tasklet(f"y = {value}", [], ["y"], {})["nodes"][0]
        s["id"] = i
        return s
    arrays = {"Y": array([1], "int64")}
    program = sdfg(arrays, [state(0), writer(1, 10), writer(2, 20)],
                   [interstate(0, 1),  # unconditional, listed first
                    interstate(0, 2, condition="N > 3")],
                   symbols={"N": "int64"})
    assert run(program, {}, {"N": 4})["Y"][0] == 20
    assert run(program, {}, {"N": 2})["Y"][0] == 10


# -- dataflow: maps, WCR, copies, nested SDFGs ------------------------------

def reduction(wcr):
    """S[0] = fold of A[i] over a map with write-conflict resolution."""
    nodes = [access(0, "A"), access(5, "S"), tasklet(3, "o = x", ["x"],
                                                      ["o"], scope="1")]
    nodes += map_nodes(1, 2, ["i"], rng(("0", "N - 1")))
    edges = [edge(0, 1, memlet("A", rng(("0", "N - 1"))), None, "IN_A"),
             edge(1, 3, memlet("A", rng("i")), "OUT_A", "x"),
             edge(3, 2, memlet("S", rng("0"), wcr=wcr), "o", "IN_S"),
             edge(2, 5, memlet("S", rng("0"), wcr=wcr), "OUT_S", None)]
    return sdfg({"A": array(["N"]), "S": array([1])},
                [state(0, nodes, edges)], symbols={"N": "int32"})


@pytest.mark.parametrize("vectorize", [True, False])
def test_map_with_wcr_sum_and_max(vectorize):
    a = np.array([3.0, -1.0, 4.0, 1.5, -9.0])
    out = run(reduction("lambda a, b: a + b"), {"A": a, "S": [10.0]},
              {"N": 5}, vectorize)
    assert out["S"][0] == pytest.approx(10.0 + a.sum())
    out = run(reduction("lambda x, y: max(x, y)"), {"A": a, "S": [0.0]},
              {"N": 5}, vectorize)
    assert out["S"][0] == 4.0


def shift(read):
    """A[i + 1] = A[read] * 2 over i in 0:N-1."""
    nodes = [access(0, "A"), access(5, "A"),
             tasklet(3, "o = x * 2", ["x"], ["o"], scope="1")]
    nodes += map_nodes(1, 2, ["i"], rng(("0", "N - 2")))
    edges = [edge(0, 1, memlet("A", rng(("0", "N - 1"))), None, "IN_A"),
             edge(1, 3, memlet("A", rng(read)), "OUT_A", "x"),
             edge(3, 2, memlet("A", rng("i + 1")), "o", "IN_A"),
             edge(2, 5, memlet("A", rng(("1", "N - 1"))), "OUT_A", None)]
    return sdfg({"A": array(["N"])}, [state(0, nodes, edges)],
                symbols={"N": "int32"})


@pytest.mark.parametrize("vectorize", [True, False])
def test_map_iterations_run_in_order_when_they_depend_on_each_other(
        vectorize):
    # Iteration i reads what iteration i - 1 wrote: the loop's order, as
    # pk computes it, so the whole-vector form must not be used.
    out = run(shift("i"), {"A": np.ones(5)}, {"N": 5}, vectorize)
    assert out["A"].tolist() == [1.0, 2.0, 4.0, 8.0, 16.0]
    out = run(shift("i + 1"), {"A": np.ones(5)}, {"N": 5}, vectorize)
    assert out["A"].tolist() == [1.0, 2.0, 2.0, 2.0, 2.0]


def test_copy_with_other_subset_and_step():
    # B[0:3] = A[1:7:2], then C (3x2, column-major strides) = A[0:6].
    nodes = [access(0, "A"), access(1, "B"), access(2, "C")]
    edges = [edge(0, 1, memlet("A", rng(("1", "5", "2")),
                               other=rng(("0", "2")))),
             edge(0, 2, memlet("A", rng(("0", "5")),
                               other=rng(("0", "2"), ("0", "1"))))]
    program = sdfg({"A": array([6]), "B": array([3]),
                    "C": array([3, 2], strides=[1, 3])},
                   [state(0, nodes, edges)])
    a = np.arange(6.0)
    out = run(program, {"A": a})
    assert list(out["B"]) == [1.0, 3.0, 5.0]
    assert out["C"].tolist() == [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]


@pytest.mark.parametrize("vectorize", [True, False])
def test_nested_sdfg_writes_through_its_view_with_mapped_symbols(vectorize):
    # The nested SDFG doubles x[0:M]; it is given row i of A (M = N).
    inner_nodes = [access(0, "x"), access(4, "x"),
                   tasklet(3, "y = v * 2", ["v"], ["y"], scope="1")]
    inner_nodes += map_nodes(1, 2, ["j"], rng(("0", "M - 1")))
    inner_edges = [edge(0, 1, memlet("x", rng(("0", "M - 1"))), None,
                        "IN_x"),
                   edge(1, 3, memlet("x", rng("j")), "OUT_x", "v"),
                   edge(3, 2, memlet("x", rng("j")), "y", "IN_x"),
                   edge(2, 4, memlet("x", rng(("0", "M - 1"))), "OUT_x",
                        None)]
    inner = sdfg({"x": array(["M"])}, [state(0, inner_nodes, inner_edges)],
                 symbols={"M": "int32"})
    nested = {"type": "NestedSDFG", "id": 2, "label": "n",
              "attributes": {"sdfg": inner, "symbol_mapping": {"M": "N"},
                             "in_connectors": {"x": None},
                             "out_connectors": {"x": None}},
              "scope_entry": None}
    nodes = [access(0, "A"), nested, access(3, "A")]
    edges = [edge(0, 2, memlet("A", rng("1", ("0", "N - 1"))), None, "x"),
             edge(2, 3, memlet("A", rng("1", ("0", "N - 1"))), "x", None)]
    program = sdfg({"A": array([3, "N"])}, [state(0, nodes, edges)],
                   symbols={"N": "int32"})
    a = np.arange(12.0).reshape(3, 4)
    out = run(program, {"A": a}, {"N": 4}, vectorize)
    want = a.copy()
    want[1] *= 2
    np.testing.assert_array_equal(out["A"], want)


# -- control-flow regions ---------------------------------------------------

def loop(inverted=False, condition="i < N", body_extra=None):
    writer = state(0, [access(1, "A"), tasklet(0, "y = i * i", [], ["y"])],
                   [edge(0, 1, memlet("A", rng("i")), "y", None)])
    blocks = [writer] + (body_extra or [])
    region = {"type": "LoopRegion", "id": 1, "label": "loop",
              "attributes": {
                  "init_statement": {"string_data": "i = 0",
                                     "language": "Python"},
                  "loop_condition": {"string_data": condition,
                                     "language": "Python"},
                  "update_statement": {"string_data": "i = (i + 1)",
                                       "language": "Python"},
                  "loop_variable": "i", "inverted": inverted},
              "nodes": blocks,
              "edges": [interstate(0, b["id"]) for b in blocks[1:]],
              "start_block": 0}
    return sdfg({"A": array([8], "int64")}, [state(0), region],
                [interstate(0, 1)], symbols={"i": "int64", "N": "int64"})


def test_loop_region():
    out = run(loop(), {"A": np.full(8, -1, np.int64)}, {"N": 5})
    assert out["A"].tolist() == [0, 1, 4, 9, 16, -1, -1, -1]


def test_inverted_loop_runs_its_body_once_before_the_condition():
    out = run(loop(inverted=True, condition="i < 0"),
              {"A": np.full(8, -1, np.int64)}, {"N": 0})
    assert out["A"].tolist() == [0] + [-1] * 7


def test_break_block_inside_a_conditional_leaves_the_loop():
    branch = {"type": "ControlFlowRegion", "label": "then",
              "nodes": [{"type": "BreakBlock", "id": 0, "label": "b",
                         "nodes": [], "edges": []}], "edges": []}
    conditional = {"type": "ConditionalBlock", "id": 1, "label": "if",
                   "nodes": [], "edges": [],
                   "branches": [[{"string_data": "i >= 3",
                                  "language": "Python"}, branch]]}
    out = run(loop(body_extra=[conditional]),
              {"A": np.full(8, -1, np.int64)}, {"N": 8})
    assert out["A"].tolist() == [0, 1, 4, 9, -1, -1, -1, -1]


# -- invalid input: one clear line, non-zero exit ---------------------------

def cli(tmp_path, text, *args):
    path = tmp_path / "f.sdfg"
    path.write_text(text)
    return subprocess.run([sys.executable, INTERPRETER, str(path), *args],
                          capture_output=True, text=True)


def test_malformed_file_is_a_clear_error(tmp_path):
    p = cli(tmp_path, '{"type": "SDFG", "nodes": [')
    assert p.returncode == 1
    assert p.stderr.strip().count("\n") == 0
    assert "is not JSON" in p.stderr
    p = cli(tmp_path, json.dumps({"type": "SDFGState"}))
    assert p.returncode == 1 and "not an SDFG" in p.stderr
    bad_edge = sdfg({}, [state(0)], [interstate(0, 7)])
    p = cli(tmp_path, json.dumps(bad_edge))
    assert p.returncode == 1 and "unknown blocks" in p.stderr


def test_unsupported_construct_exits_2(tmp_path):
    program = sdfg({"S": {"type": "Stream", "attributes": {"shape": ["1"]}}},
                   [state(0, [access(0, "S")])])
    p = cli(tmp_path, json.dumps(program))
    assert p.returncode == 2
    assert p.stderr.startswith("sdfg_interpreter: Unsupported(Stream)")


def test_cli_writes_every_argument(tmp_path):
    np.save(tmp_path / "a.npy", np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    np.save(tmp_path / "s.npy", np.array([0.5]))
    p = cli(tmp_path, json.dumps(reduction("lambda a, b: a + b")),
            "--symbols", "N=5", "--input", f"A={tmp_path / 'a.npy'}",
            "--input", f"S={tmp_path / 's.npy'}",
            "--output-dir", str(tmp_path / "out"))
    assert p.returncode == 0, p.stderr
    assert sorted(os.listdir(tmp_path / "out")) == ["A.npy", "S.npy"]
    assert np.load(tmp_path / "out" / "S.npy").tolist() == [15.5]


# -- DaCe's passing conventions and undefined behaviour --------------------

def nested_pair(inner_read, inner_write, outer_desc):
    """S[0] = s + 1 for i in 0:3, with s and the result two connectors of a
    nested SDFG on the same element S[0]: `inner_read` is the descriptor of
    the one read (Scalar: by value; Array: a pointer that sees writes)."""
    inner_nodes = [access(0, "r"), access(2, "w"),
                   tasklet(1, "o = v + 1", ["v"], ["o"])]
    inner_edges = [edge(0, 1, memlet("r", rng("0")), None, "v"),
                   edge(1, 2, memlet("w", rng("0")), "o", None)]
    loop = {"type": "LoopRegion", "id": 1, "label": "loop",
            "attributes": {"init_statement": {"string_data": "k = 0"},
                           "loop_condition": {"string_data": "k < 3"},
                           "update_statement": {"string_data": "k = k + 1"},
                           "loop_variable": "k"},
            "nodes": [state(0, inner_nodes, inner_edges)], "edges": [],
            "start_block": 0}
    inner = sdfg({"r": inner_read, "w": inner_write}, [state(0), loop],
                 [interstate(0, 1)], symbols={"k": "int64"})
    nested = {"type": "NestedSDFG", "id": 2, "label": "n",
              "attributes": {"sdfg": inner, "in_connectors": {"r": None},
                             "out_connectors": {"w": None}},
              "scope_entry": None}
    nodes = [access(0, "S"), nested, access(3, "S")]
    edges = [edge(0, 2, memlet("S", rng("0")), None, "r"),
             edge(2, 3, memlet("S", rng("0")), "w", None)]
    return sdfg({"S": outer_desc}, [state(0, nodes, edges)])


def test_nested_scalar_input_is_a_copy_and_an_array_one_a_pointer():
    by_value = nested_pair(scalar(), scalar(), array([1]))
    assert run(by_value, {"S": [10.0]})["S"][0] == 11.0
    by_pointer = nested_pair(array([1]), array([1]), array([1]))
    assert run(by_pointer, {"S": [10.0]})["S"][0] == 13.0


def test_a_result_takes_its_connector_type_before_wcr():
    # b = a (a float) into an int32 connector, accumulated: 5 + trunc(2.7).
    nodes = [access(0, "A"), access(2, "B"),
             tasklet(1, "b = a", ["a"], ["b"])]
    edges = [edge(0, 1, memlet("A", rng("0")), None, "a"),
             edge(1, 2, memlet("B", rng("0"), wcr="lambda x, y: x + y"),
                  "b", None)]
    program = sdfg({"A": array([1], "float32"), "B": array([1], "int32")},
                   [state(0, nodes, edges)])
    out = run(program, {"A": np.float32([2.7]), "B": np.int32([5])})
    assert out["B"][0] == 7


def test_written_view_is_bound_before_its_writer_runs():
    # t -> V (a view of A[2:4], its edge to A after it): A[2:4] = 7.
    nodes = [tasklet(0, "v[0] = 7\nv[1] = 7", [], ["v"]), access(1, "V"),
             access(2, "A")]
    edges = [edge(0, 1, memlet("V", rng(("0", "1"))), "v", None),
             edge(1, 2, memlet("A", rng(("2", "3")),
                               other=rng(("0", "1"))), "views", None)]
    view = array([2])
    view["type"] = "ArrayView"
    view["attributes"]["transient"] = True
    program = sdfg({"A": array([5]), "V": view}, [state(0, nodes, edges)])
    out = run(program, {"A": np.zeros(5)})
    assert out["A"].tolist() == [0, 0, 7, 7, 0]


def test_negative_index_into_an_array_connector_is_undefined():
    nodes = [access(0, "A"), access(2, "B"),
             tasklet(1, "b = a[i]", ["a", "i"], ["b"]), access(3, "I")]
    edges = [edge(0, 1, memlet("A", rng(("0", "3"))), None, "a"),
             edge(3, 1, memlet("I", rng("0")), None, "i"),
             edge(1, 2, memlet("B", rng("0")), "b", None)]
    program = sdfg({"A": array([4]), "B": array([1]),
                    "I": scalar("int64")}, [state(0, nodes, edges)])
    a = np.arange(4.0)
    assert run(program, {"A": a, "I": np.int64(3)})["B"][0] == 3.0
    with pytest.raises(si.Undefined, match="out of bounds"):
        run(program, {"A": a, "I": np.int64(-1)})


def test_copy_between_overlapping_memory_is_undefined():
    # A[1:5] = A[0:4] through two views: memcpy's overlap.
    nodes = [access(0, "A"), access(1, "A")]
    edges = [edge(0, 1, memlet("A", rng(("0", "3")),
                               other=rng(("1", "4"))))]
    program = sdfg({"A": array([5])}, [state(0, nodes, edges)])
    with pytest.raises(si.Undefined, match="overlapping"):
        run(program, {"A": np.arange(5.0)})


def test_an_array_may_be_given_as_its_flat_allocation():
    # B (2x2 inside rows of 3: total_size 5) = 1 + A.
    padded = array([2, 2], strides=[3, 1])
    padded["attributes"]["total_size"] = "5"
    nodes = [access(0, "A"), access(4, "B"),
             tasklet(3, "o = x + 1", ["x"], ["o"], scope="1")]
    nodes += map_nodes(1, 2, ["i", "j"], rng(("0", "1"), ("0", "1")))
    edges = [edge(0, 1, memlet("A", rng(("0", "1"), ("0", "1"))), None,
                  "IN_A"),
             edge(1, 3, memlet("A", rng("i", "j")), "OUT_A", "x"),
             edge(3, 2, memlet("B", rng("i", "j")), "o", "IN_B"),
             edge(2, 4, memlet("B", rng(("0", "1"), ("0", "1"))), "OUT_B",
                  None)]
    program = sdfg({"A": array([2, 2]), "B": padded},
                   [state(0, nodes, edges)])
    out = run(program, {"A": np.arange(4.0).reshape(2, 2),
                        "B": np.full(5, -1.0)})
    assert out["B"].tolist() == [1.0, 2.0, -1.0, 3.0, 4.0]


@pytest.mark.parametrize("vectorize", [True, False])
def test_conditional_expressions_and_min_max_lane_by_lane(vectorize):
    # O[i] = min(A[i], B[i]) if not A[i] > 0 else max(A[i], B[i]); NaN
    # follows Python's (and std::min's) order of comparison.
    nodes = [access(0, "A"), access(6, "B"), access(5, "O"),
             tasklet(3, "o = max(a, b) if not a <= 0 else min(a, b)",
                     ["a", "b"], ["o"], scope="1")]
    nodes += map_nodes(1, 2, ["i"], rng(("0", "N - 1")))
    edges = [edge(0, 1, memlet("A", rng(("0", "N - 1"))), None, "IN_A"),
             edge(6, 1, memlet("B", rng(("0", "N - 1"))), None, "IN_B"),
             edge(1, 3, memlet("A", rng("i")), "OUT_A", "a"),
             edge(1, 3, memlet("B", rng("i")), "OUT_B", "b"),
             edge(3, 2, memlet("O", rng("i")), "o", "IN_O"),
             edge(2, 5, memlet("O", rng(("0", "N - 1"))), "OUT_O", None)]
    program = sdfg({"A": array(["N"]), "B": array(["N"]),
                    "O": array(["N"])}, [state(0, nodes, edges)],
                   symbols={"N": "int32"})
    a = np.array([1.0, -1.0, 2.0, -2.0, np.nan, 3.0])
    b = np.array([2.0, -3.0, 1.0, -1.0, 0.0, np.nan])
    out = run(program, {"A": a, "B": b, "O": np.zeros(6)}, {"N": 6},
              vectorize)
    want = [max(x, y) if not x <= 0 else min(x, y) for x, y in zip(a, b)]
    np.testing.assert_array_equal(out["O"], want)
