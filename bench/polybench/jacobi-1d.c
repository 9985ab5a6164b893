/* jacobi-1d (PolyBench/C 4.2, stencil), ONE time step (PolyBench runs
   TSTEPS of them): B := 3-point average of A over the interior, then
   A := 3-point average of B; the end points keep their values. f32.
   PolyBench's LARGE N = 2000 is far too small to time one step: the
   default here is N = 2^20. */
#ifndef N
#define N 1048576
#endif

void kernel_jacobi_1d(float A[N], float B[N]) {
  for (int i = 1; i < N - 1; i++)
    B[i] = 0.33333f * (A[i - 1] + A[i] + A[i + 1]);
  for (int i = 1; i < N - 1; i++)
    A[i] = 0.33333f * (B[i - 1] + B[i] + B[i + 1]);
}
