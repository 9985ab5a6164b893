//===- SDFGJSONImport.cpp - DaCe SDFG JSON to the sdfg dialect ------------===//
//
// Reads DaCe's `.sdfg` JSON and builds one `sdfg.sdfg`:
//
// * `_arrays` become arguments (non-transient containers: `arg_names` first,
//   then the others, such as `__return`, by name) or `sdfg.alloc`s
//   (transients); symbolic shapes are kept as strings.
// * Every `SDFGState` becomes an `sdfg.state`; its nodes are visited in
//   topological order: access nodes become `sdfg.access`es at the top of
//   the state, map entries `sdfg.map`s (dynamic range connectors become
//   loads in the enclosing scope), tasklets `sdfg.tasklet`s whose bodies
//   are built from their Python code, memlets into tasklets `sdfg.load`s
//   (or whole-array connectors), memlets out of them `sdfg.store`s (with
//   `wcr`), memlets between access nodes `sdfg.copy`s.
// * Interstate edges become `sdfg.edge`s, their assignments in the order of
//   the file (which llvm::json does not keep: it is read from the text).
// * DaCe's `uint*` data is marked `unsigned`, and tasklet code and index
//   expressions over it use the unsigned arith ops.
//
// Anything else is an error that names the construct.
//
//===----------------------------------------------------------------------===//

#include "pk/Target/SDFGJSON.h"

#include "DaCeNames.h"

#include "pk/Dialect/SDFG/SDFGOps.h"
#include "pk/Dialect/SDFG/SymbolicExpr.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"

#include <functional>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::sdfg;
namespace json = llvm::json;

