//===- PKInterfaces.td - perfkernel op interfaces ----------*- tablegen -*-===//

#ifndef PK_INTERFACES_TD
#define PK_INTERFACES_TD

include "mlir/IR/OpBase.td"

def PK_CostModelOpInterface : OpInterface<"CostModelOpInterface"> {
  let cppNamespace = "::mlir::pk";
  let description = [{
    Work estimate of a pk op, used by `pk-run --bench` to report throughput.
    Compute-bound ops report the floating-point operations of the useful
    arithmetic (a multiply-add counts as two); memory-bound ops report 0 and
    are measured in bytes moved instead.
  }];
  let methods = [
    InterfaceMethod<
      "Floating-point operations performed, or 0 when the op is memory bound "
      "or a dimension is dynamic.",
      "int64_t", "getFlopCount">
  ];
}

#endif // PK_INTERFACES_TD
