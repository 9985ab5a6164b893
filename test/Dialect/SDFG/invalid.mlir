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
  // expected-error @+1 {{'arith.constant' op is not allowed in an 'sdfg.sdfg' body, which holds only 'sdfg.state', 'sdfg.edge' and 'sdfg.alloc' ops}}
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

// Symbols are Python integers: a constant that needs more than 64 bits has
// no faithful lowering.
sdfg.sdfg @edge_assignment_overflows() entry @a symbols {i = i64} {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op assignment #1 value "i + 2 ** 63": '(2 ** 63)' overflows 64-bit integers}}
  sdfg.edge @a -> @a assign ["j = 1", "i = i + 2 ** 63"]
}

// -----

sdfg.sdfg @edge_condition_overflows() entry @a symbols {i = i64} {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op condition "i < 9223372036854775807 + 1": '(9223372036854775807 + 1)' overflows 64-bit integers}}
  sdfg.edge @a -> @a if "i < 9223372036854775807 + 1"
}

// -----

sdfg.sdfg @edge_assignment_syntax() entry @a symbols {i = i64} {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op assignment #0 value "i + [": unexpected '[' (not supported) at column 5 of 'i + ['}}
  sdfg.edge @a -> @a assign ["i = i + ["]
}

// -----

sdfg.sdfg @edge_condition_syntax() entry @a symbols {i = i64} {
  sdfg.state @a {}
  // expected-error @+1 {{'sdfg.edge' op condition "i <": expected an expression at column 4 of 'i <'}}
  sdfg.edge @a -> @a if "i <"
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

// -----

//===----------------------------------------------------------------------===//
// Data descriptors
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'sdfg.sdfg' op argument #0 has type 'memref<?xf32>' with dynamic dimensions but no symbolic 'shape'}}
sdfg.sdfg @dyn_no_shape(%A: memref<?xf32>) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 has rank 2 but its 'shape' has 1 entries}}
sdfg.sdfg @shape_rank(%A: memref<?x4xf32> {shape = ["N"]}) entry @s symbols {N = i64} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #1 is 4 but its shape entry says 5}}
sdfg.sdfg @shape_static(%A: memref<?x4xf32> {shape = ["N", "5"]}) entry @s symbols {N = i64} {
  sdfg.state @s {}
}

// -----

// A constant shape entry is checked by its value, not its spelling.
// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 4 but its shape entry says 8}}
sdfg.sdfg @shape_static_expression(%A: memref<4xf32> {shape = ["2 ** 3"]}) entry @s {
  sdfg.state @s {}
}

// -----

