//===- SDFGOps.cpp - SDFG op verifiers and custom syntax ------------------===//

#include "pk/Dialect/SDFG/SDFGOps.h"
#include "pk/Dialect/SDFG/SymbolicExpr.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::sdfg;

/// DaCe symbols and connectors are Python identifiers; they must stay so for
/// the conditions and assignments that mention them to be valid Python.
static bool isIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name.front()) || name.front() == '_'))
    return false;
  return llvm::all_of(name.drop_front(),
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Types DaCe can pass by value: its `Scalar` data descriptors.
static bool isScalarType(Type type) {
  return isa<IntegerType, IndexType, FloatType, ComplexType>(type);
}

//===----------------------------------------------------------------------===//
// SDFGOp
//===----------------------------------------------------------------------===//

void SDFGOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                   StringRef entry, TypeRange argTypes,
                   DictionaryAttr symbols) {
  state.addAttribute(getSymNameAttrName(state.name),
                     builder.getStringAttr(name));
  state.addAttribute(getEntryAttrName(state.name),
                     FlatSymbolRefAttr::get(builder.getContext(), entry));
  if (symbols)
    state.addAttribute(getSymbolsAttrName(state.name), symbols);
  Block &body = state.addRegion()->emplaceBlock();
  body.addArguments(argTypes,
                    SmallVector<Location>(argTypes.size(), state.location));
}

StateOp SDFGOp::getEntryState() {
  return dyn_cast_or_null<StateOp>(
      ::mlir::SymbolTable::lookupSymbolIn(*this, getEntryAttr()));
}

// sdfg.sdfg @name(%arg: type, ...) entry @state [symbols {...}]
//     [attributes {...}] { body }
ParseResult SDFGOp::parse(OpAsmParser &parser, OperationState &result) {
  StringAttr name;
  SmallVector<OpAsmParser::Argument> args;
  FlatSymbolRefAttr entry;
  if (parser.parseSymbolName(name) ||
      parser.parseArgumentList(args, OpAsmParser::Delimiter::Paren,
                               /*allowType=*/true, /*allowAttrs=*/true) ||
      parser.parseKeyword("entry") || parser.parseAttribute(entry))
    return failure();
  result.addAttribute(getSymNameAttrName(result.name), name);
  result.addAttribute(getEntryAttrName(result.name), entry);

  if (succeeded(parser.parseOptionalKeyword("symbols"))) {
    DictionaryAttr symbols;
    if (parser.parseAttribute(symbols))
      return failure();
    result.addAttribute(getSymbolsAttrName(result.name), symbols);
  }
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  if (llvm::any_of(args, [](const OpAsmParser::Argument &arg) {
        return arg.attrs && !arg.attrs.empty();
      })) {
    SmallVector<Attribute> argAttrs;
    for (const OpAsmParser::Argument &arg : args)
      argAttrs.push_back(arg.attrs ? arg.attrs
                                   : parser.getBuilder().getDictionaryAttr({}));
    result.addAttribute(getArgAttrsAttrName(result.name),
                        parser.getBuilder().getArrayAttr(argAttrs));
  }

  Region *body = result.addRegion();
  if (parser.parseRegion(*body, args, /*enableNameShadowing=*/true))
    return failure();
  if (body->empty())
    body->emplaceBlock();
  return success();
}

void SDFGOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printSymbolName(getSymName());
  p << '(';
  ArrayAttr argAttrs = getArgAttrsAttr();
  llvm::interleaveComma(getBody()->getArguments(), p, [&](BlockArgument arg) {
    auto attrs = argAttrs
                     ? dyn_cast<DictionaryAttr>(argAttrs[arg.getArgNumber()])
                     : DictionaryAttr();
    p.printRegionArgument(arg, attrs ? attrs.getValue()
                                     : ArrayRef<NamedAttribute>());
  });
  p << ") entry ";
  p.printAttributeWithoutType(getEntryAttr());
  if (DictionaryAttr symbols = getSymbolsAttr()) {
    p << " symbols ";
    p.printAttributeWithoutType(symbols);
  }
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(), {getSymNameAttrName(), getEntryAttrName(),
                            getSymbolsAttrName(), getArgAttrsAttrName()});
  p << ' ';
  p.printRegion(getRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

std::string SDFGOp::getArgDataName(unsigned index) {
  if (ArrayAttr argAttrs = getArgAttrsAttr())
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(argAttrs[index]))
      if (auto name = dict.getAs<StringAttr>("name"))
        return name.str();
  return "arg" + std::to_string(index);
}

ArrayAttr SDFGOp::getArgShape(unsigned index) {
  if (ArrayAttr argAttrs = getArgAttrsAttr())
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(argAttrs[index]))
      return dict.getAs<ArrayAttr>("shape");
  return {};
}

bool SDFGOp::isArgUnsigned(unsigned index) {
  if (ArrayAttr argAttrs = getArgAttrsAttr())
    if (auto dict = dyn_cast_or_null<DictionaryAttr>(argAttrs[index]))
      return dict.contains("unsigned");
  return false;
}

