//===- SDFGAttributes.cpp - SDFG enums and attributes ---------------------===//

#include "pk/Dialect/SDFG/SDFGAttributes.h"
#include "pk/Dialect/SDFG/SDFGDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::sdfg;

#include "pk/Dialect/SDFG/SDFGEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "pk/Dialect/SDFG/SDFGAttributes.cpp.inc"

void SDFGDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "pk/Dialect/SDFG/SDFGAttributes.cpp.inc"
      >();
}
