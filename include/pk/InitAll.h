//===- InitAll.h - register everything a pk tool needs ----------*- C++ -*-===//

#ifndef PK_INITALL_H
#define PK_INITALL_H

namespace mlir {
class DialectRegistry;

namespace pk {
/// Upstream dialects and extensions, the pk and sdfg dialects, and the
/// translations to LLVM IR (including GPU/NVVM targets).
void registerAllDialects(DialectRegistry &registry);

/// Upstream passes plus every pk pass and named pipeline.
void registerAllPasses();
} // namespace pk
} // namespace mlir

#endif // PK_INITALL_H
