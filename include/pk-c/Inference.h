//===- Inference.h - C API: result types of an op from its inputs -*- C -*-===//
//
// The result types an op's builders would give it, from the types of its
// operands and its inherent attributes, through the op's own
// InferTypeOpInterface. Clients that write ops (the Python package's
// builders) ask here instead of re-deriving each op's shape rules.
//
//===----------------------------------------------------------------------===//

#ifndef PK_C_INFERENCE_H
#define PK_C_INFERENCE_H

#include "mlir-c/IR.h"
#include "mlir-c/Interfaces.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Infers the result types of the registered op `opName` (e.g. "pk.conv2d")
/// taking `nOperands` operands of `operandTypes` and the inherent attributes
/// in the dictionary `attributes` (null: none; written as in the generic
/// form's `<{...}>`). Calls `callback` once with the types on success.
///
/// Fails, with an error diagnostic at `location` (whose context is used),
/// when the op is unknown, takes regions, does not infer its result types,
/// gets the wrong number of operands (per its traits and
/// `operandSegmentSizes`), gets an attribute it does not have or one that
/// breaks its constraints, or when its own rule rejects the operands (e.g. a
/// window larger than the padded image).
MLIR_CAPI_EXPORTED MlirLogicalResult pkInferResultTypes(
    MlirStringRef opName, MlirLocation location, intptr_t nOperands,
    const MlirType *operandTypes, MlirAttribute attributes,
    MlirTypesCallback callback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // PK_C_INFERENCE_H