// Constant shape entries take Python's integer semantics: `//` and `%`
// floor (the remainder has the divisor's sign); `/` truncates, as in the
// C++ DaCe generates.
// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -4}}
sdfg.sdfg @shape_floor(%A: memref<2xf32> {shape = ["-7 // 2"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says 1}}
sdfg.sdfg @shape_floor_mod(%A: memref<2xf32> {shape = ["-7 % 2"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -4}}
sdfg.sdfg @shape_floor_negative_divisor(%A: memref<2xf32> {shape = ["7 // -2"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -1}}
sdfg.sdfg @shape_floor_mod_negative_divisor(%A: memref<2xf32> {shape = ["7 % -2"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says 1}}
sdfg.sdfg @shape_sympy_mod(%A: memref<2xf32> {shape = ["Mod(-7, 2)"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -3}}
sdfg.sdfg @shape_int_ceil(%A: memref<2xf32> {shape = ["int_ceil(-7, 2)"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -3}}
sdfg.sdfg @shape_ceiling(%A: memref<2xf32> {shape = ["ceiling(-7 / 2)"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -3}}
sdfg.sdfg @shape_int_division_truncates(%A: memref<2xf32> {shape = ["-7 / 2"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says 0}}
sdfg.sdfg @shape_min_mod_minus_one(%A: memref<2xf32> {shape = ["(-9223372036854775807 - 1) % -1"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -9223372036854775808}}
sdfg.sdfg @shape_shift_to_min(%A: memref<2xf32> {shape = ["-1 << 63"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -1}}
sdfg.sdfg @shape_shift_right_far(%A: memref<2xf32> {shape = ["-5 >> 70"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -9223372036854775808}}
sdfg.sdfg @shape_power_to_min(%A: memref<2xf32> {shape = ["(-2) ** 63"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 dimension #0 is 2 but its shape entry says -1}}
sdfg.sdfg @shape_power_huge_exponent(%A: memref<2xf32> {shape = ["(-1) ** 9223372036854775807"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 shape entry #0 "(-9223372036854775807 - 1) // -1": '(((-9223372036854775807) - 1) // (-1))' overflows 64-bit integers}}
sdfg.sdfg @shape_min_floordiv_minus_one(%A: memref<2xf32> {shape = ["(-9223372036854775807 - 1) // -1"]}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 shape entry #0 "N * (3037000500 * 3037000500)": '(3037000500 * 3037000500)' overflows 64-bit integers}}
sdfg.sdfg @shape_overflows(%A: memref<?xf32> {shape = ["N * (3037000500 * 3037000500)"]}) entry @s symbols {N = i64} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 shape entry #0 "M + 1" uses 'M', which is not a symbol of the SDFG}}
sdfg.sdfg @shape_unknown_symbol(%A: memref<?xf32> {shape = ["M + 1"]}) entry @s symbols {N = i64} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 shape entry #0 "N +": expected an expression at column 4 of 'N +'}}
sdfg.sdfg @shape_syntax(%A: memref<?xf32> {shape = ["N +"]}) entry @s symbols {N = i64} {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 has unknown attribute 'storage' (expected 'name', 'shape' or 'unsigned')}}
sdfg.sdfg @arg_attr(%A: memref<4xf32> {storage = 1}) entry @s {
  sdfg.state @s {}
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #1 'name' must be an identifier string, got "x y"}}
sdfg.sdfg @arg_name(%A: memref<4xf32>, %B: memref<4xf32> {name = "x y"}) entry @s {
  sdfg.state @s {}
}

// -----

sdfg.sdfg @dup_name(%A: memref<4xf32> {name = "A"}) entry @s {
  // expected-error @+1 {{data container name 'A' is used twice in 'sdfg.sdfg' @dup_name}}
  %t = sdfg.alloc "A" : memref<4xf32>
  sdfg.state @s {}
}

// -----

sdfg.sdfg @alloc_no_shape() entry @s {
  // expected-error @+1 {{'sdfg.alloc' op transient 't' has type 'memref<?xf32>' with dynamic dimensions but no symbolic 'shape'}}
  %t = sdfg.alloc "t" : memref<?xf32>
  sdfg.state @s {}
}

// -----

sdfg.sdfg @alloc_name() entry @s {
  // expected-error @+1 {{'sdfg.alloc' op data name '1t' is not an identifier}}
  %t = sdfg.alloc "1t" : memref<f32>
  sdfg.state @s {}
}

// -----

sdfg.sdfg @alloc_in_state() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.alloc' op expects parent op 'sdfg.sdfg'}}
    %t = sdfg.alloc "t" : memref<f32>
  }
}

// -----

sdfg.sdfg @alloc_storage() entry @s {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'storage' [default, cpu_heap, register, gpu_global, cpu_pinned, cpu_thread_local, gpu_shared]}}
  %t = sdfg.alloc "t" storage shared : memref<f32>
  sdfg.state @s {}
}

// -----

//===----------------------------------------------------------------------===//
// Access nodes and memlets
//===----------------------------------------------------------------------===//

sdfg.sdfg @access_not_data(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    // expected-error @+1 {{'sdfg.access' op operand 'data' must be a data container of the enclosing SDFG (an argument or an 'sdfg.alloc')}}
    %b = sdfg.access %a : memref<4xf32>
  }
}

// -----

sdfg.sdfg @access_in_map(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    sdfg.map (%i) = (0) through (3) {
      // expected-error @+1 {{'sdfg.access' op expects parent op 'sdfg.state'}}
      %a = sdfg.access %A : memref<4xf32>
    }
  }
}

// -----

sdfg.sdfg @load_not_access(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.load' op operand 'memref' must be an access node ('sdfg.access')}}
    %x = sdfg.load %A[%c0] : memref<4xf32>
  }
}

// -----

sdfg.sdfg @load_rank(%A: memref<4x4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4x4xf32>
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.load' op has 1 indices but the container has rank 2}}
    %x = sdfg.load %a[%c0] : memref<4x4xf32>
  }
}

// -----

sdfg.sdfg @load_out_of_bounds(%A: memref<4x4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4x4xf32>
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    // expected-error @+1 {{'sdfg.load' op index #1 is 4, outside dimension #1 of size 4}}
    %x = sdfg.load %a[%c0, %c4] : memref<4x4xf32>
  }
}

// -----

sdfg.sdfg @store_negative(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %m1 = arith.constant -1 : index
    %v = arith.constant 1.0 : f32
    // expected-error @+1 {{'sdfg.store' op index #0 is -1, outside dimension #0 of size 4}}
    sdfg.store %v, %a[%m1] : memref<4xf32>
  }
}

// -----

sdfg.sdfg @store_type(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %c0 = arith.constant 0 : index
    %v = arith.constant 1.0 : f64
    // expected-error @+1 {{'sdfg.store' op failed to verify that value type matches the element type of 'memref'}}
    "sdfg.store"(%v, %a, %c0) : (f64, memref<4xf32>, index) -> ()
  }
}

// -----

sdfg.sdfg @store_wcr_kind(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %c0 = arith.constant 0 : index
    %v = arith.constant 1.0 : f32
    // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'wcr' [add, mul, min, max]}}
    sdfg.store %v, %a[%c0] wcr sub : memref<4xf32>
  }
}

// -----

sdfg.sdfg @store_wcr_type(%A: memref<4xindex>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xindex>
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.store' op write-conflict resolution 'add' needs an integer or float element type, got 'index'}}
    sdfg.store %c0, %a[%c0] wcr add : memref<4xindex>
  }
}

// -----

sdfg.sdfg @copy_elements(%A: memref<4xf32>, %B: memref<4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %b = sdfg.access %B : memref<4xf64>
    // expected-error @+1 {{'sdfg.copy' op copies 'f32' elements into a container of 'f64'}}
    sdfg.copy %a to %b : memref<4xf32> to memref<4xf64>
  }
}

// -----

sdfg.sdfg @copy_shape(%A: memref<4xf32>, %B: memref<5xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %b = sdfg.access %B : memref<5xf32>
    // expected-error @+1 {{'sdfg.copy' op dimension #0 is 4 in the source but 5 in the target}}
    sdfg.copy %a to %b : memref<4xf32> to memref<5xf32>
  }
}

// -----

sdfg.sdfg @copy_in_map(%A: memref<4xf32>, %B: memref<4xf32>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %b = sdfg.access %B : memref<4xf32>
    sdfg.map (%i) = (0) through (3) {
      // expected-error @+1 {{'sdfg.copy' op expects parent op 'sdfg.state'}}
      sdfg.copy %a to %b : memref<4xf32> to memref<4xf32>
    }
  }
}

// -----

sdfg.sdfg @memref_in_state(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    %c0 = arith.constant 0 : index
    %v = arith.constant 1.0 : f32
    // expected-error @+1 {{'memref.store' op touches memory inside 'sdfg.state'; data moves only through memlets ('sdfg.load', 'sdfg.store', 'sdfg.copy') and computation happens in 'sdfg.tasklet's}}
    memref.store %v, %A[%c0] : memref<4xf32>
  }
}

// -----

sdfg.sdfg @memref_in_map(%A: memref<4xf32>) entry @s {
  sdfg.state @s {
    sdfg.map (%i) = (0) through (3) {
      // expected-error @+1 {{'memref.load' op touches memory inside 'sdfg.map'}}
      %x = memref.load %A[%i] : memref<4xf32>
    }
  }
}

// -----

sdfg.sdfg @tasklet_alloc() entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> f32 {
      // expected-error @+1 {{'memref.alloc' op allocates memory inside an 'sdfg.tasklet'; a tasklet touches only the data its memlets bring in (use a transient 'sdfg.alloc')}}
      %m = memref.alloc() : memref<f32>
      %x = memref.load %m[] : memref<f32>
      sdfg.return %x : f32
    }
  }
}