bool SDFGOp::isUnsignedData(Value data) {
  if (auto arg = dyn_cast<BlockArgument>(data))
    if (auto sdfg = dyn_cast<SDFGOp>(arg.getOwner()->getParentOp()))
      return sdfg.isArgUnsigned(arg.getArgNumber());
  if (auto alloc = data.getDefiningOp<AllocOp>())
    return alloc.getIsUnsigned();
  return false;
}

Value SDFGOp::getContainer(Value memref) {
  while (true) {
    if (auto access = memref.getDefiningOp<AccessOp>())
      memref = access.getData();
    else if (auto window = memref.getDefiningOp<WindowOp>())
      memref = window.getSource();
    else
      return memref;
  }
}

/// Whether `type` (or its element type) can hold DaCe's unsigned integers.
static bool canBeUnsigned(Type type) {
  if (auto memref = dyn_cast<MemRefType>(type))
    type = memref.getElementType();
  return type.isSignlessInteger() && !type.isInteger(1);
}

std::string SDFGOp::getDataName(Value data) {
  if (auto arg = dyn_cast<BlockArgument>(data))
    if (auto sdfg = dyn_cast<SDFGOp>(arg.getOwner()->getParentOp()))
      return sdfg.getArgDataName(arg.getArgNumber());
  if (auto alloc = data.getDefiningOp<AllocOp>())
    return alloc.getDataName().str();
  return "";
}

Value SDFGOp::lookupData(StringRef name) {
  for (BlockArgument arg : getBody()->getArguments())
    if (getArgDataName(arg.getArgNumber()) == name)
      return arg;
  for (AllocOp alloc : getBody()->getOps<AllocOp>())
    if (alloc.getDataName() == name)
      return alloc.getResult();
  return {};
}

Type SDFGOp::getSymbolType(StringRef name) {
  if (DictionaryAttr symbols = getSymbolsAttr())
    if (auto type = symbols.getAs<TypeAttr>(name))
      return type.getValue();
  return {};
}

/// Checks that `text` parses as a symbolic expression, over the symbols of
/// `symbolsOf` if given, and that no constant part of it overflows: its
/// value is Python's, which no 64-bit lowering would compute. Returns its
/// value where it is constant; `what` names it in messages.
static FailureOr<std::optional<int64_t>>
verifySymbolicExpr(Operation *op, StringAttr text, const Twine &what,
                   SDFGOp symbolsOf = {}) {
  std::string error;
  std::shared_ptr<const expr::Node> node = expr::parseCached(text, error);
  if (!node)
    return op->emitOpError() << what << " " << text << ": " << error;
  if (symbolsOf) {
    SmallVector<std::string> names;
    expr::collectNames(*node, names);
    for (const std::string &name : names)
      if (!symbolsOf.getSymbolType(name))
        return op->emitOpError() << what << " " << text << " uses '" << name
                                 << "', which is not a symbol of the SDFG";
  }
  FailureOr<std::optional<int64_t>> value = expr::evaluateInt(
      *node, [](StringRef) -> std::optional<int64_t> { return std::nullopt; },
      error);
  if (failed(value))
    return op->emitOpError() << what << " " << text << ": " << error;
  return value;
}

/// Checks a symbolic `shape` against a memref type: one expression per
/// dimension, present whenever a dimension is dynamic, and equal to the
/// static size where the expression is a literal.
static LogicalResult verifyShape(Operation *op, SDFGOp sdfg, MemRefType type,
                                 ArrayAttr shape, const Twine &what) {
  if (!shape) {
    if (type.hasStaticShape())
      return success();
    return op->emitOpError()
           << what << " has type " << type
           << " with dynamic dimensions but no symbolic 'shape'";
  }
  if (static_cast<int64_t>(shape.size()) != type.getRank())
    return op->emitOpError()
           << what << " has rank " << type.getRank() << " but its 'shape' has "
           << shape.size() << " entries";
  for (auto [dim, entry] : llvm::enumerate(shape)) {
    auto text = dyn_cast<StringAttr>(entry);
    if (!text)
      return op->emitOpError() << what << " shape entry #" << dim
                               << " must be a string, got " << entry;
    FailureOr<std::optional<int64_t>> size = verifySymbolicExpr(
        op, text, what + " shape entry #" + Twine(dim), sdfg);
    if (failed(size))
      return failure();
    if (!type.isDynamicDim(dim) && *size && **size != type.getDimSize(dim))
      return op->emitOpError()
             << what << " dimension #" << dim << " is " << type.getDimSize(dim)
             << " but its shape entry says " << **size;
  }
  return success();
}

