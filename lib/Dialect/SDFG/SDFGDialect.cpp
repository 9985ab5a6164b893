//===- SDFGDialect.cpp - SDFG dialect registration ------------------------===//

#include "Dialect/SDFG/SDFGDialect.h"
#include "Dialect/SDFG/SDFGAttributes.h"
#include "Dialect/SDFG/SDFGOps.h"

using namespace mlir;
using namespace mlir::sdfg;

#include "Dialect/SDFG/SDFGOpsDialect.cpp.inc"

void SDFGDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "Dialect/SDFG/SDFGOps.cpp.inc"
      >();
}