// -----

//===----------------------------------------------------------------------===//
// Symbols
//===----------------------------------------------------------------------===//

sdfg.sdfg @sym_unknown() entry @s symbols {N = i64} {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.sym' op expression "M - 1" uses 'M', which is not a symbol of the SDFG}}
    %x = sdfg.sym "M - 1" : index
  }
}

// -----

sdfg.sdfg @sym_syntax() entry @s symbols {N = i64} {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.sym' op expression "N if N else 0": unexpected 'if' (not supported) at column 3 of 'N if N else 0'}}
    %x = sdfg.sym "N if N else 0" : index
  }
}

// -----

sdfg.sdfg @sym_negation_overflows() entry @s symbols {N = i64} {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.sym' op expression "N + -(-9223372036854775807 - 1)": '(-((-9223372036854775807) - 1))' overflows 64-bit integers}}
    %x = sdfg.sym "N + -(-9223372036854775807 - 1)" : index
  }
}

// -----

// A huge exponent is not multiplied out: it overflows after a few squarings.
sdfg.sdfg @sym_power_overflows() entry @s symbols {N = i64} {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.sym' op expression "N + 3 ** 9223372036854775807": '(3 ** 9223372036854775807)' overflows 64-bit integers}}
    %x = sdfg.sym "N + 3 ** 9223372036854775807" : index
  }
}

