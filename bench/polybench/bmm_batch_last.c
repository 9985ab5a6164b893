/* bmm_batch_last (not PolyBench): a batched contraction with the batch
   dimension last, C[m][n][b] += A[m][k][b] * B[k][n][b], in f32; the b loop
   is innermost (contiguous). Defaults: M = N = K = 256, 16 batches. */
#ifndef M
#define M 256
#endif
#ifndef N
#define N 256
#endif
#ifndef K
#define K 256
#endif
#ifndef NB
#define NB 16
#endif

void kernel_bmm_batch_last(float C[M][N][NB], float A[M][K][NB],
                           float B[K][N][NB]) {
  for (int m = 0; m < M; m++)
    for (int k = 0; k < K; k++)
      for (int n = 0; n < N; n++)
        for (int b = 0; b < NB; b++)
          C[m][n][b] += A[m][k][b] * B[k][n][b];
}
