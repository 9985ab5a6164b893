/* gemm_named (not PolyBench): C := A * B in f32 (linalg.matmul in
   gemm_named.mlir), A is M x K and B is K x N, with gemm's loop order.
   Defaults: gemm's LARGE sizes. */
#ifndef M
#define M 1000
#endif
#ifndef N
#define N 1100
#endif
#ifndef K
#define K 1200
#endif

void kernel_gemm_named(float A[M][K], float B[K][N], float C[M][N]) {
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N; j++)
      C[i][j] = 0.0f;
    for (int k = 0; k < K; k++)
      for (int j = 0; j < N; j++)
        C[i][j] += A[i][k] * B[k][j];
  }
}
