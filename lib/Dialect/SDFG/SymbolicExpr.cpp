//===- SymbolicExpr.cpp - Parse and emit DaCe's Python expressions --------===//

#include "pk/Dialect/SDFG/SymbolicExpr.h"

#include "pk/Dialect/SDFG/SDFGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace mlir::sdfg;
using namespace mlir::sdfg::expr;

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

namespace {
struct OpSpelling {
  Operator op;
  StringLiteral text;
};
} // namespace

/// Python's spelling of each operator, in the order of `Operator`.
static constexpr OpSpelling kOpSpellings[] = {
    {Operator::Add, "+"},       {Operator::Sub, "-"},
    {Operator::Mul, "*"},       {Operator::Div, "/"},
    {Operator::FloorDiv, "//"}, {Operator::Mod, "%"},
    {Operator::Pow, "**"},      {Operator::Shl, "<<"},
    {Operator::Shr, ">>"},      {Operator::BitAnd, "&"},
    {Operator::BitOr, "|"},     {Operator::BitXor, "^"},
    {Operator::Eq, "=="},       {Operator::Ne, "!="},
    {Operator::Lt, "<"},        {Operator::Le, "<="},
    {Operator::Gt, ">"},        {Operator::Ge, ">="},
    {Operator::And, "and"},     {Operator::Or, "or"},
    {Operator::Not, "not"},     {Operator::Neg, "-"},
    {Operator::Pos, "+"},       {Operator::Invert, "~"},
};

static constexpr bool spellingsInOrder() {
  for (size_t i = 0; i < std::size(kOpSpellings); ++i)
    if (static_cast<size_t>(kOpSpellings[i].op) != i)
      return false;
  return true;
}
static_assert(spellingsInOrder(),
              "kOpSpellings must follow the order of Operator");

StringRef expr::spelling(Operator op) {
  return kOpSpellings[static_cast<size_t>(op)].text;
}

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

