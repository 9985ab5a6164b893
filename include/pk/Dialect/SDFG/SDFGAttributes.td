//===- SDFGAttributes.td - SDFG enums and attributes -------*- tablegen -*-===//

#ifndef SDFG_ATTRIBUTES_TD
#define SDFG_ATTRIBUTES_TD

include "pk/Dialect/SDFG/SDFGDialect.td"
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
      I32EnumCase<"GPUDevice", 2, "gpu_device">,
      I32EnumCase<"GPUThreadBlock", 3, "gpu_thread_block">
    ]> {
  let cppNamespace = "::mlir::sdfg";
}

def SDFG_ScheduleKindAttr
    : EnumAttr<SDFG_Dialect, SDFG_ScheduleKind, "schedule"> {
  let summary = "schedule of an `sdfg.map`";
  let description = [{
    `sequential` runs the iterations one after another on one thread,
    `cpu_multicore` spreads them over CPU threads (DaCe emits OpenMP),
    `gpu_device` launches them as a GPU grid and `gpu_thread_block`, inside
    a `gpu_device` map, runs them as the threads of one block (on the CPU,
    in parallel like the others).

    ```mlir
    #sdfg.schedule<cpu_multicore>
    ```
  }];
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Storage
//===----------------------------------------------------------------------===//

// DaCe's StorageType for the data containers pk allocates. `default` lets
// the compiler choose (host memory for pk's CPU pipeline). On the CPU,
// pinned memory is heap memory; thread-local and GPU-shared data are one
// allocation per SDFG call, which the importer allows only where no
// parallel map iterations share it.
def SDFG_StorageKind : I32EnumAttr<"StorageKind",
    "where a transient data container lives", [
      I32EnumAttrCase<"Default", 0, "default">,
      I32EnumAttrCase<"CPUHeap", 1, "cpu_heap">,
      I32EnumAttrCase<"Register", 2, "register">,
      I32EnumAttrCase<"GPUGlobal", 3, "gpu_global">,
      I32EnumAttrCase<"CPUPinned", 4, "cpu_pinned">,
      I32EnumAttrCase<"CPUThreadLocal", 5, "cpu_thread_local">,
      I32EnumAttrCase<"GPUShared", 6, "gpu_shared">
    ]> {
  let cppNamespace = "::mlir::sdfg";
}

//===----------------------------------------------------------------------===//
// Write-conflict resolution
//===----------------------------------------------------------------------===//

// DaCe's write-conflict resolution (a memlet's `wcr` lambda) for the
// reductions pk recognizes: `lambda a, b: a + b` is `add`, and so on.
def SDFG_WCRKind : I32EnumAttr<"WCRKind",
    "how concurrent writes to one element combine", [
      I32EnumAttrCase<"Add", 0, "add">,
      I32EnumAttrCase<"Mul", 1, "mul">,
      I32EnumAttrCase<"Min", 2, "min">,
      I32EnumAttrCase<"Max", 3, "max">
    ]> {
  let cppNamespace = "::mlir::sdfg";
}

#endif // SDFG_ATTRIBUTES_TD
