/* bicg (PolyBench/C 4.2, the BiCGStab sub-kernel): s := A^T * r and
   q := A * p in f32, both in one pass over A as in PolyBench. A is N x M.
   Defaults: LARGE. */
#ifndef M
#define M 1900
#endif
#ifndef N
#define N 2100
#endif

void kernel_bicg(float A[N][M], float s[M], float q[N], float p[M],
                 float r[N]) {
  for (int i = 0; i < M; i++)
    s[i] = 0.0f;
  for (int i = 0; i < N; i++) {
    q[i] = 0.0f;
    for (int j = 0; j < M; j++) {
      s[j] = s[j] + r[i] * A[i][j];
      q[i] = q[i] + A[i][j] * p[j];
    }
  }
}