namespace {

/// The text of a JSON scalar (DaCe writes numbers both as strings and as
/// numbers).
std::optional<std::string> scalarText(const json::Value *value) {
  if (!value)
    return std::nullopt;
  if (std::optional<StringRef> s = value->getAsString())
    return s->str();
  if (std::optional<int64_t> i = value->getAsInteger())
    return std::to_string(*i);
  if (std::optional<double> d = value->getAsNumber())
    return std::to_string(*d);
  if (std::optional<bool> b = value->getAsBoolean())
    return *b ? "True" : "False";
  return std::nullopt;
}

/// The integer value of an expression with every symbol at `probe`, or
/// without symbols when there is none.
std::optional<int64_t> valueOf(StringRef text,
                               std::optional<int64_t> probe = std::nullopt) {
  std::string error;
  expr::NodePtr node = expr::parse(text, error);
  if (!node)
    return std::nullopt;
  return expr::evaluateIntOrNone(
      *node, [&](StringRef) -> std::optional<int64_t> { return probe; });
}

/// Parses a symbolic expression read from the SDFG; null, with `error`
/// set, where it does not parse or a constant part of it overflows (an
/// error: what DaCe means there is a Python integer that pk's 64-bit
/// lowering would compute wrongly).
expr::NodePtr parseChecked(StringRef text, std::string &error) {
  expr::NodePtr node = expr::parse(text, error);
  if (node &&
      failed(expr::evaluateInt(
          *node,
          [](StringRef) -> std::optional<int64_t> { return std::nullopt; },
          error)))
    return nullptr;
  return node;
}

std::optional<int64_t> asId(const json::Value *value) {
  std::optional<std::string> text = scalarText(value);
  int64_t id;
  if (!text || StringRef(*text).getAsInteger(10, id))
    return std::nullopt;
  return id;
}

std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Code or an expression as a message quotes it: long ones by their start.
std::string abbreviated(StringRef text) {
  return text.size() > 120 ? (text.take_front(100) + "...").str() : text.str();
}

bool isIdentifier(StringRef name) {
  return !name.empty() && (llvm::isAlpha(name[0]) || name[0] == '_') &&
         llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// A state of the flattened state machine: DaCe's control-flow regions
/// (loops, conditionals, plain regions) become states and edges.
struct FlatState {
  /// The `SDFGState`, or null for a state the flattening adds (a loop's
  /// guard, a region's exit).
  const json::Object *json;
  std::string label;
  /// The JSON path of the state's object.
  std::string path;
};

struct FlatEdge {
  size_t src, dst;
  std::string condition;
  /// `symbol = expression`, in order.
  SmallVector<std::pair<std::string, std::string>> assignments;
};

/// One dimension of a memlet subset or map range, inclusive as in DaCe;
/// `tile` elements from each step on (memlet subsets only).
struct SubsetRange {
  std::string start, end, step;
  std::string tile = "1";
  bool isTiled() const { return StringRef(tile).trim() != "1"; }
};

struct Memlet {
  std::string data;
  std::optional<SmallVector<SubsetRange>> subset, otherSubset;
  std::string wcr;
};

struct DFNode {
  int64_t id;
  /// The position in the state's `nodes` array.
  size_t index;
  std::string type, label;
  const json::Object *attrs;
  std::optional<int64_t> scope;
};

struct DFEdge {
  int64_t src, dst;
  std::string srcConn, dstConn;
  std::optional<Memlet> memlet;
};

/// A data container: DaCe's descriptor and the SDFG value standing for it.
struct Container {
  std::string name;
  bool isScalar = false;
  bool transient = false;
  /// A non-transient Scalar some state writes: an output, so it is passed
  /// as a rank-0 memref rather than by value.
  bool written = false;
  /// Non-row-major `strides` (column-major, padded): the container is the
  /// 1-d memref of its `total_size` elements DaCe allocates, and an element
  /// is at sum(index * stride), as in DaCe's generated code.
  SmallVector<std::string> strides;
  std::string totalSize;
  bool isFlat() const { return !strides.empty(); }
  /// A nested SDFG's argument that the caller passes part of a container
  /// (an `sdfg.window`): flat, and its memory is the caller's from the
  /// memlet's first element on, so `totalSize` is only the extent its
  /// strides reach.
  bool isWindow = false;
  /// DaCe's View/ArrayView: no memory of its own. In each state it views
  /// (part of) another container, named by the access node's `views` edge:
  /// `viewRoot` is the container owning the memory (through views of
  /// views), `viewStart` the element offset of the view's first element in
  /// it, `viewStrides` the view's strides in elements of that memory.
  bool isView = false;
  SmallVector<std::string> viewStrides;
  struct Container *viewRoot = nullptr;
  std::string viewStart;
  /// The strides of the memory layout, in elements.
  SmallVector<std::string> memoryStrides() const {
    if (isView)
      return viewStrides;
    if (isFlat())
      return strides;
    SmallVector<std::string> result(shape.size(), "1");
    for (int64_t dim = static_cast<int64_t>(shape.size()) - 2; dim >= 0; --dim)
      result[dim] = "(" + result[dim + 1] + ") * (" + shape[dim + 1] + ")";
    return result;
  }
  /// The memref's symbolic shape.
  SmallVector<std::string> memrefShape() const {
    return isFlat() ? SmallVector<std::string>{totalSize} : shape;
  }
  Type elementType;
  /// DaCe's `uint*` dtypes: the element type is signless, the ops the
  /// importer picks for it are unsigned.
  bool isUnsigned = false;
  SmallVector<std::string> shape;
  StorageKind storage = StorageKind::Default;
  Value value;
};

/// A compile-time constant of DaCe's `constants_prop`: a scalar, or an
/// array (row-major values) that a container of its name holds.
struct Constant {
  Type type;
  bool isUnsigned = false;
  SmallVector<std::string> shape;
  SmallVector<double> values;
  bool isArray() const { return !shape.empty(); }
  /// Element `k` as an attribute of the constant's type.
  TypedAttr attr(size_t k) const {
    if (isa<FloatType>(type))
      return FloatAttr::get(type, values[k]);
    return IntegerAttr::get(type, static_cast<int64_t>(values[k]));
  }
};

/// What llvm::json::Value does not keep of the JSON text, by the path of
/// an element (object keys and array indices from the root joined by '/':
/// `nodes/2/edges/1`).
struct JSONLayout {
  /// The key order of each interstate edge's `assignments` object, by the
  /// path of the edge (`<region>/edges/<k>`, the region being the SDFG or
  /// a control-flow region inside it). DaCe runs assignments one after
  /// another in that order (Python dicts keep insertion order), but
  /// llvm::json::Object is a hash map.
  std::map<std::string, SmallVector<std::string>> assignmentOrder;
  /// Where the elements that messages name start in the text (graph nodes
  /// and edges, data containers, symbols, constants): the key of an object
  /// member, the value of an array element.
  llvm::StringMap<size_t> offsets;
  /// The offset of each line's first byte, for line and column numbers.
  std::vector<size_t> lineStarts;

  /// The 1-based line and column of byte `offset`.
  std::pair<unsigned, unsigned> lineAndColumn(size_t offset) const {
    auto next = llvm::upper_bound(lineStarts, offset);
    size_t line = next - lineStarts.begin();
    return {static_cast<unsigned>(line),
            static_cast<unsigned>(offset - *std::prev(next) + 1)};
  }
};

/// Reads a JSONLayout from the JSON text. The text has already passed
/// json::parse, so this is a plain scanner over JSON's grammar that tracks
/// the path from the root to each value.
class JSONLayoutScanner {
public:
  explicit JSONLayoutScanner(StringRef text) : text(text) {}

  /// Fails only on text that is not JSON.
  FailureOr<JSONLayout> run() {
    layout.lineStarts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n')
        layout.lineStarts.push_back(i + 1);
    if (!value())
      return failure();
    return std::move(layout);
  }

private:
  StringRef text;
  size_t pos = 0;
  /// Object keys and array indices from the root to the current value.
  SmallVector<std::string, 8> path;
  JSONLayout layout;

  /// Whether messages may name the element at `path`.
  bool isNamedElement() const {
    size_t n = path.size(), index;
    if (n < 2)
      return false;
    StringRef parent = path[n - 2];
    if (parent == "nodes" || parent == "edges")
      return !StringRef(path[n - 1]).getAsInteger(10, index);
    return parent == "_arrays" || parent == "symbols" ||
           parent == "constants_prop";
  }
  void recordOffset(size_t offset) {
    if (isNamedElement())
      layout.offsets[llvm::join(path, "/")] = offset;
  }

  void skipSpace() {
    while (pos < text.size() && StringRef(" \t\n\r").contains(text[pos]))
      ++pos;
  }

  bool consume(char c) {
    skipSpace();
    if (pos >= text.size() || text[pos] != c)
      return false;
    ++pos;
    return true;
  }

  /// A string token, decoded into `decoded` if given.
  bool string(std::string *decoded) {
    skipSpace();
    if (pos >= text.size() || text[pos] != '"')
      return false;
    size_t start = pos++;
    bool escaped = false;
    while (pos < text.size() && text[pos] != '"') {
      if (text[pos] == '\\') {
        escaped = true;
        ++pos;
      }
      ++pos;
    }
    if (pos >= text.size())
      return false;
    ++pos;
    if (!decoded)
      return true;
    StringRef token = text.slice(start, pos);
    if (!escaped) {
      *decoded = token.drop_front().drop_back().str();
      return true;
    }
    llvm::Expected<json::Value> value = json::parse(token);
    if (!value) {
      llvm::consumeError(value.takeError());
      return false;
    }
    *decoded = value->getAsString().value_or("").str();
    return true;
  }

  std::optional<std::string> assignmentsOfEdge() {
    size_t n = path.size(), index;
    if (n < 6 || path[n - 6] != "edges" ||
        StringRef(path[n - 5]).getAsInteger(10, index) ||
        path[n - 4] != "attributes" || path[n - 3] != "data" ||
        path[n - 2] != "attributes" || path[n - 1] != "assignments")
      return std::nullopt;
    return llvm::join(ArrayRef(path).drop_back(4), "/");
  }
  bool value() {
    skipSpace();
    if (pos >= text.size())
      return false;
    if (consume('{')) {
      std::optional<std::string> edge = assignmentsOfEdge();
      SmallVector<std::string> keys;
      if (!consume('}')) {
        do {
          std::string key;
          skipSpace();
          size_t keyStart = pos;
          if (!string(&key) || !consume(':'))
            return false;
          if (edge)
            keys.push_back(key);
          path.push_back(std::move(key));
          recordOffset(keyStart);
          bool ok = value();
          path.pop_back();
          if (!ok)
            return false;
        } while (consume(','));
        if (!consume('}'))
          return false;
      }
      if (edge)
        layout.assignmentOrder[*edge] = std::move(keys);
      return true;
    }
    if (consume('[')) {
      if (consume(']'))
        return true;
      size_t index = 0;
      do {
        path.push_back(std::to_string(index++));
        skipSpace();
        recordOffset(pos);
        bool ok = value();
        path.pop_back();
        if (!ok)
          return false;
      } while (consume(','));
      return consume(']');
    }
    if (text[pos] == '"')
      return string(nullptr);
    // Numbers, true, false, null.
    size_t start = pos;
    while (pos < text.size() &&
           (llvm::isAlnum(text[pos]) || StringRef("+-.").contains(text[pos])))
      ++pos;
    return pos > start;
  }
};

class Importer {
public:
  Importer(MLIRContext *context, Location loc, StringRef source)
      : context(context), baseLoc(loc), loc(loc), source(source),
        builder(context) {}

  OwningOpRef<ModuleOp> run(const json::Value &root);

private:
  MLIRContext *context;
  /// The location of what no element of the file is named for: the file
  /// itself, or a nested SDFG's node in its caller.
  Location baseLoc;
  /// The location of the element being imported, for the ops built from it
  /// and for messages.
  Location loc;
  /// The JSON text, for what llvm::json does not keep (the key order).
  StringRef source;
  OpBuilder builder;
  /// Where in the file we are, for messages.
  std::string where;
  /// For a nested SDFG: where its node is in the caller, for messages.
  std::string outerWhere;
  /// For a nested SDFG: the arguments its caller passes as windows.
  llvm::StringSet<> windowArgs;
  /// DaCe's `constants_prop`, this SDFG's and its callers'.
  std::map<std::string, Constant> constants;
  /// The arrays of this SDFG's own `constants_prop`, which it initializes.
  std::set<std::string> ownConstantArrays;

  ModuleOp module;
  /// The JSON path of this SDFG's object (empty at the top; a nested
  /// SDFG's `.../nodes/<k>/attributes/sdfg`), for the assignment order.
  std::string rootPath;
  bool nested = false;

  SDFGOp sdfg;
  std::map<std::string, Container> containers;
  llvm::StringMap<Type> symbolTypes;
  llvm::StringSet<> unsignedSymbols;
  /// Values of DaCe's unsigned types (loads, scalar arguments, symbols,
  /// tasklet results): expressions over them use unsigned ops.
  llvm::DenseSet<Value> unsignedValues;
  /// Assignment order and element offsets, shared with nested SDFGs.
  std::shared_ptr<const JSONLayout> layout;
  std::vector<FlatState> flatStates;
  std::vector<FlatEdge> flatEdges;

  // Per-state bookkeeping.
  StateOp state;
  /// The JSON path of the state's object.
  std::string statePath;
  std::map<int64_t, DFNode> nodes;
  std::vector<DFEdge> edges;
  llvm::StringMap<Value> accesses;
  Operation *lastAccess = nullptr;
  std::map<int64_t, MapOp> maps;
  std::map<int64_t, llvm::StringMap<Value>> scopeNames;
  std::map<std::pair<int64_t, std::string>, Value> taskletResults;

  /// Names the element at JSON `path` as `description` in messages, and
  /// points `loc` at it; an empty path points at the enclosing element.
  /// The ops built from it get the location too, named by the element
  /// (`loc("state 's' node 3 (Tasklet 't')"("f.sdfg":111:5))`), so that
  /// the verifier's messages about them say where they came from.
  void locate(std::string description, StringRef path) {
    where = std::move(description);
    loc = baseLoc;
    if (path.empty())
      return;
    auto it = layout->offsets.find(path);
    auto file = baseLoc->findInstanceOf<FileLineColLoc>();
    if (it == layout->offsets.end() || !file)
      return;
    auto [line, column] = layout->lineAndColumn(it->second);
    loc = FileLineColLoc::get(file.getFilename(), line, column);
    std::string name = elementName();
    if (!name.empty())
      loc = NameLoc::get(StringAttr::get(context, name), loc);
  }
  /// What messages name the current element by: the nested SDFG's node in
  /// its caller, then the element.
  std::string elementName() const {
    if (outerWhere.empty() || where.empty())
      return outerWhere + where;
    return outerWhere + ": " + where;
  }
  /// The path of `rest` (a '/'-joined tail) inside this SDFG's object.
  std::string inRoot(const Twine &rest) const {
    return rootPath.empty() ? rest.str() : (rootPath + "/" + rest).str();
  }

  LogicalResult fail(const Twine &message) {
    InFlightDiagnostic diag = emitError(loc);
    std::string name = elementName();
    if (!name.empty())
      diag << name << ": ";
    diag << message;
    return failure();
  }

  LogicalResult importSDFG(const json::Object &root);
  FailureOr<expr::DType> parseDType(StringRef dtype, const Twine &what);
  LogicalResult importContainers(const json::Object &attrs);
  /// Reads `constants_prop`: `name: [descriptor, value]`, the value a
  /// number, a string of one or DaCe's `{"type": "ndarray", "data": ...}`.
  LogicalResult importConstants(const json::Object &attrs);
  /// A state before the entry that stores the constant arrays into their
  /// containers (a transient of the constant's name, made if missing).
  LogicalResult initializeConstantArrays(StringRef entry, StringRef stateName);
  /// The transients of constant arrays that `_arrays` does not declare.
  void declareConstantArrays();
  /// The container of a constant array, declared (and initialized with the
  /// others) on first use: a nested SDFG sees its callers' constants.
  Container &declareConstantArray(const std::string &name);
  LogicalResult importState(const json::Object &stateJson, StringRef stateName);

  // Control flow.
  /// Where a flattened block starts and the state it falls through from
  /// (none for break, continue and return blocks).
  struct BlockSpan {
    size_t entry;
    std::optional<size_t> exit;
  };
  struct LoopTargets {
    size_t continueTo;
    SmallVector<std::pair<std::string, std::string>> continueAssignments;
    size_t breakTo;
  };
  FailureOr<std::optional<std::string>> codeText(const json::Object *attrs,
                                                 StringRef key);
  FailureOr<std::optional<std::string>> codeText(const json::Value *value,
                                                 StringRef key);
  FailureOr<SmallVector<std::pair<std::string, std::string>>>
  readAssignments(const std::optional<std::string> &code, StringRef what);
  size_t addState(const json::Object *json, StringRef label,
                  StringRef path = "");
  void addEdge(size_t src, size_t dst, StringRef condition,
               ArrayRef<std::pair<std::string, std::string>> assigns);
  FailureOr<BlockSpan> flattenRegion(const json::Object &region,
                                     StringRef path, const LoopTargets *loop,
                                     bool top);
  FailureOr<BlockSpan> flattenBlock(const json::Object &block, StringRef path,
                                    const LoopTargets *loop);
  LogicalResult readEdge(const json::Object &edge, StringRef path);
  FailureOr<SmallVector<SubsetRange>> parseSubset(const json::Value *value,
                                                  const Twine &what);
  FailureOr<Memlet> parseMemlet(const json::Object &edgeAttrs);

  // Dataflow.
  LogicalResult importNode(const DFNode &node);
  LogicalResult importMapEntry(const DFNode &node);
  LogicalResult importTasklet(const DFNode &node);
  /// The type of the last value `statements` assign to `name`, the code
  /// reading `inputs` as `inNames` (emitted into a scratch block and
  /// discarded), or failure.
  FailureOr<Type> inferAssignedType(ArrayRef<expr::Statement> statements,
                                    StringRef name,
                                    ArrayRef<std::string> inNames,
                                    ArrayRef<Value> inputs);
  LogicalResult importAccessNode(const DFNode &node);
  LogicalResult importNestedSDFG(const DFNode &node);
  /// Whether `node` has a float (or complex) value by Python's rules, with
  /// this SDFG's containers and symbols: the type DaCe would give a symbol
  /// it assigns.
  bool isFloatValued(const expr::Node &node);
  /// The arguments of a nested SDFG whose memlets pass part of a
  /// container, a view or a container with strides of its own, or that
  /// write one element of a container: DaCe passes a pointer to the
  /// memlet's first element, which the callee reads with its descriptor's
  /// strides (an `sdfg.window` here), and the callee's own write-conflict
  /// resolution accumulates into the caller's element.
  llvm::StringSet<> windowArguments(const DFNode &node,
                                    const json::Object &innerJson);
  /// DaCe's Reduce, MatMul (2-d) and Transpose (2-d) on whole containers,
  /// expanded into maps as DaCe's pure expansions do.
  LogicalResult importLibraryNode(const DFNode &node);
  /// A map over `extents` (`cpu_multicore`) with the builder inside it;
  /// returns its parameters.
  FailureOr<SmallVector<Value>>
  beginMap(ArrayRef<std::string> extents,
           ScheduleKind schedule = ScheduleKind::CPUMulticore,
           std::optional<int64_t> scope = std::nullopt);
  /// A tasklet computing `code` (one Python expression over `inputs`,
  /// named a, b, ...) as `type`.
  FailureOr<Value> emitTasklet(StringRef code, ValueRange inputs, Type type);
  /// An access node inside a map scope of a transient with one element: a
  /// map-local value, carried as an SSA value (DaCe allocates it per
  /// iteration; one shared container would be a race in a parallel map).
  bool isLocalValue(int64_t id);
  LogicalResult importLocalValue(const DFNode &node, Container &data);
  /// Any other access node inside a map scope: the container itself, which
  /// tasklets write and read through their memlets; element copies in and
  /// out of it.
  LogicalResult importScopedAccess(const DFNode &node, Container &data);
  /// A copy of a box of `from` into a box of `to` with the same extents
  /// (dimensions of extent 1 aside, as DaCe squeezes them): a sequential
  /// map over the extents at the builder's insertion point.
  LogicalResult copyBox(Container &from, ArrayRef<SubsetRange> fromSubset,
                        Container &to, ArrayRef<SubsetRange> toSubset,
                        std::optional<int64_t> scope);
  /// The container and element a memlet out of an access node of `data`
  /// writes: its own subset, or its other subset when it names `data`
  /// (then the destination is the access node or map exit it leads to).
  FailureOr<std::pair<Container *, SmallVector<SubsetRange>>>
  memletTarget(const DFEdge &edge, const Container &data);
  /// Whether an edge into `id` passes an SSA value (code nodes and
  /// map-local values) rather than a memlet into a container.
  bool takesValue(int64_t id) {
    StringRef type = nodes.at(id).type;
    return type == "Tasklet" || type == "NestedSDFG" || isLocalValue(id);
  }

  Block *scopeBlock(std::optional<int64_t> scope) {
    return scope ? maps.at(*scope).getBody() : state.getBody();
  }
  void setInsertionInto(std::optional<int64_t> scope) {
    Block *block = scopeBlock(scope);
    if (scope)
      builder.setInsertionPoint(block->getTerminator());
    else
      builder.setInsertionPointToEnd(block);
  }
  std::optional<int64_t> parentScope(int64_t mapId) {
    return nodes.at(mapId).scope;
  }
  expr::Operand lookupName(StringRef name, std::optional<int64_t> scope,
                           const llvm::StringMap<Value> *extra = nullptr);
  expr::Operand operand(Value value) {
    return expr::Operand(value, unsignedValues.contains(value));
  }
  FailureOr<Value> emitIndex(StringRef text, std::optional<int64_t> scope,
                             const llvm::StringMap<Value> *extra = nullptr);
  FailureOr<OpFoldResult>
  emitBound(StringRef text, std::optional<int64_t> scope,
            const llvm::StringMap<Value> *extra = nullptr);
  FailureOr<Container *> container(StringRef name);
  /// The write-conflict resolution `text` of a memlet (none when `text`
  /// is empty), or a located error when sdfg.store cannot do it.
  FailureOr<std::optional<WCRKind>> storeWCR(StringRef text);
  Value access(Container &data);
  /// Loads one element of `data` (flagged if its dtype is unsigned).
  Value load(Container &data, ValueRange indices) {
    Value value =
        LoadOp::create(builder, loc, data.elementType, access(data), indices);
    if (data.isUnsigned)
      unsignedValues.insert(value);
    return value;
  }
  bool isPoint(ArrayRef<SubsetRange> subset);
  /// The other side of a copy memlet without an `other_subset`: DaCe copies
  /// from or into the start of the whole container, as many elements as
  /// the memlet's subset has (the first element for one, the whole
  /// container otherwise).
  SmallVector<SubsetRange> otherSide(const Container &data,
                                     ArrayRef<SubsetRange> subset) {
    if (isPoint(subset) || data.isScalar)
      return zeroPoint(data);
    SmallVector<SubsetRange> whole;
    for (const std::string &dim : data.shape)
      whole.push_back({"0", "(" + dim + ") - 1", "1"});
    return whole;
  }
  /// The subset of `data`'s first element.
  static SmallVector<SubsetRange> zeroPoint(const Container &data) {
    return SmallVector<SubsetRange>(
        data.isScalar ? 1 : std::max<size_t>(data.shape.size(), 1),
        SubsetRange{"0", "0", "1"});
  }
  /// The indices into `access(data)` of the element at `index` (one
  /// expression per dimension of `data`): a view's element in the memory it
  /// views, a flat container's offset from its strides.
  SmallVector<std::string> memoryIndices(const Container &data,
                                         ArrayRef<std::string> index);
  /// An array connector of a tasklet whose subscripts need rewriting: part
  /// of a container (`subset`, indices relative to its start), a view or a
  /// container with strides of its own.
  struct ArrayConnector {
    Container *data;
    std::optional<SmallVector<SubsetRange>> subset;
  };
  /// Rewrites `name[i, j, ...]` in tasklet code, where `name` is such a
  /// connector, into the indices of the memory the connector passes.
  LogicalResult
  indexThroughLayout(expr::Node &node,
                     const llvm::StringMap<ArrayConnector> &layouts);
  bool isFull(ArrayRef<SubsetRange> subset, const Container &data);
  FailureOr<SmallVector<Value>>
  pointIndices(ArrayRef<SubsetRange> subset, const Container &data,
               std::optional<int64_t> scope,
               const llvm::StringMap<Value> *extra = nullptr);
  /// Binds the views of the state to what their `views` edges name.
  LogicalResult bindViews();
  /// Copies between access nodes at the top of a state that are neither
  /// whole containers nor single elements (slices, views): a map over the
  /// copied extent.
  /// A whole copy between row-major containers of one size and different
  /// shapes: a map over the elements in row-major order.
  LogicalResult copyReshaped(Container &source, Container &target);
  LogicalResult copyElementwise(Container &source,
                                ArrayRef<SubsetRange> sourceSubset,
                                Container &target,
                                ArrayRef<SubsetRange> targetSubset);
  SmallVector<SubsetRange> wholeSubset(const Container &data) {
    if (data.isScalar)
      return {{"0", "0", "1"}};
    return llvm::map_to_vector(data.shape, [](const std::string &dim) {
      return SubsetRange{"0", "(" + dim + ") - 1", "1"};
    });
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Descriptors
//===----------------------------------------------------------------------===//

FailureOr<expr::DType> Importer::parseDType(StringRef dtype,
                                            const Twine &what) {
  std::optional<expr::DType> type = expr::parseDType(context, dtype);
  if (!type)
    return fail(what + "dtype '" + dtype + "' is not supported");
  return *type;
}

static Type memrefTypeOf(const Container &data);

LogicalResult Importer::importConstants(const json::Object &attrs) {
  const json::Object *object = attrs.getObject("constants_prop");
  if (!object)
    return success();
  for (const auto &[key, value] : *object) {
    locate("constant '" + key.str() + "'",
           inRoot("attributes/constants_prop/" + key.str()));
    const json::Array *pair = value.getAsArray();
    const json::Object *desc =
        pair && pair->size() == 2 ? (*pair)[0].getAsObject() : nullptr;
    const json::Object *descAttrs =
        desc ? desc->getObject("attributes") : nullptr;
    if (!descAttrs || !isIdentifier(key))
      return fail("expected [descriptor, value] under an identifier");
    std::optional<StringRef> dtype = descAttrs->getString("dtype");
    FailureOr<expr::DType> type =
        parseDType(dtype.value_or("int32"), "");
    if (failed(type))
      return failure();
    if (!type->type.isIntOrFloat())
      return fail("only integer and float constants are supported");
    Constant constant{type->type, type->isUnsigned, {}, {}};
    const json::Value *data = &(*pair)[1];
    if (const json::Object *array = data->getAsObject()) {
      if (array->getString("type") != "ndarray" || !array->get("data"))
        return fail("an array constant needs {\"type\": \"ndarray\", "
                    "\"data\": ...}");
      data = array->get("data");
      if (desc->getString("type") != "Array")
        return fail("an ndarray value needs an Array descriptor");
      const json::Array *shape = descAttrs->getArray("shape");
      if (!shape || shape->empty())
        return fail("an array constant needs a 'shape'");
      int64_t count = 1;
      for (const json::Value &dim : *shape) {
        std::optional<int64_t> size = asId(&dim);
        if (!size || *size <= 0)
          return fail("an array constant needs a positive constant shape");
        constant.shape.push_back(std::to_string(*size));
        count *= *size;
        if (count > (1 << 16))
          return fail("array constants of more than 65536 elements are not "
                      "supported");
      }
      // Row-major values from the nested lists; JSON's nesting depth is
      // bounded by the parser's.
      std::function<bool(const json::Value &)> flatten =
          [&](const json::Value &entry) {
            if (const json::Array *list = entry.getAsArray())
              return llvm::all_of(*list, flatten);
            std::optional<std::string> text = scalarText(&entry);
            double number;
            if (!text || StringRef(*text).getAsDouble(number))
              return false;
            constant.values.push_back(number);
            return true;
          };
      if (!flatten(*data) ||
          static_cast<int64_t>(constant.values.size()) != count)
        return fail("the value is not " + Twine(count) + " numbers");
    } else {
      std::optional<std::string> text = scalarText(data);
      double number;
      if (!text || StringRef(*text).trim().getAsDouble(number))
        return fail("the value is not a number");
      constant.values.push_back(number);
    }
    if (constant.isArray())
      ownConstantArrays.insert(key.str());
    constants[key.str()] = std::move(constant);
  }
  locate("", "");
  return success();
}

void Importer::declareConstantArrays() {
  for (const std::string &name : ownConstantArrays)
    declareConstantArray(name);
}

Container &Importer::declareConstantArray(const std::string &name) {
  Container &data = containers[name];
  ownConstantArrays.insert(name);
  if (!data.value) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(sdfg.getBody());
    const Constant &constant = constants.at(name);
    data.name = name;
    data.transient = true;
    data.elementType = constant.type;
    data.isUnsigned = constant.isUnsigned;
    data.shape = constant.shape;
    data.value = AllocOp::create(
        builder, loc, cast<MemRefType>(memrefTypeOf(data)),
        builder.getStringAttr(name), ArrayAttr(),
        StorageKindAttr::get(context, StorageKind::Default),
        data.isUnsigned ? builder.getUnitAttr() : UnitAttr());
  }
  return data;
}

LogicalResult Importer::initializeConstantArrays(StringRef entry,
                                                 StringRef stateName) {
  builder.setInsertionPointToEnd(sdfg.getBody());
  state = StateOp::create(builder, loc, stateName);
  accesses.clear();
  lastAccess = nullptr;
  for (const std::string &name : ownConstantArrays) {
    const Constant &constant = constants.at(name);
    locate("constant '" + name + "'",
           inRoot("attributes/constants_prop/" + name));
    Container &data = containers[name];
    if (data.elementType != constant.type || data.isFlat() || data.isView ||
        data.shape != constant.shape)
      return fail("container '" + name +
                  "' does not have the constant's type and shape");
    builder.setInsertionPointToEnd(state.getBody());
    Value target = access(data);
    SmallVector<int64_t> sizes = llvm::map_to_vector(
        constant.shape,
        [](const std::string &dim) -> int64_t { return std::stoll(dim); });
    for (size_t flat = 0; flat < constant.values.size(); ++flat) {
      SmallVector<Value> indices(sizes.size());
      int64_t rest = flat;
      for (int64_t dim = sizes.size() - 1; dim >= 0; --dim) {
        indices[dim] =
            arith::ConstantIndexOp::create(builder, loc, rest % sizes[dim]);
        rest /= sizes[dim];
      }
      Value element = arith::ConstantOp::create(builder, loc, constant.attr(flat));
      StoreOp::create(builder, loc, element, target, indices, WCRKindAttr());
    }
  }
  locate("", "");
  builder.setInsertionPointToEnd(sdfg.getBody());
  EdgeOp::create(builder, loc, FlatSymbolRefAttr::get(context, stateName),
                 FlatSymbolRefAttr::get(context, entry),
                 builder.getStringAttr("1"), builder.getStrArrayAttr({}));
  sdfg.setEntryAttr(FlatSymbolRefAttr::get(context, stateName));
  return success();
}

LogicalResult Importer::importContainers(const json::Object &attrs) {
  // DaCe >= 0.15 leaves out an empty `_arrays`.
  const json::Object *arrays = attrs.getObject("_arrays");
  if (!arrays)
    return success();
  for (const auto &[key, value] : *arrays) {
    std::string name = key.str();
    locate("data container '" + name + "'",
           inRoot("attributes/_arrays/" + name));
    const json::Object *desc = value.getAsObject();
    const json::Object *descAttrs =
        desc ? desc->getObject("attributes") : nullptr;
    std::optional<StringRef> type =
        desc ? desc->getString("type") : std::nullopt;
    if (!descAttrs || !type)
      return fail("expected an object with 'type' and 'attributes'");
    if (*type != "Array" && *type != "Scalar" && *type != "View" &&
        *type != "ArrayView")
      return fail("descriptor type '" + *type +
                  "' is not supported (Array, Scalar, View, ArrayView)");
    if (!isIdentifier(name))
      return fail("the name is not an identifier");

    Container data;
    data.name = name;
    data.isScalar = *type == "Scalar";
    data.isView = *type == "View" || *type == "ArrayView";
    data.transient = descAttrs->getBoolean("transient").value_or(false);
    // DaCe >= 0.15 leaves out properties equal to their defaults (int32
    // here, see dace/data.py).
    const json::Value *dtypeValue = descAttrs->get("dtype");
    std::optional<StringRef> dtype =
        dtypeValue ? dtypeValue->getAsString() : StringRef("int32");
    if (!dtype) {
      const json::Object *object = dtypeValue->getAsObject();
      StringRef kind = object ? object->getString("type").value_or("") : "";
      return fail("dtype of kind '" + kind +
                  "' is not supported (only scalar types such as float64)");
    }
    FailureOr<expr::DType> element = parseDType(*dtype, "");
    if (failed(element))
      return failure();
    data.elementType = element->type;
    data.isUnsigned = element->isUnsigned;

    StringRef storage = descAttrs->getString("storage").value_or("Default");
    std::optional<StorageKind> kind =
        dace::kindNamed(dace::kStorageNames, storage);
    if (!kind)
      return fail("storage '" + storage + "' is not supported (" +
                  dace::nameList(dace::kStorageNames) + ")");
    data.storage = *kind;

    if (!data.isScalar) {
      const json::Array *shape = descAttrs->getArray("shape");
      if (!shape || shape->empty())
        return fail("'shape' is missing or empty");
      for (const json::Value &dim : *shape) {
        std::optional<std::string> text = scalarText(&dim);
        if (!text)
          return fail("a 'shape' entry is not a string or number");
        std::string error;
        if (!parseChecked(*text, error))
          return fail("shape entry \"" + *text + "\": " + error);
        data.shape.push_back(*text);
      }
      // pk's memrefs are dense and row-major: DaCe's default layout.
      if (const json::Array *offset = descAttrs->getArray("offset"))
        for (const json::Value &entry : *offset)
          if (scalarText(&entry) != "0")
            return fail("a non-zero 'offset' is not supported");
      if (const json::Array *strides = descAttrs->getArray("strides")) {
        if (strides->size() != data.shape.size())
          return fail("'strides' and 'shape' differ in length");
        SmallVector<std::string> texts;
        for (const json::Value &entry : *strides) {
          std::optional<std::string> text = scalarText(&entry);
          std::string error;
          if (!text || !expr::parse(*text, error))
            return fail("a 'strides' entry is not an expression");
          texts.push_back(*text);
        }
        // Compare with the row-major strides at a few symbol values.
        bool rowMajor = true;
        for (int64_t probe : {7, 13}) {
          auto lookup = [&](StringRef) -> std::optional<int64_t> {
            return probe;
          };
          int64_t expected = 1;
          for (int64_t dim = data.shape.size() - 1; dim >= 0; --dim) {
            std::string error;
            expr::NodePtr stride = expr::parse(texts[dim], error);
            expr::NodePtr size = expr::parse(data.shape[dim], error);
            std::optional<int64_t> actual =
                expr::evaluateIntOrNone(*stride, lookup);
            if (!actual || *actual != expected)
              rowMajor = false;
            std::optional<int64_t> extent =
                size ? expr::evaluateIntOrNone(*size, lookup) : std::nullopt;
            if (!extent)
              return fail("shape entry \"" + data.shape[dim] +
                          "\" is not an integer expression");
            expected *= *extent;
          }
        }
        if (data.isView) {
          data.viewStrides = texts;
        } else if (!rowMajor) {
          std::optional<std::string> total =
              scalarText(descAttrs->get("total_size"));
          std::string error;
          if (!windowArgs.contains(name) &&
              (!total || !expr::parse(*total, error)))
            return fail("non-row-major 'strides' without a 'total_size'");
          // Every element of a transient must lie inside its allocation.
          // An argument's memory is the caller's: DaCe's cutouts and nested
          // SDFGs keep the strides of the larger array they came from, with
          // a `total_size` of the shape alone, so the memory is what the
          // strides reach (a caller checks that it has that much).
          std::string reach = "1";
          for (auto [dim, stride] : llvm::zip_equal(data.shape, texts))
            reach += " + ((" + dim + ") - 1) * (" + stride + ")";
          for (int64_t probe : {7, 13}) {
            if (!total || !expr::parse(*total, error))
              break;
            auto lookup = [&](StringRef) -> std::optional<int64_t> {
              return probe;
            };
            std::optional<int64_t> last = 0;
            for (auto [dim, stride] : llvm::zip_equal(data.shape, texts)) {
              std::optional<int64_t> extent =
                  expr::evaluateIntOrNone(*expr::parse(dim, error), lookup);
              std::optional<int64_t> step =
                  expr::evaluateIntOrNone(*expr::parse(stride, error), lookup);
              if (!extent || !step || !last)
                last.reset();
              else
                *last += (*extent - 1) * *step;
            }
            std::optional<int64_t> size =
                expr::evaluateIntOrNone(*expr::parse(*total, error), lookup);
            if (last && size && *last >= *size && !data.transient) {
              std::optional<int64_t> constant = valueOf(reach);
              total = constant ? std::to_string(*constant) : reach;
              break;
            }
            if (last && size && *last >= *size)
              return fail("'strides' reach element " + Twine(*last) +
                          " but 'total_size' is " + Twine(*size) +
                          " (with every symbol " + Twine(probe) + ")");
          }
          data.strides = std::move(texts);
          data.totalSize = total.value_or("");
        }
      }
    }
    if (windowArgs.contains(name)) {
      // A written scalar passed by reference: one element of the caller's.
      if (data.isScalar && !data.transient && !data.isView) {
        data.isScalar = false;
        data.shape = {"1"};
      }
      if (data.isScalar || data.transient || data.isView)
        return fail("the caller passes part of a container, but this is "
                    "not a non-transient Array");
      // Indexed with its own strides from the window's first element.
      SmallVector<std::string> strides = data.memoryStrides();
      std::string extent = "1";
      for (auto [dim, stride] : llvm::zip_equal(data.shape, strides))
        extent += " + ((" + dim + ") - 1) * (" + stride + ")";
      // A contiguous 1-d window is its one dimension (which keeps the
      // shape of an exported window as it was).
      if (data.shape.size() == 1 && StringRef(strides[0]).trim() == "1")
        extent = data.shape[0];
      if (std::optional<int64_t> constant = valueOf(extent))
        extent = std::to_string(*constant);
      data.strides = std::move(strides);
      data.totalSize = std::move(extent);
      data.isWindow = true;
    }
    if (data.isView && data.viewStrides.empty()) {
      if (data.isScalar)
        return fail("scalar views are not supported");
      data.viewStrides = data.memoryStrides();
    }
    containers[name] = std::move(data);
  }
  locate("", "");
  return success();
}

static Type memrefTypeOf(const Container &data) {
  if (data.isScalar)
    return MemRefType::get({}, data.elementType);
  if (data.isWindow)
    return MemRefType::get({ShapedType::kDynamic}, data.elementType,
                           StridedLayoutAttr::get(data.elementType.getContext(),
                                                  ShapedType::kDynamic, {1}));
  SmallVector<int64_t> sizes;
  for (const std::string &dim : data.memrefShape()) {
    int64_t size;
    sizes.push_back(StringRef(dim).trim().getAsInteger(10, size)
                        ? ShapedType::kDynamic
                        : size);
  }
  return MemRefType::get(sizes, data.elementType);
}

//===----------------------------------------------------------------------===//
// Top level
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> Importer::run(const json::Value &rootValue) {
  const json::Object *root = rootValue.getAsObject();
  if (!root || root->getString("type") != "SDFG") {
    (void)fail("not a DaCe SDFG: the top-level object needs \"type\": "
               "\"SDFG\"");
    return nullptr;
  }
  FailureOr<JSONLayout> scanned = JSONLayoutScanner(source).run();
  if (failed(scanned)) {
    (void)fail("cannot read the order of the interstate assignments");
    return nullptr;
  }
  layout = std::make_shared<const JSONLayout>(std::move(*scanned));
  OwningOpRef<ModuleOp> owned = ModuleOp::create(loc);
  module = *owned;
  builder.setInsertionPointToEnd(module.getBody());
  if (failed(importSDFG(*root)))
    return nullptr;
  // An op the importer built wrong is refused here; the verifier names the
  // op, and its location names the element of the file it came from.
  bool naming = false;
  ScopedDiagnosticHandler nameElements(context, [&](Diagnostic &diag) {
    auto element = dyn_cast<NameLoc>(diag.getLocation());
    if (naming || !element)
      return failure();
    naming = true;
    InFlightDiagnostic named = context->getDiagEngine().emit(
        element.getChildLoc(), diag.getSeverity());
    named << element.getName().getValue() << ": " << diag.str();
    for (Diagnostic &note : diag.getNotes())
      named.attachNote(note.getLocation()) << note.str();
    named.report();
    naming = false;
    return success();
  });
  if (failed(verify(*owned)))
    return nullptr;
  return owned;
}

LogicalResult Importer::importSDFG(const json::Object &rootObject) {
  const json::Object *root = &rootObject;
  OpBuilder::InsertPoint sdfgPoint = builder.saveInsertionPoint();
  const json::Object *attrs = root->getObject("attributes");
  if (!attrs) {
    (void)fail("'attributes' is missing");
    return failure();
  }
  std::string name = attrs->getString("name").value_or("sdfg").str();
  if (!isIdentifier(name)) {
    (void)fail("SDFG name '" + name + "' is not an identifier");
    return failure();
  }
  if (failed(importConstants(*attrs)))
    return failure();

  // Symbols.
  SmallVector<NamedAttribute> symbolAttrs;
  if (const json::Object *symbols = attrs->getObject("symbols")) {
    for (const auto &[key, value] : *symbols) {
      // DaCe declares a caller's constants as symbols of nested SDFGs too.
      if (constants.count(key.str()))
        continue;
      locate("symbol '" + key.str() + "'",
             inRoot("attributes/symbols/" + key.str()));
      std::optional<StringRef> dtype = value.getAsString();
      if (!dtype) {
        const json::Object *object = value.getAsObject();
        std::optional<StringRef> kind =
            object ? object->getString("type") : std::nullopt;
        (void)fail(kind ? ("a symbol of kind '" + *kind +
                           "' is not supported (only integer symbols)")
                              .str()
                        : std::string("the type is not a string"));
        return failure();
      }
      FailureOr<expr::DType> type = parseDType(*dtype, "");
      if (failed(type))
        return failure();
      if (!isa<IntegerType>(type->type) || type->type.isInteger(1)) {
        (void)fail("only integer symbols are supported, got '" + *dtype + "'");
        return failure();
      }
      symbolTypes[key] = type->type;
      if (type->isUnsigned)
        unsignedSymbols.insert(key);
    }
  }
  locate("", "");

  if (failed(importContainers(*attrs)))
    return failure();

  // Arguments: `arg_names` first, then the other non-transients in the
  // order of DaCe's `SDFG.arglist()` (the signature of the code it
  // generates): arrays, then scalars, each sorted by name.
  SmallVector<std::string> argNames;
  if (const json::Array *names = attrs->getArray("arg_names"))
    for (const json::Value &value : *names) {
      std::optional<StringRef> argName = value.getAsString();
      if (!argName) {
        (void)fail("an 'arg_names' entry is not a string");
        return failure();
      }
      // DaCe keeps `arg_names` only for its Python calling convention and
      // leaves stale names there after transformations; the arguments are
      // the non-transient containers.
      auto it = containers.find(argName->str());
      if (it == containers.end() || it->second.transient ||
          it->second.isView || llvm::is_contained(argNames, argName->str()))
        continue;
      argNames.push_back(argName->str());
    }
  for (bool scalars : {false, true})
    for (auto &[containerName, data] : containers)
      if (!data.transient && !data.isView && data.isScalar == scalars &&
          !llvm::is_contained(argNames, containerName))
        argNames.push_back(containerName);

  // Control-flow regions (loops, conditionals, plain regions) flatten into
  // one state machine.
  FailureOr<BlockSpan> top = flattenRegion(*root, rootPath, nullptr, /*top=*/true);
  if (failed(top))
    return failure();
  locate("", "");
  SmallVector<std::string> stateNames;
  llvm::StringSet<> usedStateNames;
  for (auto [index, flat] : llvm::enumerate(flatStates)) {
    std::string stateName;
    for (char c : flat.label)
      stateName += llvm::isAlnum(c) || c == '_' ? c : '_';
    if (stateName.empty() || llvm::isDigit(stateName[0]))
      stateName = "s_" + stateName;
    if (usedStateNames.contains(stateName))
      stateName += "_" + std::to_string(index);
    while (usedStateNames.contains(stateName))
      stateName += "_";
    usedStateNames.insert(stateName);
    stateNames.push_back(stateName);
  }

  // DaCe >= 0.15 leaves out an empty `symbols`, and some files size data
  // with symbols they never declare: declare them with DaCe's default
  // symbol type (int32, dace/symbolic.py).
  for (auto &[containerName, data] : containers)
    for (const std::string &dim : llvm::concat<const std::string>(
             data.shape, data.strides, ArrayRef(data.totalSize))) {
      std::string error;
      SmallVector<std::string> names;
      if (expr::NodePtr node = expr::parse(dim, error))
        expr::collectNames(*node, names);
      for (const std::string &symbol : names)
        if (!symbolTypes.count(symbol) && isIdentifier(symbol))
          symbolTypes[symbol] = IntegerType::get(context, 32);
    }

  // Interstate assignments may introduce symbols DaCe did not list. DaCe
  // types such a symbol by its value; pk's symbols are integers, so a
  // float value is refused rather than truncated.
  for (const FlatEdge &edge : flatEdges)
    for (const auto &[key, value] : edge.assignments) {
      if (symbolTypes.count(key))
        continue;
      std::string error;
      if (expr::NodePtr node = expr::parse(value, error);
          node && isFloatValued(*node))
        return fail("interstate assignment '" + key + " = " + value +
                    "' gives the undeclared symbol '" + key +
                    "' a float value, which DaCe would type as a float; "
                    "only integer symbols are supported");
      symbolTypes[key] = IntegerType::get(context, 64);
    }

  // Names that interstate conditions and assignments read without a
  // declaration, a container or an assignment are free symbols to DaCe
  // (its inlined loops can leave a guard's counter so): DaCe's default
  // symbol type.
  for (const FlatEdge &edge : flatEdges) {
    SmallVector<std::string> names;
    for (StringRef text : llvm::concat<const std::string>(
             ArrayRef(edge.condition),
             llvm::make_second_range(edge.assignments))) {
      std::string error;
      if (expr::NodePtr node = expr::parse(text, error))
        expr::collectNames(*node, names);
    }
    for (const std::string &name : names)
      if (!symbolTypes.count(name) && !containers.count(name) &&
          !constants.count(name) && isIdentifier(name) &&
          !llvm::is_contained({"True", "False", "None", "inf", "nan", "pi"},
                              StringRef(name)))
        symbolTypes[name] = IntegerType::get(context, 32);
  }

  // Scalars that a state writes (into an access node) are outputs.
  for (const FlatState &flat : flatStates) {
    const json::Array *nodeArray = flat.json ? flat.json->getArray("nodes")
                                             : nullptr;
    const json::Array *edgeArray = flat.json ? flat.json->getArray("edges")
                                             : nullptr;
    if (!nodeArray || !edgeArray)
      continue;
    std::map<int64_t, std::string> accessData;
    for (auto [index, value] : llvm::enumerate(*nodeArray))
      if (const json::Object *node = value.getAsObject())
        if (node->getString("type") == "AccessNode")
          if (const json::Object *nodeAttrs = node->getObject("attributes"))
            if (std::optional<StringRef> data = nodeAttrs->getString("data"))
              accessData[asId(node->get("id")).value_or(index)] = data->str();
    for (const json::Value &value : *edgeArray)
      if (const json::Object *edge = value.getAsObject())
        if (std::optional<int64_t> dst = asId(edge->get("dst")))
          if (auto it = accessData.find(*dst); it != accessData.end())
            if (auto data = containers.find(it->second);
                data != containers.end() && data->second.isScalar &&
                !data->second.transient)
              data->second.written = true;
  }

  SmallVector<Type> argTypes;
  SmallVector<Attribute> argAttrs;
  for (const std::string &argName : argNames) {
    Container &data = containers[argName];
    SmallVector<NamedAttribute> attrsOfArg = {
        builder.getNamedAttr("name", builder.getStringAttr(argName))};
    if (data.isUnsigned)
      attrsOfArg.push_back(
          builder.getNamedAttr("unsigned", builder.getUnitAttr()));
    if (data.isScalar && !data.written) {
      argTypes.push_back(data.elementType);
    } else {
      auto type = cast<MemRefType>(memrefTypeOf(data));
      argTypes.push_back(type);
      SmallVector<std::string> shape = data.memrefShape();
      if (!type.hasStaticShape())
        attrsOfArg.push_back(builder.getNamedAttr(
            "shape", builder.getStrArrayAttr(
                         SmallVector<StringRef>(shape.begin(), shape.end()))));
    }
    argAttrs.push_back(builder.getDictionaryAttr(attrsOfArg));
  }
  for (auto &[symbolName, type] : symbolTypes)
    symbolAttrs.push_back(
        builder.getNamedAttr(symbolName, TypeAttr::get(type)));

  // A nested SDFG goes before its caller, under a name of its own.
  builder.restoreInsertionPoint(sdfgPoint);
  if (nested) {
    std::string base = name;
    for (int k = 1; module.lookupSymbol(name); ++k)
      name = base + "_" + std::to_string(k);
  }
  sdfg = SDFGOp::create(builder, loc, name, stateNames[top->entry], argTypes,
                        symbolAttrs.empty()
                            ? DictionaryAttr()
                            : builder.getDictionaryAttr(symbolAttrs));
  sdfg.setArgAttrsAttr(builder.getArrayAttr(argAttrs));
  for (auto [index, argName] : llvm::enumerate(argNames)) {
    Container &data = containers[argName];
    data.value = sdfg.getBody()->getArgument(index);
    if (data.isUnsigned)
      unsignedValues.insert(data.value);
  }

  // Transients, by name.
  builder.setInsertionPointToEnd(sdfg.getBody());
  for (auto &[containerName, data] : containers) {
    if (!data.transient || data.isView)
      continue;
    auto type = cast<MemRefType>(memrefTypeOf(data));
    ArrayAttr shape;
    SmallVector<std::string> dims = data.memrefShape();
    if (!type.hasStaticShape())
      shape = builder.getStrArrayAttr(
          SmallVector<StringRef>(dims.begin(), dims.end()));
    auto alloc = AllocOp::create(
        builder, loc, type, builder.getStringAttr(containerName), shape,
        StorageKindAttr::get(context, data.storage),
        data.isUnsigned ? builder.getUnitAttr() : UnitAttr());
    data.value = alloc.getResult();
  }
  declareConstantArrays();

  for (auto [flat, stateName] : llvm::zip_equal(flatStates, stateNames)) {
    builder.setInsertionPointToEnd(sdfg.getBody());
    statePath = flat.path;
    locate("", statePath);
    state = StateOp::create(builder, loc, stateName);
    if (flat.json && failed(importState(*flat.json, stateName)))
      return failure();
  }
  if (!ownConstantArrays.empty()) {
    std::string initName = "constants_init";
    while (usedStateNames.contains(initName))
      initName += "_";
    if (failed(initializeConstantArrays(stateNames[top->entry], initName)))
      return failure();
  }
  locate("", "");
  builder.setInsertionPointToEnd(sdfg.getBody());
  for (const FlatEdge &edge : flatEdges) {
    SmallVector<std::string> texts;
    for (const auto &[key, value] : edge.assignments)
      texts.push_back(key + " = " + value);
    EdgeOp::create(builder, loc,
                   FlatSymbolRefAttr::get(context, stateNames[edge.src]),
                   FlatSymbolRefAttr::get(context, stateNames[edge.dst]),
                   builder.getStringAttr(edge.condition),
                   builder.getStrArrayAttr(
                       SmallVector<StringRef>(texts.begin(), texts.end())));
  }
  locate("", "");
  // Transients no state accesses (DaCe's scalars between two tasklets,
  // which become SSA values here) are dead.
  for (AllocOp alloc :
       llvm::make_early_inc_range(sdfg.getBody()->getOps<AllocOp>()))
    if (alloc->use_empty())
      alloc.erase();
  if (nested)
    SymbolTable::setSymbolVisibility(sdfg, SymbolTable::Visibility::Private);
  return success();
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

/// The text of a code property: a CodeBlock object (Python only), a plain
/// string, or nothing (null or missing).
FailureOr<std::optional<std::string>>
Importer::codeText(const json::Object *attrs, StringRef key) {
  return codeText(attrs ? attrs->get(key) : nullptr, key);
}

FailureOr<std::optional<std::string>>
Importer::codeText(const json::Value *value, StringRef key) {
  if (!value || value->kind() == json::Value::Null)
    return std::optional<std::string>();
  if (const json::Object *code = value->getAsObject()) {
    StringRef language = code->getString("language").value_or("Python");
    if (language != "Python")
      return fail("'" + key + "' language '" + language +
                  "' is not supported (only Python)");
    std::optional<StringRef> text = code->getString("string_data");
    if (!text)
      return std::optional<std::string>();
    return std::optional<std::string>(text->str());
  }
  if (std::optional<std::string> text = scalarText(value))
    return std::optional<std::string>(*text);
  return fail("'" + key + "' is not code");
}

/// Reads `name = expression` statements (loop init and update) as
/// interstate assignments.
FailureOr<SmallVector<std::pair<std::string, std::string>>>
Importer::readAssignments(const std::optional<std::string> &code,
                          StringRef what) {
  SmallVector<std::pair<std::string, std::string>> result;
  if (!code)
    return result;
  std::string error;
  FailureOr<SmallVector<expr::Statement>> statements =
      expr::parseStatements(*code, error);
  if (failed(statements))
    return fail(what + " \"" + *code + "\": " + error);
  for (const expr::Statement &statement : *statements) {
    if (statement.subscript)
      return fail(what + " \"" + *code + "\": assignment to a subscript '" +
                  expr::print(*statement.subscript) + "' (only symbols)");
    result.push_back({statement.target, expr::print(*statement.value)});
  }
  return result;
}

size_t Importer::addState(const json::Object *json, StringRef label,
                          StringRef path) {
  flatStates.push_back({json, label.str(), path.str()});
  return flatStates.size() - 1;
}

void Importer::addEdge(size_t src, size_t dst, StringRef condition,
                       ArrayRef<std::pair<std::string, std::string>> assigns) {
  flatEdges.push_back({src, dst, condition.str(),
                       SmallVector<std::pair<std::string, std::string>>(
                           assigns.begin(), assigns.end())});
}

FailureOr<Importer::BlockSpan>
Importer::flattenRegion(const json::Object &region, StringRef path,
                        const LoopTargets *loop, bool top) {
  std::string label = region.getString("label").value_or("region").str();
  const json::Array *blocks = region.getArray("nodes");
  if (!blocks || blocks->empty()) {
    if (top)
      return fail("the SDFG has no states ('nodes')");
    size_t empty = addState(nullptr, label);
    return BlockSpan{empty, empty};
  }
  std::string prefix = path.empty() ? "" : (path + "/").str();
  std::map<int64_t, BlockSpan> spans;
  SmallVector<int64_t> order;
  for (auto [index, value] : llvm::enumerate(*blocks)) {
    const json::Object *block = value.getAsObject();
    if (!block)
      return fail("control-flow block #" + Twine(index) + " of '" + label +
                  "' is not an object");
    int64_t id = asId(block->get("id")).value_or(index);
    if (spans.count(id))
      return fail("two control-flow blocks of '" + label + "' have id " +
                  Twine(id));
    FailureOr<BlockSpan> span =
        flattenBlock(*block, prefix + "nodes/" + std::to_string(index), loop);
    if (failed(span))
      return failure();
    spans[id] = *span;
    order.push_back(id);
  }

  std::set<int64_t> hasIn, hasOut;
  if (const json::Array *edgeArray = region.getArray("edges"))
    for (auto [index, value] : llvm::enumerate(*edgeArray)) {
      locate("interstate edge #" + std::to_string(index) +
                 (top ? "" : " of '" + label + "'"),
             prefix + "edges/" + std::to_string(index));
      const json::Object *edge = value.getAsObject();
      if (!edge)
        return fail("not an object");
      std::optional<int64_t> src = asId(edge->get("src"));
      std::optional<int64_t> dst = asId(edge->get("dst"));
      if (!src || !dst || !spans.count(*src) || !spans.count(*dst))
        return fail("'src'/'dst' do not name states");
      if (failed(readEdge(*edge, prefix + "edges/" + std::to_string(index))))
        return failure();
      hasOut.insert(*src);
      hasIn.insert(*dst);
      // Edges leaving a break, continue or return block are never taken.
      if (!spans[*src].exit) {
        flatEdges.pop_back();
        continue;
      }
      flatEdges.back().src = *spans[*src].exit;
      flatEdges.back().dst = spans[*dst].entry;
    }
  locate("", "");

  // The start block: `start_block` (`start_state` in older files), else
  // the first block without incoming edges, as DaCe does.
  std::optional<int64_t> start = asId(region.get("start_block"));
  if (!start && top)
    start = asId(region.get("start_state"));
  if (start && !spans.count(*start)) {
    if (top)
      return fail("the start state " + Twine(*start) + " does not exist");
    start.reset();
  }
  if (!start)
    for (int64_t id : order)
      if (!hasIn.count(id)) {
        start = id;
        break;
      }
  if (!start)
    start = order.front();
  if (top)
    return BlockSpan{spans[*start].entry, std::nullopt};

  // The region falls through from each of its sinks.
  SmallVector<size_t> sinks;
  for (int64_t id : order)
    if (!hasOut.count(id) && spans[id].exit)
      sinks.push_back(*spans[id].exit);
  if (sinks.empty())
    return BlockSpan{spans[*start].entry, std::nullopt};
  if (sinks.size() == 1)
    return BlockSpan{spans[*start].entry, sinks.front()};
  size_t exit = addState(nullptr, label + "_exit");
  for (size_t sink : sinks)
    addEdge(sink, exit, "1", {});
  return BlockSpan{spans[*start].entry, exit};
}

FailureOr<Importer::BlockSpan>
Importer::flattenBlock(const json::Object &block, StringRef path,
                       const LoopTargets *loop) {
  StringRef type = block.getString("type").value_or("");
  std::string label = block.getString("label").value_or("block").str();
  const json::Object *attrs = block.getObject("attributes");
  if (type == "SDFGState") {
    size_t state = addState(&block, label, path);
    return BlockSpan{state, state};
  }
  if (type == "ControlFlowRegion" || type == "FunctionCallRegion" ||
      type == "NamedRegion")
    return flattenRegion(block, path, loop, /*top=*/false);
  if (type == "BreakBlock" || type == "ContinueBlock") {
    if (!loop)
      return fail("control-flow block '" + label + "' (" + type +
                  ") is not inside a loop");
    size_t state = addState(nullptr, label);
    if (type == "BreakBlock")
      addEdge(state, loop->breakTo, "1", {});
    else
      addEdge(state, loop->continueTo, "1", loop->continueAssignments);
    return BlockSpan{state, std::nullopt};
  }
  if (type == "ReturnBlock") {
    // A state without outgoing edges ends the SDFG.
    size_t state = addState(nullptr, label);
    return BlockSpan{state, std::nullopt};
  }
  if (type == "LoopRegion") {
    locate("loop '" + label + "'", path);
    FailureOr<std::optional<std::string>> condition =
        codeText(attrs, "loop_condition");
    FailureOr<std::optional<std::string>> initCode =
        succeeded(condition) ? codeText(attrs, "init_statement")
                             : FailureOr<std::optional<std::string>>();
    FailureOr<std::optional<std::string>> updateCode =
        succeeded(initCode) ? codeText(attrs, "update_statement")
                            : FailureOr<std::optional<std::string>>();
    if (failed(updateCode))
      return failure();
    std::string cond = condition->value_or("1");
    std::string error;
    if (!parseChecked(cond, error))
      return fail("condition \"" + cond + "\": " + error);
    FailureOr<SmallVector<std::pair<std::string, std::string>>> init =
        readAssignments(*initCode, "init statement");
    FailureOr<SmallVector<std::pair<std::string, std::string>>> update =
        succeeded(init) ? readAssignments(*updateCode, "update statement")
                        : FailureOr<SmallVector<
                              std::pair<std::string, std::string>>>();
    if (failed(update))
      return failure();
    locate("", "");
    bool inverted = attrs && attrs->getBoolean("inverted").value_or(false);
    // A do-while loop updates before testing (DaCe's default) or on the
    // edge back into the body.
    bool updateOnBackEdge =
        inverted && attrs &&
        !attrs->getBoolean("update_before_condition").value_or(true);
    size_t guard = addState(nullptr, label + "_guard");
    size_t exit = addState(nullptr, label + "_exit");
    LoopTargets targets{guard, {}, exit};
    if (!updateOnBackEdge)
      targets.continueAssignments = *update;
    FailureOr<BlockSpan> body = flattenRegion(block, path, &targets, false);
    if (failed(body))
      return failure();
    size_t entry = inverted ? body->entry : guard;
    if (!init->empty()) {
      entry = addState(nullptr, label + "_init");
      addEdge(entry, inverted ? body->entry : guard, "1", *init);
    }
    if (body->exit)
      addEdge(*body->exit, guard, "1", targets.continueAssignments);
    addEdge(guard, body->entry, cond,
            updateOnBackEdge ? ArrayRef(*update)
                             : ArrayRef<std::pair<std::string, std::string>>());
    addEdge(guard, exit, "not (" + cond + ")", {});
    return BlockSpan{entry, exit};
  }
  if (type == "ConditionalBlock") {
    const json::Array *branches = block.getArray("branches");
    if (!branches)
      return fail("conditional block '" + label + "' has no 'branches'");
    size_t head = addState(nullptr, label);
    size_t exit = addState(nullptr, label + "_exit");
    // DaCe takes the first branch whose condition holds: each condition
    // excludes the earlier ones, so the edges are mutually exclusive.
    std::string earlier;
    bool hasElse = false;
    for (auto [index, value] : llvm::enumerate(*branches)) {
      const json::Array *branch = value.getAsArray();
      const json::Object *region =
          branch && branch->size() == 2 ? (*branch)[1].getAsObject() : nullptr;
      if (!region)
        return fail("branch #" + Twine(index) + " of conditional block '" +
                    label + "' is not a [condition, region] pair");
      std::optional<std::string> cond;
      if ((*branch)[0].kind() != json::Value::Null) {
        locate("conditional block '" + label + "'", path);
        FailureOr<std::optional<std::string>> text =
            codeText(&(*branch)[0], "condition");
        if (failed(text))
          return failure();
        cond = *text;
        std::string error;
        if (cond && !expr::parse(*cond, error))
          return fail("condition \"" + *cond + "\": " + error);
        locate("", "");
      }
      FailureOr<BlockSpan> span = flattenRegion(
          *region, (path + "/branches/" + Twine(index) + "/1").str(), loop,
          false);
      if (failed(span))
        return failure();
      std::string guard = cond ? (earlier.empty() ? "(" + *cond + ")"
                                                  : earlier + " and (" +
                                                        *cond + ")")
                               : (earlier.empty() ? "1" : earlier);
      addEdge(head, span->entry, guard, {});
      if (span->exit)
        addEdge(*span->exit, exit, "1", {});
      if (!cond) {
        hasElse = true;
        break;
      }
      earlier += (earlier.empty() ? "" : " and ") + ("not (" + *cond + ")");
    }
    if (!hasElse)
      addEdge(head, exit, earlier.empty() ? "1" : earlier, {});
    return BlockSpan{head, exit};
  }
  return fail("control-flow block '" + label + "' has type '" + type +
              "', which is not supported (SDFGState, ControlFlowRegion, "
              "LoopRegion, ConditionalBlock, BreakBlock, ContinueBlock, "
              "ReturnBlock)");
}

/// Reads an interstate edge's condition and assignments into a new
/// FlatEdge (the caller sets its ends).
LogicalResult Importer::readEdge(const json::Object &edge, StringRef path) {
  const json::Object *attrs = edge.getObject("attributes");
  const json::Object *data = attrs ? attrs->getObject("data") : nullptr;
  const json::Object *edgeAttrs =
      data ? data->getObject("attributes") : nullptr;

  // DaCe >= 0.15 leaves out the defaults: no condition is `1`.
  FailureOr<std::optional<std::string>> text =
      codeText(edgeAttrs, "condition");
  if (failed(text))
    return failure();
  std::string condition = text->value_or("1");
  std::string error;
  if (!parseChecked(condition, error))
    return fail("condition \"" + condition + "\": " + error);

  // In file order: DaCe performs them one after another, so a later
  // assignment reads the symbols that earlier ones set.
  SmallVector<std::pair<std::string, std::string>> assignments;
  if (const json::Object *object =
          edgeAttrs ? edgeAttrs->getObject("assignments") : nullptr) {
    ArrayRef<std::string> keys;
    if (auto it = layout->assignmentOrder.find(path.str());
        it != layout->assignmentOrder.end())
      keys = it->second;
    llvm::StringSet<> seen;
    for (const std::string &key : keys)
      if (!seen.insert(key).second)
        return fail("'assignments' assigns '" + key + "' twice");
    if (keys.size() != object->size())
      return fail("cannot read the order of the assignments");
    for (const std::string &key : keys) {
      std::optional<std::string> value = scalarText(object->get(key));
      if (!value)
        return fail("assignment to '" + key + "' is not a string");
      if (!parseChecked(*value, error))
        return fail("assignment \"" + key + " = " + *value + "\": " + error);
      assignments.push_back({key, *value});
    }
  }
  flatEdges.push_back({0, 0, condition, std::move(assignments)});
  return success();
}

//===----------------------------------------------------------------------===//
// States
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<SubsetRange>>
Importer::parseSubset(const json::Value *value, const Twine &what) {
  const json::Object *subset = value ? value->getAsObject() : nullptr;
  if (!subset)
    return fail(what + " is not an object");
  StringRef type = subset->getString("type").value_or("");
  SmallVector<SubsetRange> ranges;
  if (type == "Indices") {
    const json::Array *indices = subset->getArray("indices");
    if (!indices)
      return fail(what + " has no 'indices'");
    for (const json::Value &index : *indices) {
      std::optional<std::string> text = scalarText(&index);
      if (!text)
        return fail(what + " has a non-string index");
      ranges.push_back({*text, *text, "1"});
    }
    return ranges;
  }
  if (type != "Range")
    return fail(what + " has type '" + type +
                "', which is not supported (SubsetRange, Indices)");
  const json::Array *array = subset->getArray("ranges");
  if (!array)
    return fail(what + " has no 'ranges'");
  for (const json::Value &entry : *array) {
    const json::Object *range = entry.getAsObject();
    std::optional<std::string> start, end, step, tile;
    if (range) {
      start = scalarText(range->get("start"));
      end = scalarText(range->get("end"));
      step = scalarText(range->get("step"));
      tile = scalarText(range->get("tile"));
    }
    if (!start || !end)
      return fail(what + " has a range without 'start'/'end'");
    ranges.push_back({*start, *end, step.value_or("1"), tile.value_or("1")});
  }
  return ranges;
}

FailureOr<Memlet> Importer::parseMemlet(const json::Object &edgeAttrs) {
  Memlet memlet;
  const json::Object *data = edgeAttrs.getObject("data");
  const json::Object *attrs = data ? data->getObject("attributes") : nullptr;
  if (!attrs)
    return fail("memlet without 'attributes'");
  std::optional<StringRef> name = attrs->getString("data");
  if (!name)
    return Memlet(); // An empty memlet only orders nodes.
  memlet.data = name->str();
  FailureOr<SmallVector<SubsetRange>> subset = parseSubset(
      attrs->get("subset"), "the subset of memlet '" + memlet.data + "'");
  if (failed(subset))
    return failure();
  memlet.subset = *subset;
  if (const json::Value *other = attrs->get("other_subset");
      other && other->kind() != json::Value::Null) {
    FailureOr<SmallVector<SubsetRange>> otherSubset =
        parseSubset(other, "the other subset of memlet '" + memlet.data + "'");
    if (failed(otherSubset))
      return failure();
    memlet.otherSubset = *otherSubset;
  }
  if (std::optional<StringRef> wcr = attrs->getString("wcr"))
    memlet.wcr = wcr->str();
  return memlet;
}

LogicalResult Importer::importState(const json::Object &stateJson,
                                    StringRef stateName) {
  nodes.clear();
  edges.clear();
  accesses.clear();
  lastAccess = nullptr;
  maps.clear();
  scopeNames.clear();
  taskletResults.clear();

  if (const json::Array *nodeArray = stateJson.getArray("nodes"))
    for (auto [index, value] : llvm::enumerate(*nodeArray)) {
      locate("", statePath + "/nodes/" + std::to_string(index));
      const json::Object *object = value.getAsObject();
      std::optional<StringRef> type =
          object ? object->getString("type") : std::nullopt;
      if (!type)
        return fail("state '" + stateName + "' node #" + Twine(index) +
                    " has no 'type'");
      DFNode node;
      node.id = asId(object->get("id")).value_or(index);
      node.index = index;
      node.type = type->str();
      node.label = object->getString("label").value_or("").str();
      node.attrs = object->getObject("attributes");
      node.scope = asId(object->get("scope_entry"));
      if (!node.attrs)
        return fail("state '" + stateName + "' node " + Twine(node.id) +
                    " has no 'attributes'");
      nodes[node.id] = node;
    }
  for (auto &[id, node] : nodes) {
    locate("", statePath + "/nodes/" + std::to_string(node.index));
    if (node.type == "MapExit")
      continue;
    if (node.scope &&
        (!nodes.count(*node.scope) || nodes.at(*node.scope).type != "MapEntry"))
      return fail("state '" + stateName + "' node " + Twine(id) +
                  " has a 'scope_entry' that is not a MapEntry");
  }

  if (const json::Array *edgeArray = stateJson.getArray("edges"))
    for (auto [index, value] : llvm::enumerate(*edgeArray)) {
      locate(("state '" + stateName + "' edge #" + Twine(index)).str(),
             statePath + "/edges/" + std::to_string(index));
      const json::Object *object = value.getAsObject();
      std::optional<int64_t> src =
          object ? asId(object->get("src")) : std::nullopt;
      std::optional<int64_t> dst =
          object ? asId(object->get("dst")) : std::nullopt;
      if (!src || !dst || !nodes.count(*src) || !nodes.count(*dst))
        return fail("'src'/'dst' do not name nodes of the state");
      DFEdge edge;
      edge.src = *src;
      edge.dst = *dst;
      edge.srcConn = object->getString("src_connector").value_or("").str();
      edge.dstConn = object->getString("dst_connector").value_or("").str();
      const json::Object *attrs = object->getObject("attributes");
      if (!attrs)
        return fail("no 'attributes'");
      FailureOr<Memlet> memlet = parseMemlet(*attrs);
      if (failed(memlet))
        return failure();
      if (!memlet->data.empty())
        edge.memlet = *memlet;
      edges.push_back(edge);
    }

  locate("", statePath);
  if (failed(bindViews()))
    return failure();

  // One access node per container, created up front in name order so that
  // the op order does not depend on DaCe's node numbering.
  std::set<std::string> accessed;
  for (auto &[id, node] : nodes)
    if (node.type == "AccessNode" && !node.scope)
      if (std::optional<StringRef> data = node.attrs->getString("data"))
        accessed.insert(data->str());
  for (const std::string &name : accessed) {
    auto it = containers.find(name);
    if (it != containers.end() && !it->second.isView &&
        isa<MemRefType>(it->second.value.getType()))
      access(it->second);
  }

  // Kahn's algorithm, smallest id first, so the output is deterministic.
  std::map<int64_t, int> inDegree;
  for (auto &[id, node] : nodes)
    inDegree[id] = 0;
  for (const DFEdge &edge : edges)
    ++inDegree[edge.dst];
  std::set<int64_t> ready;
  for (auto &[id, degree] : inDegree)
    if (degree == 0)
      ready.insert(id);
  size_t visited = 0;
  while (!ready.empty()) {
    int64_t id = *ready.begin();
    ready.erase(ready.begin());
    ++visited;
    const DFNode &node = nodes.at(id);
    locate(("state '" + stateName + "' node " + Twine(id) + " (" + node.type +
            " '" + node.label + "')")
               .str(),
           statePath + "/nodes/" + std::to_string(node.index));
    if (failed(importNode(node)))
      return failure();
    for (const DFEdge &edge : edges)
      if (edge.src == id && --inDegree[edge.dst] == 0)
        ready.insert(edge.dst);
  }
  if (visited != nodes.size()) {
    locate("", statePath);
    return fail("the dataflow graph of state '" + stateName + "' has a cycle");
  }
  locate("", statePath);
  return success();
}

//===----------------------------------------------------------------------===//
// Dataflow nodes
//===----------------------------------------------------------------------===//

FailureOr<Container *> Importer::container(StringRef name) {
  auto it = containers.find(name.str());
  if (it == containers.end())
    return fail("memlet names data container '" + name +
                "', which '_arrays' does not declare");
  if (it->second.isView && !it->second.viewRoot)
    return fail("view '" + name +
                "' is used in a state where no 'views' edge binds it");
  return &it->second;
}

Value Importer::access(Container &data) {
  if (data.isView)
    return access(*data.viewRoot);
  if (Value value = accesses.lookup(data.name))
    return value;
  OpBuilder::InsertionGuard guard(builder);
  if (lastAccess)
    builder.setInsertionPointAfter(lastAccess);
  else
    builder.setInsertionPointToStart(state.getBody());
  auto op = AccessOp::create(builder, loc, data.value.getType(), data.value);
  lastAccess = op;
  accesses[data.name] = op.getResult();
  if (data.isUnsigned)
    unsignedValues.insert(op.getResult());
  return op.getResult();
}

expr::Operand Importer::lookupName(StringRef name, std::optional<int64_t> scope,
                                   const llvm::StringMap<Value> *extra) {
  if (extra)
    if (Value value = extra->lookup(name))
      return operand(value);
  for (std::optional<int64_t> s = scope; s; s = parentScope(*s))
    if (Value value = scopeNames[*s].lookup(name))
      return operand(value);
  if (auto c = constants.find(name.str()); c != constants.end()) {
    const Constant &constant = c->second;
    if (constant.isArray())
      return operand(access(declareConstantArray(name.str())));
    Value value = arith::ConstantOp::create(builder, loc, constant.attr(0));
    if (constant.isUnsigned)
      unsignedValues.insert(value);
    return operand(value);
  }
  auto it = symbolTypes.find(name);
  if (it != symbolTypes.end())
    return expr::Operand(
        SymOp::create(builder, loc, it->second, builder.getStringAttr(name)),
        unsignedSymbols.contains(name));
  return {};
}

FailureOr<Value> Importer::emitIndex(StringRef text,
                                     std::optional<int64_t> scope,
                                     const llvm::StringMap<Value> *extra) {
  std::string error;
  expr::NodePtr node = parseChecked(text, error);
  if (!node)
    return fail("expression \"" + text + "\": " + error);
  SmallVector<std::string> names;
  expr::collectNames(*node, names);
  bool symbolic = llvm::all_of(names, [&](const std::string &name) {
    if (!symbolTypes.count(name))
      return false;
    if (extra && extra->count(name))
      return false;
    for (std::optional<int64_t> s = scope; s; s = parentScope(*s))
      if (scopeNames[*s].count(name))
        return false;
    return true;
  });
  if (node->kind == expr::Node::Kind::Int)
    return Value(arith::ConstantIndexOp::create(builder, loc, node->intValue));
  // Purely symbolic expressions stay symbolic: one `sdfg.sym`.
  if (symbolic && !names.empty())
    return Value(SymOp::create(builder, loc, builder.getIndexType(),
                               builder.getStringAttr(text)));
  // Integers are read as index values before any arithmetic: DaCe's
  // ranges and subsets are sympy expressions over unbounded integers, so
  // `A_row[i + 1] - 1` on unsigned data is -1 at 0, not 2^32 - 1.
  auto lookup = [&](StringRef name) {
    expr::Operand operand = lookupName(name, scope, extra);
    if (operand && isa<IntegerType>(operand.getType()) &&
        !operand.getType().isInteger(1))
      return expr::Operand(expr::castTo(builder, loc, operand.value,
                                        builder.getIndexType(),
                                        operand.isUnsigned));
    return operand;
  };
  expr::Operand value = expr::emit(builder, loc, *node, lookup,
                                   builder.getIndexType(), error);
  if (!value)
    return fail("expression \"" + text + "\": " + error);
  Value index = isa<ComplexType>(value.getType())
                    ? Value()
                    : expr::castTo(builder, loc, value.value,
                                   builder.getIndexType(), value.isUnsigned);
  if (!index)
    return fail("expression \"" + text + "\" is not an integer");
  return index;
}

FailureOr<OpFoldResult>
Importer::emitBound(StringRef text, std::optional<int64_t> scope,
                    const llvm::StringMap<Value> *extra) {
  int64_t constant;
  if (!text.trim().getAsInteger(10, constant))
    return OpFoldResult(builder.getIndexAttr(constant));
  FailureOr<Value> value = emitIndex(text, scope, extra);
  if (failed(value))
    return failure();
  return OpFoldResult(*value);
}

bool Importer::isPoint(ArrayRef<SubsetRange> subset) {
  return llvm::all_of(subset, [](const SubsetRange &range) {
    return StringRef(range.start).trim() == StringRef(range.end).trim() &&
           !range.isTiled();
  });
}

bool Importer::isFull(ArrayRef<SubsetRange> subset, const Container &data) {
  if (llvm::any_of(subset, [](const SubsetRange &r) { return r.isTiled(); }))
    return false;
  if (data.isScalar)
    return subset.size() == 1;

  if (subset.size() != data.shape.size())
    return false;
  // Symbolic equality by evaluation at a few symbol values: start == 0,
  // end == shape - 1, step == 1.
  for (int64_t probe : {5, 11, 29}) {
    auto lookup = [&](StringRef) -> std::optional<int64_t> { return probe; };
    for (auto [range, size] : llvm::zip_equal(subset, data.shape)) {
      std::string error;
      expr::NodePtr start = expr::parse(range.start, error);
      expr::NodePtr end = expr::parse(range.end, error);
      expr::NodePtr step = expr::parse(range.step, error);
      expr::NodePtr extent = expr::parse(size, error);
      if (!start || !end || !step || !extent)
        return false;
      std::optional<int64_t> s = expr::evaluateIntOrNone(*start, lookup);
      std::optional<int64_t> e = expr::evaluateIntOrNone(*end, lookup);
      std::optional<int64_t> st = expr::evaluateIntOrNone(*step, lookup);
      std::optional<int64_t> n = expr::evaluateIntOrNone(*extent, lookup);
      if (!s || !e || !st || !n || *s != 0 || *st != 1 || *e != *n - 1)
        return false;
    }
  }
  return true;
}

FailureOr<SmallVector<Value>>
Importer::pointIndices(ArrayRef<SubsetRange> subset, const Container &data,
                       std::optional<int64_t> scope,
                       const llvm::StringMap<Value> *extra) {
  SmallVector<Value> indices;
  if (data.isScalar && !data.isView)
    return indices; // Rank 0: DaCe's `[0]` addresses the only element.
  if (subset.size() != data.shape.size())
    return fail("memlet into '" + data.name + "' has " + Twine(subset.size()) +
                " dimensions but the container has " +
                Twine(data.shape.size()));
  SmallVector<std::string> starts = llvm::map_to_vector(
      subset, [](const SubsetRange &range) { return range.start; });
  for (const std::string &text : memoryIndices(data, starts)) {
    FailureOr<Value> index = emitIndex(text, scope, extra);
    if (failed(index))
      return failure();
    indices.push_back(*index);
  }
  return indices;
}

/// The number of elements a range covers, as a constant when it does not
/// depend on the symbols, else as an expression.
static std::string rangeExtent(const SubsetRange &range) {
  std::string size = "((" + range.end + ") - (" + range.start + ")) // (" +
                     range.step + ") + 1";
  std::string error;
  if (expr::NodePtr parsed = expr::parse(size, error)) {
    std::optional<int64_t> at7 = expr::evaluateIntOrNone(
        *parsed, [](StringRef) -> std::optional<int64_t> { return 7; });
    std::optional<int64_t> at13 = expr::evaluateIntOrNone(
        *parsed, [](StringRef) -> std::optional<int64_t> { return 13; });
    if (at7 && at13 && *at7 == *at13)
      return std::to_string(*at7);
  }
  return size;
}

/// Whether two extents are the same number for every symbol value tried.
static bool sameExtent(StringRef a, StringRef b) {
  if (a.trim() == b.trim())
    return true;
  std::string error;
  expr::NodePtr x = expr::parse(a, error), y = expr::parse(b, error);
  if (!x || !y)
    return false;
  for (int64_t probe : {7, 13, 29}) {
    auto lookup = [&](StringRef) -> std::optional<int64_t> { return probe; };
    std::optional<int64_t> u = expr::evaluateIntOrNone(*x, lookup);
    std::optional<int64_t> v = expr::evaluateIntOrNone(*y, lookup);
    if (!u || !v || *u != *v)
      return false;
  }
  return true;
}

/// The element at `index` as an offset in the memory `data` lives in (the
/// memory a view views): its start plus sum(index * stride).
static std::string memoryOffset(const Container &data,
                                ArrayRef<std::string> index) {
  std::string offset = data.isView ? data.viewStart : "0";
  for (auto [at, stride] : llvm::zip_equal(index, data.memoryStrides()))
    offset += " + (" + at + ") * (" + stride + ")";
  return offset;
}

SmallVector<std::string>
Importer::memoryIndices(const Container &data, ArrayRef<std::string> index) {
  if (data.isView) {
    // The element's offset in the viewed memory, then its index there.
    const Container &root = *data.viewRoot;
    std::string offset = memoryOffset(data, index);
    if (root.isScalar)
      return {};
    if (root.isFlat())
      return {offset};
    SmallVector<std::string> texts;
    for (auto [dim, stride] : llvm::enumerate(root.memoryStrides())) {
      std::string text = "((" + offset + ") // (" + stride + "))";
      if (dim > 0)
        text += " % (" + root.shape[dim] + ")";
      texts.push_back(text);
    }
    return texts;
  }
  if (data.isFlat())
    return {memoryOffset(data, index)};
  return SmallVector<std::string>(index.begin(), index.end());
}

LogicalResult Importer::importNode(const DFNode &node) {
  if (node.type == "MapEntry")
    return importMapEntry(node);
  if (node.type == "MapExit")
    return success(); // Its memlets are the stores of the tasklets inside.
  if (node.type == "Tasklet")
    return importTasklet(node);
  if (node.type == "AccessNode")
    return importAccessNode(node);
  if (node.type == "NestedSDFG")
    return importNestedSDFG(node);
  if (node.type == "LibraryNode")
    return importLibraryNode(node);
  return fail("node type '" + node.type +
              "' is not supported (AccessNode, MapEntry, MapExit, Tasklet, "
              "NestedSDFG, LibraryNode)");
}

LogicalResult Importer::importMapEntry(const DFNode &node) {
  const json::Array *params = node.attrs->getArray("params");
  const json::Object *range = node.attrs->getObject("range");
  if (!params || !range)
    return fail("'params' or 'range' is missing");
  FailureOr<SmallVector<SubsetRange>> ranges =
      parseSubset(node.attrs->get("range"), "the map range");
  if (failed(ranges))
    return failure();
  for (const SubsetRange &dim : *ranges)
    if (dim.isTiled())
      return fail("the map range has tile size '" + dim.tile +
                  "', which is not supported");
  if (ranges->size() != params->size() || params->empty())
    return fail("has " + Twine(params->size()) + " parameters but " +
                Twine(ranges->size()) + " ranges");

  StringRef scheduleName =
      node.attrs->getString("schedule").value_or("Default");
  // DaCe's Default: a nested map runs sequentially, an outermost one in
  // parallel. Unrolled is a sequential loop DaCe unrolls when it emits code.
  std::optional<ScheduleKind> schedule =
      scheduleName == "Default"
          ? std::optional(node.scope ? ScheduleKind::Sequential
                                     : ScheduleKind::CPUMulticore)
      : scheduleName == "Unrolled"
          ? std::optional(ScheduleKind::Sequential)
          : dace::kindNamed(dace::kScheduleNames, scheduleName);
  if (!schedule)
    return fail("schedule '" + scheduleName +
                "' is not supported (Default, Unrolled, " +
                dace::nameList(dace::kScheduleNames) + ")");

  // Dynamic map range connectors: values read in the enclosing scope.
  setInsertionInto(node.scope);
  llvm::StringMap<Value> connectors;
  for (const DFEdge &edge : edges) {
    if (edge.dst != node.id || !edge.memlet ||
        StringRef(edge.dstConn).starts_with("IN_") || edge.dstConn.empty())
      continue;
    FailureOr<Container *> data = container(edge.memlet->data);
    if (failed(data))
      return failure();
    if (!isPoint(*edge.memlet->subset))
      return fail("dynamic range connector '" + edge.dstConn +
                  "' reads more than one element");
    FailureOr<SmallVector<Value>> indices =
        pointIndices(*edge.memlet->subset, **data, node.scope);
    if (failed(indices))
      return failure();
    if (!isa<MemRefType>((*data)->value.getType())) {
      connectors[edge.dstConn] = (*data)->value;
      continue;
    }
    connectors[edge.dstConn] = load(**data, *indices);
  }

  SmallVector<OpFoldResult> lbs, ubs, steps;
  for (const SubsetRange &dim : *ranges) {
    FailureOr<OpFoldResult> lb = emitBound(dim.start, node.scope, &connectors);
    FailureOr<OpFoldResult> ub =
        succeeded(lb) ? emitBound(dim.end, node.scope, &connectors)
                      : FailureOr<OpFoldResult>(failure());
    FailureOr<OpFoldResult> step =
        succeeded(ub) ? emitBound(dim.step, node.scope, &connectors)
                      : FailureOr<OpFoldResult>(failure());
    if (failed(step))
      return failure();
    if (std::optional<int64_t> constant = getConstantIntValue(*step);
        constant && *constant == 0)
      return fail("a map step is zero");
    lbs.push_back(*lb);
    ubs.push_back(*ub);
    steps.push_back(*step);
  }
  auto map = MapOp::create(builder, loc, lbs, ubs, steps, *schedule);
  maps[node.id] = map;
  llvm::StringMap<Value> &names = scopeNames[node.id];
  for (auto [param, value] : llvm::zip_equal(*params, map.getParams())) {
    std::optional<StringRef> name = param.getAsString();
    if (!name || !isIdentifier(*name))
      return fail("a map parameter is not an identifier");
    names[*name] = value;
  }
  for (auto &entry : connectors)
    names[entry.getKey()] = entry.getValue();
  return success();
}

/// Recognizes DaCe's write-conflict lambdas: `lambda a, b: a + b` etc.
static std::optional<WCRKind> parseWCR(StringRef text) {
  text = text.trim();
  while (text.starts_with("(") && text.ends_with(")"))
    text = text.drop_front().drop_back().trim();
  if (!text.consume_front("lambda"))
    return std::nullopt;
  std::pair<StringRef, StringRef> parts = text.split(':');
  StringRef body = parts.second;
  std::pair<StringRef, StringRef> params = parts.first.split(',');
  StringRef lhs = params.first.trim();
  StringRef rhs = params.second.trim();
  std::string error;
  expr::NodePtr node = expr::parse(body.trim(), error);
  if (!node || lhs.empty() || rhs.empty())
    return std::nullopt;
  auto isArgs = [&](const expr::Node &n) {
    if (n.operands.size() != 2)
      return false;
    const expr::Node &a = *n.operands[0], &b = *n.operands[1];
    return a.kind == expr::Node::Kind::Name &&
           b.kind == expr::Node::Kind::Name &&
           ((a.text == lhs && b.text == rhs) ||
            (a.text == rhs && b.text == lhs));
  };
  if (!isArgs(*node))
    return std::nullopt;
  if (node->isBinary(expr::Operator::Add))
    return WCRKind::Add;
  if (node->isBinary(expr::Operator::Mul))
    return WCRKind::Mul;
  if (node->kind == expr::Node::Kind::Call &&
      (node->text == "min" || node->text == "Min"))
    return WCRKind::Min;
  if (node->kind == expr::Node::Kind::Call &&
      (node->text == "max" || node->text == "Max"))
    return WCRKind::Max;
  return std::nullopt;
}

FailureOr<std::optional<WCRKind>>
Importer::storeWCR(StringRef text) {
  if (text.empty())
    return std::optional<WCRKind>();
  std::optional<WCRKind> wcr = parseWCR(text);
  if (!wcr)
    return fail("write-conflict resolution '" + text +
                "' is not supported (a + b, a * b, min, max)");
  // Min and max into unsigned data compare unsigned: the lowering reads
  // the container's `unsigned` mark.
  return wcr;
}

/// The dimensions a memlet subset has as an array, in DaCe's order: one per
/// dimension of more than one element (its steps), then one per tiled
/// dimension (the offset inside a tile), as DaCe's Range indexes them.
struct SubsetShape {
  struct Dim {
    size_t of;       // the container dimension
    bool tile;       // the offset inside a tile rather than the step
    std::string extent;
  };
  SmallVector<Dim> dims;
};

/// With `squeezed`, dimensions of one element (start == end) are left out.
static SubsetShape shapeOf(ArrayRef<SubsetRange> subset, bool squeezed = true) {
  SubsetShape shape;
  for (auto [dim, range] : llvm::enumerate(subset)) {
    if (squeezed &&
        StringRef(range.start).trim() == StringRef(range.end).trim())
      continue;
    shape.dims.push_back(
        {dim, false,
         StringRef(range.step).trim() == "1"
             ? "(" + range.end + ") - (" + range.start + ") + 1"
             : "int_ceil((" + range.end + ") + 1 - (" + range.start + "), " +
                   range.step + ")"});
  }
  for (auto [dim, range] : llvm::enumerate(subset))
    if (range.isTiled())
      shape.dims.push_back({dim, true, range.tile});
  return shape;
}

/// The element of `subset` at `index` (one expression per dimension of
/// `shape`), as a point subset.
static SmallVector<SubsetRange> elementOf(ArrayRef<SubsetRange> subset,
                                          const SubsetShape &shape,
                                          ArrayRef<std::string> index) {
  SmallVector<std::string> at =
      llvm::map_to_vector(subset, [](const SubsetRange &r) { return r.start; });
  for (auto [dim, k] : llvm::zip_equal(shape.dims, index)) {
    const SubsetRange &range = subset[dim.of];
    at[dim.of] = "(" + at[dim.of] + ") + " +
                 (dim.tile || StringRef(range.step).trim() == "1"
                      ? k
                      : "(" + k + ") * (" + range.step + ")");
  }
  return llvm::map_to_vector(
      at, [](const std::string &i) { return SubsetRange{i, i, "1"}; });
}

LogicalResult
Importer::indexThroughLayout(expr::Node &node,
                             const llvm::StringMap<ArrayConnector> &layouts) {
  for (expr::NodePtr &operand : node.operands)
    if (failed(indexThroughLayout(*operand, layouts)))
      return failure();
  auto it = layouts.find(node.text);
  if (node.kind != expr::Node::Kind::Subscript || it == layouts.end())
    return success();
  const Container &data = *it->second.data;
  SmallVector<std::string> index = llvm::map_to_vector(
      node.operands, [](const expr::NodePtr &op) { return expr::print(*op); });
  // Indices into part of a container count from the subset's start in its
  // steps; a tiled dimension takes a second index, after all the others
  // (DaCe's Range); dimensions of one element may be left out (DaCe
  // squeezes them), and are at their start.
  if (const auto &subset = it->second.subset) {
    SubsetShape shape = shapeOf(*subset);
    if (index.size() != shape.dims.size())
      if (SubsetShape full = shapeOf(*subset, /*squeezed=*/false);
          index.size() == full.dims.size())
        shape = std::move(full);
    if (index.size() == shape.dims.size()) {
      index = llvm::map_to_vector(elementOf(*subset, shape, index),
                                  [](const SubsetRange &r) { return r.start; });
    } else {
      return fail("'" + node.text + "' is part of '" + data.name +
                  "' with " + Twine(shape.dims.size()) +
                  " dimensions but is subscripted with " +
                  Twine(node.operands.size()) + " indices");
    }
  }
  if (index.size() != data.shape.size())
    return fail("'" + node.text + "' has " + Twine(data.shape.size()) +
                " dimensions but is subscripted with " +
                Twine(node.operands.size()) + " indices");
  SmallVector<expr::NodePtr, 2> memory;
  for (const std::string &text : memoryIndices(data, index)) {
    std::string error;
    expr::NodePtr parsed = expr::parse(text, error);
    if (!parsed)
      return fail("index \"" + text + "\" into '" + node.text + "': " + error);
    memory.push_back(std::move(parsed));
  }
  node.operands = std::move(memory);
  return success();
}

FailureOr<Type>
Importer::inferAssignedType(ArrayRef<expr::Statement> statements,
                            StringRef name, ArrayRef<std::string> inNames,
                            ArrayRef<Value> inputs) {
  Block scratch;
  Type type;
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(&scratch);
    llvm::StringMap<expr::Operand> locals;
    for (auto [inName, input] : llvm::zip_equal(inNames, inputs))
      locals[inName] = operand(input);
    auto local = [&](StringRef n) { return locals.lookup(n); };
    std::string error;
    for (const expr::Statement &statement : statements) {
      if (statement.subscript)
        continue;
      expr::Operand value = expr::emit(builder, loc, *statement.value, local,
                                       builder.getI64Type(), error);
      if (!value)
        break;
      locals[statement.target] = value;
      if (statement.target == name)
        type = value.getType();
    }
  }
  while (!scratch.empty()) {
    scratch.back().dropAllUses();
    scratch.back().erase();
  }
  if (!type)
    return failure();
  return type;
}

LogicalResult Importer::importTasklet(const DFNode &node) {
  // DaCe leaves out code equal to its default, the empty Python block.
  const json::Object *code = node.attrs->getObject("code");
  if (!code && node.attrs->get("code") &&
      node.attrs->get("code")->kind() != json::Value::Null)
    return fail("'code' is not a code block");
  StringRef language =
      code ? code->getString("language").value_or("Python") : "Python";
  if (language != "Python")
    return fail("tasklet language '" + language +
                "' is not supported (only Python)");
  StringRef source = code ? code->getString("string_data").value_or("") : "";
  std::string error;
  FailureOr<SmallVector<expr::Statement>> statements =
      expr::parseStatements(source, error);
  if (failed(statements))
    return fail("code \"" + abbreviated(source) + "\": " + error);

  // Connectors, sorted by name (JSON objects have no order).
  auto connectorNames = [&](StringRef key) {
    SmallVector<std::string> names;
    if (const json::Object *object = node.attrs->getObject(key))
      for (const auto &entry : *object)
        names.push_back(entry.first.str());
    llvm::sort(names);
    return names;
  };
  SmallVector<std::string> inNames = connectorNames("in_connectors");
  SmallVector<std::string> outNames = connectorNames("out_connectors");
  // The (last) memlet leaving an out-connector.
  auto outMemlet = [&](StringRef name) -> const DFEdge * {
    const DFEdge *out = nullptr;
    for (const DFEdge &edge : edges)
      if (edge.src == node.id && edge.srcConn == name && edge.memlet)
        out = &edge;
    return out;
  };
  // An out-connector no edge leaves writes nothing: what the code assigns
  // it is dropped.
  llvm::erase_if(outNames, [&](const std::string &name) {
    return llvm::none_of(edges, [&](const DFEdge &edge) {
      return edge.src == node.id && edge.srcConn == name;
    });
  });
  // An array out-connector (a memlet of more than one element) the code
  // never assigns is a pointer DaCe's C++ leaves alone: nothing is
  // written. (A scalar one would be written uninitialized: an error below.)
  llvm::erase_if(outNames, [&](const std::string &name) {
    bool assigned = llvm::any_of(*statements, [&](const expr::Statement &s) {
      return s.target == name;
    });
    const DFEdge *out = outMemlet(name);
    return !assigned && out && out->memlet->subset &&
           !isPoint(*out->memlet->subset);
  });

  setInsertionInto(node.scope);
  SmallVector<Value> inputs;
  llvm::StringMap<ArrayConnector> layouts;
  for (const std::string &name : inNames) {
    const DFEdge *in = nullptr;
    for (const DFEdge &edge : edges)
      if (edge.dst == node.id && edge.dstConn == name)
        in = &edge;
    // From a code node the value flows whether or not the memlet names
    // data (DaCe leaves it empty between tasklets).
    if (!in || (!in->memlet && !takesValue(in->src)))
      return fail("in-connector '" + name + "' has no incoming memlet");
    if (takesValue(in->src)) {
      auto it = taskletResults.find({in->src, in->srcConn});
      if (it == taskletResults.end())
        return fail("in-connector '" + name +
                    "' reads an unknown tasklet output");
      inputs.push_back(it->second);
      continue;
    }
    FailureOr<Container *> data = container(in->memlet->data);
    if (failed(data))
      return failure();
    if (in->memlet->otherSubset)
      return fail("memlet into '" + name +
                  "' has an 'other_subset', which is not supported");
    if (!isa<MemRefType>((*data)->value.getType())) {
      inputs.push_back((*data)->value); // A scalar argument, by value.
      continue;
    }
    ArrayRef<SubsetRange> subset = *in->memlet->subset;
    if (isPoint(subset)) {
      FailureOr<SmallVector<Value>> indices =
          pointIndices(subset, **data, node.scope);
      if (failed(indices))
        return failure();
      inputs.push_back(load(**data, *indices));
    } else if (isFull(subset, **data)) {
      if ((*data)->isFlat() || (*data)->isView)
        layouts[name] = {*data, std::nullopt};
      inputs.push_back(access(**data));
    } else {
      // Part of a container: indices into the connector count from the
      // subset's start, in its steps (and tiles).
      layouts[name] = {*data, SmallVector<SubsetRange>(subset)};
      inputs.push_back(access(**data));
    }
  }

  // Out-connectors the code assigns by subscript (`b[0] = ...`) write a
  // whole array: the tasklet gets the container and stores into it.
  llvm::StringMap<Container *> arrayOuts;
  for (const expr::Statement &statement : *statements) {
    if (!statement.subscript || arrayOuts.count(statement.target))
      continue;
    const std::string &name = statement.target;
    const DFEdge *out = outMemlet(name);
    if (!out || !llvm::is_contained(outNames, name))
      return fail("code \"" + abbreviated(source) + "\" assigns to '" +
                  expr::print(*statement.subscript) +
                  "', but '" + name + "' is not an out-connector");
    FailureOr<Container *> data = container(out->memlet->data);
    if (failed(data))
      return failure();
    ArrayRef<SubsetRange> subset = *out->memlet->subset;
    if (!out->memlet->wcr.empty() ||
        !isa<MemRefType>((*data)->value.getType()))
      return fail("out-connector '" + name + "' is assigned by subscript, " +
                  "which needs a memlet into an array without " +
                  "write-conflict resolution");
    arrayOuts[name] = *data;
    if (!isFull(subset, **data))
      layouts[name] = {*data, SmallVector<SubsetRange>(subset)};
    else if ((*data)->isFlat() || (*data)->isView)
      layouts[name] = {*data, std::nullopt};
    llvm::erase(outNames, name);
    inNames.push_back(name);
    inputs.push_back(access(**data));
  }
  if (!layouts.empty())
    for (expr::Statement &statement : *statements) {
      if (failed(indexThroughLayout(*statement.value, layouts)))
        return failure();
      if (statement.subscript &&
          failed(indexThroughLayout(*statement.subscript, layouts)))
        return failure();
    }

  // Code may read symbols and map parameters directly: pass them in.
  llvm::StringSet<> known;
  for (const std::string &name : inNames)
    known.insert(name);
  for (const expr::Statement &statement : *statements) {
    SmallVector<std::string> names;
    expr::collectNames(*statement.value, names);
    if (statement.subscript)
      for (const expr::NodePtr &index : statement.subscript->operands)
        expr::collectNames(*index, names);
    for (const std::string &name : names) {
      if (known.contains(name))
        continue;
      if (expr::Operand value = lookupName(name, node.scope)) {
        inNames.push_back(name);
        inputs.push_back(value.value);
        if (value.isUnsigned)
          unsignedValues.insert(value.value);
      }
      known.insert(name);
    }
    known.insert(statement.target);
  }

  // Output types come from the containers the out-memlets write.
  SmallVector<Type> resultTypes;
  SmallVector<bool> resultUnsigned;
  for (const std::string &name : outNames) {
    const DFEdge *out = outMemlet(name);
    if (!out) {
      // Only empty memlets into code nodes (DaCe leaves such a connector's
      // type to inference): the type of what the code assigns.
      bool toCode = llvm::all_of(edges, [&](const DFEdge &edge) {
        return edge.src != node.id || edge.srcConn != name ||
               takesValue(edge.dst);
      });
      FailureOr<Type> inferred =
          toCode ? inferAssignedType(*statements, name, inNames, inputs)
                 : FailureOr<Type>(failure());
      if (failed(inferred))
        return fail("out-connector '" + name + "' has no outgoing memlet");
      resultTypes.push_back(*inferred);
      resultUnsigned.push_back(false);
      continue;
    }
    FailureOr<Container *> data = container(out->memlet->data);
    if (failed(data))
      return failure();
    resultTypes.push_back((*data)->elementType);
    resultUnsigned.push_back((*data)->isUnsigned);
  }

  auto tasklet = TaskletOp::create(builder, loc, resultTypes, inputs);
  tasklet.setInConnectorsAttr(builder.getStrArrayAttr(
      SmallVector<StringRef>(inNames.begin(), inNames.end())));
  tasklet.setOutConnectorsAttr(builder.getStrArrayAttr(
      SmallVector<StringRef>(outNames.begin(), outNames.end())));
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(tasklet.getBody());
    llvm::StringMap<expr::Operand> locals;
    llvm::StringSet<> assigned;
    for (auto [name, arg, input] :
         llvm::zip_equal(inNames, tasklet.getBody()->getArguments(), inputs))
      locals[name] = expr::Operand(arg, unsignedValues.contains(input));
    auto local = [&](StringRef name) { return locals.lookup(name); };
    for (const expr::Statement &statement : *statements) {
      if (statement.subscript) {
        Container &data = *arrayOuts.lookup(statement.target);
        expr::Operand value =
            expr::emit(builder, loc, *statement.value, local,
                       builder.getI64Type(), error, data.elementType);
        SmallVector<Value> indices;
        for (const expr::NodePtr &index : statement.subscript->operands) {
          expr::Operand at =
              value ? expr::emit(builder, loc, *index, local,
                                 builder.getIndexType(), error)
                    : expr::Operand();
          Value cast = at ? expr::castTo(builder, loc, at.value,
                                         builder.getIndexType(), at.isUnsigned)
                          : Value();
          if (!cast)
            return fail("code \"" + abbreviated(source) + "\": " +
                        (error.empty() ? "an index is not an integer" : error));
          indices.push_back(cast);
        }
        Value memref = locals.lookup(statement.target).value;
        if (indices.size() !=
            static_cast<size_t>(cast<MemRefType>(memref.getType()).getRank()))
          return fail("'" + statement.target + "' has " +
                      Twine(data.shape.size()) +
                      " dimensions but is assigned with " +
                      Twine(statement.subscript->operands.size()) + " indices");
        Value element = expr::castTo(builder, loc, value.value,
                                     data.elementType, value.isUnsigned,
                                     data.isUnsigned);
        if (!element)
          return fail("'" + statement.target + "' holds " +
                      typeString(data.elementType) + " but is assigned a " +
                      typeString(value.getType()));
        memref::StoreOp::create(builder, loc, element, memref, indices);
        continue;
      }
      // An integer literal written to an integer out-connector takes its
      // type directly.
      Type intType = builder.getI64Type(), destination;
      for (auto [name, type] : llvm::zip_equal(outNames, resultTypes))
        if (name == statement.target) {
          destination = type;
          if (isa<IntegerType>(type) && !type.isInteger(1))
            intType = type;
        }
      expr::Operand value = expr::emit(builder, loc, *statement.value, local,
                                       intType, error, destination);
      if (!value)
        return fail("code \"" + abbreviated(source) + "\": " + error);
      locals[statement.target] = value;
      assigned.insert(statement.target);
    }
    SmallVector<Value> results;
    for (auto [name, type, isUnsigned] :
         llvm::zip_equal(outNames, resultTypes, resultUnsigned)) {
      expr::Operand value = locals.lookup(name);
      if (!assigned.contains(name))
        return fail("code \"" + abbreviated(source) + "\" does not assign out-connector '" +
                    name + "'");
      Value cast = expr::castTo(builder, loc, value.value, type,
                                value.isUnsigned, isUnsigned);
      if (!cast)
        return fail("out-connector '" + name + "' gets a " +
                    typeString(value.getType()) + " but writes " +
                    typeString(type));
      results.push_back(cast);
    }
    ReturnOp::create(builder, loc, results);
  }

  // Memlets out of the tasklet: values for other tasklets, stores otherwise.
  builder.setInsertionPointAfter(tasklet);
  for (auto [name, result] : llvm::zip_equal(outNames, tasklet.getResults())) {
    for (const DFEdge &edge : edges) {
      if (edge.src != node.id || edge.srcConn != name)
        continue;
      if (takesValue(edge.dst)) {
        taskletResults[{node.id, name}] = result;
        if (!edge.memlet)
          continue; // An empty memlet: the value, untyped by data.
        if (FailureOr<Container *> data = container(edge.memlet->data);
            succeeded(data) && (*data)->isUnsigned)
          unsignedValues.insert(result);
        continue;
      }
      if (!edge.memlet)
        continue;
      FailureOr<Container *> data = container(edge.memlet->data);
      if (failed(data))
        return failure();
      if (!isa<MemRefType>((*data)->value.getType()))
        return fail("out-connector '" + name + "' writes scalar argument '" +
                    (*data)->name + "', which is passed by value");
      if (edge.memlet->otherSubset)
        return fail("memlet out of '" + name +
                    "' has an 'other_subset', which is not supported");
      if (!isPoint(*edge.memlet->subset))
        return fail("memlet out of '" + name +
                    "' writes more than one "
                    "element of '" +
                    (*data)->name + "'");
      FailureOr<std::optional<WCRKind>> wcr =
          storeWCR(edge.memlet->wcr);
      if (failed(wcr))
        return failure();
      FailureOr<SmallVector<Value>> indices =
          pointIndices(*edge.memlet->subset, **data, node.scope);
      if (failed(indices))
        return failure();
      StoreOp::create(builder, loc, result, access(**data), *indices,
                      *wcr ? WCRKindAttr::get(context, **wcr) : WCRKindAttr());
    }
  }
  return success();
}

LogicalResult Importer::importAccessNode(const DFNode &node) {
  std::optional<StringRef> name = node.attrs->getString("data");
  if (!name)
    return fail("'data' is missing");
  FailureOr<Container *> target = container(*name);
  if (failed(target))
    return failure();
  if (node.scope) {
    if (isLocalValue(node.id))
      return importLocalValue(node, **target);
    return importScopedAccess(node, **target);
  }
  if (isa<MemRefType>((*target)->value.getType()))
    access(**target);

  // Copies from other access nodes.
  for (const DFEdge &edge : edges) {
    if (edge.dst != node.id || !edge.memlet ||
        nodes.at(edge.src).type != "AccessNode")
      continue;
    std::optional<StringRef> sourceName =
        nodes.at(edge.src).attrs->getString("data");
    FailureOr<Container *> source = container(sourceName.value_or(""));
    if (failed(source))
      return failure();
    if (!edge.memlet->wcr.empty())
      return fail("a copy with write-conflict resolution is not supported");
    // `subset` belongs to the memlet's data, `other_subset` to the other
    // end; a missing one covers its whole container.
    std::optional<SmallVector<SubsetRange>> sourceSubset, targetSubset;
    if (edge.memlet->data == (*source)->name) {
      sourceSubset = edge.memlet->subset;
      targetSubset = edge.memlet->otherSubset;
    } else {
      targetSubset = edge.memlet->subset;
      sourceSubset = edge.memlet->otherSubset;
    }
    auto full = [&](const std::optional<SmallVector<SubsetRange>> &subset,
                    const Container &data) {
      return !subset || isFull(*subset, data);
    };
    auto point = [&](const std::optional<SmallVector<SubsetRange>> &subset,
                     const Container &data) -> bool {
      if (subset)
        return isPoint(*subset);
      if (data.isScalar)
        return true;
      return llvm::all_of(data.shape,
                          [](const std::string &dim) { return dim == "1"; });
    };
    if (!isa<MemRefType>((*source)->value.getType()) ||
        !isa<MemRefType>((*target)->value.getType()))
      return fail("copies between scalar arguments are not supported");
    setInsertionInto(std::nullopt);
    auto byElement = [](const Container &data) {
      return data.isFlat() || data.isView;
    };
    if (full(sourceSubset, **source) && full(targetSubset, **target) &&
        !(*source)->isScalar && !(*target)->isScalar &&
        !byElement(**source) && !byElement(**target)) {
      // A copy between shapes of one size (a reshape) goes element by
      // element in row-major order.
      auto sourceType = cast<MemRefType>((*source)->value.getType());
      auto targetType = cast<MemRefType>((*target)->value.getType());
      bool sameShape = sourceType.getRank() == targetType.getRank();
      for (int64_t dim = 0; sameShape && dim < sourceType.getRank(); ++dim)
        sameShape = sourceType.isDynamicDim(dim) ||
                    targetType.isDynamicDim(dim) ||
                    sourceType.getDimSize(dim) == targetType.getDimSize(dim);
      if (!sameShape) {
        if (failed(copyReshaped(**source, **target)))
          return failure();
        continue;
      }
      CopyOp::create(builder, loc, access(**source), access(**target));
      continue;
    }
    if (point(sourceSubset, **source) && point(targetSubset, **target)) {
      auto zeros = [&](const Container &data) {
        return SmallVector<SubsetRange>(data.isScalar ? 1 : data.shape.size(),
                                        SubsetRange{"0", "0", "1"});
      };
      FailureOr<SmallVector<Value>> from = pointIndices(
          sourceSubset.value_or(zeros(**source)), **source, std::nullopt);
      if (failed(from))
        return failure();
      FailureOr<SmallVector<Value>> to = pointIndices(
          targetSubset.value_or(zeros(**target)), **target, std::nullopt);
      if (failed(to))
        return failure();
      Value value = LoadOp::create(builder, loc, (*source)->elementType,
                                   access(**source), *from);
      if ((*source)->elementType != (*target)->elementType)
        return fail("copy from '" + (*source)->name + "' to '" +
                    (*target)->name + "' changes the element type");
      StoreOp::create(builder, loc, value, access(**target), *to,
                      WCRKindAttr());
      continue;
    }
    if (failed(copyElementwise(
            **source, sourceSubset.value_or(wholeSubset(**source)), **target,
            targetSubset.value_or(wholeSubset(**target)))))
      return failure();
  }
  return success();
}

LogicalResult Importer::copyElementwise(Container &source,
                                        ArrayRef<SubsetRange> sourceSubset,
                                        Container &target,
                                        ArrayRef<SubsetRange> targetSubset) {
  std::string what = "copy from '" + source.name + "' to '" + target.name + "'";
  for (ArrayRef<SubsetRange> subset : {sourceSubset, targetSubset})
    for (const SubsetRange &range : subset) {
      int64_t step;
      if (StringRef(range.step).trim().getAsInteger(10, step) || step <= 0)
        return fail(what + " has step '" + range.step +
                    "'; only positive constant steps are supported");
    }
  if (source.elementType != target.elementType)
    return fail(what + " changes the element type");
  SubsetShape from = shapeOf(sourceSubset), to = shapeOf(targetSubset);
  auto volume = [](const SubsetShape &shape) {
    std::string text = "1";
    for (const SubsetShape::Dim &dim : shape.dims)
      text += " * (" + dim.extent + ")";
    return text;
  };
  auto differ = [&](const std::string &a, const std::string &b) {
    for (int64_t probe : {5, 11}) {
      std::optional<int64_t> x = valueOf(a, probe), y = valueOf(b, probe);
      if (x && y && *x != *y)
        return true;
    }
    return false;
  };
  // The same shape on both sides: one map dimension per array dimension.
  // Otherwise (a tiled subset into a dense array, say) DaCe copies in
  // row-major order: one map over the elements, each side delinearizing.
  bool paired = from.dims.size() == to.dims.size() &&
                llvm::none_of(llvm::zip_equal(from.dims, to.dims), [&](auto d) {
                  return differ(std::get<0>(d).extent, std::get<1>(d).extent);
                });
  if (!paired && differ(volume(from), volume(to)))
    return fail(what + " copies extents that differ");
  SmallVector<std::string> extents =
      paired ? llvm::map_to_vector(from.dims,
                                   [](auto &dim) { return dim.extent; })
             : SmallVector<std::string>{volume(from)};
  if (!paired && from.dims.empty())
    extents.clear();

  OpBuilder::InsertionGuard guard(builder);
  setInsertionInto(std::nullopt);
  llvm::StringMap<Value> names;
  SmallVector<Value> params;
  if (!extents.empty()) {
    FailureOr<SmallVector<Value>> mapParams = beginMap(extents);
    if (failed(mapParams))
      return failure();
    params = *mapParams;
  }
  for (auto [k, param] : llvm::enumerate(params))
    names["__pk_copy" + std::to_string(k)] = param;
  auto indexOf = [&](const SubsetShape &shape) {
    SmallVector<std::string> index;
    if (paired) {
      for (size_t k = 0; k < shape.dims.size(); ++k)
        index.push_back("__pk_copy" + std::to_string(k));
      return index;
    }
    // Row-major delinearization of the one map parameter.
    std::string inner = "1";
    for (const SubsetShape::Dim &dim : llvm::reverse(shape.dims)) {
      index.push_back("((__pk_copy0) // (" + inner + ")) % (" + dim.extent +
                      ")");
      inner += " * (" + dim.extent + ")";
    }
    std::reverse(index.begin(), index.end());
    return index;
  };
  FailureOr<SmallVector<Value>> fromIndices = pointIndices(
      elementOf(sourceSubset, from, indexOf(from)), source, std::nullopt,
      &names);
  if (failed(fromIndices))
    return failure();
  FailureOr<SmallVector<Value>> toIndices = pointIndices(
      elementOf(targetSubset, to, indexOf(to)), target, std::nullopt, &names);
  if (failed(toIndices))
    return failure();
  Value value = load(source, *fromIndices);
  StoreOp::create(builder, loc, value, access(target), *toIndices,
                  WCRKindAttr());
  return success();
}

LogicalResult Importer::copyReshaped(Container &source, Container &target) {
  auto total = [](const Container &data) {
    std::string size = "1";
    for (const std::string &dim : data.shape)
      size += " * (" + dim + ")";
    return size;
  };
  std::string size = total(source);
  for (int64_t probe : {5, 11}) {
    auto lookup = [&](StringRef) -> std::optional<int64_t> { return probe; };
    std::string error;
    expr::NodePtr a = expr::parse(size, error);
    expr::NodePtr b = expr::parse(total(target), error);
    std::optional<int64_t> x =
        a ? expr::evaluateIntOrNone(*a, lookup) : std::nullopt;
    std::optional<int64_t> y =
        b ? expr::evaluateIntOrNone(*b, lookup) : std::nullopt;
    if (x && y && *x != *y)
      return fail("copy from '" + source.name + "' to '" + target.name +
                  "' between shapes of different sizes");
  }
  if (source.elementType != target.elementType)
    return fail("copy from '" + source.name + "' to '" + target.name +
                "' changes the element type");
  OpBuilder::InsertionGuard guard(builder);
  setInsertionInto(std::nullopt);
  FailureOr<SmallVector<Value>> params = beginMap({size});
  if (failed(params))
    return failure();
  llvm::StringMap<Value> names;
  names["__pk_copy0"] = (*params)[0];
  auto delinearize = [](const Container &data) {
    SmallVector<std::string> strides = data.memoryStrides();
    SmallVector<SubsetRange> point;
    for (auto [dim, stride] : llvm::enumerate(strides)) {
      std::string index = "((__pk_copy0) // (" + stride + "))";
      if (dim > 0)
        index += " % (" + data.shape[dim] + ")";
      point.push_back({index, index, "1"});
    }
    return point;
  };
  FailureOr<SmallVector<Value>> from =
      pointIndices(delinearize(source), source, std::nullopt, &names);
  if (failed(from))
    return failure();
  FailureOr<SmallVector<Value>> to =
      pointIndices(delinearize(target), target, std::nullopt, &names);
  if (failed(to))
    return failure();
  Value value = load(source, *from);
  StoreOp::create(builder, loc, value, access(target), *to, WCRKindAttr());
  return success();
}

LogicalResult Importer::bindViews() {
  for (auto &[name, data] : containers)
    if (data.isView) {
      data.viewRoot = nullptr;
      data.value = Value();
    }
  // Each view's `views` edge: the container it views and the part of it.
  std::map<std::string, std::pair<std::string, SmallVector<SubsetRange>>>
      links;
  for (auto &[id, node] : nodes) {
    if (node.type != "AccessNode")
      continue;
    std::string name = node.attrs->getString("data").value_or("").str();
    auto it = containers.find(name);
    if (it == containers.end() || !it->second.isView)
      continue;
    for (DFEdge &edge : edges) {
      bool out = edge.src == id && edge.srcConn == "views";
      bool in = edge.dst == id && edge.dstConn == "views";
      if ((!out && !in) || !edge.memlet)
        continue;
      const DFNode &other = nodes.at(out ? edge.dst : edge.src);
      std::string base = other.type == "AccessNode"
                             ? other.attrs->getString("data").value_or("").str()
                             : "";
      auto baseIt = containers.find(base);
      if (baseIt == containers.end())
        return fail("view '" + name +
                    "' views something other than a data container");
      SmallVector<SubsetRange> subset;
      if (edge.memlet->data == base)
        subset = *edge.memlet->subset;
      else if (edge.memlet->otherSubset)
        subset = *edge.memlet->otherSubset;
      else
        subset = wholeSubset(baseIt->second);
      auto [link, inserted] = links.insert({name, {base, subset}});
      if (!inserted && link->second.first != base)
        return fail("view '" + name + "' views both '" + link->second.first +
                    "' and '" + base + "'");
      // The view aliases that memory: the edge copies nothing.
      edge.memlet.reset();
    }
  }
  std::function<LogicalResult(Container &, int)> resolve =
      [&](Container &view, int depth) -> LogicalResult {
    auto it = links.find(view.name);
    if (view.viewRoot || it == links.end())
      return success();
    if (depth > 32)
      return fail("the views of '" + view.name + "' form a cycle");
    Container &base = containers[it->second.first];
    if (base.isView) {
      if (failed(resolve(base, depth + 1)))
        return failure();
      if (!base.viewRoot)
        return fail("view '" + view.name + "' views view '" + base.name +
                    "', which nothing binds");
    }
    const SmallVector<SubsetRange> &subset = it->second.second;
    std::string offset = base.isView ? base.viewStart : "0";
    if (!base.isScalar || base.isView) {
      SmallVector<std::string> strides = base.memoryStrides();
      if (subset.size() != strides.size())
        return fail("the 'views' memlet of '" + view.name + "' has " +
                    Twine(subset.size()) + " dimensions but '" + base.name +
                    "' has " + Twine(strides.size()));
      for (auto [range, stride] : llvm::zip_equal(subset, strides))
        offset += " + (" + range.start + ") * (" + stride + ")";
    }
    view.viewRoot = base.isView ? base.viewRoot : &base;
    view.viewStart = offset;
    view.value = view.viewRoot->value;
    if (view.elementType != view.viewRoot->elementType)
      return fail("view '" + view.name + "' of '" + view.viewRoot->name +
                  "' changes the element type");
    if (!isa<MemRefType>(view.value.getType()))
      return fail("view '" + view.name + "' views scalar argument '" +
                  view.viewRoot->name + "', which is passed by value");
    return success();
  };
  for (auto &[name, data] : containers)
    if (data.isView && failed(resolve(data, 0)))
      return failure();
  return success();
}

bool Importer::isLocalValue(int64_t id) {
  const DFNode &node = nodes.at(id);
  if (node.type != "AccessNode" || !node.scope)
    return false;
  std::optional<StringRef> name = node.attrs->getString("data");
  auto it = name ? containers.find(name->str()) : containers.end();
  if (it == containers.end() || !it->second.transient)
    return false;
  const Container &data = it->second;
  return data.isScalar ||
         llvm::all_of(data.shape, [](const std::string &dim) {
           return StringRef(dim).trim() == "1";
         });
}

LogicalResult Importer::importLocalValue(const DFNode &node, Container &data) {
  setInsertionInto(node.scope);
  Value value;
  for (const DFEdge &edge : edges) {
    if (edge.dst != node.id || !edge.memlet)
      continue;
    if (value)
      return fail("map-local value '" + data.name +
                  "' has more than one writer");
    if (takesValue(edge.src)) {
      auto it = taskletResults.find({edge.src, edge.srcConn});
      if (it == taskletResults.end())
        return fail("map-local value '" + data.name +
                    "' reads an unknown tasklet output");
      value = it->second;
      continue;
    }
    // A memlet from a container: one element of it.
    std::optional<SmallVector<SubsetRange>> subset =
        edge.memlet->data == data.name ? edge.memlet->otherSubset
                                       : edge.memlet->subset;
    StringRef sourceName = edge.memlet->data;
    if (edge.memlet->data == data.name) {
      if (nodes.at(edge.src).type != "AccessNode")
        return fail("map-local value '" + data.name +
                    "' is written by a memlet that does not name its source");
      sourceName = nodes.at(edge.src).attrs->getString("data").value_or("");
    }
    FailureOr<Container *> source = container(sourceName);
    if (failed(source))
      return failure();
    if (!isa<MemRefType>((*source)->value.getType())) {
      value = (*source)->value;
    } else {
      if (!subset || !isPoint(*subset))
        return fail("map-local value '" + data.name +
                    "' is written from more than one element of '" +
                    (*source)->name + "'");
      FailureOr<SmallVector<Value>> indices =
          pointIndices(*subset, **source, node.scope);
      if (failed(indices))
        return failure();
      value = load(**source, *indices);
    }
  }
  if (!value)
    return fail("map-local value '" + data.name + "' is read but never written");
  if (value.getType() != data.elementType)
    return fail("map-local value '" + data.name + "' holds " +
                typeString(data.elementType) + " but is written a " +
                typeString(value.getType()));
  taskletResults[{node.id, ""}] = value;

  // Memlets out of it into containers (through the map exit or to an
  // access node): stores of the value.
  for (const DFEdge &edge : edges) {
    if (edge.src != node.id || !edge.memlet || takesValue(edge.dst))
      continue;
    FailureOr<std::pair<Container *, SmallVector<SubsetRange>>> where =
        memletTarget(edge, data);
    if (failed(where))
      return failure();
    Container **target = &where->first;
    SmallVector<SubsetRange> &subset = where->second;
    if (!isa<MemRefType>((*target)->value.getType()))
      return fail("map-local value '" + data.name + "' writes scalar '" +
                  (*target)->name + "', which is passed by value");
    if (!isPoint(subset))
      return fail("map-local value '" + data.name +
                  "' writes more than one element of '" + (*target)->name +
                  "'");
    if ((*target)->elementType != data.elementType)
      return fail("map-local value '" + data.name + "' holds " +
                  typeString(data.elementType) + " but '" + (*target)->name +
                  "' holds " + typeString((*target)->elementType));
    FailureOr<std::optional<WCRKind>> wcr =
        storeWCR(edge.memlet->wcr);
    if (failed(wcr))
      return failure();
    FailureOr<SmallVector<Value>> indices =
        pointIndices(subset, **target, node.scope);
    if (failed(indices))
      return failure();
    StoreOp::create(builder, loc, value, access(**target), *indices,
                    *wcr ? WCRKindAttr::get(context, **wcr) : WCRKindAttr());
  }
  return success();
}

FailureOr<std::pair<Container *, SmallVector<SubsetRange>>>
Importer::memletTarget(const DFEdge &edge, const Container &data) {
  if (edge.memlet->data != data.name) {
    FailureOr<Container *> target = container(edge.memlet->data);
    if (failed(target))
      return failure();
    return std::make_pair(*target, *edge.memlet->subset);
  }
  const DFNode &dst = nodes.at(edge.dst);
  std::optional<StringRef> name;
  if (dst.type == "AccessNode") {
    name = dst.attrs->getString("data");
  } else if (dst.type == "MapExit" && StringRef(edge.dstConn).starts_with("IN_")) {
    std::string out = "OUT_" + edge.dstConn.substr(3);
    for (const DFEdge &next : edges)
      if (next.src == edge.dst && next.srcConn == out && next.memlet)
        name = next.memlet->data;
  }
  if (!name) {
    (void)fail("cannot tell where the memlet of '" + data.name + "' leads");
    return failure();
  }
  FailureOr<Container *> target = container(*name);
  if (failed(target))
    return failure();
  if (*target == &data)
    return std::make_pair(*target, *edge.memlet->subset);
  if (!edge.memlet->otherSubset)
    return std::make_pair(*target, otherSide(**target, *edge.memlet->subset));
  return std::make_pair(*target, *edge.memlet->otherSubset);
}

LogicalResult Importer::copyBox(Container &from,
                                ArrayRef<SubsetRange> fromSubset, Container &to,
                                ArrayRef<SubsetRange> toSubset,
                                std::optional<int64_t> scope) {
  auto boxDims = [](ArrayRef<SubsetRange> subset,
                    SmallVectorImpl<std::string> &extents) {
    SmallVector<size_t> dims;
    for (auto [dim, range] : llvm::enumerate(subset)) {
      if (range.isTiled())
        return std::optional<SmallVector<size_t>>();
      std::string extent = rangeExtent(range);
      extents.push_back(extent);
      if (extent != "1")
        dims.push_back(dim);
    }
    return std::optional<SmallVector<size_t>>(dims);
  };
  SmallVector<std::string> fromExtents, toExtents;
  std::optional<SmallVector<size_t>> fromDims = boxDims(fromSubset, fromExtents);
  std::optional<SmallVector<size_t>> toDims = boxDims(toSubset, toExtents);
  if (!fromDims || !toDims)
    return fail("copy from '" + from.name + "' to '" + to.name +
                "' inside a map scope has a tiled subset, which is not "
                "supported");
  bool same = fromDims->size() == toDims->size();
  for (size_t k = 0; same && k < fromDims->size(); ++k)
    same = sameExtent(fromExtents[(*fromDims)[k]], toExtents[(*toDims)[k]]);
  if (!same)
    return fail("copy from '" + from.name + "' to '" + to.name +
                "' inside a map scope copies extents that differ");
  OpBuilder::InsertionGuard guard(builder);
  SmallVector<std::string> extents;
  for (size_t dim : *fromDims)
    extents.push_back(fromExtents[dim]);
  FailureOr<SmallVector<Value>> params =
      beginMap(extents, ScheduleKind::Sequential, scope);
  if (failed(params))
    return failure();
  // Element k of the box: start + k * step along each copied dimension.
  llvm::StringMap<Value> extra;
  auto element = [&](ArrayRef<SubsetRange> subset, ArrayRef<size_t> dims) {
    SmallVector<SubsetRange> point(subset.begin(), subset.end());
    for (auto [k, dim] : llvm::enumerate(dims)) {
      std::string name = "__pk_copy" + std::to_string(k);
      extra[name] = (*params)[k];
      point[dim].start = "(" + subset[dim].start + ") + (" + name + ") * (" +
                         subset[dim].step + ")";
    }
    for (SubsetRange &range : point)
      range.end = range.start;
    return point;
  };
  FailureOr<SmallVector<Value>> fromIndices =
      pointIndices(element(fromSubset, *fromDims), from, scope, &extra);
  if (failed(fromIndices))
    return failure();
  FailureOr<SmallVector<Value>> toIndices =
      pointIndices(element(toSubset, *toDims), to, scope, &extra);
  if (failed(toIndices))
    return failure();
  Value value = load(from, *fromIndices);
  StoreOp::create(builder, loc, value, access(to), *toIndices, WCRKindAttr());
  return success();
}

LogicalResult Importer::importScopedAccess(const DFNode &node,
                                           Container &data) {
  if (!isa<MemRefType>(data.value.getType()))
    return fail("scalar argument '" + data.name +
                "' inside a map scope is not supported");
  // One allocation serves every iteration here: per-thread and per-block
  // data must not be shared by parallel ones.
  if (data.storage == StorageKind::CPUThreadLocal ||
      data.storage == StorageKind::GPUShared)
    for (std::optional<int64_t> s = node.scope; s; s = parentScope(*s))
      if (maps.at(*s).getSchedule() != ScheduleKind::Sequential)
        return fail("'" + data.name + "' (" +
                    stringifyStorageKind(data.storage) +
                    " storage) inside a parallel map is not supported");
  setInsertionInto(node.scope);
  auto copyElement = [&](Container &from, ArrayRef<SubsetRange> fromSubset,
                         Container &to,
                         ArrayRef<SubsetRange> toSubset) -> LogicalResult {
    if (from.elementType != to.elementType)
      return fail("copy from '" + from.name + "' to '" + to.name +
                  "' changes the element type");
    if (!isPoint(fromSubset) || !isPoint(toSubset))
      return copyBox(from, fromSubset, to, toSubset, node.scope);
    FailureOr<SmallVector<Value>> fromIndices =
        pointIndices(fromSubset, from, node.scope);
    if (failed(fromIndices))
      return failure();
    FailureOr<SmallVector<Value>> toIndices =
        pointIndices(toSubset, to, node.scope);
    if (failed(toIndices))
      return failure();
    Value value = load(from, *fromIndices);
    StoreOp::create(builder, loc, value, access(to), *toIndices,
                    WCRKindAttr());
    return success();
  };
  // A memlet naming this container with an `other_subset`, through a map
  // entry from another container, is a copy from that one: not supported
  // yet, and refused rather than read as the data already here.
  for (const DFEdge &edge : edges) {
    if (edge.dst != node.id || !edge.memlet || !edge.memlet->otherSubset ||
        edge.memlet->data != data.name ||
        nodes.at(edge.src).type != "MapEntry" ||
        !StringRef(edge.srcConn).starts_with("OUT_"))
      continue;
    std::string inConn = "IN_" + edge.srcConn.substr(4);
    for (const DFEdge &in : edges) {
      if (in.dst != edge.src || in.dstConn != inConn ||
          nodes.at(in.src).type != "AccessNode")
        continue;
      StringRef from =
          nodes.at(in.src).attrs->getString("data").value_or(data.name);
      if (from != data.name)
        return fail("the memlet into '" + data.name + "' from map entry " +
                    Twine(edge.src) + " copies from '" + from +
                    "' (a memlet of '" + data.name +
                    "' with an 'other_subset'); that is not supported");
    }
  }
  // Element copies into it from other containers (the data already in
  // it flows in without one).
  for (const DFEdge &edge : edges) {
    if (edge.dst != node.id || !edge.memlet || takesValue(edge.src) ||
        edge.memlet->data == data.name)
      continue;
    FailureOr<Container *> source = container(edge.memlet->data);
    if (failed(source))
      return failure();
    // Without an `other_subset`, DaCe copies into the start of the whole
    // destination.
    SmallVector<SubsetRange> to = edge.memlet->otherSubset.value_or(
        otherSide(data, *edge.memlet->subset));
    if (failed(copyElement(**source, *edge.memlet->subset, data, to)))
      return failure();
  }
  // Out of it: nothing where the data stays in the container, an element
  // copy otherwise.
  for (const DFEdge &edge : edges) {
    // Code nodes and library nodes read the container themselves.
    if (edge.src != node.id || !edge.memlet || takesValue(edge.dst) ||
        nodes.at(edge.dst).type == "LibraryNode")
      continue;
    if (!edge.memlet->wcr.empty())
      return fail("a copy with write-conflict resolution is not supported");
    FailureOr<std::pair<Container *, SmallVector<SubsetRange>>> target =
        memletTarget(edge, data);
    if (failed(target))
      return failure();
    if (target->first == &data)
      continue;
    SmallVector<SubsetRange> from =
        edge.memlet->data == data.name
            ? *edge.memlet->subset
            : edge.memlet->otherSubset.value_or(
                  otherSide(data, *edge.memlet->subset));
    if (failed(copyElement(data, from, *target->first, target->second)))
      return failure();
  }
  return success();
}

FailureOr<SmallVector<Value>>
Importer::beginMap(ArrayRef<std::string> extents, ScheduleKind schedule,
                   std::optional<int64_t> scope) {
  SmallVector<OpFoldResult> lbs, ubs, steps;
  for (const std::string &extent : extents) {
    FailureOr<OpFoldResult> ub = emitBound("(" + extent + ") - 1", scope);
    if (failed(ub))
      return failure();
    lbs.push_back(builder.getIndexAttr(0));
    ubs.push_back(*ub);
    steps.push_back(builder.getIndexAttr(1));
  }
  auto map = MapOp::create(builder, loc, lbs, ubs, steps, schedule);
  builder.setInsertionPoint(map.getBody()->getTerminator());
  return SmallVector<Value>(map.getParams());
}

FailureOr<Value> Importer::emitTasklet(StringRef code, ValueRange inputs,
                                       Type type) {
  std::string error;
  expr::NodePtr node = expr::parse(code, error);
  if (!node)
    return fail("expression \"" + code + "\": " + error);
  SmallVector<StringRef> names = {"a", "b", "c"};
  auto tasklet = TaskletOp::create(builder, loc, TypeRange{type}, inputs);
  tasklet.setInConnectorsAttr(builder.getStrArrayAttr(
      ArrayRef(names).take_front(inputs.size())));
  tasklet.setOutConnectorsAttr(builder.getStrArrayAttr({"out"}));
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(tasklet.getBody());
  llvm::StringMap<expr::Operand> locals;
  for (auto [name, arg] : llvm::zip(names, tasklet.getBody()->getArguments()))
    locals[name] = expr::Operand(arg, false);
  expr::Operand value = expr::emit(
      builder, loc, *node, [&](StringRef name) { return locals.lookup(name); },
      isa<IntegerType>(type) ? type : builder.getI64Type(), error);
  if (!value)
    return fail("expression \"" + code + "\": " + error);
  Value cast = expr::castTo(builder, loc, value.value, type, value.isUnsigned,
                            false);
  if (!cast)
    return fail("expression \"" + code + "\" does not convert to " +
                typeString(type));
  ReturnOp::create(builder, loc, cast);
  return tasklet.getResult(0);
}

LogicalResult Importer::importLibraryNode(const DFNode &node) {
  StringRef name = node.attrs->getString("name").value_or(node.label);
  // A Reduce inside a map reduces the box its memlets give for this
  // iteration, in sequential maps of its own.
  if (node.scope && name != "Reduce")
    return fail("library node '" + name +
                "' inside a map scope is not supported");
  // The containers on its memlets, by connector; each memlet must cover
  // its whole container, but Reduce's may cover a box of it.
  std::map<std::string, Container *> ins, outs;
  // (Reduce has one input and one output memlet.)
  std::optional<SmallVector<SubsetRange>> inBox, outBox;
  auto isBox = [](ArrayRef<SubsetRange> subset) {
    return llvm::all_of(subset, [](const SubsetRange &range) {
      return StringRef(range.step).trim() == "1" && !range.isTiled();
    });
  };
  for (const DFEdge &edge : edges) {
    bool in = edge.dst == node.id, out = edge.src == node.id;
    if ((!in && !out) || !edge.memlet)
      continue;
    FailureOr<Container *> data = container(edge.memlet->data);
    if (failed(data))
      return failure();
    if ((*data)->isFlat() || (*data)->isView)
      return fail("library node '" + name + "': '" + (*data)->name +
                  "' is a view or has non-row-major strides, which is not "
                  "supported");
    bool partial = isa<MemRefType>((*data)->value.getType()) &&
                   !(*data)->isScalar &&
                   !isFull(*edge.memlet->subset, **data);
    if (partial && name == "Reduce" && isBox(*edge.memlet->subset) &&
        edge.memlet->subset->size() == (*data)->shape.size())
      (in ? inBox : outBox) = *edge.memlet->subset;
    else if (!isa<MemRefType>((*data)->value.getType()) || partial)
      return fail("library node '" + name + "': the memlet of '" +
                  (*data)->name +
                  "' covers part of the container; only whole containers "
                  "are supported");
    if (out && !edge.memlet->wcr.empty())
      return fail("library node '" + name +
                  "': write-conflict resolution on its output is not "
                  "supported");
    (in ? ins : outs)[in ? edge.dstConn : edge.srcConn] = *data;
  }
  auto single = [&](std::map<std::string, Container *> &map,
                    StringRef what) -> Container * {
    if (map.size() != 1) {
      (void)fail("library node '" + name + "' needs one " + what +
                 " memlet, has " + Twine(map.size()));
      return nullptr;
    }
    return map.begin()->second;
  };
  auto dims = [](Container *data) {
    return data->isScalar ? SmallVector<std::string>{"1"} : data->shape;
  };
  setInsertionInto(node.scope);
  OpBuilder::InsertionGuard guard(builder);
  ScheduleKind schedule =
      node.scope ? ScheduleKind::Sequential : ScheduleKind::CPUMulticore;

  if (name == "Reduce") {
    Container *input = single(ins, "input");
    Container *output = input ? single(outs, "output") : nullptr;
    if (!output)
      return failure();
    if (input->elementType != output->elementType)
      return fail("library node 'Reduce': input and output element types "
                  "differ");
    std::string wcrText = node.attrs->getString("wcr").value_or("").str();
    std::optional<WCRKind> wcr = parseWCR(wcrText);
    if (!wcr)
      return fail("library node 'Reduce': reduction '" + wcrText +
                  "' is not supported (a + b, a * b, min, max)");
    // A memlet covering a box of its container: the reduction's operand
    // is the box (its extents), indexed from the box's start.
    auto extents = [&](Container *data,
                       const std::optional<SmallVector<SubsetRange>> &box) {
      if (!box)
        return dims(data);
      // 2*i .. 2*i + 1 has two elements for every i: a constant.
      return llvm::map_to_vector(*box, rangeExtent);
    };
    auto offsetBy = [&](const std::optional<SmallVector<SubsetRange>> &box,
                        SmallVector<Value> indices) -> FailureOr<SmallVector<Value>> {
      if (!box)
        return indices;
      for (auto [index, range] : llvm::zip_equal(indices, *box)) {
        FailureOr<Value> start = emitIndex(range.start, node.scope);
        if (failed(start))
          return failure();
        index = arith::AddIOp::create(builder, loc, *start, index);
      }
      return indices;
    };
    SmallVector<std::string> inShape = extents(input, inBox);
    SmallVector<bool> reduced(inShape.size(), true);
    if (const json::Array *axes = node.attrs->getArray("axes")) {
      reduced.assign(inShape.size(), false);
      for (const json::Value &axis : *axes) {
        std::optional<int64_t> index = axis.getAsInteger();
        if (!index || *index < 0 ||
            *index >= static_cast<int64_t>(inShape.size()))
          return fail("library node 'Reduce': an axis is out of range");
        reduced[*index] = true;
      }
    }
    // The output has the input's other dimensions (or one element).
    SmallVector<std::string> kept;
    for (auto [dim, isReduced] : llvm::zip_equal(inShape, reduced))
      if (!isReduced)
        kept.push_back(dim);
    SmallVector<std::string> outShape = extents(output, outBox);
    bool scalarOut = kept.empty() &&
                     llvm::all_of(outShape, [](const std::string &d) {
                       return StringRef(d).trim() == "1";
                     });
    // Each output dimension is a kept one in order, or one of extent 1
    // (DaCe squeezes those away when it compares shapes).
    SmallVector<int64_t> outToKept;
    for (size_t k = 0; const std::string &dim : outShape) {
      if (k < kept.size() && dim == kept[k]) {
        outToKept.push_back(k++);
      } else if (StringRef(dim).trim() == "1") {
        outToKept.push_back(-1);
      } else {
        outToKept.clear();
        break;
      }
    }
    if (!scalarOut && kept.empty())
      return fail("library node 'Reduce': the output has more than one "
                  "element but every axis is reduced");
    if (!scalarOut && llvm::count_if(outToKept, [](int64_t k) {
                        return k >= 0;
                      }) != static_cast<int64_t>(kept.size()))
      return fail("library node 'Reduce': the output's shape is not the "
                  "input's without the reduced axes");
    auto outIndices = [&](ArrayRef<Value> keptParams) {
      SmallVector<Value> indices;
      if (!output->isScalar)
        for (int64_t k : outToKept)
          indices.push_back(
              k >= 0 && !scalarOut
                  ? keptParams[k]
                  : arith::ConstantIndexOp::create(builder, loc, 0)
                        .getResult());
      return offsetBy(outBox, indices);
    };
    // DaCe initializes the output only with an identity; without one the
    // reduction accumulates into what it holds.
    if (std::optional<std::string> identity =
            scalarText(node.attrs->get("identity"))) {
      OpBuilder::InsertionGuard mapGuard(builder);
      FailureOr<SmallVector<Value>> params =
          beginMap(scalarOut ? SmallVector<std::string>{"1"} : kept, schedule,
                   node.scope);
      if (failed(params))
        return failure();
      FailureOr<Value> value =
          emitTasklet(*identity, {}, output->elementType);
      FailureOr<SmallVector<Value>> at =
          succeeded(value) ? outIndices(*params)
                           : FailureOr<SmallVector<Value>>(failure());
      if (failed(at))
        return failure();
      StoreOp::create(builder, loc, *value, access(*output), *at,
                      WCRKindAttr());
    }
    FailureOr<SmallVector<Value>> params =
        beginMap(inShape, schedule, node.scope);
    if (failed(params))
      return failure();
    SmallVector<Value> keptParams;
    for (auto [param, isReduced] : llvm::zip_equal(*params, reduced))
      if (!isReduced)
        keptParams.push_back(param);
    FailureOr<SmallVector<Value>> from =
        offsetBy(inBox, input->isScalar ? SmallVector<Value>() : *params);
    if (failed(from))
      return failure();
    Value x = load(*input, *from);
    FailureOr<Value> value = emitTasklet("a", {x}, output->elementType);
    FailureOr<SmallVector<Value>> to =
        succeeded(value) ? outIndices(keptParams)
                         : FailureOr<SmallVector<Value>>(failure());
    if (failed(to))
      return failure();
    StoreOp::create(builder, loc, *value, access(*output), *to,
                    WCRKindAttr::get(context, *wcr));
    return success();
  }

  if (name == "_MatMult_" || name == "MatMul") {
    Container *a = ins.count("_a") ? ins["_a"] : nullptr;
    Container *b = ins.count("_b") ? ins["_b"] : nullptr;
    Container *c = outs.count("_c") ? outs["_c"] : nullptr;
    if (!a || !b || !c)
      return fail("library node 'MatMul' needs memlets on '_a', '_b' and "
                  "'_c'");
    if (a->shape.size() != 2 || b->shape.size() != 2 || c->shape.size() != 2)
      return fail("library node 'MatMul': only matrix-matrix products are "
                  "supported");
    if (a->elementType != c->elementType || b->elementType != c->elementType)
      return fail("library node 'MatMul': element types differ");
    {
      OpBuilder::InsertionGuard mapGuard(builder);
      FailureOr<SmallVector<Value>> params = beginMap(c->shape);
      if (failed(params))
        return failure();
      FailureOr<Value> zero = emitTasklet("0", {}, c->elementType);
      if (failed(zero))
        return failure();
      StoreOp::create(builder, loc, *zero, access(*c), *params, WCRKindAttr());
    }
    FailureOr<SmallVector<Value>> params =
        beginMap({a->shape[0], b->shape[1], a->shape[1]});
    if (failed(params))
      return failure();
    Value i = (*params)[0], j = (*params)[1], k = (*params)[2];
    Value x = load(*a, {i, k});
    Value y = load(*b, {k, j});
    FailureOr<Value> product = emitTasklet("a * b", {x, y}, c->elementType);
    if (failed(product))
      return failure();
    StoreOp::create(builder, loc, *product, access(*c), {i, j},
                    WCRKindAttr::get(context, WCRKind::Add));
    return success();
  }

  if (name == "transpose" || name == "_Transpose_" || name == "Transpose") {
    Container *input = single(ins, "input");
    Container *output = input ? single(outs, "output") : nullptr;
    if (!output)
      return failure();
    if (input->shape.size() != 2 || output->shape.size() != 2)
      return fail("library node 'Transpose': only 2-d transposes are "
                  "supported");
    if (input->elementType != output->elementType)
      return fail("library node 'Transpose': element types differ");
    FailureOr<SmallVector<Value>> params = beginMap(input->shape);
    if (failed(params))
      return failure();
    Value x = load(*input, *params);
    FailureOr<Value> value = emitTasklet("a", {x}, output->elementType);
    if (failed(value))
      return failure();
    StoreOp::create(builder, loc, *value, access(*output),
                    {(*params)[1], (*params)[0]}, WCRKindAttr());
    return success();
  }
  return fail("library node '" + name +
              "' is not supported (Reduce, MatMul, Transpose)");
}

bool Importer::isFloatValued(const expr::Node &node) {
  using Kind = expr::Node::Kind;
  auto floatData = [&](StringRef name) {
    auto it = containers.find(name.str());
    return it != containers.end() &&
           isa<FloatType, ComplexType>(it->second.elementType);
  };
  auto anyOperand = [&] {
    return llvm::any_of(node.operands, [&](const expr::NodePtr &operand) {
      return isFloatValued(*operand);
    });
  };
  switch (node.kind) {
  case Kind::Float:
  case Kind::Imaginary:
    return true;
  case Kind::Name:
    return !symbolTypes.count(node.text) && floatData(node.text);
  case Kind::Subscript:
    return floatData(node.text);
  case Kind::Unary:
    return node.op != expr::Operator::Not && anyOperand();
  case Kind::Binary: {
    using Op = expr::Operator;
    return llvm::is_contained({Op::Add, Op::Sub, Op::Mul, Op::Div, Op::FloorDiv,
                               Op::Mod, Op::Pow},
                              node.op) &&
           anyOperand();
  }
  case Kind::Call: {
    StringRef callee = StringRef(node.text);
    callee = callee.substr(callee.rfind('.') + 1); // `math.sqrt` is `sqrt`
    if (llvm::is_contained({"float", "sqrt", "exp", "log", "sin", "cos", "tan",
                            "tanh", "pow", "fmod", "hypot"},
                           callee))
      return true;
    return llvm::is_contained({"min", "max", "Min", "Max", "abs", "Abs"},
                              callee) &&
           anyOperand();
  }
  default:
    return false;
  }
}

llvm::StringSet<>
Importer::windowArguments(const DFNode &node, const json::Object &innerJson) {
  llvm::StringSet<> result;
  const json::Object *innerAttrs = innerJson.getObject("attributes");
  const json::Object *arrays =
      innerAttrs ? innerAttrs->getObject("_arrays") : nullptr;
  if (!arrays)
    return result;
  // Connectors with a memlet from or to a code node pass values instead.
  llvm::StringSet<> values;
  for (const DFEdge &edge : edges) {
    if (edge.dst == node.id && takesValue(edge.src))
      values.insert(edge.dstConn);
    if (edge.src == node.id && takesValue(edge.dst))
      values.insert(edge.srcConn);
  }
  for (const DFEdge &edge : edges) {
    bool isIn = edge.dst == node.id;
    if ((!isIn && edge.src != node.id) || !edge.memlet || !edge.memlet->subset)
      continue;
    StringRef name = isIn ? edge.dstConn : edge.srcConn;
    if (values.contains(name))
      continue;
    const json::Object *desc = arrays->getObject(name);
    const json::Object *descAttrs =
        desc ? desc->getObject("attributes") : nullptr;
    auto outer = containers.find(edge.memlet->data);
    if (!descAttrs || outer == containers.end())
      continue;
    const Container &data = outer->second;
    ArrayRef<SubsetRange> subset = *edge.memlet->subset;
    std::optional<StringRef> type = desc->getString("type");
    const json::Array *shape = descAttrs->getArray("shape");
    bool single = type == "Scalar" ||
                  (shape && llvm::all_of(*shape, [](const json::Value &dim) {
                     return scalarText(&dim) == "1";
                   }));
    // One element by reference, as DaCe does: a callee's Array, or a
    // Scalar it writes (a copy in and out would lose an accumulation by
    // the callee into it, and a copy in would not see the callee's own
    // writes through another argument). Only read Scalars pass by value.
    if (single && isPoint(subset) &&
        ((!isIn && type == "Scalar") ||
         (type == "Array" && shape && !data.isScalar))) {
      result.insert(name);
      continue;
    }
    if (!shape || type != "Array" || data.isScalar)
      continue;
    bool whole = isFull(subset, data) && !data.isFlat() && !data.isView &&
                 shape->size() == data.shape.size();
    if (!whole)
      result.insert(name);
  }
  return result;
}

LogicalResult Importer::importNestedSDFG(const DFNode &node) {
  const json::Object *innerJson = node.attrs->getObject("sdfg");
  if (!innerJson || innerJson->getString("type") != "SDFG")
    return fail("'sdfg' is missing or not an SDFG");

  // The nested SDFG becomes a private sdfg.sdfg of the module, before this
  // one, and the node a call of it.
  Importer inner(context, loc, source);
  inner.module = module;
  inner.nested = true;
  inner.layout = layout;
  inner.rootPath =
      statePath + "/nodes/" + std::to_string(node.index) + "/attributes/sdfg";
  inner.outerWhere = (outerWhere.empty() ? "" : outerWhere + ": ") + where;
  inner.windowArgs = windowArguments(node, *innerJson);
  inner.constants = constants;
  inner.builder.setInsertionPoint(sdfg);
  if (failed(inner.importSDFG(*innerJson)))
    return failure();
  SDFGOp callee = inner.sdfg;

  setInsertionInto(node.scope);
  SmallVector<Value> operands;
  SmallVector<int64_t> outputs;
  SmallVector<Type> resultTypes;
  struct Output {
    std::string connector;
    const DFEdge *edge;
    Container *data;
  };
  SmallVector<Output> outputEdges;
  for (auto [index, arg] : llvm::enumerate(callee.getBody()->getArguments())) {
    std::string name = callee.getArgDataName(index);
    const DFEdge *in = nullptr, *out = nullptr;
    for (const DFEdge &edge : edges) {
      if (edge.dst == node.id && edge.dstConn == name && edge.memlet)
        in = &edge;
      if (edge.src == node.id && edge.srcConn == name && edge.memlet)
        out = &edge;
    }
    if (!in && !out)
      return fail("nested SDFG argument '" + name + "' has no memlet");
    auto argType = dyn_cast<MemRefType>(arg.getType());
    bool single = !argType || (argType.hasStaticShape() &&
                               argType.getNumElements() == 1);
    Type elementType = argType ? argType.getElementType() : arg.getType();
    auto fromTasklet = [&](const DFEdge *edge) {
      return takesValue(edge->src);
    };
    auto toTasklet = [&](const DFEdge *edge) {
      return takesValue(edge->dst);
    };
    // Values passed between code nodes.
    if ((in && fromTasklet(in)) || (out && toTasklet(out))) {
      if (!single)
        return fail("nested SDFG argument '" + name +
                    "' is connected to a code node but holds more than one "
                    "element");
      Value value;
      if (in && fromTasklet(in)) {
        auto it = taskletResults.find({in->src, in->srcConn});
        if (it == taskletResults.end())
          return fail("nested SDFG argument '" + name +
                      "' reads an unknown tasklet output");
        value = it->second;
      } else if (in) {
        FailureOr<Container *> data = container(in->memlet->data);
        if (failed(data) || !isPoint(*in->memlet->subset))
          return fail("nested SDFG argument '" + name +
                      "' reads more than one element");
        if (!isa<MemRefType>((*data)->value.getType())) {
          value = (*data)->value;
        } else {
          FailureOr<SmallVector<Value>> indices =
              pointIndices(*in->memlet->subset, **data, node.scope);
          if (failed(indices))
            return failure();
          value = load(**data, *indices);
        }
      } else {
        // Written only: the nested SDFG's buffer starts at zero.
        value = arith::ConstantOp::create(builder, loc, elementType,
                                          builder.getZeroAttr(elementType));
      }
      if (value.getType() != elementType)
        return fail("nested SDFG argument '" + name + "' holds " +
                    typeString(elementType) + " but gets a " +
                    typeString(value.getType()));
      operands.push_back(value);
      if (out) {
        if (!argType)
          return fail("nested SDFG argument '" + name +
                      "' is written but passed by value");
        // DaCe passes an argument both read and written as the element
        // its output memlet names, so a value from a code node would be
        // lost on the way in.
        if (!toTasklet(out))
          return fail("nested SDFG argument '" + name +
                      "' reads the value of a code node but writes '" +
                      out->memlet->data +
                      "'; DaCe passes only the written element (the value "
                      "would be lost), which is not supported");
        outputs.push_back(index);
        resultTypes.push_back(elementType);
        outputEdges.push_back({name, out, nullptr});
      }
      continue;
    }

    const DFEdge *edge = in ? in : out;
    if (in && out && in->memlet->data != out->memlet->data)
      return fail("nested SDFG argument '" + name + "' reads '" +
                  in->memlet->data + "' but writes '" + out->memlet->data +
                  "'");
    FailureOr<Container *> data = container(edge->memlet->data);
    if (failed(data))
      return failure();
    ArrayRef<SubsetRange> subset = *edge->memlet->subset;
    auto dataType = dyn_cast<MemRefType>((*data)->value.getType());
    // DaCe's nested SDFGs write through pointers into the caller's data and
    // resolve conflicts in their own memlets: a write-conflict resolution
    // on the call's memlet is not applied again (DaCe's code generator
    // skips it too).
    if (inner.windowArgs.contains(name) && (*data)->isScalar) {
      // A written scalar, by reference.
      if (!dataType)
        return fail("nested SDFG argument '" + name + "' writes scalar '" +
                    (*data)->name + "', which is passed by value");
      operands.push_back(
          WindowOp::create(builder, loc, argType, access(**data), {}));
      continue;
    }
    if (inner.windowArgs.contains(name)) {
      Value source = access(**data);
      if (!dataType || dataType.getRank() == 0)
        return fail("nested SDFG argument '" + name + "' views part of '" +
                    (*data)->name + "', which has no dimensions");
      // Where sizes are constants, the callee must stay inside the memory.
      const Container &root = (*data)->isView ? *(*data)->viewRoot : **data;
      std::string offset = memoryOffset(
          **data, llvm::map_to_vector(subset, [](const SubsetRange &range) {
            return range.start;
          }));
      std::string available = "1";
      for (const std::string &dim : root.memrefShape())
        available += " * (" + dim + ")";
      std::optional<int64_t> extent = valueOf(inner.containers[name].totalSize);
      std::optional<int64_t> left =
          valueOf("(" + available + ") - (" + offset + ")");
      if (extent && left && *extent > *left)
        return fail("nested SDFG argument '" + name + "' reaches " +
                    Twine(*extent) + " elements into '" + (*data)->name +
                    "', which has " + Twine(*left) + " from there on");
      FailureOr<SmallVector<Value>> start =
          pointIndices(subset, **data, node.scope);
      if (failed(start))
        return failure();
      operands.push_back(
          WindowOp::create(builder, loc, argType, source, *start));
      continue;
    }
    if (argType && dataType && isFull(subset, **data) &&
        ((*data)->isFlat() || (*data)->isView))
      return fail("nested SDFG argument '" + name + "' passes '" +
                  (*data)->name +
                  "', a view or a container with non-row-major strides, "
                  "whole; that is not supported");
    if (argType && dataType && isFull(subset, **data) &&
        argType.getRank() == dataType.getRank()) {
      if (argType.getElementType() != dataType.getElementType())
        return fail("nested SDFG argument '" + name + "' holds " +
                    typeString(argType.getElementType()) + " but '" +
                    (*data)->name + "' holds " +
                    typeString(dataType.getElementType()));
      operands.push_back(access(**data));
      continue;
    }
    if (!single || !isPoint(subset))
      return fail("memlet '" + (*data)->name + "' of nested SDFG argument '" +
                  name +
                  "' covers part of the container; only whole containers "
                  "and single elements are supported");
    Value value;
    if (!in) {
      // Written only: DaCe leaves the nested SDFG's element uninitialized;
      // zero here, so an inner accumulation does not count the caller's
      // value twice when the caller's memlet has a write-conflict
      // resolution.
      value = arith::ConstantOp::create(builder, loc, elementType,
                                        builder.getZeroAttr(elementType));
    } else if (!dataType) {
      value = (*data)->value; // A scalar argument, by value.
    } else {
      FailureOr<SmallVector<Value>> indices =
          pointIndices(subset, **data, node.scope);
      if (failed(indices))
        return failure();
      value = load(**data, *indices);
    }
    if (value.getType() != elementType)
      return fail("nested SDFG argument '" + name + "' holds " +
                  typeString(elementType) + " but '" + (*data)->name +
                  "' holds " + typeString(value.getType()));
    operands.push_back(value);
    if (out) {
      if (!argType)
        return fail("nested SDFG argument '" + name +
                    "' is written but passed by value");
      if (!dataType)
        return fail("nested SDFG argument '" + name + "' writes scalar '" +
                    (*data)->name + "', which is passed by value");
      outputs.push_back(index);
      resultTypes.push_back(elementType);
      outputEdges.push_back({name, out, *data});
    }
  }

  // DaCe's symbol_mapping: the callee's symbols as expressions of the
  // caller's; an unmapped one with a name the caller knows is that name.
  const json::Object *mapping = node.attrs->getObject("symbol_mapping");
  SmallVector<Value> symbolValues;
  SmallVector<StringRef> symbolNames;
  if (DictionaryAttr symbols = callee.getSymbolsAttr())
    for (NamedAttribute symbol : symbols) {
      StringRef name = symbol.getName().getValue();
      std::optional<std::string> text =
          mapping ? scalarText(mapping->get(name)) : std::nullopt;
      if (!text) {
        bool known = symbolTypes.count(name);
        for (std::optional<int64_t> s = node.scope; s && !known;
             s = parentScope(*s))
          known = scopeNames[*s].count(name);
        if (!known)
          continue;
        text = name.str();
      }
      FailureOr<Value> value = emitIndex(*text, node.scope);
      if (failed(value))
        return failure();
      symbolValues.push_back(*value);
      symbolNames.push_back(name);
    }

  auto call = CallOp::create(builder, loc, resultTypes,
                             FlatSymbolRefAttr::get(callee.getSymNameAttr()),
                             operands, symbolValues,
                             builder.getStrArrayAttr(symbolNames),
                             builder.getDenseI64ArrayAttr(outputs));
  for (auto [result, output] : llvm::zip_equal(call.getResults(), outputEdges)) {
    if (!output.data) {
      taskletResults[{node.id, output.connector}] = result;
      continue;
    }
    FailureOr<std::optional<WCRKind>> wcr =
        storeWCR(output.edge->memlet->wcr);
    if (failed(wcr))
      return failure();
    FailureOr<SmallVector<Value>> indices =
        pointIndices(*output.edge->memlet->subset, *output.data, node.scope);
    if (failed(indices))
      return failure();
    StoreOp::create(builder, loc, result, access(*output.data), *indices,
                    *wcr ? WCRKindAttr::get(context, **wcr) : WCRKindAttr());
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

/// Deeper than any SDFG DaCe writes (a nested SDFG adds about ten levels).
static constexpr size_t kMaxJSONDepth = 1000;

/// The offset where `text` first nests deeper than kMaxJSONDepth, counting
/// brackets outside strings.
static std::optional<size_t> tooDeeplyNested(StringRef text) {
  size_t depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJSONDepth)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

/// The 1-based line and column of byte `offset`.
static std::pair<unsigned, unsigned> lineAndColumn(StringRef text,
                                                   size_t offset) {
  StringRef before = text.take_front(offset);
  unsigned line = 1 + before.count('\n');
  size_t start = before.rfind('\n');
  unsigned column = offset - (start == StringRef::npos ? 0 : start + 1) + 1;
  return {line, column};
}

/// Lines longer than this are not echoed under a message about them.
static constexpr size_t kMaxEchoedLineLength = 512;

/// Prints the messages located on a long line of the SDFG file without
/// echoing the line. DaCe 2.0 writes a whole SDFG on one line, and MLIR's
/// SourceMgrDiagnosticHandler would print all of it under each message.
/// Other messages pass on to the handlers before this one.
class LongLineDiagnosticHandler : public ScopedDiagnosticHandler {
public:
  LongLineDiagnosticHandler(MLIRContext *context, llvm::SourceMgr &sourceMgr)
      : ScopedDiagnosticHandler(context), sourceMgr(sourceMgr) {
    setHandler([this](Diagnostic &diag) { return emit(diag); });
  }

private:
  llvm::SourceMgr &sourceMgr;

  /// The position of `loc` in the main file, if the line it is on is long.
  std::optional<SMLoc> onLongLine(Location loc) {
    auto file = loc->findInstanceOf<FileLineColLoc>();
    unsigned id = sourceMgr.getMainFileID();
    if (!file || file.getLine() == 0 ||
        file.getFilename() !=
            sourceMgr.getMemoryBuffer(id)->getBufferIdentifier())
      return std::nullopt;
    SMLoc start = sourceMgr.FindLocForLineAndColumn(id, file.getLine(), 1);
    if (!start.isValid())
      return std::nullopt;
    StringRef rest(start.getPointer(),
                   sourceMgr.getMemoryBuffer(id)->getBufferEnd() -
                       start.getPointer());
    if (rest.find_first_of("\r\n") <= kMaxEchoedLineLength)
      return std::nullopt;
    return start;
  }

  static llvm::SourceMgr::DiagKind kindOf(DiagnosticSeverity severity) {
    switch (severity) {
    case DiagnosticSeverity::Note:
      return llvm::SourceMgr::DK_Note;
    case DiagnosticSeverity::Warning:
      return llvm::SourceMgr::DK_Warning;
    case DiagnosticSeverity::Remark:
      return llvm::SourceMgr::DK_Remark;
    case DiagnosticSeverity::Error:
      return llvm::SourceMgr::DK_Error;
    }
    llvm_unreachable("unknown severity");
  }

  /// Prints as SourceMgrDiagnosticHandler does, but echoes no long line.
  void print(Location loc, DiagnosticSeverity severity, StringRef message) {
    auto file = loc->findInstanceOf<FileLineColLoc>();
    if (!file) {
      llvm::SMDiagnostic("", kindOf(severity), message)
          .print(nullptr, llvm::errs());
      return;
    }
    if (!onLongLine(loc)) {
      SMLoc position = sourceMgr.FindLocForLineAndColumn(
          sourceMgr.getMainFileID(), file.getLine(), file.getColumn());
      if (position.isValid() &&
          file.getFilename() == sourceMgr.getMemoryBuffer(
                                    sourceMgr.getMainFileID())
                                    ->getBufferIdentifier()) {
        sourceMgr.PrintMessage(llvm::errs(), position, kindOf(severity),
                               message);
        return;
      }
    }
    std::string position = (file.getFilename().getValue() + ":" +
                            Twine(file.getLine()) + ":" + Twine(file.getColumn()))
                               .str();
    llvm::SMDiagnostic(position, kindOf(severity), message)
        .print(nullptr, llvm::errs());
  }

  LogicalResult emit(Diagnostic &diag) {
    if (!onLongLine(diag.getLocation()))
      return failure();
    print(diag.getLocation(), diag.getSeverity(), diag.str());
    for (Diagnostic &note : diag.getNotes())
      print(note.getLocation(), note.getSeverity(), note.str());
    return success();
  }
};

OwningOpRef<ModuleOp> sdfg::importSDFGJSON(llvm::SourceMgr &sourceMgr,
                                           MLIRContext *context) {
  LongLineDiagnosticHandler longLines(context, sourceMgr);
  context
      ->loadDialect<SDFGDialect, arith::ArithDialect, complex::ComplexDialect,
                    math::MathDialect, memref::MemRefDialect>();
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  Location loc =
      FileLineColLoc::get(context, buffer->getBufferIdentifier(), 1, 1);
  // llvm::json's parser recurses once per level of nesting: refuse files
  // nested deeper than any SDFG is before it can run out of stack.
  if (std::optional<size_t> at = tooDeeplyNested(buffer->getBuffer())) {
    auto [line, column] = lineAndColumn(buffer->getBuffer(), *at);
    emitError(FileLineColLoc::get(context, buffer->getBufferIdentifier(), line,
                                  column))
        << "invalid JSON: nested more than " << kMaxJSONDepth
        << " levels deep";
    return nullptr;
  }
  llvm::Expected<json::Value> root = json::parse(buffer->getBuffer());
  if (!root) {
    // llvm::json reports "[line:column, byte=N]: message"; point there.
    StringRef message;
    std::string text = llvm::toString(root.takeError());
    message = text;
    unsigned line = 1, column = 1;
    if (message.consume_front("[")) {
      StringRef position = message.take_until([](char c) { return c == ','; });
      auto [lineText, columnText] = position.split(':');
      (void)lineText.getAsInteger(10, line);
      (void)columnText.getAsInteger(10, column);
      message = message.drop_until([](char c) { return c == ']'; })
                    .drop_front()
                    .ltrim(": ");
    }
    emitError(FileLineColLoc::get(context, buffer->getBufferIdentifier(), line,
                                  std::max(column, 1u)))
        << "invalid JSON: " << message;
    return nullptr;
  }
  return Importer(context, loc, buffer->getBuffer()).run(*root);
}
