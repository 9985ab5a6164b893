// RUN: pk-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// sdfg.sdfg
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'sdfg.sdfg' op argument #1 must be a memref or a scalar (integer, index, float or complex), got 'tensor<4xf32>'}}
sdfg.sdfg @tensor_arg(%A: memref<4xf32>, %T: tensor<4xf32>) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op symbol name '2N' is not an identifier}}
sdfg.sdfg @bad_symbol_name() entry @s symbols {"2N" = i32} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op symbol 'N' must be declared with a type, got 3 : i64}}
sdfg.sdfg @symbol_without_type() entry @s symbols {N = 3} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op symbol 'N' must have an integer, index or float type, got 'memref<4xi32>'}}
sdfg.sdfg @symbol_bad_type() entry @s symbols {N = memref<4xi32>} {
  sdfg.state @s {}
}

// -----

sdfg.sdfg @foreign_op() entry @s {
  sdfg.state @s {}
  // expected-error @+1 {{'arith.constant' op is not allowed in an 'sdfg.sdfg' body, which holds only 'sdfg.state' and 'sdfg.edge' ops}}
  %c = arith.constant 0 : index
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op must contain at least one 'sdfg.state'}}
sdfg.sdfg @no_states() entry @s {
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op entry state @missing does not name a state of this SDFG}}
sdfg.sdfg @entry_missing() entry @missing {
  sdfg.state @s {}
}

// -----

// States are symbols of their SDFG: names are unique.
sdfg.sdfg @duplicate_state() entry @s {
  // expected-note @+1 {{see existing symbol definition here}}
  sdfg.state @s {}
  // expected-error @+1 {{redefinition of symbol named 's'}}
  sdfg.state @s {}
}

// -----

//===----------------------------------------------------------------------===//
// sdfg.state
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'sdfg.state' op expects parent op 'sdfg.sdfg'}}
sdfg.state @orphan {}

// -----

//===----------------------------------------------------------------------===//
// sdfg.edge
//===----------------------------------------------------------------------===//

sdfg.sdfg @edge_unknown_source() entry @a {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op source state @nowhere does not exist in the enclosing 'sdfg.sdfg' @edge_unknown_source}}
  sdfg.edge @nowhere -> @a
}

// -----

sdfg.sdfg @edge_unknown_dest() entry @a {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op destination state @b does not exist in the enclosing 'sdfg.sdfg' @edge_unknown_dest}}
  sdfg.edge @a -> @b
}

// -----

sdfg.sdfg @edge_empty_condition() entry @a {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op condition must not be empty; an unconditional edge has condition "1"}}
  sdfg.edge @a -> @a if "  "
}

// -----

sdfg.sdfg @edge_comparison_as_assignment() entry @a {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op assignment #1 "i == 0" is not of the form "symbol = expression"}}
  sdfg.edge @a -> @a assign ["j = 1", "i == 0"]
}

// -----

sdfg.sdfg @edge_assigns_twice() entry @a {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op assignment #2 assigns symbol 'i' a second time}}
  sdfg.edge @a -> @a assign ["i = 0", "j = i", "i = j + 1"]
}

// -----

//===----------------------------------------------------------------------===//
// sdfg.map
//===----------------------------------------------------------------------===//

sdfg.sdfg @map_outside_state() entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> i32 {
      // expected-error @+1 {{'sdfg.map' op expects parent op to be one of 'sdfg.state, sdfg.map'}}
      sdfg.map (%i) = (0) through (3) {
      }
      %c = arith.constant 0 : i32
      sdfg.return %c : i32
    }
  }
}

// -----

sdfg.sdfg @map_no_params() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op expects at least one parameter}}
    sdfg.map () = () through () {
    }
  }
}

// -----

sdfg.sdfg @map_param_not_index() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op parameter #0 must have type 'index', got 'i32'}}
    "sdfg.map"() <{operandSegmentSizes = array<i32: 0, 0, 0>,
                   static_lower_bounds = array<i64: 0>,
                   static_upper_bounds = array<i64: 3>,
                   static_steps = array<i64: 1>}> ({
    ^bb0(%i: i32):
      "sdfg.yield"() : () -> ()
    }) : () -> ()
  }
}

// -----

sdfg.sdfg @map_lower_bound_count() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op has 2 parameters but 1 lower bounds}}
    sdfg.map (%i, %j) = (0) through (3, 3) {
    }
  }
}

