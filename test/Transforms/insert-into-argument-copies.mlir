// RUN: pk-opt --pass-pipeline="builtin.module(func.func(pk-insert-into-argument-copies,pk-eliminate-empty-tensors))" --split-input-file %s | FileCheck %s

// A sweep over the interior of %a put back into %a: the result is a new
// tensor holding %a's border (rows 0 and 7, then columns 0 and 9 of rows
// 1-6), and the sweep writes straight into its interior.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @interior
// CHECK-SAME:    (%[[A:.+]]: tensor<8x10xf32>)
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<8x10xf32>
// CHECK:         %[[S0:.+]] = tensor.extract_slice %[[A]][0, 0] [1, 10] [1, 1]
// CHECK:         %[[R0:.+]] = tensor.insert_slice %[[S0]] into %[[E]][0, 0] [1, 10] [1, 1]
// CHECK:         %[[S1:.+]] = tensor.extract_slice %[[A]][7, 0] [1, 10] [1, 1]
// CHECK:         %[[R1:.+]] = tensor.insert_slice %[[S1]] into %[[R0]][7, 0] [1, 10] [1, 1]
// CHECK:         %[[S2:.+]] = tensor.extract_slice %[[A]][1, 0] [6, 1] [1, 1]
// CHECK:         %[[R2:.+]] = tensor.insert_slice %[[S2]] into %[[R1]][1, 0] [6, 1] [1, 1]
// CHECK:         %[[S3:.+]] = tensor.extract_slice %[[A]][1, 9] [6, 1] [1, 1]
// CHECK:         %[[R3:.+]] = tensor.insert_slice %[[S3]] into %[[R2]][1, 9] [6, 1] [1, 1]
// CHECK:         %[[IN:.+]] = tensor.extract_slice %[[R3]][1, 1] [6, 8] [1, 1]
// CHECK:         %[[G:.+]] = linalg.generic {{.*}} outs(%[[IN]] : tensor<6x8xf32>)
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[G]] into %[[R3]][1, 1] [6, 8] [1, 1]
// CHECK:         return %[[R]]
func.func @interior(%a: tensor<8x10xf32>) -> tensor<8x10xf32> {
  %e = tensor.empty() : tensor<6x8xf32>
  %w = tensor.extract_slice %a[1, 0] [6, 8] [1, 1] : tensor<8x10xf32> to tensor<6x8xf32>
  %o = tensor.extract_slice %a[1, 2] [6, 8] [1, 1] : tensor<8x10xf32> to tensor<6x8xf32>
  %g = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%w, %o : tensor<6x8xf32>, tensor<6x8xf32>) outs(%e : tensor<6x8xf32>) {
  ^bb0(%x: f32, %y: f32, %unused: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<6x8xf32>
  %r = tensor.insert_slice %g into %a[1, 1] [6, 8] [1, 1] : tensor<6x8xf32> into tensor<8x10xf32>
  return %r : tensor<8x10xf32>
}

// -----

// Left alone: a dynamic box, strided inserts, and inserts into tensors
// that are not arguments.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT:     tensor.empty() : tensor<8x10xf32>
// CHECK:         tensor.insert_slice %{{.+}} into %arg0[%{{.+}}, 1] [6, 8] [1, 1]
// CHECK:         tensor.insert_slice %{{.+}} into %arg0[0, 0] [4, 5] [2, 2]
func.func @untouched(%a: tensor<8x10xf32>, %x: tensor<6x8xf32>, %y: tensor<4x5xf32>, %i: index) -> (tensor<8x10xf32>, tensor<8x10xf32>, tensor<8x10xf32>) {
  %r = tensor.insert_slice %x into %a[%i, 1] [6, 8] [1, 1] : tensor<6x8xf32> into tensor<8x10xf32>
  %s = tensor.insert_slice %y into %a[0, 0] [4, 5] [2, 2] : tensor<4x5xf32> into tensor<8x10xf32>
  %t = tensor.insert_slice %y into %r[0, 0] [4, 5] [1, 1] : tensor<4x5xf32> into tensor<8x10xf32>
  return %r, %s, %t : tensor<8x10xf32>, tensor<8x10xf32>, tensor<8x10xf32>
}

// -----

// A chain of inserts into an argument (a row set, then the rest swept, as
// fdtd-2d does): nothing either insert overwrites is copied; here only
// column 9 of %a survives. A chain stops at a result with a second use.
// CHECK-LABEL: func.func @chain
// CHECK-SAME:    (%[[A:[a-z0-9_]+]]: tensor<8x10xf32>, %[[ROW:[a-z0-9_]+]]: tensor<1x9xf32>, %[[REST:[a-z0-9_]+]]: tensor<7x9xf32>)
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<8x10xf32>
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[A]][0, 9] [8, 1] [1, 1]
// CHECK:         %[[K:.+]] = tensor.insert_slice %[[S]] into %[[E]][0, 9] [8, 1] [1, 1]
// CHECK-NOT:     tensor.extract_slice %[[A]]
// CHECK:         %[[R0:.+]] = tensor.insert_slice %[[ROW]] into %[[K]][0, 0] [1, 9] [1, 1]
// CHECK:         %[[R1:.+]] = tensor.insert_slice %[[REST]] into %[[R0]][1, 0] [7, 9] [1, 1]
// CHECK:         return %[[R1]]
func.func @chain(%a: tensor<8x10xf32>, %row: tensor<1x9xf32>, %rest: tensor<7x9xf32>) -> tensor<8x10xf32> {
  %r0 = tensor.insert_slice %row into %a[0, 0] [1, 9] [1, 1] : tensor<1x9xf32> into tensor<8x10xf32>
  %r1 = tensor.insert_slice %rest into %r0[1, 0] [7, 9] [1, 1] : tensor<7x9xf32> into tensor<8x10xf32>
  return %r1 : tensor<8x10xf32>
}

// -----

// CHECK-LABEL: func.func @chain_with_a_reader
// CHECK:         tensor.extract_slice %{{.+}}[1, 0] [7, 10] [1, 1]
// CHECK:         tensor.extract_slice %{{.+}}[0, 9] [1, 1] [1, 1]
func.func @chain_with_a_reader(%a: tensor<8x10xf32>, %row: tensor<1x9xf32>, %rest: tensor<7x9xf32>) -> (tensor<8x10xf32>, tensor<8x10xf32>) {
  %r0 = tensor.insert_slice %row into %a[0, 0] [1, 9] [1, 1] : tensor<1x9xf32> into tensor<8x10xf32>
  %r1 = tensor.insert_slice %rest into %r0[1, 0] [7, 9] [1, 1] : tensor<7x9xf32> into tensor<8x10xf32>
  return %r0, %r1 : tensor<8x10xf32>, tensor<8x10xf32>
}

// -----

// A writable argument is updated in place: nothing is copied.
// CHECK-LABEL: func.func @writable
// CHECK-NOT:     tensor.empty
// CHECK:         tensor.insert_slice %{{.+}} into %arg0[1, 1] [6, 8] [1, 1]
func.func @writable(%a: tensor<8x10xf32> {bufferization.writable = true}, %x: tensor<6x8xf32>) -> tensor<8x10xf32> {
  %r = tensor.insert_slice %x into %a[1, 1] [6, 8] [1, 1] : tensor<6x8xf32> into tensor<8x10xf32>
  return %r : tensor<8x10xf32>
}
