// An SDFG with scalar data (alpha, K) and an integer division: out = (a / d + K) * alpha.
sdfg.sdfg @divide(%a: memref<?xi32> {name = "a", shape = ["N"]},
                  %d: memref<?xi32> {name = "d", shape = ["N"]},
                  %alpha: f32 {name = "alpha"},
                  %K: i32 {name = "K"},
                  %out: memref<?xf32> {name = "out", shape = ["N"]})
    entry @compute symbols {N = i64} {
  sdfg.state @compute {
    %as = sdfg.access %a : memref<?xi32>
    %ds = sdfg.access %d : memref<?xi32>
    %os = sdfg.access %out : memref<?xf32>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) {
      %x = sdfg.load %as[%i] : memref<?xi32>
      %y = sdfg.load %ds[%i] : memref<?xi32>
      %r = sdfg.tasklet(%in_x = %x, %in_y = %y, %s = %alpha, %k = %K) : (i32, i32, f32, i32) -> f32 {
        %q = arith.divsi %in_x, %in_y : i32
        %t = arith.addi %q, %k : i32
        %f = arith.sitofp %t : i32 to f32
        %m = arith.mulf %f, %s : f32
        sdfg.return %m : f32
      }
      sdfg.store %r, %os[%i] : memref<?xf32>
    }
  }
}
