//===- SDFGToSCF.cpp - Lower an SDFG to func/scf/memref -------------------===//
//
// An SDFG becomes a function whose arguments are the SDFG's data arguments
// (then its free symbols). The state machine becomes an `scf.while` over a
// state index with one `scf.index_switch` case per state; interstate edges
// become a chain of `scf.if`s at the end of each case. Maps become
// `scf.parallel` (parallel schedules) or `scf.for` nests, tasklets are
// inlined, memlets become memref loads, stores, atomic read-modify-writes
// (write-conflict resolution in parallel scopes) and copies. Python's `//`
// and `%` (`sdfg.floordiv`, `sdfg.mod`) and the powers are expanded into
// arith/scf ops and calls to libm's `pow`.
//
//===----------------------------------------------------------------------===//

#include "pk/Conversion/SDFGToSCF/SDFGToSCF.h"

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Dialect/SDFG/SDFGOps.h"
#include "pk/Dialect/SDFG/SymbolicExpr.h"
#include "pk/Transforms/TransformUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

/// The symbols a lowered SDFG takes as trailing arguments, in order.
static constexpr llvm::StringLiteral kFreeSymbolsAttr = "sdfg.free_symbols";
using namespace mlir::sdfg;

LogicalResult sdfg::parseSymbolBindings(ArrayRef<std::string> texts,
                                        llvm::StringMap<int64_t> &bindings,
                                        std::string &error) {
  for (StringRef text : texts) {
    auto [name, value] = text.split('=');
    name = name.trim();
    int64_t number;
    if (name.empty() || value.trim().getAsInteger(10, number)) {
      error = ("symbol binding '" + text + "' is not of the form NAME=INTEGER")
                  .str();
      return failure();
    }
    bindings[name] = number;
  }
  return success();
}

namespace {

class Lowering {
public:
  Lowering(SDFGOp sdfg, const llvm::StringMap<int64_t> &bindings)
      : sdfg(sdfg), bindings(bindings), builder(sdfg.getContext()) {}

  LogicalResult run();

private:
  SDFGOp sdfg;
  const llvm::StringMap<int64_t> &bindings;
  OpBuilder builder;

  /// Symbols some interstate edge assigns: they live in memory.
  llvm::StringMap<Value> symbolSlots;
  /// Symbols that are neither bound nor assigned: function arguments.
  llvm::StringMap<Value> symbolArgs;
  /// SDFG data containers (arguments, allocs) → function values.
  IRMapping data;
  /// Data names → function values, for expressions reading scalar data.
  llvm::StringMap<Value> dataByName;
  /// A nested SDFG some caller may run in parallel map iterations.
  bool calledInParallel = false;

  Value lookupName(StringRef name) {
    Location loc = sdfg.getLoc();
    if (Type type = sdfg.getSymbolType(name)) {
      // An assigned symbol is a variable; a binding only gives its value
      // on entry (a constant in its place would turn a loop counter into
      // an endless loop).
      if (Value slot = symbolSlots.lookup(name))
        return memref::LoadOp::create(builder, loc, slot);
      if (auto it = bindings.find(name); it != bindings.end()) {
        if (isa<FloatType>(type))
          return arith::ConstantOp::create(
              builder, loc,
              builder.getFloatAttr(type, static_cast<double>(it->second)));
        return arith::ConstantOp::create(
            builder, loc, builder.getIntegerAttr(type, it->second));
      }
      return symbolArgs.lookup(name);
    }
    // Interstate edges may read scalar data (rank-0 containers, scalars).
    Value value = dataByName.lookup(name);
    if (!value)
      return {};
    auto type = dyn_cast<MemRefType>(value.getType());
    if (!type)
      return value;
    if (type.getRank() == 0)
      return memref::LoadOp::create(builder, loc, value);
    if (type.getRank() == 1 && type.getDimSize(0) == 1) {
      Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
      return memref::LoadOp::create(builder, loc, value, zero);
    }
    return value;
  }

  /// Emits a symbolic expression converted to `type`.
  FailureOr<Value> emitExpr(Operation *op, StringRef text, Type type,
                            StringRef what) {
    std::string error;
    expr::NodePtr node = expr::parse(text, error);
    expr::Operand value;
    if (node)
      value = expr::emit(
          builder, op->getLoc(), *node,
          [&](StringRef name) { return lookupName(name); },
          builder.getI64Type(), error);
    if (!value)
      return op->emitOpError()
             << "cannot lower " << what << " \"" << text << "\": " << error;
    Value cast = expr::castTo(builder, op->getLoc(), value.value, type,
                              value.isUnsigned);
    if (!cast)
      return op->emitOpError()
             << "cannot convert " << what << " \"" << text << "\" of type "
             << value.getType() << " to " << type;
    return cast;
  }

  FailureOr<MemRefType> specialize(Operation *op, MemRefType type,
                                   ArrayAttr shape, const Twine &what);
  LogicalResult lowerBlock(Block &block, IRMapping &map, bool inParallel);
  LogicalResult lowerMap(MapOp map, IRMapping &mapping, bool inParallel);
  /// A transient's buffer (on the stack for Register storage), sized by
  /// the symbols' values here, mapped in `map`.
  LogicalResult allocateTransient(AllocOp alloc, IRMapping &map);
  LogicalResult lowerStore(StoreOp store, IRMapping &map, bool inParallel);
  LogicalResult lowerCall(CallOp call, IRMapping &map);
  Value lowerWindow(WindowOp window, IRMapping &map);
  LogicalResult lowerEdges(ArrayRef<EdgeOp> edges,
                           const llvm::StringMap<int64_t> &stateIndex,
                           Value stateSlot);
};

} // namespace