LogicalResult SDFGOp::verify() {
  DictionaryAttr symbols = getSymbolsAttr();
  if (symbols) {
    for (NamedAttribute symbol : symbols) {
      StringRef name = symbol.getName().getValue();
      if (!isIdentifier(name))
        return emitOpError()
               << "symbol name '" << name << "' is not an identifier";
      auto type = dyn_cast<TypeAttr>(symbol.getValue());
      if (!type)
        return emitOpError()
               << "symbol '" << name << "' must be declared with a type, got "
               << symbol.getValue();
      if (!isa<IntegerType, IndexType, FloatType>(type.getValue()))
        return emitOpError() << "symbol '" << name
                             << "' must have an integer, index or float "
                                "type, got "
                             << type.getValue();
    }
  }

  ArrayAttr argAttrs = getArgAttrsAttr();
  if (argAttrs && argAttrs.size() != getBody()->getNumArguments())
    return emitOpError() << "has " << getBody()->getNumArguments()
                         << " arguments but " << argAttrs.size()
                         << " argument attribute dictionaries";
  for (auto [index, arg] : llvm::enumerate(getBody()->getArguments())) {
    if (!isa<MemRefType>(arg.getType()) && !isScalarType(arg.getType()))
      return emitOpError() << "argument #" << index
                           << " must be a memref or a scalar (integer, "
                              "index, float or complex), got "
                           << arg.getType();
    DictionaryAttr attrs =
        argAttrs ? cast<DictionaryAttr>(argAttrs[index]) : DictionaryAttr();
    for (NamedAttribute attr :
         attrs ? attrs.getValue() : ArrayRef<NamedAttribute>()) {
      StringRef key = attr.getName().getValue();
      if (key == "name") {
        auto name = dyn_cast<StringAttr>(attr.getValue());
        if (!name || !isIdentifier(name.getValue()))
          return emitOpError() << "argument #" << index
                               << " 'name' must be an identifier string, got "
                               << attr.getValue();
      } else if (key == "shape") {
        if (!isa<ArrayAttr>(attr.getValue()) || !isa<MemRefType>(arg.getType()))
          return emitOpError() << "argument #" << index
                               << " 'shape' must be an array of strings on "
                                  "a memref argument";
      } else if (key == "unsigned") {
        if (!isa<UnitAttr>(attr.getValue()) || !canBeUnsigned(arg.getType()))
          return emitOpError() << "argument #" << index
                               << " 'unsigned' must be a unit attribute on "
                                  "integer data, got "
                               << arg.getType();
      } else {
        return emitOpError() << "argument #" << index << " has unknown "
                             << "attribute '" << key
                             << "' (expected 'name', 'shape' or 'unsigned')";
      }
    }
    if (auto type = dyn_cast<MemRefType>(arg.getType()))
      if (failed(verifyShape(*this, *this, type, getArgShape(index),
                             "argument #" + Twine(index))))
        return failure();
  }
  return success();
}

LogicalResult SDFGOp::verifyRegions() {
  // Dataflow belongs in states; anything else at this level would have no
  // place in DaCe's graph and no defined time of execution.
  for (Operation &op : *getBody())
    if (!isa<StateOp, EdgeOp, AllocOp>(op))
      return op.emitOpError() << "is not allowed in an 'sdfg.sdfg' body, "
                                 "which holds only 'sdfg.state', 'sdfg.edge' "
                                 "and 'sdfg.alloc' ops";

  if (getBody()->getOps<StateOp>().empty())
    return emitOpError("must contain at least one 'sdfg.state'");
  if (!getEntryState())
    return emitOpError() << "entry state " << getEntryAttr()
                         << " does not name a state of this SDFG";

  // DaCe keys its `_arrays` by name: two containers may not share one.
  llvm::StringMap<Location> seen;
  auto claim = [&](const std::string &name, Location loc) -> LogicalResult {
    auto [it, inserted] = seen.try_emplace(name, loc);
    if (inserted)
      return success();
    return mlir::emitError(loc)
           << "data container name '" << name
           << "' is used twice in 'sdfg.sdfg' @" << getSymName();
  };
  for (BlockArgument arg : getBody()->getArguments())
    if (failed(claim(getArgDataName(arg.getArgNumber()), getLoc())))
      return failure();
  for (AllocOp alloc : getBody()->getOps<AllocOp>())
    if (failed(claim(alloc.getDataName().str(), alloc.getLoc())))
      return failure();
  return success();
}