// -----

sdfg.sdfg @sym_in_tasklet() entry @s symbols {N = i64} {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> index {
      // expected-error @+1 {{'sdfg.sym' op expects parent op to be one of 'sdfg.state, sdfg.map'}}
      %x = sdfg.sym "N" : index
      sdfg.return %x : index
    }
  }
}

// -----

sdfg.sdfg @connector_count() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.tasklet' op has 0 inputs but 'in_connectors' lists 1 names}}
    %r = sdfg.tasklet() : () -> f32 attributes {in_connectors = ["a"]} {
      %c = arith.constant 1.0 : f32
      sdfg.return %c : f32
    }
  }
}

// -----

sdfg.sdfg @connector_twice() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.tasklet' op out_connector name 'o' is used twice}}
    %r:2 = sdfg.tasklet() : () -> (f32, f32) attributes {out_connectors = ["o", "o"]} {
      %c = arith.constant 1.0 : f32
      sdfg.return %c, %c : f32, f32
    }
  }
}

// -----

sdfg.sdfg @connector_name() entry @s {
  sdfg.state @s {
    // expected-error @+1 {{'sdfg.tasklet' op out_connector name 'a b' is not an identifier}}
    %r = sdfg.tasklet() : () -> f32 attributes {out_connectors = ["a b"]} {
      %c = arith.constant 1.0 : f32
      sdfg.return %c : f32
    }
  }
}

// -----

// expected-error @+1 {{'sdfg.sdfg' op argument #0 'unsigned' must be a unit attribute on integer data, got 'memref<4xf32>'}}
sdfg.sdfg @unsigned_float(%a: memref<4xf32> {name = "a", unsigned}) entry @s {
  sdfg.state @s {}
}

// -----

sdfg.sdfg @unsigned_alloc() entry @s {
  // expected-error @+1 {{'sdfg.alloc' op is 'unsigned' but its element type 'i1' is not an integer}}
  %b = sdfg.alloc "b" unsigned : memref<4xi1>
  sdfg.state @s {}
}

// -----

sdfg.sdfg @floordiv_int() entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> i32 {
      %c = arith.constant 7 : i32
      // expected-error @+1 {{'sdfg.floordiv' op operand #0 must be floating-point, but got 'i32'}}
      %q = "sdfg.floordiv"(%c, %c) : (i32, i32) -> i32
      sdfg.return %q : i32
    }
  }
}

// -----

