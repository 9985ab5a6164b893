/* mvt (PolyBench/C 4.2): x1 := x1 + A*y1, x2 := x2 + A^T*y2 in f32, with
   PolyBench's loops (the second reads A by columns). Defaults: LARGE. */
#ifndef N
#define N 2000
#endif

void kernel_mvt(float x1[N], float x2[N], float y1[N], float y2[N],
                float A[N][N]) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      x1[i] = x1[i] + A[i][j] * y1[j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      x2[i] = x2[i] + A[j][i] * y2[j];
}