// -----

sdfg.sdfg @map_upper_bound_count(%n: index) entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op has 1 parameters but 2 upper bounds}}
    sdfg.map (%i) = (0) through (%n, 3) {
    }
  }
}

// -----

sdfg.sdfg @map_step_count() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op has 2 parameters but 3 steps}}
    sdfg.map (%i, %j) = (0, 0) through (3, 3) step (1, 1, 1) {
    }
  }
}

// -----

sdfg.sdfg @map_dynamic_count() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op 'static_upper_bounds' marks 1 dynamic entries but there are 0 'dynamic_upper_bounds' operands}}
    "sdfg.map"() <{operandSegmentSizes = array<i32: 0, 0, 0>,
                   static_lower_bounds = array<i64: 0>,
                   static_upper_bounds = array<i64: -9223372036854775808>,
                   static_steps = array<i64: 1>}> ({
    ^bb0(%i: index):
      "sdfg.yield"() : () -> ()
    }) : () -> ()
  }
}

// -----

sdfg.sdfg @map_zero_step(%n: index) entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.map' op step #1 must be non-zero}}
    sdfg.map (%i, %j) = (0, 0) through (%n, 7) step (%n, 0) {
    }
  }
}

// -----

sdfg.sdfg @map_unknown_schedule() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{unknown schedule 'gpu_block', expected one of: sequential, cpu_multicore, gpu_device}}
    sdfg.map (%i) = (0) through (3) schedule gpu_block {
    }
  }
}

// -----

//===----------------------------------------------------------------------===//
// sdfg.tasklet
//===----------------------------------------------------------------------===//

sdfg.sdfg @tasklet_type_count(%x: f32) entry @s {
  sdfg.state @s {
    // expected-error @+1 {{expected 1 input types, got 2}}
    %r = sdfg.tasklet(%a = %x) : (f32, f32) -> f32 {
      sdfg.return %a : f32
    }
  }
}

// -----

sdfg.sdfg @tasklet_arg_count(%x: f32) entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.tasklet' op has 1 inputs but its body takes 2 arguments}}
    %r = "sdfg.tasklet"(%x) ({
    ^bb0(%a: f32, %b: f32):
      "sdfg.return"(%a) : (f32) -> ()
    }) : (f32) -> f32
  }
}

// -----

sdfg.sdfg @tasklet_arg_type(%x: f32, %y: i32) entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.tasklet' op body argument #1 has type 'f32' but input #1 has type 'i32'}}
    %r = "sdfg.tasklet"(%x, %y) ({
    ^bb0(%a: f32, %b: f32):
      "sdfg.return"(%a) : (f32) -> ()
    }) : (f32, i32) -> f32
  }
}

// -----

// A tasklet sees only its connectors: outer values are not even in scope.
sdfg.sdfg @tasklet_captures(%x: f32) entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> f32 {
      // expected-error @+1 {{use of undeclared SSA value name}}
      sdfg.return %x : f32
    }
  }
}

// -----

sdfg.sdfg @tasklet_outside_state(%x: f32) entry @s {
  sdfg.state @s {}
  // expected-error @+1 {{'sdfg.tasklet' op expects parent op to be one of 'sdfg.state, sdfg.map'}}
  %r = sdfg.tasklet(%a = %x) : (f32) -> f32 {
    sdfg.return %a : f32
  }
}

// -----

//===----------------------------------------------------------------------===//
// Terminators
//===----------------------------------------------------------------------===//

sdfg.sdfg @return_count(%x: f32) entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet(%a = %x) : (f32) -> f32 {
      // expected-error @+1 {{'sdfg.return' op returns 2 values but the enclosing 'sdfg.tasklet' has 1 results}}
      sdfg.return %a, %a : f32, f32
    }
  }
}

// -----

sdfg.sdfg @return_type(%x: f32) entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet(%a = %x) : (f32) -> f64 {
      // expected-error @+1 {{'sdfg.return' op operand #0 has type 'f32' but tasklet result #0 has type 'f64'}}
      sdfg.return %a : f32
    }
  }
}

// -----

func.func @return_outside_tasklet() {
  // expected-error @+1 {{'sdfg.return' op expects parent op 'sdfg.tasklet'}}
  sdfg.return
}

// -----

sdfg.sdfg @yield_outside_map() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.yield' op expects parent op 'sdfg.map'}}
    sdfg.yield
  }
}
