/* atax (PolyBench/C 4.2): y := A^T * (A * x) in f32, PolyBench's loops
   (one pass over A's rows computes tmp[i] and adds row i's share of y).
   Defaults: LARGE. */
#ifndef M
#define M 1900
#endif
#ifndef N
#define N 2100
#endif

void kernel_atax(float A[M][N], float x[N], float y[N], float tmp[M]) {
  for (int i = 0; i < N; i++)
    y[i] = 0.0f;
  for (int i = 0; i < M; i++) {
    tmp[i] = 0.0f;
    for (int j = 0; j < N; j++)
      tmp[i] = tmp[i] + A[i][j] * x[j];
    for (int j = 0; j < N; j++)
      y[j] = y[j] + A[i][j] * tmp[i];
  }
}
