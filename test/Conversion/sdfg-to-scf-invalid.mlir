// What convert-sdfg-to-scf cannot lower is a located error.
// RUN: pk-opt %s --convert-sdfg-to-scf --split-input-file -verify-diagnostics

sdfg.sdfg @transient_sized_by_loop(%A: memref<4xf32>) entry @s symbols {i = i64} {
  // expected-error @+1 {{'sdfg.alloc' op is sized by symbol 'i', which an interstate edge assigns, and used in 2 states; the lowering allocates such a transient in the one state that uses it}}
  %t = sdfg.alloc "t" shape ["i"] : memref<?xf32>
  sdfg.state @s {
    %ta = sdfg.access %t : memref<?xf32>
  }
  sdfg.state @u {
    %ta = sdfg.access %t : memref<?xf32>
  }
  sdfg.edge @s -> @u if "i < 3" assign ["i = i + 1"]
  sdfg.edge @u -> @s
}

// -----

sdfg.sdfg @bad_condition() entry @s symbols {i = i64} {
  sdfg.state @s {}
  // expected-error @+1 {{'sdfg.edge' op cannot lower condition "i < x": unknown name 'x'}}
  sdfg.edge @s -> @s if "i < x" assign ["i = i + 1"]
}

// -----

sdfg.sdfg @bad_assignment() entry @s symbols {i = i64} {
  sdfg.state @s {}
  // expected-error @+1 {{'sdfg.edge' op cannot lower assignment "i + y": unknown name 'y'}}
  sdfg.edge @s -> @s if "i < 3" assign ["i = i + y"]
}

// -----

sdfg.sdfg @caller(%A: memref<4xf64> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf64>
    // expected-error @+1 {{'sdfg.call' op calls 'callee', which is not lowered yet (a callee comes before its callers)}}
    sdfg.call @callee(%a) symbols [] () outputs [] : (memref<4xf64>) -> ()
  }
}
sdfg.sdfg @callee(%A: memref<4xf64> {name = "A"}) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
