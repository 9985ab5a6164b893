/* gemm (PolyBench/C 4.2, linear algebra): C := beta*C + alpha*A*B, in f32,
   with PolyBench's loop order. Sizes are compile-time constants, as in
   PolyBench (bench/polybench.py passes -DNI=... ; the defaults are LARGE). */
#ifndef NI
#define NI 1000
#endif
#ifndef NJ
#define NJ 1100
#endif
#ifndef NK
#define NK 1200
#endif

void kernel_gemm(float C[NI][NJ], float A[NI][NK], float B[NK][NJ]) {
  const float alpha = 1.5f, beta = 1.2f;
  for (int i = 0; i < NI; i++) {
    for (int j = 0; j < NJ; j++)
      C[i][j] *= beta;
    for (int k = 0; k < NK; k++)
      for (int j = 0; j < NJ; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
}
