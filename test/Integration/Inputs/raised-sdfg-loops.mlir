// SDFG maps that pk-raise-loops-to-linalg raises (then scheduled like linalg
// ops), at odd sizes: a GEMM summed with wcr add after C is scaled, a
// transient and both matrix-vector orientations, two sums in one map, and two
// stencil sweeps in two states. Run by raised-sdfg-loops.test.

sdfg.sdfg @gemm(%C: memref<13x7xf32> {name = "C"},
    %A: memref<13x5xf32> {name = "A"},
    %B: memref<5x7xf32> {name = "B"})
    entry @s0 {
  sdfg.state @s0 {
    %C_a = sdfg.access %C : memref<13x7xf32>
    sdfg.map (%i, %j) = (0, 0) through (12, 6) schedule cpu_multicore {
      %x_v = sdfg.load %C_a[%i, %j] : memref<13x7xf32>
      %out = sdfg.tasklet(%x = %x_v) : (f32) -> f32
          attributes {in_connectors = ["x"], out_connectors = ["out"]} {
        %f = arith.constant 1.2 : f32
        %m = arith.mulf %x, %f : f32
        sdfg.return %m : f32
      }
      sdfg.store %out, %C_a[%i, %j] : memref<13x7xf32>
    }
  }
  sdfg.state @s1 {
    %A_a = sdfg.access %A : memref<13x5xf32>
    %B_a = sdfg.access %B : memref<5x7xf32>
    %C_a = sdfg.access %C : memref<13x7xf32>
    sdfg.map (%i, %j, %k) = (0, 0, 0) through (12, 6, 4) schedule cpu_multicore {
      %a_v = sdfg.load %A_a[%i, %k] : memref<13x5xf32>
      %b_v = sdfg.load %B_a[%k, %j] : memref<5x7xf32>
      %out = sdfg.tasklet(%a = %a_v, %b = %b_v) : (f32, f32) -> f32
          attributes {in_connectors = ["a", "b"], out_connectors = ["out"]} {
        %alpha = arith.constant 1.5 : f32
        %0 = arith.mulf %alpha, %a : f32
        %1 = arith.mulf %0, %b : f32
        sdfg.return %1 : f32
      }
      sdfg.store %out, %C_a[%i, %j] wcr add : memref<13x7xf32>
    }
  }
  sdfg.edge @s0 -> @s1
}

sdfg.sdfg @atax(%A: memref<11x17xf32> {name = "A"},
    %x: memref<17xf32> {name = "x"},
    %y: memref<17xf32> {name = "y"})
    entry @s0 {
  %tmp = sdfg.alloc "tmp" : memref<11xf32>
  sdfg.state @s0 {
    %tmp_a = sdfg.access %tmp : memref<11xf32>
    %y_a = sdfg.access %y : memref<17xf32>
    sdfg.map (%j) = (0) through (16) schedule cpu_multicore {
      %out = sdfg.tasklet() : () -> f32
          attributes {in_connectors = [], out_connectors = ["out"]} {
        %z = arith.constant 0.0 : f32
        sdfg.return %z : f32
      }
      sdfg.store %out, %y_a[%j] : memref<17xf32>
    }
    sdfg.map (%i) = (0) through (10) schedule cpu_multicore {
      %out = sdfg.tasklet() : () -> f32
          attributes {in_connectors = [], out_connectors = ["out"]} {
        %z = arith.constant 0.0 : f32
        sdfg.return %z : f32
      }
      sdfg.store %out, %tmp_a[%i] : memref<11xf32>
    }
  }
  sdfg.state @s1 {
    %A_a = sdfg.access %A : memref<11x17xf32>
    %tmp_a = sdfg.access %tmp : memref<11xf32>
    %x_a = sdfg.access %x : memref<17xf32>
    sdfg.map (%i, %j) = (0, 0) through (10, 16) schedule cpu_multicore {
      %a_v = sdfg.load %A_a[%i, %j] : memref<11x17xf32>
      %v_v = sdfg.load %x_a[%j] : memref<17xf32>
      %out = sdfg.tasklet(%a = %a_v, %v = %v_v) : (f32, f32) -> f32
          attributes {in_connectors = ["a", "v"], out_connectors = ["out"]} {
        %0 = arith.mulf %a, %v : f32
        sdfg.return %0 : f32
      }
      sdfg.store %out, %tmp_a[%i] wcr add : memref<11xf32>
    }
  }
  sdfg.state @s2 {
    %A_a = sdfg.access %A : memref<11x17xf32>
    %tmp_a = sdfg.access %tmp : memref<11xf32>
    %y_a = sdfg.access %y : memref<17xf32>
    sdfg.map (%i, %j) = (0, 0) through (10, 16) schedule cpu_multicore {
      %a_v = sdfg.load %A_a[%i, %j] : memref<11x17xf32>
      %t_v = sdfg.load %tmp_a[%i] : memref<11xf32>
      %out = sdfg.tasklet(%a = %a_v, %t = %t_v) : (f32, f32) -> f32
          attributes {in_connectors = ["a", "t"], out_connectors = ["out"]} {
        %0 = arith.mulf %a, %t : f32
        sdfg.return %0 : f32
      }
      sdfg.store %out, %y_a[%j] wcr add : memref<17xf32>
    }
  }
  sdfg.edge @s0 -> @s1
  sdfg.edge @s1 -> @s2
}

