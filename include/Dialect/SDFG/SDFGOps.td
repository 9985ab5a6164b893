//===- SDFGOps.td - SDFG operations ------------------------*- tablegen -*-===//

#ifndef SDFG_OPS_TD
#define SDFG_OPS_TD

include "Dialect/SDFG/SDFGDialect.td"

#endif // SDFG_OPS_TD
