//===- SDFGDialect.td - Stateful DataFlow multiGraph dialect -*- tablegen -*-===//

#ifndef SDFG_DIALECT_TD
#define SDFG_DIALECT_TD

include "mlir/IR/OpBase.td"

def SDFG_Dialect : Dialect {
  let name = "sdfg";
  let cppNamespace = "::mlir::sdfg";
  let summary = "DaCe's Stateful DataFlow multiGraph";
  let description = [{
    The data-centric IR of SPCL's DaCe: control flow is a state machine
    (`sdfg.state` nodes joined by interstate `sdfg.edge`s carrying conditions
    and symbol assignments); inside a state, parallel scopes (`sdfg.map`)
    hold isolated scalar computations (`sdfg.tasklet`).
  }];
}

class SDFG_Op<string mnemonic, list<Trait> traits = []>
    : Op<SDFG_Dialect, mnemonic, traits>;

#endif // SDFG_DIALECT_TD
