//===- pk-opt.cpp - perfkernel optimizer driver ---------------------------===//
//
// mlir-opt with the pk and sdfg dialects, pk passes and the named pipelines
// pk-cpu-pipeline and pk-reference-pipeline.
//
//===----------------------------------------------------------------------===//

#include "pk/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::pk::registerAllDialects(registry);
  mlir::pk::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "perfkernel optimizer driver\n", registry));
}
