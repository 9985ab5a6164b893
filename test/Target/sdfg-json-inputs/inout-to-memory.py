# Rewires the export of sdfg-json-export-nested.mlir so that nested SDFG
# argument 'x', read from a tasklet, is written straight into X: DaCe would
# pass X's element and lose the tasklet's value, so the importer refuses it.
import json, sys
d = json.load(open(sys.argv[1]))
state = d["nodes"][0]
for e in state["edges"]:
    if e["src_connector"] == "x":
        tasklet = e["dst"]
        e["dst"], e["dst_connector"] = "1", "IN_X"
        m = e["attributes"]["data"]["attributes"]
        m["data"] = "X"
        m["subset"]["ranges"] = [{"start": "__i0", "end": "__i0", "step": "1", "tile": "1"}]
state["edges"] = [e for e in state["edges"] if tasklet not in (e["src"], e["dst"])]
state["nodes"] = [n for n in state["nodes"] if str(n["id"]) != tasklet]
json.dump(d, sys.stdout)
