//===- pk-translate.cpp - perfkernel translation driver -------------------===//
//
// mlir-translate with every upstream translation plus pk's: --pk-to-llvmir
// and --pk-to-ptx.
//
//===----------------------------------------------------------------------===//

#include "pk/Target/Translations.h"

#include "mlir/InitAllTranslations.h"
#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::registerAllTranslations();
  mlir::pk::registerPKTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "perfkernel translation driver\n"));
}
