//===- SDFGOps.cpp - SDFG op verifiers and custom syntax ------------------===//

#include "Dialect/SDFG/SDFGOps.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
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
                               /*allowType=*/true) ||
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
  llvm::interleaveComma(getBody()->getArguments(), p,
                        [&](BlockArgument arg) { p.printRegionArgument(arg); });
  p << ") entry ";
  p.printAttributeWithoutType(getEntryAttr());
  if (DictionaryAttr symbols = getSymbolsAttr()) {
    p << " symbols ";
    p.printAttributeWithoutType(symbols);
  }
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      {getSymNameAttrName(), getEntryAttrName(), getSymbolsAttrName()});
  p << ' ';
  p.printRegion(getRegion(), /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

LogicalResult SDFGOp::verify() {
  for (auto [index, arg] : llvm::enumerate(getBody()->getArguments()))
    if (!isa<MemRefType>(arg.getType()) && !isScalarType(arg.getType()))
      return emitOpError() << "argument #" << index
                           << " must be a memref or a scalar (integer, "
                              "index, float or complex), got "
                           << arg.getType();

  DictionaryAttr symbols = getSymbolsAttr();
  if (!symbols)
    return success();
  for (NamedAttribute symbol : symbols) {
    StringRef name = symbol.getName().getValue();
    if (!isIdentifier(name))
      return emitOpError() << "symbol name '" << name
                           << "' is not an identifier";
    auto type = dyn_cast<TypeAttr>(symbol.getValue());
    if (!type)
      return emitOpError() << "symbol '" << name
                           << "' must be declared with a type, got "
                           << symbol.getValue();
    if (!isa<IntegerType, IndexType, FloatType>(type.getValue()))
      return emitOpError() << "symbol '" << name
                           << "' must have an integer, index or float type, "
                              "got "
                           << type.getValue();
  }
  return success();
}

LogicalResult SDFGOp::verifyRegions() {
  // Dataflow belongs in states; anything else at this level would have no
  // place in DaCe's graph and no defined time of execution.
  for (Operation &op : *getBody())
    if (!isa<StateOp, EdgeOp>(op))
      return op.emitOpError() << "is not allowed in an 'sdfg.sdfg' body, "
                                 "which holds only 'sdfg.state' and "
                                 "'sdfg.edge' ops";

  if (getBody()->getOps<StateOp>().empty())
    return emitOpError("must contain at least one 'sdfg.state'");
  if (!getEntryState())
    return emitOpError() << "entry state " << getEntryAttr()
                         << " does not name a state of this SDFG";
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
  }
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
  return success();
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
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs());
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
  return success();
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

#define GET_OP_CLASSES
#include "Dialect/SDFG/SDFGOps.cpp.inc"
