//===- SymbolicExpr.h - DaCe's Python-syntax expressions --------*- C++ -*-===//
//
// DaCe writes symbolic expressions (array shapes, memlet subsets, interstate
// conditions and assignments) and tasklet code as Python source. This is a
// parser for the subset pk understands (arithmetic, bitwise and shift
// operators, comparisons, boolean operators, subscripts, casts to DaCe's
// types and a set of math functions) and an emitter that
// turns a parsed expression into arith/math/complex/memref ops (and the
// sdfg dialect's `sdfg.floordiv`/`sdfg.mod` for Python's `//` and `%`).
//
//===----------------------------------------------------------------------===//

#ifndef PK_DIALECT_SDFG_SYMBOLICEXPR_H
#define PK_DIALECT_SDFG_SYMBOLICEXPR_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <string>

namespace mlir::sdfg::expr {

/// The operators of the expression grammar. Parser and printer spell them
/// through one table (`spelling`), so nothing downstream compares text.
enum class Operator : uint8_t {
  // Binary.
  Add,      // +
  Sub,      // -
  Mul,      // *
  Div,      // /
  FloorDiv, // //
  Mod,      // %  (also SymPy's Mod(a, b))
  Pow,      // **
  Shl,      // <<
  Shr,      // >>
  BitAnd,   // &
  BitOr,    // |
  BitXor,   // ^
  Eq,       // == (also SymPy's Eq(a, b))
  Ne,       // != (also SymPy's Ne(a, b))
  Lt,       // <
  Le,       // <=
  Gt,       // >
  Ge,       // >=
  And,      // and
  Or,       // or
  // Unary.
  Not,    // not
  Neg,    // -
  Pos,    // +
  Invert, // ~
};

/// Python's spelling of `op`: "+", "//", "not", ...
StringRef spelling(Operator op);

/// One node of an expression tree.
struct Node {
  enum class Kind {
    Int,       // integer literal: `intValue`
    Float,     // float literal: `floatValue`
    Bool,      // True/False: `intValue` is 0 or 1
    Name,      // identifier (dotted names such as `math.exp` included): `text`
    Unary,     // `op` is Not, Neg, Pos or Invert; one operand
    Binary,    // `op` is the operator; two operands
    Call,      // `text` is the callee; operands are the arguments
    Subscript, // `text` is the subscripted name; operands are the indices
    Imaginary, // imaginary literal such as `2j`: `floatValue`
  };
  Kind kind;
  /// The operator of a Unary or Binary node.
  Operator op = Operator::Add;
  std::string text;
  int64_t intValue = 0;
  double floatValue = 0;
  SmallVector<std::unique_ptr<Node>, 2> operands;
  /// Offset of the node's first character in the parsed text.
  size_t pos = 0;
  /// The height of the tree under this node; the parser refuses trees
  /// taller than kMaxExprDepth, so recursive walks stay off the stack limit.
  unsigned depth = 1;

