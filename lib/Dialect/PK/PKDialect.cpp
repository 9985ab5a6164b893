//===- PKDialect.cpp - perfkernel dialect registration --------------------===//

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Dialect/PK/PKOps.h"

using namespace mlir;
using namespace mlir::pk;

#include "pk/Dialect/PK/PKOpsDialect.cpp.inc"

void PKDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "pk/Dialect/PK/PKOps.cpp.inc"
      >();
}
