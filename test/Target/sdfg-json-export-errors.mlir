// What --sdfg-to-json cannot express in DaCe's JSON is a located error.
// RUN: pk-translate --sdfg-to-json %s --split-input-file --verify-diagnostics

// expected-error @below {{sdfg-to-json: expected exactly one public 'sdfg.sdfg' at the top level of the module (nested SDFGs are private), found 2}}
module {
  sdfg.sdfg @one() entry @s {
    sdfg.state @s {}
  }
  sdfg.sdfg @two() entry @s {
    sdfg.state @s {}
  }
}

// -----

sdfg.sdfg @select(%A: memref<4xf32> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    sdfg.map (%i) = (0) through (3) {
      %x = sdfg.load %a[%i] : memref<4xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        %zero = arith.constant 0.0 : f32
        %pos = arith.cmpf ogt, %v, %zero : f32
        // expected-error @+1 {{'arith.select' op has no Python equivalent that sdfg-to-json can write into tasklet code}}
        %r = arith.select %pos, %v, %zero : f32
        sdfg.return %r : f32
      }
      sdfg.store %y, %a[%i] : memref<4xf32>
    }
  }
}

// -----

sdfg.sdfg @callee(%x: memref<1xf64> {name = "x"}) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}

sdfg.sdfg @inout_to_memory(%A: memref<4xf64> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf64>
    %c0 = arith.constant 0 : index
    %v = sdfg.tasklet() : () -> f64 {
      %one = arith.constant 1.0 : f64
      sdfg.return %one : f64
    }
    %r = sdfg.call @callee(%v) symbols [] () outputs [0] : (f64) -> f64
    // expected-error @+1 {{'sdfg.store' op stores the result of a nested SDFG argument that reads a code node's value; DaCe would pass the stored element instead of the value (store it through a tasklet)}}
    sdfg.store %r, %a[%c0] : memref<4xf64>
  }
}

// -----

sdfg.sdfg @callee(%x: f64 {name = "x"}) entry @s attributes {sym_visibility = "private"} {
  sdfg.state @s {}
}

sdfg.sdfg @constant_operand() entry @s {
  sdfg.state @s {
    %c = arith.constant 1.0 : f64
    // expected-error @+1 {{'sdfg.call' op passes operand 0 from an op that sdfg-to-json cannot express as a memlet (loads, access nodes, code nodes and scalar arguments)}}
    sdfg.call @callee(%c) symbols [] () outputs [] : (f64) -> ()
  }
}

// -----

// expected-error @+1 {{sdfg-to-json: data container 'A' has element type 'bf16', which DaCe's JSON cannot describe}}
sdfg.sdfg @bf16(%A: memref<4xbf16> {name = "A"}) entry @s {
  sdfg.state @s {}
}

// -----

sdfg.sdfg @index_expr(%A: memref<4xf32> {name = "A"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    sdfg.map (%i) = (0) through (3) {
      %c2 = arith.constant 2 : index
      // expected-error @+1 {{'arith.remsi' op cannot be written as a DaCe symbolic expression}}
      %j = arith.remsi %i, %c2 : index
      %x = sdfg.load %a[%j] : memref<4xf32>
      %y = sdfg.tasklet(%v = %x) : (f32) -> f32 {
        sdfg.return %v : f32
      }
      sdfg.store %y, %a[%i] : memref<4xf32>
    }
  }
}
