//===- Passes.td - data-centric transformations on sdfg ----*- tablegen -*-===//
//
// DaCe's classic transformations, on the sdfg dialect.
//
//===----------------------------------------------------------------------===//

#ifndef PK_DIALECT_SDFG_TRANSFORMS_PASSES_TD
#define PK_DIALECT_SDFG_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SDFGMapTiling : Pass<"sdfg-map-tiling", "::mlir::ModuleOp"> {
  let summary = "Tile the outermost maps of every state (DaCe's MapTiling)";
  let description = [{
    Splits each outermost map (a map directly in a state) with at least as
    many parameters as `tile-sizes` has entries into an outer map over tile
    origins and an inner `sequential` map over one tile. For a dimension
    `i = lb through ub step s` with tile size `T > 0` the outer map has
    `t = lb through ub step s*T` (the original schedule) and the inner map
    `i = t through min(t + s*(T-1), ub) step s`; dimensions with tile size 0
    (and those past the end of `tile-sizes`) stay whole in the inner map.
    Tiled dimensions need constant positive steps.

    ```
    pk-opt --sdfg-map-tiling="tile-sizes=32,32" kernel.mlir
    ```
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "tile size per map dimension (0: not tiled)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def SDFGMapCollapse : Pass<"sdfg-map-collapse", "::mlir::ModuleOp"> {
  let summary = "Merge perfectly nested maps into one (DaCe's MapCollapse)";
  let description = [{
    A map whose body is nothing but another map, whose bounds and steps do
    not depend on the outer parameters, becomes one map over the
    parameters of both (outer first) with the outer map's schedule. Repeats
    until no such pair is left.
  }];
}

def SDFGMapInterchange : Pass<"sdfg-map-interchange", "::mlir::ModuleOp"> {
  let summary = "Permute the dimensions of maps (DaCe's MapInterchange on "
                "collapsed maps)";
  let description = [{
    Reorders the parameters of every map with exactly as many parameters as
    `permutation` has entries: new dimension `k` is old dimension
    `permutation[k]`. A map's iterations are unordered, so the result
    computes the same; the order matters for how the lowering nests loops.
  }];
  let options = [
    ListOption<"permutation", "permutation", "int64_t",
               "new position k takes old dimension permutation[k]">
  ];
}

def SDFGMapFusion : Pass<"sdfg-map-fusion", "::mlir::ModuleOp"> {
  let summary = "Fuse adjacent maps with equal ranges (DaCe's MapFusion)";
  let description = [{
    Two maps that follow each other in a state, with the same bounds, steps
    and schedule, become one when every container one writes and the other
    touches is accessed only at the map parameters themselves (`A[i, j]` in
    a map over `(i, j)`), without write-conflict resolution and not as a
    whole-array tasklet input: each iteration then reads exactly what the
    same iteration of the first map wrote. Side-effect-free ops between the
    two maps are moved before the first. Repeats until no pair is left.
  }];
}

def SDFGEliminateRedundantCopies
    : Pass<"sdfg-eliminate-redundant-copies", "::mlir::ModuleOp"> {
  let summary = "Drop copies between containers known to hold the same data "
                "(e.g. host-to-device copies around GPU maps)";
  let description = [{
    A whole-container `sdfg.copy` from `x` to `y` makes `x` and `y` equal
    until either is written (a store, a copy into it, or a map or tasklet
    that writes it). A later copy between the two while they are equal
    does nothing and is erased. The knowledge flows through a state and
    into the next one when the two are joined by the only edge out of the
    first and into the second, unconditional and without assignments: the
    copy-out after one GPU map followed by the copy-in before the next.
  }];
}

#endif // PK_DIALECT_SDFG_TRANSFORMS_PASSES_TD
