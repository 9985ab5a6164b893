"""PolyBench kernels as SDFGs (the sdfg dialect), the way DaCe writes them:
one map per loop nest, tasklets for the arithmetic, write-conflict
resolution (wcr add) where a map sums into an array, one state per step.
bench/polybench.py --form sdfg runs them against the same C kernels and
against their linalg form; pk lowers them with convert-sdfg-to-scf, and
pk-raise-loops-to-linalg makes the maps linalg ops again.

The templates use the same ${SIZE}, ${SIZE_1} (SIZE - 1), ${SIZE_2} and
${FUNC} placeholders as the linalg ones. Every array of the C kernel is a
non-transient SDFG argument in the C parameter order except 'tmp' scratch
arrays, which are transients (sdfg.alloc).
"""

from polybench_stencils import HEAT_3D_BODY, JACOBI_1D_BODY, JACOBI_2D_BODY


class Sdfg:
    """Builds one SDFG's text: arrays, states in order (an edge from each to
    the next), maps in each state."""

    def __init__(self, args, transients=()):
        # args / transients: [(name, "DxD")] shapes in template sizes.
        self.shapes = dict(list(args) + list(transients))
        self.args, self.transients = args, transients
        self.states = []

    def type(self, name):
        shape = self.shapes[name]
        return f"memref<{shape}xf32>" if shape else "memref<f32>"

    def state(self, *maps):
        self.states.append(maps)
        return self

    def text(self):
        sig = ",\n    ".join(f'%{n}: {self.type(n)} {{name = "{n}"}}' for n, _ in self.args)
        lines = [f"sdfg.sdfg @${{FUNC}}({sig})", "    entry @s0 {"]
        for n, _ in self.transients:
            lines.append(f'  %{n} = sdfg.alloc "{n}" : {self.type(n)}')
        for s, maps in enumerate(self.states):
            lines.append(f"  sdfg.state @s{s} {{")
            used = sorted({a for m in maps for a in m.arrays()})
            for a in used:
                lines.append(f"    %{a}_a = sdfg.access %{a} : {self.type(a)}")
            for m in maps:
                lines.extend(m.text(self))
            lines.append("  }")
        for s in range(len(self.states) - 1):
            lines.append(f"  sdfg.edge @s{s} -> @s{s + 1}")
        lines.append("}")
        return "\n".join(lines) + "\n"


class Map:
    """One map: `params` over inclusive ranges (lo, hi), loads
    [(connector, array, [index...])] where an index is a parameter name or
    (parameter, offset), a tasklet `body` (MLIR lines computing %out from
    the connectors; %{name} constants allowed) and stores
    [(value, array, [index...], wcr or None)], value a tasklet result."""

    def __init__(self, params, ranges, loads, body, stores, outs=("out",)):
        self.params, self.ranges = params, ranges
        self.loads, self.body, self.stores, self.outs = loads, body, stores, outs

    def arrays(self):
        return [a for _, a, _ in self.loads] + [a for _, a, _, _ in self.stores]

    def text(self, sdfg):
        lo = ", ".join(str(r[0]) for r in self.ranges)
        hi = ", ".join(str(r[1]) for r in self.ranges)
        ps = ", ".join("%" + p for p in self.params)
        lines = [f"    sdfg.map ({ps}) = ({lo}) through ({hi}) schedule cpu_multicore {{"]
        offsets = {}

        def index(ix):
            if isinstance(ix, str):
                return "%" + ix
            p, off = ix
            name = f"%{p}_{'p' if off > 0 else 'm'}{abs(off)}"
            if name not in offsets:
                offsets[name] = (f"      %c{abs(off)}_{name[1:]} = arith.constant {abs(off)} : index",
                                 f"      {name} = arith.{'addi' if off > 0 else 'subi'} %{p}, "
                                 f"%c{abs(off)}_{name[1:]} : index")
                lines.extend(offsets[name])
            return name

        for conn, array, ixs in self.loads:
            idx = ", ".join(index(i) for i in ixs)
            lines.append(f"      %{conn}_v = sdfg.load %{array}_a[{idx}] : {sdfg.type(array)}")
        conns = [c for c, _, _ in self.loads]
        binds = ", ".join(f"%{c} = %{c}_v" for c in conns)
        types = ", ".join(["f32"] * len(conns))
        results = ", ".join("%" + o for o in self.outs)
        out_types = ", ".join(["f32"] * len(self.outs))
        if len(self.outs) > 1:
            out_types = f"({out_types})"
        lines.append(f"      {results} = sdfg.tasklet({binds}) : ({types}) -> {out_types}")
        in_names = ", ".join(f'"{c}"' for c in conns)
        out_names = ", ".join(f'"{o}"' for o in self.outs)
        lines.append(f"          attributes {{in_connectors = [{in_names}], "
                     f"out_connectors = [{out_names}]}} {{")
        for line in self.body.strip().splitlines():
            lines.append("        " + line.strip())
        lines.append("      }")
        for value, array, ixs, wcr in self.stores:
            idx = ", ".join(index(i) for i in ixs)
            w = f" wcr {wcr}" if wcr else ""
            lines.append(f"      sdfg.store %{value}, %{array}_a[{idx}]{w} : {sdfg.type(array)}")
        lines.append("    }")
        return lines


