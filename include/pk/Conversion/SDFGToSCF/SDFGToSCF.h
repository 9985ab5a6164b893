//===- SDFGToSCF.h - Lower sdfg to func/scf/memref --------------*- C++ -*-===//

#ifndef PK_CONVERSION_SDFGTOSCF_SDFGTOSCF_H
#define PK_CONVERSION_SDFGTOSCF_SDFGTOSCF_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringMap.h"

namespace mlir {
class ModuleOp;
namespace sdfg {
class SDFGOp;

/// Replaces `sdfg` by a `func.func` of the same name that runs its state
/// machine with scf/memref/arith ops. Symbols in `bindings` become
/// constants (and specialize the dynamic dimensions they size); other
/// symbols that no interstate edge assigns become trailing function
/// arguments. Emits a located error and fails on what it cannot lower.
LogicalResult lowerSDFGToSCF(SDFGOp sdfg,
                             const llvm::StringMap<int64_t> &bindings);

/// Parses `NAME=INTEGER` bindings into `bindings`; fails with `error` set.
LogicalResult parseSymbolBindings(ArrayRef<std::string> texts,
                                  llvm::StringMap<int64_t> &bindings,
                                  std::string &error);

} // namespace sdfg
} // namespace mlir

#endif // PK_CONVERSION_SDFGTOSCF_SDFGTOSCF_H
