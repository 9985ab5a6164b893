//===- PKDialect.td - perfkernel dialect definition --------*- tablegen -*-===//
//
// The `pk` dialect: kernel-level operations on tensors (caffe2 perfkernel
// families and DNN layers) that lower to linalg.
//
//===----------------------------------------------------------------------===//

#ifndef PK_DIALECT_TD
#define PK_DIALECT_TD

include "mlir/IR/OpBase.td"

def PK_Dialect : Dialect {
  let name = "pk";
  let cppNamespace = "::mlir::pk";
  let summary = "perfkernel: performance kernels and DNN layers on tensors";
  let description = [{
    The `pk` dialect describes a kernel once, at the level a performance
    engineer thinks about it (a matmul, an attention head, an embedding bag),
    on ranked tensors. Every op lowers to linalg on tensors with
    `pk-lower-to-linalg`; from there `pk-cpu-pipeline` schedules it (tiling,
    vectorization, OpenMP) and `pk-reference-pipeline` produces plain loops
    that serve as the correctness oracle.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
  // pk.lowering_config and pk.target are checked on the ops they are
  // attached to.
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
    static constexpr ::llvm::StringLiteral kLoweringConfigAttrName =
        "pk.lowering_config";
    static constexpr ::llvm::StringLiteral kTargetAttrName = "pk.target";
  }];
}

class PK_Op<string mnemonic, list<Trait> traits = []>
    : Op<PK_Dialect, mnemonic, traits>;

// Floating-point element types every pk DNN op accepts.
def PK_AnyFloat : AnyTypeOf<[F32, F16, BF16]>;
def PK_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;

#endif // PK_DIALECT_TD
