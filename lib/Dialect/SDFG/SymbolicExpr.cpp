//===- SymbolicExpr.cpp - Parse and emit DaCe's Python expressions --------===//

#include "Dialect/SDFG/SymbolicExpr.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::sdfg;
using namespace mlir::sdfg::expr;

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

namespace {
/// Recursive descent over Python's expression grammar, restricted to what
/// DaCe emits for symbols and simple tasklets. Precedence, lowest first:
/// `or`, `and`, `not`, comparisons, `|`... are not supported; `+ -`,
/// `* / // %`, unary `- +`, `**`, then atoms (literals, names, calls,
/// subscripts, parentheses).
class Parser {
public:
  Parser(StringRef text, std::string &error) : text(text), error(error) {}

  NodePtr parseTop() {
    NodePtr node = parseOr();
    if (!node)
      return nullptr;
    skipSpace();
    if (pos != text.size())
      return fail(describeRest("unexpected"));
    return node;
  }

private:
  StringRef text;
  std::string &error;
  size_t pos = 0;

  NodePtr fail(const Twine &message) {
    if (error.empty())
      error = (message + " at column " + Twine(pos + 1) + " of '" + text + "'")
                  .str();
    return nullptr;
  }

  std::string describeRest(StringRef what) {
    StringRef rest = text.drop_front(pos);
    // Name whole words and known multi-character operators precisely.
    static const char *const ops[] = {
        "<<", ">>", "**=", "//=", "+=",     "-=", "*=",   "/=",  "&",
        "|",  "^",  "~",   "@",   "lambda", "if", "else", "for", "in",
        "is", "[",  "{",   "'",   "\"",     ":",  ","};
    for (const char *op : ops)
      if (rest.starts_with(op))
        return (what + " '" + op + "' (not supported)").str();
    return (what + " '" + rest.take_front(12) + "'").str();
  }

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
      ++pos;
  }

  bool peek(StringRef token) {
    skipSpace();
    return text.drop_front(pos).starts_with(token);
  }

  /// Consumes `token` if next; keyword tokens must end at a word boundary.
  bool consume(StringRef token) {
    if (!peek(token))
      return false;
    size_t end = pos + token.size();
    if (llvm::isAlpha(token.front()) && end < text.size() &&
        (llvm::isAlnum(text[end]) || text[end] == '_'))
      return false;
    pos = end;
    return true;
  }

