//===- GPUPipeline.cpp - perfkernel's NVIDIA GPU pipeline -----------------===//
//
// pk-gpu-pipeline shares the front end with the CPU pipeline (pk → linalg on
// tensors), then:
//   1. the GPU recipe's @__transform_main tiles matmuls into block-mapped
//      scf.forall loops on tensors;
//   2. one-shot bufferization (results become out-parameters);
//   3. the recipe's @__transform_bufferized promotes operand tiles to shared
//      memory, tiles copies and products over threads and turns every
//      block-mapped scf.forall into a gpu.launch;
//   4. whatever the recipe left (elementwise ops, reductions, gathers)
//      becomes parallel loops tiled into 256-thread blocks and launched;
//   5. data placement: host buffers become device buffers (see
//      GPUDataPlacementPass), shared-memory allocations become workgroup
//      attributions of their launch;
//   6. outlining, NVVM lowering, gpu-module-to-binary, and the host side
//      through gpu-async-region and gpu-to-llvm (mgpu* runtime calls).
//
// The small passes here are private to the pipeline: each one only makes
// sense between two specific upstream steps of it.
//
//===----------------------------------------------------------------------===//

#include "Pipelines/GPUPipeline.h"
#include "PipelineStages.h"

#include "Conversion/Passes.h"
#include "Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/SetVector.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVM/NVVM/Utils.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;

namespace mlir::pk {
/// recipes/gpu-default.mlir, compiled in by CMake (GPURecipe.cpp).
extern const char *const kGPUDefaultRecipe;
} // namespace mlir::pk

/// The triple nvvm-attach-target uses by default.
static constexpr llvm::StringLiteral kNVPTXTriple = "nvptx64-nvidia-cuda";

/// Threads per block of the kernels made from parallel loops.
static constexpr int64_t kThreadsPerBlock = 256;

namespace {
/// Marks every floating-point add/subtract of a product, and the product,
/// `contract` in kernels, so the NVPTX backend fuses them into fma.rn
/// (nvcc's default, -fmad=true): one instruction and one rounding instead
/// of two. Linalg's payloads (a matmul's `c + a * b`) and lowered
/// elementwise code come without fast-math flags, and LLVM fuses nothing
/// it is not allowed to.
struct GPUContractMultiplyAddPass
    : PassWrapper<GPUContractMultiplyAddPass, OperationPass<gpu::GPUModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUContractMultiplyAddPass)
  StringRef getArgument() const final { return "pk-gpu-contract-multiply-add"; }
  void runOnOperation() override {
    auto contract = [](Operation *op) {
      auto fmf = cast<arith::ArithFastMathInterface>(op);
      arith::FastMathFlagsAttr attr = fmf.getFastMathFlagsAttr();
      arith::FastMathFlags flags =
          attr ? attr.getValue() : arith::FastMathFlags::none;
      op->setAttr(
          fmf.getFastMathAttrName(),
          arith::FastMathFlagsAttr::get(
              op->getContext(), flags | arith::FastMathFlags::contract));
    };
    getOperation().walk([&](Operation *op) {
      if (!isa<arith::AddFOp, arith::SubFOp>(op))
        return;
      for (Value operand : op->getOperands())
        if (auto product = operand.getDefiningOp<arith::MulFOp>()) {
          contract(product);
          contract(op);
        }
    });
  }
};

/// Shared-memory buffers (workgroup attributions) are 16-byte aligned, so
/// kernels may read them as 16-byte vectors (ld.shared.v4, as the fused
/// attention kernel does); the NVVM lowering would otherwise align them to
/// their element type only.
struct GPUAlignWorkgroupBuffersPass
    : PassWrapper<GPUAlignWorkgroupBuffersPass,
                  OperationPass<gpu::GPUModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUAlignWorkgroupBuffersPass)
  StringRef getArgument() const final {
    return "pk-gpu-align-workgroup-buffers";
  }
  void runOnOperation() override {
    getOperation().walk([](gpu::GPUFuncOp func) {
      Builder builder(func.getContext());
      for (unsigned i = 0, e = func.getNumWorkgroupAttributions(); i < e; ++i)
        if (!func.getWorkgroupAttributionAttr(
                i, LLVM::LLVMDialect::getAlignAttrName()))
          func.setWorkgroupAttributionAttr(
              i, LLVM::LLVMDialect::getAlignAttrName(),
              builder.getI64IntegerAttr(16));
    });
  }
};

