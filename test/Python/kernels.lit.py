# The perfkernel Python package end to end: build a kernel with the pk
# builders, compile it, call it with NumPy arrays, and report an MLIR error.
# RUN: %pk_python %s | FileCheck %s

import numpy as np

import perfkernel
from perfkernel import pk


@pk.kernel(pk.tensor(2, 2), pk.tensor(2, 2))
def mm(a, b):
    return pk.matmul(a, b)


print(mm.mlir)
# CHECK-LABEL: func.func @mm(%arg0: tensor<2x2xf32>, %arg1: tensor<2x2xf32>) -> tensor<2x2xf32>
# CHECK-NEXT: %0 = pk.matmul %arg0, %arg1 : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
# CHECK-NEXT: return %0 : tensor<2x2xf32>

a = np.array([[1, 2], [3, 4]], np.float32)
b = np.array([[5, 6], [7, 8]], np.float32)
print("cpu", mm(a, b).tolist())
# CHECK: cpu {{\[\[}}19.0, 22.0], [43.0, 50.0]]
print("reference", mm.compile(target="reference")(a, b).tolist())
# CHECK: reference {{\[\[}}19.0, 22.0], [43.0, 50.0]]

try:
    mm(a, b[:1])
except ValueError as e:
    print("ValueError:", e)
# CHECK: ValueError: argument #1 of @mm (tensor<2x2xf32>) expects float32 array of shape (2, 2), got shape (1, 2)

try:
    perfkernel.compile("""
func.func @bad(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = pk.softmax %x axis = 2 : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}""")
except perfkernel.MLIRError as e:
    print(e)
# CHECK: Unable to parse module assembly:
# CHECK-NEXT: loc("-":3:8): error: 'pk.softmax' op axis 2
