// y = 2·x + y as an SDFG: one state, a CPU-parallel map over the N
// elements, a tasklet doing the arithmetic, memlets through access nodes.
//   pk-run examples/sdfg_axpy.mlir --sdfg-symbols N=1000000 --bench 10
//   pk-translate --sdfg-to-json examples/sdfg_axpy.mlir   # for DaCe's viewer
// pk-run-args: --sdfg-symbols N=1000000
sdfg.sdfg @axpy(%x: memref<?xf32> {name = "x", shape = ["N"]},
                %y: memref<?xf32> {name = "y", shape = ["N"]})
    entry @compute symbols {N = i64} {
  sdfg.state @compute {
    %xs = sdfg.access %x : memref<?xf32>
    %ys = sdfg.access %y : memref<?xf32>
    %last = sdfg.sym "N - 1" : index
    sdfg.map (%i) = (0) through (%last) schedule cpu_multicore {
      %a = sdfg.load %xs[%i] : memref<?xf32>
      %b = sdfg.load %ys[%i] : memref<?xf32>
      %r = sdfg.tasklet(%in_x = %a, %in_y = %b) : (f32, f32) -> f32 {
        %two = arith.constant 2.0 : f32
        %t = arith.mulf %two, %in_x : f32
        %s = arith.addf %t, %in_y : f32
        sdfg.return %s : f32
      }
      sdfg.store %r, %ys[%i] : memref<?xf32>
    }
  }
}
