/* fdtd-2d (PolyBench/C 4.2, 2-D finite-difference time domain), ONE time
   step: row 0 of ey := _fict_[t] (0 at PolyBench's first step, t = 0), then
   ey, ex and hz updated from hz, hz and the new ex, ey. f32.
   Defaults: LARGE (NX = 1000, NY = 1200). */
#ifndef NX
#define NX 1000
#endif
#ifndef NY
#define NY 1200
#endif

void kernel_fdtd_2d(float ex[NX][NY], float ey[NX][NY], float hz[NX][NY]) {
  const float fict = 0.0f;
  for (int j = 0; j < NY; j++)
    ey[0][j] = fict;
  for (int i = 1; i < NX; i++)
    for (int j = 0; j < NY; j++)
      ey[i][j] = ey[i][j] - 0.5f * (hz[i][j] - hz[i - 1][j]);
  for (int i = 0; i < NX; i++)
    for (int j = 1; j < NY; j++)
      ex[i][j] = ex[i][j] - 0.5f * (hz[i][j] - hz[i][j - 1]);
  for (int i = 0; i < NX - 1; i++)
    for (int j = 0; j < NY - 1; j++)
      hz[i][j] = hz[i][j] - 0.7f * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
}
