//===- PKAttributes.cpp - pk targets and lowering configs -----------------===//

#include "pk/Dialect/PK/PKAttributes.h"
#include "pk/Dialect/PK/PKDialect.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Threading.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::pk;

#include "pk/Dialect/PK/PKEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "pk/Dialect/PK/PKAttributes.cpp.inc"

void PKDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "pk/Dialect/PK/PKAttributes.cpp.inc"
      >();
}

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, unsigned vectorBits,
                                 unsigned vectorRegisters, uint64_t l1Bytes,
                                 uint64_t l2Bytes, uint64_t l3Bytes,
                                 unsigned cores) {
  if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512)
    return emitError() << "vector_bits must be 128, 256 or 512, got "
                       << vectorBits;
  if (vectorRegisters == 0)
    return emitError() << "vector_registers must be positive";
  if (l1Bytes == 0 || l2Bytes == 0)
    return emitError() << "l1_bytes and l2_bytes must be positive";
  if (cores == 0)
    return emitError() << "cores must be positive";
  return success();
}

LogicalResult
LoweringConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                           ScheduleKind kind, DenseI64ArrayAttr threadTiles,
                           DenseI64ArrayAttr vectorSizes) {
  ArrayRef<int64_t> threads = threadTiles.asArrayRef();
  ArrayRef<int64_t> vectors = vectorSizes.asArrayRef();
  if (threads.size() != vectors.size())
    return emitError() << "thread_tiles has " << threads.size()
                       << " entries but vector_sizes has " << vectors.size();
  for (auto [i, tile] : llvm::enumerate(threads))
    if (tile < 0)
      return emitError() << "thread_tiles[" << i
                         << "] must be 0 (not tiled) or positive, got "
                         << tile;
  for (auto [i, size] : llvm::enumerate(vectors)) {
    if (size < 1)
      return emitError() << "vector_sizes[" << i << "] must be positive, got "
                         << size;
    if (threads[i] > 0 && size > threads[i])
      return emitError() << "vector_sizes[" << i << "] = " << size
                         << " is larger than its thread tile " << threads[i];
  }
  return success();
}

/// The names of the schedule tags PKDialect declares (PKDialect.td).
static constexpr StringLiteral kScheduleTagNames[] = {
    PKDialect::AttentionTileAttrHelper::getNameStr(),
    PKDialect::AttentionVectorAttrHelper::getNameStr(),
    PKDialect::EmbeddingRowAttrHelper::getNameStr(),
    PKDialect::FusedConvAttrHelper::getNameStr(),
    PKDialect::FusedEpilogueAttrHelper::getNameStr(),
    PKDialect::FusedPoolAttrHelper::getNameStr(),
    PKDialect::GpuPromoteAttrHelper::getNameStr(),
    PKDialect::GpuPromoteBatchAttrHelper::getNameStr(),
    PKDialect::RegisterTileAttrHelper::getNameStr(),
};

bool PKDialect::hasScheduleTag(Operation *op) {
  return op->hasAttr(kLoweringConfigAttrName) ||
         llvm::any_of(kScheduleTagNames,
                      [&](StringRef name) { return op->hasAttr(name); });
}

LogicalResult PKDialect::verifyRegionResultAttribute(Operation *op, unsigned,
                                                     unsigned resultIndex,
                                                     NamedAttribute attr) {
  if (attr.getName() != kStatusAttrName)
    return op->emitError() << "unknown pk result attribute '"
                           << attr.getName().getValue() << "' (pk knows '"
                           << kStatusAttrName << "')";
  if (!isa<UnitAttr>(attr.getValue()))
    return op->emitError() << "'" << kStatusAttrName
                           << "' must be a unit attribute";
  auto func = dyn_cast<FunctionOpInterface>(op);
  auto type = func ? dyn_cast<ShapedType>(func.getResultTypes()[resultIndex])
                   : ShapedType();
  if (!type || !type.getElementType().isInteger())
    return op->emitError() << "'" << kStatusAttrName
                           << "' belongs on a function result of integer "
                              "tensor type, the kernel's status";
  return success();
}