/// Gives vector loads and stores in kernels the alignment their addresses
/// provably have, so the NVPTX backend emits 16-byte ld/st.global.v4 and
/// ld/st.shared.v4 instead of one access per element: without the
/// attribute, the NVVM lowering assumes only the element type's alignment.
/// The base of a kernel argument is assumed 16-byte aligned (cuMemAlloc
/// and gpu.alloc return at least 256-byte aligned memory; pk-gpu-pipeline
/// passes arguments with an identity layout), as are workgroup buffers
/// (GPUAlignWorkgroupBuffersPass); the offset within the buffer must be
/// provably a multiple: static strides and offset, and indices built from
/// constants, loop induction variables, +, * and affine maps.
struct GPUAlignVectorAccessesPass
    : PassWrapper<GPUAlignVectorAccessesPass, OperationPass<gpu::GPUModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUAlignVectorAccessesPass)
  StringRef getArgument() const final { return "pk-gpu-align-vector-accesses"; }

  static constexpr int64_t kBaseAlignment = 16;

  /// The largest power of two, at most `limit`, that divides `value` on
  /// every execution (1 when nothing is known).
  static int64_t powerOfTwoFactor(Value value, int64_t limit,
                                  unsigned depth = 0) {
    if (depth > 16)
      return 1;
    auto ofConstant = [&](int64_t c) {
      if (c == 0)
        return limit;
      return std::min<int64_t>(limit, int64_t(1) << llvm::countr_zero(
                                          static_cast<uint64_t>(c)));
    };
    std::optional<int64_t> constant = getConstantIntValue(value);
    if (constant)
      return ofConstant(*constant);
    if (auto iv = dyn_cast<BlockArgument>(value)) {
      auto loop = dyn_cast<scf::ForOp>(iv.getOwner()->getParentOp());
      if (!loop || loop.getInductionVar() != iv)
        return 1;
      return std::min(powerOfTwoFactor(loop.getLowerBound(), limit, depth + 1),
                      powerOfTwoFactor(loop.getStep(), limit, depth + 1));
    }
    Operation *def = value.getDefiningOp();
    if (isa<arith::AddIOp, arith::SubIOp>(def))
      return std::min(powerOfTwoFactor(def->getOperand(0), limit, depth + 1),
                      powerOfTwoFactor(def->getOperand(1), limit, depth + 1));
    if (isa<arith::MulIOp>(def))
      return std::min(limit,
                      powerOfTwoFactor(def->getOperand(0), limit, depth + 1) *
                          powerOfTwoFactor(def->getOperand(1), limit,
                                           depth + 1));
    if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(def))
      return powerOfTwoFactor(def->getOperand(0), limit, depth + 1);
    if (auto apply = dyn_cast<affine::AffineApplyOp>(def)) {
      AffineMap map = apply.getAffineMap();
      unsigned numDims = map.getNumDims();
      std::function<int64_t(AffineExpr)> ofExpr =
          [&](AffineExpr expr) -> int64_t {
        if (auto c = dyn_cast<AffineConstantExpr>(expr))
          return ofConstant(c.getValue());
        if (auto d = dyn_cast<AffineDimExpr>(expr))
          return powerOfTwoFactor(apply.getOperand(d.getPosition()), limit,
                                  depth + 1);
        if (auto s = dyn_cast<AffineSymbolExpr>(expr))
          return powerOfTwoFactor(
              apply.getOperand(numDims + s.getPosition()), limit, depth + 1);
        auto binary = cast<AffineBinaryOpExpr>(expr);
        switch (expr.getKind()) {
        case AffineExprKind::Add:
          return std::min(ofExpr(binary.getLHS()), ofExpr(binary.getRHS()));
        case AffineExprKind::Mul:
          return std::min(limit,
                          ofExpr(binary.getLHS()) * ofExpr(binary.getRHS()));
        case AffineExprKind::Mod:
          // x mod c = x - c * floor(x / c).
          return std::min(ofExpr(binary.getLHS()), ofExpr(binary.getRHS()));
        default:
          return 1;
        }
      };
      return ofExpr(map.getResult(0));
    }
    return 1;
  }

  /// Whether `memref` starts at a 16-byte aligned address: a kernel argument
  /// or workgroup buffer, or a view of one at a 16-byte multiple.
  static bool hasAlignedBase(Value memref) {
    if (auto arg = dyn_cast<BlockArgument>(memref))
      return isa<gpu::GPUFuncOp>(arg.getOwner()->getParentOp());
    if (auto view = memref.getDefiningOp<memref::ViewOp>())
      return hasAlignedBase(view.getSource()) &&
             powerOfTwoFactor(view.getByteShift(), kBaseAlignment) ==
                 kBaseAlignment;
    return false;
  }

  /// The alignment in bytes of a vector access to `memref[indices]`.
  static int64_t accessAlignment(Value memref, ValueRange indices,
                                 VectorType vector) {
    auto type = cast<MemRefType>(memref.getType());
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (!hasAlignedBase(memref) || elementBytes == 0 ||
        !llvm::isPowerOf2_64(elementBytes) ||
        failed(type.getStridesAndOffset(strides, offset)) ||
        ShapedType::isDynamic(offset))
      return 0;
    int64_t vectorBytes = vector.getNumElements() * elementBytes;
    int64_t limit = std::min<int64_t>(
        kBaseAlignment, int64_t(1) << llvm::Log2_64(vectorBytes));
    auto ofBytes = [&](int64_t bytes) {
      if (bytes == 0)
        return limit;
      return std::min<int64_t>(limit, int64_t(1) << llvm::countr_zero(
                                          static_cast<uint64_t>(bytes)));
    };
    int64_t factor = ofBytes(offset * elementBytes);
    for (auto [index, stride] : llvm::zip_equal(indices, strides)) {
      if (ShapedType::isDynamic(stride))
        return 0;
      factor = std::min(factor,
                        std::min(limit, ofBytes(stride * elementBytes) *
                                            powerOfTwoFactor(index, limit)));
    }
    return factor > elementBytes ? factor : 0;
  }

  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      auto setAlignment = [&](Value memref, ValueRange indices,
                              VectorType vector) {
        if (op->hasAttr("alignment"))
          return;
        if (int64_t align = accessAlignment(memref, indices, vector))
          op->setAttr("alignment",
                      IntegerAttr::get(IntegerType::get(op->getContext(), 64),
                                       align));
      };
      if (auto load = dyn_cast<vector::LoadOp>(op))
        setAlignment(load.getBase(), load.getIndices(), load.getVectorType());
      else if (auto store = dyn_cast<vector::StoreOp>(op))
        setAlignment(store.getBase(), store.getIndices(),
                     store.getVectorType());
    });
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Target options
//===----------------------------------------------------------------------===//

