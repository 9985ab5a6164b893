// RUN: pk-opt %s --pk-lower-to-linalg | FileCheck %s

// Lengths: a sequential prefix sum (and the lengths check), the index check
// as a linalg reduction, then one scf.forall iteration per bag whose
// scf.for walks the bag's indices; each valid index adds one row with a
// linalg.generic over the row, marked for the recipe.
// CHECK-LABEL: func @bag_lengths
// CHECK:       scf.for {{.*}} -> (i64, tensor<5xi64>, i1)
// CHECK:         tensor.extract %{{.*}} : tensor<4xi32>
// CHECK:       linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME:    ins(%{{.*}} : tensor<10xi64>) outs(%{{.*}} : tensor<i1>)
// CHECK:       %[[STATUS:.+]] = tensor.from_elements %{{.*}} : tensor<i32>
// CHECK:       %[[TABLE:.+]] = bufferization.to_buffer %{{.*}} read_only : tensor<100x16xf32> to memref<100x16xf32>
// CHECK:       %[[OUT:.+]] = scf.forall (%[[M:.+]]) in (4) shared_outs(%[[SH:.+]] = %{{.*}}) -> (tensor<4x16xf32>)
// CHECK:         %[[SLOT:.+]] = tensor.extract_slice %[[SH]][%[[M]], 0] [1, 16] [1, 1] : tensor<4x16xf32> to tensor<16xf32>
// CHECK:         %[[ZERO:.+]] = linalg.fill {{.*}} outs(%[[SLOT]] : tensor<16xf32>)
// CHECK:         %[[SUM:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (tensor<16xf32>)
// The row 16 positions ahead (clamped to the last index, 9) is prefetched,
// one prefetch per 64-byte line (a 16 x f32 row is one line).
// CHECK:           arith.minui %{{.*}}, %c9 : index
// CHECK:           memref.prefetch %[[TABLE]][%{{.*}}, %c0{{.*}}], read, locality<3>, data
// CHECK-NOT:       memref.prefetch
// CHECK:           scf.if %{{.*}} -> (tensor<16xf32>)
// CHECK:             %[[ROW:.+]] = tensor.extract_slice %{{.*}}[%{{.*}}, 0] [1, 16] [1, 1] : tensor<100x16xf32> to tensor<16xf32>
// CHECK:             linalg.generic {{.*}} ins(%[[ROW]] : tensor<16xf32>) outs(%[[ACC]] : tensor<16xf32>) attrs = {{.*}}pk.embedding_row
// CHECK:               math.fma
// CHECK:         tensor.parallel_insert_slice %[[SUM]] into %[[SH]][%[[M]], 0] [1, 16] [1, 1]
// CHECK:       return %[[OUT]], %[[STATUS]]
func.func @bag_lengths(%t: tensor<100x16xf32>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %o, %s = pk.embedding_bag %t[%i] lengths(%l : tensor<4xi32>) : tensor<100x16xf32>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %o, %s : tensor<4x16xf32>, tensor<i32>
}

