// RUN: pk-opt %s --convert-linalg-to-sdfg --split-input-file -verify-diagnostics

// expected-error @+1 {{'func.func' op argument #0 has type 'tensor<4xf32>', which is neither a memref nor a scalar (bufferize tensors first)}}
func.func @tensors(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  %r = linalg.add ins(%a, %a : tensor<4xf32>, tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// expected-error @+1 {{'func.func' op argument #0 has type 'memref<?xf32>'; convert-linalg-to-sdfg needs static, identity-layout memrefs}}
func.func @dynamic(%a: memref<?xf32>) {
  return
}

// -----

// expected-error @+1 {{'func.func' op returns values; convert-linalg-to-sdfg converts functions that write into memref arguments}}
func.func @results(%a: memref<4xf32>) -> f32 {
  %c = arith.constant 0.0 : f32
  return %c : f32
}

// -----

func.func @sub_reduction(%a: memref<4x5xf32>, %b: memref<4xf32>) {
  // expected-error @+1 {{'linalg.generic' op reduces output #0 with a payload that is not 'out = out (+|*|max|min) value'; convert-linalg-to-sdfg cannot express it as write-conflict resolution}}
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x5xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.subf %out, %in : f32
    linalg.yield %d : f32
  }
  return
}

// -----

func.func @top_level(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %v = arith.constant 1.0 : f32
  // expected-error @+1 {{'memref.store' op is not supported by convert-linalg-to-sdfg (linalg ops on memrefs, scf.parallel and constants are)}}
  memref.store %v, %a[%c0] : memref<4xf32>
  return
}

// -----

func.func @for_inside(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    // expected-error @+1 {{'scf.for' op is not supported inside scf.parallel by convert-linalg-to-sdfg (memref.load/store/atomic_rmw, nested scf.parallel and side-effect-free ops are)}}
    scf.for %j = %c0 to %c4 step %c1 {
    }
    scf.reduce
  }
  return
}

// -----

func.func @parallel_reduction(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{'scf.parallel' op has reductions; convert-linalg-to-sdfg converts scf.parallel without them (use memref.atomic_rmw, which becomes wcr)}}
  %r = scf.parallel (%i) = (%c0) to (%c4) step (%c1) init (%zero) -> f32 {
    %v = memref.load %a[%i] : memref<4xf32>
    scf.reduce(%v : f32) {
    ^bb0(%x: f32, %y: f32):
      %s = arith.addf %x, %y : f32
      scf.reduce.return %s : f32
    }
  }
  return
}
