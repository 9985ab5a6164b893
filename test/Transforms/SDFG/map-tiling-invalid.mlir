// RUN: pk-opt %s --sdfg-map-tiling="tile-sizes=4" -verify-diagnostics
// RUN: not pk-opt %s --sdfg-map-tiling 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: error: sdfg-map-tiling: 'tile-sizes' is empty

sdfg.sdfg @dynamic_step() entry @s symbols {S = i64} {
  sdfg.state @s {
    %s = sdfg.sym "S" : index
    // expected-error @+1 {{'sdfg.map' op dimension #0 has a non-constant or negative step; sdfg-map-tiling tiles dimensions with constant positive steps}}
    sdfg.map (%i) = (0) through (7) step (%s) {
    }
  }
}
