//===- UpstreamPasses.h - upstream passes in pk's pipelines -----*- C++ -*-===//
//
// Private to lib/Pipelines: the CPU, reference and GPU pipelines append
// upstream passes written in pass-pipeline syntax.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_PIPELINES_UPSTREAMPASSES_H
#define PK_LIB_PIPELINES_UPSTREAMPASSES_H

#include "mlir/Pass/PassManager.h"

namespace mlir::pk {

/// Appends the upstream passes of `pipeline` (pass-pipeline syntax) to `pm`.
/// The strings are fixed by pk, so a parse failure is a bug in pk, not user
/// input: it is a fatal error. Registers every upstream pass once first, so
/// no embedder of the pipelines (tools, C API) has to remember to.
void addUpstreamPasses(OpPassManager &pm, StringRef pipeline);

} // namespace mlir::pk

#endif // PK_LIB_PIPELINES_UPSTREAMPASSES_H
