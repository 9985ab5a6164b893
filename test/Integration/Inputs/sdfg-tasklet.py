# One-tasklet SDFGs for testing what tasklet code computes, and a Python
# oracle for the results.
#
#   sdfg-tasklet.py make DIR CASE CODE ARG... [--no-arg-names]
#     writes DIR/CASE.sdfg: a map over i in [0, n) whose tasklet runs CODE
#     with one connector per ARG, reading or writing element i of a
#     container of the same name in upper case, and DIR/CASE.<name>.npy per
#     ARG (the arguments in order, for pk-run --input). An ARG is
#       name:dtype=v0,v1,...   an input (values as Python literals)
#       ->name:dtype           an output (zeros in the .npy)
#     dtype is a DaCe dtype; unsigned values are stored as the signed
#     integers of the same bits (pk-run reads signless integers).
#     --no-arg-names leaves out `arg_names`, so the importer picks DaCe's
#     argument order.
#   sdfg-tasklet.py driver DIR CASE
#     writes DIR/CASE.driver.mlir, a @main that calls the lowered SDFG with
#     the inputs as constants and prints every output element with
#     vector.print (a complex one as its real, then its imaginary part), for
#     element types pk-run does not take (complex).
#   sdfg-tasklet.py check DIR CASE OUTPUT EXPR [--rtol R] [--printed FILE]
#     compares DIR/CASE.out<k>.npy (pk-run --output DIR/CASE.out, k the
#     position of OUTPUT among the arguments), or the values the driver
#     printed into FILE, with EXPR evaluated by Python on each element's
#     inputs (Python ints, floats, complex numbers; `math` and `cmath` are
#     there), converted to OUTPUT's dtype as C does (integers wrap). Floats
#     must match exactly (or within R), signs of zeros and NaNs included.
import cmath
import json
import math
import sys

import numpy as np

KINDS = {"float16": np.float16, "float32": np.float32, "float64": np.float64,
         "int8": np.int8, "int16": np.int16, "int32": np.int32,
         "int64": np.int64, "uint8": np.uint8, "uint16": np.uint16,
         "uint32": np.uint32, "uint64": np.uint64, "bool": np.bool_,
         "complex64": np.complex64, "complex128": np.complex128}


def parse_args(specs):
    args = []
    for spec in specs:
        output = spec.startswith("->")
        spec = spec[2:] if output else spec
        head, _, values = spec.partition("=")
        name, dtype = head.split(":")
        if dtype not in KINDS:
            sys.exit("sdfg-tasklet: unknown dtype " + dtype)
        args.append({"name": name, "dtype": dtype, "output": output,
                     "values": values.split(",") if values else None})
    return args


def storage(dtype, values):
    """The .npy array pk-run reads for `values` of `dtype`."""
    array = np.array(values, dtype=KINDS[dtype])
    if dtype.startswith("uint"):
        array = array.view(np.dtype("int" + dtype[4:]))
    return array


def memlet(data, start, end):
    return {"type": "Memlet", "attributes": {
        "data": data, "other_subset": None, "wcr": None,
        "subset": {"type": "Range", "ranges": [
            {"start": start, "end": end, "step": "1", "tile": "1"}]}}}