sdfg.sdfg @gesummv(%A: memref<19x19xf32> {name = "A"},
    %B: memref<19x19xf32> {name = "B"},
    %x: memref<19xf32> {name = "x"},
    %y: memref<19xf32> {name = "y"})
    entry @s0 {
  %tmp = sdfg.alloc "tmp" : memref<19xf32>
  sdfg.state @s0 {
    %tmp_a = sdfg.access %tmp : memref<19xf32>
    %y_a = sdfg.access %y : memref<19xf32>
    sdfg.map (%i) = (0) through (18) schedule cpu_multicore {
      %out = sdfg.tasklet() : () -> f32
          attributes {in_connectors = [], out_connectors = ["out"]} {
        %z = arith.constant 0.0 : f32
        sdfg.return %z : f32
      }
      sdfg.store %out, %tmp_a[%i] : memref<19xf32>
    }
    sdfg.map (%i) = (0) through (18) schedule cpu_multicore {
      %out = sdfg.tasklet() : () -> f32
          attributes {in_connectors = [], out_connectors = ["out"]} {
        %z = arith.constant 0.0 : f32
        sdfg.return %z : f32
      }
      sdfg.store %out, %y_a[%i] : memref<19xf32>
    }
  }
  sdfg.state @s1 {
    %A_a = sdfg.access %A : memref<19x19xf32>
    %B_a = sdfg.access %B : memref<19x19xf32>
    %tmp_a = sdfg.access %tmp : memref<19xf32>
    %x_a = sdfg.access %x : memref<19xf32>
    %y_a = sdfg.access %y : memref<19xf32>
    sdfg.map (%i, %j) = (0, 0) through (18, 18) schedule cpu_multicore {
      %a_v = sdfg.load %A_a[%i, %j] : memref<19x19xf32>
      %b_v = sdfg.load %B_a[%i, %j] : memref<19x19xf32>
      %v_v = sdfg.load %x_a[%j] : memref<19xf32>
      %t, %u = sdfg.tasklet(%a = %a_v, %b = %b_v, %v = %v_v) : (f32, f32, f32) -> (f32, f32)
          attributes {in_connectors = ["a", "b", "v"], out_connectors = ["t", "u"]} {
        %0 = arith.mulf %a, %v : f32
        %1 = arith.mulf %b, %v : f32
        sdfg.return %0, %1 : f32, f32
      }
      sdfg.store %t, %tmp_a[%i] wcr add : memref<19xf32>
      sdfg.store %u, %y_a[%i] wcr add : memref<19xf32>
    }
  }
  sdfg.state @s2 {
    %tmp_a = sdfg.access %tmp : memref<19xf32>
    %y_a = sdfg.access %y : memref<19xf32>
    sdfg.map (%i) = (0) through (18) schedule cpu_multicore {
      %t_v = sdfg.load %tmp_a[%i] : memref<19xf32>
      %u_v = sdfg.load %y_a[%i] : memref<19xf32>
      %out = sdfg.tasklet(%t = %t_v, %u = %u_v) : (f32, f32) -> f32
          attributes {in_connectors = ["t", "u"], out_connectors = ["out"]} {
        %alpha = arith.constant 1.5 : f32
        %beta = arith.constant 1.2 : f32
        %0 = arith.mulf %alpha, %t : f32
        %1 = arith.mulf %beta, %u : f32
        %2 = arith.addf %0, %1 : f32
        sdfg.return %2 : f32
      }
      sdfg.store %out, %y_a[%i] : memref<19xf32>
    }
  }
  sdfg.edge @s0 -> @s1
  sdfg.edge @s1 -> @s2
}

