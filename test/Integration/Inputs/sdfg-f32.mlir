// An f32 kernel as pk writes it: f32 constants and an index converted to
// f32, B[i] = A[i] * 0.1 + i + A[i] / 3 computed in single precision.
sdfg.sdfg @scale32(%A: memref<8xf32> {name = "A"},
                   %B: memref<8xf32> {name = "B"}) entry @s {
  sdfg.state @s {
    %a = sdfg.access %A : memref<8xf32>
    %b = sdfg.access %B : memref<8xf32>
    sdfg.map (%i) = (0) through (7) schedule cpu_multicore {
      %v = sdfg.load %a[%i] : memref<8xf32>
      %r = sdfg.tasklet(%x = %v, %j = %i) : (f32, index) -> f32
          attributes {in_connectors = ["x", "j"], out_connectors = ["y"]} {
        %tenth = arith.constant 0.1 : f32
        %three = arith.constant 3.0 : f32
        %ji = arith.index_cast %j : index to i64
        %jf = arith.sitofp %ji : i64 to f32
        %m = arith.mulf %x, %tenth : f32
        %s = arith.addf %m, %jf : f32
        %d = arith.divf %x, %three : f32
        %t = arith.addf %s, %d : f32
        sdfg.return %t : f32
      }
      sdfg.store %r, %b[%i] : memref<8xf32>
    }
  }
}
