//===- pk-run.cpp - JIT-run a pk kernel and check it against the oracle ---===//
//
// Compiles one function of a module with pk-cpu-pipeline, fills its inputs
// (seeded random or .npy), runs it, runs the same function compiled with
// pk-reference-pipeline on the same inputs, and reports PASS/FAIL with the
// largest errors. --bench N reports the median (and fastest) time and
// throughput. With --gpu the function is compiled with pk-gpu-pipeline and runs
// on an NVIDIA GPU through pk's CUDA runtime library
// (lib/Runner/GpuRunner.cpp).
//
//===----------------------------------------------------------------------===//

#include "pk/Conversion/Passes.h"
#include "pk/Dialect/PK/PKOps.h"
#include "pk/Dialect/SDFG/SDFGOps.h"
#include "pk/InitAll.h"
#include "pk/Pipelines/Pipelines.h"
#include "pk/Runner/GpuRunner.h"
#include "pk/Runner/JitRunner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <unistd.h>

using namespace mlir;
using namespace mlir::pk;
namespace cl = llvm::cl;

static cl::OptionCategory runCategory("pk-run options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<input .mlir file>"),
                                      cl::init("-"), cl::cat(runCategory));
static cl::opt<std::string>
    entryName("entry",
              cl::desc("Function to run (default: the only public "
                       "function)"),
              cl::value_desc("name"), cl::cat(runCategory));
static cl::alias entryAlias("e", cl::aliasopt(entryName),
                            cl::desc("Alias for --entry"));
static cl::list<std::string>
    npyInputs("input",
              cl::desc("A .npy file per function argument, in order "
                       "(repeat or separate with commas)"),
              cl::value_desc("file.npy"), cl::CommaSeparated,
              cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Random seed for inputs"),
                              cl::init(1), cl::cat(runCategory));
static cl::opt<int64_t>
    intMin("int-min",
           cl::desc("Random integer inputs lie in [int-min, int-max] (1 keeps "
                    "integer divisors nonzero)"),
           cl::init(0), cl::cat(runCategory));
static cl::opt<int64_t>
    intMax("int-max",
           cl::desc("Random integer inputs lie in [int-min, "
                    "int-max]"),
           cl::init(15), cl::cat(runCategory));
static cl::list<std::string> scalarValues(
    "scalar",
    cl::desc("Values of scalar arguments, NAME=VALUE (comma separated): an "
             "SDFG's scalar data by name, any function's argument by "
             "position (#0, #1, ...); an SDFG scalar named in --sdfg-symbols "
             "takes that value"),
    cl::value_desc("K=64,alpha=1.5"), cl::CommaSeparated, cl::cat(runCategory));
static cl::opt<unsigned> threads("num-threads",
                                 cl::desc("OpenMP threads (0: all cores)"),
                                 cl::init(0), cl::cat(runCategory));
static cl::opt<std::string>
    target("target",
           cl::desc("CPU to compile for: host (default), x86-64-v3 or "
                    "x86-64-v4"),
           cl::init("host"));
static cl::opt<std::string>
    recipe("recipe",
           cl::desc("Recipe file for pk-cpu-pipeline (with --gpu: for "
                    "pk-gpu-pipeline)"),
           cl::value_desc("file.mlir"), cl::cat(runCategory));
static cl::opt<unsigned>
    bench("bench", cl::desc("Time N runs and print the median and the minimum"),
          cl::init(0), cl::cat(runCategory));
static cl::opt<unsigned> warmup("warmup",
                                cl::desc("Untimed runs before --bench"),
                                cl::init(1), cl::cat(runCategory));
static cl::opt<bool> benchReference(
    "bench-reference",
    cl::desc("With --bench, also time pk-reference-pipeline and print the "
             "speedup"),
    cl::cat(runCategory));
static cl::opt<bool> noCheck("no-check",
                             cl::desc("Skip the reference comparison"),
                             cl::cat(runCategory));
static cl::opt<bool> printResults("print",
                                  cl::desc("Print the results' values"),
                                  cl::cat(runCategory));
