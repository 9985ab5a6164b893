/* doitgen (PolyBench/C 4.2, multiresolution analysis kernel):
   A[r][q][p] := sum_s A[r][q][s] * C4[s][p] in f32, through the row buffer
   sum as in PolyBench. Defaults: LARGE. */
#ifndef NR
#define NR 150
#endif
#ifndef NQ
#define NQ 140
#endif
#ifndef NP
#define NP 160
#endif

void kernel_doitgen(float A[NR][NQ][NP], float C4[NP][NP], float sum[NP]) {
  for (int r = 0; r < NR; r++)
    for (int q = 0; q < NQ; q++) {
      for (int p = 0; p < NP; p++) {
        sum[p] = 0.0f;
        for (int s = 0; s < NP; s++)
          sum[p] += A[r][q][s] * C4[s][p];
      }
      for (int p = 0; p < NP; p++)
        A[r][q][p] = sum[p];
    }
}