  NodePtr make(Node::Kind kind, StringRef op, size_t at) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->text = op.str();
    node->pos = at;
    return node;
  }

  NodePtr binary(StringRef op, NodePtr lhs, NodePtr rhs) {
    size_t at = lhs->pos;
    NodePtr node = make(Node::Kind::Binary, op, at);
    node->operands.push_back(std::move(lhs));
    node->operands.push_back(std::move(rhs));
    return node;
  }

  NodePtr parseOr() {
    NodePtr lhs = parseAnd();
    while (lhs && consume("or")) {
      NodePtr rhs = parseAnd();
      if (!rhs)
        return nullptr;
      lhs = binary("or", std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseAnd() {
    NodePtr lhs = parseNot();
    while (lhs && consume("and")) {
      NodePtr rhs = parseNot();
      if (!rhs)
        return nullptr;
      lhs = binary("and", std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseNot() {
    skipSpace();
    size_t at = pos;
    if (consume("not")) {
      NodePtr operand = parseNot();
      if (!operand)
        return nullptr;
      NodePtr node = make(Node::Kind::Unary, "not", at);
      node->operands.push_back(std::move(operand));
      return node;
    }
    return parseComparison();
  }

  NodePtr parseComparison() {
    NodePtr lhs = parseSum();
    if (!lhs)
      return nullptr;
    for (StringRef op : {"==", "!=", "<=", ">=", "<", ">"}) {
      if (!consume(op))
        continue;
      NodePtr rhs = parseSum();
      if (!rhs)
        return nullptr;
      for (StringRef again : {"==", "!=", "<=", ">=", "<", ">"})
        if (peek(again))
          return fail("chained comparison (not supported)");
      return binary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseSum() {
    NodePtr lhs = parseProduct();
    while (lhs) {
      StringRef op;
      if (peek("+") && !peek("+="))
        op = "+";
      else if (peek("-") && !peek("-="))
        op = "-";
      else
        break;
      consume(op);
      NodePtr rhs = parseProduct();
      if (!rhs)
        return nullptr;
      lhs = binary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseProduct() {
    NodePtr lhs = parseUnary();
    while (lhs) {
      StringRef op;
      if (peek("**"))
        break;
      if (peek("//"))
        op = "//";
      else if (peek("*"))
        op = "*";
      else if (peek("/"))
        op = "/";
      else if (peek("%"))
        op = "%";
      else
        break;
      consume(op);
      NodePtr rhs = parseUnary();
      if (!rhs)
        return nullptr;
      lhs = binary(op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseUnary() {
    skipSpace();
    size_t at = pos;
    for (StringRef op : {"-", "+"}) {
      if (!consume(op))
        continue;
      NodePtr operand = parseUnary();
      if (!operand)
        return nullptr;
      NodePtr node = make(Node::Kind::Unary, op, at);
      node->operands.push_back(std::move(operand));
      return node;
    }
    return parsePower();
  }

  NodePtr parsePower() {
    NodePtr base = parseAtom();
    if (base && consume("**")) {
      // Right associative, and binds tighter than a unary minus on its left
      // but not on its right: `-a ** -b` is `-(a ** (-b))`.
      NodePtr exponent = parseUnary();
      if (!exponent)
        return nullptr;
      return binary("**", std::move(base), std::move(exponent));
    }
    return base;
  }

  NodePtr parseAtom() {
    skipSpace();
    size_t at = pos;
    if (pos >= text.size())
      return fail("expected an expression");
    char c = text[pos];
    if (c == '(') {
      ++pos;
      NodePtr inner = parseOr();
      if (!inner)
        return nullptr;
      if (peek(","))
        return fail("tuple (not supported)");
      if (!consume(")"))
        return fail(describeRest("expected ')', got"));
      return inner;
    }
    if (llvm::isDigit(c) ||
        (c == '.' && pos + 1 < text.size() && llvm::isDigit(text[pos + 1])))
      return parseNumber();
    if (llvm::isAlpha(c) || c == '_') {
      size_t end = pos;
      while (end < text.size() &&
             (llvm::isAlnum(text[end]) || text[end] == '_' ||
              (text[end] == '.' && end + 1 < text.size() &&
               (llvm::isAlpha(text[end + 1]) || text[end + 1] == '_'))))
        ++end;
      StringRef name = text.slice(pos, end);
      static const char *const keywords[] = {
          "lambda", "if", "else", "for",    "in",  "is",    "None",
          "and",    "or", "not",  "return", "def", "while", "import"};
      for (const char *keyword : keywords)
        if (name == keyword)
          return fail(Twine("'") + keyword + "' (not supported)");
      pos = end;
      if (name == "True" || name == "False") {
        NodePtr node = make(Node::Kind::Bool, name, at);
        node->intValue = name == "True";
        return node;
      }
      if (consume("(")) {
        NodePtr call = make(Node::Kind::Call, name, at);
        if (!consume(")")) {
          do {
            NodePtr arg = parseOr();
            if (!arg)
              return nullptr;
            call->operands.push_back(std::move(arg));
          } while (consume(","));
          if (!consume(")"))
            return fail(describeRest("expected ')' after call arguments, got"));
        }
        return call;
      }
      if (consume("[")) {
        NodePtr sub = make(Node::Kind::Subscript, name, at);
        do {
          if (peek(":"))
            return fail("slice in subscript (not supported)");
          NodePtr index = parseOr();
          if (!index)
            return nullptr;
          if (peek(":"))
            return fail("slice in subscript (not supported)");
          sub->operands.push_back(std::move(index));
        } while (consume(","));
        if (!consume("]"))
          return fail(describeRest("expected ']', got"));
        return sub;
      }
      return make(Node::Kind::Name, name, at);
    }
    return fail(describeRest("unexpected"));
  }

  NodePtr parseNumber() {
    size_t at = pos, end = pos;
    bool isFloat = false;
    while (end < text.size() && llvm::isDigit(text[end]))
      ++end;
    if (end < text.size() && text[end] == '.') {
      isFloat = true;
      ++end;
      while (end < text.size() && llvm::isDigit(text[end]))
        ++end;
    }
    if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
      size_t exp = end + 1;
      if (exp < text.size() && (text[exp] == '+' || text[exp] == '-'))
        ++exp;
      if (exp < text.size() && llvm::isDigit(text[exp])) {
        isFloat = true;
        end = exp;
        while (end < text.size() && llvm::isDigit(text[end]))
          ++end;
      }
    }
    StringRef literal = text.slice(pos, end);
    pos = end;
    if (pos < text.size() && (llvm::isAlpha(text[pos]) || text[pos] == '_'))
      return fail(describeRest("unexpected"));
    if (isFloat) {
      NodePtr node = make(Node::Kind::Float, literal, at);
      if (literal.getAsDouble(node->floatValue))
        return fail("malformed number '" + literal + "'");
      return node;
    }
    NodePtr node = make(Node::Kind::Int, literal, at);
    if (literal.getAsInteger(10, node->intValue))
      return fail("integer '" + literal + "' out of range");
    return node;
  }
};
} // namespace

NodePtr expr::parse(StringRef text, std::string &error) {
  return Parser(text, error).parseTop();
}

FailureOr<SmallVector<Statement>> expr::parseStatements(StringRef code,
                                                        std::string &error) {
  SmallVector<Statement> statements;
  SmallVector<StringRef> lines;
  code.split(lines, '\n');
  for (StringRef line : lines) {
    SmallVector<StringRef> parts;
    line.split(parts, ';');
    for (StringRef stmt : parts) {
      stmt = stmt.take_until([](char c) { return c == '#'; }).trim();
      if (stmt.empty())
        continue;
      // An assignment's `=` is the first one that is not part of `==`,
      // `<=`, `>=`, `!=`.
      size_t eq = StringRef::npos;
      for (size_t i = 0; i < stmt.size(); ++i) {
        if (stmt[i] != '=')
          continue;
        bool prevOp = i > 0 && StringRef("=<>!").contains(stmt[i - 1]);
        bool nextEq = i + 1 < stmt.size() && stmt[i + 1] == '=';
        if (nextEq) {
          ++i;
          continue;
        }
        if (!prevOp) {
          eq = i;
          break;
        }
      }
      if (eq == StringRef::npos) {
        error = ("statement '" + stmt +
                 "' is not an assignment 'name = expression' (not supported)")
                    .str();
        return failure();
      }
      StringRef target = stmt.take_front(eq).trim();
      if (!target.empty() && StringRef("+-*/%&|^@").contains(target.back())) {
        error =
            ("augmented assignment in '" + stmt + "' (not supported)").str();
        return failure();
      }
      bool identifier =
          !target.empty() && (llvm::isAlpha(target[0]) || target[0] == '_') &&
          llvm::all_of(target,
                       [](char c) { return llvm::isAlnum(c) || c == '_'; });
      if (!identifier) {
        error = ("assignment target '" + target +
                 "' is not a plain name (subscripted or tuple targets are "
                 "not supported)")
                    .str();
        return failure();
      }
      NodePtr value = parse(stmt.drop_front(eq + 1).trim(), error);
      if (!value)
        return failure();
      statements.push_back({target.str(), std::move(value)});
    }
  }
  return statements;
}

void expr::collectNames(const Node &node, SmallVectorImpl<std::string> &names) {
  if (node.kind == Node::Kind::Name || node.kind == Node::Kind::Subscript)
    names.push_back(node.text);
  for (const NodePtr &operand : node.operands)
    collectNames(*operand, names);
}

std::string expr::print(const Node &node) {
  switch (node.kind) {
  case Node::Kind::Int:
    return std::to_string(node.intValue);
  case Node::Kind::Float: {
    std::string text = llvm::formatv("{0}", node.floatValue).str();
    if (StringRef(text).find_first_of(".eE") == StringRef::npos)
      text += ".0";
    return text;
  }
  case Node::Kind::Bool:
    return node.intValue ? "True" : "False";
  case Node::Kind::Name:
    return node.text;
  case Node::Kind::Unary:
    return "(" + node.text + (node.text == "not" ? " " : "") +
           print(*node.operands[0]) + ")";
  case Node::Kind::Binary:
    return "(" + print(*node.operands[0]) + " " + node.text + " " +
           print(*node.operands[1]) + ")";
  case Node::Kind::Call:
  case Node::Kind::Subscript: {
    std::string text = node.text + (node.kind == Node::Kind::Call ? "(" : "[");
    for (auto [index, operand] : llvm::enumerate(node.operands))
      text += (index ? ", " : "") + print(*operand);
    return text + (node.kind == Node::Kind::Call ? ")" : "]");
  }
  }
  llvm_unreachable("unknown node kind");
}

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

std::optional<int64_t> expr::evaluateInt(
    const Node &node,
    llvm::function_ref<std::optional<int64_t>(StringRef)> lookup) {
  using Kind = Node::Kind;
  switch (node.kind) {
  case Kind::Int:
  case Kind::Bool:
    return node.intValue;
  case Kind::Name:
    return lookup(node.text);
  case Kind::Unary: {
    std::optional<int64_t> v = evaluateInt(*node.operands[0], lookup);
    if (!v)
      return std::nullopt;
    if (node.text == "-")
      return -*v;
    if (node.text == "not")
      return *v == 0;
    return v;
  }
  case Kind::Binary: {
    std::optional<int64_t> l = evaluateInt(*node.operands[0], lookup);
    std::optional<int64_t> r = evaluateInt(*node.operands[1], lookup);
    if (!l || !r)
      return std::nullopt;
    StringRef op = node.text;
    if (op == "+")
      return *l + *r;
    if (op == "-")
      return *l - *r;
    if (op == "*")
      return *l * *r;
    if ((op == "//" || op == "/" || op == "%") && *r == 0)
      return std::nullopt;
    if (op == "/")
      return *l / *r;
    if (op == "//" || op == "%") {
      int64_t q = *l / *r;
      if ((*l % *r != 0) && ((*l < 0) != (*r < 0)))
        --q;
      return op == "//" ? q : *l - q * *r;
    }
    if (op == "**") {
      if (*r < 0)
        return std::nullopt;
      int64_t result = 1;
      for (int64_t i = 0; i < *r; ++i)
        result *= *l;
      return result;
    }
    return std::nullopt;
  }
  case Kind::Call: {
    SmallVector<int64_t> args;
    for (const NodePtr &operand : node.operands) {
      std::optional<int64_t> v = evaluateInt(*operand, lookup);
      if (!v)
        return std::nullopt;
      args.push_back(*v);
    }
    StringRef callee = node.text;
    if ((callee == "min" || callee == "Min") && !args.empty())
      return *llvm::min_element(args);
    if ((callee == "max" || callee == "Max") && !args.empty())
      return *llvm::max_element(args);
    if ((callee == "int_floor" || callee == "int_ceil") && args.size() == 2 &&
        args[1] != 0) {
      int64_t q = args[0] / args[1];
      bool inexact = args[0] % args[1] != 0;
      bool negative = (args[0] < 0) != (args[1] < 0);
      if (inexact && callee == "int_floor" && negative)
        --q;
      if (inexact && callee == "int_ceil" && !negative)
        ++q;
      return q;
    }
    return std::nullopt;
  }
  case Kind::Float:
  case Kind::Subscript:
    return std::nullopt;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Emitter
//===----------------------------------------------------------------------===//

Value expr::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  Type from = value.getType();
  if (from == type)
    return value;
  auto isInt = [](Type t) { return isa<IntegerType, IndexType>(t); };
  if (isInt(from) && isa<IndexType>(type))
    return arith::IndexCastOp::create(b, loc, type, value);
  if (isa<IndexType>(from) && isInt(type))
    return arith::IndexCastOp::create(b, loc, type, value);
  if (isInt(from) && isInt(type)) {
    unsigned fromWidth = from.getIntOrFloatBitWidth();
    unsigned toWidth = type.getIntOrFloatBitWidth();
    if (toWidth == 1)
      return arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::ne, value,
          arith::ConstantOp::create(b, loc, b.getIntegerAttr(from, 0)));
    if (fromWidth < toWidth)
      return fromWidth == 1
                 ? Value(arith::ExtUIOp::create(b, loc, type, value))
                 : Value(arith::ExtSIOp::create(b, loc, type, value));
    return arith::TruncIOp::create(b, loc, type, value);
  }
  if (isInt(from) && isa<FloatType>(type)) {
    if (isa<IndexType>(from))
      value = arith::IndexCastOp::create(b, loc, b.getI64Type(), value);
    if (value.getType().isInteger(1))
      return arith::UIToFPOp::create(b, loc, type, value);
    return arith::SIToFPOp::create(b, loc, type, value);
  }
  if (isa<FloatType>(from) && isInt(type)) {
    if (type.isInteger(1))
      return arith::CmpFOp::create(
          b, loc, arith::CmpFPredicate::UNE, value,
          arith::ConstantOp::create(b, loc, b.getFloatAttr(from, 0)));
    if (isa<IndexType>(type))
      return arith::IndexCastOp::create(
          b, loc, type, arith::FPToSIOp::create(b, loc, b.getI64Type(), value));
    return arith::FPToSIOp::create(b, loc, type, value);
  }
  if (isa<FloatType>(from) && isa<FloatType>(type)) {
    if (from.getIntOrFloatBitWidth() < type.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, type, value);
    return arith::TruncFOp::create(b, loc, type, value);
  }
  return nullptr;
}

namespace {
class Emitter {
public:
  Emitter(OpBuilder &b, Location loc, NameLookup lookup, Type intType,
          std::string &error)
      : b(b), loc(loc), lookup(lookup), intType(intType), error(error) {}

  /// Emits `node`; integer literals get `hint` when it is an int or float
  /// type.
  Value emit(const Node &node, Type hint = {}) {
    switch (node.kind) {
    case Node::Kind::Int:
      if (hint && isa<FloatType>(hint))
        return arith::ConstantOp::create(
            b, loc, b.getFloatAttr(hint, static_cast<double>(node.intValue)));
      if (hint && isa<IntegerType, IndexType>(hint) && !hint.isInteger(1))
        return arith::ConstantOp::create(b, loc,
                                         b.getIntegerAttr(hint, node.intValue));
      return arith::ConstantOp::create(
          b, loc, b.getIntegerAttr(intType, node.intValue));
    case Node::Kind::Float: {
      Type type = hint && isa<FloatType>(hint) ? hint : b.getF64Type();
      return arith::ConstantOp::create(b, loc,
                                       b.getFloatAttr(type, node.floatValue));
    }
    case Node::Kind::Bool:
      return arith::ConstantOp::create(b, loc,
                                       b.getBoolAttr(node.intValue != 0));
    case Node::Kind::Name: {
      Value value = lookup(node.text);
      if (!value)
        return fail(node, "unknown name '" + node.text + "'");
      if (isa<MemRefType>(value.getType()))
        return fail(node, "array '" + node.text +
                              "' used as a value (index it with [])");
      return value;
    }
    case Node::Kind::Unary:
      return emitUnary(node, hint);
    case Node::Kind::Binary:
      return emitBinary(node, hint);
    case Node::Kind::Call:
      return emitCall(node, hint);
    case Node::Kind::Subscript:
      return emitSubscript(node);
    }
    llvm_unreachable("unknown node kind");
  }

private:
  OpBuilder &b;
  Location loc;
  NameLookup lookup;
  Type intType;
  std::string &error;

  Value fail(const Node &node, const Twine &message) {
    if (error.empty())
      error = message.str();
    (void)node;
    return nullptr;
  }

  static bool isInt(Type t) { return isa<IntegerType, IndexType>(t); }

  Value toBool(Value v) {
    return v.getType().isInteger(1) ? v : castTo(b, loc, v, b.getI1Type());
  }

  /// Brings two operands to one type: float beats int (the wider float
  /// wins), index beats fixed-width integers, wider integers beat narrower.
  std::pair<Value, Value> unify(Value lhs, Value rhs) {
    Type l = lhs.getType(), r = rhs.getType();
    if (l == r)
      return {lhs, rhs};
    Type common;
    if (isa<FloatType>(l) && isa<FloatType>(r))
      common = l.getIntOrFloatBitWidth() >= r.getIntOrFloatBitWidth() ? l : r;
    else if (isa<FloatType>(l))
      common = l;
    else if (isa<FloatType>(r))
      common = r;
    else if (isa<IndexType>(l) || isa<IndexType>(r))
      common = b.getIndexType();
    else
      common = l.getIntOrFloatBitWidth() >= r.getIntOrFloatBitWidth() ? l : r;
    return {castTo(b, loc, lhs, common), castTo(b, loc, rhs, common)};
  }

  /// Emits both operands of a binary node; a literal side takes the other
  /// side's type.
  std::pair<Value, Value> emitOperands(const Node &node, Type hint) {
    const Node &l = *node.operands[0], &r = *node.operands[1];
    auto isLiteral = [](const Node &n) {
      return n.kind == Node::Kind::Int ||
             (n.kind == Node::Kind::Unary && n.text == "-" &&
              n.operands[0]->kind == Node::Kind::Int);
    };
    Value lhs, rhs;
    if (isLiteral(l) && !isLiteral(r)) {
      rhs = emit(r, hint);
      if (!rhs)
        return {};
      lhs = emit(l, rhs.getType());
    } else {
      lhs = emit(l, hint);
      if (!lhs)
        return {};
      rhs = emit(r, isLiteral(r) ? lhs.getType() : hint);
    }
    if (!lhs || !rhs)
      return {};
    if (lhs.getType().isInteger(1) && !rhs.getType().isInteger(1))
      lhs = castTo(b, loc, lhs, rhs.getType());
    if (rhs.getType().isInteger(1) && !lhs.getType().isInteger(1))
      rhs = castTo(b, loc, rhs, lhs.getType());
    return unify(lhs, rhs);
  }

  Value emitUnary(const Node &node, Type hint) {
    if (node.text == "not") {
      Value operand = emit(*node.operands[0]);
      if (!operand)
        return nullptr;
      Value one = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
      return arith::XOrIOp::create(b, loc, toBool(operand), one);
    }
    Value operand = emit(*node.operands[0], hint);
    if (!operand || node.text == "+")
      return operand;
    if (isa<FloatType>(operand.getType()))
      return arith::NegFOp::create(b, loc, operand);
    Value zero = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(operand.getType(), 0));
    return arith::SubIOp::create(b, loc, zero, operand);
  }

  Value emitBinary(const Node &node, Type hint) {
    StringRef op = node.text;
    if (op == "and" || op == "or") {
      Value lhs = emit(*node.operands[0]);
      Value rhs = lhs ? emit(*node.operands[1]) : Value();
      if (!rhs)
        return nullptr;
      // Both sides are side-effect free, so evaluating both is fine.
      if (op == "and")
        return arith::AndIOp::create(b, loc, toBool(lhs), toBool(rhs));
      return arith::OrIOp::create(b, loc, toBool(lhs), toBool(rhs));
    }
    if (op == "**")
      return emitPower(node, hint);
    auto [lhs, rhs] = emitOperands(node, hint);
    if (!lhs)
      return nullptr;
    Type type = lhs.getType();
    bool isFloat = isa<FloatType>(type);

    if (StringRef("== != < <= > >=").contains(op)) {
      if (isFloat) {
        auto pred = llvm::StringSwitch<arith::CmpFPredicate>(op)
                        .Case("==", arith::CmpFPredicate::OEQ)
                        .Case("!=", arith::CmpFPredicate::UNE)
                        .Case("<", arith::CmpFPredicate::OLT)
                        .Case("<=", arith::CmpFPredicate::OLE)
                        .Case(">", arith::CmpFPredicate::OGT)
                        .Default(arith::CmpFPredicate::OGE);
        return arith::CmpFOp::create(b, loc, pred, lhs, rhs);
      }
      auto pred = llvm::StringSwitch<arith::CmpIPredicate>(op)
                      .Case("==", arith::CmpIPredicate::eq)
                      .Case("!=", arith::CmpIPredicate::ne)
                      .Case("<", arith::CmpIPredicate::slt)
                      .Case("<=", arith::CmpIPredicate::sle)
                      .Case(">", arith::CmpIPredicate::sgt)
                      .Default(arith::CmpIPredicate::sge);
      return arith::CmpIOp::create(b, loc, pred, lhs, rhs);
    }
    if (op == "+")
      return isFloat ? Value(arith::AddFOp::create(b, loc, lhs, rhs))
                     : Value(arith::AddIOp::create(b, loc, lhs, rhs));
    if (op == "-")
      return isFloat ? Value(arith::SubFOp::create(b, loc, lhs, rhs))
                     : Value(arith::SubIOp::create(b, loc, lhs, rhs));
    if (op == "*")
      return isFloat ? Value(arith::MulFOp::create(b, loc, lhs, rhs))
                     : Value(arith::MulIOp::create(b, loc, lhs, rhs));
    if (op == "/")
      // Integer `/` divides as the C++ DaCe generates does (truncating).
      return isFloat ? Value(arith::DivFOp::create(b, loc, lhs, rhs))
                     : Value(arith::DivSIOp::create(b, loc, lhs, rhs));
    if (op == "//")
      return isFloat ? Value(math::FloorOp::create(
                           b, loc, arith::DivFOp::create(b, loc, lhs, rhs)))
                     : Value(arith::FloorDivSIOp::create(b, loc, lhs, rhs));
    if (op == "%") {
      if (isFloat)
        return arith::RemFOp::create(b, loc, lhs, rhs);
      // Python's modulo takes the sign of the divisor.
      Value rem = arith::RemSIOp::create(b, loc, lhs, rhs);
      Value zero = arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, 0));
      Value remNeg =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, rem, zero);
      Value rhsNeg =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, rhs, zero);
      Value remNonZero =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, rem, zero);
      Value fix = arith::AndIOp::create(
          b, loc, remNonZero, arith::XOrIOp::create(b, loc, remNeg, rhsNeg));
      return arith::SelectOp::create(
          b, loc, fix, arith::AddIOp::create(b, loc, rem, rhs), rem);
    }
    return fail(node, "operator '" + op + "' (not supported)");
  }

  Value emitPower(const Node &node, Type hint) {
    const Node &exponent = *node.operands[1];
    if (exponent.kind == Node::Kind::Int && exponent.intValue >= 0 &&
        exponent.intValue <= 16) {
      Value base = emit(*node.operands[0], hint);
      if (!base)
        return nullptr;
      Type type = base.getType();
      bool isFloat = isa<FloatType>(type);
      Value result =
          isFloat
              ? arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 1.0))
              : arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, 1));
      for (int64_t i = 0; i < exponent.intValue; ++i)
        result = isFloat ? Value(arith::MulFOp::create(b, loc, result, base))
                         : Value(arith::MulIOp::create(b, loc, result, base));
      return result;
    }
    auto [base, power] = emitOperands(node, hint);
    if (!base)
      return nullptr;
    if (isa<FloatType>(base.getType()))
      return math::PowFOp::create(b, loc, base, power);
    if (isa<IndexType>(base.getType()))
      return fail(node, "'**' with a non-constant exponent on index values "
                        "(not supported)");
    return math::IPowIOp::create(b, loc, base, power);
  }

  Value emitCall(const Node &node, Type hint) {
    StringRef callee = node.text;
    callee.consume_front("math.");
    callee.consume_front("dace.math.");
    callee.consume_front("np.");
    callee.consume_front("numpy.");
    size_t n = node.operands.size();
    auto arity = [&](size_t expected) -> bool {
      if (n == expected)
        return true;
      fail(node, "'" + node.text + "' takes " + Twine(expected) +
                     " arguments, got " + Twine(n));
      return false;
    };

    if (callee == "min" || callee == "Min" || callee == "max" ||
        callee == "Max") {
      if (n < 2)
        return fail(node, "'" + node.text + "' needs at least 2 arguments");
      bool isMin = callee.equals_insensitive("min");
      Value acc = emit(*node.operands[0], hint);
      for (size_t i = 1; acc && i < n; ++i) {
        Value next = emit(*node.operands[i], acc.getType());
        if (!next)
          return nullptr;
        auto [l, r] = unify(acc, next);
        if (isa<FloatType>(l.getType()))
          acc = isMin ? Value(arith::MinimumFOp::create(b, loc, l, r))
                      : Value(arith::MaximumFOp::create(b, loc, l, r));
        else
          acc = isMin ? Value(arith::MinSIOp::create(b, loc, l, r))
                      : Value(arith::MaxSIOp::create(b, loc, l, r));
      }
      return acc;
    }
    if (callee == "int_floor" || callee == "int_ceil") {
      if (!arity(2))
        return nullptr;
      auto [l, r] = emitOperands(node, hint);
      if (!l)
        return nullptr;
      if (!isInt(l.getType()))
        return fail(node, "'" + node.text + "' needs integer arguments");
      return callee == "int_floor"
                 ? Value(arith::FloorDivSIOp::create(b, loc, l, r))
                 : Value(arith::CeilDivSIOp::create(b, loc, l, r));
    }
    if (callee == "abs" || callee == "Abs") {
      if (!arity(1))
        return nullptr;
      Value v = emit(*node.operands[0], hint);
      if (!v)
        return nullptr;
      if (isa<FloatType>(v.getType()))
        return math::AbsFOp::create(b, loc, v);
      return math::AbsIOp::create(b, loc, v);
    }
    if (callee == "float" || callee == "int") {
      // Python's conversions: to f64 (or the float hint), to i64 (or the
      // integer hint), truncating toward zero.
      if (!arity(1))
        return nullptr;
      Value v = emit(*node.operands[0]);
      if (!v)
        return nullptr;
      Type type;
      if (callee == "float")
        type = hint && isa<FloatType>(hint) ? hint : b.getF64Type();
      else
        type =
            hint && isInt(hint) && !hint.isInteger(1) ? hint : b.getI64Type();
      return castTo(b, loc, v, type);
    }
    if (callee == "pow") {
      if (!arity(2))
        return nullptr;
      auto [l, r] = emitOperands(node, hint);
      if (!l)
        return nullptr;
      if (!isa<FloatType>(l.getType())) {
        l = castTo(b, loc, l, b.getF64Type());
        r = castTo(b, loc, r, b.getF64Type());
      }
      return math::PowFOp::create(b, loc, l, r);
    }
    using UnaryBuilder = Value (*)(OpBuilder &, Location, Value);
    UnaryBuilder unary =
        llvm::StringSwitch<UnaryBuilder>(callee)
            .Case("sqrt",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::SqrtOp::create(b, l, v);
                  })
            .Case("exp",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::ExpOp::create(b, l, v);
                  })
            .Case("log",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::LogOp::create(b, l, v);
                  })
            .Case("sin",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::SinOp::create(b, l, v);
                  })
            .Case("cos",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::CosOp::create(b, l, v);
                  })
            .Case("tan",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::TanOp::create(b, l, v);
                  })
            .Case("tanh",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::TanhOp::create(b, l, v);
                  })
            .Case("floor",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::FloorOp::create(b, l, v);
                  })
            .Case("ceil",
                  [](OpBuilder &b, Location l, Value v) -> Value {
                    return math::CeilOp::create(b, l, v);
                  })
            .Default(nullptr);
    if (!unary)
      return fail(node, "function '" + node.text + "' (not supported)");
    if (!arity(1))
      return nullptr;
    Value v = emit(*node.operands[0], hint);
    if (!v)
      return nullptr;
    if (!isa<FloatType>(v.getType()))
      v = castTo(b, loc, v,
                 hint && isa<FloatType>(hint) ? hint : b.getF64Type());
    return unary(b, loc, v);
  }

  Value emitSubscript(const Node &node) {
    Value array = lookup(node.text);
    if (!array)
      return fail(node, "unknown name '" + node.text + "'");
    auto type = dyn_cast<MemRefType>(array.getType());
    if (!type)
      return fail(node, "'" + node.text + "' is subscripted but is a scalar");
    if (static_cast<int64_t>(node.operands.size()) != type.getRank())
      return fail(node, "'" + node.text + "' has rank " +
                            Twine(type.getRank()) +
                            " but is subscripted with " +
                            Twine(node.operands.size()) + " indices");
    SmallVector<Value> indices;
    for (const NodePtr &operand : node.operands) {
      Value index = emit(*operand, b.getIndexType());
      if (!index)
        return nullptr;
      if (!isInt(index.getType()))
        return fail(node, "index into '" + node.text + "' is not an integer");
      indices.push_back(castTo(b, loc, index, b.getIndexType()));
    }
    return memref::LoadOp::create(b, loc, array, indices);
  }
};
} // namespace

Value expr::emit(OpBuilder &builder, Location loc, const Node &node,
                 NameLookup lookup, Type intType, std::string &error) {
  return Emitter(builder, loc, lookup, intType, error).emit(node);
}
