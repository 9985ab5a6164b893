//===- CudaCheck.cpp - report whether pk's CUDA runtime finds a GPU -------===//

#include "pk_cuda_runtime.h"

#include <cstdio>

int main() {
  char why[512];
  if (!pkCudaAvailable(why, sizeof(why))) {
    std::printf("no usable GPU: %s\n", why);
    return 1;
  }
  std::printf("GPU: %s\n", pkCudaDeviceName());
  return 0;
}
