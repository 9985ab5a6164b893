// b[i] = exp(a[i]) * a[i] + conj(a[i]) / (a[i] - c), and d[i] = a[i] ** 3:
// complex arithmetic through pk-cpu-pipeline (on the parts: exp, log and
// pow expanded, a zero base included).
func.func @complex_ops(%a: memref<5xcomplex<f64>>, %c: memref<complex<f64>>,
                       %b: memref<5xcomplex<f64>>, %d: memref<5xcomplex<f32>>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %three = complex.constant [3.0 : f32, 0.0 : f32] : complex<f32>
  %cv = memref.load %c[] : memref<complex<f64>>
  scf.for %i = %c0 to %c5 step %c1 {
    %x = memref.load %a[%i] : memref<5xcomplex<f64>>
    %e = complex.exp %x : complex<f64>
    %p = complex.mul %e, %x : complex<f64>
    %j = complex.conj %x : complex<f64>
    %s = complex.sub %x, %cv : complex<f64>
    %q = complex.div %j, %s : complex<f64>
    %r = complex.add %p, %q : complex<f64>
    memref.store %r, %b[%i] : memref<5xcomplex<f64>>
    %re = complex.re %x : complex<f64>
    %im = complex.im %x : complex<f64>
    %re32 = arith.truncf %re : f64 to f32
    %im32 = arith.truncf %im : f64 to f32
    %x32 = complex.create %re32, %im32 : complex<f32>
    %cube = complex.pow %x32, %three : complex<f32>
    memref.store %cube, %d[%i] : memref<5xcomplex<f32>>
  }
  return
}
