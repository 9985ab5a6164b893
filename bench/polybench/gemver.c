/* gemver (PolyBench/C 4.2): in f32,
     A := A + u1*v1^T + u2*v2^T
     x := x + beta * A^T * y + z
     w := w + alpha * A * x
   with PolyBench's loops. Defaults: LARGE. */
#ifndef N
#define N 2000
#endif

void kernel_gemver(float A[N][N], float u1[N], float v1[N], float u2[N],
                   float v2[N], float w[N], float x[N], float y[N],
                   float z[N]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      A[i][j] = A[i][j] + u1[i] * v1[j] + u2[i] * v2[j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      x[i] = x[i] + beta * A[j][i] * y[j];
  for (int i = 0; i < N; i++)
    x[i] = x[i] + z[i];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      w[i] = w[i] + alpha * A[i][j] * x[j];
}