void pk::GPUPipelineOptions::copyTargetTo(GPUTargetOptions &target) const {
  target.chip = chip.getValue();
  target.features = features.getValue();
  target.optLevel = optLevel.getValue();
  target.cudaPath = cudaPath.getValue();
}

/// Serialization looks the NVPTX backend up in the target registry, which is
/// empty until someone registers it; a tool need not have done so.
static void initializeNVPTXBackend() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTarget();
    LLVMInitializeNVPTXTargetMC();
    LLVMInitializeNVPTXAsmPrinter();
  });
}

/// Creates (and drops) the NVPTX TargetMachine for `chip`/`features`. Its
/// constructor is where LLVM checks the PTX version against the chip, and it
/// reports a mismatch with a fatal error that exits the process. Here, and
/// only here (no MLIR state on the stack), that exit is caught the way
/// clang's in-process cc1 does it: a fatal-error handler exits through
/// sys::Process::Exit, which unwinds to the CrashRecoveryContext. Returns the
/// backend's message, or an empty string when the target is fine.
static std::string probeTargetMachine(const llvm::Target &target,
                                      const llvm::Triple &triple,
                                      StringRef chip, StringRef features) {
  std::string fatalMessage;
  llvm::CrashRecoveryContext::Enable();
  {
    llvm::ScopedFatalErrorHandler handler(
        [](void *message, const char *reason, bool) {
          *static_cast<std::string *>(message) = reason;
          llvm::sys::Process::Exit(1);
        },
        &fatalMessage);
    llvm::CrashRecoveryContext context;
    bool completed = context.RunSafely([&] {
      std::unique_ptr<llvm::TargetMachine> machine(target.createTargetMachine(
          triple, chip, features, llvm::TargetOptions(), std::nullopt));
    });
    if (!completed && fatalMessage.empty())
      fatalMessage = "the NVPTX backend failed to create a target machine";
  }
  llvm::CrashRecoveryContext::Disable();
  return fatalMessage;
}

LogicalResult
pk::verifyGPUTargetOptions(const GPUTargetOptions &options,
                           llvm::function_ref<InFlightDiagnostic()> emitError) {
  if (options.optLevel > 3)
    return emitError() << "GPU optimization level must be 0 to 3, got "
                       << options.optLevel.getValue();

  if (!options.cudaPath.empty() &&
      !llvm::sys::fs::is_directory(options.cudaPath.getValue()))
    return emitError() << "CUDA toolkit path '" << options.cudaPath.getValue()
                       << "' is not a directory";

  initializeNVPTXBackend();
  llvm::Triple triple(kNVPTXTriple);
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return emitError() << "the NVPTX backend is not available: " << lookupError;
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));

  StringRef chip = options.chip;
  if (!subtarget->isCPUStringValid(chip)) {
    SmallVector<StringRef> known;
    for (const llvm::SubtargetSubTypeKV &cpu :
         subtarget->getAllProcessorDescriptions())
      known.push_back(cpu.Key);
    return emitError() << "unknown GPU chip '" << chip
                       << "'; the NVPTX backend knows: "
                       << llvm::join(known, ", ");
  }

  SmallVector<StringRef> features;
  StringRef(options.features)
      .split(features, ',', /*MaxSplit=*/-1,
             /*KeepEmpty=*/false);
  for (StringRef feature : features) {
    feature = feature.trim();
    if (!feature.consume_front("+") && !feature.consume_front("-"))
      return emitError() << "GPU feature '" << feature
                         << "' must start with '+' or '-' (e.g. +ptx80)";
    bool known = llvm::any_of(
        subtarget->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return feature == kv.Key; });
    if (!known)
      return emitError() << "unknown GPU feature '" << feature
                         << "' for the NVPTX backend";
  }

  std::string backendError =
      probeTargetMachine(*target, triple, chip, options.features);
  if (!backendError.empty())
    return emitError() << "invalid GPU target " << chip << " with features '"
                       << options.features.getValue() << "': " << backendError;
  return success();
}

std::string pk::getCUDAToolkitPath(const GPUTargetOptions &options) {
  if (!options.cudaPath.empty())
    return options.cudaPath;
  StringRef found = NVVM::getCUDAToolkitPath();
  if (!found.empty())
    return found.str();
#ifdef PK_CUDA_TOOLKIT_PATH
  // lit runs tests without the CUDA_* variables of the shell.
  return PK_CUDA_TOOLKIT_PATH;
#else
  return "";
#endif
}