def make(directory, case, code, specs):
    arg_names = "--no-arg-names" not in specs
    args = parse_args([s for s in specs if s != "--no-arg-names"])
    sizes = {len(a["values"]) for a in args if a["values"] is not None}
    if len(sizes) != 1:
        sys.exit("sdfg-tasklet: inputs need one common number of values")
    n = sizes.pop()
    last = str(n - 1)
    ins = [a for a in args if not a["output"]]
    outs = [a for a in args if a["output"]]
    arrays = {a["name"].upper(): {"type": "Array", "attributes": {
        "dtype": a["dtype"], "shape": [str(n)], "strides": ["1"],
        "offset": ["0"], "transient": False, "storage": "Default"}}
        for a in args}
    nodes = [
        {"type": "MapEntry", "label": "m", "id": 0, "scope_entry": None,
         "scope_exit": "1", "attributes": {
             "params": ["i"], "schedule": "Default",
             "range": {"type": "Range", "ranges": [
                 {"start": "0", "end": last, "step": "1", "tile": "1"}]},
             "in_connectors": {"IN_" + a["name"].upper(): None for a in ins},
             "out_connectors": {"OUT_" + a["name"].upper(): None for a in ins}}},
        {"type": "MapExit", "label": "m", "id": 1, "scope_entry": "0",
         "scope_exit": "1", "attributes": {
             "in_connectors": {"IN_" + a["name"].upper(): None for a in outs},
             "out_connectors": {"OUT_" + a["name"].upper(): None for a in outs}}},
        {"type": "Tasklet", "label": "t", "id": 2, "scope_entry": "0",
         "scope_exit": "1", "attributes": {
             "code": {"string_data": code, "language": "Python"},
             "in_connectors": {a["name"]: None for a in ins},
             "out_connectors": {a["name"]: None for a in outs}}}]
    edges = []

    def edge(src, dst, src_conn, dst_conn, data, start, end):
        edges.append({"type": "MultiConnectorEdge", "src": str(src),
                      "dst": str(dst), "src_connector": src_conn,
                      "dst_connector": dst_conn,
                      "attributes": {"data": memlet(data, start, end)}})

    for a in args:
        data = a["name"].upper()
        node = len(nodes)
        nodes.append({"type": "AccessNode", "label": data, "id": node,
                      "scope_entry": None, "scope_exit": None,
                      "attributes": {"data": data}})
        if a["output"]:
            edge(2, 1, a["name"], "IN_" + data, data, "i", "i")
            edge(1, node, "OUT_" + data, None, data, "0", last)
        else:
            edge(node, 0, None, "IN_" + data, data, "0", last)
            edge(0, 2, "OUT_" + data, a["name"], data, "i", "i")
    attributes = {"name": case.replace("-", "_"), "constants_prop": {},
                  "symbols": {}, "_arrays": arrays}
    if arg_names:
        attributes["arg_names"] = [a["name"].upper() for a in args]
    sdfg = {"type": "SDFG", "attributes": attributes,
            "nodes": [{"type": "SDFGState", "label": "s", "id": 0,
                       "nodes": nodes, "edges": edges}],
            "edges": [], "start_block": 0}
    with open("%s/%s.sdfg" % (directory, case), "w") as f:
        json.dump(sdfg, f, indent=1)
    with open("%s/%s.args.json" % (directory, case), "w") as f:
        json.dump(args, f)
    for a in args:
        values = [eval(v) for v in a["values"]] if a["values"] else [0] * n
        np.save("%s/%s.%s.npy" % (directory, case, a["name"]),
                storage(a["dtype"], values))


MLIR_TYPES = {"float16": "f16", "float32": "f32", "float64": "f64",
              "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
              "uint8": "i8", "uint16": "i16", "uint32": "i32", "uint64": "i64",
              "bool": "i1", "complex64": "complex<f32>",
              "complex128": "complex<f64>"}


def driver(directory, case):
    with open("%s/%s.args.json" % (directory, case)) as f:
        args = json.load(f)
    n = len(next(a["values"] for a in args if a["values"]))
    lines = ["// The driver of %s: inputs as constants, outputs printed." % case]
    types = []
    for a in args:
        element = MLIR_TYPES[a["dtype"]]
        memref = "memref<%dx%s>" % (n, element)
        types.append(memref)
        if a["output"]:
            continue
        values = []
        for v in a["values"]:
            v = python_value(a["dtype"], eval(v))
            values.append("(%r, %r)" % (v.real, v.imag)
                          if isinstance(v, complex) else repr(v))
        lines.append('memref.global "private" constant @%s_%s : %s = '
                     "dense<[%s]>" % (case, a["name"], memref,
                                      ", ".join(values)))
    lines.append("func.func @main() {")
    operands = []
    for a, memref in zip(args, types):
        name = "%" + a["name"]
        operands.append(name)
        if a["output"]:
            lines.append("  %s = memref.alloc() : %s" % (name, memref))
        else:
            lines.append("  %s = memref.get_global @%s_%s : %s" %
                         (name, case, a["name"], memref))
    lines.append("  func.call @%s(%s) : (%s) -> ()" %
                 (case.replace("-", "_"), ", ".join(operands), ", ".join(types)))
    lines.append("  %c0 = arith.constant 0 : index")
    lines.append("  %c1 = arith.constant 1 : index")
    lines.append("  %%cn = arith.constant %d : index" % n)
    for a in args:
        if not a["output"]:
            continue
        element = MLIR_TYPES[a["dtype"]]
        lines.append("  scf.for %i = %c0 to %cn step %c1 {")
        lines.append("    %%v = memref.load %%%s[%%i] : memref<%dx%s>" %
                     (a["name"], n, element))
        if element.startswith("complex"):
            part = element[len("complex<"):-1]
            lines.append("    %%re = complex.re %%v : %s" % element)
            lines.append("    %%im = complex.im %%v : %s" % element)
            lines.append("    vector.print %%re : %s" % part)
            lines.append("    vector.print %%im : %s" % part)
        else:
            lines.append("    vector.print %%v : %s" % element)
        lines.append("  }")
        lines.append("  memref.dealloc %%%s : memref<%dx%s>" %
                     (a["name"], n, element))
    lines.append("  return")
    lines.append("}")
    with open("%s/%s.driver.mlir" % (directory, case), "w") as f:
        f.write("\n".join(lines) + "\n")