// Offsets need no prefix sum; mean scales the finished row by 1/length.
// f16 rows are extended to f32 before the FMA.
// CHECK-LABEL: func @bag_offsets_mean_f16
// CHECK-NOT:   tensor<5xi64>, i1
// CHECK:       scf.forall
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : tensor<16xf16>)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           math.fma
// CHECK:         arith.divf
// CHECK:         linalg.generic
// CHECK:           arith.mulf
func.func @bag_offsets_mean_f16(%t: tensor<100x16xf16>, %i: tensor<10xi32>, %off: tensor<5xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.embedding_bag %t[%i] offsets(%off : tensor<5xi32>) mean : tensor<100x16xf16>, tensor<10xi32> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// Fused 8-bit: scale and bias are reassembled from the row's bytes 16..23
// and applied as fma(w·scale, q, acc + w·bias).
// CHECK-LABEL: func @fused8
// CHECK:       scf.forall
// CHECK:         arith.constant 16 : index
// CHECK:         arith.bitcast %{{.*}} : i32 to f32
// CHECK:         tensor.extract_slice %{{.*}} : tensor<100x24xi8> to tensor<16xi8>
// CHECK:         linalg.generic
// CHECK:           arith.uitofp %{{.*}} : i8 to f32
// CHECK:           arith.addf
// CHECK:           math.fma
func.func @fused8(%t: tensor<100x24xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %o, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 8 : tensor<100x24xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %o, %s : tensor<4x16xf32>, tensor<i32>
}

// Fused 4-bit: f16 scale/bias, codes unpacked with shift and mask; the
// positional weight is guarded by the number of weights (3).
// CHECK-LABEL: func @fused4_positional
// CHECK:       scf.forall
// CHECK:         arith.cmpi ult, %{{.*}}, %c3
// CHECK:         arith.bitcast %{{.*}} : i16 to f16
// CHECK:         linalg.generic
// CHECK:           arith.shrui
// CHECK:           arith.andi %{{.*}}, %c15_i32
// CHECK:           math.fma
func.func @fused4_positional(%t: tensor<100x12xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>, %w: tensor<3xf32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) weights(%w : tensor<3xf32>) positional bits = 4 : tensor<100x12xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// N-bit codes accumulate deinterleaved by bit field (4 fields x 4 bytes
// at 2 bits for 16 codes): one generic over (field, byte) updates the row,
// the shift uniform along each field, marked for the recipe; the bag's sum
// is interleaved back into its result row once, after its last index.
// CHECK-LABEL: func @fused2_bytes
// CHECK:       scf.forall
// CHECK:         %[[SLOT:.+]] = tensor.extract_slice %{{.*}} : tensor<4x16xf32> to tensor<16xf32>
// CHECK:         %[[ZERO:.+]] = linalg.fill {{.*}} outs(%{{.*}} : tensor<4x4xf32>)
// CHECK:         %[[SUM:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (tensor<4x4xf32>)
// CHECK:           linalg.generic {{.*}} ins(%{{.*}} : tensor<4xi8>) outs(%{{.*}} : tensor<4x4xf32>) attrs = {pk.embedding_row}
// CHECK:             %[[FIELD:.+]] = linalg.index 0
// CHECK:             %[[F32:.+]] = arith.index_cast %[[FIELD]] : index to i32
// CHECK:             %[[SHIFT:.+]] = arith.muli %[[F32]], %c2_i32
// CHECK:             arith.shrui %{{.*}}, %[[SHIFT]]
// CHECK:             arith.andi %{{.*}}, %c3_i32
// CHECK:         %[[GRID:.+]] = tensor.expand_shape %[[SLOT]] {{\[\[}}0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
// CHECK:         %[[ROW:.+]] = linalg.transpose ins(%[[SUM]] : tensor<4x4xf32>) outs(%[[GRID]] : tensor<4x4xf32>) permutation = [1, 0]
// CHECK:         tensor.collapse_shape %[[ROW]] {{\[\[}}0, 1]] : tensor<4x4xf32> into tensor<16xf32>
func.func @fused2_bytes(%t: tensor<100x8xi8>, %i: tensor<10xi64>, %l: tensor<4xi32>) -> (tensor<4x16xf32>, tensor<i32>) {
  %r, %s = pk.fused_embedding_bag %t[%i] lengths(%l : tensor<4xi32>) bits = 2 : tensor<100x8xi8>, tensor<10xi64> -> tensor<4x16xf32>, tensor<i32>
  return %r, %s : tensor<4x16xf32>, tensor<i32>
}

// Quantize: one scf.forall iteration per row; the row's min/max as one
// reduction, the row parameters as scalars, then the codes (rounded half to
// even) and the f32 scale and bias bytes as two generics over the row, all
// marked for the recipe.
// CHECK-LABEL: func @quantize8
// CHECK:       scf.forall (%[[R:.+]]) in (10) shared_outs(%[[OUT:.+]] = %{{.*}}) -> (tensor<10x24xi8>)
// CHECK:         %[[X:.+]] = tensor.extract_slice %{{.*}}[%[[R]], 0] [1, 16] [1, 1] : tensor<10x16xf32> to tensor<16xf32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<16xf32>) outs(%{{.*}}, %{{.*}} : tensor<f32>, tensor<f32>) attrs = {pk.embedding_row}
// CHECK:           arith.minimumf
// CHECK:           arith.maximumf
// CHECK:         arith.divf %{{.*}}, %cst{{.*}} : f32
// CHECK:         %[[CODES:.+]] = linalg.generic {{.*}} ins(%[[X]] : tensor<16xf32>) outs(%{{.*}} : tensor<16xi8>) attrs = {pk.embedding_row}
// CHECK:           math.roundeven
// CHECK:           arith.trunci %{{.*}} : i32 to i8
// CHECK:         %[[PARAMS:.+]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<8xi8>) attrs = {pk.embedding_row}
// CHECK:           arith.bitcast %{{.*}} : f32 to i32
// CHECK:         scf.forall.in_parallel
// CHECK:           tensor.parallel_insert_slice %[[CODES]] into %[[OUT]][%[[R]], 0] [1, 16] [1, 1]
// CHECK:           tensor.parallel_insert_slice %[[PARAMS]] into %[[OUT]][%[[R]], 16] [1, 8] [1, 1]
func.func @quantize8(%x: tensor<10x16xf32>) -> tensor<10x24xi8> {
  %q = pk.quantize_rowwise %x bits = 8 : tensor<10x16xf32> -> tensor<10x24xi8>
  return %q : tensor<10x24xi8>
}

// N bits: the minimum and the scale are rounded through f16; each code
// byte packs its columns (reads clamped into the row).
// CHECK-LABEL: func @quantize4
// CHECK:       scf.forall
// CHECK:         arith.truncf %{{.*}} : f32 to f16
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<8xi8>)
// CHECK:           tensor.extract %{{.*}} : tensor<16xf32>
// CHECK:           arith.shli
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<4xi8>)
// CHECK:           arith.bitcast %{{.*}} : f16 to i16
func.func @quantize4(%x: tensor<10x16xf32>) -> tensor<10x12xi8> {
  %q = pk.quantize_rowwise %x bits = 4 : tensor<10x16xf32> -> tensor<10x12xi8>
  return %q : tensor<10x12xi8>
}