void pk::buildGPUToNVVMPipeline(OpPassManager &pm,
                                const GPUTargetOptions &options) {
  pm.addPass(createGpuKernelOutliningPass());

  GpuNVVMAttachTargetOptions target;
  target.triple = kNVPTXTriple.str();
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));

  // Structured and strided forms first: convert-gpu-to-nvvm only knows the
  // flat ones. It then converts gpu ops, the kernel signatures and, through
  // the dialects' ConvertToLLVM interfaces, arith/cf/memref/index/vector;
  // math goes to libdevice calls.
  OpPassManager &gpuPm = pm.nest<gpu::GPUModuleOp>();
  gpuPm.addPass(std::make_unique<GPUContractMultiplyAddPass>());
  gpuPm.addPass(std::make_unique<GPUAlignWorkgroupBuffersPass>());
  gpuPm.addPass(std::make_unique<GPUAlignVectorAccessesPass>());
  gpuPm.addPass(createConvertNVGPUToNVVMPass());
  gpuPm.addPass(memref::createExpandStridedMetadataPass());
  gpuPm.addPass(createConvertVectorToSCFPass());
  gpuPm.addPass(createLowerAffinePass());
  gpuPm.addPass(createSCFToControlFlowPass());
  gpuPm.addPass(createConvertGpuOpsToNVVMOps());
  // Whatever the NVVM conversion left: inline-PTX NVVM ops, and math ops
  // without a libdevice function (to LLVM intrinsics NVPTX can select).
  gpuPm.addPass(createConvertNVVMToLLVMPass());
  gpuPm.addPass(createArithToLLVMConversionPass());
  gpuPm.addPass(createConvertMathToLLVMPass());
  gpuPm.addPass(createConvertIndexToLLVMPass());
  gpuPm.addPass(createCanonicalizerPass());
  gpuPm.addPass(createCSEPass());
  gpuPm.addPass(createReconcileUnrealizedCastsPass());
}

//===----------------------------------------------------------------------===//
// Pipeline-private passes
//===----------------------------------------------------------------------===//

namespace {

/// Fails with a located error when the pipeline's options are invalid,
/// before anything is lowered.
struct GPUVerifyOptionsPass
    : PassWrapper<GPUVerifyOptionsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUVerifyOptionsPass)
  GPUVerifyOptionsPass(const pk::GPUPipelineOptions &options)
      : chip(options.chip), features(options.features),
        optLevel(options.optLevel), cudaPath(options.cudaPath),
        format(options.format) {}
  StringRef getArgument() const final { return "pk-gpu-verify-options"; }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    pk::GPUTargetOptions target;
    target.chip = chip;
    target.features = features;
    target.optLevel = optLevel;
    target.cudaPath = cudaPath;
    if (failed(pk::verifyGPUTargetOptions(
            target, [&] { return emitError(module.getLoc()); })))
      return signalPassFailure();
    if (format != "isa" && format != "bin" && format != "fatbin") {
      emitError(module.getLoc())
          << "GPU binary format must be isa, bin or fatbin, got '" << format
          << "'";
      return signalPassFailure();
    }
  }
  std::string chip, features;
  unsigned optLevel;
  std::string cudaPath, format;
};

/// Runs one entry point of the GPU recipe (the built-in one unless a file is
/// given) on the module.
struct GPUApplyRecipePass
    : PassWrapper<GPUApplyRecipePass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUApplyRecipePass)
  GPUApplyRecipePass(std::string recipe, std::string entry)
      : recipe(std::move(recipe)), entry(std::move(entry)) {}
  StringRef getArgument() const final { return "pk-gpu-apply-recipe"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<transform::TransformDialect, gpu::GPUDialect,
                    scf::SCFDialect, linalg::LinalgDialect,
                    memref::MemRefDialect>();
  }

  void runOnOperation() override {
    if (failed(
            pk::applyRecipe(getOperation(), recipe,
                            {"recipes/gpu-default.mlir", pk::kGPUDefaultRecipe},
                            entry, "GPU recipe")))
      signalPassFailure();
  }
  std::string recipe, entry;
};

/// Linalg promotion only promotes operands that are subviews; a matmul small
/// enough that its tile is the whole operand reads the buffer directly, so
/// such operands of the ops the recipe marks for promotion get an identity
/// subview (the recipe runs next, before any canonicalization).
struct GPUPreparePromotionPass
    : PassWrapper<GPUPreparePromotionPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUPreparePromotionPass)
  StringRef getArgument() const final { return "pk-gpu-prepare-promotion"; }
  void runOnOperation() override {
    getOperation().walk([](linalg::LinalgOp op) {
      if (!op->hasAttr("pk.gpu_promote") &&
          !op->hasAttr("pk.gpu_promote_batch"))
        return;
      OpBuilder builder(op);
      for (OpOperand *input : op.getDpsInputOperands()) {
        Value value = input->get();
        auto type = dyn_cast<MemRefType>(value.getType());
        if (!type || !type.hasStaticShape() ||
            value.getDefiningOp<memref::SubViewOp>())
          continue;
        SmallVector<OpFoldResult> offsets(type.getRank(),
                                          builder.getIndexAttr(0));
        SmallVector<OpFoldResult> sizes, strides(type.getRank(),
                                                 builder.getIndexAttr(1));
        for (int64_t size : type.getShape())
          sizes.push_back(builder.getIndexAttr(size));
        input->set(memref::SubViewOp::create(builder, op.getLoc(), value,
                                             offsets, sizes, strides));
      }
    });
  }
};