sdfg.sdfg @jacobi2d(%A: memref<23x23xf32> {name = "A"},
    %B: memref<23x23xf32> {name = "B"})
    entry @s0 {
  sdfg.state @s0 {
    %A_a = sdfg.access %A : memref<23x23xf32>
    %B_a = sdfg.access %B : memref<23x23xf32>
    sdfg.map (%i, %j) = (1, 1) through (21, 21) schedule cpu_multicore {
      %c_v = sdfg.load %A_a[%i, %j] : memref<23x23xf32>
      %c1_j_m1 = arith.constant 1 : index
      %j_m1 = arith.subi %j, %c1_j_m1 : index
      %w_v = sdfg.load %A_a[%i, %j_m1] : memref<23x23xf32>
      %c1_j_p1 = arith.constant 1 : index
      %j_p1 = arith.addi %j, %c1_j_p1 : index
      %e_v = sdfg.load %A_a[%i, %j_p1] : memref<23x23xf32>
      %c1_i_p1 = arith.constant 1 : index
      %i_p1 = arith.addi %i, %c1_i_p1 : index
      %s_v = sdfg.load %A_a[%i_p1, %j] : memref<23x23xf32>
      %c1_i_m1 = arith.constant 1 : index
      %i_m1 = arith.subi %i, %c1_i_m1 : index
      %n_v = sdfg.load %A_a[%i_m1, %j] : memref<23x23xf32>
      %out = sdfg.tasklet(%c = %c_v, %w = %w_v, %e = %e_v, %s = %s_v, %n = %n_v) : (f32, f32, f32, f32, f32) -> f32
          attributes {in_connectors = ["c", "w", "e", "s", "n"], out_connectors = ["out"]} {
        %fifth = arith.constant 0.2 : f32
        %0 = arith.addf %c, %w : f32
        %1 = arith.addf %0, %e : f32
        %2 = arith.addf %1, %s : f32
        %3 = arith.addf %2, %n : f32
        %4 = arith.mulf %fifth, %3 : f32
        sdfg.return %4 : f32
      }
      sdfg.store %out, %B_a[%i, %j] : memref<23x23xf32>
    }
  }
  sdfg.state @s1 {
    %A_a = sdfg.access %A : memref<23x23xf32>
    %B_a = sdfg.access %B : memref<23x23xf32>
    sdfg.map (%i, %j) = (1, 1) through (21, 21) schedule cpu_multicore {
      %c_v = sdfg.load %B_a[%i, %j] : memref<23x23xf32>
      %c1_j_m1 = arith.constant 1 : index
      %j_m1 = arith.subi %j, %c1_j_m1 : index
      %w_v = sdfg.load %B_a[%i, %j_m1] : memref<23x23xf32>
      %c1_j_p1 = arith.constant 1 : index
      %j_p1 = arith.addi %j, %c1_j_p1 : index
      %e_v = sdfg.load %B_a[%i, %j_p1] : memref<23x23xf32>
      %c1_i_p1 = arith.constant 1 : index
      %i_p1 = arith.addi %i, %c1_i_p1 : index
      %s_v = sdfg.load %B_a[%i_p1, %j] : memref<23x23xf32>
      %c1_i_m1 = arith.constant 1 : index
      %i_m1 = arith.subi %i, %c1_i_m1 : index
      %n_v = sdfg.load %B_a[%i_m1, %j] : memref<23x23xf32>
      %out = sdfg.tasklet(%c = %c_v, %w = %w_v, %e = %e_v, %s = %s_v, %n = %n_v) : (f32, f32, f32, f32, f32) -> f32
          attributes {in_connectors = ["c", "w", "e", "s", "n"], out_connectors = ["out"]} {
        %fifth = arith.constant 0.2 : f32
        %0 = arith.addf %c, %w : f32
        %1 = arith.addf %0, %e : f32
        %2 = arith.addf %1, %s : f32
        %3 = arith.addf %2, %n : f32
        %4 = arith.mulf %fifth, %3 : f32
        sdfg.return %4 : f32
      }
      sdfg.store %out, %A_a[%i, %j] : memref<23x23xf32>
    }
  }
  sdfg.edge @s0 -> @s1
}