sdfg.sdfg @mod_complex() entry @s {
  sdfg.state @s {
    %r = sdfg.tasklet() : () -> complex<f32> {
      %c = complex.constant [1.0 : f32, 2.0 : f32] : complex<f32>
      // expected-error @+1 {{'sdfg.mod' op operand #0 must be signless integer or index or floating-point, but got 'complex<f32>'}}
      %m = "sdfg.mod"(%c, %c) : (complex<f32>, complex<f32>) -> complex<f32>
      sdfg.return %m : complex<f32>
    }
  }
}

// -----

sdfg.sdfg @caller(%A: memref<8xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf64>
    // expected-error @+1 {{'sdfg.call' op 'missing' is not an 'sdfg.sdfg' of the module}}
    sdfg.call @missing(%a) symbols [] () outputs [] : (memref<8xf64>) -> ()
  }
}

// -----

sdfg.sdfg @callee(%A: memref<4xf64>) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @caller(%A: memref<8xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf64>
    // expected-error @+1 {{'sdfg.call' op data operand #0 has type 'memref<8xf64>', incompatible with argument type 'memref<4xf64>'}}
    sdfg.call @callee(%a) symbols [] () outputs [] : (memref<8xf64>) -> ()
  }
}

// -----

sdfg.sdfg @callee(%o: memref<f64>) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @caller(%T: memref<f64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %T : memref<f64>
    // expected-error @+1 {{'sdfg.call' op output 0 is not a single-element argument passed by value}}
    %r = sdfg.call @callee(%a) symbols [] () outputs [0] : (memref<f64>) -> f64
  }
}

// -----

sdfg.sdfg @callee(%o: memref<f64>) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @caller(%x: f64) entry @s {
  sdfg.state @s {
    %c = arith.constant 1 : index
    // expected-error @+1 {{'sdfg.call' op 'callee' declares no symbol 'N'}}
    sdfg.call @callee(%x) symbols ["N"] (%c) outputs [] : (f64) -> ()
  }
}

// -----

sdfg.sdfg @callee(%A: memref<4xf64>) entry @s {
  sdfg.state @s {}
}
sdfg.sdfg @caller(%A: memref<4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf64>
    // expected-error @+1 {{'sdfg.call' op calls 'callee', which is not private (nested SDFGs are)}}
    sdfg.call @callee(%a) symbols [] () outputs [] : (memref<4xf64>) -> ()
  }
}

// -----

sdfg.sdfg @window_type(%A: memref<3x4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.window' op result must be 'memref<?xf64, strided<[1], offset: ?>>', got 'memref<?xf64>'}}
    %w = sdfg.window %a[%c0, %c0] : memref<3x4xf64> to memref<?xf64>
  }
}

// -----

sdfg.sdfg @window_indices(%A: memref<3x4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.window' op has 1 indices but the container has rank 2}}
    %w = sdfg.window %a[%c0] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
  }
}

// -----

sdfg.sdfg @window_scalar(%A: memref<f64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<f64>
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'sdfg.window' op has 1 indices but the container has rank 0}}
    %w = sdfg.window %a[%c0] : memref<f64> to memref<?xf64, strided<[1], offset: ?>>
  }
}

// -----

sdfg.sdfg @window_outside(%A: memref<3x4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    // expected-error @+1 {{'sdfg.window' op index #1 is 4, outside dimension #1 of size 4}}
    %w = sdfg.window %a[%c0, %c4] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
  }
}

// -----

sdfg.sdfg @callee(%A: memref<?xf64> {shape = ["12"]}) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}
sdfg.sdfg @window_layout(%A: memref<3x4xf64>) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<3x4xf64>
    %c0 = arith.constant 0 : index
    %w = sdfg.window %a[%c0, %c0] : memref<3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
    // expected-error @+1 {{'sdfg.call' op data operand #0 has type 'memref<?xf64, strided<[1], offset: ?>>', incompatible with argument type 'memref<?xf64>'}}
    sdfg.call @callee(%w) symbols [] () outputs [] : (memref<?xf64, strided<[1], offset: ?>>) -> ()
  }
}