/// Linalg ops inside a gpu.launch (a thread's tile, shared-memory copies) or
/// nested in a parallel loop (a row update inside an embedding bag's loop
/// over bags) become sequential loops: they run within one thread, and
/// parallel loops there would be mapped to the grid a second time.
struct GPUKernelLinalgToLoopsPass
    : PassWrapper<GPUKernelLinalgToLoopsPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUKernelLinalgToLoopsPass)
  StringRef getArgument() const final { return "pk-gpu-kernel-linalg-to-loops"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<scf::SCFDialect, memref::MemRefDialect>();
  }
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->getParentOfType<gpu::LaunchOp>() ||
          op->getParentOfType<scf::ParallelOp>())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::linalgOpToLoops(rewriter, op))) {
        op->emitError("cannot lower this linalg op inside a GPU kernel to "
                      "loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};

/// Host parallel loops (ops the recipe did not schedule) are tiled so the
/// innermost dimension runs in blocks of kThreadsPerBlock threads and every
/// outer index gets its own block row: gpu-map-parallel-loops then maps the
/// outer loop to blocks and the inner one to threads. Bounds stay constant
/// (a guard replaces min/max) because convert-parallel-loops-to-gpu needs
/// static thread counts.
struct GPUTileParallelLoopsPass
    : PassWrapper<GPUTileParallelLoopsPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUTileParallelLoopsPass)
  StringRef getArgument() const final { return "pk-gpu-tile-parallel-loops"; }
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp op) {
      if (!op->getParentOfType<scf::ParallelOp>() &&
          !op->getParentOfType<gpu::LaunchOp>())
        outermost.push_back(op);
    });
    for (scf::ParallelOp op : outermost) {
      SmallVector<int64_t> sizes(op.getNumLoops(), 1);
      sizes.back() = kThreadsPerBlock;
      scf::tileParallelLoop(op, sizes, /*noMinMaxBounds=*/true);
    }
  }
};

/// Whether `op` (on the host) only handles a memref as a value (passes it
/// on, describes it) without reading or writing its elements.
static bool isHostSafeMemRefUser(Operation *op) {
  return isa<gpu::LaunchOp, gpu::MemcpyOp, gpu::MemsetOp, gpu::AllocOp,
             gpu::DeallocOp, gpu::WaitOp, func::ReturnOp, func::CallOp,
             memref::DimOp, memref::ExtractStridedMetadataOp,
             memref::ExtractAlignedPointerAsIndexOp, ViewLikeOpInterface,
             memref::CastOp>(op);
}

/// Whether any op (in host code or in a kernel) may write `buffer` or a view
/// of it, apart from `ignore`. Unknown users count as writers.
static bool mayBeWritten(Value buffer, Operation *ignore) {
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (user == ignore || isa<func::ReturnOp, memref::DimOp>(user))
        continue;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
        if (view.getViewSource() == value) {
          worklist.append(user->result_begin(), user->result_end());
          continue;
        }
      }
      if (isa<memref::CastOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      auto effects = dyn_cast<MemoryEffectOpInterface>(user);
      if (!effects)
        return true;
      SmallVector<MemoryEffects::EffectInstance> instances;
      effects.getEffectsOnValue(value, instances);
      if (llvm::any_of(instances, [](const MemoryEffects::EffectInstance &e) {
            return isa<MemoryEffects::Write>(e.getEffect());
          }))
        return true;
    }
  }
  return false;
}

