// Every class pk-select-lowering-config schedules, against
// pk-reference-pipeline's plain loops, on odd and prime sizes: elementwise
// with broadcasts, 2-D and 3-D transposes, row and column reductions,
// matrix-vector products both ways, a two-output reduction, a stencil
// sweep over shifted slices, integers and f16, with both named targets.
// RUN: pk-run %s --entry broadcast | FileCheck %s
// RUN: pk-run %s --entry transposes | FileCheck %s
// RUN: pk-run %s --entry reductions | FileCheck %s
// RUN: pk-run %s --entry matvecs | FileCheck %s
// RUN: pk-run %s --entry stencil | FileCheck %s
// RUN: pk-run %s --entry integers | FileCheck %s
// RUN: pk-run %s --entry half | FileCheck %s
// RUN: pk-run %s --entry broadcast --target x86-64-v3 | FileCheck %s
// RUN: pk-run %s --entry reductions --target x86-64-v3 | FileCheck %s
// RUN: pk-run %s --entry matvecs --num-threads 1 | FileCheck %s
// CHECK: PASS

#id2 = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
#col = affine_map<(i, j) -> (i)>
#t2 = affine_map<(i, j) -> (j, i)>

func.func @broadcast(%a: tensor<257x131xf32>, %b: tensor<131xf32>, %c: tensor<257xf32>) -> tensor<257x131xf32> {
  %e = tensor.empty() : tensor<257x131xf32>
  %r = linalg.generic {indexing_maps = [#id2, #row, #col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b, %c : tensor<257x131xf32>, tensor<131xf32>, tensor<257xf32>) outs(%e : tensor<257x131xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.mulf %s, %z : f32
    %t = math.tanh %m : f32
    linalg.yield %t : f32
  } -> tensor<257x131xf32>
  return %r : tensor<257x131xf32>
}

func.func @transposes(%a: tensor<96x130xf32>, %b: tensor<67x33x5xf32>) -> (tensor<130x96xf32>, tensor<5x67x33xf32>) {
  %e = tensor.empty() : tensor<130x96xf32>
  %t = linalg.transpose ins(%a : tensor<96x130xf32>) outs(%e : tensor<130x96xf32>) permutation = [1, 0]
  %e3 = tensor.empty() : tensor<5x67x33xf32>
  %t3 = linalg.transpose ins(%b : tensor<67x33x5xf32>) outs(%e3 : tensor<5x67x33xf32>) permutation = [2, 0, 1]
  return %t, %t3 : tensor<130x96xf32>, tensor<5x67x33xf32>
}

func.func @reductions(%a: tensor<301x173xf32>) -> (tensor<301xf32>, tensor<173xf32>) {
  %zero = arith.constant 0.0 : f32
  %lowest = arith.constant -3.40282347E+38 : f32
  %er = tensor.empty() : tensor<301xf32>
  %r0 = linalg.fill ins(%lowest : f32) outs(%er : tensor<301xf32>) -> tensor<301xf32>
  %rowmax = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<301x173xf32>) outs(%r0 : tensor<301xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %m = arith.maximumf %x, %acc : f32
    linalg.yield %m : f32
  } -> tensor<301xf32>
  %ec = tensor.empty() : tensor<173xf32>
  %c0 = linalg.fill ins(%zero : f32) outs(%ec : tensor<173xf32>) -> tensor<173xf32>
  %colsq = linalg.generic {indexing_maps = [#t2, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<301x173xf32>) outs(%c0 : tensor<173xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %sq = arith.mulf %x, %x : f32
    %s = arith.addf %acc, %sq : f32
    linalg.yield %s : f32
  } -> tensor<173xf32>
  return %rowmax, %colsq : tensor<301xf32>, tensor<173xf32>
}

// y = A x and, in one op, s = A^T r and u = the column sums of squares.
func.func @matvecs(%a: tensor<1031x517xf32>, %x: tensor<517xf32>, %r: tensor<1031xf32>) -> (tensor<1031xf32>, tensor<517xf32>, tensor<517xf32>) {
  %zero = arith.constant 0.0 : f32
  %ey = tensor.empty() : tensor<1031xf32>
  %y0 = linalg.fill ins(%zero : f32) outs(%ey : tensor<1031xf32>) -> tensor<1031xf32>
  %y = linalg.generic {indexing_maps = [#id2, #row, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : tensor<1031x517xf32>, tensor<517xf32>) outs(%y0 : tensor<1031xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<1031xf32>
  %es = tensor.empty() : tensor<517xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%es : tensor<517xf32>) -> tensor<517xf32>
  %eu = tensor.empty() : tensor<517xf32>
  %u0 = linalg.fill ins(%zero : f32) outs(%eu : tensor<517xf32>) -> tensor<517xf32>
  %s, %u = linalg.generic {indexing_maps = [#t2, #row, #col, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a, %r : tensor<1031x517xf32>, tensor<1031xf32>) outs(%s0, %u0 : tensor<517xf32>, tensor<517xf32>) {
  ^bb0(%p: f32, %rv: f32, %sacc: f32, %uacc: f32):
    %m = arith.mulf %rv, %p : f32
    %sn = arith.addf %sacc, %m : f32
    %sq = arith.mulf %p, %p : f32
    %un = arith.addf %uacc, %sq : f32
    linalg.yield %sn, %un : f32, f32
  } -> (tensor<517xf32>, tensor<517xf32>)
  return %y, %s, %u : tensor<1031xf32>, tensor<517xf32>, tensor<517xf32>
}

// One Jacobi sweep over the interior of a 131 x 259 grid, put back into it.
func.func @stencil(%a: tensor<131x259xf32>) -> tensor<131x259xf32> {
  %fifth = arith.constant 0.2 : f32
  %e = tensor.empty() : tensor<129x257xf32>
  %c = tensor.extract_slice %a[1, 1] [129, 257] [1, 1] : tensor<131x259xf32> to tensor<129x257xf32>
  %w = tensor.extract_slice %a[1, 0] [129, 257] [1, 1] : tensor<131x259xf32> to tensor<129x257xf32>
  %o = tensor.extract_slice %a[1, 2] [129, 257] [1, 1] : tensor<131x259xf32> to tensor<129x257xf32>
  %n = tensor.extract_slice %a[0, 1] [129, 257] [1, 1] : tensor<131x259xf32> to tensor<129x257xf32>
  %s = tensor.extract_slice %a[2, 1] [129, 257] [1, 1] : tensor<131x259xf32> to tensor<129x257xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2, #id2, #id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%c, %w, %o, %n, %s : tensor<129x257xf32>, tensor<129x257xf32>, tensor<129x257xf32>, tensor<129x257xf32>, tensor<129x257xf32>)
      outs(%e : tensor<129x257xf32>) {
  ^bb0(%vc: f32, %vw: f32, %ve: f32, %vn: f32, %vs: f32, %unused: f32):
    %0 = arith.addf %vc, %vw : f32
    %1 = arith.addf %0, %ve : f32
    %2 = arith.addf %1, %vn : f32
    %3 = arith.addf %2, %vs : f32
    %4 = arith.mulf %fifth, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<129x257xf32>
  %r = tensor.insert_slice %b into %a[1, 1] [129, 257] [1, 1] : tensor<129x257xf32> into tensor<131x259xf32>
  return %r : tensor<131x259xf32>
}

func.func @integers(%a: tensor<67x129xi32>, %b: tensor<129xi32>) -> (tensor<67x129xi32>, tensor<67xi32>) {
  %e = tensor.empty() : tensor<67x129xi32>
  %r = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<67x129xi32>, tensor<129xi32>) outs(%e : tensor<67x129xi32>) {
  ^bb0(%x: i32, %y: i32, %o: i32):
    %s = arith.muli %x, %y : i32
    %t = arith.xori %s, %x : i32
    linalg.yield %t : i32
  } -> tensor<67x129xi32>
  %zero = arith.constant 0 : i32
  %er = tensor.empty() : tensor<67xi32>
  %r0 = linalg.fill ins(%zero : i32) outs(%er : tensor<67xi32>) -> tensor<67xi32>
  %sum = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<67x129xi32>) outs(%r0 : tensor<67xi32>) {
  ^bb0(%x: i32, %acc: i32):
    %s = arith.addi %x, %acc : i32
    linalg.yield %s : i32
  } -> tensor<67xi32>
  return %r, %sum : tensor<67x129xi32>, tensor<67xi32>
}

func.func @half(%a: tensor<77x131xf16>) -> tensor<131x77xf32> {
  %e = tensor.empty() : tensor<131x77xf32>
  %r = linalg.generic {indexing_maps = [#t2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<77x131xf16>) outs(%e : tensor<131x77xf32>) {
  ^bb0(%x: f16, %o: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<131x77xf32>
  return %r : tensor<131x77xf32>
}
