/* 2mm (PolyBench/C 4.2): D := alpha*A*B*C + beta*D in f32, as PolyBench
   computes it: tmp := alpha*A*B, then D := beta*D + tmp*C, with PolyBench's
   loop order (i, j, k: the reduction innermost). Defaults: LARGE. */
#ifndef NI
#define NI 800
#endif
#ifndef NJ
#define NJ 900
#endif
#ifndef NK
#define NK 1100
#endif
#ifndef NL
#define NL 1200
#endif

void kernel_2mm(float tmp[NI][NJ], float A[NI][NK], float B[NK][NJ],
                float C[NJ][NL], float D[NI][NL]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++) {
      tmp[i][j] = 0.0f;
      for (int k = 0; k < NK; ++k)
        tmp[i][j] += alpha * A[i][k] * B[k][j];
    }
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NL; j++) {
      D[i][j] *= beta;
      for (int k = 0; k < NJ; ++k)
        D[i][j] += tmp[i][k] * C[k][j];
    }
}
