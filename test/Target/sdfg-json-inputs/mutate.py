# Writes a variant of scale.sdfg with one construct pk does not support (or
# a malformed one), so each import error can be tested against a file that
# is otherwise valid. Usage: mutate.py BASE VARIANT [--one-line] > OUT
# (--one-line writes the whole file on one line, as DaCe 2.0 does).
import json
import sys

base = json.load(open(sys.argv[1]))
variant = sys.argv[2]
attrs = base["attributes"]
arrays = attrs["_arrays"]
state = base["nodes"][0]
nodes = {n["id"]: n for n in state["nodes"]}
tasklet = nodes[3]["attributes"]
map_entry = nodes[1]["attributes"]
edges = state["edges"]

if variant == "none":
    pass
elif variant == "unknown-block":
    base["nodes"].append({"type": "SwitchBlock", "label": "sw", "id": 1})
elif variant == "break-outside-loop":
    base["nodes"].append({"type": "BreakBlock", "label": "brk", "id": 1})
elif variant == "loop-condition":
    base["nodes"] = [{"type": "LoopRegion", "label": "for_i", "id": 0, "nodes": base["nodes"], "edges": [],
                      "attributes": {"loop_condition": {"string_data": "i < [N]", "language": "Python"}}}]
elif variant == "struct-dtype":
    arrays["A"]["attributes"]["dtype"] = {"type": "struct", "name": "csr", "data": []}
elif variant == "nested-sdfg":
    nodes[3]["type"] = "NestedSDFG"
elif variant == "cpp-tasklet":
    tasklet["code"] = {"string_data": "y = x * 2;", "language": "CPP"}
elif variant == "if-expression":
    tasklet["code"]["string_data"] = "y = x if x > 0 else 0"
elif variant == "lambda-code":
    tasklet["code"]["string_data"] = "y = (lambda v: v)(x)"
elif variant == "augmented":
    tasklet["code"]["string_data"] = "y = x\ny += 1"
elif variant == "unknown-function":
    tasklet["code"]["string_data"] = "y = erf(x)"
elif variant == "unassigned-output":
    tasklet["code"]["string_data"] = "z = x"
elif variant == "tuple-target":
    tasklet["code"]["string_data"] = "y, z = x, x"
elif variant == "callback-symbol":
    attrs["symbols"] = {"f": {"type": "callback", "arguments": [], "returntypes": []}}
elif variant == "stream":
    arrays["A"]["type"] = "Stream"
elif variant == "view":
    arrays["A"]["type"] = "View"
elif variant == "dtype":
    arrays["A"]["attributes"]["dtype"] = "float128"
elif variant == "storage":
    arrays["A"]["attributes"]["storage"] = "FPGA_Global"
elif variant == "strides":
    arrays["A"]["attributes"]["strides"] = ["2"]
elif variant == "schedule":
    map_entry["schedule"] = "FPGA_Device"
elif variant == "tile":
    map_entry["range"]["ranges"][0]["tile"] = "4"
elif variant == "partial-memlet":
    edges[1]["attributes"]["data"]["attributes"]["subset"]["ranges"][0] = {"start": "0", "end": "i", "step": "1", "tile": "1"}
elif variant == "wcr":
    edges[2]["attributes"]["data"]["attributes"]["wcr"] = "(lambda a, b: (a - b))"
elif variant == "complex-wcr":
    for name in ("A", "B"):
        arrays[name]["attributes"]["dtype"] = "complex128"
    edges[2]["attributes"]["data"]["attributes"]["wcr"] = "(lambda a, b: (a + b))"
elif variant == "unknown-data":
    edges[1]["attributes"]["data"]["attributes"]["data"] = "C"
elif variant == "constants":
    attrs["constants_prop"] = {"K": [{"type": "int64"}, 3]}
elif variant == "condition":
    base["nodes"].append({"type": "SDFGState", "label": "done", "id": 1, "nodes": [], "edges": []})
    base["edges"] = [{"type": "Edge", "src": "0", "dst": "1", "attributes": {"data": {"type": "InterstateEdge", "attributes": {"assignments": {}, "condition": {"string_data": "N in [1, 2]", "language": "Python"}}}}}]
elif variant == "shape-overflow":
    arrays["A"]["attributes"]["shape"] = ["N * 2 ** 63"]
elif variant == "shape-power":
    # Powers with an exponent of 2^63 - 1 that fit: 0, 1 and -1.
    arrays["A"]["attributes"]["shape"] = ["N + 0 ** 9223372036854775807 + 1 ** 9223372036854775807 + (-1) ** 9223372036854775807"]
elif variant == "subset-overflow":
    edges[1]["attributes"]["data"]["attributes"]["subset"] = {"type": "Range", "ranges": [{"start": "i + 4 ** 32", "end": "i + 4 ** 32", "step": "1", "tile": "1"}]}
elif variant == "assignment-overflow":
    base["nodes"].append({"type": "SDFGState", "label": "done", "id": 1, "nodes": [], "edges": []})
    base["edges"] = [{"type": "Edge", "src": "0", "dst": "1", "attributes": {"data": {"type": "InterstateEdge", "attributes": {"assignments": {"k": "N + 3 * 2 ** 62"}, "condition": {"string_data": "1", "language": "Python"}}}}}]
elif variant == "condition-symbol":
    base["nodes"].append({"type": "SDFGState", "label": "done", "id": 1, "nodes": [], "edges": []})
    base["edges"] = [{"type": "Edge", "src": "0", "dst": "1", "attributes": {"data": {"type": "InterstateEdge", "attributes": {"assignments": {}, "condition": {"string_data": "not (k < N)", "language": "Python"}}}}}]
