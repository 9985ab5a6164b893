"""The stencils' point updates, as linalg.generic bodies: polybench.py's
linalg templates use them as written, polybench_sdfg.py's tasklets through
polybench_sdfg.tasklet(). The constants they read (%third, %fifth, %two,
%eighth) are defined by their users."""

JACOBI_1D_BODY = r"""
  ^bb0(%l: f32, %c: f32, %r: f32, %unused: f32):
    %0 = arith.addf %l, %c : f32
    %1 = arith.addf %0, %r : f32
    %2 = arith.mulf %third, %1 : f32
    linalg.yield %2 : f32"""

JACOBI_2D_BODY = r"""
  ^bb0(%vc: f32, %vw: f32, %ve: f32, %vs: f32, %vn: f32, %unused: f32):
    %0 = arith.addf %vc, %vw : f32
    %1 = arith.addf %0, %ve : f32
    %2 = arith.addf %1, %vs : f32
    %3 = arith.addf %2, %vn : f32
    %4 = arith.mulf %fifth, %3 : f32
    linalg.yield %4 : f32"""

HEAT_3D_BODY = r"""
  ^bb0(%c: f32, %ip: f32, %im: f32, %jp: f32, %jm: f32, %kp: f32, %km: f32, %unused: f32):
    %c2 = arith.mulf %two, %c : f32
    %0 = arith.subf %ip, %c2 : f32
    %1 = arith.addf %0, %im : f32
    %di = arith.mulf %eighth, %1 : f32
    %2 = arith.subf %jp, %c2 : f32
    %3 = arith.addf %2, %jm : f32
    %dj = arith.mulf %eighth, %3 : f32
    %4 = arith.subf %kp, %c2 : f32
    %5 = arith.addf %4, %km : f32
    %dk = arith.mulf %eighth, %5 : f32
    %6 = arith.addf %di, %dj : f32
    %7 = arith.addf %6, %dk : f32
    %8 = arith.addf %7, %c : f32
    linalg.yield %8 : f32"""
