//===- SDFGJSONTranslation.cpp - Register --json-to-sdfg/--sdfg-to-json ---===//

#include "pk/Target/SDFGJSON.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "pk/Dialect/SDFG/SDFGDialect.h"
#include "pk/InitAll.h"

using namespace mlir;

void sdfg::registerSDFGJSONTranslations() {
  TranslateToMLIRRegistration fromJSON(
      "json-to-sdfg", "Import a DaCe SDFG (.sdfg JSON) into the sdfg dialect",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context) {
        return OwningOpRef<Operation *>(
            importSDFGJSON(sourceMgr, context).release());
      },
      [](DialectRegistry &registry) {
        registry.insert<SDFGDialect, arith::ArithDialect, math::MathDialect,
                        memref::MemRefDialect>();
      });

  TranslateFromMLIRRegistration toJSON(
      "sdfg-to-json",
      "Export the module's sdfg.sdfg as DaCe SDFG JSON (for DaCe's tools "
      "and viewer)",
      [](ModuleOp module, raw_ostream &os) {
        return exportSDFGJSON(module, os);
      },
      [](DialectRegistry &registry) { pk::registerAllDialects(registry); });
}
