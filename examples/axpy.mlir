// Typed axpy (caffe2 TypedAxpy): y + a·x over 1M elements with x stored as
// f16 and y as f32, the mixed-precision accumulation caffe2 uses for
// gradient and embedding updates. Memory bound: pk-run reports GB/s.
//   build/bin/pk-run examples/axpy.mlir --bench 10
func.func @axpy(%x: tensor<1048576xf16>, %y: tensor<1048576xf32>)
    -> tensor<1048576xf32> {
  %a = arith.constant dense<0.25> : tensor<f32>
  %r = pk.axpy %x, %y a(%a : tensor<f32>)
      : tensor<1048576xf16>, tensor<1048576xf32>
  return %r : tensor<1048576xf32>
}
