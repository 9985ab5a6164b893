//===- SDFGJSONExport.cpp - The sdfg dialect to DaCe SDFG JSON ------------===//
//
// Writes one `sdfg.sdfg` as DaCe's `.sdfg` JSON, for DaCe's tools and
// viewer. Data containers become `_arrays`, states become `SDFGState`s whose
// dataflow graph is rebuilt from the ops:
//
// * a memlet read or written at the top of a state goes from or to an
//   `AccessNode`; a write creates a new access node after the readers, as
//   DaCe does (`A -> map -> A`);
// * an `sdfg.map` becomes a MapEntry/MapExit pair; every container read or
//   written inside passes through them on `IN_<data>`/`OUT_<data>`
//   connectors with a whole-container memlet; map bounds that read data
//   become dynamic map range connectors;
// * a tasklet becomes a `Tasklet` whose Python code is printed from its
//   body; index values it receives (map parameters, symbols) are inlined
//   into the code, values from other tasklets flow through a transient
//   scalar;
// * `sdfg.copy` and load/store pairs between access nodes become
//   access-node-to-access-node memlets;
// * tasklet code is written so that DaCe's C++ computes what the ops do:
//   float32 constants and conversions as `dace.float32(...)`, Python's `//`
//   and `%` as DaCe's `py_floor`/`py_mod`, unsigned ops with explicit
//   `dace.uint<N>(...)` operands;
// * an `sdfg.call` becomes a `NestedSDFG` node holding the callee's export:
//   whole containers, windows (a memlet from the window's first element)
//   and single values pass through connectors named after the callee's
//   arguments, and the call's symbol values become its `symbol_mapping`;
// * interstate assignments keep their order in the written JSON.
//
//===----------------------------------------------------------------------===//

#include "pk/Target/SDFGJSON.h"

#include "DaCeNames.h"

#include "pk/Dialect/SDFG/SDFGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace mlir::sdfg;
namespace json = llvm::json;

namespace {

std::optional<std::string> dtypeOf(Type type, bool isUnsigned = false) {
  if (type.isF64())
    return "float64";
  if (type.isF32())
    return "float32";
  if (type.isF16())
    return "float16";
  if (type.isInteger(1))
    return "bool";
  if (auto integer = dyn_cast<IntegerType>(type))
    switch (integer.getWidth()) {
    case 8:
    case 16:
    case 32:
    case 64:
      return (isUnsigned ? "uint" : "int") + std::to_string(integer.getWidth());
    default:
      return std::nullopt;
    }
  if (type.isIndex())
    return "int64";
  if (auto complex = dyn_cast<ComplexType>(type)) {
    if (complex.getElementType().isF32())
      return "complex64";
    if (complex.getElementType().isF64())
      return "complex128";
  }
  return std::nullopt;
}

/// Parenthesizes an expression unless it is a name, a number or a call, so
/// that operands keep their meaning without piling up parentheses on every
/// round trip.
std::string wrap(const std::string &text) {
  StringRef ref(text);
  bool atomic = llvm::all_of(
      ref, [](char c) { return llvm::isAlnum(c) || c == '_' || c == '.'; });
  return atomic ? text : "(" + text + ")";
}

json::Value rangeJSON(StringRef start, StringRef end, StringRef step = "1") {
  return json::Object{{"start", start.str()},
                      {"end", end.str()},
                      {"step", step.str()},
                      {"tile", "1"}};
}

json::Value subsetJSON(json::Array ranges) {
  return json::Object{{"type", "Range"}, {"ranges", std::move(ranges)}};
}

/// How the callee of an `sdfg.call` reads and writes each of its memref
/// arguments (through loads, stores, copies, whole-array tasklet inputs and
/// its own calls).
struct ArgumentAccesses {
  SmallVector<bool> reads, writes;
};

/// What the exporters of one module share: the numbering of its SDFGs
/// (DaCe's `sdfg_list_id`) and each callee's argument accesses, computed
/// once for all its callers.
struct ExportContext {
  int64_t nextListId = 0;
  DenseMap<Operation *, ArgumentAccesses> accesses;
};

/// Whether a tasklet's code stores into (or loads from) its memref input
/// `index`: an array the code assigns by subscript, DaCe's `b[i] = ...`.
static bool taskletStoresInto(TaskletOp tasklet, unsigned index) {
  Value arg = tasklet.getBody()->getArgument(index);
  return llvm::any_of(arg.getUsers(), [&](Operation *user) {
    auto store = dyn_cast<memref::StoreOp>(user);
    return store && store.getMemref() == arg;
  });
}
static bool taskletLoadsFrom(TaskletOp tasklet, unsigned index) {
  Value arg = tasklet.getBody()->getArgument(index);
  return llvm::any_of(arg.getUsers(),
                      [](Operation *user) { return isa<memref::LoadOp>(user); });
}

static ArgumentAccesses argumentAccesses(SDFGOp sdfg, ExportContext &context) {
  if (auto it = context.accesses.find(sdfg); it != context.accesses.end())
    return it->second;
  unsigned count = sdfg.getBody()->getNumArguments();
  ArgumentAccesses result{SmallVector<bool>(count, false),
                          SmallVector<bool>(count, false)};
  auto note = [&](Value memref, SmallVector<bool> &list) {
    if (auto arg = dyn_cast<BlockArgument>(SDFGOp::getContainer(memref));
        arg && arg.getOwner() == sdfg.getBody())
      list[arg.getArgNumber()] = true;
  };
  sdfg.walk([&](Operation *op) {
    if (auto load = dyn_cast<LoadOp>(op))
      note(load.getMemref(), result.reads);
    else if (auto store = dyn_cast<StoreOp>(op))
      note(store.getMemref(), result.writes);
    else if (auto copy = dyn_cast<CopyOp>(op)) {
      note(copy.getSource(), result.reads);
      note(copy.getTarget(), result.writes);
    } else if (auto tasklet = dyn_cast<TaskletOp>(op)) {
      for (auto [index, input] : llvm::enumerate(tasklet.getInputs())) {
        if (!isa<MemRefType>(input.getType()))
          continue;
        note(input, result.reads);
        if (taskletStoresInto(tasklet, index))
          note(input, result.writes);
      }
    } else if (auto call = dyn_cast<CallOp>(op)) {
      auto callee = call.getCalleeSDFG();
      if (!callee)
        return;
      ArgumentAccesses inner = argumentAccesses(callee, context);
      for (auto [index, operand] : llvm::enumerate(call.getData())) {
        if (!isa<MemRefType>(operand.getType()))
          continue;
        if (inner.reads[index])
          note(operand, result.reads);
        if (inner.writes[index])
          note(operand, result.writes);
      }
    }
  });
  context.accesses[sdfg] = result;
  return result;
}

class Exporter {
public:
  /// `scalarByReference`: the arguments a caller passes as a window of one
  /// of its scalars (DaCe's Scalar written by a nested SDFG).
  Exporter(SDFGOp sdfg, ExportContext &context,
           llvm::SmallDenseSet<unsigned> scalarByReference = {})
      : sdfg(sdfg), context(context), listId(context.nextListId++),
        scalarByReference(std::move(scalarByReference)) {}
  FailureOr<json::Value> run();

  /// Writes JSON that `run` returned: objects with their keys sorted, as
  /// llvm::json writes them, except each interstate edge's `assignments`,
  /// held as an array of [symbol, value] pairs while exporting, written as
  /// an object with the keys in the edge's order (DaCe performs them in
  /// file order).
  static void write(const json::Value &root, raw_ostream &os);

private:
  SDFGOp sdfg;
  ExportContext &context;
  int64_t listId;
  llvm::SmallDenseSet<unsigned> scalarByReference;
  json::Object arrays;
  llvm::StringSet<> usedNames;
  unsigned paramCounter = 0, tempCounter = 0, dynCounter = 0,
           taskletCounter = 0, mapCounter = 0;
  /// Names of map parameters and dynamic map range connectors.
  DenseMap<Value, std::string> valueNames;
  /// Tasklet connectors of DaCe's unsigned types: unsigned operations on
  /// them need no conversion in the code.
  llvm::DenseSet<Value> unsignedConnectors;

  // Per-state graph.
  json::Array nodes, edges;
  std::map<int64_t, std::vector<int64_t>> scopeChildren;
  llvm::StringMap<int64_t> currentAccess;
  /// A code node's (tasklet's or nested SDFG's) id and the out-connector
  /// of each of its results.
  DenseMap<Operation *, std::pair<int64_t, SmallVector<std::string>>>
      codeNodes;
  /// The transient scalar carrying a tasklet result to another tasklet.
  DenseMap<Value, std::string> temporaries;

  /// A map scope being exported: its entry and exit node ids.
  struct Scope {
    int64_t entry, exit;
    json::Object *entryAttrs, *exitAttrs;
  };

  std::string uniqueName(StringRef base) {
    std::string name = base.str();
    for (unsigned i = 0; usedNames.contains(name); ++i)
      name = (base + Twine(i)).str();
    usedNames.insert(name);
    return name;
  }

