//===- PKDialect.cpp - perfkernel dialect registration --------------------===//

#include "Dialect/PK/PKDialect.h"
#include "Dialect/PK/PKOps.h"

using namespace mlir;
using namespace mlir::pk;

#include "Dialect/PK/PKOpsDialect.cpp.inc"

void PKDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "Dialect/PK/PKOps.cpp.inc"
      >();
}
