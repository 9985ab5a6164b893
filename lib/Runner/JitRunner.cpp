//===- JitRunner.cpp - compile a function and call it on host buffers -----===//

#include "pk/Runner/JitRunner.h"
#include "pk/Runner/KernelAllocator.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ScopedPrinter.h"

using namespace mlir;
using namespace mlir::pk;

llvm::Error mlir::pk::makeRunnerError(const Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error mlir::pk::checkBufferCount(StringRef entry, unsigned expected,
                                       size_t got) {
  if (got == expected)
    return llvm::Error::success();
  return makeRunnerError("@" + entry + " takes " + Twine(expected) +
                         " buffers (inputs and outputs), got " + Twine(got));
}

llvm::Expected<func::FuncOp> mlir::pk::findEntryFunction(ModuleOp module,
                                                         StringRef name) {
  SmallVector<func::FuncOp> defined, pub;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    defined.push_back(f);
    if (f.isPublic())
      pub.push_back(f);
  }
  auto listed = [](ArrayRef<func::FuncOp> funcs) {
    std::string names;
    for (func::FuncOp f : funcs)
      names += " @" + f.getName().str();
    return funcs.empty() ? std::string(" (none)") : names;
  };
  if (!name.empty()) {
    for (func::FuncOp f : defined)
      if (f.getName() == name)
        return f;
    if (module.lookupSymbol<func::FuncOp>(name))
      return makeRunnerError("@" + name + " is a declaration without a body");
    return makeRunnerError("no function named '" + name +
                           "'; functions:" + listed(defined));
  }
  if (pub.size() == 1)
    return pub.front();
  if (pub.empty() && defined.size() == 1)
    return defined.front();
  if (defined.empty())
    return makeRunnerError("the module defines no function");
  return makeRunnerError(
      "the module has " + Twine(pub.size()) +
      " public functions; name the one to run:" + listed(pub));
}

llvm::Expected<BufferSignature> mlir::pk::getBufferSignature(func::FuncOp func) {
  BufferSignature sig;
  auto collect = [&](TypeRange types, StringRef what,
                     SmallVectorImpl<ShapedType> &into) -> llvm::Error {
    for (auto [i, type] : llvm::enumerate(types)) {
      std::string why = whyUnsupportedBufferType(type);
      if (!why.empty())
        return makeRunnerError(what + " #" + Twine(i) + " of @" +
                               func.getName() + " has type " +
                               llvm::to_string(type) + ": " + why);
      into.push_back(cast<ShapedType>(type));
    }
    return llvm::Error::success();
  };
  if (auto err = collect(func.getArgumentTypes(), "argument", sig.inputs))
    return std::move(err);
  if (auto err = collect(func.getResultTypes(), "result", sig.outputs))
    return std::move(err);
  return sig;
}

SmallVector<std::string> mlir::pk::getRuntimeLibraries(StringRef dir) {
  SmallVector<std::string> libs;
  for (StringRef name : {"libmlir_c_runner_utils.so", "libomp.so"}) {
    SmallString<256> path(dir);
    llvm::sys::path::append(path, name);
    libs.push_back(std::string(path));
  }
  return libs;
}

llvm::Error mlir::pk::invokeWithDescriptors(
    ExecutionEngine &engine, StringRef entry,
    std::vector<std::vector<int64_t>> &descriptors) {
  std::vector<void *> descriptorPtrs;
  for (auto &d : descriptors)
    descriptorPtrs.push_back(d.data());
  return invokeWithDescriptorPointers(engine, entry, descriptorPtrs);
}

llvm::Error
mlir::pk::invokeWithDescriptorPointers(ExecutionEngine &engine, StringRef entry,
                                       ArrayRef<void *> descriptors) {
  // The C interface takes a pointer to each memref descriptor; the packed
  // calling convention takes a pointer to each argument.
  SmallVector<void *> descriptorPtrs(descriptors);
  SmallVector<void *> args;
  for (void *&p : descriptorPtrs)
    args.push_back(&p);
  return engine.invokePacked("_mlir_ciface_" + entry.str(), args);
}

