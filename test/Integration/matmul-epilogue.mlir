// A bias add and activation fused into pk.matmul's epilogue give the same
// results: pk-run compares pk-cpu-pipeline, whose pk-fuse-activations folds
// the separate ops into the matmul, with pk-reference-pipeline, which keeps
// them separate (PASS). The first two functions state the epilogue on the
// matmul directly and are checked against values computed by hand.
// RUN: pk-run %s --entry clip_known --print | FileCheck %s --check-prefix=CLIP
// RUN: pk-run %s --entry batched_relu_known --print | FileCheck %s --check-prefix=BRELU
// RUN: pk-run %s --entry bias_relu | FileCheck %s
// RUN: pk-run %s --entry bias_relu --num-threads 2 | FileCheck %s
// RUN: pk-run %s --entry batched_transposed_bias_clip | FileCheck %s
// RUN: pk-run %s --entry bias_sigmoid_tanh | FileCheck %s
// RUN: pk-run %s --entry bias_relu_f16 | FileCheck %s
// CHECK: PASS
//
// The random-input functions really are fused by the pass the pipeline runs.
// RUN: pk-opt %s --pk-fuse-activations | FileCheck %s --check-prefix=FUSED
// FUSED-LABEL: func.func @bias_relu(
// FUSED:         pk.matmul %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<96xf32>) {activation = "relu"}
// FUSED-NOT:     linalg.generic
// FUSED-LABEL: func.func @batched_transposed_bias_clip(
// FUSED:         pk.matmul %{{.+}}, %{{.+}} transpose_rhs bias(%{{.+}} : tensor<24xf32>) {activation = "clip", clip = array<f32: -1.000000e+00, 2.000000e+00>}
// FUSED-NOT:     linalg.generic
// FUSED-LABEL: func.func @bias_sigmoid_tanh(
// FUSED:         pk.matmul %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<40xf32>) {activation = "sigmoid"}
// FUSED:         pk.matmul %{{.+}}, %{{.+}} {activation = "tanh"}
// FUSED-NOT:     pk.sigmoid
// FUSED-NOT:     pk.tanh
// FUSED-LABEL: func.func @bias_relu_f16(
// FUSED:         pk.matmul %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<32xf16>) {activation = "relu"}

// [[1 2] [3 4]] · [[1 0 -1] [0 1 2]] = [[1 2 3] [3 4 5]]; + bias
// [-2 0 1] = [[-1 2 4] [1 4 6]]; clipped to [0, 5].
// CLIP: PASS
// CLIP: result #0 = {{\[\[}}0, 2, 4], [1, 4, 5]]
func.func @clip_known() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]]> : tensor<2x3xf32>
  %c = arith.constant dense<[-2.0, 0.0, 1.0]> : tensor<3xf32>
  %y = pk.matmul %a, %b bias(%c : tensor<3xf32>) {activation = "clip", clip = array<f32: 0.0, 5.0>}
      : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Batch 0: [1 -1] · [[1 2] [3 -4]] = [-2 6]; batch 1: [2 1] · I = [2 1].
// + bias [1 -3]: [-1 3] and [3 -2]; ReLU: [0 3] and [3 0].
// BRELU: PASS
// BRELU: result #0 = {{\[\[\[}}0, 3]], {{\[\[}}3, 0]]]
func.func @batched_relu_known() -> tensor<2x1x2xf32> {
  %a = arith.constant dense<[[[1.0, -1.0]], [[2.0, 1.0]]]> : tensor<2x1x2xf32>
  %b = arith.constant dense<[[[1.0, 2.0], [3.0, -4.0]], [[1.0, 0.0], [0.0, 1.0]]]> : tensor<2x2x2xf32>
  %c = arith.constant dense<[1.0, -3.0]> : tensor<2xf32>
  %y = pk.matmul %a, %b bias(%c : tensor<2xf32>) {activation = "relu"}
      : tensor<2x1x2xf32>, tensor<2x2x2xf32> -> tensor<2x1x2xf32>
  return %y : tensor<2x1x2xf32>
}

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#n2 = affine_map<(d0, d1) -> (d1)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#n3 = affine_map<(d0, d1, d2) -> (d2)>

