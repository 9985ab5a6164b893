/* gemm_tt (not PolyBench): C := alpha * A^T * B^T in f32, A is K x M and
   B is N x K, written like PolyBench's gemm (i, k, j; the j loop reads B
   by columns). Defaults: gemm's LARGE sizes. */
#ifndef M
#define M 1000
#endif
#ifndef N
#define N 1100
#endif
#ifndef K
#define K 1200
#endif

void kernel_gemm_tt(float A[K][M], float B[N][K], float C[M][N]) {
  const float alpha = 1.5f;
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N; j++)
      C[i][j] = 0.0f;
    for (int k = 0; k < K; k++)
      for (int j = 0; j < N; j++)
        C[i][j] += alpha * A[k][i] * B[j][k];
  }
}