//===----------------------------------------------------------------------===//
// Python arithmetic and powers
//===----------------------------------------------------------------------===//

static Value constantLike(OpBuilder &b, Location loc, Type type, double value) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

/// Python's `%` on signed integers: C's remainder, moved by the divisor
/// when it is non-zero and its sign differs from the divisor's.
static Value expandIntMod(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  using P = arith::CmpIPredicate;
  Value zero = constantLike(b, loc, lhs.getType(), 0);
  Value rem = arith::RemSIOp::create(b, loc, lhs, rhs);
  Value remNegative = arith::CmpIOp::create(b, loc, P::slt, rem, zero);
  Value rhsNegative = arith::CmpIOp::create(b, loc, P::slt, rhs, zero);
  Value remNonZero = arith::CmpIOp::create(b, loc, P::ne, rem, zero);
  Value fix = arith::AndIOp::create(
      b, loc, remNonZero,
      arith::XOrIOp::create(b, loc, remNegative, rhsNegative));
  return arith::SelectOp::create(b, loc, fix,
                                 arith::AddIOp::create(b, loc, rem, rhs), rem);
}

/// Python's `divmod` on floats, as CPython's `float_divmod` computes it
/// (Objects/floatobject.c): the modulo from C's exact `fmod`, moved into
/// the sign of the divisor, and the floor division consistent with it.
static std::pair<Value, Value> expandFloatDivMod(OpBuilder &b, Location loc,
                                                 Value vx, Value wx) {
  using P = arith::CmpFPredicate;
  Type type = vx.getType();
  Value zero = constantLike(b, loc, type, 0.0);
  Value one = constantLike(b, loc, type, 1.0);
  Value half = constantLike(b, loc, type, 0.5);
  // mod = fmod(vx, wx); div = (vx - mod) / wx;
  Value mod = arith::RemFOp::create(b, loc, vx, wx);
  Value div =
      arith::DivFOp::create(b, loc, arith::SubFOp::create(b, loc, vx, mod), wx);
  // if (mod) { if ((wx < 0) != (mod < 0)) { mod += wx; div -= 1.0; } }
  // else mod = copysign(0.0, wx);
  Value modNonZero = arith::CmpFOp::create(b, loc, P::UNE, mod, zero);
  Value signsDiffer = arith::XOrIOp::create(
      b, loc, arith::CmpFOp::create(b, loc, P::OLT, wx, zero),
      arith::CmpFOp::create(b, loc, P::OLT, mod, zero));
  Value fix = arith::AndIOp::create(b, loc, modNonZero, signsDiffer);
  mod = arith::SelectOp::create(
      b, loc, modNonZero,
      arith::SelectOp::create(b, loc, fix,
                              arith::AddFOp::create(b, loc, mod, wx), mod),
      math::CopySignOp::create(b, loc, zero, wx));
  div = arith::SelectOp::create(b, loc, fix,
                                arith::SubFOp::create(b, loc, div, one), div);
  // if (div) { floordiv = floor(div); if (div - floordiv > 0.5) floordiv +=
  // 1.0; } else floordiv = copysign(0.0, vx / wx);
  Value floored = math::FloorOp::create(b, loc, div);
  Value roundUp = arith::CmpFOp::create(
      b, loc, P::OGT, arith::SubFOp::create(b, loc, div, floored), half);
  floored = arith::SelectOp::create(
      b, loc, roundUp, arith::AddFOp::create(b, loc, floored, one), floored);
  Value divNonZero = arith::CmpFOp::create(b, loc, P::UNE, div, zero);
  Value floorDiv = arith::SelectOp::create(
      b, loc, divNonZero, floored,
      math::CopySignOp::create(b, loc, zero,
                               arith::DivFOp::create(b, loc, vx, wx)));
  return {floorDiv, mod};
}

/// `a ** n` on integers: square-and-multiply while the exponent is
/// positive; a negative exponent gives the exact power truncated toward
/// zero (1 for a == 1, 1 or -1 for a == -1, else 0, also for a == 0, which
/// Python rejects), as DaCe's `reciprocal(ipow(a, n))` computes it.
static Value expandIntPower(OpBuilder &b, Location loc, Value base,
                            Value exponent) {
  using P = arith::CmpIPredicate;
  Type type = base.getType();
  Value zero = constantLike(b, loc, type, 0);
  Value one = constantLike(b, loc, type, 1);
  Value minusOne = constantLike(b, loc, type, -1);
  SmallVector<Type> types(3, type);
  auto loop =
      scf::WhileOp::create(b, loc, types, ValueRange{base, exponent, one});
  {
    OpBuilder::InsertionGuard guard(b);
    SmallVector<Location> locs(3, loc);
    Block *before = b.createBlock(&loop.getBefore(), {}, types, locs);
    Value more =
        arith::CmpIOp::create(b, loc, P::sgt, before->getArgument(1), zero);
    scf::ConditionOp::create(b, loc, more, before->getArguments());
    Block *after = b.createBlock(&loop.getAfter(), {}, types, locs);
    Value factor = after->getArgument(0), n = after->getArgument(1),
          acc = after->getArgument(2);
    Value odd = arith::CmpIOp::create(
        b, loc, P::ne, arith::AndIOp::create(b, loc, n, one), zero);
    acc = arith::SelectOp::create(
        b, loc, odd, arith::MulIOp::create(b, loc, acc, factor), acc);
    factor = arith::MulIOp::create(b, loc, factor, factor);
    n = arith::ShRUIOp::create(b, loc, n, one);
    scf::YieldOp::create(b, loc, ValueRange{factor, n, acc});
  }
  Value oddExponent = arith::CmpIOp::create(
      b, loc, P::ne, arith::AndIOp::create(b, loc, exponent, one), zero);
  Value ofMinusOne =
      arith::SelectOp::create(b, loc, oddExponent, minusOne, one);
  Value negativePower = arith::SelectOp::create(
      b, loc, arith::CmpIOp::create(b, loc, P::eq, base, one), one,
      arith::SelectOp::create(
          b, loc, arith::CmpIOp::create(b, loc, P::eq, base, minusOne),
          ofMinusOne, zero));
  Value negative = arith::CmpIOp::create(b, loc, P::slt, exponent, zero);
  return arith::SelectOp::create(b, loc, negative, negativePower,
                                 loop.getResult(2));
}

