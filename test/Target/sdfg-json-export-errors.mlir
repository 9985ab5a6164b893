// What --sdfg-to-json cannot express in DaCe's JSON is a located error.
// RUN: pk-translate --sdfg-to-json %s --split-input-file --verify-diagnostics

// expected-error @below {{sdfg-to-json: expected exactly one 'sdfg.sdfg' at the top level of the module, found 2}}
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

sdfg.sdfg @copy_in_map(%A: memref<4xf32> {name = "A"}, %B: memref<4xf32> {name = "B"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<4xf32>
    %b = sdfg.access %B : memref<4xf32>
    sdfg.map (%i) = (0) through (3) {
      %x = sdfg.load %a[%i] : memref<4xf32>
      // expected-error @+1 {{'sdfg.store' op stores a loaded value directly inside a map; sdfg-to-json needs a tasklet between them}}
      sdfg.store %x, %b[%i] : memref<4xf32>
    }
  }
}

// -----

// expected-error @+1 {{sdfg-to-json: rank-0 memref argument 'A' has no DaCe equivalent (a Scalar argument is passed by value)}}
sdfg.sdfg @rank0(%A: memref<f32> {name = "A"}) entry @s {
  sdfg.state @s {}
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