/// Puts every buffer a kernel touches in device memory:
///  - host `memref.alloc` (temporaries) → `gpu.alloc`, freed with
///    `gpu.dealloc` at the end of their block; host `memref.copy` →
///    `gpu.memcpy`;
///  - memref arguments: with `deviceArguments` they already are device
///    pointers; otherwise each is copied to a device buffer on entry, and
///    back on exit unless nothing writes it (tensor arguments, inputs);
///  - `memref.alloc` in workgroup memory inside a gpu.launch (promoted
///    tiles) → a workgroup attribution of that launch.
/// Consecutive kernels therefore share device buffers; the only host copies
/// are at function entry and exit. A host op that still reads or writes a
/// buffer (it was not mapped to the GPU) is an error.
struct GPUDataPlacementPass
    : PassWrapper<GPUDataPlacementPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUDataPlacementPass)
  explicit GPUDataPlacementPass(bool deviceArguments)
      : deviceArguments(deviceArguments) {}
  StringRef getArgument() const final { return "pk-gpu-data-placement"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<gpu::GPUDialect>();
  }

  LogicalResult placeWorkgroupAllocs(func::FuncOp func) {
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp alloc : allocs) {
      MemRefType type = alloc.getType();
      auto space =
          dyn_cast_or_null<gpu::AddressSpaceAttr>(type.getMemorySpace());
      // A small static temporary of one thread (a scalar accumulator that
      // bufferization put in memory) lives on that thread's stack.
      if (!type.getMemorySpace() && type.hasStaticShape() &&
          type.getNumElements() <= 64) {
        OpBuilder builder(alloc);
        auto local = memref::AllocaOp::create(builder, alloc.getLoc(), type);
        for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
          if (isa<memref::DeallocOp>(user))
            user->erase();
        alloc.replaceAllUsesWith(local.getResult());
        alloc.erase();
        continue;
      }
      if (!space || space.getValue() != gpu::AddressSpace::Workgroup)
        return alloc.emitError()
               << "allocation of " << type
               << " inside a GPU kernel: only static workgroup (shared) "
                  "memory and small per-thread buffers can be allocated in a "
                  "kernel";
      if (!type.hasStaticShape())
        return alloc.emitError() << "shared-memory allocation " << type
                                 << " must have a static shape";
      auto launch = alloc->getParentOfType<gpu::LaunchOp>();
      BlockArgument buffer =
          launch.addWorkgroupAttribution(type, alloc.getLoc());
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.replaceAllUsesWith(buffer);
      alloc.erase();
    }
    return success();
  }

  /// Host code that still reads or writes buffers (scalar loops such as an
  /// embedding bag's offset and status computation) runs as a one-thread
  /// kernel: the ops that touch memory and every op using their results, in
  /// order, move into a 1x1 gpu.launch placed after the last of them.
  LogicalResult wrapSerialHostCode(func::FuncOp func) {
    if (!func.getBody().hasOneBlock())
      return success();
    Block &body = func.getBody().front();
    auto touchesMemory = [](Operation *op) {
      // Copies and allocations get their device forms below.
      if (isa<gpu::LaunchOp, memref::CopyOp, memref::AllocOp,
              memref::DeallocOp>(op) ||
          isHostSafeMemRefUser(op))
        return false;
      WalkResult r = op->walk<WalkOrder::PreOrder>([](Operation *nested) {
        if (isa<gpu::LaunchOp>(nested))
          return WalkResult::skip();
        if (isHostSafeMemRefUser(nested))
          return WalkResult::advance();
        if (llvm::any_of(nested->getOperandTypes(),
                         llvm::IsaPred<MemRefType>))
          return WalkResult::interrupt();
        return WalkResult::advance();
      });
      return r.wasInterrupted();
    };
    SmallVector<Operation *> ops;
    for (Operation &op : body.without_terminator())
      ops.push_back(&op);
    OpBuilder builder(func.getContext());
    for (size_t i = 0; i < ops.size();) {
      if (!touchesMemory(ops[i])) {
        ++i;
        continue;
      }
      SetVector<Operation *> group;
      group.insert(ops[i]);
      auto usesGroup = [&](Operation *op) {
        WalkResult r = op->walk([&](Operation *nested) {
          for (Value v : nested->getOperands())
            if (Operation *def = v.getDefiningOp())
              if (group.contains(def))
                return WalkResult::interrupt();
          return WalkResult::advance();
        });
        return r.wasInterrupted();
      };
      size_t j = i + 1;
      for (; j < ops.size(); ++j) {
        Operation *op = ops[j];
        if (isa_and_nonnull<gpu::GPUDialect>(op->getDialect()))
          break;
        if (usesGroup(op) || touchesMemory(op))
          group.insert(op);
      }
      // Scalars the serial code computes for later kernels (a bag count,
      // a loop bound) go through a one-element device buffer.
      SmallVector<Value> spilled;
      for (Operation *op : group)
        for (Value result : op->getResults())
          for (Operation *user : result.getUsers()) {
            Operation *top = body.findAncestorOpInBlock(*user);
            if (group.contains(top))
              continue;
            if (!isa<gpu::LaunchOp>(top) || user == top ||
                !result.getType().isIntOrIndexOrFloat())
              return user->emitError(
                  "uses a value computed by host code that pk-gpu-pipeline "
                  "runs on the GPU");
            if (!llvm::is_contained(spilled, result))
              spilled.push_back(result);
          }
      for (Operation *op : group) {
        WalkResult nestedKernel = op->walk([](gpu::LaunchOp launch) {
          return WalkResult::interrupt();
        });
        if (nestedKernel.wasInterrupted())
          return op->emitError(
              "host code around a GPU kernel reads or writes buffers; "
              "pk-gpu-pipeline cannot map it to the GPU");
      }
      builder.setInsertionPointAfter(group.back());
      Location loc = group.front()->getLoc();
      Value one = arith::ConstantIndexOp::create(builder, loc, 1);
      auto launch = gpu::LaunchOp::create(builder, loc, one, one, one, one,
                                          one, one);
      Block &kernel = launch.getBody().front();
      builder.setInsertionPointToEnd(&kernel);
      auto terminator = gpu::TerminatorOp::create(builder, loc);
      for (Operation *op : group)
        op->moveBefore(terminator);
      for (Value value : spilled) {
        auto type = MemRefType::get({1}, value.getType());
        builder.setInsertionPoint(launch);
        Value slot = memref::AllocOp::create(builder, loc, type);
        builder.setInsertionPoint(terminator);
        Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
        memref::StoreOp::create(builder, loc, value, slot, zero);
        SmallVector<gpu::LaunchOp> consumers;
        for (Operation *user : value.getUsers())
          if (auto consumer = body.findAncestorOpInBlock(*user);
              consumer && consumer != launch.getOperation())
            if (auto l = dyn_cast<gpu::LaunchOp>(consumer);
                l && !llvm::is_contained(consumers, l))
              consumers.push_back(l);
        for (gpu::LaunchOp consumer : consumers) {
          builder.setInsertionPointToStart(&consumer.getBody().front());
          Value c0 = arith::ConstantIndexOp::create(builder, loc, 0);
          Value reloaded = memref::LoadOp::create(builder, loc, slot, c0);
          replaceAllUsesInRegionWith(value, reloaded, consumer.getBody());
        }
      }
      i = j;
    }
    return success();
  }

  /// Constant buffers (memref.get_global of a host global) used in a kernel
  /// are read there from the global's device copy, which outlining puts in
  /// the gpu.module; prefetch hints, meant for CPU caches, are dropped.
  void sinkGlobalsIntoKernels(func::FuncOp func) {
    func.walk([&](gpu::LaunchOp launch) {
      launch.walk([&](memref::PrefetchOp prefetch) { prefetch.erase(); });
      llvm::SetVector<Value> captured;
      getUsedValuesDefinedAbove(launch.getBody(), captured);
      OpBuilder builder(launch.getContext());
      builder.setInsertionPointToStart(&launch.getBody().front());
      for (Value value : captured)
        if (auto global = value.getDefiningOp<memref::GetGlobalOp>()) {
          Operation *clone = builder.clone(*global);
          replaceAllUsesInRegionWith(value, clone->getResult(0),
                                     launch.getBody());
        }
    });
  }

  LogicalResult placeHostBuffers(func::FuncOp func) {
    OpBuilder builder(func.getContext());
    // Temporaries.
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (!alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp alloc : allocs) {
      builder.setInsertionPoint(alloc);
      auto device = gpu::AllocOp::create(
          builder, alloc.getLoc(), alloc.getType(), /*asyncToken=*/Type(),
          /*asyncDependencies=*/ValueRange(), alloc.getDynamicSizes(),
          alloc.getSymbolOperands(), /*hostShared=*/false);
      bool freed = false;
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
          builder.setInsertionPoint(dealloc);
          gpu::DeallocOp::create(builder, dealloc.getLoc(), Type(),
                                 ValueRange(), device.getMemref());
          dealloc.erase();
          freed = true;
        }
      alloc.replaceAllUsesWith(device.getMemref());
      alloc.erase();
      // Bufferization's deallocation is not run on this pipeline: buffers
      // live until the end of their block (results are out-parameters, so
      // none escapes the function).
      if (!freed) {
        builder.setInsertionPoint(device->getBlock()->getTerminator());
        gpu::DeallocOp::create(builder, device.getLoc(), Type(), ValueRange(),
                               device.getMemref());
      }
    }

    // Arguments.
    if (!deviceArguments && !func.isExternal()) {
      Block &entry = func.getBody().front();
      for (BlockArgument arg : func.getArguments()) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type || arg.use_empty())
          continue;
        if (!type.getLayout().isIdentity())
          return func.emitError()
                 << "argument #" << arg.getArgNumber() << " of type " << type
                 << " is not contiguous: pk-gpu-pipeline copies arguments "
                    "whole (use an identity layout, or device-arguments)";
        builder.setInsertionPointToStart(&entry);
        // The sizes and the copy read the host buffer; every other use
        // gets the device buffer.
        SmallPtrSet<Operation *, 4> hostUses;
        SmallVector<Value> sizes;
        for (int64_t d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d)) {
            auto dim = memref::DimOp::create(builder, arg.getLoc(), arg, d);
            hostUses.insert(dim);
            sizes.push_back(dim);
          }
        auto device = gpu::AllocOp::create(builder, arg.getLoc(), type, Type(),
                                           ValueRange(), sizes, ValueRange(),
                                           /*hostShared=*/false);
        auto toDevice =
            gpu::MemcpyOp::create(builder, arg.getLoc(), Type(), ValueRange(),
                                  device.getMemref(), arg);
        hostUses.insert(toDevice);
        arg.replaceUsesWithIf(device.getMemref(), [&](OpOperand &use) {
          return !hostUses.contains(use.getOwner());
        });
        bool readOnly = !mayBeWritten(device.getMemref(), toDevice);
        for (Block &block : func.getBody())
          if (auto ret = dyn_cast<func::ReturnOp>(block.getTerminator())) {
            builder.setInsertionPoint(ret);
            if (!readOnly)
              gpu::MemcpyOp::create(builder, arg.getLoc(), Type(),
                                    ValueRange(), arg, device.getMemref());
            gpu::DeallocOp::create(builder, arg.getLoc(), Type(), ValueRange(),
                                   device.getMemref());
          }
      }
    }

    // Host copies between buffers, now all on the device.
    SmallVector<memref::CopyOp> copies;
    func.walk([&](memref::CopyOp copy) {
      if (!copy->getParentOfType<gpu::LaunchOp>())
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      auto source = cast<MemRefType>(copy.getSource().getType());
      auto target = cast<MemRefType>(copy.getTarget().getType());
      if (!source.getLayout().isIdentity() ||
          !target.getLayout().isIdentity())
        return copy.emitError("copy between non-contiguous buffers on the "
                              "host: it was not mapped to the GPU");
      builder.setInsertionPoint(copy);
      gpu::MemcpyOp::create(builder, copy.getLoc(), Type(), ValueRange(),
                            copy.getTarget(), copy.getSource());
      copy.erase();
    }

    // Nothing on the host may touch the elements of a device buffer.
    WalkResult result = func.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isHostSafeMemRefUser(op))
        return WalkResult::advance();
      for (Value operand : op->getOperands())
        if (isa<MemRefType>(operand.getType())) {
          op->emitError() << "'" << op->getName()
                          << "' accesses a buffer on the host: it was not "
                             "mapped to the GPU by pk-gpu-pipeline";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    return failure(result.wasInterrupted());
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (failed(wrapSerialHostCode(func)))
      return signalPassFailure();
    sinkGlobalsIntoKernels(func);
    if (failed(placeWorkgroupAllocs(func)) || failed(placeHostBuffers(func)))
      return signalPassFailure();
  }
  bool deviceArguments;
};