def printed_values(path, dtype, n):
    with open(path) as f:
        words = f.read().split()
    values = [float(w) for w in words]
    if dtype.startswith("complex"):
        values = [complex(values[2 * i], values[2 * i + 1]) for i in range(n)]
    return [KINDS[dtype](v) for v in values[:n]]


def python_value(dtype, value):
    if dtype.startswith("complex"):
        return complex(value)
    if dtype.startswith("float"):
        return float(value)
    if dtype == "bool":
        return bool(value)
    return int(value)


def as_dtype(dtype, value):
    """`value` converted to `dtype` as the C++ DaCe generates converts it."""
    if dtype.startswith(("int", "uint")):
        bits = int(dtype.lstrip("uint"))
        value = int(value) & ((1 << bits) - 1)
        if dtype.startswith("int") and value >= 1 << (bits - 1):
            value -= 1 << bits
    return KINDS[dtype](value)


def same(actual, expected, rtol):
    if isinstance(expected, (np.floating, np.complexfloating)):
        parts = [(actual.real, expected.real), (actual.imag, expected.imag)] \
            if isinstance(expected, np.complexfloating) else [(actual, expected)]
        for a, e in parts:
            if math.isnan(e) or math.isnan(a):
                if not (math.isnan(e) and math.isnan(a)):
                    return False
            elif rtol:
                if not math.isclose(a, e, rel_tol=rtol, abs_tol=rtol):
                    return False
            elif a != e or math.copysign(1, a) != math.copysign(1, e):
                return False
        return True
    return actual == expected


def check(directory, case, output, expr, rtol, printed):
    with open("%s/%s.args.json" % (directory, case)) as f:
        args = json.load(f)
    index = [a["name"] for a in args].index(output)
    out = args[index]
    n = len(next(a["values"] for a in args if a["values"]))
    if printed:
        actual = printed_values(printed, out["dtype"], n)
    else:
        actual = np.load("%s/%s.out%d.npy" % (directory, case, index))
    if out["dtype"].startswith("uint"):
        actual = actual.view(KINDS[out["dtype"]])
    ins = [a for a in args if not a["output"]]
    failures = 0
    for i in range(len(actual)):
        env = {a["name"]: python_value(a["dtype"], eval(a["values"][i]))
               for a in ins}
        env["math"] = math
        env["cmath"] = cmath
        expected = as_dtype(out["dtype"], eval(expr, env))
        if not same(actual[i], expected, rtol):
            failures += 1
            print("%s: element %d with %s: got %r, Python gives %r" %
                  (case, i, {a["name"]: env[a["name"]] for a in ins},
                   actual[i], expected))
    if failures:
        sys.exit(1)
    print("%s: %s matches Python" % (case, output))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif sys.argv[1] == "driver":
        driver(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "check":
        def option(name):
            if name not in sys.argv:
                return None
            return sys.argv[sys.argv.index(name) + 1]
        check(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5],
              float(option("--rtol") or 0), option("--printed"))
    else:
        sys.exit("sdfg-tasklet: unknown command " + sys.argv[1])