  SmallVector<std::string> shapeOf(Value data) {
    auto type = dyn_cast<MemRefType>(data.getType());
    if (!type)
      return {};
    ArrayAttr shape;
    if (auto arg = dyn_cast<BlockArgument>(data))
      shape = sdfg.getArgShape(arg.getArgNumber());
    else if (auto alloc = data.getDefiningOp<AllocOp>())
      shape = alloc.getShapeAttr();
    SmallVector<std::string> dims;
    for (int64_t dim = 0; dim < type.getRank(); ++dim)
      dims.push_back(shape ? cast<StringAttr>(shape[dim]).str()
                           : std::to_string(type.getDimSize(dim)));
    return dims;
  }

  json::Value fullSubset(Value data) {
    json::Array ranges;
    auto type = dyn_cast<MemRefType>(data.getType());
    if (!type || type.getRank() == 0)
      ranges.push_back(rangeJSON("0", "0"));
    for (const std::string &dim : shapeOf(data)) {
      int64_t size;
      std::string end = StringRef(dim).getAsInteger(10, size)
                            ? wrap(dim) + " - 1"
                            : std::to_string(size - 1);
      ranges.push_back(rangeJSON("0", end));
    }
    return subsetJSON(std::move(ranges));
  }

  std::string volumeOf(Value data) {
    SmallVector<std::string> dims = shapeOf(data);
    if (dims.empty())
      return "1";
    std::string volume;
    for (auto [index, dim] : llvm::enumerate(dims))
      volume += (index ? "*" : "") + wrap(dim);
    return volume;
  }

  json::Value memletJSON(StringRef data, json::Value subset, std::string volume,
                         json::Value otherSubset = nullptr,
                         json::Value wcr = nullptr) {
    return json::Object{
        {"type", "Memlet"},
        {"attributes", json::Object{{"volume", volume},
                                    {"num_accesses", volume},
                                    {"dynamic", false},
                                    {"subset", std::move(subset)},
                                    {"other_subset", std::move(otherSubset)},
                                    {"data", data.str()},
                                    {"wcr", std::move(wcr)},
                                    {"debuginfo", nullptr},
                                    {"wcr_nonatomic", false},
                                    {"allow_oob", false},
                                    {"src_subset", nullptr},
                                    {"dst_subset", nullptr}}}};
  }

  json::Value emptyMemlet() {
    return json::Object{{"type", "Memlet"},
                        {"attributes", json::Object{{"volume", "0"},
                                                    {"num_accesses", "0"},
                                                    {"dynamic", false},
                                                    {"subset", nullptr},
                                                    {"other_subset", nullptr},
                                                    {"data", nullptr},
                                                    {"wcr", nullptr}}}};
  }

  void addEdge(int64_t src, std::optional<std::string> srcConn, int64_t dst,
               std::optional<std::string> dstConn, json::Value memlet) {
    edges.push_back(
        json::Object{{"type", "MultiConnectorEdge"},
                     {"attributes", json::Object{{"data", std::move(memlet)}}},
                     {"src", std::to_string(src)},
                     {"dst", std::to_string(dst)},
                     {"src_connector",
                      srcConn ? json::Value(*srcConn) : json::Value(nullptr)},
                     {"dst_connector",
                      dstConn ? json::Value(*dstConn) : json::Value(nullptr)}});
  }

  int64_t addNode(json::Object node, std::optional<int64_t> scopeEntry,
                  std::optional<int64_t> scopeExit) {
    int64_t id = nodes.size();
    node["id"] = id;
    node["scope_entry"] = scopeEntry ? json::Value(std::to_string(*scopeEntry))
                                     : json::Value(nullptr);
    node["scope_exit"] =
        scopeExit ? json::Value(std::to_string(*scopeExit)) : nullptr;
    nodes.push_back(std::move(node));
    scopeChildren[scopeEntry.value_or(-1)].push_back(id);
    return id;
  }
  /// A node inside the innermost scope (at the top of the state if none).
  int64_t addNode(json::Object node, ArrayRef<Scope> scopes) {
    if (scopes.empty())
      return addNode(std::move(node), std::nullopt, std::nullopt);
    return addNode(std::move(node), scopes.back().entry, scopes.back().exit);
  }

  int64_t accessNode(StringRef data) {
    return addNode(
        json::Object{
            {"type", "AccessNode"},
            {"label", data.str()},
            {"attributes", json::Object{{"data", data.str()},
                                        {"setzero", false},
                                        {"debuginfo", nullptr},
                                        {"instrument", "No_Instrumentation"},
                                        {"in_connectors", json::Object{}},
                                        {"out_connectors", json::Object{}}}}},
        std::nullopt, std::nullopt);
  }
  int64_t readAccess(StringRef data) {
    auto it = currentAccess.find(data);
    if (it != currentAccess.end())
      return it->second;
    return currentAccess[data] = accessNode(data);
  }
  int64_t writeAccess(StringRef data) {
    return currentAccess[data] = accessNode(data);
  }

  std::string dataName(Value memrefOrAccess) {
    if (auto access = memrefOrAccess.getDefiningOp<AccessOp>())
      memrefOrAccess = access.getData();
    return SDFGOp::getDataName(memrefOrAccess);
  }
  Value container(Value memrefOrAccess) {
    if (auto access = memrefOrAccess.getDefiningOp<AccessOp>())
      return access.getData();
    return memrefOrAccess;
  }

  /// A memlet into a code node's connector.
  struct In {
    std::string connector;
    int64_t src;
    std::optional<std::string> srcConn;
    json::Value memlet;
  };
  /// The memlet passing `input` to a code node: from the data a load
  /// reads, a whole container, another code node's result (through a
  /// transient scalar) or a scalar argument; none for other values (index
  /// values, inlined into tasklet code).
  FailureOr<std::optional<In>> inputMemlet(Value input,
                                           const std::string &connector,
                                           ArrayRef<Scope> scopes);
  FailureOr<std::string> symbolic(Value value);
  FailureOr<std::string> pointSubset(ValueRange indices, json::Array &ranges);
  FailureOr<std::string> code(Value value, DenseMap<Value, std::string> &names);
  LogicalResult exportContainers();
  FailureOr<json::Value> exportState(StateOp state, int64_t id);
  LogicalResult exportBlock(Block &block, ArrayRef<Scope> scopes);
  LogicalResult exportMap(MapOp map, ArrayRef<Scope> scopes);
  LogicalResult exportTasklet(TaskletOp tasklet, ArrayRef<Scope> scopes);
  LogicalResult exportCall(CallOp call, ArrayRef<Scope> scopes);
  /// A tasklet writing the literal an `sdfg.store` of a constant stores.
  LogicalResult exportConstantStore(StoreOp store, ArrayRef<Scope> scopes);
  /// A tasklet node without state fields or side code.
  int64_t taskletNode(StringRef label, StringRef source,
                      json::Object inConnectors, json::Object outConnectors,
                      ArrayRef<Scope> scopes);
  /// The memlets out of a code node: one per store of one of its results
  /// (code nodes that read a result make their own memlet); whether there
  /// was one.
  FailureOr<bool> exportResultStores(Operation *node, int64_t id,
                                   ArrayRef<std::string> outNames,
                                   ArrayRef<Scope> scopes);
  LogicalResult exportLoadStore(LoadOp load, StoreOp store,
                                ArrayRef<Scope> scopes);

  /// Where a memlet reading `data` starts in the innermost scope: the
  /// enclosing MapEntry's OUT connector, else a (current) access node.
  std::pair<int64_t, std::optional<std::string>>
  readSource(StringRef data, ArrayRef<Scope> scopes) {
    if (scopes.empty())
      return {readAccess(data), std::nullopt};
    return {scopes.back().entry, "OUT_" + data.str()};
  }
  /// Where a memlet writing `data` ends in the innermost scope: the
  /// enclosing MapExit's IN connector, else a new access node.
  std::pair<int64_t, std::optional<std::string>>
  writeTarget(StringRef data, ArrayRef<Scope> scopes) {
    if (scopes.empty())
      return {writeAccess(data), std::nullopt};
    return {scopes.back().exit, "IN_" + data.str()};
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

FailureOr<std::string> Exporter::symbolic(Value value) {
  auto it = valueNames.find(value);
  if (it != valueNames.end())
    return it->second;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (isa<SDFGOp>(arg.getOwner()->getParentOp()))
      return sdfg.getArgDataName(arg.getArgNumber());
    return emitError(value.getLoc(),
                     "sdfg-to-json: a block argument that is not a map "
                     "parameter cannot appear in a symbolic expression");
  }
  Operation *op = value.getDefiningOp();
  if (auto sym = dyn_cast<SymOp>(op))
    return sym.getExpr().trim().str();
  APInt constant;
  if (matchPattern(value, m_ConstantInt(&constant)))
    return std::to_string(constant.getSExtValue());
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp, arith::ExtSIOp,
          arith::TruncIOp>(op))
    return symbolic(op->getOperand(0));
  auto binary = [&](StringRef infix) -> FailureOr<std::string> {
    FailureOr<std::string> lhs = symbolic(op->getOperand(0));
    if (failed(lhs))
      return failure();
    FailureOr<std::string> rhs = symbolic(op->getOperand(1));
    if (failed(rhs))
      return failure();
    return wrap(*lhs) + " " + infix.str() + " " + wrap(*rhs);
  };
  auto call = [&](StringRef name) -> FailureOr<std::string> {
    FailureOr<std::string> lhs = symbolic(op->getOperand(0));
    if (failed(lhs))
      return failure();
    FailureOr<std::string> rhs = symbolic(op->getOperand(1));
    if (failed(rhs))
      return failure();
    return name.str() + "(" + *lhs + ", " + *rhs + ")";
  };
  if (isa<arith::AddIOp>(op))
    return binary("+");
  if (isa<arith::SubIOp>(op))
    return binary("-");
  if (isa<arith::MulIOp>(op))
    return binary("*");
  if (isa<arith::FloorDivSIOp>(op))
    return binary("//");
  // Integer `/` in DaCe's symbolic expressions truncates, as its C++ does.
  if (isa<arith::DivSIOp>(op))
    return binary("/");
  if (isa<ModOp>(op))
    return binary("%");
  if (isa<arith::CeilDivSIOp>(op))
    return call("int_ceil");
  if (isa<arith::MaxSIOp>(op))
    return call("max");
  if (isa<arith::MinSIOp>(op))
    return call("min");
  return op->emitOpError()
         << "cannot be written as a DaCe symbolic expression (sdfg-to-json "
            "supports constants, sdfg.sym, map parameters, dynamic range "
            "loads, +, -, *, /, //, %, ceildiv, min, max and integer casts)";
}

FailureOr<std::string> Exporter::pointSubset(ValueRange indices,
                                             json::Array &ranges) {
  for (Value index : indices) {
    FailureOr<std::string> text = symbolic(index);
    if (failed(text))
      return failure();
    ranges.push_back(rangeJSON(*text, *text));
  }
  if (indices.empty())
    ranges.push_back(rangeJSON("0", "0"));
  return std::string("1");
}

/// A Python float literal that reads back as `value` in `type`'s precision
/// (`inf`, `nan` are DaCe's names for the special values).
static std::string floatLiteral(double value, Type type) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), type.isF64() ? "%.17g" : "%.9g", value);
  std::string text = buffer;
  if (StringRef(text).find_first_of(".eEn") == StringRef::npos)
    text += ".0";
  return text;
}

