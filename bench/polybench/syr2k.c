/* syr2k (PolyBench/C 4.2): C := beta*C + alpha*A*B^T + alpha*B*A^T in f32,
   A and B are N x M. PolyBench updates only the lower triangle (j <= i);
   a linalg.generic iterates over a rectangular domain, so syr2k.mlir
   computes the full symmetric form, and so does this C (j over all N,
   PolyBench's loop order otherwise). Defaults: LARGE. */
#ifndef M
#define M 1000
#endif
#ifndef N
#define N 1200
#endif

void kernel_syr2k(float C[N][N], float A[N][M], float B[N][M]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++)
      C[i][j] *= beta;
    for (int k = 0; k < M; k++)
      for (int j = 0; j < N; j++)
        C[i][j] += A[j][k] * alpha * B[i][k] + B[j][k] * alpha * A[i][k];
  }
}