static cl::opt<std::string>
    outputPrefix("output", cl::desc("Write result #i to <prefix>i.npy"),
                 cl::value_desc("prefix"), cl::cat(runCategory));
static cl::opt<double> atolOpt("atol",
                               cl::desc("Absolute tolerance (default by "
                                        "element type)"),
                               cl::init(-1), cl::cat(runCategory));
static cl::opt<double> rtolOpt("rtol",
                               cl::desc("Relative tolerance (default by "
                                        "element type)"),
                               cl::init(-1), cl::cat(runCategory));
static cl::opt<std::string> dumpObject(
    "dump-object",
    cl::desc("Write the pk-cpu-pipeline object code to this file (for "
             "objdump -d)"),
    cl::value_desc("file.o"), cl::cat(runCategory));
static cl::list<std::string> sdfgSymbols(
    "sdfg-symbols",
    cl::desc("Values for an SDFG's free symbols, NAME=INTEGER (comma "
             "separated); the module's SDFGs are lowered to functions first"),
    cl::value_desc("N=8,M=4"), cl::CommaSeparated, cl::cat(runCategory));
static cl::opt<bool>
    onGPU("gpu",
          cl::desc("Compile with pk-gpu-pipeline and run on an NVIDIA GPU "
                   "through pk's CUDA runtime library (buffers stay on the "
                   "device across --bench runs)"),
          cl::cat(runCategory));
static GPUTargetFlags gpuTarget("gpu-", runCategory);
static cl::opt<std::string> gpuFormat(
    "gpu-format",
    cl::desc("With --gpu: kernel format, isa (PTX, JIT-compiled by the "
             "driver), bin or fatbin (compiled with the toolkit's ptxas)"),
    cl::init("isa"), cl::cat(runCategory));
static cl::opt<std::string> gpuRuntime(
    "gpu-runtime",
    cl::desc("With --gpu: the CUDA runtime library (default: "
             "$PK_CUDA_RUNTIME, else lib/libpk_cuda_runtime.so next to "
             "bin/)"),
    cl::value_desc("libpk_cuda_runtime.so"), cl::cat(runCategory));
static cl::opt<bool> gpuCompileOnly(
    "gpu-compile-only",
    cl::desc("With --gpu: compile with pk-gpu-pipeline and link the host "
             "code against the runtime library, then stop (needs no GPU)"),
    cl::cat(runCategory));
static cl::opt<unsigned> optLevel("opt-level",
                                  cl::desc("LLVM optimization level"),
                                  cl::init(3), cl::cat(runCategory));

/// Tolerances that absorb reassociation in reductions of a few thousand
/// terms, scaled to the precision of the result type.
static std::pair<double, double> defaultTolerances(Type elt) {
  if (auto complex = dyn_cast<ComplexType>(elt))
    elt = complex.getElementType(); // each part compared on its own
  if (elt.isF64())
    return {1e-9, 1e-9};
  if (elt.isF32())
    return {1e-4, 1e-4};
  if (elt.isF16())
    return {1e-2, 1e-2};
  if (elt.isBF16())
    return {5e-2, 2e-2};
  return {0, 0}; // integers: exact
}

static int fail(const Twine &message) {
  llvm::errs() << "pk-run: error: " << message << "\n";
  return 1;
}

static std::string indexText(ArrayRef<int64_t> shape, int64_t flat) {
  SmallVector<int64_t> idx(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    idx[d] = flat % shape[d];
    flat /= shape[d];
  }
  std::string s = "[";
  for (auto [i, v] : llvm::enumerate(idx))
    s += (i ? ", " : "") + std::to_string(v);
  return s + "]";
}

