//===- Inference.cpp - C API: result types of an op from its inputs -------===//

#include "pk-c/Inference.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/ADT/ScopeExit.h"

#include <memory>
#include <numeric>
#include <utility>

using namespace mlir;

namespace {

/// The operand count an op's arity trait asks for: exactly or at least.
struct Arity {
  unsigned count;
  bool exact;
};

/// Tries NOperands<N> for N in 2..8 and AtLeastNOperands<N> for N in 0..8
/// (more than any op here takes).
template <size_t... N>
static std::optional<Arity> getArity(RegisteredOperationName info,
                                     std::index_sequence<N...>) {
  if (info.hasTrait<OpTrait::ZeroOperands>())
    return Arity{0, true};
  if (info.hasTrait<OpTrait::OneOperand>())
    return Arity{1, true};
  std::optional<Arity> arity;
  auto tryExact = [&](auto n) {
    if (!arity && info.hasTrait<OpTrait::NOperands<n + 2>::template Impl>())
      arity = Arity{n + 2, true};
  };
  auto tryAtLeast = [&](auto n) {
    if (!arity && info.hasTrait<OpTrait::AtLeastNOperands<n>::template Impl>())
      arity = Arity{n, false};
  };
  (tryExact(std::integral_constant<unsigned, N>()), ...);
  (tryAtLeast(std::integral_constant<unsigned, N>()), ...);
  return arity;
}

/// Inference reads operands by position: a count the op does not take
/// would read past them, so it is rejected first.
static LogicalResult verifyOperandCount(RegisteredOperationName info,
                                        intptr_t count, DictionaryAttr attrs,
                                        Location loc) {
  if (info.hasTrait<OpTrait::AttrSizedOperandSegments>()) {
    auto sizes =
        dyn_cast_or_null<DenseI32ArrayAttr>(attrs.get("operandSegmentSizes"));
    if (!sizes)
      return emitError(loc) << "'" << info.getStringRef()
                            << "' needs operandSegmentSizes (array<i32: ...>)";
    int64_t total = std::accumulate(sizes.asArrayRef().begin(),
                                    sizes.asArrayRef().end(), int64_t{0});
    if (total != count)
      return emitError(loc)
             << "'" << info.getStringRef() << "' operandSegmentSizes add up to "
             << total << ", got " << count << " operands";
    return success();
  }
  std::optional<Arity> arity = getArity(info, std::make_index_sequence<7>());
  if (!arity || (arity->exact ? count == arity->count : count >= arity->count))
    return success();
  return emitError(loc) << "'" << info.getStringRef() << "' takes "
                        << (arity->exact ? "" : "at least ") << arity->count
                        << " operands, got " << count;
}

/// An attribute the op does not declare would be dropped without a word
/// when it becomes the op's properties.
static LogicalResult verifyAttributeNames(RegisteredOperationName info,
                                          DictionaryAttr attrs, Location loc) {
  for (NamedAttribute attr : attrs)
    if (!llvm::is_contained(info.getAttributeNames(), attr.getName()))
      return emitError(loc)
             << "'" << info.getStringRef() << "' has no attribute '"
             << attr.getName().getValue() << "'";
  return success();
}

} // namespace

MlirLogicalResult pkInferResultTypes(MlirStringRef opName,
                                     MlirLocation location, intptr_t nOperands,
                                     const MlirType *operandTypes,
                                     MlirAttribute attributes,
                                     MlirTypesCallback callback,
                                     void *userData) {
  Location loc = unwrap(location);
  MLIRContext *context = loc.getContext();
  StringRef name = unwrap(opName);
  // Ops are known once their dialect is loaded, as the parser would.
  (void)context->getOrLoadDialect(name.split('.').first);
  std::optional<RegisteredOperationName> info =
      RegisteredOperationName::lookup(name, context);
  if (!info) {
    emitError(loc) << "unknown operation '" << name << "'";
    return mlirLogicalResultFailure();
  }
  auto *inference = info->getInterface<InferTypeOpInterface>();
  if (!inference) {
    emitError(loc) << "'" << name << "' does not infer its result types";
    return mlirLogicalResultFailure();
  }
  if (!info->hasTrait<OpTrait::ZeroRegions>()) {
    emitError(loc) << "'" << name
                   << "' has regions, which result type inference cannot "
                      "be given here";
    return mlirLogicalResultFailure();
  }
  DictionaryAttr attrs = DictionaryAttr::get(context);
  if (!mlirAttributeIsNull(attributes)) {
    attrs = dyn_cast<DictionaryAttr>(unwrap(attributes));
    if (!attrs) {
      emitError(loc) << "the attributes of '" << name
                     << "' must be a dictionary, got " << unwrap(attributes);
      return mlirLogicalResultFailure();
    }
  }
  auto emitAtLoc = [&] { return emitError(loc); };
  NamedAttrList attrList(attrs);
  if (failed(verifyAttributeNames(*info, attrs, loc)) ||
      failed(info->verifyInherentAttrs(attrList, emitAtLoc)) ||
      failed(verifyOperandCount(*info, nOperands, attrs, loc)))
    return mlirLogicalResultFailure();

  // The op's properties, filled from the attributes as the parser does.
  int bytes = info->getOpPropertyByteSize();
  auto storage = std::make_unique<std::max_align_t[]>(
      (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t) + 1);
  OpaqueProperties properties(bytes ? storage.get() : nullptr);
  info->initOpProperties(properties, /*init=*/nullptr);
  llvm::scope_exit destroy([&] { info->destroyOpProperties(properties); });
  if (bytes) {
    if (failed(info->setOpPropertiesFromAttribute(*info, properties, attrs,
                                                  emitAtLoc)))
      return mlirLogicalResultFailure();
    info->populateDefaultProperties(properties);
  }

  // Operand values to pass: arguments of a block that is never inserted.
  Block scratch;
  SmallVector<Value> operands;
  for (intptr_t i = 0; i < nOperands; ++i)
    operands.push_back(scratch.addArgument(unwrap(operandTypes[i]), loc));
  SmallVector<Type> types;
  if (failed(inference->inferReturnTypes(context, loc, operands, attrs,
                                         properties, /*regions=*/{}, types)))
    return mlirLogicalResultFailure();
  SmallVector<MlirType> wrapped;
  for (Type type : types)
    wrapped.push_back(wrap(type));
  callback(static_cast<intptr_t>(wrapped.size()), wrapped.data(), userData);
  return mlirLogicalResultSuccess();
}