// A fully connected layer: x·W + b, ReLU.
func.func @bias_relu(%x: tensor<64x80xf32>, %w: tensor<80x96xf32>, %b: tensor<96xf32>) -> tensor<64x96xf32> {
  %y = pk.matmul %x, %w : tensor<64x80xf32>, tensor<80x96xf32> -> tensor<64x96xf32>
  %e = tensor.empty() : tensor<64x96xf32>
  %s = linalg.generic {indexing_maps = [#id2, #n2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%y, %b : tensor<64x96xf32>, tensor<96xf32>) outs(%e : tensor<64x96xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %t = arith.addf %in, %bias : f32
    linalg.yield %t : f32
  } -> tensor<64x96xf32>
  %zero = arith.constant dense<0.0> : tensor<64x96xf32>
  %r = arith.maximumf %s, %zero : tensor<64x96xf32>
  return %r : tensor<64x96xf32>
}

// Batched, rhs read transposed, bias along N, then a clip to [-1, 2] as
// max/min (the matmul's values spread well beyond it).
func.func @batched_transposed_bias_clip(%a: tensor<3x20x36xf32>, %w: tensor<3x24x36xf32>, %b: tensor<24xf32>) -> tensor<3x20x24xf32> {
  %y = pk.matmul %a, %w transpose_rhs : tensor<3x20x36xf32>, tensor<3x24x36xf32> -> tensor<3x20x24xf32>
  %e = tensor.empty() : tensor<3x20x24xf32>
  %s = linalg.generic {indexing_maps = [#n3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%b, %y : tensor<24xf32>, tensor<3x20x24xf32>) outs(%e : tensor<3x20x24xf32>) {
  ^bb0(%bias: f32, %in: f32, %out: f32):
    %t = arith.addf %bias, %in : f32
    linalg.yield %t : f32
  } -> tensor<3x20x24xf32>
  %lo = arith.constant dense<-1.0> : tensor<3x20x24xf32>
  %hi = arith.constant dense<2.0> : tensor<3x20x24xf32>
  %m = arith.maximumf %s, %lo : tensor<3x20x24xf32>
  %c = arith.minimumf %m, %hi : tensor<3x20x24xf32>
  return %c : tensor<3x20x24xf32>
}

// A bias then sigmoid, and a tanh without bias.
func.func @bias_sigmoid_tanh(%x: tensor<16x24xf32>, %w: tensor<24x40xf32>, %b: tensor<40xf32>) -> (tensor<16x40xf32>, tensor<16x40xf32>) {
  %y = pk.matmul %x, %w : tensor<16x24xf32>, tensor<24x40xf32> -> tensor<16x40xf32>
  %e = tensor.empty() : tensor<16x40xf32>
  %s = linalg.generic {indexing_maps = [#id2, #n2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%y, %b : tensor<16x40xf32>, tensor<40xf32>) outs(%e : tensor<16x40xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %t = arith.addf %in, %bias : f32
    linalg.yield %t : f32
  } -> tensor<16x40xf32>
  %sg = pk.sigmoid %s : tensor<16x40xf32>
  %y2 = pk.matmul %x, %w : tensor<16x24xf32>, tensor<24x40xf32> -> tensor<16x40xf32>
  %th = pk.tanh %y2 : tensor<16x40xf32>
  return %sg, %th : tensor<16x40xf32>, tensor<16x40xf32>
}

// f16 storage: fused, the bias and ReLU apply to the f32 accumulator before
// the one rounding to f16.
func.func @bias_relu_f16(%x: tensor<16x48xf16>, %w: tensor<48x32xf16>, %b: tensor<32xf16>) -> tensor<16x32xf16> {
  %y = pk.matmul %x, %w : tensor<16x48xf16>, tensor<48x32xf16> -> tensor<16x32xf16>
  %e = tensor.empty() : tensor<16x32xf16>
  %s = linalg.generic {indexing_maps = [#id2, #n2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%y, %b : tensor<16x32xf16>, tensor<32xf16>) outs(%e : tensor<16x32xf16>) {
  ^bb0(%in: f16, %bias: f16, %out: f16):
    %t = arith.addf %in, %bias : f16
    linalg.yield %t : f16
  } -> tensor<16x32xf16>
  %zero = arith.constant dense<0.0> : tensor<16x32xf16>
  %r = arith.maximumf %s, %zero : tensor<16x32xf16>
  return %r : tensor<16x32xf16>
}