// Dequantize: per-row scale and bias from the row's bytes, then
// scale · q + bias.
// CHECK-LABEL: func @dequantize4
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<10xf32>)
// CHECK:         arith.bitcast %{{.*}} : i16 to f16
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<10x16xf32>)
// CHECK:         arith.shrui
// CHECK:         arith.mulf
// CHECK:         arith.addf
func.func @dequantize4(%q: tensor<10x12xi8>) -> tensor<10x16xf32> {
  %x = pk.dequantize_rowwise %q bits = 4 : tensor<10x12xi8> -> tensor<10x16xf32>
  return %x : tensor<10x16xf32>
}

// LSTM: the four gates are column slices of the gate tensor; one generic
// computes h and c, and selects the previous state for finished rows.
// CHECK-LABEL: func @lstm
// CHECK-DAG:   %[[I:.+]] = tensor.extract_slice %{{.*}}[0, 0] [8, 16] [1, 1] : tensor<8x64xf32> to tensor<8x16xf32>
// CHECK-DAG:   %[[F:.+]] = tensor.extract_slice %{{.*}}[0, 16] [8, 16] [1, 1]
// CHECK-DAG:   %[[O:.+]] = tensor.extract_slice %{{.*}}[0, 32] [8, 16] [1, 1]
// CHECK-DAG:   %[[G:.+]] = tensor.extract_slice %{{.*}}[0, 48] [8, 16] [1, 1]
// CHECK:       linalg.generic
// CHECK-SAME:    ins(%{{.*}}, %{{.*}}, %[[I]], %[[F]], %[[O]], %[[G]], %{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8x16xf32>, tensor<8xi32>, tensor<i32>)
// CHECK:         math.exp
// CHECK:         math.tanh
// CHECK:         arith.cmpi slt
// CHECK:         arith.select
// CHECK:         linalg.yield
func.func @lstm(%h: tensor<8x16xf32>, %c: tensor<8x16xf32>, %x: tensor<8x64xf32>, %l: tensor<8xi32>, %t: tensor<i32>) -> (tensor<8x16xf32>, tensor<8x16xf32>) {
  %h1, %c1 = pk.lstm_unit %h, %c, %x seq_lengths(%l : tensor<8xi32>) timestep(%t : tensor<i32>) : tensor<8x16xf32>, tensor<8x64xf32> -> tensor<8x16xf32>
  return %h1, %c1 : tensor<8x16xf32>, tensor<8x16xf32>
}

// Dense Adagrad: one elementwise generic yielding param and moment.
// CHECK-LABEL: func @adagrad
// CHECK:       linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<8x4xf32>)
// CHECK:         math.fma
// CHECK:         math.sqrt
// CHECK:         arith.divf
// CHECK:         linalg.yield
func.func @adagrad(%w: tensor<8x4xf32>, %h: tensor<8x4xf32>, %g: tensor<8x4xf32>, %lr: tensor<f32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %w1, %h1 = pk.adagrad %w, %h, %g lr(%lr : tensor<f32>) : tensor<8x4xf32>, tensor<8x4xf32>
  return %w1, %h1 : tensor<8x4xf32>, tensor<8x4xf32>
}

// Sparse row-wise Adagrad: sequential over indices, range-checked, a
// reduction for mean(g'²), the moment element and the row updated in place.
// CHECK-LABEL: func @sparse_rowwise
// CHECK:       %[[STATUS:.+]] = tensor.from_elements %{{.*}} : tensor<i32>
// CHECK:       %[[LOOP:.+]]:2 = scf.for {{.*}} -> (tensor<8x4xf32>, tensor<8xf32>)
// CHECK:         scf.if %{{.*}} -> (tensor<8x4xf32>, tensor<8xf32>)
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction"]{{.*}}attrs = {pk.embedding_row}
// CHECK:           tensor.insert %{{.*}} : tensor<8xf32>
// CHECK:           linalg.generic
// CHECK:           tensor.insert_slice %{{.*}} : tensor<4xf32> into tensor<8x4xf32>
// CHECK:       return %[[LOOP]]#0, %[[LOOP]]#1, %[[STATUS]]
func.func @sparse_rowwise(%w: tensor<8x4xf32>, %h: tensor<8xf32>, %g: tensor<3x4xf32>, %i: tensor<3xi64>, %lr: tensor<f32>) -> (tensor<8x4xf32>, tensor<8xf32>, tensor<i32>) {
  %w1, %h1, %s = pk.sparse_adagrad %w, %h, %g[%i] lr(%lr : tensor<f32>) : tensor<8x4xf32>, tensor<8xf32>, tensor<3x4xf32>, tensor<3xi64> -> tensor<i32>
  return %w1, %h1, %s : tensor<8x4xf32>, tensor<8xf32>, tensor<i32>
}