/// C's `pow` from libm (`pow`, or `powf` for f32; narrower floats go
/// through f32). pk's pipelines expand `math.powf` as exp(b * log(a)),
/// which is NaN for every negative base.
static FailureOr<Value> callPow(OpBuilder &b, Operation *at, Value base,
                                Value exponent) {
  Location loc = at->getLoc();
  Type type = base.getType();
  Type callType = type.isF64() ? type : b.getF32Type();
  StringRef name = type.isF64() ? "pow" : "powf";
  auto module = at->getParentOfType<ModuleOp>();
  auto fnType = b.getFunctionType({callType, callType}, {callType});
  auto fn = module.lookupSymbol<func::FuncOp>(name);
  if (!fn) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    fn = func::FuncOp::create(b, loc, name, fnType);
    fn.setPrivate();
  } else if (fn.getFunctionType() != fnType) {
    return at->emitOpError() << "needs libm's '" << name << "' of type "
                             << fnType << ", but the module defines '" << name
                             << "' of type " << fn.getFunctionType();
  }
  Value x = expr::castTo(b, loc, base, callType);
  Value y = expr::castTo(b, loc, exponent, callType);
  Value result =
      func::CallOp::create(b, loc, fn, ValueRange{x, y}).getResult(0);
  return expr::castTo(b, loc, result, type);
}

/// Expands the ops with Python or C semantics that pk's pipelines do not
/// lower faithfully: `sdfg.floordiv`, `sdfg.mod`, and the powers.
static LogicalResult expandArithmetic(func::FuncOp func) {
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (isa<FloorDivOp, ModOp, math::PowFOp, math::FPowIOp, math::IPowIOp>(op))
      ops.push_back(op);
  });
  OpBuilder b(func.getContext());
  for (Operation *op : ops) {
    b.setInsertionPoint(op);
    Location loc = op->getLoc();
    Value lhs = op->getOperand(0), rhs = op->getOperand(1);
    Value result;
    if (isa<FloorDivOp>(op)) {
      result = expandFloatDivMod(b, loc, lhs, rhs).first;
    } else if (isa<ModOp>(op)) {
      result = isa<FloatType>(lhs.getType())
                   ? expandFloatDivMod(b, loc, lhs, rhs).second
                   : expandIntMod(b, loc, lhs, rhs);
    } else if (isa<math::IPowIOp>(op)) {
      result = expandIntPower(b, loc, lhs, rhs);
    } else {
      if (!isa<FloatType>(lhs.getType()))
        return op->emitOpError("on vectors is not lowered here");
      // C's pow(x, (double)n) for an integer exponent.
      Value exponent = rhs;
      if (isa<math::FPowIOp>(op)) {
        lhs = expr::castTo(b, loc, lhs, b.getF64Type());
        exponent = expr::castTo(b, loc, rhs, b.getF64Type());
      }
      FailureOr<Value> power = callPow(b, op, lhs, exponent);
      if (failed(power))
        return failure();
      result = expr::castTo(b, loc, *power, op->getResult(0).getType());
    }
    op->getResult(0).replaceAllUsesWith(result);
    op->erase();
  }
  return success();
}

/// Replaces the dynamic dimensions of `type` whose shape expressions are
/// fully bound by their values.
FailureOr<MemRefType> Lowering::specialize(Operation *op, MemRefType type,
                                           ArrayAttr shape, const Twine &what) {
  // A window's extent is what is left of the caller's memory: it stays
  // dynamic.
  if (type.hasStaticShape() || !shape || !type.getLayout().isIdentity())
    return type;
  SmallVector<int64_t> sizes(type.getShape());
  for (auto [dim, entry] : llvm::enumerate(shape)) {
    if (!type.isDynamicDim(dim))
      continue;
    auto text = cast<StringAttr>(entry);
    std::string error;
    std::shared_ptr<const expr::Node> node = expr::parseCached(text, error);
    if (!node)
      return op->emitOpError() << what << ": " << error;
    FailureOr<std::optional<int64_t>> value = expr::evaluateInt(
        *node,
        [&](StringRef name) -> std::optional<int64_t> {
          auto it = bindings.find(name);
          if (it == bindings.end())
            return std::nullopt;
          return it->second;
        },
        error);
    if (failed(value))
      return op->emitOpError() << what << " dimension #" << dim << " " << text
                               << " with the bound symbols: " << error;
    if (std::optional<int64_t> size = *value) {
      if (*size < 0)
        return op->emitOpError()
               << what << " dimension #" << dim << " " << text << " is "
               << *size << " with the bound symbols";
      sizes[dim] = *size;
    }
  }
  return MemRefType::get(sizes, type.getElementType());
}

