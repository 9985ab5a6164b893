// Bad input never reads or writes out of bounds: out-of-range indices
// (including huge ones whose row address would lie far outside the table)
// contribute nothing, segments are clipped to the indices that exist, and
// the status result says what was wrong (1: index, 2: segments,
// 4: positional weight). Results were worked out by hand on
// T = [[1 2] [3 4] [5 6] [7 8]]; both pipelines agree on them (PASS).
// RUN: pk-run %s --entry bad_index --print | FileCheck %s --check-prefix=INDEX
// RUN: pk-run %s --entry lengths_too_long --print | FileCheck %s --check-prefix=LONG
// RUN: pk-run %s --entry lengths_short --print | FileCheck %s --check-prefix=SHORT
// RUN: pk-run %s --entry negative_length --print | FileCheck %s --check-prefix=NEG
// RUN: pk-run %s --entry offsets_decreasing --print | FileCheck %s --check-prefix=DECR
// RUN: pk-run %s --entry positional_short --print | FileCheck %s --check-prefix=POS
// RUN: pk-run %s --entry fused_both --print | FileCheck %s --check-prefix=BOTH
//
// With the status result marked `pk.status`, pk-run turns a nonzero status
// into an error (exit 1) and accepts a zero one.
// RUN: not pk-run %s --entry checked_bad 2>&1 | FileCheck %s --check-prefix=CHECKED
// RUN: pk-run %s --entry checked_good | FileCheck %s --check-prefix=GOOD

// Indices [0 1000000 -1 2] in bags of 2: only rows 0 and 2 count.
// INDEX: PASS
// INDEX: result #0 = {{\[\[}}1, 2], [5, 6]]
// INDEX: result #1 = 1
func.func @bad_index() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1000000, -1, 2]> : tensor<4xi64>
  %l = arith.constant dense<[2, 2]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// Lengths [2 5] over 4 indices: the second bag is clipped to indices 2, 3.
// LONG: PASS
// LONG: result #0 = {{\[\[}}4, 6], [12, 14]]
// LONG: result #1 = 2
func.func @lengths_too_long() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %l = arith.constant dense<[2, 5]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// Lengths [1 1] leave indices 2 and 3 unused: reported, bags computed.
// SHORT: PASS
// SHORT: result #0 = {{\[\[}}1, 2], [3, 4]]
// SHORT: result #1 = 2
func.func @lengths_short() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %l = arith.constant dense<[1, 1]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// Lengths [-3 4]: the negative length counts as 0 (an empty, zero bag),
// the second bag takes all four rows; reported although the lengths sum
// to the number of indices.
// NEG: PASS
// NEG: result #0 = {{\[\[}}0, 0], [16, 20]]
// NEG: result #1 = 2
func.func @negative_length() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %l = arith.constant dense<[-3, 4]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// Offsets [0 3 2 4]: bag 1 would end before it starts (empty), bag 2 is
// indices 2, 3.
// DECR: PASS
// DECR: result #0 = {{\[\[}}9, 12], [0, 0], [12, 14]]
// DECR: result #1 = 2
func.func @offsets_decreasing() -> (tensor<3x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi32>
  %off = arith.constant dense<[0, 3, 2, 4]> : tensor<4xi32>
  %o, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<4xi32>) : tensor<4x2xf32>, tensor<4xi32> -> tensor<3x2xf32>, tensor<i32>
  return %o, %s : tensor<3x2xf32>, tensor<i32>
}

// One positional weight (3) for bags of 2: the second term of each bag has
// no weight and is skipped.
// POS: PASS
// POS: result #0 = {{\[\[}}3, 6], [15, 18]]
// POS: result #1 = 4
func.func @positional_short() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %l = arith.constant dense<[2, 2]> : tensor<2xi32>
  %w = arith.constant dense<[3.0]> : tensor<1xf32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) weights(%w : tensor<1xf32>) positional : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// Fused 8-bit rows (codes [1 2], scale 1, bias 0 and codes [3 4], scale 2,
// bias 0.5), index INT32_MAX and lengths [1 3] over 3 indices: 1 | 2.
// BOTH: PASS
// BOTH: result #0 = {{\[\[}}1, 2], [6.5, 8.5]]
// BOTH: result #1 = 3
func.func @fused_both() -> (tensor<2x2xf32>, tensor<i32>) {
  %t = arith.constant dense<[[1, 2, 0, 0, 128, 63, 0, 0, 0, 0],
                             [3, 4, 0, 0, 0, 64, 0, 0, 0, 63]]> : tensor<2x10xi8>
  %i = arith.constant dense<[0, 2147483647, 1]> : tensor<3xi32>
  %l = arith.constant dense<[1, 3]> : tensor<2xi32>
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<2xi32>) bits = 8 : tensor<2x10xi8>, tensor<3xi32> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// CHECKED: pk-run: error: @checked_bad: status result #1 is 1: the kernel rejected its input
func.func @checked_bad() -> (tensor<2x2xf32>, tensor<i32> {pk.status}) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 4, 1, 2]> : tensor<4xi64>
  %l = arith.constant dense<[2, 2]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}

// GOOD: PASS
// GOOD-NOT: error
func.func @checked_good() -> (tensor<2x2xf32>, tensor<i32> {pk.status}) {
  %t = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %i = arith.constant dense<[0, 3, 1, 2]> : tensor<4xi64>
  %l = arith.constant dense<[2, 2]> : tensor<2xi32>
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<2xi32>) : tensor<4x2xf32>, tensor<4xi64> -> tensor<2x2xf32>, tensor<i32>
  return %o, %s : tensor<2x2xf32>, tensor<i32>
}
