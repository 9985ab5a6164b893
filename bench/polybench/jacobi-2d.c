/* jacobi-2d (PolyBench/C 4.2, stencil), ONE time step: B := 5-point average
   of A over the interior, then A := 5-point average of B; the border keeps
   its values. f32. Defaults: LARGE (N = 1300). */
#ifndef N
#define N 1300
#endif

void kernel_jacobi_2d(float A[N][N], float B[N][N]) {
  for (int i = 1; i < N - 1; i++)
    for (int j = 1; j < N - 1; j++)
      B[i][j] = 0.2f * (A[i][j] + A[i][j - 1] + A[i][j + 1] + A[i + 1][j] +
                        A[i - 1][j]);
  for (int i = 1; i < N - 1; i++)
    for (int j = 1; j < N - 1; j++)
      A[i][j] = 0.2f * (B[i][j] + B[i][j - 1] + B[i][j + 1] + B[i + 1][j] +
                        B[i - 1][j]);
}
