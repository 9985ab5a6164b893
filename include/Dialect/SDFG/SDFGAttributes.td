//===- SDFGAttributes.td - SDFG enums and attributes -------*- tablegen -*-===//

#ifndef SDFG_ATTRIBUTES_TD
#define SDFG_ATTRIBUTES_TD

include "Dialect/SDFG/SDFGDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Schedule
//===----------------------------------------------------------------------===//

// The spelling follows DaCe's ScheduleType names in lower case, so that the
// JSON values (`Sequential`, `CPU_Multicore`, `GPU_Device`) map one to one.
def SDFG_ScheduleKind : I32Enum<"ScheduleKind",
    "where and how the iterations of a map run", [
      I32EnumCase<"Sequential", 0, "sequential">,
      I32EnumCase<"CPUMulticore", 1, "cpu_multicore">,
      I32EnumCase<"GPUDevice", 2, "gpu_device">
    ]> {
  let cppNamespace = "::mlir::sdfg";
}

def SDFG_ScheduleKindAttr
    : EnumAttr<SDFG_Dialect, SDFG_ScheduleKind, "schedule"> {
  let summary = "schedule of an `sdfg.map`";
  let description = [{
    `sequential` runs the iterations one after another on one thread,
    `cpu_multicore` spreads them over CPU threads (DaCe emits OpenMP) and
    `gpu_device` launches them as a GPU grid.

    ```mlir
    #sdfg.schedule<cpu_multicore>
    ```
  }];
  let assemblyFormat = "`<` $value `>`";
}

#endif // SDFG_ATTRIBUTES_TD
