//===- Passes.h - perfkernel conversion passes ------------------*- C++ -*-===//

#ifndef PK_CONVERSION_PASSES_H
#define PK_CONVERSION_PASSES_H

#include "Conversion/LinalgToSDFG/LinalgToSDFG.h"
#include "Conversion/PKToLinalg/PKToLinalg.h"
#include "Conversion/SDFGToSCF/SDFGToSCF.h"
#include "mlir/Pass/Pass.h"

namespace mlir::pk {

#define GEN_PASS_DECL
#include "Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Conversion/Passes.h.inc"

} // namespace mlir::pk

#endif // PK_CONVERSION_PASSES_H
