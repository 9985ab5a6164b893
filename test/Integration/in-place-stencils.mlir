// Stencil time steps updating their memref arguments in place, as the C
// kernels do: each array is read as a tensor (to_tensor restrict
// writable), the sweeps are generics over shifted slices, and the results
// are materialized back into the arguments. Compiled, they touch no
// temporary and copy nothing (one-shot bufferization puts every sweep in
// place: pk-eliminate-empty-tensors, pk-read-through-inserts). Checked
// against pk-reference-pipeline here and against NumPy in
// auto-schedule-numpy.test.
// RUN: pk-run %s --entry jacobi2d | FileCheck %s
// RUN: pk-run %s --entry jacobi2d --num-threads 1 | FileCheck %s
// RUN: pk-run %s --entry update | FileCheck %s
// CHECK: PASS
// RUN: pk-opt %s --pk-cpu-pipeline="target=x86-64-v4" | FileCheck %s --check-prefix=LOWERED
// LOWERED-NOT: memref.alloc
// LOWERED-NOT: memrefCopy
// LOWERED-NOT: llvm.call @malloc

#id = affine_map<(i, j) -> (i, j)>

// B := the 5-point average of A over the interior, then A := that of B.
func.func @jacobi2d(%am: memref<37x131xf32>, %bm: memref<37x131xf32>) {
  %a = bufferization.to_tensor %am restrict writable : memref<37x131xf32> to tensor<37x131xf32>
  %b = bufferization.to_tensor %bm restrict writable : memref<37x131xf32> to tensor<37x131xf32>
  %fifth = arith.constant 0.2 : f32
  %e = tensor.empty() : tensor<35x129xf32>
  %ac = tensor.extract_slice %a[1, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %aw = tensor.extract_slice %a[1, 0] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %ae = tensor.extract_slice %a[1, 2] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %an = tensor.extract_slice %a[0, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %as = tensor.extract_slice %a[2, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %s1 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ac, %aw, %ae, %an, %as : tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>)
      outs(%e : tensor<35x129xf32>) {
  ^bb0(%c: f32, %w: f32, %o: f32, %n: f32, %s: f32, %unused: f32):
    %0 = arith.addf %c, %w : f32
    %1 = arith.addf %0, %o : f32
    %2 = arith.addf %1, %n : f32
    %3 = arith.addf %2, %s : f32
    %4 = arith.mulf %fifth, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<35x129xf32>
  %b1 = tensor.insert_slice %s1 into %b[1, 1] [35, 129] [1, 1] : tensor<35x129xf32> into tensor<37x131xf32>
  %bc = tensor.extract_slice %b1[1, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %bw = tensor.extract_slice %b1[1, 0] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %be = tensor.extract_slice %b1[1, 2] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %bn = tensor.extract_slice %b1[0, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %bs = tensor.extract_slice %b1[2, 1] [35, 129] [1, 1] : tensor<37x131xf32> to tensor<35x129xf32>
  %s2 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%bc, %bw, %be, %bn, %bs : tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>, tensor<35x129xf32>)
      outs(%e : tensor<35x129xf32>) {
  ^bb0(%c: f32, %w: f32, %o: f32, %n: f32, %s: f32, %unused: f32):
    %0 = arith.addf %c, %w : f32
    %1 = arith.addf %0, %o : f32
    %2 = arith.addf %1, %n : f32
    %3 = arith.addf %2, %s : f32
    %4 = arith.mulf %fifth, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<35x129xf32>
  %a1 = tensor.insert_slice %s2 into %a[1, 1] [35, 129] [1, 1] : tensor<35x129xf32> into tensor<37x131xf32>
  bufferization.materialize_in_destination %a1 in restrict writable %am : (tensor<37x131xf32>, memref<37x131xf32>) -> ()
  bufferization.materialize_in_destination %b1 in restrict writable %bm : (tensor<37x131xf32>, memref<37x131xf32>) -> ()
  return
}

// fdtd-2d's first two updates: rows 1.. of y -= 0.5 (h - h one row up),
// with the updated values read as the generic's init, then row 0 of y
// zeroed; columns 1.. of x -= 0.5 (h - h one column left).
func.func @update(%xm: memref<29x67xf32>, %ym: memref<29x67xf32>, %hm: memref<29x67xf32>) {
  %x = bufferization.to_tensor %xm restrict writable : memref<29x67xf32> to tensor<29x67xf32>
  %y = bufferization.to_tensor %ym restrict writable : memref<29x67xf32> to tensor<29x67xf32>
  %h = bufferization.to_tensor %hm restrict writable : memref<29x67xf32> to tensor<29x67xf32>
  %half = arith.constant 0.5 : f32
  %zero = arith.constant 0.0 : f32
  %yi = tensor.extract_slice %y[1, 0] [28, 67] [1, 1] : tensor<29x67xf32> to tensor<28x67xf32>
  %hi = tensor.extract_slice %h[1, 0] [28, 67] [1, 1] : tensor<29x67xf32> to tensor<28x67xf32>
  %hu = tensor.extract_slice %h[0, 0] [28, 67] [1, 1] : tensor<29x67xf32> to tensor<28x67xf32>
  %yn = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%hi, %hu : tensor<28x67xf32>, tensor<28x67xf32>) outs(%yi : tensor<28x67xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %0 = arith.subf %a, %b : f32
    %1 = arith.mulf %half, %0 : f32
    %2 = arith.subf %o, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<28x67xf32>
  %y0 = tensor.insert_slice %yn into %y[1, 0] [28, 67] [1, 1] : tensor<28x67xf32> into tensor<29x67xf32>
  %yr = tensor.extract_slice %y0[0, 0] [1, 67] [1, 1] : tensor<29x67xf32> to tensor<1x67xf32>
  %z = linalg.fill ins(%zero : f32) outs(%yr : tensor<1x67xf32>) -> tensor<1x67xf32>
  %y1 = tensor.insert_slice %z into %y0[0, 0] [1, 67] [1, 1] : tensor<1x67xf32> into tensor<29x67xf32>
  %xj = tensor.extract_slice %x[0, 1] [29, 66] [1, 1] : tensor<29x67xf32> to tensor<29x66xf32>
  %hj = tensor.extract_slice %h[0, 1] [29, 66] [1, 1] : tensor<29x67xf32> to tensor<29x66xf32>
  %hl = tensor.extract_slice %h[0, 0] [29, 66] [1, 1] : tensor<29x67xf32> to tensor<29x66xf32>
  %xn = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%hj, %hl : tensor<29x66xf32>, tensor<29x66xf32>) outs(%xj : tensor<29x66xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %0 = arith.subf %a, %b : f32
    %1 = arith.mulf %half, %0 : f32
    %2 = arith.subf %o, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<29x66xf32>
  %x1 = tensor.insert_slice %xn into %x[0, 1] [29, 66] [1, 1] : tensor<29x66xf32> into tensor<29x67xf32>
  bufferization.materialize_in_destination %x1 in restrict writable %xm : (tensor<29x67xf32>, memref<29x67xf32>) -> ()
  bufferization.materialize_in_destination %y1 in restrict writable %ym : (tensor<29x67xf32>, memref<29x67xf32>) -> ()
  return
}