/// Dataflow scopes (states and maps) hold sdfg ops and side-effect-free
/// computations; anything else touching memory bypasses the memlets that
/// DaCe's analyses (and pk's lowering) rely on.
static LogicalResult verifyDataflowScope(Operation *scope, Block &body) {
  for (Operation &op : body) {
    if (isa<SDFGDialect>(op.getDialect()))
      continue;
    if (isMemoryEffectFree(&op))
      continue;
    return op.emitOpError()
           << "touches memory inside '" << scope->getName()
           << "'; data moves only through memlets ('sdfg.load', "
              "'sdfg.store', 'sdfg.copy') and computation happens in "
              "'sdfg.tasklet's";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// StateOp
//===----------------------------------------------------------------------===//

void StateOp::build(OpBuilder &builder, OperationState &state, StringRef name) {
  state.addAttribute(getSymNameAttrName(state.name),
                     builder.getStringAttr(name));
  state.addRegion()->emplaceBlock();
}

LogicalResult StateOp::verifyRegions() {
  return verifyDataflowScope(*this, *getBody());
}

//===----------------------------------------------------------------------===//
// EdgeOp
//===----------------------------------------------------------------------===//

FailureOr<std::pair<StringRef, StringRef>>
EdgeOp::splitAssignment(StringRef assignment) {
  size_t eq = assignment.find('=');
  if (eq == StringRef::npos)
    return failure();
  StringRef symbol = assignment.take_front(eq).trim();
  StringRef expr = assignment.drop_front(eq + 1).trim();
  // `i == 0` is a comparison, not an assignment.
  if (!isIdentifier(symbol) || expr.empty() || expr.starts_with("="))
    return failure();
  return std::make_pair(symbol, expr);
}

SmallVector<std::pair<StringRef, StringRef>> EdgeOp::getAssignments() {
  SmallVector<std::pair<StringRef, StringRef>> assignments;
  for (StringRef text : getAssign().getAsValueRange<StringAttr>())
    if (FailureOr<std::pair<StringRef, StringRef>> parts =
            splitAssignment(text);
        succeeded(parts))
      assignments.push_back(*parts);
  return assignments;
}

LogicalResult EdgeOp::verify() {
  if (getCondition().trim().empty())
    return emitOpError("condition must not be empty; an unconditional edge "
                       "has condition \"1\"");

  llvm::StringSet<> assigned;
  for (auto [index, text] :
       llvm::enumerate(getAssign().getAsValueRange<StringAttr>())) {
    FailureOr<std::pair<StringRef, StringRef>> parts = splitAssignment(text);
    if (failed(parts))
      return emitOpError() << "assignment #" << index << " \"" << text
                           << "\" is not of the form \"symbol = expression\"";
    if (!assigned.insert(parts->first).second)
      return emitOpError() << "assignment #" << index << " assigns symbol '"
                           << parts->first << "' a second time";
    // Edges may read scalar data too, so any name goes.
    if (failed(verifySymbolicExpr(*this,
                                  StringAttr::get(getContext(), parts->second),
                                  "assignment #" + Twine(index) + " value")))
      return failure();
  }
  if (StringAttr condition = getConditionAttr())
    if (failed(verifySymbolicExpr(*this, condition, "condition")))
      return failure();
  return success();
}

LogicalResult EdgeOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto sdfg = cast<SDFGOp>((*this)->getParentOp());
  auto check = [&](StringRef role, FlatSymbolRefAttr state) -> LogicalResult {
    if (symbolTable.lookupSymbolIn<StateOp>(sdfg, state))
      return success();
    return emitOpError() << role << " state " << state
                         << " does not exist in the enclosing 'sdfg.sdfg' @"
                         << sdfg.getSymName();
  };
  return failure(failed(check("source", getSrcAttr())) ||
                 failed(check("destination", getDestAttr())));
}

//===----------------------------------------------------------------------===//
// MapOp
//===----------------------------------------------------------------------===//

void MapOp::build(OpBuilder &builder, OperationState &state,
                  ArrayRef<OpFoldResult> lowerBounds,
                  ArrayRef<OpFoldResult> upperBounds,
                  ArrayRef<OpFoldResult> steps, ScheduleKind schedule) {
  SmallVector<Value> dynamicLbs, dynamicUbs, dynamicSteps;
  SmallVector<int64_t> staticLbs, staticUbs, staticSteps;
  dispatchIndexOpFoldResults(lowerBounds, dynamicLbs, staticLbs);
  dispatchIndexOpFoldResults(upperBounds, dynamicUbs, staticUbs);
  dispatchIndexOpFoldResults(steps, dynamicSteps, staticSteps);
  state.addOperands(dynamicLbs);
  state.addOperands(dynamicUbs);
  state.addOperands(dynamicSteps);

  Properties &props = state.getOrAddProperties<Properties>();
  props.operandSegmentSizes = {static_cast<int32_t>(dynamicLbs.size()),
                               static_cast<int32_t>(dynamicUbs.size()),
                               static_cast<int32_t>(dynamicSteps.size())};
  props.static_lower_bounds = builder.getDenseI64ArrayAttr(staticLbs);
  props.static_upper_bounds = builder.getDenseI64ArrayAttr(staticUbs);
  props.static_steps = builder.getDenseI64ArrayAttr(staticSteps);
  props.schedule = ScheduleKindAttr::get(builder.getContext(), schedule);

  Region *body = state.addRegion();
  Block &block = body->emplaceBlock();
  block.addArguments(
      SmallVector<Type>(lowerBounds.size(), builder.getIndexType()),
      SmallVector<Location>(lowerBounds.size(), state.location));
  ensureTerminator(*body, builder, state.location);
}

SmallVector<OpFoldResult> MapOp::getMixedLowerBounds() {
  return getMixedValues(getStaticLowerBounds(), getDynamicLowerBounds(),
                        getContext());
}

SmallVector<OpFoldResult> MapOp::getMixedUpperBounds() {
  return getMixedValues(getStaticUpperBounds(), getDynamicUpperBounds(),
                        getContext());
}

SmallVector<OpFoldResult> MapOp::getMixedSteps() {
  return getMixedValues(getStaticSteps(), getDynamicSteps(), getContext());
}

// sdfg.map (%i, ...) = (lb, ...) through (ub, ...) [step (s, ...)]
//     [schedule kind] [attributes {...}] { body }
ParseResult MapOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  Type indexType = builder.getIndexType();

  SmallVector<OpAsmParser::Argument> params;
  if (parser.parseArgumentList(params, OpAsmParser::Delimiter::Paren))
    return failure();
  for (OpAsmParser::Argument &param : params)
    param.type = indexType;

  SmallVector<OpAsmParser::UnresolvedOperand> dynamicLbs, dynamicUbs,
      dynamicSteps;
  DenseI64ArrayAttr staticLbs, staticUbs, staticSteps;
  if (parser.parseEqual() ||
      parseDynamicIndexList(parser, dynamicLbs, staticLbs,
                            /*valueTypes=*/nullptr,
                            OpAsmParser::Delimiter::Paren) ||
      parser.parseKeyword("through") ||
      parseDynamicIndexList(parser, dynamicUbs, staticUbs,
                            /*valueTypes=*/nullptr,
                            OpAsmParser::Delimiter::Paren))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("step"))) {
    if (parseDynamicIndexList(parser, dynamicSteps, staticSteps,
                              /*valueTypes=*/nullptr,
                              OpAsmParser::Delimiter::Paren))
      return failure();
  } else {
    staticSteps =
        builder.getDenseI64ArrayAttr(SmallVector<int64_t>(params.size(), 1));
  }

  ScheduleKind schedule = ScheduleKind::Sequential;
  if (succeeded(parser.parseOptionalKeyword("schedule"))) {
    SMLoc loc = parser.getCurrentLocation();
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return failure();
    std::optional<ScheduleKind> kind = symbolizeScheduleKind(keyword);
    if (!kind) {
      InFlightDiagnostic diag = parser.emitError(loc)
                                << "unknown schedule '" << keyword
                                << "', expected one of: ";
      llvm::interleaveComma(
          llvm::seq_inclusive<uint32_t>(0, getMaxEnumValForScheduleKind()),
          diag, [&](uint32_t value) {
            diag << stringifyScheduleKind(static_cast<ScheduleKind>(value));
          });
      return diag;
    }
    schedule = *kind;
  }

  if (parser.resolveOperands(dynamicLbs, indexType, result.operands) ||
      parser.resolveOperands(dynamicUbs, indexType, result.operands) ||
      parser.resolveOperands(dynamicSteps, indexType, result.operands))
    return failure();

  Properties &props = result.getOrAddProperties<Properties>();
  props.operandSegmentSizes = {static_cast<int32_t>(dynamicLbs.size()),
                               static_cast<int32_t>(dynamicUbs.size()),
                               static_cast<int32_t>(dynamicSteps.size())};
  props.static_lower_bounds = staticLbs;
  props.static_upper_bounds = staticUbs;
  props.static_steps = staticSteps;
  props.schedule = ScheduleKindAttr::get(builder.getContext(), schedule);

  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, params))
    return failure();
  ensureTerminator(*body, builder, result.location);
  return success();
}