/// pk-run fills buffers: a function with scalar arguments (such as an
/// SDFG's scalar data, passed by value) runs through a wrapper taking each
/// scalar as a rank-0 memref (random, or a 0-d .npy), which it loads and
/// passes on.
/// Any other argument the signature rejects is left to its error.
static func::FuncOp wrapScalarArguments(func::FuncOp func) {
  TypeRange types = func.getArgumentTypes();
  if (llvm::all_of(types, llvm::IsaPred<ShapedType>) ||
      llvm::any_of(types, [](Type type) {
        return isa<ShapedType>(type) ? !whyUnsupportedBufferType(type).empty()
                                     : !isSupportedElementType(type);
      }))
    return func;
  SmallVector<Type> bufferTypes = llvm::map_to_vector(types, [](Type type) {
    return isa<ShapedType>(type) ? type : MemRefType::get({}, type);
  });
  func->getContext()->getOrLoadDialect<memref::MemRefDialect>();
  OpBuilder builder(func);
  builder.setInsertionPointAfter(func);
  Location loc = func.getLoc();
  auto wrapper = func::FuncOp::create(
      builder, loc, (func.getName() + "_scalars_in_buffers").str(),
      builder.getFunctionType(bufferTypes, func.getResultTypes()));
  builder.setInsertionPointToStart(wrapper.addEntryBlock());
  SmallVector<Value> args;
  for (auto [type, arg] : llvm::zip_equal(types, wrapper.getArguments()))
    args.push_back(isa<ShapedType>(type)
                       ? Value(arg)
                       : Value(memref::LoadOp::create(builder, loc, arg)));
  auto call = func::CallOp::create(builder, loc, func, args);
  func::ReturnOp::create(builder, loc, call.getResults());
  func.setPrivate();
  return wrapper;
}

/// Splits NAME=VALUE; false if there is no '=' or either side is empty.
static bool splitBinding(StringRef binding, StringRef &name, StringRef &value) {
  std::tie(name, value) = binding.split('=');
  name = name.trim();
  value = value.trim();
  return binding.contains('=') && !name.empty() && !value.empty();
}

/// The values --scalar (and, for an SDFG's scalar data, --sdfg-symbols)
/// give to the entry's inputs, by input position. `names` are the inputs'
/// names (an SDFG's data names; empty for a plain function). Scalars are
/// rank-0 buffers here (wrapScalarArguments).
static llvm::Expected<std::map<unsigned, double>>
bindScalars(ArrayRef<ShapedType> inputs, ArrayRef<std::string> names) {
  std::map<unsigned, double> bound;
  auto scalarNames = [&] {
    std::string list;
    for (auto [i, type] : llvm::enumerate(inputs))
      if (type.getRank() == 0)
        list += (list.empty() ? "" : ", ") +
                (i < names.size() ? names[i] : "#" + std::to_string(i));
    return list.empty() ? std::string("none") : list;
  };
  auto bind = [&](unsigned index, StringRef name,
                  StringRef text) -> llvm::Error {
    ShapedType type = inputs[index];
    if (type.getRank() != 0)
      return llvm::createStringError(
          "--scalar " + name + ": the argument is " +
          llvm::formatv("{0}", type).str() +
          ", not a scalar; give arrays with --input");
    Type elt = type.getElementType();
    double value;
    if (isa<FloatType>(elt) || isa<ComplexType>(elt)) {
      // A complex scalar gets its real part.
      if (text.getAsDouble(value))
        return llvm::createStringError("--scalar " + name + ": '" + text +
                                       "' is not a number");
    } else if (elt.isIntOrIndex()) {
      int64_t integer;
      if (text.getAsInteger(0, integer))
        return llvm::createStringError("--scalar " + name + ": '" + text +
                                       "' is not an integer (the "
                                       "argument is " +
                                       llvm::formatv("{0}", elt).str() + ")");
      unsigned width = elt.isIndex() ? 64 : elt.getIntOrFloatBitWidth();
      if (width < 64 && (integer >= (int64_t(1) << width) ||
                         integer < -(int64_t(1) << (width - 1))))
        return llvm::createStringError("--scalar " + name + ": " + text +
                                       " does not fit in " +
                                       llvm::formatv("{0}", elt).str());
      value = double(integer);
    } else {
      return llvm::createStringError("--scalar " + name + ": scalars of type " +
                                     llvm::formatv("{0}", elt).str() +
                                     " cannot be given on the "
                                     "command line; use --input");
    }
    bound[index] = value;
    return llvm::Error::success();
  };
  for (const std::string &binding : scalarValues) {
    StringRef name, text;
    if (!splitBinding(binding, name, text))
      return llvm::createStringError("--scalar '" + binding +
                                     "': expected NAME=VALUE");
    std::optional<unsigned> index;
    unsigned position;
    if (name.starts_with("#") &&
        !name.drop_front().getAsInteger(10, position)) {
      if (position >= inputs.size())
        return llvm::createStringError(
            "--scalar " + name + ": the function has " +
            std::to_string(inputs.size()) + " arguments");
      index = position;
    } else {
      auto it = llvm::find(names, name);
      if (it == names.end())
        return llvm::createStringError("--scalar " + name +
                                       ": no argument of that name (scalar "
                                       "arguments: " +
                                       scalarNames() + ")");
      index = it - names.begin();
    }
    if (bound.count(*index))
      return llvm::createStringError("--scalar " + name + ": given twice");
    if (auto err = bind(*index, name, text))
      return std::move(err);
  }
  // A scalar that DaCe passes as data but that also sizes the SDFG (it is
  // named like a symbol) takes the symbol's value unless given above.
  for (const std::string &binding : sdfgSymbols) {
    StringRef name, text;
    if (!splitBinding(binding, name, text))
      continue; // convert-sdfg-to-scf reports it
    auto it = llvm::find(names, name);
    unsigned index = it - names.begin();
    if (it != names.end() && inputs[index].getRank() == 0 &&
        !bound.count(index))
      if (auto err = bind(index, name, text))
        return std::move(err);
  }
  return bound;
}