/// Whether some `sdfg.call` of `callee` may run in parallel iterations of
/// a map (directly, or through callers that may): its write-conflict
/// resolutions must then be atomic, as DaCe passes nested SDFGs pointers
/// into the caller's data and leaves the conflicts to the callee's memlets.
static bool isCalledInParallel(SDFGOp callee) {
  if (!callee.isPrivate())
    return false;
  auto module = callee->getParentOfType<ModuleOp>();
  bool parallel = false;
  module.walk([&](CallOp call) {
    if (parallel || call.getCallee() != callee.getSymName())
      return;
    for (Operation *op = call->getParentOp(); op && !parallel;
         op = op->getParentOp()) {
      if (auto map = dyn_cast<MapOp>(op))
        parallel = map.getSchedule() != ScheduleKind::Sequential;
      else if (auto caller = dyn_cast<SDFGOp>(op))
        parallel = caller != callee && isCalledInParallel(caller);
    }
  });
  return parallel;
}

LogicalResult Lowering::allocateTransient(AllocOp alloc, IRMapping &map) {
  MemRefType type = alloc.getType();
  SmallVector<Value> sizes;
  if (!type.hasStaticShape())
    for (auto [dim, entry] : llvm::enumerate(alloc.getShapeAttr())) {
      if (!type.isDynamicDim(dim))
        continue;
      FailureOr<Value> size =
          emitExpr(alloc, cast<StringAttr>(entry).getValue(),
                   builder.getIndexType(), "shape entry");
      if (failed(size))
        return failure();
      sizes.push_back(*size);
    }
  Value buffer = alloc.getStorage() == StorageKind::Register
                     ? Value(memref::AllocaOp::create(builder, alloc.getLoc(),
                                                      type, sizes))
                     : Value(memref::AllocOp::create(builder, alloc.getLoc(),
                                                     type, sizes));
  map.map(alloc.getResult(), buffer);
  dataByName[alloc.getDataName()] = buffer;
  return success();
}