void MapOp::print(OpAsmPrinter &p) {
  p << " (";
  llvm::interleaveComma(getParams(), p,
                        [&](BlockArgument param) { p.printOperand(param); });
  p << ") = ";
  printDynamicIndexList(p, *this, getDynamicLowerBounds(),
                        getStaticLowerBounds(), /*valueTypes=*/{},
                        OpAsmParser::Delimiter::Paren);
  p << " through ";
  printDynamicIndexList(p, *this, getDynamicUpperBounds(),
                        getStaticUpperBounds(), /*valueTypes=*/{},
                        OpAsmParser::Delimiter::Paren);
  // The parser fills in unit steps, one per parameter, when `step` is absent.
  ArrayRef<int64_t> steps = getStaticSteps();
  if (steps.size() != getNumParams() ||
      !llvm::all_of(steps, [](int64_t step) { return step == 1; })) {
    p << " step ";
    printDynamicIndexList(p, *this, getDynamicSteps(), steps,
                          /*valueTypes=*/{}, OpAsmParser::Delimiter::Paren);
  }
  if (getSchedule() != ScheduleKind::Sequential)
    p << " schedule " << stringifyScheduleKind(getSchedule());
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      {getOperandSegmentSizesAttrName(), getStaticLowerBoundsAttrName(),
       getStaticUpperBoundsAttrName(), getStaticStepsAttrName(),
       getScheduleAttrName()});
  p << ' ';
  p.printRegion(getRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

LogicalResult MapOp::verify() {
  unsigned numParams = getNumParams();
  if (numParams == 0)
    return emitOpError("expects at least one parameter");
  for (auto [index, param] : llvm::enumerate(getParams()))
    if (!param.getType().isIndex())
      return emitOpError() << "parameter #" << index
                           << " must have type 'index', got "
                           << param.getType();

  auto verifyList = [&](StringRef what, ArrayRef<int64_t> statics,
                        StringRef staticName, ValueRange dynamics,
                        StringRef dynamicName) -> LogicalResult {
    if (statics.size() != numParams)
      return emitOpError() << "has " << numParams << " parameters but "
                           << statics.size() << " " << what;
    int64_t numDynamic = llvm::count_if(statics, ShapedType::isDynamic);
    if (numDynamic != static_cast<int64_t>(dynamics.size()))
      return emitOpError() << "'" << staticName << "' marks " << numDynamic
                           << " dynamic entries but there are "
                           << dynamics.size() << " '" << dynamicName
                           << "' operands";
    return success();
  };
  if (failed(verifyList("lower bounds", getStaticLowerBounds(),
                        getStaticLowerBoundsAttrName(), getDynamicLowerBounds(),
                        "dynamic_lower_bounds")) ||
      failed(verifyList("upper bounds", getStaticUpperBounds(),
                        getStaticUpperBoundsAttrName(), getDynamicUpperBounds(),
                        "dynamic_upper_bounds")) ||
      failed(verifyList("steps", getStaticSteps(), getStaticStepsAttrName(),
                        getDynamicSteps(), "dynamic_steps")))
    return failure();

  for (auto [index, step] : llvm::enumerate(getStaticSteps()))
    if (step == 0)
      return emitOpError() << "step #" << index << " must be non-zero";
  return verifyDataflowScope(*this, *getBody());
}

//===----------------------------------------------------------------------===//
// TaskletOp
//===----------------------------------------------------------------------===//

void TaskletOp::build(OpBuilder &builder, OperationState &state,
                      TypeRange resultTypes, ValueRange inputs) {
  state.addOperands(inputs);
  state.addTypes(resultTypes);
  Block &body = state.addRegion()->emplaceBlock();
  for (Value input : inputs)
    body.addArgument(input.getType(), input.getLoc());
}

// sdfg.tasklet(%connector = %input, ...) : (types) -> (types)
//     [attributes {...}] { body }
ParseResult TaskletOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> connectors;
  SmallVector<OpAsmParser::UnresolvedOperand> inputs;
  SMLoc inputsLoc = parser.getCurrentLocation();
  if (parser.parseAssignmentList(connectors, inputs) || parser.parseColon())
    return failure();
  SMLoc typeLoc = parser.getCurrentLocation();
  FunctionType type;
  if (parser.parseType(type))
    return failure();
  if (type.getNumInputs() != connectors.size())
    return parser.emitError(typeLoc)
           << "expected " << connectors.size() << " input types, got "
           << type.getNumInputs();
  for (auto [connector, inputType] :
       llvm::zip_equal(connectors, type.getInputs()))
    connector.type = inputType;
  if (parser.resolveOperands(inputs, type.getInputs(), inputsLoc,
                             result.operands))
    return failure();
  result.addTypes(type.getResults());

  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, connectors, /*enableNameShadowing=*/true))
    return failure();
  if (body->empty())
    body->emplaceBlock();
  return success();
}