llvm::Expected<JitModule>
mlir::pk::jitCompile(ModuleOp module, StringRef funcName,
                     function_ref<void(OpPassManager &)> buildPipeline,
                     ArrayRef<std::string> sharedLibs, unsigned optLevel) {
  OwningOpRef<ModuleOp> clone = module.clone();
  auto func = clone->lookupSymbol<func::FuncOp>(funcName);
  if (!func)
    return makeRunnerError("no function named '" + funcName + "'");
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(module.getContext()));
  unsigned expected = func.getNumArguments() + func.getNumResults();

  PassManager pm(module.getContext());
  buildPipeline(pm);
  if (failed(pm.run(*clone)))
    return makeRunnerError("compilation failed (see the diagnostics above)");

  // Calling with a different number of descriptors than the compiled
  // function reads would be undefined behaviour: remember the count.
  std::string cifaceName = "_mlir_ciface_" + funcName.str();
  auto ciface = clone->lookupSymbol<LLVM::LLVMFuncOp>(cifaceName);
  if (!ciface)
    return makeRunnerError("the pipeline did not produce " + cifaceName);
  // The pipelines pass every result as a trailing out-parameter; anything
  // else would make call() bind descriptors to the wrong parameters.
  unsigned numParams = ciface.getNumArguments();
  if (!isa<LLVM::LLVMVoidType>(ciface.getFunctionType().getReturnType()) ||
      numParams != expected)
    return makeRunnerError("the compiled @" + funcName + " does not take its " +
                           Twine(expected) +
                           " buffers (inputs, then results) as parameters");

  for (const std::string &lib : sharedLibs)
    if (!llvm::sys::fs::exists(lib))
      return makeRunnerError("runtime library '" + lib + "' not found");

  auto tmBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!tmBuilder)
    return tmBuilder.takeError();
  tmBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto tm = tmBuilder->createTargetMachine();
  if (!tm)
    return tm.takeError();

  auto transformer = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0,
                                               tm->get());
  SmallVector<StringRef> libRefs(sharedLibs.begin(), sharedLibs.end());
  ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  options.sharedLibPaths = libRefs;
  options.enableObjectDump = true; // cheap; lets callers inspect the code
  auto engine = ExecutionEngine::create(*clone, options, std::move(*tm));
  if (!engine)
    return engine.takeError();
  useKernelAllocator(**engine);
  return JitModule{std::move(*engine), numParams};
}

llvm::Expected<std::unique_ptr<CompiledFunction>>
CompiledFunction::compile(ModuleOp module, StringRef funcName,
                          function_ref<void(OpPassManager &)> buildPipeline,
                          ArrayRef<std::string> sharedLibs, unsigned optLevel) {
  auto compiled =
      jitCompile(module, funcName, buildPipeline, sharedLibs, optLevel);
  if (!compiled)
    return compiled.takeError();
  compiled->engine->initialize();
  return std::unique_ptr<CompiledFunction>(new CompiledFunction(
      std::move(compiled->engine), funcName.str(), compiled->numParams));
}

llvm::Error CompiledFunction::call(ArrayRef<HostBuffer *> buffers) {
  if (auto err = checkBufferCount(entry, numParams, buffers.size()))
    return err;
  std::vector<std::vector<int64_t>> descriptors;
  descriptors.reserve(buffers.size());
  for (HostBuffer *b : buffers)
    descriptors.push_back(b->makeDescriptor());
  return invokeWithDescriptors(*engine, entry, descriptors);
}

llvm::Error
CompiledFunction::callWithDescriptors(ArrayRef<void *> descriptors) {
  if (auto err = checkBufferCount(entry, numParams, descriptors.size()))
    return err;
  return invokeWithDescriptorPointers(*engine, entry, descriptors);
}