  bool isBinary(Operator binaryOp) const {
    return kind == Kind::Binary && op == binaryOp;
  }
  bool isUnary(Operator unaryOp) const {
    return kind == Kind::Unary && op == unaryOp;
  }
};
inline constexpr unsigned kMaxExprDepth = 500;
using NodePtr = std::unique_ptr<Node>;

/// `target = value`, one statement of tasklet code.
struct Statement {
  std::string target;
  NodePtr value;
  /// For `name[i, ...] = value`: the subscript (`target` is its name).
  NodePtr subscript;
};

/// Parses one expression. On failure returns null and sets `error` to a
/// message naming the construct and its position.
NodePtr parse(StringRef text, std::string &error);

/// The tree of `text`, parsed once per string in the context (the sdfg
/// dialect keeps it, for verifiers that run after every pass); null with
/// `error` set where it does not parse.
std::shared_ptr<const Node> parseCached(StringAttr text, std::string &error);

/// Parses tasklet code: assignments `name = expression`, one per line or
/// separated by `;`. Blank lines and `#` comments are skipped.
FailureOr<SmallVector<Statement>> parseStatements(StringRef code,
                                                  std::string &error);

/// Appends every name the expression reads (calls' callees excluded).
void collectNames(const Node &node, SmallVectorImpl<std::string> &names);

/// Prints the expression as Python source (parenthesized where needed).
std::string print(const Node &node);

using IntLookup = llvm::function_ref<std::optional<int64_t>(StringRef)>;

/// Evaluates an integer expression with Python's semantics (`//` and `%`
/// floor, `/` truncates as DaCe's C++ does); `lookup` gives the value of a
/// name or nullopt. The value is nullopt for anything not integral or not
/// known (floats, subscripts, unknown names and functions, division by
/// zero, negative shifts and exponents). Fails, with `error` naming the
/// subexpression, where a part of the expression has a value that does not
/// fit in 64 bits: no 64-bit value (at compile or at run time) is Python's.
FailureOr<std::optional<int64_t>>
evaluateInt(const Node &node, IntLookup lookup, std::string &error);

/// evaluateInt for callers that compare expressions at sample symbol
/// values: an overflow is no value.
std::optional<int64_t> evaluateIntOrNone(const Node &node, IntLookup lookup);

/// A DaCe data type: the MLIR type and whether it is unsigned (MLIR
/// integers are signless, so signedness travels next to the value).
struct DType {
  Type type;
  bool isUnsigned = false;
};

/// DaCe's (and NumPy's) dtype names: `float16/32/64`, `int8..64`,
/// `uint8..64`, `bool`/`bool_`, `complex64/128`; nullopt for others.
std::optional<DType> parseDType(MLIRContext *context, StringRef name);

/// An emitted value and whether DaCe's type for it is unsigned: unsigned
/// operands select `divui`, `remui`, `cmpi ult`, `uitofp`, `extui`,
/// `shrui`, ... where the signed form would differ.
struct Operand {
  Value value;
  bool isUnsigned = false;

  Operand() = default;
  Operand(Value value, bool isUnsigned = false)
      : value(value), isUnsigned(isUnsigned) {}
  explicit operator bool() const { return static_cast<bool>(value); }
  Type getType() const { return value.getType(); }
};

/// Resolves a name to the value it stands for; returns a null value if
/// unknown.
using NameLookup = llvm::function_ref<Operand(StringRef)>;

/// Emits ops computing `node` with the semantics of the C++ that DaCe
/// generates for it, and Python's where DaCe follows Python:
///
/// * integer literals take the (promoted) type of the other operand of
///   their operator, else `intType`; integers narrower than 32 bits (and
///   booleans in arithmetic) are promoted to i32 first, and mixed operands
///   follow C's usual arithmetic conversions (float beats integer, the
///   wider type wins, an unsigned type wins over a signed one at least as
///   narrow, index beats fixed-width integers; complex beats all);
/// * `/` truncates on integers, `//` and `%` follow Python (floor division,
///   the sign of the modulo follows the divisor; `sdfg.floordiv`/`sdfg.mod`
///   on floats and signed integers), `**` is integer exponentiation on
///   integers (`math.ipowi`), C's `pow` otherwise (`math.fpowi`,
///   `math.powf`, `complex.pow`); a power of integers that is the whole
///   expression and is stored as the float type `destination` is C's
///   `pow` in f64 (Python's value: `2 ** -1` is 0.5);
/// * complex values use the `complex` dialect; what Python rejects on them
///   (ordering, `//`, `%`, `floor`, ...) is an error.
///
/// Comparisons and boolean operators produce i1. On failure returns a null
/// operand and sets `error`.
Operand emit(OpBuilder &builder, Location loc, const Node &node,
             NameLookup lookup, Type intType, std::string &error,
             Type destination = {});

/// Converts a scalar between integer, index, float, complex and i1 types.
/// Integers extend with sign unless `fromUnsigned` (or i1, which
/// zero-extends); float-to-integer conversions truncate toward zero, to an
/// unsigned integer if `toUnsigned`. Returns null if there is no conversion
/// (complex to a real type).
Value castTo(OpBuilder &builder, Location loc, Value value, Type type,
             bool fromUnsigned = false, bool toUnsigned = false);

} // namespace mlir::sdfg::expr

#endif // PK_DIALECT_SDFG_SYMBOLICEXPR_H