void TaskletOp::print(OpAsmPrinter &p) {
  p << '(';
  llvm::interleaveComma(
      llvm::zip(getBody()->getArguments(), getInputs()), p,
      [&](auto pair) { p << std::get<0>(pair) << " = " << std::get<1>(pair); });
  p << ") : ";
  p.printFunctionalType(getInputs().getTypes(), getOutputs().getTypes());
  p.printOptionalAttrDictWithKeyword((*this)->getAttrDictionary().getValue());
  p << ' ';
  p.printRegion(getRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/true);
}

LogicalResult TaskletOp::verify() {
  Block *body = getBody();
  if (body->getNumArguments() != getInputs().size())
    return emitOpError() << "has " << getInputs().size()
                         << " inputs but its body takes "
                         << body->getNumArguments() << " arguments";
  for (auto [index, arg, input] :
       llvm::enumerate(body->getArguments(), getInputs()))
    if (arg.getType() != input.getType())
      return emitOpError() << "body argument #" << index << " has type "
                           << arg.getType() << " but input #" << index
                           << " has type " << input.getType();
  auto verifyNames = [&](std::optional<ArrayAttr> names, StringRef what,
                         StringRef counted, size_t expected) -> LogicalResult {
    if (!names)
      return success();
    if (names->size() != expected)
      return emitOpError() << "has " << expected << " " << counted << " but '"
                           << what << "s' lists " << names->size() << " names";
    llvm::StringSet<> seen;
    for (StringRef name : names->getAsValueRange<StringAttr>()) {
      if (!isIdentifier(name))
        return emitOpError()
               << what << " name '" << name << "' is not an identifier";
      if (!seen.insert(name).second)
        return emitOpError() << what << " name '" << name << "' is used twice";
    }
    return success();
  };
  if (failed(verifyNames(getInConnectors(), "in_connector", "inputs",
                         getInputs().size())))
    return failure();
  return verifyNames(getOutConnectors(), "out_connector", "results",
                     getOutputs().size());
}