/// `dace.<dtype>(text)`: a conversion with C++'s meaning in DaCe's code and
/// Python's in the importer. Python's own `float(x)` and `int(x)` would be
/// C's 32-bit `float(x)` and `int(x)` in the C++ DaCe generates.
static std::string daceCast(Type type, bool isUnsigned,
                            const std::string &text) {
  std::string dtype;
  if (isa<IndexType>(type))
    dtype = "int64";
  else if (auto integer = dyn_cast<IntegerType>(type);
           integer && !integer.isInteger(1))
    dtype = (isUnsigned ? "uint" : "int") + std::to_string(integer.getWidth());
  else
    dtype = dtypeOf(type).value_or("float64");
  return "dace." + dtype + "(" + text + ")";
}

FailureOr<std::string> Exporter::code(Value value,
                                      DenseMap<Value, std::string> &names) {
  auto it = names.find(value);
  if (it != names.end())
    return it->second;
  Operation *op = value.getDefiningOp();
  if (!op)
    return emitError(value.getLoc(), "sdfg-to-json: unknown tasklet value");
  auto operand = [&](unsigned i) { return code(op->getOperand(i), names); };
  auto binary = [&](StringRef infix) -> FailureOr<std::string> {
    FailureOr<std::string> lhs = operand(0), rhs = operand(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    return "(" + *lhs + " " + infix.str() + " " + *rhs + ")";
  };
  auto call = [&](StringRef name) -> FailureOr<std::string> {
    std::string text = name.str() + "(";
    for (unsigned i = 0; i < op->getNumOperands(); ++i) {
      FailureOr<std::string> arg = operand(i);
      if (failed(arg))
        return failure();
      text += (i ? ", " : "") + *arg;
    }
    return text + ")";
  };

  // An unsigned operation: its operands reinterpreted as DaCe's unsigned
  // type of their width, so that C++ (and the importer) pick the unsigned
  // operation whatever the containers' dtypes.
  auto asUnsigned = [&](unsigned i) -> FailureOr<std::string> {
    FailureOr<std::string> text = operand(i);
    if (failed(text))
      return failure();
    if (unsignedConnectors.contains(op->getOperand(i)))
      return *text;
    Type type = op->getOperand(i).getType();
    if (isa<IndexType>(type))
      type = IntegerType::get(op->getContext(), 64);
    return daceCast(type, /*isUnsigned=*/true, *text);
  };
  auto unsignedBinary = [&](StringRef infix) -> FailureOr<std::string> {
    FailureOr<std::string> lhs = asUnsigned(0), rhs = asUnsigned(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    if (infix == "min" || infix == "max")
      return infix.str() + "(" + *lhs + ", " + *rhs + ")";
    return "(" + *lhs + " " + infix.str() + " " + *rhs + ")";
  };
  auto convert = [&](bool fromUnsigned,
                     bool toUnsigned) -> FailureOr<std::string> {
    FailureOr<std::string> inner = fromUnsigned ? asUnsigned(0) : operand(0);
    if (failed(inner))
      return failure();
    return daceCast(op->getResult(0).getType(), toUnsigned, *inner);
  };

  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    if (auto f = dyn_cast<FloatAttr>(constant.getValue())) {
      std::string text = floatLiteral(f.getValueAsDouble(), f.getType());
      // A bare literal is a double in DaCe's C++ (and in Python): `x * 2.0`
      // on a float32 `x` would compute in double.
      if (f.getType().isF64())
        return text;
      return daceCast(f.getType(), false, text);
    }
    if (auto i = dyn_cast<IntegerAttr>(constant.getValue())) {
      if (i.getType().isInteger(1))
        return std::string(i.getValue().isZero() ? "False" : "True");
      return std::to_string(i.getValue().getSExtValue());
    }
  }
  if (auto constant = dyn_cast<complex::ConstantOp>(op)) {
    auto type = cast<ComplexType>(constant.getType());
    ArrayAttr parts = constant.getValue();
    return "dace." + *dtypeOf(type) + "(" +
           floatLiteral(cast<FloatAttr>(parts[0]).getValueAsDouble(),
                        type.getElementType()) +
           ", " +
           floatLiteral(cast<FloatAttr>(parts[1]).getValueAsDouble(),
                        type.getElementType()) +
           ")";
  }
  if (auto create = dyn_cast<complex::CreateOp>(op)) {
    FailureOr<std::string> re = operand(0), im = operand(1);
    if (failed(re) || failed(im))
      return failure();
    return "dace." + *dtypeOf(create.getType()) + "(" + *re + ", " + *im + ")";
  }
  if (isa<arith::AddFOp, arith::AddIOp, complex::AddOp>(op))
    return binary("+");
  if (isa<arith::SubFOp, arith::SubIOp, complex::SubOp>(op))
    return binary("-");
  if (isa<arith::MulFOp, arith::MulIOp, complex::MulOp>(op))
    return binary("*");
  if (isa<arith::DivFOp, arith::DivSIOp, complex::DivOp>(op))
    return binary("/");
  if (isa<arith::DivUIOp>(op))
    return unsignedBinary("/");
  if (isa<arith::RemUIOp>(op))
    return unsignedBinary("%");
  // Python's floor division and modulo: DaCe's C++ writes `//` as a
  // truncating division and `%` as C's remainder; its `py_floor` and
  // `py_mod` follow Python.
  if (isa<arith::FloorDivSIOp, FloorDivOp>(op))
    return call("py_floor");
  if (isa<ModOp>(op))
    return call("py_mod");
  if (isa<arith::RemSIOp>(op)) {
    // C's remainder, from the truncating division both sides share.
    FailureOr<std::string> lhs = operand(0), rhs = operand(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    return "(" + *lhs + " - ((" + *lhs + " / " + *rhs + ") * " + *rhs + "))";
  }
  if (isa<arith::RemFOp>(op))
    return call("fmod");
  if (isa<math::PowFOp, math::FPowIOp, math::IPowIOp, complex::PowOp>(op))
    return binary("**");
  if (isa<arith::AndIOp>(op) && op->getResult(0).getType().isInteger(1))
    return binary("and");
  if (isa<arith::OrIOp>(op) && op->getResult(0).getType().isInteger(1))
    return binary("or");
  if (auto xorOp = dyn_cast<arith::XOrIOp>(op)) {
    if (xorOp.getType().isInteger(1) && matchPattern(xorOp.getRhs(), m_One())) {
      FailureOr<std::string> inner = operand(0);
      if (failed(inner))
        return failure();
      return "(not " + *inner + ")";
    }
  }
  if (isa<arith::AndIOp>(op))
    return binary("&");
  if (isa<arith::OrIOp>(op))
    return binary("|");
  if (isa<arith::XOrIOp>(op))
    return binary("^");
  if (isa<arith::ShLIOp>(op))
    return binary("<<");
  if (isa<arith::ShRSIOp>(op))
    return binary(">>");
  if (isa<arith::ShRUIOp>(op)) {
    FailureOr<std::string> lhs = asUnsigned(0), rhs = operand(1);
    if (failed(lhs) || failed(rhs))
      return failure();
    return "(" + *lhs + " >> " + *rhs + ")";
  }
  if (isa<arith::NegFOp, complex::NegOp>(op)) {
    FailureOr<std::string> inner = operand(0);
    if (failed(inner))
      return failure();
    return "(-" + *inner + ")";
  }
  if (isa<arith::MaximumFOp, arith::MaxNumFOp, arith::MaxSIOp>(op))
    return call("max");
  if (isa<arith::MinimumFOp, arith::MinNumFOp, arith::MinSIOp>(op))
    return call("min");
  if (isa<arith::MaxUIOp>(op))
    return unsignedBinary("max");
  if (isa<arith::MinUIOp>(op))
    return unsignedBinary("min");
  if (isa<arith::SIToFPOp, arith::ExtFOp, arith::TruncFOp, arith::ExtSIOp,
          arith::FPToSIOp>(op))
    return convert(/*fromUnsigned=*/false, /*toUnsigned=*/false);
  if (isa<arith::UIToFPOp, arith::ExtUIOp>(op))
    return convert(/*fromUnsigned=*/!op->getOperand(0).getType().isInteger(1),
                   /*toUnsigned=*/false);
  if (isa<arith::FPToUIOp>(op))
    return convert(/*fromUnsigned=*/false, /*toUnsigned=*/true);
  if (auto trunc = dyn_cast<arith::TruncIOp>(op)) {
    if (trunc.getType().isInteger(1))
      return op->emitOpError()
             << "(to i1) has no Python equivalent that sdfg-to-json can "
                "write into tasklet code";
    return convert(false, false);
  }
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op)) {
    // DaCe's index values (map parameters, symbols) are int64: a signed
    // conversion between index and int64 changes nothing in C++.
    // An unsigned connector converts to int64 by zero-extension anyway.
    Type from = op->getOperand(0).getType(), to = op->getResult(0).getType();
    if (isa<arith::IndexCastUIOp>(op) && isa<IndexType>(to) &&
        !from.isInteger(64) && !unsignedConnectors.contains(op->getOperand(0)))
      return convert(/*fromUnsigned=*/!from.isInteger(1), false);
    if (!isa<IndexType>(to) && !to.isInteger(64))
      return convert(false, false);
    return operand(0);
  }
  if (isa<complex::EqualOp>(op))
    return binary("==");
  if (isa<complex::NotEqualOp>(op))
    return binary("!=");
  if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
    using P = arith::CmpFPredicate;
    switch (cmp.getPredicate()) {
    case P::OEQ:
      return binary("==");
    case P::UNE:
    case P::ONE:
      return binary("!=");
    case P::OLT:
      return binary("<");
    case P::OLE:
      return binary("<=");
    case P::OGT:
      return binary(">");
    case P::OGE:
      return binary(">=");
    default:
      break;
    }
  }
  if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
    using P = arith::CmpIPredicate;
    switch (cmp.getPredicate()) {
    case P::eq:
      return binary("==");
    case P::ne:
      return binary("!=");
    case P::slt:
      return binary("<");
    case P::sle:
      return binary("<=");
    case P::sgt:
      return binary(">");
    case P::sge:
      return binary(">=");
    case P::ult:
      return unsignedBinary("<");
    case P::ule:
      return unsignedBinary("<=");
    case P::ugt:
      return unsignedBinary(">");
    case P::uge:
      return unsignedBinary(">=");
    }
  }
  StringRef mathName = llvm::TypeSwitch<Operation *, StringRef>(op)
                           .Case<math::ExpOp>([](auto) { return "exp"; })
                           .Case<math::LogOp>([](auto) { return "log"; })
                           .Case<math::SqrtOp>([](auto) { return "sqrt"; })
                           .Case<math::SinOp>([](auto) { return "sin"; })
                           .Case<math::CosOp>([](auto) { return "cos"; })
                           .Case<math::TanOp>([](auto) { return "tan"; })
                           .Case<math::TanhOp>([](auto) { return "tanh"; })
                           .Case<math::FloorOp>([](auto) { return "floor"; })
                           .Case<math::CeilOp>([](auto) { return "ceil"; })
                           .Case<math::AbsFOp, math::AbsIOp, complex::AbsOp>(
                               [](auto) { return "abs"; })
                           .Case<complex::ExpOp>([](auto) { return "exp"; })
                           .Case<complex::LogOp>([](auto) { return "log"; })
                           .Case<complex::SqrtOp>([](auto) { return "sqrt"; })
                           .Case<complex::SinOp>([](auto) { return "sin"; })
                           .Case<complex::CosOp>([](auto) { return "cos"; })
                           .Case<complex::TanOp>([](auto) { return "tan"; })
                           .Case<complex::TanhOp>([](auto) { return "tanh"; })
                           .Case<complex::ReOp>([](auto) { return "real"; })
                           .Case<complex::ImOp>([](auto) { return "imag"; })
                           .Case<complex::ConjOp>([](auto) { return "conj"; })
                           .Default([](Operation *) { return StringRef(); });
  if (!mathName.empty())
    return call(mathName);
  if (auto load = dyn_cast<memref::LoadOp>(op)) {
    FailureOr<std::string> array = code(load.getMemref(), names);
    if (failed(array))
      return failure();
    std::string text = *array + "[";
    for (auto [i, index] : llvm::enumerate(load.getIndices())) {
      FailureOr<std::string> indexText = code(index, names);
      if (failed(indexText))
        return failure();
      text += (i ? ", " : "") + *indexText;
    }
    return text + "]";
  }
  return op->emitOpError()
         << "has no Python equivalent that sdfg-to-json can write into "
            "tasklet code";
}

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

