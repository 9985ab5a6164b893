#!/usr/bin/env python3
"""Summarises the loops of PTX kernels for FileCheck.

Reads PTX on stdin. For every `.entry` kernel prints one line

    kernel NAME local=N

(N: ld.local/st.local instructions, i.e. spills or stack arrays), then one
line per loop (a label and the last branch back to it), outermost first:

    loop depth=D fma=N ld.shared.v4=N ld.global.v4=N st.shared.v4=N bar.sync=N

counting the instructions of the loop body, nested loops included.
"""
import re
import sys

LABEL = re.compile(r"^(\$L__\w+):")
BRANCH = re.compile(r"\bbra(?:\.uni)?\s+(\$L__\w+);")
ENTRY = re.compile(r"^\.visible \.entry (\w+)\(")
COUNTED = ["fma.rn.f32", "ld.shared.v4", "ld.global.v4", "st.shared.v4",
           "bar.sync"]


def summarise(name, lines):
    local = sum(1 for l in lines if re.search(r"\b(ld|st)\.local\b", l))
    print(f"kernel {name} local={local}")
    labels = {}
    loops = []
    for i, line in enumerate(lines):
        m = LABEL.match(line.strip())
        if m:
            labels[m.group(1)] = i
        m = BRANCH.search(line)
        if m and m.group(1) in labels:
            loops.append((labels[m.group(1)], i))
    # A label may be branched to several times: keep the last back edge.
    last = {}
    for start, end in loops:
        last[start] = max(end, last.get(start, end))
    spans = sorted(last.items())
    for start, end in spans:
        depth = sum(1 for s, e in spans if s < start and end <= e)
        body = lines[start:end + 1]
        counts = " ".join(
            f"{op}={sum(l.count(op) for l in body)}" for op in COUNTED)
        print(f"loop depth={depth} {counts}")


def main():
    name, lines = None, []
    for line in sys.stdin:
        m = ENTRY.match(line)
        if m:
            if name:
                summarise(name, lines)
            name, lines = m.group(1), []
        elif name:
            lines.append(line.rstrip("\n"))
    if name:
        summarise(name, lines)


if __name__ == "__main__":
    main()
