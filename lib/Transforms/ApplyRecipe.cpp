//===- ApplyRecipe.cpp - apply a transform-dialect schedule recipe --------===//

#include "pk/Transforms/Passes.h"

#include "pk/Dialect/PK/PKAttributes.h"

#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

// Accumulators fill half the vector register file: MR rows of NR floats,
// two registers per row.
SmallVector<int64_t> pk::getRegisterTileParams(TargetAttr target) {
  int64_t mr = std::max<int64_t>(1, target.getVectorRegisters() / 4);
  int64_t nr = std::max<int64_t>(1, 2 * target.getVectorBits() / 32);
  return {mr, nr};
}

LogicalResult pk::applyRecipe(ModuleOp payload, StringRef path,
                              BuiltinRecipe builtin, StringRef entry,
                              StringRef label, ArrayRef<int64_t> params) {
  MLIRContext *ctx = payload.getContext();
  std::string recipeName = path.empty()
                               ? "<built-in " + std::string(builtin.name) + ">"
                               : path.str();

  // Parse errors inside the recipe are reported at their own location in
  // the recipe file by the context's diagnostic handler. The summary is
  // reported at the payload's location but not on the payload op, which
  // would print the whole payload module along with it.
  auto error = [&]() { return mlir::emitError(payload.getLoc()); };
  OwningOpRef<ModuleOp> recipeModule;
  if (path.empty()) {
    recipeModule = parseSourceString<ModuleOp>(builtin.text, ctx, builtin.name);
  } else {
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!buffer)
      return error() << "cannot read recipe file '" << path
                     << "': " << buffer.getError().message();
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    recipeModule = parseSourceFile<ModuleOp>(sourceMgr, ctx);
  }
  if (!recipeModule)
    return error() << label << " '" << recipeName
                   << "' is not a valid transform-dialect module";

  transform::TransformOpInterface entryOp =
      transform::detail::findTransformEntryPoint(*recipeModule, ModuleOp(),
                                                 entry);
  if (!entryOp)
    return error() << label << " '" << recipeName << "' has no "
                   << "transform.named_sequence @" << entry;
  // transform.foreach_match attaches a note at the matched payload op's
  // location after its action ran; when the action erased that op (a
  // consumed matmul) the location is read from freed memory and printing it
  // crashes. Only locations known before the run are trusted: other notes
  // are re-emitted without one.
  llvm::DenseSet<const void *> knownLocations;
  auto collect = [&](Operation *root) {
    root->walk([&](Operation *op) {
      knownLocations.insert(op->getLoc().getAsOpaquePointer());
    });
  };
  collect(payload);
  collect(*recipeModule);
  bool reemitting = false;
  ScopedDiagnosticHandler sanitizeNotes(ctx, [&](Diagnostic &diag) {
    auto unknown = [&](Diagnostic &note) {
      return !knownLocations.contains(note.getLocation().getAsOpaquePointer());
    };
    if (reemitting || llvm::none_of(diag.getNotes(), unknown))
      return failure(); // Untouched: on to the enclosing handler.
    reemitting = true;
    InFlightDiagnostic copy =
        ctx->getDiagEngine().emit(diag.getLocation(), diag.getSeverity());
    copy << diag.str();
    for (Diagnostic &note : diag.getNotes()) {
      std::optional<Location> where;
      if (!unknown(note))
        where = note.getLocation();
      copy.attachNote(where) << note.str();
    }
    copy.report();
    reemitting = false;
    return success();
  });
  // The entry takes the payload, then (optionally) one !transform.param
  // per parameter pk offers, in order.
  auto sequence = cast<transform::NamedSequenceOp>(entryOp.getOperation());
  ArrayRef<Type> argTypes = sequence.getArgumentTypes();
  size_t extra = argTypes.size() - 1;
  bool paramsOk =
      !argTypes.empty() &&
      (extra == 0 ||
       (extra == params.size() &&
        llvm::all_of(argTypes.drop_front(),
                     llvm::IsaPred<transform::TransformParamTypeInterface>)));
  if (!paramsOk) {
    InFlightDiagnostic diag = error()
                              << label << " '" << recipeName << "': @" << entry
                              << " takes " << argTypes.size()
                              << " arguments; pk passes the payload";
    if (!params.empty())
      diag << " and, optionally, " << params.size()
           << " !transform.param<i64> (the register tile)";
    return diag;
  }
  RaggedArray<transform::MappedValue> bindings;
  bindings.push_back(ArrayRef<Operation *>{payload.getOperation()});
  Builder builder(ctx);
  for (int64_t value : params.take_front(extra))
    bindings.push_back(
        ArrayRef<transform::Param>{builder.getI64IntegerAttr(value)});
  return transform::applyTransformNamedSequence(
      bindings, entryOp, *recipeModule, transform::TransformOptions());
}

namespace mlir::pk {
#define GEN_PASS_DEF_PKAPPLYRECIPE
#include "pk/Transforms/Passes.h.inc"
} // namespace mlir::pk

namespace {
struct PKApplyRecipePass : pk::impl::PKApplyRecipeBase<PKApplyRecipePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(pk::applyRecipe(
            module, recipe, pk::getBuiltinCPURecipe(),
            transform::TransformDialect::kTransformEntryPointSymbolName,
            "recipe",
            pk::getRegisterTileParams(pk::getTargetOrHost(module)))))
      signalPassFailure();
  }
};
} // namespace