/// While the compiled code runs, a signal it raises (an integer division by
/// zero, an access outside a buffer, a trap) ends pk-run with one error
/// line and exit status 128 + the signal, not LLVM's crash report: the
/// fault is in the kernel, not in the compiler.
class KernelSignalGuard {
public:
  explicit KernelSignalGuard(const std::string &what) {
    llvm::outs().flush();
    std::string prefix = "pk-run: error: " + what + ": the kernel raised ";
    size_t n = std::min(prefix.size(), sizeof(message) - 1);
    std::memcpy(message, prefix.data(), n);
    messageSize = n;
    static char alternateStack[1 << 16];
    stack_t stack{};
    stack.ss_sp = alternateStack;
    stack.ss_size = sizeof(alternateStack);
    sigaltstack(&stack, nullptr);
    struct sigaction action {};
    action.sa_handler = onSignal;
    action.sa_flags = SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (auto [i, sig] : llvm::enumerate(signals))
      sigaction(sig, &action, &previous[i]);
  }
  ~KernelSignalGuard() {
    for (auto [i, sig] : llvm::enumerate(signals))
      sigaction(sig, &previous[i], nullptr);
  }

private:
  static constexpr int signals[] = {SIGFPE, SIGSEGV, SIGBUS,
                                    SIGILL, SIGTRAP, SIGABRT};
  struct sigaction previous[std::size(signals)];
  static inline char message[512];
  static inline size_t messageSize = 0;

  static void onSignal(int sig) {
    const char *what = "a signal";
    switch (sig) {
    case SIGFPE:
      what = "SIGFPE (an arithmetic error: integer division by zero or "
             "overflow; --int-min 1 keeps random divisors nonzero)";
      break;
    case SIGSEGV:
      what = "SIGSEGV (an access outside its memory)";
      break;
    case SIGBUS:
      what = "SIGBUS (a misaligned or unmapped access)";
      break;
    case SIGILL:
    case SIGTRAP:
      what = "SIGILL/SIGTRAP (a trap: unreachable code or a failed check)";
      break;
    case SIGABRT:
      what = "SIGABRT (the runtime aborted)";
      break;
    }
    (void)!write(STDERR_FILENO, message, messageSize);
    (void)!write(STDERR_FILENO, what, std::strlen(what));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(128 + sig);
  }
};

/// Median and fastest of the timed runs, in seconds. The minimum is the
/// figure to compare on a loaded machine: interference only adds time.
struct RunTimes {
  double median, min;
};

