//===- Dialects.h - C API for the pk and sdfg dialects ------------*- C -*-===//
//
// Dialect handles in the upstream style: `mlirDialectHandleInsertDialect`,
// `mlirDialectHandleLoadDialect` and `mlirDialectHandleGetNamespace` work on
// them like on any upstream dialect's handle.
//
//===----------------------------------------------------------------------===//

#ifndef PK_C_DIALECTS_H
#define PK_C_DIALECTS_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(PK, pk);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(SDFG, sdfg);

#ifdef __cplusplus
}
#endif

#endif // PK_C_DIALECTS_H
