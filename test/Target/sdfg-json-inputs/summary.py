# Prints the parts of an SDFG JSON file that the sdfg-json tests check, one
# fact per line, in a stable order; a nested SDFG follows its node, indented.
import json
import sys


def subset(s):
    if s is None:
        return "None"
    return ",".join("%s:%s" % (r["start"], r["end"]) for r in s["ranges"])


def summarize(d, indent=""):
    def out(*words):
        print(indent + " ".join(str(w) for w in words))

    a = d["attributes"]
    out("SDFG", a["name"], "start_block=%s" % d["start_block"], "arg_names=%s" % a["arg_names"])
    for name in sorted(a["_arrays"]):
        desc = a["_arrays"][name]
        at = desc["attributes"]
        out("array", name, desc["type"], at["dtype"], "shape=%s" % at["shape"],
            "strides=%s" % at.get("strides"), "transient=%s" % at["transient"],
            "storage=%s" % at["storage"])
    out("symbols", a["symbols"])
    for state in d["nodes"]:
        scope = {k: state["scope_dict"][k] for k in sorted(state["scope_dict"], key=int)}
        out("state", state["id"], state["label"], "scope_dict=%s" % scope)
        nested = []
        for n in state["nodes"]:
            at = n["attributes"]
            extra = ""
            if n["type"] == "AccessNode":
                extra = at["data"]
            elif n["type"] == "MapEntry":
                r = at["range"]["ranges"]
                extra = "params=%s range=%s schedule=%s" % (
                    at["params"], ",".join("%s:%s:%s" % (x["start"], x["end"], x["step"]) for x in r),
                    at["schedule"])
            elif n["type"] == "Tasklet":
                extra = "code=%r" % at["code"]["string_data"]
            elif n["type"] == "NestedSDFG":
                extra = "symbol_mapping=%s in=%s out=%s" % (
                    dict(sorted(at["symbol_mapping"].items())), sorted(at["in_connectors"]),
                    sorted(at["out_connectors"]))
                nested.append(at["sdfg"])
            out("  node", n["id"], n["type"], extra)
        for e in state["edges"]:
            m = e["attributes"]["data"]["attributes"]
            out("  edge", e["src"], e["src_connector"] or "-", "->", e["dst"],
                e["dst_connector"] or "-", "data=%s" % m["data"],
                "subset=%s" % subset(m["subset"]), "other=%s" % subset(m.get("other_subset")),
                "wcr=%s" % m["wcr"])
        for inner in nested:
            summarize(inner, indent + "    ")
    for e in d["edges"]:
        m = e["attributes"]["data"]["attributes"]
        out("interstate", e["src"], "->", e["dst"], "condition=%r" % m["condition"]["string_data"],
            "assignments=%s" % m["assignments"])


summarize(json.load(open(sys.argv[1])))
