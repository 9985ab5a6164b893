// A function that returns one tensor more than once (directly, or after
// CSE merges two equal computations) gets one out-parameter per result,
// each holding the value; it used to crash buffer-results-to-out-params.
// RUN: pk-run %s --entry twice | FileCheck %s
// RUN: pk-run %s --entry argument_twice | FileCheck %s
// RUN: pk-run %s --entry merged_by_cse | FileCheck %s
// RUN: pk-opt --pk-to-sdfg-pipeline %s -o /dev/null
// CHECK: result #0
// CHECK: result #1
// CHECK: PASS
func.func @twice(%x: tensor<3x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %y = pk.sigmoid %x : tensor<3x5xf32>
  return %y, %y : tensor<3x5xf32>, tensor<3x5xf32>
}
func.func @argument_twice(%x: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xf32>) {
  return %x, %x : tensor<7xf32>, tensor<7xf32>
}
func.func @merged_by_cse(%a: tensor<4x6xf32>, %b: tensor<6x5xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>) {
  %c = pk.matmul %a, %b : tensor<4x6xf32>, tensor<6x5xf32> -> tensor<4x5xf32>
  %d = pk.matmul %a, %b : tensor<4x6xf32>, tensor<6x5xf32> -> tensor<4x5xf32>
  return %c, %d : tensor<4x5xf32>, tensor<4x5xf32>
}