LogicalResult TaskletOp::verifyRegions() {
  // The body is isolated from above, so the only memory it can reach is
  // what its connectors bring in, unless it allocates its own.
  WalkResult result = getBody()->walk([&](Operation *op) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (effects && effects.hasEffect<MemoryEffects::Allocate>()) {
      op->emitOpError() << "allocates memory inside an 'sdfg.tasklet'; a "
                           "tasklet touches only the data its memlets "
                           "bring in (use a transient 'sdfg.alloc')";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

//===----------------------------------------------------------------------===//
// ReturnOp
//===----------------------------------------------------------------------===//

LogicalResult ReturnOp::verify() {
  auto tasklet = cast<TaskletOp>((*this)->getParentOp());
  TypeRange expected = tasklet.getResultTypes();
  if (getValues().size() != expected.size())
    return emitOpError() << "returns " << getValues().size()
                         << " values but the enclosing 'sdfg.tasklet' has "
                         << expected.size() << " results";
  for (auto [index, value, type] : llvm::enumerate(getValues(), expected))
    if (value.getType() != type)
      return emitOpError() << "operand #" << index << " has type "
                           << value.getType() << " but tasklet result #"
                           << index << " has type " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// AllocOp
//===----------------------------------------------------------------------===//

LogicalResult AllocOp::verify() {
  if (!isIdentifier(getDataName()))
    return emitOpError() << "data name '" << getDataName()
                         << "' is not an identifier";
  if (getIsUnsigned() && !canBeUnsigned(getType()))
    return emitOpError() << "is 'unsigned' but its element type "
                         << getType().getElementType() << " is not an integer";
  auto sdfg = cast<SDFGOp>((*this)->getParentOp());
  return verifyShape(*this, sdfg, getType(), getShapeAttr(),
                     "transient '" + getDataName() + "'");
}

//===----------------------------------------------------------------------===//
// AccessOp and memlets
//===----------------------------------------------------------------------===//

/// Whether `data` is a data container of the SDFG: an argument or the result
/// of an `sdfg.alloc`.
static bool isDataContainer(Value data) {
  if (auto arg = dyn_cast<BlockArgument>(data))
    return isa<SDFGOp>(arg.getOwner()->getParentOp());
  return data.getDefiningOp<AllocOp>() != nullptr;
}

LogicalResult AccessOp::verify() {
  if (!isDataContainer(getData()))
    return emitOpError("operand 'data' must be a data container of the "
                       "enclosing SDFG (an argument or an 'sdfg.alloc')");
  return success();
}

/// Memlets connect access nodes: their memref operand must be one.
static LogicalResult verifyFromAccess(Operation *op, Value memref,
                                      StringRef operandName) {
  if (memref.getDefiningOp<AccessOp>())
    return success();
  return op->emitOpError() << "operand '" << operandName
                           << "' must be an access node ('sdfg.access')";
}

/// Checks the number of indices and, where an index is a constant and the
/// dimension static, that it lies inside the container.
static LogicalResult verifyIndices(Operation *op, MemRefType type,
                                   ValueRange indices) {
  if (static_cast<int64_t>(indices.size()) != type.getRank())
    return op->emitOpError()
           << "has " << indices.size() << " indices but the container has rank "
           << type.getRank();
  for (auto [dim, index] : llvm::enumerate(indices)) {
    APInt value;
    if (!matchPattern(index, m_ConstantInt(&value)) || type.isDynamicDim(dim))
      continue;
    int64_t position = value.getSExtValue();
    if (position < 0 || position >= type.getDimSize(dim))
      return op->emitOpError() << "index #" << dim << " is " << position
                               << ", outside dimension #" << dim << " of size "
                               << type.getDimSize(dim);
  }
  return success();
}

LogicalResult LoadOp::verify() {
  if (failed(verifyFromAccess(*this, getMemref(), "memref")))
    return failure();
  return verifyIndices(*this, getMemref().getType(), getIndices());
}

void LoadOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  effects.emplace_back(MemoryEffects::Read::get(), &getMemrefMutable());
}

LogicalResult StoreOp::verify() {
  if (failed(verifyFromAccess(*this, getMemref(), "memref")))
    return failure();
  if (std::optional<WCRKind> wcr = getWcr();
      wcr && !isa<IntegerType, FloatType>(getValue().getType()))
    return emitOpError() << "write-conflict resolution '"
                         << stringifyWCRKind(*wcr)
                         << "' needs an integer or float element type, got "
                         << getValue().getType();
  return verifyIndices(*this, getMemref().getType(), getIndices());
}

void StoreOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  if (getWcr())
    effects.emplace_back(MemoryEffects::Read::get(), &getMemrefMutable());
  effects.emplace_back(MemoryEffects::Write::get(), &getMemrefMutable());
}

LogicalResult CopyOp::verify() {
  if (failed(verifyFromAccess(*this, getSource(), "source")) ||
      failed(verifyFromAccess(*this, getTarget(), "target")))
    return failure();
  MemRefType source = getSource().getType(), target = getTarget().getType();
  if (source.getElementType() != target.getElementType())
    return emitOpError() << "copies " << source.getElementType()
                         << " elements into a container of "
                         << target.getElementType();
  if (source.getRank() != target.getRank())
    return emitOpError() << "source has rank " << source.getRank()
                         << " but target has rank " << target.getRank();
  for (int64_t dim = 0; dim < source.getRank(); ++dim)
    if (!source.isDynamicDim(dim) && !target.isDynamicDim(dim) &&
        source.getDimSize(dim) != target.getDimSize(dim))
      return emitOpError() << "dimension #" << dim << " is "
                           << source.getDimSize(dim) << " in the source but "
                           << target.getDimSize(dim) << " in the target";
  if (getSource() == getTarget())
    return emitOpError("copies an access node onto itself");
  return success();
}

void CopyOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  effects.emplace_back(MemoryEffects::Read::get(), &getSourceMutable());
  effects.emplace_back(MemoryEffects::Write::get(), &getTargetMutable());
}

/// The type of a window: `memref<?xT, strided<[1], offset: ?>>`.
static MemRefType windowType(Type elementType) {
  MLIRContext *context = elementType.getContext();
  return MemRefType::get(
      {ShapedType::kDynamic}, elementType,
      StridedLayoutAttr::get(context, ShapedType::kDynamic, {1}));
}

LogicalResult WindowOp::verify() {
  if (failed(verifyFromAccess(*this, getSource(), "source")))
    return failure();
  auto source = cast<MemRefType>(getSource().getType());
  auto result = cast<MemRefType>(getResult().getType());
  if (result != windowType(source.getElementType()))
    return emitOpError() << "result must be " << windowType(source.getElementType())
                         << ", got " << result;
  if (!source.getLayout().isIdentity() && source != result)
    return emitOpError() << "source must have the identity layout or be a "
                            "window, got "
                         << source;
  return verifyIndices(*this, source, getIndices());
}

//===----------------------------------------------------------------------===//
// CallOp
//===----------------------------------------------------------------------===//

/// A memref of exactly one element with a static shape.
static bool isSingleElement(MemRefType type) {
  return type.hasStaticShape() && type.getNumElements() == 1;
}

LogicalResult CallOp::verify() {
  if (getSymbolNames().size() != getSymbolValues().size())
    return emitOpError() << "has " << getSymbolNames().size()
                         << " symbol names but " << getSymbolValues().size()
                         << " symbol values";
  if (getOutputs().size() != getNumResults())
    return emitOpError() << "has " << getOutputs().size() << " outputs but "
                         << getNumResults() << " results";
  return success();
}

SDFGOp CallOp::getCalleeSDFG() {
  auto caller = (*this)->getParentOfType<SDFGOp>();
  if (!caller)
    return nullptr;
  return SymbolTable::lookupNearestSymbolFrom<SDFGOp>(caller->getParentOp(),
                                                      getCalleeAttr());
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto caller = (*this)->getParentOfType<SDFGOp>();
  if (!caller)
    return emitOpError("must be nested in an 'sdfg.sdfg'");
  auto callee = symbolTable.lookupNearestSymbolFrom<SDFGOp>(
      caller->getParentOp(), getCalleeAttr());
  if (!callee)
    return emitOpError() << "'" << getCallee()
                         << "' is not an 'sdfg.sdfg' of the module";
  if (callee == caller)
    return emitOpError("calls the SDFG it is in");
  if (!callee.isPrivate())
    return emitOpError() << "calls '" << getCallee()
                         << "', which is not private (nested SDFGs are)";
  Block *body = callee.getBody();
  if (body->getNumArguments() != getData().size())
    return emitOpError() << "passes " << getData().size() << " data operands but '"
                         << getCallee() << "' takes "
                         << body->getNumArguments();
  for (auto [index, arg, operand] :
       llvm::enumerate(body->getArguments(), getData())) {
    Type expected = arg.getType(), actual = operand.getType();
    auto argType = dyn_cast<MemRefType>(expected);
    auto operandType = dyn_cast<MemRefType>(actual);
    if (argType && operandType) {
      if (argType.getElementType() != operandType.getElementType() ||
          argType.getRank() != operandType.getRank() ||
          argType.getLayout() != operandType.getLayout())
        return emitOpError() << "data operand #" << index << " has type "
                             << actual << ", incompatible with argument type "
                             << expected;
      for (int64_t dim = 0; dim < argType.getRank(); ++dim)
        if (!argType.isDynamicDim(dim) && !operandType.isDynamicDim(dim) &&
            argType.getDimSize(dim) != operandType.getDimSize(dim))
          return emitOpError() << "data operand #" << index << " has type "
                               << actual << ", incompatible with argument type "
                               << expected;
      continue;
    }
    if (argType) {
      if (!isSingleElement(argType) || argType.getElementType() != actual)
        return emitOpError() << "data operand #" << index << " is a " << actual
                             << " but argument type " << expected
                             << " is not a single-element memref of it";
      continue;
    }
    if (expected != actual)
      return emitOpError() << "data operand #" << index << " has type "
                           << actual << " but the argument has type "
                           << expected;
  }
  for (auto [index, output] : llvm::enumerate(getOutputs())) {
    if (output < 0 || output >= static_cast<int64_t>(getData().size()) ||
        isa<MemRefType>(getData()[output].getType()) ||
        !isa<MemRefType>(body->getArgument(output).getType()))
      return emitOpError() << "output " << output
                           << " is not a single-element argument passed by "
                              "value";
    if (getResult(index).getType() != getData()[output].getType())
      return emitOpError() << "result #" << index << " has type "
                           << getResult(index).getType() << " but output "
                           << output << " holds "
                           << getData()[output].getType();
  }
  for (Attribute name : getSymbolNames())
    if (!callee.getSymbolType(cast<StringAttr>(name).getValue()))
      return emitOpError() << "'" << getCallee() << "' declares no symbol '"
                           << cast<StringAttr>(name).getValue() << "'";
  return success();
}

void CallOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  for (OpOperand &operand : getDataMutable())
    if (isa<MemRefType>(operand.get().getType())) {
      effects.emplace_back(MemoryEffects::Read::get(), &operand);
      effects.emplace_back(MemoryEffects::Write::get(), &operand);
    }
}

//===----------------------------------------------------------------------===//
// SymOp
//===----------------------------------------------------------------------===//

LogicalResult SymOp::verify() {
  auto sdfg = (*this)->getParentOfType<SDFGOp>();
  if (!sdfg)
    return emitOpError("must be nested in an 'sdfg.sdfg'");
  return verifySymbolicExpr(*this, getExprAttr(), "expression", sdfg);
}

#define GET_OP_CLASSES
#include "pk/Dialect/SDFG/SDFGOps.cpp.inc"