LogicalResult Lowering::run() {
  Location loc = sdfg.getLoc();
  calledInParallel = isCalledInParallel(sdfg);
  Block *body = sdfg.getBody();

  // Symbols some edge assigns are state; the rest are parameters.
  llvm::StringSet<> assigned;
  SmallVector<EdgeOp> edges(body->getOps<EdgeOp>());
  for (EdgeOp edge : edges)
    for (auto [symbol, value] : edge.getAssignments())
      assigned.insert(symbol);
  // The function signature: data arguments, specialized, then free symbols.
  SmallVector<Type> argTypes;
  for (BlockArgument arg : body->getArguments()) {
    Type type = arg.getType();
    if (auto memref = dyn_cast<MemRefType>(type)) {
      FailureOr<MemRefType> specialized = specialize(
          sdfg, memref, sdfg.getArgShape(arg.getArgNumber()),
          "argument '" + sdfg.getArgDataName(arg.getArgNumber()) + "'");
      if (failed(specialized))
        return failure();
      type = *specialized;
    }
    argTypes.push_back(type);
  }
  SmallVector<std::pair<StringRef, Type>> freeSymbols;
  if (DictionaryAttr symbols = sdfg.getSymbolsAttr())
    for (NamedAttribute symbol : symbols) {
      StringRef name = symbol.getName().getValue();
      if (bindings.count(name) || assigned.contains(name))
        continue;
      Type type = cast<TypeAttr>(symbol.getValue()).getValue();
      freeSymbols.push_back({name, type});
      argTypes.push_back(type);
    }

  builder.setInsertionPoint(sdfg);
  auto func = func::FuncOp::create(builder, loc, sdfg.getSymName(),
                                   builder.getFunctionType(argTypes, {}));
  // Nested SDFGs (callees of `sdfg.call`) stay private, and record which
  // symbols their trailing arguments are, for the calls.
  if (sdfg.isPrivate()) {
    func.setPrivate();
    func->setAttr(kFreeSymbolsAttr,
                  builder.getStrArrayAttr(llvm::map_to_vector(
                      freeSymbols, [](auto &symbol) { return symbol.first; })));
  }
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  for (BlockArgument arg : body->getArguments()) {
    Value value = entry->getArgument(arg.getArgNumber());
    // Keep the SDFG's (dynamic) type inside so its ops still type-check;
    // canonicalization folds the cast away.
    if (value.getType() != arg.getType())
      value = memref::CastOp::create(builder, loc, arg.getType(), value);
    data.map(arg, value);
    dataByName[sdfg.getArgDataName(arg.getArgNumber())] = value;
  }
  for (auto [index, symbol] : llvm::enumerate(freeSymbols))
    symbolArgs[symbol.first] =
        entry->getArgument(body->getNumArguments() + index);
  for (StringRef name : assigned.keys()) {
    Type type = sdfg.getSymbolType(name);
    Value slot =
        memref::AllocaOp::create(builder, loc, MemRefType::get({}, type));
    // DaCe passes a symbol that is read before any edge assigns it as an
    // argument; here its binding is that value.
    if (auto it = bindings.find(name); it != bindings.end()) {
      Value value =
          isa<FloatType>(type)
              ? Value(arith::ConstantOp::create(
                    builder, loc,
                    builder.getFloatAttr(type,
                                         static_cast<double>(it->second))))
              : Value(arith::ConstantOp::create(
                    builder, loc, builder.getIntegerAttr(type, it->second)));
      memref::StoreOp::create(builder, loc, value, slot);
    }
    symbolSlots[name] = slot;
  }

  // Transients live as long as the call, except those sized by a symbol
  // an edge assigns: as in DaCe, such a transient used in one state is
  // allocated each time that state runs, with the symbol's value then.
  // They are not freed here: pk's pipelines run ownership-based buffer
  // deallocation, which inserts the frees and rejects any already present.
  llvm::DenseMap<Operation *, SmallVector<AllocOp>> perStateAllocs;
  for (AllocOp alloc : body->getOps<AllocOp>()) {
    std::optional<std::string> assignedSize;
    ArrayAttr shape = alloc.getShapeAttr();
    for (Attribute entry : shape ? shape.getValue() : ArrayRef<Attribute>()) {
      std::string error;
      SmallVector<std::string> names;
      if (std::shared_ptr<const expr::Node> node =
              expr::parseCached(cast<StringAttr>(entry), error))
        expr::collectNames(*node, names);
      for (const std::string &name : names)
        if (assigned.contains(name))
          assignedSize = name;
    }
    if (!assignedSize) {
      if (failed(allocateTransient(alloc, data)))
        return failure();
      continue;
    }
    llvm::SmallPtrSet<Operation *, 2> users;
    for (Operation *user : alloc->getUsers())
      users.insert(user->getParentOfType<StateOp>());
    if (users.empty())
      continue; // Never accessed: nothing to allocate.
    if (users.size() != 1 || !*users.begin())
      return alloc.emitOpError()
             << "is sized by symbol '" << *assignedSize
             << "', which an interstate edge assigns, and used in "
             << users.size()
             << " states; the lowering allocates such a transient in the "
                "one state that uses it";
    perStateAllocs[*users.begin()].push_back(alloc);
  }
  auto lowerState = [&](StateOp state) -> LogicalResult {
    IRMapping map = data;
    for (AllocOp alloc : perStateAllocs.lookup(state))
      if (failed(allocateTransient(alloc, map)))
        return failure();
    return lowerBlock(*state.getBody(), map, calledInParallel);
  };

  SmallVector<StateOp> states(body->getOps<StateOp>());
  if (states.size() == 1 && edges.empty()) {
    if (failed(lowerState(states.front())))
      return failure();
  } else {
    // The state machine: `state` holds the index of the state to run next,
    // -1 once no outgoing edge's condition holds.
    llvm::StringMap<int64_t> stateIndex;
    for (auto [index, state] : llvm::enumerate(states))
      stateIndex[state.getSymName()] = index;
    Type indexType = builder.getIndexType();
    Value stateSlot =
        memref::AllocaOp::create(builder, loc, MemRefType::get({}, indexType));
    memref::StoreOp::create(builder, loc,
                            arith::ConstantIndexOp::create(
                                builder, loc, stateIndex[sdfg.getEntry()]),
                            stateSlot);
    auto loop = scf::WhileOp::create(builder, loc, TypeRange(), ValueRange());
    {
      OpBuilder::InsertionGuard guard(builder);
      Block *before = builder.createBlock(&loop.getBefore());
      (void)before;
      Value current = memref::LoadOp::create(builder, loc, stateSlot);
      Value done = arith::ConstantIndexOp::create(builder, loc, -1);
      Value running = arith::CmpIOp::create(
          builder, loc, arith::CmpIPredicate::ne, current, done);
      scf::ConditionOp::create(builder, loc, running, ValueRange());

      builder.createBlock(&loop.getAfter());
      Value next = memref::LoadOp::create(builder, loc, stateSlot);
      SmallVector<int64_t> cases =
          llvm::to_vector(llvm::seq<int64_t>(0, states.size()));
      auto dispatch = scf::IndexSwitchOp::create(builder, loc, TypeRange(),
                                                 next, cases, cases.size());
      scf::YieldOp::create(builder, loc);

      builder.createBlock(&dispatch.getDefaultRegion());
      scf::YieldOp::create(builder, loc);
      for (auto [index, state] : llvm::enumerate(states)) {
        builder.createBlock(&dispatch.getCaseRegions()[index]);
        if (failed(lowerState(state)))
          return failure();
        SmallVector<EdgeOp> outgoing;
        for (EdgeOp edge : edges)
          if (edge.getSrc() == state.getSymName())
            outgoing.push_back(edge);
        if (failed(lowerEdges(outgoing, stateIndex, stateSlot)))
          return failure();
        scf::YieldOp::create(builder, loc);
      }
    }
  }

  func::ReturnOp::create(builder, loc);
  sdfg.erase();
  return expandArithmetic(func);
}