LogicalResult Exporter::exportContainers() {
  auto describe = [&](Value data, StringRef name, bool transient,
                      StorageKind storage) -> LogicalResult {
    usedNames.insert(name);
    Type type = data.getType();
    auto memref = dyn_cast<MemRefType>(type);
    Type element = memref ? memref.getElementType() : type;
    std::optional<std::string> dtype =
        dtypeOf(element, SDFGOp::isUnsignedData(data));
    if (!dtype)
      return emitError(data.getLoc())
             << "sdfg-to-json: data container '" << name
             << "' has element type " << element
             << ", which DaCe's JSON cannot describe";
    StringRef storageName = dace::nameOf(dace::kStorageNames, storage);
    json::Object attrs{{"allow_conflicts", false}, {"dtype", *dtype},
                       {"transient", transient},   {"storage", storageName},
                       {"lifetime", "Scope"},      {"location", json::Object{}},
                       {"debuginfo", nullptr}};
    // A rank-0 argument is a Scalar the SDFG writes (the importer makes one
    // a memref when an access node of it is written); a window of a
    // caller's scalar is a Scalar the nested SDFG writes by reference.
    auto arg = dyn_cast<BlockArgument>(data);
    bool scalarWindow = arg && scalarByReference.contains(arg.getArgNumber());
    if (!memref || memref.getRank() == 0 || scalarWindow) {
      attrs["shape"] = json::Array{"1"};
      arrays[name.str()] =
          json::Object{{"type", "Scalar"}, {"attributes", std::move(attrs)}};
      return success();
    }
    SmallVector<std::string> shape = shapeOf(data);
    json::Array shapeJSON, strides, offset;
    for (auto [dim, size] : llvm::enumerate(shape)) {
      shapeJSON.push_back(size);
      std::string stride;
      for (size_t later = dim + 1; later < shape.size(); ++later)
        stride += (stride.empty() ? "" : "*") + wrap(shape[later]);
      strides.push_back(stride.empty() ? "1" : stride);
      offset.push_back("0");
    }
    attrs["shape"] = std::move(shapeJSON);
    attrs["strides"] = std::move(strides);
    attrs["offset"] = std::move(offset);
    attrs["total_size"] = volumeOf(data);
    attrs["may_alias"] = false;
    attrs["alignment"] = 0;
    attrs["start_offset"] = 0;
    attrs["optional"] = false;
    attrs["pool"] = false;
    arrays[name.str()] =
        json::Object{{"type", "Array"}, {"attributes", std::move(attrs)}};
    return success();
  };
  for (BlockArgument arg : sdfg.getBody()->getArguments())
    if (failed(describe(arg, sdfg.getArgDataName(arg.getArgNumber()),
                        /*transient=*/false, StorageKind::Default)))
      return failure();
  for (AllocOp alloc : sdfg.getBody()->getOps<AllocOp>())
    if (failed(describe(alloc.getResult(), alloc.getDataName(),
                        /*transient=*/true, alloc.getStorage())))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Dataflow
//===----------------------------------------------------------------------===//

static json::Value wcrJSON(std::optional<WCRKind> wcr) {
  if (!wcr)
    return nullptr;
  switch (*wcr) {
  case WCRKind::Add:
    return "(lambda a, b: (a + b))";
  case WCRKind::Mul:
    return "(lambda a, b: (a * b))";
  case WCRKind::Min:
    return "(lambda a, b: min(a, b))";
  case WCRKind::Max:
    return "(lambda a, b: max(a, b))";
  }
  return nullptr;
}

int64_t Exporter::taskletNode(StringRef label, StringRef source,
                              json::Object inConnectors,
                              json::Object outConnectors,
                              ArrayRef<Scope> scopes) {
  auto noCode = [] {
    return json::Object{{"string_data", ""}, {"language", "CPP"}};
  };
  return addNode(
      json::Object{
          {"type", "Tasklet"},
          {"label", label.str()},
          {"attributes",
           json::Object{{"label", label.str()},
                        {"code", json::Object{{"string_data", source.str()},
                                              {"language", "Python"}}},
                        {"state_fields", json::Array{}},
                        {"code_global", noCode()},
                        {"code_init", noCode()},
                        {"code_exit", noCode()},
                        {"debuginfo", nullptr},
                        {"instrument", "No_Instrumentation"},
                        {"side_effects", nullptr},
                        {"location", json::Object{}},
                        {"environments", json::Array{}},
                        {"in_connectors", std::move(inConnectors)},
                        {"out_connectors", std::move(outConnectors)}}}},
      scopes);
}

LogicalResult Exporter::exportConstantStore(StoreOp store,
                                            ArrayRef<Scope> scopes) {
  DenseMap<Value, std::string> noNames;
  FailureOr<std::string> literal = code(store.getValue(), noNames);
  if (failed(literal))
    return failure();
  std::string data = dataName(store.getMemref());
  json::Array ranges;
  if (failed(pointSubset(store.getIndices(), ranges)))
    return failure();
  int64_t id = taskletNode("constant_" + std::to_string(taskletCounter++),
                           "__out = " + *literal, json::Object{},
                           json::Object{{"__out", nullptr}}, scopes);
  if (!scopes.empty())
    addEdge(scopes.back().entry, std::nullopt, id, std::nullopt, emptyMemlet());
  auto [dst, dstConn] = writeTarget(data, scopes);
  addEdge(id, "__out", dst, dstConn,
          memletJSON(data, subsetJSON(std::move(ranges)), "1", nullptr,
                     wcrJSON(store.getWcr())));
  return success();
}

LogicalResult Exporter::exportLoadStore(LoadOp load, StoreOp store,
                                        ArrayRef<Scope> scopes) {
  std::string from = dataName(load.getMemref()),
              to = dataName(store.getMemref());
  json::Array fromRanges, toRanges;
  if (failed(pointSubset(load.getIndices(), fromRanges)) ||
      failed(pointSubset(store.getIndices(), toRanges)))
    return failure();
  if (!scopes.empty()) {
    // Inside a map the element goes through a copy tasklet, the form DaCe
    // itself writes for element copies in a scope.
    int64_t id = taskletNode("copy_" + std::to_string(taskletCounter++),
                             "__out = __in", json::Object{{"__in", nullptr}},
                             json::Object{{"__out", nullptr}}, scopes);
    auto [src, srcConn] = readSource(from, scopes);
    addEdge(src, srcConn, id, "__in",
            memletJSON(from, subsetJSON(std::move(fromRanges)), "1"));
    addEdge(id, "__out", scopes.back().exit, "IN_" + to,
            memletJSON(to, subsetJSON(std::move(toRanges)), "1", nullptr,
                       wcrJSON(store.getWcr())));
    return success();
  }
  int64_t src = readAccess(from);
  int64_t dst = writeAccess(to);
  addEdge(src, std::nullopt, dst, std::nullopt,
          memletJSON(from, subsetJSON(std::move(fromRanges)), "1",
                     subsetJSON(std::move(toRanges)), wcrJSON(store.getWcr())));
  return success();
}

FailureOr<std::optional<Exporter::In>>
Exporter::inputMemlet(Value input, const std::string &connector,
                      ArrayRef<Scope> scopes) {
  if (auto load = input.getDefiningOp<LoadOp>()) {
    std::string data = dataName(load.getMemref());
    json::Array ranges;
    if (failed(pointSubset(load.getIndices(), ranges)))
      return failure();
    auto [src, srcConn] = readSource(data, scopes);
    return std::optional<In>(
        In{connector, src, srcConn,
           memletJSON(data, subsetJSON(std::move(ranges)), "1")});
  }
  if (input.getDefiningOp<AccessOp>()) {
    std::string data = dataName(input);
    auto [src, srcConn] = readSource(data, scopes);
    return std::optional<In>(
        In{connector, src, srcConn,
           memletJSON(data, fullSubset(container(input)), "1")});
  }
  Operation *producer = input.getDefiningOp();
  if (isa_and_nonnull<TaskletOp, CallOp>(producer)) {
    auto &[producerId, producerOuts] = codeNodes[producer];
    unsigned resultIndex = cast<OpResult>(input).getResultNumber();
    std::string temp = temporaries.lookup(input);
    if (temp.empty()) {
      temp = uniqueName("__pk_tmp" + std::to_string(tempCounter++));
      temporaries[input] = temp;
      std::optional<std::string> dtype = dtypeOf(input.getType());
      if (!dtype)
        return producer->emitOpError()
               << "passes a value of type " << input.getType()
               << " to another code node, which DaCe's JSON cannot describe";
      arrays[temp] = json::Object{
          {"type", "Scalar"},
          {"attributes", json::Object{{"allow_conflicts", false},
                                      {"dtype", *dtype},
                                      {"shape", json::Array{"1"}},
                                      {"transient", true},
                                      {"storage", "Register"},
                                      {"lifetime", "Scope"},
                                      {"location", json::Object{}},
                                      {"debuginfo", nullptr}}}};
    }
    json::Array ranges;
    ranges.push_back(rangeJSON("0", "0"));
    return std::optional<In>(
        In{connector, producerId, producerOuts[resultIndex],
           memletJSON(temp, subsetJSON(std::move(ranges)), "1")});
  }
  if (auto blockArg = dyn_cast<BlockArgument>(input);
      blockArg && isa<SDFGOp>(blockArg.getOwner()->getParentOp())) {
    // A scalar argument: DaCe reads it through an access node.
    std::string data = sdfg.getArgDataName(blockArg.getArgNumber());
    json::Array ranges;
    ranges.push_back(rangeJSON("0", "0"));
    auto [src, srcConn] = readSource(data, scopes);
    return std::optional<In>(
        In{connector, src, srcConn,
           memletJSON(data, subsetJSON(std::move(ranges)), "1")});
  }
  return std::optional<In>();
}

LogicalResult Exporter::exportTasklet(TaskletOp tasklet,
                                      ArrayRef<Scope> scopes) {
  SmallVector<std::string> inNames, outNames;
  for (unsigned i = 0; i < tasklet.getInputs().size(); ++i)
    inNames.push_back(
        tasklet.getInConnectors()
            ? cast<StringAttr>((*tasklet.getInConnectors())[i]).str()
            : "__in" + std::to_string(i));
  for (unsigned i = 0; i < tasklet.getNumResults(); ++i)
    outNames.push_back(
        tasklet.getOutConnectors()
            ? cast<StringAttr>((*tasklet.getOutConnectors())[i]).str()
            : "__out" + std::to_string(i));

  // Inputs: memlets from data or other code nodes; index values are
  // inlined.
  std::vector<In> ins;
  /// Array inputs the code assigns by subscript, with their out-connector.
  SmallVector<std::pair<unsigned, std::string>> arraysOut;
  DenseMap<Value, std::string> names;
  for (auto [index, input, arg] : llvm::enumerate(
           tasklet.getInputs(), tasklet.getBody()->getArguments())) {
    const std::string &connector = inNames[index];
    Value data = input;
    if (auto load = input.getDefiningOp<LoadOp>())
      data = load.getMemref();
    if (SDFGOp::isUnsignedData(container(data)))
      unsignedConnectors.insert(arg);
    if (isa<MemRefType>(input.getType()) &&
        taskletStoresInto(tasklet, index)) {
      // An array the code assigns by subscript: an out-connector, and an
      // in-connector of another name as well where the code also reads it
      // (DaCe's connector names are unique per node).
      names[arg] = connector;
      std::string out = connector;
      if (taskletLoadsFrom(tasklet, index))
        for (unsigned n = 0;
             out == connector || llvm::is_contained(inNames, out) ||
             llvm::is_contained(outNames, out);
             ++n)
          out = "__pk_out_" + connector + (n ? std::to_string(n) : "");
      arraysOut.push_back({index, out});
      if (!taskletLoadsFrom(tasklet, index))
        continue;
    }
    FailureOr<std::optional<In>> in = inputMemlet(input, connector, scopes);
    if (failed(in))
      return failure();
    if (*in) {
      ins.push_back(std::move(**in));
      names[arg] = connector;
      continue;
    }
    // Constants are literals in the code, index values symbolic
    // expressions.
    DenseMap<Value, std::string> noNames;
    FailureOr<std::string> inlined =
        matchPattern(input, m_Constant()) && !isa<IndexType>(input.getType())
            ? code(input, noNames)
            : symbolic(input);
    if (failed(inlined))
      return failure();
    names[arg] = *inlined;
  }

  // Code: the subscript assignments into arrays, in order (a load from an
  // array the code writes is read into a local where it happens), then one
  // assignment per out-connector.
  std::string source;
  auto statement = [&](const std::string &line) {
    source += (source.empty() ? "" : "\n") + line;
  };
  auto subscript = [&](std::string text,
                       ValueRange indices) -> FailureOr<std::string> {
    text += "[";
    for (auto [i, index] : llvm::enumerate(indices)) {
      FailureOr<std::string> indexText = code(index, names);
      if (failed(indexText))
        return failure();
      text += (i ? ", " : "") + *indexText;
    }
    return text + "]";
  };
  unsigned locals = 0;
  for (Operation &op : tasklet.getBody()->without_terminator()) {
    // The out-connector of an array the code writes, or "".
    auto written = [&](Value memref) -> std::string {
      auto arg = dyn_cast<BlockArgument>(memref);
      for (auto &[index, out] : arraysOut)
        if (arg && arg.getArgNumber() == index)
          return out;
      return "";
    };
    if (auto load = dyn_cast<memref::LoadOp>(op);
        load && !written(load.getMemref()).empty()) {
      FailureOr<std::string> text =
          subscript(names[load.getMemref()], load.getIndices());
      if (failed(text))
        return failure();
      std::string local = "__pk_v" + std::to_string(locals++);
      statement(local + " = " + *text);
      names[load.getResult()] = local;
      continue;
    }
    auto store = dyn_cast<memref::StoreOp>(op);
    if (!store)
      continue;
    std::string out = written(store.getMemref());
    if (out.empty())
      return store.emitOpError()
             << "stores into memory that is not an array input of the "
                "tasklet; sdfg-to-json cannot write it as tasklet code";
    FailureOr<std::string> target = subscript(out, store.getIndices());
    FailureOr<std::string> value = code(store.getValueToStore(), names);
    if (failed(target) || failed(value))
      return failure();
    statement(*target + " = " + *value);
  }
  auto ret = cast<ReturnOp>(tasklet.getBody()->getTerminator());
  for (auto [name, value] : llvm::zip_equal(outNames, ret.getValues())) {
    FailureOr<std::string> text = code(value, names);
    if (failed(text))
      return failure();
    statement(name + " = " + *text);
  }

  json::Object inConnectors, outConnectors;
  for (const In &in : ins)
    inConnectors[in.connector] = nullptr;
  for (const std::string &name : outNames)
    outConnectors[name] = nullptr;
  for (auto &[index, out] : arraysOut)
    outConnectors[out] = nullptr;
  int64_t id =
      taskletNode("tasklet_" + std::to_string(taskletCounter++), source,
                  std::move(inConnectors), std::move(outConnectors), scopes);
  codeNodes[tasklet] = {id, outNames};

  for (In &in : ins)
    addEdge(in.src, in.srcConn, id, in.connector, std::move(in.memlet));
  if (ins.empty() && !scopes.empty())
    addEdge(scopes.back().entry, std::nullopt, id, std::nullopt, emptyMemlet());
  for (auto &[index, out] : arraysOut) {
    Value data = container(tasklet.getInputs()[index]);
    std::string name = dataName(data);
    auto [dst, dstConn] = writeTarget(name, scopes);
    addEdge(id, out, dst, dstConn,
            memletJSON(name, fullSubset(data), volumeOf(data)));
  }
  FailureOr<bool> stored = exportResultStores(tasklet, id, outNames, scopes);
  if (failed(stored))
    return failure();
  if (!*stored && arraysOut.empty() && !scopes.empty() && tasklet->use_empty())
    addEdge(id, std::nullopt, scopes.back().exit, std::nullopt, emptyMemlet());
  return success();
}

FailureOr<bool> Exporter::exportResultStores(Operation *node, int64_t id,
                                             ArrayRef<std::string> outNames,
                                             ArrayRef<Scope> scopes) {
  bool stored = false;
  for (auto [index, result] : llvm::enumerate(node->getResults()))
    for (Operation *user : result.getUsers()) {
      if (isa<TaskletOp, CallOp>(user))
        continue;
      auto store = dyn_cast<StoreOp>(user);
      if (!store || store.getValue() != result)
        return user->emitOpError()
               << "uses the result of a code node; sdfg-to-json exports "
                  "those only into stores, tasklets and nested SDFGs";
      std::string data = dataName(store.getMemref());
      json::Array ranges;
      if (failed(pointSubset(store.getIndices(), ranges)))
        return failure();
      auto [dst, dstConn] = writeTarget(data, scopes);
      addEdge(id, outNames[index], dst, dstConn,
              memletJSON(data, subsetJSON(std::move(ranges)), "1", nullptr,
                         wcrJSON(store.getWcr())));
      stored = true;
    }
  return stored;
}

LogicalResult Exporter::exportCall(CallOp call, ArrayRef<Scope> scopes) {
  auto callee =
      call.getCalleeSDFG();
  if (!callee)
    return call.emitOpError() << "calls an unknown SDFG";
  ArgumentAccesses accesses = argumentAccesses(callee, context);

  // Connectors are the callee's argument names. Whole containers and
  // windows pass memory, read and written as the callee does; single
  // values come from memlets and code nodes, and the listed outputs leave
  // as results.
  llvm::SmallDenseSet<unsigned> scalarByRef;
  std::vector<In> ins;
  struct MemoryOut {
    std::string connector, data;
    json::Value subset;
    std::string volume;
  };
  std::vector<MemoryOut> memoryOuts;
  ArrayRef<int64_t> outputs = call.getOutputs();
  SmallVector<std::string> outNames;
  for (int64_t output : outputs)
    outNames.push_back(callee.getArgDataName(output));
  for (auto [index, operand] : llvm::enumerate(call.getData())) {
    std::string connector = callee.getArgDataName(index);
    if (isa<MemRefType>(operand.getType())) {
      Value root = SDFGOp::getContainer(operand);
      std::string data = SDFGOp::getDataName(root);
      json::Value subset = nullptr;
      std::string volume;
      if (auto window = operand.getDefiningOp<WindowOp>()) {
        // From the window's first element: DaCe passes a pointer to the
        // start of the memlet's subset.
        if (window.getIndices().empty())
          scalarByRef.insert(index);
        json::Array ranges;
        if (failed(pointSubset(window.getIndices(), ranges)))
          return failure();
        subset = subsetJSON(std::move(ranges));
        volume = "1";
      } else {
        subset = fullSubset(root);
        volume = volumeOf(root);
      }
      if (accesses.writes[index])
        memoryOuts.push_back({connector, data, subset, volume});
      if (accesses.reads[index] || !accesses.writes[index]) {
        auto [src, srcConn] = readSource(data, scopes);
        ins.push_back({connector, src, srcConn,
                       memletJSON(data, std::move(subset), volume)});
      }
      continue;
    }
    FailureOr<std::optional<In>> in = inputMemlet(operand, connector, scopes);
    if (failed(in))
      return failure();
    const auto *output = llvm::find(outputs, static_cast<int64_t>(index));
    if (*in && output != outputs.end() &&
        isa_and_nonnull<TaskletOp, CallOp>(operand.getDefiningOp())) {
      // DaCe passes an argument read and written as the container of its
      // output memlet: the result leaves through the same transient
      // scalar the value came in by, to code nodes only.
      Value result = call.getResult(output - outputs.begin());
      for (Operation *user : result.getUsers())
        if (!isa<TaskletOp, CallOp>(user))
          return user->emitOpError()
                 << "stores the result of a nested SDFG argument that reads "
                    "a code node's value; DaCe would pass the stored "
                    "element instead of the value (store it through a "
                    "tasklet)";
      temporaries[result] = temporaries.lookup(operand);
    }
    if (*in) {
      ins.push_back(std::move(**in));
      continue;
    }
    // A value the callee only writes starts at zero.
    if (llvm::is_contained(outputs, static_cast<int64_t>(index)) &&
        (matchPattern(operand, m_AnyZeroFloat()) ||
         matchPattern(operand, m_Zero())))
      continue;
    return call.emitOpError()
           << "passes operand " << index
           << " from an op that sdfg-to-json cannot express as a memlet "
              "(loads, access nodes, code nodes and scalar arguments)";
  }

  json::Object symbolMapping;
  for (auto [name, value] :
       llvm::zip_equal(call.getSymbolNames(), call.getSymbolValues())) {
    FailureOr<std::string> text = symbolic(value);
    if (failed(text))
      return failure();
    symbolMapping[cast<StringAttr>(name).getValue()] = *text;
  }

  Exporter inner(callee, context, std::move(scalarByRef));
  FailureOr<json::Value> nested = inner.run();
  if (failed(nested))
    return failure();

  json::Object inConnectors, outConnectors;
  for (const In &in : ins)
    inConnectors[in.connector] = nullptr;
  for (const MemoryOut &out : memoryOuts)
    outConnectors[out.connector] = nullptr;
  for (const std::string &name : outNames)
    outConnectors[name] = nullptr;
  std::string label = callee.getSymName().str();
  int64_t id = addNode(
      json::Object{
          {"type", "NestedSDFG"},
          {"label", label},
          {"attributes",
           json::Object{{"label", label},
                        {"sdfg", std::move(*nested)},
                        {"symbol_mapping", std::move(symbolMapping)},
                        {"schedule", "Default"},
                        {"debuginfo", nullptr},
                        {"is_collapsed", false},
                        {"instrument", "No_Instrumentation"},
                        {"no_inline", false},
                        {"location", json::Object{}},
                        {"environments", json::Array{}},
                        {"in_connectors", std::move(inConnectors)},
                        {"out_connectors", std::move(outConnectors)}}}},
      scopes);
  codeNodes[call] = {id, outNames};

  for (In &in : ins)
    addEdge(in.src, in.srcConn, id, in.connector, std::move(in.memlet));
  if (ins.empty() && !scopes.empty())
    addEdge(scopes.back().entry, std::nullopt, id, std::nullopt, emptyMemlet());
  for (MemoryOut &out : memoryOuts) {
    auto [dst, dstConn] = writeTarget(out.data, scopes);
    addEdge(id, out.connector, dst, dstConn,
            memletJSON(out.data, std::move(out.subset), out.volume));
  }
  FailureOr<bool> stored = exportResultStores(call, id, outNames, scopes);
  if (failed(stored))
    return failure();
  if (memoryOuts.empty() && !*stored && !scopes.empty() && call->use_empty())
    addEdge(id, std::nullopt, scopes.back().exit, std::nullopt, emptyMemlet());
  return success();
}

LogicalResult Exporter::exportMap(MapOp map, ArrayRef<Scope> scopes) {
  // Containers read and written anywhere inside, in first-use order; the
  // write-conflict resolution of the writes, if all agree.
  SmallVector<std::string> reads, writes;
  llvm::StringMap<std::optional<WCRKind>> writeWCR;
  map.walk([&](Operation *op) {
    auto note = [](SmallVectorImpl<std::string> &list, std::string name) {
      if (!llvm::is_contained(list, name))
        list.push_back(name);
    };
    if (auto load = dyn_cast<LoadOp>(op))
      note(reads, dataName(load.getMemref()));
    if (auto tasklet = dyn_cast<TaskletOp>(op))
      for (auto [index, input] : llvm::enumerate(tasklet.getInputs())) {
        if (input.getDefiningOp<AccessOp>()) {
          bool stored = taskletStoresInto(tasklet, index);
          if (!stored || taskletLoadsFrom(tasklet, index))
            note(reads, dataName(input));
          if (stored) {
            note(writes, dataName(input));
            writeWCR[dataName(input)] = std::nullopt;
          }
        }
        if (auto arg = dyn_cast<BlockArgument>(input);
            arg && isa<SDFGOp>(arg.getOwner()->getParentOp()))
          note(reads, sdfg.getArgDataName(arg.getArgNumber()));
      }
    if (auto store = dyn_cast<StoreOp>(op)) {
      std::string name = dataName(store.getMemref());
      note(writes, name);
      writeWCR[name] = store.getWcr();
    }
    if (auto inner = dyn_cast<MapOp>(op); inner && inner != map)
      for (Value operand : inner->getOperands())
        if (auto arg = dyn_cast<BlockArgument>(operand);
            arg && isa<SDFGOp>(arg.getOwner()->getParentOp()))
          note(reads, sdfg.getArgDataName(arg.getArgNumber()));
    if (auto call = dyn_cast<CallOp>(op)) {
      auto callee = call.getCalleeSDFG();
      if (!callee)
        return;
      ArgumentAccesses accesses = argumentAccesses(callee, context);
      for (auto [index, operand] : llvm::enumerate(call.getData())) {
        if (auto arg = dyn_cast<BlockArgument>(operand);
            arg && isa<SDFGOp>(arg.getOwner()->getParentOp()))
          note(reads, sdfg.getArgDataName(arg.getArgNumber()));
        if (!isa<MemRefType>(operand.getType()))
          continue;
        std::string name = SDFGOp::getDataName(SDFGOp::getContainer(operand));
        if (accesses.reads[index] || !accesses.writes[index])
          note(reads, name);
        if (accesses.writes[index]) {
          note(writes, name);
          writeWCR[name] = std::nullopt;
        }
      }
    }
  });

  // Parameters and ranges; bounds that load data become dynamic range
  // connectors, read in the enclosing scope.
  json::Array params, ranges;
  for (BlockArgument param : map.getParams()) {
    std::string name = uniqueName("__i" + std::to_string(paramCounter++));
    valueNames[param] = name;
    params.push_back(name);
  }
  struct Dynamic {
    std::string connector, data;
    json::Array ranges;
  };
  std::vector<Dynamic> dynamics;
  SmallVector<Value> scalarConnectors;
  std::function<LogicalResult(Value)> collect = [&](Value value) {
    if (valueNames.count(value))
      return success();
    if (auto arg = dyn_cast<BlockArgument>(value);
        arg && isa<SDFGOp>(arg.getOwner()->getParentOp())) {
      // A scalar argument: data, read through a dynamic range connector
      // (named for this map only).
      Dynamic dynamic{uniqueName("__pk_dyn" + std::to_string(dynCounter++)),
                      sdfg.getArgDataName(arg.getArgNumber()),
                      {}};
      dynamic.ranges.push_back(rangeJSON("0", "0"));
      valueNames[value] = dynamic.connector;
      scalarConnectors.push_back(value);
      dynamics.push_back(std::move(dynamic));
      return success();
    }
    Operation *op = value.getDefiningOp();
    if (!op)
      return success();
    if (auto load = dyn_cast<LoadOp>(op)) {
      Dynamic dynamic{uniqueName("__pk_dyn" + std::to_string(dynCounter++)),
                      dataName(load.getMemref()),
                      {}};
      if (failed(pointSubset(load.getIndices(), dynamic.ranges)))
        return failure();
      valueNames[value] = dynamic.connector;
      dynamics.push_back(std::move(dynamic));
      return success();
    }
    for (Value operand : op->getOperands())
      if (failed(collect(operand)))
        return failure();
    return success();
  };
  auto bound = [&](OpFoldResult ofr) -> FailureOr<std::string> {
    if (auto attr = dyn_cast<Attribute>(ofr))
      return std::to_string(cast<IntegerAttr>(attr).getInt());
    Value value = cast<Value>(ofr);
    if (failed(collect(value)))
      return failure();
    return symbolic(value);
  };
  for (auto [lb, ub, step] :
       llvm::zip_equal(map.getMixedLowerBounds(), map.getMixedUpperBounds(),
                       map.getMixedSteps())) {
    FailureOr<std::string> start = bound(lb), end = bound(ub),
                           stride = bound(step);
    if (failed(start) || failed(end) || failed(stride))
      return failure();
    ranges.push_back(rangeJSON(*start, *end, *stride));
  }

  StringRef schedule = dace::nameOf(dace::kScheduleNames, map.getSchedule());

  json::Object entryIn, entryOut, exitIn, exitOut;
  for (const std::string &name : reads) {
    entryIn["IN_" + name] = nullptr;
    entryOut["OUT_" + name] = nullptr;
  }
  for (const Dynamic &dynamic : dynamics)
    entryIn[dynamic.connector] = nullptr;
  for (const std::string &name : writes) {
    exitIn["IN_" + name] = nullptr;
    exitOut["OUT_" + name] = nullptr;
  }

  std::string label = "map_" + std::to_string(mapCounter++);
  std::optional<int64_t> parentEntry =
      scopes.empty() ? std::nullopt : std::optional(scopes.back().entry);
  // The exit's id is the entry's plus one: reserve both now.
  int64_t entryId = nodes.size();
  int64_t exitId = entryId + 1;
  addNode(json::Object{{"type", "MapEntry"},
                       {"label", label},
                       {"attributes",
                        json::Object{{"label", label},
                                     {"params", std::move(params)},
                                     {"range", subsetJSON(std::move(ranges))},
                                     {"schedule", schedule},
                                     {"unroll", false},
                                     {"collapse", 1},
                                     {"debuginfo", nullptr},
                                     {"is_collapsed", false},
                                     {"instrument", "No_Instrumentation"},
                                     {"gpu_block_size", nullptr},
                                     {"in_connectors", std::move(entryIn)},
                                     {"out_connectors", std::move(entryOut)}}}},
          parentEntry, exitId);
  addNode(json::Object{{"type", "MapExit"},
                       {"label", label},
                       {"attributes",
                        json::Object{{"in_connectors", std::move(exitIn)},
                                     {"out_connectors", std::move(exitOut)}}}},
          entryId, exitId);

  // Memlets into the entry (whole containers) and dynamic connectors.
  for (const std::string &name : reads) {
    Value data = sdfg.lookupData(name);
    auto [src, srcConn] = readSource(name, scopes);
    addEdge(src, srcConn, entryId, "IN_" + name,
            memletJSON(name, fullSubset(data), volumeOf(data)));
  }
  for (Dynamic &dynamic : dynamics) {
    auto [src, srcConn] = readSource(dynamic.data, scopes);
    addEdge(
        src, srcConn, entryId, dynamic.connector,
        memletJSON(dynamic.data, subsetJSON(std::move(dynamic.ranges)), "1"));
  }

  SmallVector<Scope> inner(scopes.begin(), scopes.end());
  inner.push_back({entryId, exitId, nullptr, nullptr});
  if (failed(exportBlock(*map.getBody(), inner)))
    return failure();
  for (Value scalar : scalarConnectors)
    valueNames.erase(scalar);
  if (llvm::none_of(edges, [&](const json::Value &edge) {
        return edge.getAsObject()->getString("src") == std::to_string(entryId);
      }))
    addEdge(entryId, std::nullopt, exitId, std::nullopt, emptyMemlet());

  // Memlets out of the exit.
  for (const std::string &name : writes) {
    Value data = sdfg.lookupData(name);
    auto [dst, dstConn] = writeTarget(name, scopes);
    addEdge(exitId, "OUT_" + name, dst, dstConn,
            memletJSON(name, fullSubset(data), volumeOf(data), nullptr,
                       wcrJSON(writeWCR.lookup(name))));
  }
  return success();
}

LogicalResult Exporter::exportBlock(Block &block, ArrayRef<Scope> scopes) {
  for (Operation &op : block) {
    if (auto map = dyn_cast<MapOp>(op)) {
      if (failed(exportMap(map, scopes)))
        return failure();
      continue;
    }
    if (auto tasklet = dyn_cast<TaskletOp>(op)) {
      if (failed(exportTasklet(tasklet, scopes)))
        return failure();
      continue;
    }
    if (auto call = dyn_cast<CallOp>(op)) {
      if (failed(exportCall(call, scopes)))
        return failure();
      continue;
    }
    if (auto copy = dyn_cast<CopyOp>(op)) {
      std::string from = dataName(copy.getSource());
      std::string to = dataName(copy.getTarget());
      int64_t src = readAccess(from);
      int64_t dst = writeAccess(to);
      addEdge(src, std::nullopt, dst, std::nullopt,
              memletJSON(from, fullSubset(container(copy.getSource())),
                         volumeOf(container(copy.getSource())),
                         fullSubset(container(copy.getTarget()))));
      continue;
    }
    if (auto store = dyn_cast<StoreOp>(op)) {
      auto load = store.getValue().getDefiningOp<LoadOp>();
      if (load) {
        if (failed(exportLoadStore(load, store, scopes)))
          return failure();
        continue;
      }
      if (isa_and_nonnull<TaskletOp, CallOp>(store.getValue().getDefiningOp()))
        continue; // Written with its code node.
      if (matchPattern(store.getValue(), m_Constant())) {
        if (failed(exportConstantStore(store, scopes)))
          return failure();
        continue;
      }
      return store.emitOpError()
             << "stores a value that no tasklet or load produced; "
                "sdfg-to-json cannot express it as a memlet";
    }
    // Access nodes, loads (exported with their users), symbols and index
    // arithmetic are not nodes of their own.
  }
  return success();
}

FailureOr<json::Value> Exporter::exportState(StateOp state, int64_t id) {
  nodes = json::Array();
  edges = json::Array();
  scopeChildren.clear();
  scopeChildren[-1];
  currentAccess.clear();
  codeNodes.clear();
  temporaries.clear();
  if (failed(exportBlock(*state.getBody(), {})))
    return failure();

  json::Object scopeDict;
  for (auto &[scope, children] : scopeChildren) {
    json::Array ids;
    for (int64_t child : children)
      ids.push_back(child);
    scopeDict[std::to_string(scope)] = std::move(ids);
  }
  return json::Value(json::Object{
      {"type", "SDFGState"},
      {"label", state.getSymName().str()},
      {"id", id},
      {"collapsed", false},
      {"scope_dict", std::move(scopeDict)},
      {"nodes", std::move(nodes)},
      {"edges", std::move(edges)},
      {"attributes", json::Object{{"is_collapsed", false},
                                  {"nosync", false},
                                  {"instrument", "No_Instrumentation"},
                                  {"executions", "0"},
                                  {"dynamic_executions", true},
                                  {"ranges", json::Object{}},
                                  {"location", json::Object{}}}}});
}

FailureOr<json::Value> Exporter::run() {
  if (DictionaryAttr symbols = sdfg.getSymbolsAttr())
    for (NamedAttribute symbol : symbols)
      usedNames.insert(symbol.getName().getValue());
  if (failed(exportContainers()))
    return failure();

  json::Array states;
  llvm::StringMap<int64_t> stateIds;
  for (StateOp state : sdfg.getBody()->getOps<StateOp>()) {
    int64_t id = states.size();
    stateIds[state.getSymName()] = id;
    FailureOr<json::Value> stateJSON = exportState(state, id);
    if (failed(stateJSON))
      return failure();
    states.push_back(std::move(*stateJSON));
  }

  json::Array interstate;
  for (EdgeOp edge : sdfg.getBody()->getOps<EdgeOp>()) {
    json::Array assignments;
    std::string label;
    for (auto [symbol, value] : edge.getAssignments()) {
      assignments.push_back(json::Array{symbol.str(), value.str()});
      label += (label.empty() ? "" : ", ") + symbol.str() + "=" + value.str();
    }
    interstate.push_back(json::Object{
        {"type", "Edge"},
        {"attributes",
         json::Object{
             {"data",
              json::Object{
                  {"type", "InterstateEdge"},
                  {"attributes",
                   json::Object{
                       {"assignments", std::move(assignments)},
                       {"condition",
                        json::Object{{"string_data", edge.getCondition().str()},
                                     {"language", "Python"}}}}},
                  {"label", label}}}}},
        {"src", std::to_string(stateIds[edge.getSrc()])},
        {"dst", std::to_string(stateIds[edge.getDest()])}});
  }

  // DaCe keeps its return containers out of `arg_names`; the importer puts
  // the containers `arg_names` leaves out after the others, so only the
  // trailing ones can go without changing the order of the arguments.
  SmallVector<std::string> names;
  for (BlockArgument arg : sdfg.getBody()->getArguments())
    names.push_back(sdfg.getArgDataName(arg.getArgNumber()));
  while (!names.empty() && StringRef(names.back()).starts_with("__return"))
    names.pop_back();
  json::Array argNames;
  for (std::string &name : names)
    argNames.push_back(std::move(name));
  json::Object symbols;
  if (DictionaryAttr symbolAttrs = sdfg.getSymbolsAttr())
    for (NamedAttribute symbol : symbolAttrs) {
      Type type = cast<TypeAttr>(symbol.getValue()).getValue();
      std::optional<std::string> dtype = dtypeOf(type);
      if (!dtype || !isa<IntegerType, IndexType>(type))
        return sdfg.emitOpError()
               << "symbol '" << symbol.getName().getValue() << "' has type "
               << type << "; sdfg-to-json writes integer symbols only";
      symbols[symbol.getName().getValue()] = *dtype;
    }

  int64_t start = stateIds[sdfg.getEntry()];
  auto frame = [] {
    return json::Object{
        {"frame", json::Object{{"string_data", ""}, {"language", "CPP"}}}};
  };
  return json::Value(json::Object{
      {"type", "SDFG"},
      {"attributes", json::Object{{"name", sdfg.getSymName().str()},
                                  {"arg_names", std::move(argNames)},
                                  {"constants_prop", json::Object{}},
                                  {"_arrays", std::move(arrays)},
                                  {"symbols", std::move(symbols)},
                                  {"instrument", "No_Instrumentation"},
                                  {"global_code", frame()},
                                  {"init_code", frame()},
                                  {"exit_code", frame()},
                                  {"orig_sdfg", nullptr},
                                  {"transformation_hist", json::Array{}},
                                  {"logical_groups", json::Array{}},
                                  {"openmp_sections", true},
                                  {"debuginfo", nullptr},
                                  {"_pgrids", json::Object{}},
                                  {"_subarrays", json::Object{}},
                                  {"_rdistrarrays", json::Object{}},
                                  {"callback_mapping", json::Object{}}}},
      {"nodes", std::move(states)},
      {"edges", std::move(interstate)},
      {"sdfg_list_id", listId},
      {"start_block", start},
      {"start_state", start},
      {"dace_version", "0.14.1"}});
}

void Exporter::write(const json::Value &root, raw_ostream &os) {
  json::OStream out(os, /*IndentSize=*/1);
  std::function<void(const json::Value &)> value = [&](const json::Value &v) {
    if (const json::Array *array = v.getAsArray()) {
      out.array([&] {
        for (const json::Value &element : *array)
          value(element);
      });
      return;
    }
    const json::Object *object = v.getAsObject();
    if (!object) {
      out.value(v);
      return;
    }
    out.object([&] {
      for (const json::Object::value_type *entry :
           json::sortedElements(*object)) {
        out.attributeBegin(entry->first);
        const json::Array *pairs = entry->second.getAsArray();
        if (entry->first == "assignments" && pairs) {
          out.object([&] {
            for (const json::Value &pair : *pairs)
              out.attribute(*(*pair.getAsArray())[0].getAsString(),
                            (*pair.getAsArray())[1]);
          });
        } else {
          value(entry->second);
        }
        out.attributeEnd();
      }
    });
  };
  value(root);
  os << "\n";
}

LogicalResult sdfg::exportSDFGJSON(ModuleOp module, raw_ostream &os) {
  // Nested SDFGs are private callees, exported inside their callers.
  SmallVector<SDFGOp> graphs;
  for (SDFGOp graph : module.getOps<SDFGOp>())
    if (!graph.isPrivate())
      graphs.push_back(graph);
  if (graphs.size() != 1)
    return module.emitError()
           << "sdfg-to-json: expected exactly one public 'sdfg.sdfg' at the "
              "top level of the module (nested SDFGs are private), found "
           << graphs.size();
  ExportContext context;
  Exporter exporter(graphs.front(), context);
  FailureOr<json::Value> root = exporter.run();
  if (failed(root))
    return failure();
  Exporter::write(*root, os);
  return success();
}