/// Outlining makes one gpu.module per kernel; the kernels of a pipeline
/// run are gathered into the first one, so they are compiled (and loaded
/// by the runtime) as one object and --pk-to-ptx prints one PTX text.
/// Symbols several kernels cloned in (constant globals) are kept once.
struct GPUMergeKernelModulesPass
    : PassWrapper<GPUMergeKernelModulesPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(GPUMergeKernelModulesPass)
  StringRef getArgument() const final { return "pk-gpu-merge-kernel-modules"; }
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> kernels(module.getOps<gpu::GPUModuleOp>());
    if (kernels.size() < 2)
      return;
    gpu::GPUModuleOp target = kernels.front();
    SymbolTable targetSymbols(target);
    DenseMap<StringAttr, StringAttr> movedFrom;
    // (old module, old kernel name) → new kernel name.
    DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    for (gpu::GPUModuleOp other : llvm::drop_begin(kernels)) {
      for (Operation &op :
           llvm::make_early_inc_range(other.getBody()->getOperations())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        StringAttr oldName = symbol ? symbol.getNameAttr() : StringAttr();
        if (symbol && targetSymbols.lookup(oldName)) {
          // Outlining names every kernel after its function and only the
          // module names are unique: a kernel takes its module's name.
          if (!isa<gpu::GPUFuncOp>(op))
            continue;
          if (targetSymbols.lookup(other.getNameAttr())) {
            op.emitError("cannot rename the kernel while merging modules");
            return signalPassFailure();
          }
          symbol.setName(other.getNameAttr());
        }
        op.moveBefore(target.getBody(), target.getBody()->end());
        if (symbol) {
          targetSymbols.insert(&op);
          renamed[{other.getNameAttr(), oldName}] =
              cast<SymbolOpInterface>(op).getNameAttr();
        }
      }
      movedFrom[other.getNameAttr()] = target.getNameAttr();
      other.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      SymbolRefAttr kernel = launch.getKernel();
      auto it = movedFrom.find(kernel.getRootReference());
      if (it == movedFrom.end())
        return;
      StringAttr name = renamed.lookup(
          {kernel.getRootReference(), kernel.getLeafReference()});
      launch.setKernelAttr(SymbolRefAttr::get(
          it->second, {FlatSymbolRefAttr::get(name)}));
    });
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Pipeline
//===----------------------------------------------------------------------===//