/// The first outgoing edge whose condition holds is taken: its assignments
/// run one after another in their order (a later one reads what an earlier
/// one assigned, as in DaCe's generated code), then the state index moves
/// on. DaCe leaves the choice among several true conditions open; taking
/// the first in program order makes it deterministic.
LogicalResult Lowering::lowerEdges(ArrayRef<EdgeOp> edges,
                                   const llvm::StringMap<int64_t> &stateIndex,
                                   Value stateSlot) {
  Location loc = sdfg.getLoc();
  if (edges.empty()) {
    memref::StoreOp::create(builder, loc,
                            arith::ConstantIndexOp::create(builder, loc, -1),
                            stateSlot);
    return success();
  }
  EdgeOp edge = edges.front();
  auto take = [&]() -> LogicalResult {
    for (auto [symbol, text] : edge.getAssignments()) {
      Value slot = symbolSlots.lookup(symbol);
      if (!slot)
        return edge.emitOpError()
               << "assigns '" << symbol << "', which is not a declared symbol";
      FailureOr<Value> value = emitExpr(
          edge, text, cast<MemRefType>(slot.getType()).getElementType(),
          "assignment");
      if (failed(value))
        return failure();
      memref::StoreOp::create(builder, loc, *value, slot);
    }
    memref::StoreOp::create(
        builder, loc,
        arith::ConstantIndexOp::create(builder, loc,
                                       stateIndex.lookup(edge.getDest())),
        stateSlot);
    return success();
  };
  if (edge.getCondition().trim() == "1" || edge.getCondition().trim() == "True")
    return take();

  FailureOr<Value> condition =
      emitExpr(edge, edge.getCondition(), builder.getI1Type(), "condition");
  if (failed(condition))
    return failure();
  auto branch = scf::IfOp::create(builder, loc, *condition,
                                  /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(branch.thenBlock());
  if (failed(take()))
    return failure();
  builder.setInsertionPointToStart(branch.elseBlock());
  return lowerEdges(edges.drop_front(), stateIndex, stateSlot);
}

LogicalResult Lowering::lowerStore(StoreOp store, IRMapping &map,
                                   bool inParallel) {
  Location loc = store.getLoc();
  Value value = map.lookup(store.getValue());
  Value memref = map.lookup(store.getMemref());
  SmallVector<Value> indices = llvm::map_to_vector(
      store.getIndices(), [&](Value v) { return map.lookup(v); });
  std::optional<WCRKind> wcr = store.getWcr();
  if (!wcr) {
    memref::StoreOp::create(builder, loc, value, memref, indices);
    return success();
  }
  bool isFloat = isa<FloatType>(value.getType());
  // DaCe's unsigned data (uint*) takes the unsigned minimum and maximum.
  bool isUnsigned =
      !isFloat &&
      SDFGOp::isUnsignedData(SDFGOp::getContainer(store.getMemref()));
  if (inParallel) {
    arith::AtomicRMWKind kind;
    switch (*wcr) {
    case WCRKind::Add:
      kind = isFloat ? arith::AtomicRMWKind::addf : arith::AtomicRMWKind::addi;
      break;
    case WCRKind::Mul:
      kind = isFloat ? arith::AtomicRMWKind::mulf : arith::AtomicRMWKind::muli;
      break;
    case WCRKind::Min:
      kind = isFloat      ? arith::AtomicRMWKind::minimumf
             : isUnsigned ? arith::AtomicRMWKind::minu
                          : arith::AtomicRMWKind::mins;
      break;
    case WCRKind::Max:
      kind = isFloat      ? arith::AtomicRMWKind::maximumf
             : isUnsigned ? arith::AtomicRMWKind::maxu
                          : arith::AtomicRMWKind::maxs;
      break;
    }
    memref::AtomicRMWOp::create(builder, loc, kind, value, memref, indices);
    return success();
  }
  // No concurrent writer: a plain read-modify-write.
  Value old = memref::LoadOp::create(builder, loc, memref, indices);
  Value combined;
  switch (*wcr) {
  case WCRKind::Add:
    combined = isFloat ? Value(arith::AddFOp::create(builder, loc, old, value))
                       : Value(arith::AddIOp::create(builder, loc, old, value));
    break;
  case WCRKind::Mul:
    combined = isFloat ? Value(arith::MulFOp::create(builder, loc, old, value))
                       : Value(arith::MulIOp::create(builder, loc, old, value));
    break;
  case WCRKind::Min:
    combined =
        isFloat      ? Value(arith::MinimumFOp::create(builder, loc, old, value))
        : isUnsigned ? Value(arith::MinUIOp::create(builder, loc, old, value))
                     : Value(arith::MinSIOp::create(builder, loc, old, value));
    break;
  case WCRKind::Max:
    combined =
        isFloat      ? Value(arith::MaximumFOp::create(builder, loc, old, value))
        : isUnsigned ? Value(arith::MaxUIOp::create(builder, loc, old, value))
                     : Value(arith::MaxSIOp::create(builder, loc, old, value));
    break;
  }
  memref::StoreOp::create(builder, loc, combined, memref, indices);
  return success();
}

/// A `func.call` of the lowered callee: single-element arguments get a
/// buffer of their own per call (`memref.alloc`, freed by the pipelines'
/// buffer deallocation, as for transients; a stack buffer would need an
/// `alloca_scope`, which pk-cpu-pipeline lowers after SCF and so not inside
/// the state machine's `scf.index_switch`), outputs are read back from it.
LogicalResult Lowering::lowerCall(CallOp call, IRMapping &map) {
  Location loc = call.getLoc();
  auto module = sdfg->getParentOfType<ModuleOp>();
  auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
  auto freeNames = callee ? callee->getAttrOfType<ArrayAttr>(kFreeSymbolsAttr)
                          : ArrayAttr();
  if (!freeNames)
    return call.emitOpError()
           << "calls '" << call.getCallee()
           << "', which is not lowered yet (a callee comes before its callers)";
  FunctionType type = callee.getFunctionType();
  SmallVector<Value> args;
  llvm::DenseMap<int64_t, Value> buffers;
  for (auto [index, operand] : llvm::enumerate(call.getData())) {
    Value value = map.lookup(operand);
    Type expected = type.getInput(index);
    auto memrefType = dyn_cast<MemRefType>(expected);
    if (memrefType && !isa<MemRefType>(value.getType())) {
      Value buffer = memref::AllocOp::create(builder, loc, memrefType);
      SmallVector<Value> zeros(memrefType.getRank(),
                               arith::ConstantIndexOp::create(builder, loc, 0));
      memref::StoreOp::create(builder, loc, value, buffer, zeros);
      buffers[index] = buffer;
      value = buffer;
    } else if (value.getType() != expected) {
      value = memref::CastOp::create(builder, loc, expected, value);
    }
    args.push_back(value);
  }
  for (auto [index, name] : llvm::enumerate(freeNames.getAsValueRange<StringAttr>())) {
    auto it = llvm::find_if(call.getSymbolNames().getAsValueRange<StringAttr>(),
                            [&](StringRef n) { return n == name; });
    if (it == call.getSymbolNames().getAsValueRange<StringAttr>().end())
      return call.emitOpError()
             << "does not give symbol '" << name << "' of '"
             << call.getCallee() << "'";
    size_t position = std::distance(
        call.getSymbolNames().getAsValueRange<StringAttr>().begin(), it);
    Value value = map.lookup(call.getSymbolValues()[position]);
    Type symbolType = type.getInput(call.getData().size() + index);
    if (symbolType != value.getType())
      value = arith::IndexCastOp::create(builder, loc, symbolType, value);
    args.push_back(value);
  }
  // Two memref arguments into one container (or into arguments of a
  // caller that may overlap already) make the callee's arguments aliases.
  llvm::SmallPtrSet<const void *, 4> roots;
  bool aliasing = false;
  for (Value operand : call.getData()) {
    if (!isa<MemRefType>(operand.getType()))
      continue;
    if (auto window = operand.getDefiningOp<WindowOp>())
      operand = window.getSource();
    Value root = map.lookup(operand);
    while (auto view = root.getDefiningOp<ViewLikeOpInterface>())
      root = view.getViewSource();
    const void *key = root.getAsOpaquePointer();
    if (auto arg = dyn_cast<BlockArgument>(root))
      if (Operation *owner = arg.getOwner()->getParentOp(); owner->hasAttr(
              pk::PKDialect::AliasingArgumentsAttrHelper::getNameStr()))
        key = owner;
    aliasing |= !roots.insert(key).second;
  }
  if (aliasing)
    callee->setAttr(pk::PKDialect::AliasingArgumentsAttrHelper::getNameStr(),
                    builder.getUnitAttr());
  func::CallOp::create(builder, loc, callee, args);
  SmallVector<Value> results;
  for (int64_t output : call.getOutputs()) {
    Value buffer = buffers.lookup(output);
    SmallVector<Value> zeros(cast<MemRefType>(buffer.getType()).getRank(),
                             arith::ConstantIndexOp::create(builder, loc, 0));
    results.push_back(memref::LoadOp::create(builder, loc, buffer, zeros));
  }
  for (auto [result, value] : llvm::zip_equal(call.getResults(), results))
    map.map(result, value);
  return success();
}

/// The source's memory as one dimension (row-major; a window already is),
/// from the element at the indices' row-major offset to its end.
Value Lowering::lowerWindow(WindowOp window, IRMapping &map) {
  Location loc = window.getLoc();
  Value source = map.lookup(window.getSource());
  auto sourceType = cast<MemRefType>(source.getType());
  Value offset = arith::ConstantIndexOp::create(builder, loc, 0);
  for (auto [dim, index] : llvm::enumerate(window.getIndices())) {
    Value size = memref::DimOp::create(builder, loc, source, dim);
    offset = arith::AddIOp::create(
        builder, loc, arith::MulIOp::create(builder, loc, offset, size),
        map.lookup(index));
  }
  Value flat = source;
  if (sourceType.getRank() == 0) // A scalar: its one element.
    flat = memref::ExpandShapeOp::create(builder, loc, ArrayRef<int64_t>{1},
                                         source, {});
  if (sourceType.getRank() > 1) {
    SmallVector<ReassociationIndices> all(1);
    for (int64_t dim = 0; dim < sourceType.getRank(); ++dim)
      all.front().push_back(dim);
    flat = memref::CollapseShapeOp::create(builder, loc, source, all);
  }
  Value total = memref::DimOp::create(builder, loc, flat, 0);
  Value size = arith::SubIOp::create(builder, loc, total, offset);
  Value view = memref::SubViewOp::create(
      builder, loc, flat, ArrayRef<OpFoldResult>{offset},
      ArrayRef<OpFoldResult>{size},
      ArrayRef<OpFoldResult>{builder.getIndexAttr(1)});
  if (view.getType() != window.getType())
    view = memref::CastOp::create(builder, loc, window.getType(), view);
  return view;
}

LogicalResult Lowering::lowerMap(MapOp map, IRMapping &mapping,
                                 bool inParallel) {
  Location loc = map.getLoc();
  auto materialize = [&](OpFoldResult ofr) -> Value {
    if (auto value = dyn_cast<Value>(ofr))
      return mapping.lookup(value);
    return arith::ConstantIndexOp::create(
        builder, loc, cast<IntegerAttr>(cast<Attribute>(ofr)).getInt());
  };
  SmallVector<Value> lbs, ubs, steps;
  // The step of each dimension iterated as k = 0, 1, ... with the parameter
  // lb + k*step: negative and dynamic steps (null for the others).
  SmallVector<Value> normalizedSteps(map.getNumParams());
  for (auto [dim, lb, ub, step] :
       llvm::enumerate(map.getMixedLowerBounds(), map.getMixedUpperBounds(),
                       map.getMixedSteps())) {
    std::optional<int64_t> constStep = getConstantIntValue(step);
    Value lower = materialize(lb), upper = materialize(ub);
    Value one = arith::ConstantIndexOp::create(builder, loc, 1);
    if (constStep && *constStep > 0) {
      // Inclusive upper bound → exclusive.
      lbs.push_back(lower);
      ubs.push_back(arith::AddIOp::create(builder, loc, upper, one));
      steps.push_back(arith::ConstantIndexOp::create(builder, loc, *constStep));
      continue;
    }
    // Iterate k over [0, (ub - lb) floordiv step]: the trip count of an
    // inclusive range for a step of either sign (a step of 0 divides by
    // zero, where DaCe would loop forever).
    Value stepValue = materialize(step);
    normalizedSteps[dim] = stepValue;
    Value span = arith::SubIOp::create(builder, loc, upper, lower);
    Value trips = arith::AddIOp::create(
        builder, loc, arith::FloorDivSIOp::create(builder, loc, span, stepValue),
        one);
    Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
    lbs.push_back(zero);
    ubs.push_back(arith::MaxSIOp::create(builder, loc, trips, zero));
    steps.push_back(one);
  }

  bool parallel = map.getSchedule() != ScheduleKind::Sequential;
  auto bodyBuilder = [&](ValueRange ivs) -> LogicalResult {
    IRMapping inner = mapping;
    for (auto [dim, param, iv] : llvm::enumerate(map.getParams(), ivs)) {
      Value value = iv;
      if (normalizedSteps[dim]) {
        Value offset =
            arith::MulIOp::create(builder, loc, iv, normalizedSteps[dim]);
        value = arith::AddIOp::create(
            builder, loc, materialize(map.getMixedLowerBounds()[dim]), offset);
      }
      inner.map(param, value);
    }
    return lowerBlock(*map.getBody(), inner, inParallel || parallel);
  };

  if (parallel) {
    auto loop = scf::ParallelOp::create(builder, loc, lbs, ubs, steps);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(loop.getBody()->getTerminator());
    return bodyBuilder(loop.getInductionVars());
  }
  SmallVector<Value> ivs;
  OpBuilder::InsertionGuard guard(builder);
  for (auto [lb, ub, step] : llvm::zip_equal(lbs, ubs, steps)) {
    auto loop = scf::ForOp::create(builder, loc, lb, ub, step);
    ivs.push_back(loop.getInductionVar());
    builder.setInsertionPoint(loop.getBody()->getTerminator());
  }
  return bodyBuilder(ivs);
}

LogicalResult Lowering::lowerBlock(Block &block, IRMapping &map,
                                   bool inParallel) {
  for (Operation &op : block) {
    if (isa<YieldOp>(op))
      continue;
    if (auto access = dyn_cast<AccessOp>(op)) {
      // The container: an argument or transient of the call, or one
      // allocated for this state (in `map`).
      map.map(access.getResult(), map.lookup(access.getData()));
      continue;
    }
    if (auto sym = dyn_cast<SymOp>(op)) {
      FailureOr<Value> value =
          emitExpr(sym, sym.getExpr(), sym.getType(), "expression");
      if (failed(value))
        return failure();
      map.map(sym.getResult(), *value);
      continue;
    }
    if (auto load = dyn_cast<LoadOp>(op)) {
      SmallVector<Value> indices = llvm::map_to_vector(
          load.getIndices(), [&](Value v) { return map.lookup(v); });
      map.map(load.getResult(),
              memref::LoadOp::create(builder, load.getLoc(),
                                     map.lookup(load.getMemref()), indices));
      continue;
    }
    if (auto store = dyn_cast<StoreOp>(op)) {
      if (failed(lowerStore(store, map, inParallel)))
        return failure();
      continue;
    }
    if (auto window = dyn_cast<WindowOp>(op)) {
      map.map(window.getResult(), lowerWindow(window, map));
      continue;
    }
    if (auto copy = dyn_cast<CopyOp>(op)) {
      memref::CopyOp::create(builder, copy.getLoc(),
                             map.lookup(copy.getSource()),
                             map.lookup(copy.getTarget()));
      continue;
    }
    if (auto nested = dyn_cast<MapOp>(op)) {
      if (failed(lowerMap(nested, map, inParallel)))
        return failure();
      continue;
    }
    if (auto call = dyn_cast<CallOp>(op)) {
      if (failed(lowerCall(call, map)))
        return failure();
      continue;
    }
    if (auto tasklet = dyn_cast<TaskletOp>(op)) {
      // Inline: connectors become the memlet values.
      IRMapping inner;
      for (auto [arg, input] : llvm::zip_equal(
               tasklet.getBody()->getArguments(), tasklet.getInputs()))
        inner.map(arg, map.lookup(input));
      for (Operation &inside : *tasklet.getBody()) {
        if (auto ret = dyn_cast<ReturnOp>(inside)) {
          for (auto [result, value] :
               llvm::zip_equal(tasklet.getResults(), ret.getValues()))
            map.map(result, inner.lookupOrDefault(value));
          continue;
        }
        builder.clone(inside, inner);
      }
      continue;
    }
    // Python's `//` and `%` in index expressions are expanded with the
    // rest once the function is built.
    if (isa<SDFGDialect>(op.getDialect()) && !isa<FloorDivOp, ModOp>(op))
      return op.emitOpError("cannot be lowered here");
    builder.clone(op, map);
  }
  return success();
}

LogicalResult sdfg::lowerSDFGToSCF(SDFGOp sdfg,
                                   const llvm::StringMap<int64_t> &bindings) {
  return Lowering(sdfg, bindings).run();
}
