//===- Dialects.cpp - C API for the pk and sdfg dialects ------------------===//

#include "pk-c/Dialects.h"

#include "pk/Dialect/PK/PKDialect.h"
#include "pk/Dialect/SDFG/SDFGDialect.h"

#include "mlir/CAPI/Registration.h"

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(PK, pk, mlir::pk::PKDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(SDFG, sdfg, mlir::sdfg::SDFGDialect)
