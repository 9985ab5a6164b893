//===- SDFGDialect.td - SDFG dialect definition ------------*- tablegen -*-===//
//
// The `sdfg` dialect: SPCL DaCe's Stateful DataFlow multiGraph as MLIR ops.
//
//===----------------------------------------------------------------------===//

#ifndef SDFG_DIALECT_TD
#define SDFG_DIALECT_TD

include "mlir/IR/OpBase.td"

def SDFG_Dialect : Dialect {
  let name = "sdfg";
  let cppNamespace = "::mlir::sdfg";
  let summary = "DaCe's Stateful DataFlow multiGraph (SDFG)";
  let description = [{
    The data-centric IR of SPCL's DaCe, written as MLIR operations so that an
    SDFG can be parsed, verified, transformed and exchanged with DaCe's JSON
    format (`.sdfg` files).

    An SDFG has two levels:

    * **Control flow** is a state machine. `sdfg.sdfg` holds `sdfg.state`
      nodes and interstate `sdfg.edge`s between them. An edge carries a
      `condition` (a Python expression over symbols, DaCe's
      `InterstateEdge.condition`) and ordered symbol `assign`ments
      (`InterstateEdge.assignments`); execution starts at the state named by
      the SDFG's `entry` (DaCe's `start_block`). States and edges refer to
      each other by name: the SDFG is a symbol table of its states.
    * **Data flow** lives inside a state: parallel scopes (`sdfg.map`, DaCe's
      MapEntry/MapExit pair, with inclusive ranges and a schedule) contain
      isolated scalar computations (`sdfg.tasklet`, whose block arguments
      and results are DaCe's in- and out-connectors).

    Data containers are the SDFG's memref arguments and `sdfg.alloc`
    transients; a state names the ones it uses with access nodes
    (`sdfg.access`), and data moves through memlets (`sdfg.load`,
    `sdfg.store` with optional write-conflict resolution, `sdfg.copy`).
    Symbols are read with `sdfg.sym`.

    ```mlir
    sdfg.sdfg @count(%A: memref<16xf32> {name = "A"}) entry @init
        symbols {i = i64} {
      sdfg.state @init {}
      sdfg.state @body {
        %a = sdfg.access %A : memref<16xf32>
        sdfg.map (%j) = (0) through (15) schedule cpu_multicore {
          %x = sdfg.load %a[%j] : memref<16xf32>
          %y = sdfg.tasklet(%in = %x) : (f32) -> f32 {
            %two = arith.constant 2.0 : f32
            %r = arith.mulf %in, %two : f32
            sdfg.return %r : f32
          }
          sdfg.store %y, %a[%j] : memref<16xf32>
        }
      }
      sdfg.state @done {}
      sdfg.edge @init -> @body assign ["i = 0"]
      sdfg.edge @body -> @body if "i < 3" assign ["i = i + 1"]
      sdfg.edge @body -> @done if "not (i < 3)"
    }
    ```
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerAttributes();

    /// The tree of the symbolic expression `text`, parsed once per string:
    /// verifiers run after every pass, in parallel, over strings the
    /// context keeps uniqued. Null with `error` set where it does not parse.
    std::shared_ptr<const expr::Node> getParsedExpr(StringAttr text,
                                                    std::string &error);

  private:
    struct ExprCache;
    std::unique_ptr<ExprCache> exprCache;

  public:
  }];
}

class SDFG_Op<string mnemonic, list<Trait> traits = []>
    : Op<SDFG_Dialect, mnemonic, traits>;

#endif // SDFG_DIALECT_TD
