//===- PKAttributes.td - pk targets and lowering configs ---*- tablegen -*-===//
//
// The data the CPU schedule is chosen from and the choice itself, as typed
// attributes (IREE's target and lowering_config are the model): the target
// is an input of the compile, never read off the machine the compiler runs
// on, and every knob of a schedule is a verified field.
//
//===----------------------------------------------------------------------===//

#ifndef PK_ATTRIBUTES_TD
#define PK_ATTRIBUTES_TD

include "pk/Dialect/PK/PKDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class PK_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<PK_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def PK_TargetAttr : PK_Attr<"Target", "target"> {
  let summary = "the CPU a module is compiled for";
  let description = [{
    What the schedule selection needs to know of the CPU: the vector width
    (`vector_bits`: 512 for AVX-512, 256 for AVX2), the number of vector
    registers, the data cache sizes and the cores that run the OpenMP work
    items. `pk-cpu-pipeline{target=...}` attaches one to the module as
    `pk.target` unless the module has one; named targets are `x86-64-v3`
    (AVX2), `x86-64-v4` (AVX-512) and `host` (read off the machine, the
    tools' default). Built-in recipes are chosen from `vector_bits`.

    ```mlir
    module attributes {pk.target = #pk.target<name = "x86-64-v4",
        vector_bits = 512, vector_registers = 32, l1_bytes = 49152,
        l2_bytes = 2097152, l3_bytes = 33554432, cores = 2>} {}
    ```
  }];
  let parameters = (ins
    StringRefParameter<"target name">:$name,
    "unsigned":$vector_bits,
    "unsigned":$vector_registers,
    "uint64_t":$l1_bytes,
    "uint64_t":$l2_bytes,
    "uint64_t":$l3_bytes,
    "unsigned":$cores
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def PK_ScheduleKind : I32Enum<"ScheduleKind",
    "the class of loop nest a lowering config schedules", [
      I32EnumCase<"Elementwise", 0, "elementwise">,
      I32EnumCase<"InnerReduction", 1, "inner_reduction">,
      I32EnumCase<"OuterReduction", 2, "outer_reduction">
    ]> {
  let cppNamespace = "::mlir::pk";
}

def PK_LoweringConfigAttr : PK_Attr<"LoweringConfig", "lowering_config"> {
  let summary = "how one linalg op is tiled and vectorized";
  let description = [{
    Attached to a linalg op as `pk.lowering_config` by
    `pk-select-lowering-config` (or by hand; a hand-set config is kept) and
    carried out by `pk-apply-lowering-config`. One entry per loop of the op:

    - `thread_tiles`: tile sizes of the `scf.forall` whose iterations are
      the OpenMP work items (0: the loop is not split; reduction loops
      must be 0);
    - `vector_sizes`: the register tile, which is vectorized whole (1:
      scalar along that loop); partial tiles are masked.

    `kind` names the class the selection saw: `elementwise` (all loops
    parallel: elementwise, broadcast, transpose, copy, stencil), 
    `inner_reduction` (the contiguous loop is reduced: rows in register
    blocks, the reduction vectorized) or `outer_reduction` (a parallel
    loop is contiguous: vector accumulators along it, the reduction
    stepped).

    ```mlir
    #pk.lowering_config<kind = elementwise, thread_tiles = [64, 0],
                        vector_sizes = [4, 32]>
    ```
  }];
  let parameters = (ins
    EnumParameter<PK_ScheduleKind>:$kind,
    "::mlir::DenseI64ArrayAttr":$thread_tiles,
    "::mlir::DenseI64ArrayAttr":$vector_sizes
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // PK_ATTRIBUTES_TD
