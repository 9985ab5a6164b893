//===- SDFGJSON.h - DaCe SDFG JSON import and export ------------*- C++ -*-===//
//
// DaCe stores SDFGs as JSON (`.sdfg` files): `type: "SDFG"`, data
// descriptors in `attributes._arrays`, states with their dataflow `nodes`
// and `edges`, interstate `edges` with conditions and assignments. These
// functions translate between that format and the `sdfg` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef PK_TARGET_SDFGJSON_H
#define PK_TARGET_SDFGJSON_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir::sdfg {

/// Parses the DaCe JSON in `sourceMgr`'s main buffer into a module holding
/// one `sdfg.sdfg`. Reports an error naming the JSON construct it does not
/// support (or finds malformed) and returns null.
OwningOpRef<ModuleOp> importSDFGJSON(llvm::SourceMgr &sourceMgr,
                                     MLIRContext *context);

/// Writes the single `sdfg.sdfg` of `module` as DaCe JSON.
LogicalResult exportSDFGJSON(ModuleOp module, raw_ostream &os);

/// Registers `--json-to-sdfg` and `--sdfg-to-json` with mlir-translate.
void registerSDFGJSONTranslations();

} // namespace mlir::sdfg

#endif // PK_TARGET_SDFGJSON_H
