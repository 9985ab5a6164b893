/* gesummv (PolyBench/C 4.2): y := alpha*A*x + beta*B*x in f32, both
   products in one pass as in PolyBench. Defaults: LARGE (N = 1300). */
#ifndef N
#define N 1300
#endif

void kernel_gesummv(float A[N][N], float B[N][N], float tmp[N], float x[N],
                    float y[N]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < N; i++) {
    tmp[i] = 0.0f;
    y[i] = 0.0f;
    for (int j = 0; j < N; j++) {
      tmp[i] = A[i][j] * x[j] + tmp[i];
      y[i] = B[i][j] * x[j] + y[i];
    }
    y[i] = alpha * tmp[i] + beta * y[i];
  }
}