void pk::buildGPUKernelPipeline(OpPassManager &pm,
                                const GPUPipelineOptions &options) {
  pm.addPass(std::make_unique<GPUVerifyOptionsPass>(options));
  // Attention becomes its own FlashAttention-style kernel (a gpu.launch on
  // to_buffer'd operands).
  pk::addFrontEnd(pm, pk::createPKGPUFuseAttention());

  // Grid-level tiling on tensors.
  pm.addPass(std::make_unique<GPUApplyRecipePass>(options.recipe,
                                                  "__transform_main"));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Tensor arguments are read-only, results become out-parameters. The
  // second canonicalization removes the self-copies of fused fills.
  pk::addBufferizationWithOutParams(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());

  // Shared memory, thread tiles, gpu.launch.
  pm.addNestedPass<func::FuncOp>(std::make_unique<GPUPreparePromotionPass>());
  pm.addPass(std::make_unique<GPUApplyRecipePass>(options.recipe,
                                                  "__transform_bufferized"));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Loops the recipe did not map (an embedding bag's loop over bags) are
  // mapped like the parallel loops of unscheduled ops below.
  pm.addPass(createForallToParallelLoopPass());
  pm.addNestedPass<func::FuncOp>(
      std::make_unique<GPUKernelLinalgToLoopsPass>());

  // Everything else: parallel loops → 256-thread blocks.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(std::make_unique<GPUTileParallelLoopsPass>());
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createGpuMapParallelLoopsPass());
  funcPm.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  pm.addNestedPass<func::FuncOp>(
      std::make_unique<GPUDataPlacementPass>(options.deviceArguments));
  pm.addPass(createCanonicalizerPass());
  // Constants (loop bounds and steps, view offsets) move into the kernels
  // instead of becoming kernel arguments: the device code then knows them,
  // e.g. to prove its vector accesses aligned.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(std::make_unique<GPUMergeKernelModulesPass>());
}

void pk::buildGPUPipeline(OpPassManager &pm,
                          const GPUPipelineOptions &options) {
  buildGPUKernelPipeline(pm, options);

  GPUTargetOptions target;
  options.copyTargetTo(target);
  buildGPUToNVVMPipeline(pm, target);

  // Host side: the GPU ops become asynchronous (one stream per call, waited
  // for before returning), then runtime calls.
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  GpuModuleToBinaryPassOptions binaryOptions;
  binaryOptions.compilationTarget = options.format;
  binaryOptions.toolkitPath = getCUDAToolkitPath(target);
  pm.addPass(createGpuModuleToBinaryPass(binaryOptions));
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pk::addScalarLoweringToLLVM(pm);
}

void pk::registerGPUPipeline() {
  PassPipelineRegistration<GPUPipelineOptions>(
      "pk-gpu-pipeline",
      "pk/linalg on tensors to NVIDIA GPU kernels (recipe tiling to blocks "
      "and threads, shared memory, NVVM, gpu.binary) and host code calling "
      "the mgpu* runtime, in the LLVM dialect",
      buildGPUPipeline);
}
