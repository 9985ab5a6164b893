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

    ### Attributes on other dialects' ops

    pk's passes, conversions and recipes exchange these attributes; the
    dialect verifies their type and where they appear, and rejects any other
    `pk.` name (a misspelt tag is an error, not a silently ignored schedule).

    Schedule tags (unit attributes on linalg ops), set by a pass and matched
    by name by the recipes (`transform.structured.match attributes
    {pk.fused_conv}`). An op with a tag or a `pk.lowering_config` is left to
    its schedule by the passes that would otherwise rewrite or configure it
    (`pk-fuse-elementwise`, `pk-normalize-contractions`,
    `pk-select-lowering-config`):

    | attribute | set by | meaning |
    | --- | --- | --- |
    | `pk.attention_tile`, `pk.attention_vector` | `pk-fuse-attention` | the fused tile's register-tiled matmuls and row generics; its per-row state |
    | `pk.embedding_row` | `pk-lower-to-linalg` | a perfkernel's per-row update (embedding bags, row-wise quantization, Adagrad rows) |
    | `pk.fused_conv`, `pk.fused_epilogue`, `pk.fused_pool` | `pk-fuse-conv-pool` | the ops of one fused convolution/pooling tile |
    | `pk.gpu_promote`, `pk.gpu_promote_batch` | the GPU recipe | operands to promote to workgroup memory (read by `pk-gpu-prepare-promotion`) |
    | `pk.register_tile` | `pk-apply-lowering-config` | a register tile while peeling copies it (internal to that pass) |

    Other attributes:

    | attribute | on | meaning |
    | --- | --- | --- |
    | `pk.lowering_config` | a linalg op | a `#pk.lowering_config`: the op's schedule |
    | `pk.target` | the module | a `#pk.target`: the machine schedules are chosen for |
    | `pk.aliasing_arguments` | a function (unit) | some caller passes overlapping memory in two arguments (set by the SDFG lowering; arguments are otherwise assumed distinct) |
    | `pk.status` | an integer tensor function result (unit) | the kernel's own verdict on its input; `pk-run` fails when it is nonzero |
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
  // The attributes pk's passes, conversions and recipes exchange on ops they
  // do not own (see the description); each has a generated helper
  // (`PKDialect::FusedConvAttrHelper` and so on: its name, get/set/remove).
  let discardableAttrs = (ins
    "::mlir::UnitAttr":$attention_tile,
    "::mlir::UnitAttr":$attention_vector,
    "::mlir::UnitAttr":$embedding_row,
    "::mlir::UnitAttr":$fused_conv,
    "::mlir::UnitAttr":$fused_epilogue,
    "::mlir::UnitAttr":$fused_pool,
    "::mlir::UnitAttr":$gpu_promote,
    "::mlir::UnitAttr":$gpu_promote_batch,
    "::mlir::UnitAttr":$register_tile,
    "::mlir::UnitAttr":$aliasing_arguments
  );
  let hasOperationAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
    static constexpr ::llvm::StringLiteral kLoweringConfigAttrName =
        "pk.lowering_config";
    static constexpr ::llvm::StringLiteral kTargetAttrName = "pk.target";
    static constexpr ::llvm::StringLiteral kStatusAttrName = "pk.status";

    /// Whether a schedule owns `op`: it carries a schedule tag (above) or a
    /// `pk.lowering_config`.
    static bool hasScheduleTag(::mlir::Operation *op);
  }];
}

class PK_Op<string mnemonic, list<Trait> traits = []>
    : Op<PK_Dialect, mnemonic, traits>;

// Floating-point element types every pk DNN op accepts.
def PK_AnyFloat : AnyTypeOf<[F32, F16, BF16]>;
def PK_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;

#endif // PK_DIALECT_TD
