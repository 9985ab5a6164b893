//===- SDFGDialect.cpp - SDFG dialect registration ------------------------===//

#include "pk/Dialect/SDFG/SDFGDialect.h"
#include "pk/Dialect/SDFG/SDFGAttributes.h"
#include "pk/Dialect/SDFG/SDFGOps.h"
#include "pk/Dialect/SDFG/SymbolicExpr.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/RWMutex.h"

using namespace mlir;
using namespace mlir::sdfg;

/// Parsed expressions by their (uniqued) string, failures included so that
/// a bad string is not parsed again on each verification either.
struct SDFGDialect::ExprCache {
  struct Entry {
    std::shared_ptr<const expr::Node> node;
    std::string error;
  };
  llvm::sys::SmartRWMutex<true> mutex;
  llvm::DenseMap<StringAttr, Entry> entries;
};

#include "pk/Dialect/SDFG/SDFGOpsDialect.cpp.inc"

void SDFGDialect::initialize() {
  exprCache = std::make_unique<ExprCache>();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "pk/Dialect/SDFG/SDFGOps.cpp.inc"
      >();
}

std::shared_ptr<const expr::Node>
SDFGDialect::getParsedExpr(StringAttr text, std::string &error) {
  {
    llvm::sys::SmartScopedReader<true> lock(exprCache->mutex);
    auto it = exprCache->entries.find(text);
    if (it != exprCache->entries.end()) {
      error = it->second.error;
      return it->second.node;
    }
  }
  // Parsed outside the lock; a thread that parsed the same string first
  // wins, and both trees are equal.
  ExprCache::Entry entry;
  entry.node = expr::parse(text.getValue(), entry.error);
  llvm::sys::SmartScopedWriter<true> lock(exprCache->mutex);
  const ExprCache::Entry &kept =
      exprCache->entries.try_emplace(text, std::move(entry)).first->second;
  error = kept.error;
  return kept.node;
}

std::shared_ptr<const expr::Node> expr::parseCached(StringAttr text,
                                                    std::string &error) {
  if (auto *dialect = text.getContext()->getLoadedDialect<SDFGDialect>())
    return dialect->getParsedExpr(text, error);
  return parse(text.getValue(), error);
}
