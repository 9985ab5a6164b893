// pk-run takes an SDFG directly: --sdfg-symbols binds N, the SDFG becomes a
// function, both pipelines compile it, and y = 2x + y is checked against
// NumPy on the same .npy inputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/x.npy', r.standard_normal(37, dtype=np.float32)); np.save('%t/y.npy', r.standard_normal(37, dtype=np.float32))"
// RUN: pk-run %pk_src_root/examples/sdfg_axpy.mlir --sdfg-symbols N=37 --input %t/x.npy,%t/y.npy --output %t/out | FileCheck %s
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy'); y = np.load('%t/y.npy'); np.testing.assert_allclose(np.load('%t/out1.npy'), 2 * x + y, rtol=1e-6); np.testing.assert_array_equal(np.load('%t/out0.npy'), x); print('NUMPY-OK')" | FileCheck %s --check-prefix=NUMPY
// CHECK: pk-run: @axpy (2 inputs, 2 written in place)
// CHECK: PASS
// NUMPY: NUMPY-OK