namespace {
/// Recursive descent over Python's expression grammar, restricted to what
/// DaCe emits for symbols and simple tasklets. Precedence, lowest first:
/// `or`, `and`, `not`, comparisons, `|`, `^`, `&`, `<< >>`, `+ -`,
/// `* / // %`, unary `- + ~`, `**`, then atoms (literals, names, calls,
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
    // A long text is quoted by its start only.
    std::string quoted = text.size() > 120
                             ? (text.take_front(100) + "...").str()
                             : text.str();
    if (error.empty())
      error =
          (message + " at column " + Twine(pos + 1) + " of '" + quoted + "'")
              .str();
    return nullptr;
  }

  std::string describeRest(StringRef what) {
    StringRef rest = text.drop_front(pos);
    // Name whole words and known multi-character operators precisely.
    static const char *const ops[] = {
        "**=", "//=", "<<=", ">>=", "+=",     "-=", "*=",   "/=",
        "&=",  "|=",  "^=",  "@",   "lambda", "if", "else", "for",
        "in",  "is",  "[",   "{",   "'",      "\"", ":",    ","};
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

  NodePtr make(Node::Kind kind, StringRef text, size_t at) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->text = text.str();
    node->pos = at;
    return node;
  }

  NodePtr makeOp(Node::Kind kind, Operator op, size_t at) {
    NodePtr node = make(kind, "", at);
    node->op = op;
    return node;
  }

  /// Consumes the first of `ops` that comes next, unless it is followed by
  /// `=` (so `|` is not `|=`, `-` not `-=`); `ops` lists a longer spelling
  /// before its prefix (`//` before `/`).
  std::optional<Operator> consumeOp(ArrayRef<Operator> ops) {
    for (Operator op : ops) {
      StringRef text = spelling(op);
      if (peek(text) && !peek((text + "=").str()) && consume(text))
        return op;
    }
    return std::nullopt;
  }

  NodePtr binary(Operator op, NodePtr lhs, NodePtr rhs) {
    size_t at = lhs->pos;
    NodePtr node = makeOp(Node::Kind::Binary, op, at);
    node->operands.push_back(std::move(lhs));
    node->operands.push_back(std::move(rhs));
    return measured(std::move(node));
  }

  /// `node` with its height set, or null if it is too tall.
  NodePtr measured(NodePtr node) {
    for (const NodePtr &operand : node->operands)
      node->depth = std::max(node->depth, operand->depth + 1);
    if (node->depth > kMaxExprDepth)
      return tooDeep();
    return node;
  }

  NodePtr tooDeep() {
    return fail("expression nested more than " + Twine(kMaxExprDepth) +
                " levels deep");
  }

  /// Counts the parser's own recursion (parentheses, calls, unary
  /// operators), which would overflow the stack before any tree exists.
  struct Nesting {
    Parser &parser;
    explicit Nesting(Parser &parser) : parser(parser) { ++parser.nesting; }
    ~Nesting() { --parser.nesting; }
    bool tooDeep() const { return parser.nesting > kMaxExprDepth; }
  };
  unsigned nesting = 0;

  NodePtr parseOr() {
    Nesting guard(*this);
    if (guard.tooDeep())
      return tooDeep();
    return parseLevel({Operator::Or}, &Parser::parseAnd);
  }

  NodePtr parseAnd() { return parseLevel({Operator::And}, &Parser::parseNot); }

  NodePtr parseNot() {
    Nesting guard(*this);
    if (guard.tooDeep())
      return tooDeep();
    skipSpace();
    size_t at = pos;
    if (consume(spelling(Operator::Not))) {
      NodePtr operand = parseNot();
      if (!operand)
        return nullptr;
      NodePtr node = makeOp(Node::Kind::Unary, Operator::Not, at);
      node->operands.push_back(std::move(operand));
      return measured(std::move(node));
    }
    return parseComparison();
  }

  NodePtr parseComparison() {
    static constexpr Operator comparisons[] = {Operator::Eq, Operator::Ne,
                                               Operator::Le, Operator::Ge,
                                               Operator::Lt, Operator::Gt};
    NodePtr lhs = parseBitOr();
    if (!lhs)
      return nullptr;
    std::optional<Operator> op = consumeOp(comparisons);
    if (!op)
      return lhs;
    NodePtr rhs = parseBitOr();
    if (!rhs)
      return nullptr;
    for (Operator again : comparisons)
      if (peek(spelling(again)))
        return fail("chained comparison (not supported)");
    return binary(*op, std::move(lhs), std::move(rhs));
  }

  /// One level of left-associative binary operators.
  template <typename Next>
  NodePtr parseLevel(ArrayRef<Operator> ops, Next next) {
    NodePtr lhs = (this->*next)();
    while (lhs) {
      // `*` must not take the first half of `**`, which binds tighter.
      if (peek(spelling(Operator::Pow)))
        break;
      std::optional<Operator> op = consumeOp(ops);
      if (!op)
        break;
      NodePtr rhs = (this->*next)();
      if (!rhs)
        return nullptr;
      lhs = binary(*op, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  NodePtr parseBitOr() {
    return parseLevel({Operator::BitOr}, &Parser::parseBitXor);
  }
  NodePtr parseBitXor() {
    return parseLevel({Operator::BitXor}, &Parser::parseBitAnd);
  }
  NodePtr parseBitAnd() {
    return parseLevel({Operator::BitAnd}, &Parser::parseShift);
  }
  NodePtr parseShift() {
    return parseLevel({Operator::Shl, Operator::Shr}, &Parser::parseSum);
  }
  NodePtr parseSum() {
    return parseLevel({Operator::Add, Operator::Sub}, &Parser::parseProduct);
  }
  NodePtr parseProduct() {
    return parseLevel(
        {Operator::FloorDiv, Operator::Mul, Operator::Div, Operator::Mod},
        &Parser::parseUnary);
  }

  NodePtr parseUnary() {
    Nesting guard(*this);
    if (guard.tooDeep())
      return tooDeep();
    skipSpace();
    size_t at = pos;
    for (Operator op : {Operator::Neg, Operator::Pos, Operator::Invert}) {
      if (!consume(spelling(op)))
        continue;
      NodePtr operand = parseUnary();
      if (!operand)
        return nullptr;
      NodePtr node = makeOp(Node::Kind::Unary, op, at);
      node->operands.push_back(std::move(operand));
      return measured(std::move(node));
    }
    return parsePower();
  }

  NodePtr parsePower() {
    NodePtr base = parseAtom();
    if (base && consume(spelling(Operator::Pow))) {
      // Right associative, and binds tighter than a unary minus on its left
      // but not on its right: `-a ** -b` is `-(a ** (-b))`.
      NodePtr exponent = parseUnary();
      if (!exponent)
        return nullptr;
      return binary(Operator::Pow, std::move(base), std::move(exponent));
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
        // SymPy's spellings, which DaCe writes in subsets and conditions:
        // `Mod(a, b)` is Python's `a % b` (the sign of `b`), `Eq`/`Ne`
        // compare.
        if ((name == "Mod" || name == "Eq" || name == "Ne") &&
            call->operands.size() == 2) {
          call->kind = Node::Kind::Binary;
          call->op = name == "Mod"  ? Operator::Mod
                     : name == "Eq" ? Operator::Eq
                                    : Operator::Ne;
          call->text.clear();
        }
        return measured(std::move(call));
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
        return measured(std::move(sub));
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
    bool imaginary =
        pos < text.size() && (text[pos] == 'j' || text[pos] == 'J');
    if (imaginary)
      ++pos;
    if (pos < text.size() && (llvm::isAlnum(text[pos]) || text[pos] == '_'))
      return fail(describeRest("unexpected"));
    if (imaginary) {
      NodePtr node = make(Node::Kind::Imaginary, literal, at);
      if (literal.getAsDouble(node->floatValue))
        return fail("malformed number '" + literal + "'");
      return node;
    }
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
        // `<<=` and `>>=` are (augmented) assignments, `<=` and `>=` not.
        bool shift = i > 1 && StringRef("<>").contains(stmt[i - 1]) &&
                     stmt[i - 2] == stmt[i - 1];
        bool prevOp =
            !shift && i > 0 && StringRef("=<>!").contains(stmt[i - 1]);
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
      if (!target.empty() && StringRef("+-*/%&|^@<>").contains(target.back())) {
        error =
            ("augmented assignment in '" + stmt + "' (not supported)").str();
        return failure();
      }
      bool identifier =
          !target.empty() && (llvm::isAlpha(target[0]) || target[0] == '_') &&
          llvm::all_of(target,
                       [](char c) { return llvm::isAlnum(c) || c == '_'; });
      NodePtr subscript;
      if (!identifier && target.ends_with("]")) {
        std::string ignored;
        subscript = parse(target, ignored);
        if (subscript && subscript->kind != Node::Kind::Subscript)
          subscript.reset();
      }
      if (!identifier && !subscript) {
        error = ("assignment target '" + target +
                 "' is neither a name nor a subscript (tuple targets are "
                 "not supported)")
                    .str();
        return failure();
      }
      NodePtr value = parse(stmt.drop_front(eq + 1).trim(), error);
      if (!value)
        return failure();
      std::string name = subscript ? subscript->text : target.str();
      statements.push_back({name, std::move(value), std::move(subscript)});
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
  case Node::Kind::Imaginary: {
    std::string text = llvm::formatv("{0}", node.floatValue).str();
    return text + "j";
  }
  case Node::Kind::Bool:
    return node.intValue ? "True" : "False";
  case Node::Kind::Name:
    return node.text;
  case Node::Kind::Unary:
    return ("(" + spelling(node.op) + (node.op == Operator::Not ? " " : "") +
            print(*node.operands[0]) + ")")
        .str();
  case Node::Kind::Binary:
    return ("(" + print(*node.operands[0]) + " " + spelling(node.op) + " " +
            print(*node.operands[1]) + ")")
        .str();
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

/// `a / b`: Python's true division.
static bool isTrueDivision(const expr::Node &node) {
  return node.isBinary(Operator::Div);
}

namespace {
/// A value, nothing (not known), or failure (an overflow, reported).
using IntResult = FailureOr<std::optional<int64_t>>;

/// `base ** exponent` for `exponent >= 0` by squaring, or nullopt where it
/// overflows. At most 63 squarings: beyond them any base but -1, 0 and 1
/// has overflowed.
std::optional<int64_t> checkedPower(int64_t base, int64_t exponent) {
  int64_t result = 1;
  while (true) {
    if ((exponent & 1) && llvm::MulOverflow(result, base, result))
      return std::nullopt;
    exponent >>= 1;
    if (exponent == 0)
      return result;
    // The rest of the power has `base * base` as a factor, so an overflow
    // here is one of the result.
    if (llvm::MulOverflow(base, base, base))
      return std::nullopt;
  }
}

/// Python's `a << b` for `0 <= b`, or nullopt where it overflows.
std::optional<int64_t> checkedShiftLeft(int64_t a, int64_t b) {
  if (a == 0)
    return 0;
  if (b > 63)
    return std::nullopt;
  auto shifted = static_cast<int64_t>(static_cast<uint64_t>(a) << b);
  if ((shifted >> b) != a)
    return std::nullopt;
  return shifted;
}

/// Python's `a % b` for `b != 0`: the remainder of the floor division,
/// with the divisor's sign. The true remainder fits, so computing it with
/// wrapping arithmetic is exact.
int64_t floorMod(int64_t a, int64_t b) {
  if (b == -1)
    return 0;
  uint64_t product = static_cast<uint64_t>(llvm::divideFloorSigned(a, b)) *
                     static_cast<uint64_t>(b);
  return static_cast<int64_t>(static_cast<uint64_t>(a) - product);
}

class Evaluator {
public:
  Evaluator(IntLookup lookup, std::string &error)
      : lookup(lookup), error(error) {}

  IntResult evaluate(const Node &node) {
    using Kind = Node::Kind;
    switch (node.kind) {
    case Kind::Int:
    case Kind::Bool:
      return value(node.intValue);
    case Kind::Name:
      return IntResult(lookup(node.text));
    case Kind::Unary:
      return evaluateUnary(node);
    case Kind::Binary:
      return evaluateBinary(node);
    case Kind::Call:
      return evaluateCall(node);
    case Kind::Float:
    case Kind::Imaginary:
    case Kind::Subscript:
      return unknown();
    }
    llvm_unreachable("unknown node kind");
  }

private:
  IntLookup lookup;
  std::string &error;

  static IntResult value(int64_t v) { return IntResult(std::optional(v)); }
  static IntResult unknown() { return IntResult(std::nullopt); }
  IntResult overflow(const Node &node) {
    error = "'" + print(node) + "' overflows 64-bit integers";
    return failure();
  }
  IntResult checked(const Node &node, std::optional<int64_t> v) {
    return v ? value(*v) : overflow(node);
  }

  IntResult evaluateUnary(const Node &node) {
    IntResult operand = evaluate(*node.operands[0]);
    if (failed(operand) || !*operand)
      return operand;
    int64_t v = **operand, result;
    switch (node.op) {
    case Operator::Neg:
      if (llvm::SubOverflow<int64_t>(0, v, result))
        return overflow(node);
      return value(result);
    case Operator::Pos:
      return value(v);
    case Operator::Invert:
      return value(~v);
    case Operator::Not:
      return value(v == 0);
    default:
      llvm_unreachable("not a unary operator");
    }
  }

  /// Integer division of `a` by `b` rounded by `divide`, as the C++ DaCe
  /// generates for `/` and Python for `//`; nothing for a zero divisor.
  IntResult divide(const Node &node, int64_t a, int64_t b,
                   int64_t (*divide)(int64_t, int64_t)) {
    if (b == 0)
      return unknown();
    if (llvm::divideSignedWouldOverflow(a, b))
      return overflow(node);
    return value(divide(a, b));
  }
  static int64_t truncatingDivide(int64_t a, int64_t b) { return a / b; }
  static int64_t floorDivide(int64_t a, int64_t b) {
    return llvm::divideFloorSigned(a, b);
  }
  static int64_t ceilDivide(int64_t a, int64_t b) {
    return llvm::divideCeilSigned(a, b);
  }

  /// Both values, nothing where either is not known, or failure where
  /// either overflows (an overflow wins over an unknown).
  FailureOr<std::optional<std::pair<int64_t, int64_t>>>
  evaluatePair(const Node &lhsNode, const Node &rhsNode) {
    IntResult lhs = evaluate(lhsNode);
    if (failed(lhs))
      return failure();
    IntResult rhs = evaluate(rhsNode);
    if (failed(rhs))
      return failure();
    if (!*lhs || !*rhs)
      return std::optional<std::pair<int64_t, int64_t>>();
    return std::optional(std::make_pair(**lhs, **rhs));
  }

  IntResult evaluateBinary(const Node &node) {
    auto operands = evaluatePair(*node.operands[0], *node.operands[1]);
    if (failed(operands))
      return failure();
    if (!*operands)
      return unknown();
    auto [a, b] = **operands;
    int64_t result;
    switch (node.op) {
    case Operator::Add:
      if (llvm::AddOverflow(a, b, result))
        return overflow(node);
      return value(result);
    case Operator::Sub:
      if (llvm::SubOverflow(a, b, result))
        return overflow(node);
      return value(result);
    case Operator::Mul:
      if (llvm::MulOverflow(a, b, result))
        return overflow(node);
      return value(result);
    case Operator::Div:
      return divide(node, a, b, truncatingDivide);
    case Operator::FloorDiv:
      return divide(node, a, b, floorDivide);
    case Operator::Mod:
      return b == 0 ? unknown() : value(floorMod(a, b));
    case Operator::Pow:
      // A negative exponent makes a float in Python.
      return b < 0 ? unknown() : checked(node, checkedPower(a, b));
    case Operator::Shl:
      return b < 0 ? unknown() : checked(node, checkedShiftLeft(a, b));
    case Operator::Shr:
      if (b < 0)
        return unknown();
      return value(b > 63 ? (a < 0 ? -1 : 0) : a >> b);
    case Operator::BitAnd:
      return value(a & b);
    case Operator::BitOr:
      return value(a | b);
    case Operator::BitXor:
      return value(a ^ b);
    case Operator::Eq:
      return value(a == b);
    case Operator::Ne:
      return value(a != b);
    case Operator::Lt:
      return value(a < b);
    case Operator::Le:
      return value(a <= b);
    case Operator::Gt:
      return value(a > b);
    case Operator::Ge:
      return value(a >= b);
    case Operator::And:
      return value(a == 0 ? a : b);
    case Operator::Or:
      return value(a != 0 ? a : b);
    default:
      llvm_unreachable("not a binary operator");
    }
  }

  IntResult evaluateCall(const Node &node) {
    StringRef callee = node.text;
    // SymPy's ceiling(a/b) and floor(a/b) of integers.
    if ((callee == "ceiling" || callee == "floor") &&
        node.operands.size() == 1 && isTrueDivision(*node.operands[0])) {
      const Node &division = *node.operands[0];
      auto operands =
          evaluatePair(*division.operands[0], *division.operands[1]);
      if (failed(operands))
        return failure();
      if (!*operands)
        return unknown();
      return divide(node, (*operands)->first, (*operands)->second,
                    callee == "floor" ? floorDivide : ceilDivide);
    }
    // An argument that overflows is an error even next to unknown ones.
    SmallVector<int64_t> args;
    bool known = true;
    for (const NodePtr &operand : node.operands) {
      IntResult v = evaluate(*operand);
      if (failed(v))
        return failure();
      if (*v)
        args.push_back(**v);
      known = known && *v;
    }
    if (!known)
      return unknown();
    if ((callee == "min" || callee == "Min") && !args.empty())
      return value(*llvm::min_element(args));
    if ((callee == "max" || callee == "Max") && !args.empty())
      return value(*llvm::max_element(args));
    if ((callee == "int_floor" || callee == "int_ceil") && args.size() == 2)
      return divide(node, args[0], args[1],
                    callee == "int_floor" ? floorDivide : ceilDivide);
    return unknown();
  }
};
} // namespace

FailureOr<std::optional<int64_t>>
expr::evaluateInt(const Node &node, IntLookup lookup, std::string &error) {
  return Evaluator(lookup, error).evaluate(node);
}

std::optional<int64_t> expr::evaluateIntOrNone(const Node &node,
                                               IntLookup lookup) {
  std::string ignored;
  IntResult result = evaluateInt(node, lookup, ignored);
  return succeeded(result) ? *result : std::nullopt;
}

//===----------------------------------------------------------------------===//
// Types and conversions
//===----------------------------------------------------------------------===//

std::optional<DType> expr::parseDType(MLIRContext *context, StringRef name) {
  Builder b(context);
  if (name == "bool" || name == "bool_")
    return DType{b.getI1Type()};
  if (name == "float16")
    return DType{b.getF16Type()};
  if (name == "float32")
    return DType{b.getF32Type()};
  if (name == "float64")
    return DType{b.getF64Type()};
  if (name == "complex64")
    return DType{ComplexType::get(b.getF32Type())};
  if (name == "complex128")
    return DType{ComplexType::get(b.getF64Type())};
  bool isUnsigned = name.consume_front("u");
  unsigned width;
  if (name.consume_front("int") && !name.getAsInteger(10, width) &&
      llvm::is_contained({8u, 16u, 32u, 64u}, width))
    return DType{b.getIntegerType(width), isUnsigned};
  return std::nullopt;
}

static bool isInt(Type t) { return isa<IntegerType, IndexType>(t); }

Value expr::castTo(OpBuilder &b, Location loc, Value value, Type type,
                   bool fromUnsigned, bool toUnsigned) {
  Type from = value.getType();
  if (from == type)
    return value;
  if (auto complex = dyn_cast<ComplexType>(type)) {
    Type element = complex.getElementType();
    Value re, im;
    if (isa<ComplexType>(from)) {
      re = castTo(b, loc, complex::ReOp::create(b, loc, value), element);
      im = castTo(b, loc, complex::ImOp::create(b, loc, value), element);
    } else {
      re = castTo(b, loc, value, element, fromUnsigned);
      im = arith::ConstantOp::create(b, loc, b.getFloatAttr(element, 0.0));
    }
    if (!re || !im)
      return nullptr;
    return complex::CreateOp::create(b, loc, type, re, im);
  }
  // Python refuses `float(1j)`; C++ has no such conversion either.
  if (isa<ComplexType>(from))
    return nullptr;
  // i1 and unsigned integers zero-extend.
  bool zeroExtends = fromUnsigned || from.isInteger(1);
  if (type.isInteger(1)) {
    if (isInt(from))
      return arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::ne, value,
          arith::ConstantOp::create(b, loc, b.getIntegerAttr(from, 0)));
    if (isa<FloatType>(from))
      return arith::CmpFOp::create(
          b, loc, arith::CmpFPredicate::UNE, value,
          arith::ConstantOp::create(b, loc, b.getFloatAttr(from, 0)));
    return nullptr;
  }
  if (isInt(from) && isInt(type) &&
      (isa<IndexType>(from) || isa<IndexType>(type)))
    return zeroExtends
               ? Value(arith::IndexCastUIOp::create(b, loc, type, value))
               : Value(arith::IndexCastOp::create(b, loc, type, value));
  if (isInt(from) && isInt(type)) {
    unsigned fromWidth = from.getIntOrFloatBitWidth();
    unsigned toWidth = type.getIntOrFloatBitWidth();
    if (fromWidth < toWidth)
      return zeroExtends ? Value(arith::ExtUIOp::create(b, loc, type, value))
                         : Value(arith::ExtSIOp::create(b, loc, type, value));
    return arith::TruncIOp::create(b, loc, type, value);
  }
  if (isInt(from) && isa<FloatType>(type)) {
    if (isa<IndexType>(from))
      value = castTo(b, loc, value, b.getI64Type(), zeroExtends);
    if (zeroExtends)
      return arith::UIToFPOp::create(b, loc, type, value);
    return arith::SIToFPOp::create(b, loc, type, value);
  }
  if (isa<FloatType>(from) && isInt(type)) {
    Type target = isa<IndexType>(type) ? b.getI64Type() : type;
    Value converted =
        toUnsigned ? Value(arith::FPToUIOp::create(b, loc, target, value))
                   : Value(arith::FPToSIOp::create(b, loc, target, value));
    if (isa<IndexType>(type))
      return arith::IndexCastOp::create(b, loc, type, converted);
    return converted;
  }
  if (isa<FloatType>(from) && isa<FloatType>(type)) {
    if (from.getIntOrFloatBitWidth() < type.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, type, value);
    return arith::TruncFOp::create(b, loc, type, value);
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Emitter
//===----------------------------------------------------------------------===//

namespace {

/// A number written in the source, possibly negated: it adapts to the type
/// of the other operand of its operator, as a C++ literal converts.
bool isLiteral(const Node &node) {
  if (node.isUnary(Operator::Neg))
    return isLiteral(*node.operands[0]);
  return node.kind == Node::Kind::Int || node.kind == Node::Kind::Float ||
         node.kind == Node::Kind::Imaginary;
}

/// The value of a real literal (possibly negated), else nullopt.
std::optional<double> realLiteral(const Node &node) {
  if (node.isUnary(Operator::Neg)) {
    std::optional<double> value = realLiteral(*node.operands[0]);
    return value ? std::optional<double>(-*value) : std::nullopt;
  }
  if (node.kind == Node::Kind::Int)
    return static_cast<double>(node.intValue);
  if (node.kind == Node::Kind::Float)
    return node.floatValue;
  return std::nullopt;
}

bool isIntLiteral(const Node &node) {
  if (node.isUnary(Operator::Neg))
    return isIntLiteral(*node.operands[0]);
  return node.kind == Node::Kind::Int;
}

using UnaryBuilder = Value (*)(OpBuilder &, Location, Value);

template <typename OpTy>
Value buildUnary(OpBuilder &b, Location loc, Value value) {
  return OpTy::create(b, loc, value);
}

/// Strips the module prefixes DaCe and NumPy code put on functions,
/// constants and types (`math.exp`, `np.float32`, `dace.math.min`).
StringRef stripModule(StringRef name) {
  for (StringRef prefix :
       {"dace.math.", "dace.", "math.", "cmath.", "numpy.", "np."})
    if (name.consume_front(prefix))
      break;
  return name;
}

class Emitter {
public:
  Emitter(OpBuilder &b, Location loc, NameLookup lookup, Type intType,
          std::string &error, const Node *top = nullptr,
          Type destination = {})
      : b(b), loc(loc), lookup(lookup), intType(intType), error(error),
        top(top), destination(destination) {}

  /// Emits `node`; literals get `hint` when it is a numeric type.
  Operand emit(const Node &node, Type hint = {}) {
    switch (node.kind) {
    case Node::Kind::Int:
      return intLiteral(node.intValue, hint);
    case Node::Kind::Float:
      return floatLiteral(node.floatValue, hint);
    case Node::Kind::Imaginary: {
      auto type = dyn_cast_if_present<ComplexType>(hint);
      return complexConstant(type ? type : ComplexType::get(b.getF64Type()),
                             0.0, node.floatValue);
    }
    case Node::Kind::Bool:
      return Operand(
          arith::ConstantOp::create(b, loc, b.getBoolAttr(node.intValue != 0)));
    case Node::Kind::Name:
      return emitName(node, hint);
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
  /// The whole expression and the type its value is stored as, if known.
  const Node *top;
  Type destination;

  Operand fail(const Twine &message) {
    if (error.empty())
      error = message.str();
    return {};
  }

  static bool isBitwise(Operator op) {
    return op == Operator::BitAnd || op == Operator::BitOr ||
           op == Operator::BitXor;
  }
  static bool isComparison(Operator op) {
    return llvm::is_contained({Operator::Eq, Operator::Ne, Operator::Lt,
                               Operator::Le, Operator::Gt, Operator::Ge},
                              op);
  }

  Value constantInt(Type type, int64_t value) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
  }
  Value constantFloat(Type type, double value) {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  }
  Value complexConstant(ComplexType type, double re, double im) {
    Type element = type.getElementType();
    return complex::ConstantOp::create(
        b, loc, type,
        b.getArrayAttr(
            {b.getFloatAttr(element, re), b.getFloatAttr(element, im)}));
  }
  /// A zero or one of `type`.
  Value constantOf(Type type, int64_t value) {
    if (auto complex = dyn_cast<ComplexType>(type))
      return complexConstant(complex, static_cast<double>(value), 0.0);
    if (isa<FloatType>(type))
      return constantFloat(type, static_cast<double>(value));
    return constantInt(type, value);
  }

  Operand intLiteral(int64_t value, Type hint) {
    if (auto complex = dyn_cast_if_present<ComplexType>(hint))
      return Operand(complexConstant(complex, static_cast<double>(value), 0));
    if (hint && isa<FloatType>(hint))
      return Operand(constantFloat(hint, static_cast<double>(value)));
    Type type = intType;
    // A literal too wide for the other operand's type is a `long long` in
    // C++ (DaCe writes it as one): it keeps its value.
    if (hint && isInt(hint) && !hint.isInteger(1) &&
        (isa<IndexType>(hint) ||
         llvm::isIntN(hint.getIntOrFloatBitWidth(), value)))
      type = hint;
    else if (isa<IntegerType>(type) &&
             !llvm::isIntN(type.getIntOrFloatBitWidth(), value))
      type = b.getI64Type();
    return Operand(constantInt(type, value));
  }

  Operand floatLiteral(double value, Type hint) {
    if (auto complex = dyn_cast_if_present<ComplexType>(hint))
      return Operand(complexConstant(complex, value, 0));
    Type type = hint && isa<FloatType>(hint) ? hint : b.getF64Type();
    return Operand(constantFloat(type, value));
  }

  /// The type a literal operand takes next to `other`: integers that of
  /// the promoted other operand (C converts the literal), floats keep
  /// double precision next to real operands (C++ computes `x * 2.0` in
  /// double) but take a complex operand's precision.
  Type literalHint(const Node &literal, const Operand &other) {
    Type type = other.getType();
    if (isa<ComplexType>(type))
      return type;
    if (!isIntLiteral(literal))
      return {};
    if (auto integer = dyn_cast<IntegerType>(type);
        integer && integer.getWidth() < 32)
      return b.getI32Type();
    return type;
  }

  /// C's integer promotion: booleans and integers narrower than 32 bits
  /// compute as (signed) 32-bit integers.
  Operand promote(Operand v) {
    auto integer = dyn_cast<IntegerType>(v.getType());
    if (!integer || integer.getWidth() >= 32)
      return v;
    return Operand(castTo(b, loc, v.value, b.getI32Type(), v.isUnsigned));
  }

  /// C's usual arithmetic conversions (after promotion): complex beats
  /// float beats integer, the wider float wins; among integers index wins,
  /// then the wider type, and an unsigned type wins over a signed one that
  /// is not wider.
  std::pair<Operand, Operand> unify(Operand lhs, Operand rhs,
                                    bool promoteInts = true) {
    if (promoteInts) {
      lhs = promote(lhs);
      rhs = promote(rhs);
    }
    Type l = lhs.getType(), r = rhs.getType();
    if (l == r && lhs.isUnsigned == rhs.isUnsigned)
      return {lhs, rhs};
    auto floatOf = [](Type t) -> Type {
      if (auto complex = dyn_cast<ComplexType>(t))
        return complex.getElementType();
      return isa<FloatType>(t) ? t : Type();
    };
    auto wider = [](Type x, Type y) {
      if (!x)
        return y;
      if (!y)
        return x;
      return x.getIntOrFloatBitWidth() >= y.getIntOrFloatBitWidth() ? x : y;
    };
    Type common;
    bool isUnsigned = false;
    if (isa<ComplexType>(l) || isa<ComplexType>(r)) {
      common = ComplexType::get(wider(floatOf(l), floatOf(r)));
    } else if (isa<FloatType>(l) || isa<FloatType>(r)) {
      common = wider(floatOf(l), floatOf(r));
    } else if (isa<IndexType>(l) || isa<IndexType>(r)) {
      common = b.getIndexType();
      auto unsigned64 = [](const Operand &v) {
        return v.isUnsigned && v.getType().isInteger(64);
      };
      isUnsigned = unsigned64(lhs) || unsigned64(rhs);
    } else {
      unsigned lw = l.getIntOrFloatBitWidth(), rw = r.getIntOrFloatBitWidth();
      if (lhs.isUnsigned == rhs.isUnsigned) {
        common = lw >= rw ? l : r;
        isUnsigned = lhs.isUnsigned;
      } else {
        unsigned uw = lhs.isUnsigned ? lw : rw, sw = lhs.isUnsigned ? rw : lw;
        common = b.getIntegerType(std::max(uw, sw));
        isUnsigned = uw >= sw;
      }
    }
    Value lv = castTo(b, loc, lhs.value, common, lhs.isUnsigned, isUnsigned);
    Value rv = castTo(b, loc, rhs.value, common, rhs.isUnsigned, isUnsigned);
    if (!lv || !rv)
      return {};
    return {Operand(lv, isUnsigned), Operand(rv, isUnsigned)};
  }

  /// Emits both operands of a binary node; a literal side takes its type
  /// from the other side.
  std::pair<Operand, Operand> emitOperands(const Node &lhsNode,
                                           const Node &rhsNode, Type hint) {
    Operand lhs, rhs;
    if (isLiteral(lhsNode) && !isLiteral(rhsNode)) {
      rhs = emit(rhsNode, hint);
      if (!rhs)
        return {};
      lhs = emit(lhsNode, literalHint(lhsNode, rhs));
    } else {
      lhs = emit(lhsNode, hint);
      if (!lhs)
        return {};
      rhs =
          emit(rhsNode, isLiteral(rhsNode) ? literalHint(rhsNode, lhs) : hint);
    }
    if (!lhs || !rhs)
      return {};
    return {lhs, rhs};
  }

  Value toBool(Operand v) {
    Type type = v.getType();
    if (type.isInteger(1))
      return v.value;
    if (isa<ComplexType>(type))
      return complex::NotEqualOp::create(b, loc, v.value, constantOf(type, 0));
    return castTo(b, loc, v.value, b.getI1Type());
  }

  Operand emitName(const Node &node, Type hint) {
    StringRef name = node.text;
    if (Operand value = lookup(name)) {
      if (isa<MemRefType>(value.getType()))
        return fail("array '" + name + "' used as a value (index it with [])");
      return value;
    }
    // `z.real` and `z.imag` of a complex (or real) value.
    for (StringRef part : {".real", ".imag"}) {
      if (!name.ends_with(part))
        continue;
      Operand base = lookup(name.drop_back(part.size()));
      if (!base || isa<MemRefType>(base.getType()))
        break;
      return realOrImag(base, part == ".real");
    }
    StringRef constant = stripModule(name);
    Type type = hint && isa<FloatType>(hint) ? hint : b.getF64Type();
    bool prefixed = constant.size() != name.size();
    if (constant == "inf")
      return Operand(
          constantFloat(type, std::numeric_limits<double>::infinity()));
    if (constant == "nan")
      return Operand(
          constantFloat(type, std::numeric_limits<double>::quiet_NaN()));
    if (constant == "pi")
      return Operand(constantFloat(type, llvm::numbers::pi));
    if (prefixed && constant == "e")
      return Operand(constantFloat(type, llvm::numbers::e));
    return fail("unknown name '" + name + "'");
  }

  Operand realOrImag(Operand v, bool real) {
    if (isa<ComplexType>(v.getType()))
      return real ? Operand(complex::ReOp::create(b, loc, v.value))
                  : Operand(complex::ImOp::create(b, loc, v.value));
    return real ? v : Operand(constantOf(v.getType(), 0), v.isUnsigned);
  }

  Operand emitUnary(const Node &node, Type hint) {
    const Node &operandNode = *node.operands[0];
    Operator op = node.op;
    if (op == Operator::Not) {
      Operand operand = emit(operandNode);
      if (!operand)
        return {};
      Value one = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
      return Operand(arith::XOrIOp::create(b, loc, toBool(operand), one));
    }
    if (op == Operator::Neg && operandNode.kind == Node::Kind::Int)
      return intLiteral(-operandNode.intValue, hint);
    if (op == Operator::Neg && operandNode.kind == Node::Kind::Float)
      return floatLiteral(-operandNode.floatValue, hint);
    Operand operand = emit(operandNode, hint);
    if (!operand)
      return {};
    Type type = operand.getType();
    if (isa<ComplexType>(type) || isa<FloatType>(type)) {
      if (op == Operator::Invert)
        return fail("operator '~' on a non-integer (not supported: Python "
                    "raises TypeError)");
      if (op == Operator::Pos)
        return operand;
      if (isa<ComplexType>(type))
        return Operand(complex::NegOp::create(b, loc, operand.value));
      return Operand(arith::NegFOp::create(b, loc, operand.value));
    }
    operand = promote(operand);
    type = operand.getType();
    if (op == Operator::Pos)
      return operand;
    if (op == Operator::Invert)
      return Operand(
          arith::XOrIOp::create(b, loc, operand.value, constantInt(type, -1)),
          operand.isUnsigned);
    return Operand(
        arith::SubIOp::create(b, loc, constantInt(type, 0), operand.value),
        operand.isUnsigned);
  }

  Operand emitBinary(const Node &node, Type hint) {
    Operator op = node.op;
    if (op == Operator::And || op == Operator::Or) {
      Operand lhs = emit(*node.operands[0]);
      Operand rhs = lhs ? emit(*node.operands[1]) : Operand();
      if (!rhs)
        return {};
      // Both sides are side-effect free, so evaluating both is fine.
      if (op == Operator::And)
        return Operand(arith::AndIOp::create(b, loc, toBool(lhs), toBool(rhs)));
      return Operand(arith::OrIOp::create(b, loc, toBool(lhs), toBool(rhs)));
    }
    if (op == Operator::Pow)
      return emitPower(node, hint);
    if (op == Operator::Shl || op == Operator::Shr)
      return emitShift(node, hint);
    auto [lhs, rhs] = emitOperands(*node.operands[0], *node.operands[1], hint);
    if (!lhs)
      return {};
    // `&`, `|` and `^` of two booleans stay booleans, as in Python.
    if (isBitwise(op) && lhs.getType().isInteger(1) &&
        rhs.getType().isInteger(1))
      return arithmetic(op, lhs, rhs);
    auto [l, r] = unify(lhs, rhs);
    if (!l)
      return fail("operator '" + spelling(op) +
                  "': operands of incompatible types");
    return arithmetic(op, l, r);
  }

  static arith::CmpFPredicate floatPredicate(Operator op) {
    using P = arith::CmpFPredicate;
    switch (op) {
    case Operator::Eq:
      return P::OEQ;
    case Operator::Ne:
      return P::UNE;
    case Operator::Lt:
      return P::OLT;
    case Operator::Le:
      return P::OLE;
    case Operator::Gt:
      return P::OGT;
    case Operator::Ge:
      return P::OGE;
    default:
      llvm_unreachable("not a comparison");
    }
  }

  static arith::CmpIPredicate intPredicate(Operator op, bool isUnsigned) {
    using P = arith::CmpIPredicate;
    switch (op) {
    case Operator::Eq:
      return P::eq;
    case Operator::Ne:
      return P::ne;
    case Operator::Lt:
      return isUnsigned ? P::ult : P::slt;
    case Operator::Le:
      return isUnsigned ? P::ule : P::sle;
    case Operator::Gt:
      return isUnsigned ? P::ugt : P::sgt;
    case Operator::Ge:
      return isUnsigned ? P::uge : P::sge;
    default:
      llvm_unreachable("not a comparison");
    }
  }

  /// `lhs op rhs` with the complex, float or integer form of one operator,
  /// chosen by the operands' (common) type.
  template <typename ComplexOpT, typename FloatOpT, typename IntOpT>
  Operand byElementKind(Operand lhs, Operand rhs) {
    Value l = lhs.value, r = rhs.value;
    Type type = lhs.getType();
    if (isa<ComplexType>(type))
      return Operand(ComplexOpT::create(b, loc, l, r));
    if (isa<FloatType>(type))
      return Operand(FloatOpT::create(b, loc, l, r), lhs.isUnsigned);
    return Operand(IntOpT::create(b, loc, l, r), lhs.isUnsigned);
  }

  /// Emits `lhs op rhs` on operands of one type.
  Operand arithmetic(Operator op, Operand lhs, Operand rhs) {
    Type type = lhs.getType();
    bool isUnsigned = lhs.isUnsigned;
    bool isComplex = isa<ComplexType>(type);
    bool isFloat = isa<FloatType>(type);
    Value l = lhs.value, r = rhs.value;

    if (isComparison(op)) {
      if (isComplex) {
        if (op == Operator::Eq)
          return Operand(complex::EqualOp::create(b, loc, l, r));
        if (op == Operator::Ne)
          return Operand(complex::NotEqualOp::create(b, loc, l, r));
        return fail("comparison '" + spelling(op) +
                    "' of complex values (not supported: Python raises "
                    "TypeError)");
      }
      if (isFloat)
        return Operand(arith::CmpFOp::create(b, loc, floatPredicate(op), l, r));
      return Operand(
          arith::CmpIOp::create(b, loc, intPredicate(op, isUnsigned), l, r));
    }
    auto result = [&](Value v) { return Operand(v, isUnsigned); };
    if (isBitwise(op)) {
      if (isComplex || isFloat)
        return fail("operator '" + spelling(op) +
                    "' on non-integers (not supported: Python raises "
                    "TypeError)");
      if (op == Operator::BitAnd)
        return result(arith::AndIOp::create(b, loc, l, r));
      if (op == Operator::BitOr)
        return result(arith::OrIOp::create(b, loc, l, r));
      return result(arith::XOrIOp::create(b, loc, l, r));
    }
    if (op == Operator::Add)
      return byElementKind<complex::AddOp, arith::AddFOp, arith::AddIOp>(lhs,
                                                                         r);
    if (op == Operator::Sub)
      return byElementKind<complex::SubOp, arith::SubFOp, arith::SubIOp>(lhs,
                                                                         r);
    if (op == Operator::Mul)
      return byElementKind<complex::MulOp, arith::MulFOp, arith::MulIOp>(lhs,
                                                                         r);
    if (op == Operator::Div) {
      // Integer `/` divides as the C++ DaCe generates does (truncating).
      if (isComplex)
        return Operand(complex::DivOp::create(b, loc, l, r));
      if (isFloat)
        return result(arith::DivFOp::create(b, loc, l, r));
      return isUnsigned ? result(arith::DivUIOp::create(b, loc, l, r))
                        : result(arith::DivSIOp::create(b, loc, l, r));
    }
    if (op == Operator::FloorDiv || op == Operator::Mod) {
      if (isComplex)
        return fail("operator '" + spelling(op) +
                    "' on complex values (not supported: Python raises "
                    "TypeError)");
      if (op == Operator::FloorDiv) {
        if (isFloat)
          return result(FloorDivOp::create(b, loc, l, r));
        return isUnsigned ? result(arith::DivUIOp::create(b, loc, l, r))
                          : result(arith::FloorDivSIOp::create(b, loc, l, r));
      }
      if (isUnsigned && !isFloat)
        return result(arith::RemUIOp::create(b, loc, l, r));
      return result(ModOp::create(b, loc, l, r));
    }
    return fail("operator '" + spelling(op) + "' (not supported)");
  }

  Operand emitShift(const Node &node, Type hint) {
    Operand lhs = emit(*node.operands[0], hint);
    Operand rhs = lhs ? emit(*node.operands[1], hint) : Operand();
    if (!rhs)
      return {};
    if (!isInt(lhs.getType()) || !isInt(rhs.getType()))
      return fail("operator '" + spelling(node.op) +
                  "' on non-integers (not supported: Python raises "
                  "TypeError)");
    // C shifts the promoted left operand; the result has its type.
    lhs = promote(lhs);
    Value amount =
        castTo(b, loc, rhs.value, lhs.getType(), rhs.isUnsigned, false);
    if (node.op == Operator::Shl)
      return Operand(arith::ShLIOp::create(b, loc, lhs.value, amount),
                     lhs.isUnsigned);
    return lhs.isUnsigned
               ? Operand(arith::ShRUIOp::create(b, loc, lhs.value, amount),
                         true)
               : Operand(arith::ShRSIOp::create(b, loc, lhs.value, amount));
  }

  /// `**`. A constant exponent in [0, 16] multiplies out, as DaCe's
  /// `dace::math::ipow`; otherwise integers use `math.ipowi` (a negative
  /// exponent gives the exact power truncated toward zero), floats C's
  /// `pow` (`math.fpowi` for an integer exponent, `math.powf`), complex
  /// values `complex.pow`. A power of integers stored as a float is raised
  /// in f64 by C's `pow`, as DaCe's `std::pow` does for most integer
  /// types: Python's value, also for a negative exponent (`2 ** -1` is
  /// 0.5, where an integer result would truncate it to 0).
  Operand emitPower(const Node &node, Type hint) {
    const Node &baseNode = *node.operands[0], &exponentNode = *node.operands[1];
    Operand base = emit(baseNode, hint);
    if (!base)
      return {};
    std::optional<int64_t> constant;
    if (exponentNode.kind == Node::Kind::Int)
      constant = exponentNode.intValue;
    if (constant && *constant >= 0 && *constant <= 16) {
      if (isInt(base.getType()))
        base = promote(base);
      Type type = base.getType();
      if (*constant == 0)
        return Operand(constantOf(type, 1), base.isUnsigned);
      Value result = base.value;
      for (int64_t i = 1; i < *constant; ++i) {
        if (isa<ComplexType>(type))
          result = complex::MulOp::create(b, loc, result, base.value);
        else if (isa<FloatType>(type))
          result = arith::MulFOp::create(b, loc, result, base.value);
        else
          result = arith::MulIOp::create(b, loc, result, base.value);
      }
      return Operand(result, base.isUnsigned);
    }
    Operand exponent =
        emit(exponentNode,
             isLiteral(exponentNode) ? literalHint(exponentNode, base) : hint);
    if (!exponent)
      return {};
    Type baseType = base.getType(), exponentType = exponent.getType();
    if (isa<ComplexType>(baseType) || isa<ComplexType>(exponentType)) {
      auto [l, r] = unify(base, exponent);
      if (!l)
        return fail("operator '**': operands of incompatible types");
      return Operand(complex::PowOp::create(b, loc, l.value, r.value));
    }
    if (isInt(baseType) && isInt(exponentType) && &node == top &&
        isa_and_present<FloatType>(destination)) {
      Type f64 = b.getF64Type();
      return Operand(math::PowFOp::create(
          b, loc, castTo(b, loc, base.value, f64, base.isUnsigned),
          castTo(b, loc, exponent.value, f64, exponent.isUnsigned)));
    }
    if (isInt(baseType) && isInt(exponentType)) {
      auto [l, r] = unify(base, exponent);
      Type type = l.getType();
      // math.ipowi takes fixed-width integers; an unsigned exponent must
      // not read as negative, so narrow unsigned powers go through i64 (the
      // low bits of the product do not depend on the width).
      if (isa<IndexType>(type) ||
          (l.isUnsigned && type.getIntOrFloatBitWidth() < 64)) {
        Type wide = b.getI64Type();
        Value power = math::IPowIOp::create(
            b, loc, castTo(b, loc, l.value, wide, l.isUnsigned),
            castTo(b, loc, r.value, wide, r.isUnsigned));
        return Operand(castTo(b, loc, power, type), l.isUnsigned);
      }
      return Operand(math::IPowIOp::create(b, loc, l.value, r.value),
                     l.isUnsigned);
    }
    if (isa<FloatType>(baseType) && isInt(exponentType)) {
      // C++'s std::pow(float, int) is the double overload, as DaCe calls
      // it (and NumPy's float32 ** int32 is float64).
      if (!baseType.isF64())
        base = Operand(castTo(b, loc, base.value, b.getF64Type()));
      exponent = promote(exponent);
      Value power = exponent.value;
      if (isa<IndexType>(power.getType()) ||
          (exponent.isUnsigned && power.getType().getIntOrFloatBitWidth() < 64))
        power = castTo(b, loc, power, b.getI64Type(), exponent.isUnsigned);
      return Operand(math::FPowIOp::create(b, loc, base.value, power));
    }
    auto [l, r] = unify(base, exponent);
    if (!l)
      return fail("operator '**': operands of incompatible types");
    return Operand(math::PowFOp::create(b, loc, l.value, r.value));
  }

  Operand emitCall(const Node &node, Type hint) {
    StringRef callee = stripModule(node.text);
    size_t n = node.operands.size();
    auto arity = [&](size_t expected) -> bool {
      if (n == expected)
        return true;
      fail("'" + node.text + "' takes " + Twine(expected) + " arguments, got " +
           Twine(n));
      return false;
    };
    // The two arguments brought to one type (an empty first operand where
    // they have none); nullopt where emitting them failed (reported).
    auto twoArguments = [&]() -> std::optional<std::pair<Operand, Operand>> {
      if (!arity(2))
        return std::nullopt;
      auto [lhs, rhs] =
          emitOperands(*node.operands[0], *node.operands[1], hint);
      if (!lhs)
        return std::nullopt;
      return unify(lhs, rhs);
    };
    auto binaryCall = [&](Operator op) -> Operand {
      std::optional<std::pair<Operand, Operand>> args = twoArguments();
      if (!args)
        return {};
      auto [l, r] = *args;
      if (!l)
        return fail("'" + node.text + "': arguments of incompatible types");
      return arithmetic(op, l, r);
    };

    if (callee == "min" || callee == "Min" || callee == "max" ||
        callee == "Max") {
      if (n < 2)
        return fail("'" + node.text + "' needs at least 2 arguments");
      bool isMin = callee.equals_insensitive("min");
      Operand acc = emit(*node.operands[0], hint);
      for (size_t i = 1; acc && i < n; ++i) {
        const Node &argNode = *node.operands[i];
        Operand next = emit(
            argNode, isLiteral(argNode) ? literalHint(argNode, acc) : hint);
        if (!next)
          return {};
        auto [l, r] = unify(acc, next);
        if (!l || isa<ComplexType>(l.getType()))
          return fail("'" + node.text +
                      "' of complex values (not supported: Python raises "
                      "TypeError)");
        Value lv = l.value, rv = r.value;
        if (isa<FloatType>(l.getType()))
          acc = isMin ? Operand(arith::MinimumFOp::create(b, loc, lv, rv))
                      : Operand(arith::MaximumFOp::create(b, loc, lv, rv));
        else if (l.isUnsigned)
          acc = isMin ? Operand(arith::MinUIOp::create(b, loc, lv, rv), true)
                      : Operand(arith::MaxUIOp::create(b, loc, lv, rv), true);
        else
          acc = isMin ? Operand(arith::MinSIOp::create(b, loc, lv, rv))
                      : Operand(arith::MaxSIOp::create(b, loc, lv, rv));
      }
      return acc;
    }
    // SymPy's ceiling(a/b) and floor(a/b) of integers (a float quotient
    // falls through to math's ceil and floor).
    if ((callee == "ceiling" || callee == "floor") && n == 1 &&
        isTrueDivision(*node.operands[0])) {
      const Node &division = *node.operands[0];
      Operand l = emit(*division.operands[0], hint);
      Operand r = l ? emit(*division.operands[1], hint) : Operand();
      if (!r)
        return {};
      auto [lu, ru] = unify(l, r);
      if (lu && isInt(lu.getType()) && !lu.isUnsigned)
        return callee == "floor"
                   ? Operand(arith::FloorDivSIOp::create(b, loc, lu.value,
                                                         ru.value))
                   : Operand(arith::CeilDivSIOp::create(b, loc, lu.value,
                                                        ru.value));
      if (lu && isInt(lu.getType()))
        return callee == "floor"
                   ? Operand(arith::DivUIOp::create(b, loc, lu.value, ru.value),
                             true)
                   : Operand(arith::CeilDivUIOp::create(b, loc, lu.value,
                                                        ru.value),
                             true);
    }
    if (callee == "int_floor" || callee == "int_ceil") {
      std::optional<std::pair<Operand, Operand>> args = twoArguments();
      if (!args)
        return {};
      auto [l, r] = *args;
      if (!l || !isInt(l.getType()))
        return fail("'" + node.text + "' needs integer arguments");
      if (l.isUnsigned)
        return callee == "int_floor"
                   ? Operand(arith::DivUIOp::create(b, loc, l.value, r.value),
                             true)
                   : Operand(
                         arith::CeilDivUIOp::create(b, loc, l.value, r.value),
                         true);
      return callee == "int_floor"
                 ? Operand(
                       arith::FloorDivSIOp::create(b, loc, l.value, r.value))
                 : Operand(
                       arith::CeilDivSIOp::create(b, loc, l.value, r.value));
    }
    // NumPy's floor_divide and mod as DaCe's frontend writes them.
    if (callee == "py_floor")
      return binaryCall(Operator::FloorDiv);
    if (callee == "py_mod")
      return binaryCall(Operator::Mod);
    if (callee == "abs" || callee == "Abs" || callee == "fabs") {
      if (!arity(1))
        return {};
      Operand v = emit(*node.operands[0], hint);
      if (!v)
        return {};
      Type type = v.getType();
      if (isa<ComplexType>(type))
        return Operand(complex::AbsOp::create(b, loc, v.value));
      if (isa<FloatType>(type))
        return Operand(math::AbsFOp::create(b, loc, v.value));
      if (v.isUnsigned)
        return v;
      v = promote(v);
      return Operand(math::AbsIOp::create(b, loc, v.value));
    }
    if (callee == "real" || callee == "imag") {
      if (!arity(1))
        return {};
      Operand v = emit(*node.operands[0], hint);
      return v ? realOrImag(v, callee == "real") : Operand();
    }
    if (callee == "conj" || callee == "conjugate") {
      if (!arity(1))
        return {};
      Operand v = emit(*node.operands[0], hint);
      if (!v || !isa<ComplexType>(v.getType()))
        return v;
      return Operand(complex::ConjOp::create(b, loc, v.value));
    }
    if (callee == "float" || callee == "int" || callee == "bool") {
      // Python's conversions: to f64 (or the float hint), to i64 (or the
      // integer hint), truncating toward zero; to a boolean.
      if (!arity(1))
        return {};
      Operand v = emit(*node.operands[0]);
      if (!v)
        return {};
      if (callee == "bool")
        return Operand(toBool(v));
      Type type =
          callee == "float"
              ? (hint && isa<FloatType>(hint) ? hint : b.getF64Type())
              : (hint && isInt(hint) && !hint.isInteger(1) ? hint
                                                           : b.getI64Type());
      Value cast = castTo(b, loc, v.value, type, v.isUnsigned);
      if (!cast)
        return fail("'" + node.text +
                    "' of a complex value (not supported: Python raises "
                    "TypeError)");
      return Operand(cast);
    }
    if (callee == "complex")
      return emitComplex(node, ComplexType::get(b.getF64Type()));
    if (std::optional<DType> dtype = parseDType(b.getContext(), callee)) {
      if (auto complex = dyn_cast<ComplexType>(dtype->type))
        return emitComplex(node, complex);
      // A cast to DaCe's type, e.g. `dace.float32(x)`, `np.uint8(x)`.
      if (!arity(1))
        return {};
      const Node &arg = *node.operands[0];
      Operand v = isLiteral(arg) && isa<FloatType>(dtype->type)
                      ? emit(arg, dtype->type)
                      : emit(arg);
      if (!v)
        return {};
      Value cast =
          castTo(b, loc, v.value, dtype->type, v.isUnsigned, dtype->isUnsigned);
      if (!cast)
        return fail("'" + node.text +
                    "' of a complex value (not supported: Python raises "
                    "TypeError)");
      return Operand(cast, dtype->isUnsigned);
    }
    if (callee == "fmod") {
      // C's fmod (Python's math.fmod): the remainder takes the dividend's
      // sign.
      std::optional<std::pair<Operand, Operand>> args = twoArguments();
      if (!args)
        return {};
      auto [l, r] = *args;
      if (!l || isa<ComplexType>(l.getType()))
        return fail("'" + node.text +
                    "' of complex values (not supported: Python raises "
                    "TypeError)");
      Value lv = l.value, rv = r.value;
      if (!isa<FloatType>(l.getType())) {
        lv = castTo(b, loc, lv, b.getF64Type(), l.isUnsigned);
        rv = castTo(b, loc, rv, b.getF64Type(), r.isUnsigned);
      }
      return Operand(arith::RemFOp::create(b, loc, lv, rv));
    }
    if (callee == "pow") {
      std::optional<std::pair<Operand, Operand>> args = twoArguments();
      if (!args)
        return {};
      auto [l, r] = *args;
      if (!l)
        return fail("'" + node.text + "': arguments of incompatible types");
      if (isa<ComplexType>(l.getType()))
        return Operand(complex::PowOp::create(b, loc, l.value, r.value));
      Value lv = l.value, rv = r.value;
      if (!isa<FloatType>(l.getType())) {
        lv = castTo(b, loc, lv, b.getF64Type(), l.isUnsigned);
        rv = castTo(b, loc, rv, b.getF64Type(), r.isUnsigned);
      }
      return Operand(math::PowFOp::create(b, loc, lv, rv));
    }

    // The real and the complex form of each function.
    using Builders = std::pair<UnaryBuilder, UnaryBuilder>;
    Builders unary =
        llvm::StringSwitch<Builders>(callee)
            .Case("sqrt",
                  {buildUnary<math::SqrtOp>, buildUnary<complex::SqrtOp>})
            .Case("exp", {buildUnary<math::ExpOp>, buildUnary<complex::ExpOp>})
            .Case("log", {buildUnary<math::LogOp>, buildUnary<complex::LogOp>})
            .Case("sin", {buildUnary<math::SinOp>, buildUnary<complex::SinOp>})
            .Case("cos", {buildUnary<math::CosOp>, buildUnary<complex::CosOp>})
            .Case("tan", {buildUnary<math::TanOp>, buildUnary<complex::TanOp>})
            .Case("tanh",
                  {buildUnary<math::TanhOp>, buildUnary<complex::TanhOp>})
            .Case("floor", {buildUnary<math::FloorOp>, nullptr})
            .Case("ceil", {buildUnary<math::CeilOp>, nullptr})
            .Default({nullptr, nullptr});
    if (!unary.first)
      return fail("function '" + node.text + "' (not supported)");
    if (!arity(1))
      return {};
    Operand v = emit(*node.operands[0], hint);
    if (!v)
      return {};
    if (isa<ComplexType>(v.getType())) {
      if (!unary.second)
        return fail("'" + node.text +
                    "' of a complex value (not supported: Python raises "
                    "TypeError)");
      return Operand(unary.second(b, loc, v.value));
    }
    Value x = v.value;
    if (!isa<FloatType>(x.getType()))
      x = castTo(b, loc, x,
                 hint && isa<FloatType>(hint) ? hint : b.getF64Type(),
                 v.isUnsigned);
    return Operand(unary.first(b, loc, x));
  }

  /// `complex(re, im)`, `dace.complex64(re, im)`, or a conversion to
  /// complex with one argument.
  Operand emitComplex(const Node &node, ComplexType type) {
    size_t n = node.operands.size();
    if (n != 1 && n != 2)
      return fail("'" + node.text + "' takes 1 or 2 arguments, got " +
                  Twine(n));
    // `dace.complex64(1.0, 2.0)`, as DaCe writes complex constants.
    SmallVector<double> constants;
    for (const NodePtr &operand : node.operands)
      if (std::optional<double> value = realLiteral(*operand))
        constants.push_back(*value);
    if (constants.size() == n)
      return Operand(
          complexConstant(type, constants[0], n == 2 ? constants[1] : 0.0));
    SmallVector<Operand> parts;
    for (const NodePtr &operand : node.operands) {
      Operand v = isLiteral(*operand) ? emit(*operand, type.getElementType())
                                      : emit(*operand);
      if (!v)
        return {};
      parts.push_back(v);
    }
    if (n == 1)
      return Operand(castTo(b, loc, parts[0].value, type, parts[0].isUnsigned));
    Type element = type.getElementType();
    Value re = castTo(b, loc, parts[0].value, element, parts[0].isUnsigned);
    Value im = castTo(b, loc, parts[1].value, element, parts[1].isUnsigned);
    if (!re || !im)
      return fail("'" + node.text +
                  "' takes real arguments (complex ones are not supported)");
    return Operand(complex::CreateOp::create(b, loc, type, re, im));
  }

  Operand emitSubscript(const Node &node) {
    Operand array = lookup(node.text);
    if (!array)
      return fail("unknown name '" + node.text + "'");
    auto type = dyn_cast<MemRefType>(array.getType());
    if (!type)
      return fail("'" + node.text + "' is subscripted but is a scalar");
    if (static_cast<int64_t>(node.operands.size()) != type.getRank())
      return fail("'" + node.text + "' has rank " + Twine(type.getRank()) +
                  " but is subscripted with " + Twine(node.operands.size()) +
                  " indices");
    SmallVector<Value> indices;
    for (const NodePtr &operand : node.operands) {
      Operand index = emit(*operand, b.getIndexType());
      if (!index)
        return {};
      if (!isInt(index.getType()))
        return fail("index into '" + node.text + "' is not an integer");
      indices.push_back(
          castTo(b, loc, index.value, b.getIndexType(), index.isUnsigned));
    }
    return Operand(memref::LoadOp::create(b, loc, array.value, indices),
                   array.isUnsigned);
  }
};
} // namespace

Operand expr::emit(OpBuilder &builder, Location loc, const Node &node,
                   NameLookup lookup, Type intType, std::string &error,
                   Type destination) {
  return Emitter(builder, loc, lookup, intType, error, &node, destination)
      .emit(node);
}
