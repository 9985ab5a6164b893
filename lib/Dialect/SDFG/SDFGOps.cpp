//===- SDFGOps.cpp - SDFG op verifiers and custom syntax ------------------===//

#include "Dialect/SDFG/SDFGOps.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::sdfg;

#define GET_OP_CLASSES
#include "Dialect/SDFG/SDFGOps.cpp.inc"
