// A symbol that an interstate edge assigns is a variable: binding it with
// 'symbols=' gives its value on entry (DaCe passes a symbol read before
// any assignment as an argument), and the edges still update it, so a
// bound loop counter still counts (a constant in its place would loop
// forever).
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=i=5" | FileCheck %s

// CHECK-LABEL: func.func @counter(
// CHECK:         %[[SLOT:.+]] = memref.alloca() : memref<i64>
// CHECK:         %[[FIVE:.+]] = arith.constant 5 : i64
// CHECK:         memref.store %[[FIVE]], %[[SLOT]][]
// CHECK:         scf.while
// CHECK:           %[[C:.+]] = memref.load %[[SLOT]][]
// CHECK:           arith.cmpi slt, %[[C]]
// CHECK:           %[[I:.+]] = memref.load %[[SLOT]][]
// CHECK:           %[[NEXT:.+]] = arith.addi %[[I]]
// CHECK:           memref.store %[[NEXT]], %[[SLOT]][]
sdfg.sdfg @counter(%A: memref<4xf32>) entry @s symbols {i = i64} {
  sdfg.state @s {}
  sdfg.state @done {}
  sdfg.edge @s -> @s if "i < 3" assign ["i = i + 1"]
  sdfg.edge @s -> @done if "i >= 3"
}