elif variant == "unsigned-range":
    # The map runs to `r - 1`, r read from uint32 data: empty at r = 0.
    arrays["R"] = {"type": "Array", "attributes": {"dtype": "uint32", "shape": ["1"], "strides": ["1"], "offset": ["0"], "transient": False, "storage": "Default"}}
    state["nodes"].append({"type": "AccessNode", "label": "R", "id": 5, "scope_entry": None, "scope_exit": None, "attributes": {"data": "R"}})
    edges.append({"type": "MultiConnectorEdge", "src": "5", "dst": "1", "src_connector": None, "dst_connector": "r",
                  "attributes": {"data": {"type": "Memlet", "attributes": {"data": "R", "subset": {"type": "Range", "ranges": [{"start": "0", "end": "0", "step": "1", "tile": "1"}]}, "other_subset": None, "wcr": None}}}})
    map_entry["in_connectors"]["r"] = None
    map_entry["range"]["ranges"][0]["end"] = "r - 1"
elif variant == "empty-memlet-chain":
    # t's y flows into a second tasklet through an edge whose memlet names
    # no data, as DaCe writes tasklet chains; y's type is inferred.
    state["nodes"].append({"type": "Tasklet", "label": "u", "id": 5, "scope_entry": "1", "scope_exit": "2",
                           "attributes": {"code": {"string_data": "z = w + 1", "language": "Python"},
                                          "in_connectors": {"w": None}, "out_connectors": {"z": None}}})
    edges[2]["dst"], edges[2]["dst_connector"] = "5", "w"
    edges[2]["attributes"]["data"]["attributes"] = {"data": None, "subset": None, "other_subset": None, "wcr": None}
    edges.append({"type": "MultiConnectorEdge", "src": "5", "dst": "2", "src_connector": "z", "dst_connector": "IN_B",
                  "attributes": {"data": {"type": "Memlet", "attributes": {"data": "B", "subset": {"type": "Range", "ranges": [{"start": "i", "end": "i", "step": "1", "tile": "1"}]}, "other_subset": None, "wcr": None}}}})
elif variant == "reduce-in-map":
    # B[i] = A[2i] + A[2i + 1]: a Reduce inside the map over a box of A.
    arrays["A"]["attributes"]["shape"] = ["2*N"]
    nodes[3].clear()
    nodes[3].update({"type": "LibraryNode", "label": "Reduce (Sum), Axes: all", "id": 3, "scope_entry": "1", "scope_exit": "2",
                     "classpath": "dace.libraries.standard.nodes.reduce.Reduce",
                     "attributes": {"name": "Reduce", "wcr": "(lambda a, b: (a + b))", "identity": 0, "axes": None,
                                    "in_connectors": {}, "out_connectors": {}}})
    edges[0]["attributes"]["data"]["attributes"]["subset"]["ranges"][0]["end"] = "2*N - 1"
    edges[1]["dst_connector"] = None
    edges[1]["attributes"]["data"]["attributes"]["subset"]["ranges"] = [{"start": "2*i", "end": "2*i + 1", "step": "1", "tile": "1"}]
    edges[2]["src_connector"] = None
elif variant == "box-copy-in-map":
    # Each iteration copies the pair A[2i:2i+1] into B[2N-2-2i:2N-1-2i]
    # through an access node of B inside the map.
    for name in ("A", "B"):
        arrays[name]["attributes"]["shape"] = ["2*N"]
    nodes[3].clear()
    nodes[3].update({"type": "AccessNode", "label": "B", "id": 3, "scope_entry": "1", "scope_exit": "2", "attributes": {"data": "B"}})
    rng = lambda a, b: {"type": "Range", "ranges": [{"start": a, "end": b, "step": "1", "tile": "1"}]}
    edges[0]["attributes"]["data"]["attributes"]["subset"] = rng("0", "2*N - 1")
    edges[1]["dst_connector"] = None
    edges[1]["attributes"]["data"]["attributes"]["subset"] = rng("2*i", "2*i + 1")
    edges[1]["attributes"]["data"]["attributes"]["other_subset"] = rng("2*N - 2 - 2*i", "2*N - 1 - 2*i")
    edges[2]["src_connector"] = None
    edges[2]["attributes"]["data"]["attributes"]["subset"] = rng("2*N - 2 - 2*i", "2*N - 1 - 2*i")
    edges[3]["attributes"]["data"]["attributes"]["subset"] = rng("0", "2*N - 1")
elif variant == "unassigned-array":
    # y's memlet covers all of B (an array connector) and the code never
    # assigns it: DaCe writes nothing.
    tasklet["code"]["string_data"] = "z = x"
    edges[2]["attributes"]["data"]["attributes"]["subset"]["ranges"][0] = {"start": "0", "end": "N - 1", "step": "1", "tile": "1"}
elif variant == "not-sdfg":
    base["type"] = "SDFGState"
elif variant == "cycle":
    edges.append({"type": "MultiConnectorEdge", "src": "4", "dst": "0", "src_connector": None, "dst_connector": None,
                  "attributes": {"data": {"type": "Memlet", "attributes": {"data": None}}}})
else:
    sys.exit("mutate.py: unknown variant " + variant)
json.dump(base, sys.stdout, indent=None if "--one-line" in sys.argv[3:] else 1)
