//===- ConvertSDFGToSCFPass.cpp - convert-sdfg-to-scf pass ----------------===//

#include "pk/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "pk/Dialect/SDFG/SDFGOps.h"

namespace mlir::pk {
#define GEN_PASS_DEF_CONVERTSDFGTOSCF
#include "pk/Conversion/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

namespace {
struct ConvertSDFGToSCFPass
    : pk::impl::ConvertSDFGToSCFBase<ConvertSDFGToSCFPass> {
  using Base::Base;

  void runOnOperation() override {
    llvm::StringMap<int64_t> bindings;
    std::string error;
    if (failed(sdfg::parseSymbolBindings(symbols, bindings, error))) {
      getOperation().emitError() << "convert-sdfg-to-scf: " << error;
      return signalPassFailure();
    }
    SmallVector<sdfg::SDFGOp> graphs(getOperation().getOps<sdfg::SDFGOp>());
    // A binding applies to every SDFG declaring the symbol; one that no
    // SDFG declares is a typo.
    for (StringRef name : bindings.keys())
      if (llvm::none_of(graphs, [&](sdfg::SDFGOp graph) {
            return graph.getSymbolType(name) != nullptr;
          })) {
        getOperation().emitError()
            << "convert-sdfg-to-scf: no SDFG declares symbol '" << name
            << "' bound by 'symbols'";
        return signalPassFailure();
      }
    // Nested SDFGs (private, called by `sdfg.call`) get their symbols from
    // their calls; module order puts each callee before its callers.
    llvm::StringMap<int64_t> none;
    for (sdfg::SDFGOp graph : graphs)
      if (failed(sdfg::lowerSDFGToSCF(graph, graph.isPrivate() ? none
                                                               : bindings)))
        return signalPassFailure();
  }
};
} // namespace