def zero(array, params, ranges):
    """A map writing 0 to every element."""
    return Map(params, ranges, [], "%z = arith.constant 0.0 : f32\nsdfg.return %z : f32",
               [("out", array, params, None)])


def scale(array, params, ranges, factor):
    """A map: array *= factor."""
    return Map(params, ranges, [("x", array, params)],
               f"%f = arith.constant {factor} : f32\n%m = arith.mulf %x, %f : f32\n"
               "sdfg.return %m : f32", [("out", array, params, None)])


def ranges(*names):
    return [(0, f"${{{n}_1}}") for n in names]


GEMM = Sdfg([("C", "${NI}x${NJ}"), ("A", "${NI}x${NK}"), ("B", "${NK}x${NJ}")]).state(
    scale("C", ["i", "j"], ranges("NI", "NJ"), 1.2)).state(
    Map(["i", "j", "k"], ranges("NI", "NJ", "NK"), [("a", "A", ["i", "k"]), ("b", "B", ["k", "j"])],
        """%alpha = arith.constant 1.5 : f32
        %0 = arith.mulf %alpha, %a : f32
        %1 = arith.mulf %0, %b : f32
        sdfg.return %1 : f32""", [("out", "C", ["i", "j"], "add")])).text()

MM2 = Sdfg([("A", "${NI}x${NK}"), ("B", "${NK}x${NJ}"), ("C", "${NJ}x${NL}"),
            ("D", "${NI}x${NL}")], [("tmp", "${NI}x${NJ}")]).state(
    zero("tmp", ["i", "j"], ranges("NI", "NJ"))).state(
    Map(["i", "j", "k"], ranges("NI", "NJ", "NK"), [("a", "A", ["i", "k"]), ("b", "B", ["k", "j"])],
        """%alpha = arith.constant 1.5 : f32
        %0 = arith.mulf %alpha, %a : f32
        %1 = arith.mulf %0, %b : f32
        sdfg.return %1 : f32""", [("out", "tmp", ["i", "j"], "add")])).state(
    scale("D", ["i", "j"], ranges("NI", "NL"), 1.2)).state(
    Map(["i", "j", "k"], ranges("NI", "NL", "NJ"), [("t", "tmp", ["i", "k"]), ("c", "C", ["k", "j"])],
        """%0 = arith.mulf %t, %c : f32
        sdfg.return %0 : f32""", [("out", "D", ["i", "j"], "add")])).text()

ATAX = Sdfg([("A", "${M}x${N}"), ("x", "${N}"), ("y", "${N}")], [("tmp", "${M}")]).state(
    zero("y", ["j"], ranges("N")), zero("tmp", ["i"], ranges("M"))).state(
    Map(["i", "j"], ranges("M", "N"), [("a", "A", ["i", "j"]), ("v", "x", ["j"])],
        """%0 = arith.mulf %a, %v : f32
        sdfg.return %0 : f32""", [("out", "tmp", ["i"], "add")])).state(
    Map(["i", "j"], ranges("M", "N"), [("a", "A", ["i", "j"]), ("t", "tmp", ["i"])],
        """%0 = arith.mulf %a, %t : f32
        sdfg.return %0 : f32""", [("out", "y", ["j"], "add")])).text()

MVT = Sdfg([("x1", "${N}"), ("x2", "${N}"), ("y1", "${N}"), ("y2", "${N}"),
            ("A", "${N}x${N}")]).state(
    Map(["i", "j"], ranges("N", "N"), [("a", "A", ["i", "j"]), ("v", "y1", ["j"])],
        """%0 = arith.mulf %a, %v : f32
        sdfg.return %0 : f32""", [("out", "x1", ["i"], "add")])).state(
    Map(["i", "j"], ranges("N", "N"), [("a", "A", ["j", "i"]), ("v", "y2", ["j"])],
        """%0 = arith.mulf %a, %v : f32
        sdfg.return %0 : f32""", [("out", "x2", ["i"], "add")])).text()