/// Runs `fn` `bench` times after warm-up.
static llvm::Expected<RunTimes>
timeRuns(llvm::function_ref<llvm::Error()> run) {
  for (unsigned i = 0; i < warmup; ++i)
    if (auto err = run())
      return std::move(err);
  std::vector<double> times;
  for (unsigned i = 0; i < bench; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (auto err = run())
      return std::move(err);
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  size_t n = times.size();
  double median =
      n % 2 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  return RunTimes{median, times.front()};
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "pk-run: JIT-compile a function with pk-cpu-pipeline, run it on "
      "seeded random or .npy inputs and check it against "
      "pk-reference-pipeline\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  // Errors name their op; a dump of the whole module would bury them.
  context.printOpOnDiagnostic(false);

  std::string errorMessage;
  auto file = openInputFile(inputFile, &errorMessage);
  if (!file)
    return fail(errorMessage);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + inputFile + "'");

  // An SDFG runs as the function convert-sdfg-to-scf makes of it, with its
  // symbols bound here (the pipelines would otherwise leave them as
  // arguments pk-run cannot fill).
  bool fromSDFG = !module->getOps<sdfg::SDFGOp>().empty();
  // Data arguments per SDFG: the lowered function takes its free symbols
  // after them, which are bound (--sdfg-symbols), never filled at random.
  llvm::StringMap<unsigned> sdfgDataArgs;
  // Their data names, for --scalar (the lowered function has none).
  llvm::StringMap<SmallVector<std::string>> sdfgDataNames;
  for (sdfg::SDFGOp graph : module->getOps<sdfg::SDFGOp>()) {
    Block *body = graph.getBody();
    sdfgDataArgs[graph.getSymName()] = body->getNumArguments();
    for (unsigned i = 0, e = body->getNumArguments(); i < e; ++i)
      sdfgDataNames[graph.getSymName()].push_back(graph.getArgDataName(i));
  }
  if (fromSDFG) {
    PassManager pm(&context);
    ConvertSDFGToSCFOptions options;
    // Names that are only scalar data are bound by bindScalars below.
    for (const std::string &binding : sdfgSymbols) {
      StringRef name, text;
      bool declared = !splitBinding(binding, name, text);
      bool data = false;
      for (sdfg::SDFGOp graph : module->getOps<sdfg::SDFGOp>()) {
        declared |=
            graph.getSymbolsAttr() && graph.getSymbolsAttr().contains(name);
        data |= llvm::is_contained(sdfgDataNames[graph.getSymName()], name);
      }
      if (declared || !data)
        options.symbols.push_back(binding);
    }
    pm.addPass(createConvertSDFGToSCF(options));
    if (failed(pm.run(*module)))
      return fail("cannot lower the SDFG to a function (see above)");
  } else if (!sdfgSymbols.empty()) {
    return fail("--sdfg-symbols given but the module has no sdfg.sdfg");
  }

  auto entry = findEntryFunction(*module, entryName);
  if (!entry)
    return fail(llvm::toString(entry.takeError()) +
                (entryName.empty() ? " (--entry)" : ""));
  func::FuncOp func = *entry;
  SmallVector<std::string> inputNames =
      fromSDFG ? sdfgDataNames.lookup(func.getName())
               : SmallVector<std::string>();
  // Messages name the function; `symbol` is what is compiled (a wrapper
  // when scalars travel in buffers).
  std::string name = func.getName().str();
  if (!fromSDFG ||
      func.getNumArguments() == sdfgDataArgs.lookup(func.getName()))
    func = wrapScalarArguments(func);
  std::string symbol = func.getName().str();
  auto signature = getBufferSignature(func);
  if (!signature)
    return fail(
        llvm::toString(signature.takeError()) +
        (fromSDFG ? "; bind the SDFG's symbols with --sdfg-symbols" : ""));
  // Without results the function works in destination-passing style: it
  // writes into its memref arguments, which are then what is compared.
  bool inPlace = signature->outputs.empty();
  // An SDFG without data still runs its states (DaCe's tests have many):
  // it is compiled and run, with nothing to compare. A plain function
  // like that is a mistake.
  bool noData =
      inPlace && llvm::none_of(signature->inputs, llvm::IsaPred<MemRefType>);
  if (noData && !fromSDFG)
    return fail("@" + name +
                " returns nothing and has no memref argument "
                "to write into: there is no result to check");

  // Results marked `pk.status` are checked after the run; the marker means
  // nothing to the pipelines (LLVM would warn about it), so it is dropped.
  SmallVector<size_t> statusResults;
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    if (func.removeResultAttr(
            i, StringAttr::get(&context, pk::PKDialect::kStatusAttrName)))
      statusResults.push_back(i);

  // Work estimate for throughput, from the pk ops before lowering.
  int64_t flops = 0;
  func.walk([&](CostModelOpInterface op) { flops += op.getFlopCount(); });

  // Inputs.
  std::vector<std::unique_ptr<HostBuffer>> inputs;
  if (intMin > intMax)
    return fail("--int-min " + Twine(intMin) + " is above --int-max " +
                Twine(intMax));
  auto scalars = bindScalars(signature->inputs, inputNames);
  if (!scalars)
    return fail(llvm::toString(scalars.takeError()));
  size_t unbound = signature->inputs.size() - scalars->size();
  if (!npyInputs.empty() && npyInputs.size() != unbound)
    return fail("@" + name + " takes " + Twine(unbound) + " arguments" +
                (scalars->empty() ? "" : " not given by --scalar") + " but " +
                Twine(npyInputs.size()) + " --input files were given");
  std::mt19937_64 rng(seed);
  unsigned nextNpy = 0;
  for (auto [i, type] : llvm::enumerate(signature->inputs)) {
    if (auto it = scalars->find(i); it != scalars->end()) {
      inputs.push_back(std::make_unique<HostBuffer>(type));
      inputs.back()->set(0, it->second);
      continue;
    }
    if (!npyInputs.empty()) {
      auto buffer = readNpy(npyInputs[nextNpy++], type);
      if (!buffer)
        return fail("input #" + Twine(i) + " " +
                    llvm::toString(buffer.takeError()));
      inputs.push_back(std::move(*buffer));
      continue;
    }
    inputs.push_back(std::make_unique<HostBuffer>(type));
    inputs.back()->fillRandom(rng, intMin, intMax);
  }
  // The buffers of one run: the function's parameters, and among them the
  // ones whose contents are the run's results. Each run gets its own
  // outputs (and, in place, its own copy of the arguments it overwrites).
  struct RunBuffers {
    std::vector<std::unique_ptr<HostBuffer>> owned;
    std::vector<HostBuffer *> params;
    std::vector<HostBuffer *> results;
  };
  auto makeRunBuffers = [&](HostBuffer::Poison poison) {
    RunBuffers run;
    if (inPlace) {
      for (auto [in, type] : llvm::zip(inputs, signature->inputs)) {
        run.owned.push_back(in->clone());
        run.params.push_back(run.owned.back().get());
        if (isa<MemRefType>(type))
          run.results.push_back(run.owned.back().get());
      }
      return run;
    }
    for (auto &in : inputs)
      run.params.push_back(in.get());
    for (ShapedType type : signature->outputs) {
      run.owned.push_back(std::make_unique<HostBuffer>(type));
      run.owned.back()->fillPoison(poison);
      run.params.push_back(run.owned.back().get());
      run.results.push_back(run.owned.back().get());
    }
    return run;
  };

  SmallVector<std::string> libs = getRuntimeLibraries(PK_RUNTIME_LIB_DIR);
  // The function under test: pk-cpu-pipeline on the host, or with --gpu
  // pk-gpu-pipeline on the GPU (no GPU or driver: one error line).
  StringRef pipelineName = onGPU ? "pk-gpu-pipeline" : "pk-cpu-pipeline";
  std::unique_ptr<GpuRuntime> gpuRuntimeLib;
  std::unique_ptr<GpuCompiledFunction> gpuFn;
  std::unique_ptr<CompiledFunction> cpuFn;
  if (onGPU) {
    if (!dumpObject.empty())
      return fail("--dump-object is for host code; with --gpu use "
                  "pk-translate --pk-to-ptx for the kernels");
    auto runtime =
        GpuRuntime::load(gpuRuntime.empty() ? findGpuRuntimeLibrary(argv[0])
                                            : gpuRuntime.getValue(),
                         /*requireDevice=*/!gpuCompileOnly);
    if (!runtime)
      return fail("--gpu: " + llvm::toString(runtime.takeError()));
    gpuRuntimeLib = std::move(*runtime);
    GPUPipelineOptions gpuOptions;
    gpuTarget.applyTo(gpuOptions);
    gpuOptions.format = gpuFormat;
    gpuOptions.recipe = recipe;
    auto compiled = GpuCompiledFunction::compile(*module, symbol, gpuOptions,
                                                 *gpuRuntimeLib, optLevel,
                                                 /*load=*/!gpuCompileOnly);
    if (!compiled)
      return fail("pk-gpu-pipeline: " + llvm::toString(compiled.takeError()));
    if (gpuCompileOnly) {
      llvm::outs() << "pk-run: @" << name << " compiled for " << gpuTarget.getChip() << " ("
                   << gpuFormat << ") and linked against "
                   << gpuRuntimeLib->getPath() << "\n";
      return 0;
    }
    gpuFn = std::move(*compiled);
  } else {
    if (gpuCompileOnly)
      return fail("--gpu-compile-only needs --gpu");
    CPUPipelineOptions cpuOptions;
    cpuOptions.threads = threads;
    cpuOptions.recipe = recipe;
    cpuOptions.target = target;
    auto compiled = CompiledFunction::compile(
        *module, symbol,
        [&](OpPassManager &pm) { buildCPUPipeline(pm, cpuOptions); }, libs,
        optLevel);
    if (!compiled)
      return fail("pk-cpu-pipeline: " + llvm::toString(compiled.takeError()));
    cpuFn = std::move(*compiled);
  }
  RunBuffers cpuRun = makeRunBuffers(HostBuffer::Poison::Primary);
  std::optional<KernelSignalGuard> signalGuard;
  signalGuard.emplace("running @" + name + " (" + pipelineName.str() + ")");
  if (auto err = onGPU ? gpuFn->call(cpuRun.params, cpuRun.results)
                       : cpuFn->call(cpuRun.params))
    return fail("running @" + name + ": " + llvm::toString(std::move(err)));
  signalGuard.reset();
  if (!dumpObject.empty())
    cpuFn->dumpObject(dumpObject);

  llvm::outs() << "pk-run: @" << name << " (" << signature->inputs.size()
               << " inputs, " << cpuRun.results.size()
               << (inPlace ? " written in place" : " outputs");
  if (npyInputs.empty())
    llvm::outs() << ", random inputs with seed " << seed;
  for (auto [i, value] : *scalars)
    llvm::outs() << ", "
                 << (i < inputNames.size() ? inputNames[i]
                                           : "#" + std::to_string(i))
                 << " = " << llvm::format("%g", value);
  llvm::outs() << ")\n";

  bool passed = true;
  std::unique_ptr<CompiledFunction> reference;
  bool needReference = !noCheck || (bench && benchReference);
  if (needReference) {
    auto ref = CompiledFunction::compile(
        *module, symbol, buildReferencePipeline, libs, optLevel);
    if (!ref)
      return fail("pk-reference-pipeline: " + llvm::toString(ref.takeError()));
    reference = std::move(*ref);
  }
  if (!noCheck) {
    RunBuffers refRun = makeRunBuffers(HostBuffer::Poison::Secondary);
    signalGuard.reset();
    signalGuard.emplace("running the reference of @" + name);
    if (auto err = reference->call(refRun.params))
      return fail("running the reference of @" + name + ": " +
                  llvm::toString(std::move(err)));
    signalGuard.reset();
    for (auto [i, out] : llvm::enumerate(cpuRun.results)) {
      HostBuffer *expected = refRun.results[i];
      auto [atol, rtol] = defaultTolerances(out->getElementType());
      if (atolOpt >= 0)
        atol = atolOpt;
      if (rtolOpt >= 0)
        rtol = rtolOpt;
      Comparison c = compareBuffers(*out, *expected, atol, rtol);
      llvm::outs() << "  result #" << i << " " << out->getType()
                   << ": max abs err " << llvm::format("%.3g", c.maxAbsError)
                   << ", max rel err " << llvm::format("%.3g", c.maxRelError)
                   << " (atol " << llvm::format("%g", atol) << ", rtol "
                   << llvm::format("%g", rtol) << ")\n";
      if (c.mismatches) {
        passed = false;
        llvm::outs() << "    " << c.mismatches << " elements differ; first at "
                     << indexText(out->getShape(), c.firstMismatch) << ": "
                     << out->elementText(c.firstMismatch, "%.8g")
                     << " vs reference "
                     << expected->elementText(c.firstMismatch, "%.8g")
                     << "\n";
      }
    }
    if (noData)
      llvm::outs() << "  no data to compare: the SDFG has none\n";
    llvm::outs() << (passed ? "PASS" : "FAIL") << "\n";
  }

  for (auto [i, out] : llvm::enumerate(cpuRun.results)) {
    if (printResults) {
      llvm::outs() << "result #" << i << " = ";
      out->print(llvm::outs());
      llvm::outs() << "\n";
    }
    if (!outputPrefix.empty())
      if (auto err = writeNpy(outputPrefix + std::to_string(i) + ".npy", *out))
        return fail(llvm::toString(std::move(err)));
  }

  // A result marked `pk.status` is the kernel's own verdict on its input
  // (e.g. an embedding bag's out-of-range index): nonzero is an error.
  if (!inPlace)
    for (auto [i, out] : llvm::enumerate(cpuRun.results))
      if (llvm::is_contained(statusResults, i))
        for (int64_t k = 0; k < out->getNumElements(); ++k)
          if (out->get(k) != 0)
            return fail("@" + name + ": status result #" + Twine(i) + " is " +
                        Twine(static_cast<int64_t>(out->get(k))) +
                        ": the kernel rejected its input");

  if (bench) {
    int64_t bytes = 0;
    for (HostBuffer *b : cpuRun.params)
      bytes += b->getSizeInBytes();
    auto report = [&](StringRef pipeline, RunTimes times) {
      llvm::outs() << "bench " << pipeline << ": median "
                   << llvm::format("%.4f", times.median * 1e3) << " ms over "
                   << bench << " runs, ";
      if (flops > 0)
        llvm::outs() << llvm::format("%.2f", flops / times.median * 1e-9)
                     << " GFLOP/s";
      else
        llvm::outs() << llvm::format("%.2f", bytes / times.median * 1e-9)
                     << " GB/s";
      llvm::outs() << " (min " << llvm::format("%.4f", times.min * 1e3)
                   << " ms)\n";
    };
    signalGuard.reset();
    signalGuard.emplace("timing @" + name + " (" + pipelineName.str() + ")");
    auto cpuTime = timeRuns([&] {
      return onGPU ? gpuFn->launch(cpuRun.params) : cpuFn->call(cpuRun.params);
    });
    signalGuard.reset();
    if (!cpuTime)
      return fail(llvm::toString(cpuTime.takeError()));
    report(pipelineName, *cpuTime);
    if (benchReference) {
      RunBuffers scratch = makeRunBuffers(HostBuffer::Poison::Secondary);
      signalGuard.reset();
      signalGuard.emplace("timing the reference of @" + name);
      auto refTime = timeRuns([&] { return reference->call(scratch.params); });
      signalGuard.reset();
      if (!refTime)
        return fail(llvm::toString(refTime.takeError()));
      report("pk-reference-pipeline", *refTime);
      llvm::outs() << "speedup " << pipelineName
                   << " vs pk-reference-pipeline: "
                   << llvm::format("%.1f", refTime->median / cpuTime->median)
                   << "x\n";
    }
  }
  return passed ? 0 : 1;
}
