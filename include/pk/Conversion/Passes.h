//===- Passes.h - perfkernel conversion passes ------------------*- C++ -*-===//

#ifndef PK_CONVERSION_PASSES_H
#define PK_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"
#include "pk/Conversion/LinalgToSDFG/LinalgToSDFG.h"
#include "pk/Conversion/PKToLinalg/PKToLinalg.h"
#include "pk/Conversion/SDFGToSCF/SDFGToSCF.h"

namespace mlir::pk {

#define GEN_PASS_DECL
#include "pk/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pk/Conversion/Passes.h.inc"

} // namespace mlir::pk

#endif // PK_CONVERSION_PASSES_H
