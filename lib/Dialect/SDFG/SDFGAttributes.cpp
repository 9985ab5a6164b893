//===- SDFGAttributes.cpp - SDFG enums and attributes ---------------------===//

#include "Dialect/SDFG/SDFGAttributes.h"
#include "Dialect/SDFG/SDFGDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::sdfg;

#include "Dialect/SDFG/SDFGEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Dialect/SDFG/SDFGAttributes.cpp.inc"

void SDFGDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Dialect/SDFG/SDFGAttributes.cpp.inc"
      >();
}
