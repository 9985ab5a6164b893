/* syrk (PolyBench/C 4.2): C := beta*C + alpha*A*A^T in f32, A is N x M.
   PolyBench updates only the lower triangle (j <= i). A linalg.generic
   iterates over a rectangular domain, so syrk.mlir computes the full
   symmetric product, and so does this C (j runs over all N, PolyBench's
   loop order otherwise): twice PolyBench's work on both sides.
   Defaults: LARGE. */
#ifndef M
#define M 1000
#endif
#ifndef N
#define N 1200
#endif

void kernel_syrk(float C[N][N], float A[N][M]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++)
      C[i][j] *= beta;
    for (int k = 0; k < M; k++)
      for (int j = 0; j < N; j++)
        C[i][j] += alpha * A[i][k] * A[j][k];
  }
}