GESUMMV = Sdfg([("A", "${N}x${N}"), ("B", "${N}x${N}"), ("x", "${N}"), ("y", "${N}")],
               [("tmp", "${N}")]).state(
    zero("tmp", ["i"], ranges("N")), zero("y", ["i"], ranges("N"))).state(
    Map(["i", "j"], ranges("N", "N"),
        [("a", "A", ["i", "j"]), ("b", "B", ["i", "j"]), ("v", "x", ["j"])],
        """%0 = arith.mulf %a, %v : f32
        %1 = arith.mulf %b, %v : f32
        sdfg.return %0, %1 : f32, f32""",
        [("t", "tmp", ["i"], "add"), ("u", "y", ["i"], "add")], outs=("t", "u"))).state(
    Map(["i"], ranges("N"), [("t", "tmp", ["i"]), ("u", "y", ["i"])],
        """%alpha = arith.constant 1.5 : f32
        %beta = arith.constant 1.2 : f32
        %0 = arith.mulf %alpha, %t : f32
        %1 = arith.mulf %beta, %u : f32
        %2 = arith.addf %0, %1 : f32
        sdfg.return %2 : f32""", [("out", "y", ["i"], None)])).text()


# bicg: s := A^T r and q := A p in one map over A, as PolyBench's loop.
BICG = Sdfg([("A", "${N}x${M}"), ("s", "${M}"), ("q", "${N}"), ("p", "${M}"),
             ("r", "${N}")]).state(
    zero("s", ["j"], ranges("M")), zero("q", ["i"], ranges("N"))).state(
    Map(["i", "j"], ranges("N", "M"),
        [("a", "A", ["i", "j"]), ("ri", "r", ["i"]), ("pj", "p", ["j"])],
        """%0 = arith.mulf %ri, %a : f32
        %1 = arith.mulf %a, %pj : f32
        sdfg.return %0, %1 : f32, f32""",
        [("x", "s", ["j"], "add"), ("y", "q", ["i"], "add")], outs=("x", "y"))).text()


def tasklet(generic_body, constants):
    """A tasklet body from a linalg.generic body (polybench_stencils.py): the
    block arguments become the connectors of the same names, the yield a
    return, and `constants` {name: value} are defined first."""
    lines = [f"%{n} = arith.constant {v} : f32" for n, v in constants.items()]
    for line in generic_body.strip().splitlines()[1:]:  # without ^bb0
        lines.append(line.strip().replace("linalg.yield", "sdfg.return"))
    return "\n".join(lines)


def jacobi_1d_sweep(src, dst):
    return Map(["i"], [(1, "${N_2}")],
               [("l", src, [("i", -1)]), ("c", src, ["i"]), ("r", src, [("i", 1)])],
               tasklet(JACOBI_1D_BODY, {"third": 0.33333}), [("out", dst, ["i"], None)])


JACOBI_1D = Sdfg([("A", "${N}"), ("B", "${N}")]).state(
    jacobi_1d_sweep("A", "B")).state(jacobi_1d_sweep("B", "A")).text()


def jacobi_2d_sweep(src, dst):
    return Map(["i", "j"], [(1, "${N_2}"), (1, "${N_2}")],
               [("vc", src, ["i", "j"]), ("vw", src, ["i", ("j", -1)]),
                ("ve", src, ["i", ("j", 1)]), ("vs", src, [("i", 1), "j"]),
                ("vn", src, [("i", -1), "j"])],
               tasklet(JACOBI_2D_BODY, {"fifth": 0.2}), [("out", dst, ["i", "j"], None)])


JACOBI_2D = Sdfg([("A", "${N}x${N}"), ("B", "${N}x${N}")]).state(
    jacobi_2d_sweep("A", "B")).state(jacobi_2d_sweep("B", "A")).text()


def heat_3d_sweep(src, dst):
    c = ["i", "j", "k"]
    return Map(c, [(1, "${N_2}")] * 3,
               [("c", src, c), ("ip", src, [("i", 1), "j", "k"]), ("im", src, [("i", -1), "j", "k"]),
                ("jp", src, ["i", ("j", 1), "k"]), ("jm", src, ["i", ("j", -1), "k"]),
                ("kp", src, ["i", "j", ("k", 1)]), ("km", src, ["i", "j", ("k", -1)])],
               tasklet(HEAT_3D_BODY, {"two": 2.0, "eighth": 0.125}), [("out", dst, c, None)])


HEAT_3D = Sdfg([("A", "${N}x${N}x${N}"), ("B", "${N}x${N}x${N}")]).state(
    heat_3d_sweep("A", "B")).state(heat_3d_sweep("B", "A")).text()

# kernel name -> SDFG template
TEMPLATES = {
    "gemm": GEMM, "2mm": MM2, "atax": ATAX, "bicg": BICG, "mvt": MVT, "gesummv": GESUMMV,
    "jacobi-1d": JACOBI_1D, "jacobi-2d": JACOBI_2D, "heat-3d": HEAT_3D,
}
