//===- SymbolicExpr.h - DaCe's Python-syntax expressions --------*- C++ -*-===//
//
// DaCe writes symbolic expressions (array shapes, memlet subsets, interstate
// conditions and assignments) and tasklet code as Python source. This is a
// parser for the subset pk understands (arithmetic, comparisons, boolean
// operators, subscripts and a set of math functions) and an emitter that
// turns a parsed expression into arith/math/memref ops.
//
//===----------------------------------------------------------------------===//

#ifndef PK_DIALECT_SDFG_SYMBOLICEXPR_H
#define PK_DIALECT_SDFG_SYMBOLICEXPR_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <string>

namespace mlir::sdfg::expr {

/// One node of an expression tree.
struct Node {
  enum class Kind {
    Int,       // integer literal: `intValue`
    Float,     // float literal: `floatValue`
    Bool,      // True/False: `intValue` is 0 or 1
    Name,      // identifier (dotted names such as `math.exp` included): `text`
    Unary,     // `text` is "-", "+" or "not"; one operand
    Binary,    // `text` is the operator; two operands
    Call,      // `text` is the callee; operands are the arguments
    Subscript, // `text` is the subscripted name; operands are the indices
  };
  Kind kind;
  std::string text;
  int64_t intValue = 0;
  double floatValue = 0;
  SmallVector<std::unique_ptr<Node>, 2> operands;
  /// Offset of the node's first character in the parsed text.
  size_t pos = 0;
};
using NodePtr = std::unique_ptr<Node>;

/// `target = value`, one statement of tasklet code.
struct Statement {
  std::string target;
  NodePtr value;
};

/// Parses one expression. On failure returns null and sets `error` to a
/// message naming the construct and its position.
NodePtr parse(StringRef text, std::string &error);

/// Parses tasklet code: assignments `name = expression`, one per line or
/// separated by `;`. Blank lines and `#` comments are skipped.
FailureOr<SmallVector<Statement>> parseStatements(StringRef code,
                                                  std::string &error);

/// Appends every name the expression reads (calls' callees excluded).
void collectNames(const Node &node, SmallVectorImpl<std::string> &names);

/// Prints the expression as Python source (parenthesized where needed).
std::string print(const Node &node);

/// Evaluates an integer expression; `lookup` gives the value of a name or
/// nullopt. Returns nullopt for anything not integral or not known
/// (floats, subscripts, unknown functions, division by zero).
std::optional<int64_t>
evaluateInt(const Node &node,
            llvm::function_ref<std::optional<int64_t>(StringRef)> lookup);

/// Resolves a name to the value it stands for; returns null if unknown.
using NameLookup = llvm::function_ref<Value(StringRef)>;

/// Emits ops computing `node`. Integer literals take the type of the other
/// operand of their operator, else `intType`. Mixed integer/float operands
/// compute in float, mixed integer widths in the wider one (index wins).
/// Comparisons and boolean operators produce i1. On failure returns null
/// and sets `error`.
Value emit(OpBuilder &builder, Location loc, const Node &node,
           NameLookup lookup, Type intType, std::string &error);

/// Converts a scalar between integer, index, float and i1 types (i1 and
/// unsigned-free integers extend with sign, except i1 which zero-extends).
Value castTo(OpBuilder &builder, Location loc, Value value, Type type);

} // namespace mlir::sdfg::expr

#endif // PK_DIALECT_SDFG_SYMBOLICEXPR_H