LogicalResult PKDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  bool isTag = llvm::is_contained(kScheduleTagNames, name);
  if (isTag || name == AliasingArgumentsAttrHelper::getNameStr()) {
    if (!isa<UnitAttr>(attr.getValue()))
      return op->emitError() << "'" << name << "' must be a unit attribute";
    if (isTag && !isa<linalg::LinalgOp>(op))
      return op->emitError()
             << "'" << name << "' (a schedule tag) belongs on a linalg op";
    if (!isTag && !isa<FunctionOpInterface>(op))
      return op->emitError() << "'" << name << "' belongs on a function";
    return success();
  }
  if (attr.getName() == kTargetAttrName) {
    if (!isa<TargetAttr>(attr.getValue()))
      return op->emitError() << "'" << kTargetAttrName
                             << "' must be a #pk.target";
    if (!isa<ModuleOp>(op))
      return op->emitError() << "'" << kTargetAttrName
                             << "' belongs on a module";
    return success();
  }
  if (attr.getName() != kLoweringConfigAttrName)
    return op->emitError() << "unknown pk attribute '" << name
                           << "' (see the pk dialect's discardable attributes)";
  auto config = dyn_cast<LoweringConfigAttr>(attr.getValue());
  if (!config)
    return op->emitError() << "'" << kLoweringConfigAttrName
                           << "' must be a #pk.lowering_config";
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return op->emitError() << "'" << kLoweringConfigAttrName
                           << "' belongs on a linalg op";
  ArrayRef<int64_t> threads = config.getThreadTiles().asArrayRef();
  if (threads.size() != linalgOp.getNumLoops())
    return op->emitError() << "lowering config has " << threads.size()
                           << " tile sizes for an op with "
                           << linalgOp.getNumLoops() << " loops";
  for (auto [i, type] : llvm::enumerate(linalgOp.getIteratorTypesArray()))
    if (type == utils::IteratorType::reduction && threads[i] != 0)
      return op->emitError()
             << "lowering config tiles reduction loop " << i
             << " over threads (thread_tiles[" << i << "] must be 0)";
  return success();
}

namespace {
struct NamedTarget {
  const char *name;
  unsigned vectorBits, vectorRegisters;
  uint64_t l1, l2, l3;
  unsigned cores;
};
// Cache sizes of common parts of each level (Sapphire Rapids-class cores
// for x86-64-v4, Haswell-class for v3) and a fixed core count, so that
// output compiled for a named target does not depend on the machine.
constexpr NamedTarget kNamedTargets[] = {
    {"x86-64-v3", 256, 16, 32 << 10, 256 << 10, 8 << 20, 16},
    {"x86-64-v4", 512, 32, 48 << 10, 2 << 20, 32 << 20, 16},
};
} // namespace

StringRef pk::getNamedTargetList() { return "host, x86-64-v3, x86-64-v4"; }

TargetAttr pk::getNamedTarget(MLIRContext *ctx, StringRef name) {
  if (name == "host") {
    // The host's vector ISA picks the cache figures; the cores are its own.
    bool avx512 = llvm::sys::getHostCPUFeatures().lookup("avx512f");
    const NamedTarget &t = kNamedTargets[avx512 ? 1 : 0];
    return TargetAttr::get(ctx, "host", t.vectorBits, t.vectorRegisters, t.l1,
                           t.l2, t.l3,
                           llvm::hardware_concurrency().compute_thread_count());
  }
  for (const NamedTarget &t : kNamedTargets)
    if (name == t.name)
      return TargetAttr::get(ctx, t.name, t.vectorBits, t.vectorRegisters,
                             t.l1, t.l2, t.l3, t.cores);
  return {};
}

TargetAttr pk::getTargetOrHost(ModuleOp module) {
  if (auto target =
          module->getAttrOfType<TargetAttr>(PKDialect::kTargetAttrName))
    return target;
  return getNamedTarget(module.getContext(), "host");
}
