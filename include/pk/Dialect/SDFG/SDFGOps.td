//===- SDFGOps.td - SDFG operations ------------------------*- tablegen -*-===//
//
// The structural core of the `sdfg` dialect: the graph (`sdfg.sdfg`), its
// states and interstate edges, and the dataflow scopes inside a state (maps
// and tasklets) with their terminators.
//
//===----------------------------------------------------------------------===//

#ifndef SDFG_OPS_TD
#define SDFG_OPS_TD

include "pk/Dialect/SDFG/SDFGAttributes.td"
include "pk/Dialect/SDFG/SDFGDialect.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// sdfg.sdfg
//===----------------------------------------------------------------------===//

def SDFG_SDFGOp : SDFG_Op<"sdfg", [
    Symbol, SymbolTable, IsolatedFromAbove, SingleBlock, NoTerminator]> {
  let summary = "a Stateful DataFlow multiGraph: states joined by edges";
  let description = [{
    The top-level graph, DaCe's `SDFG`. Its single block holds the states
    (`sdfg.state`) and interstate edges (`sdfg.edge`) of the state machine
    and nothing else; their order does not matter. The block arguments are the
    SDFG's data arguments (DaCe's `arg_names`, in order): memrefs of any
    element type for arrays, integer/index/float/complex values for scalars.

    `entry` names the state where execution starts (DaCe's `start_block`).
    The SDFG is a symbol table: states are looked up by name, and state names
    are unique within one SDFG.

    `symbols` declares the SDFG's symbols (DaCe's `symbols`, the names that
    may appear in conditions, assignments and ranges) with their types, as a
    dictionary from name to integer, index or float type. A dictionary, not
    an op per symbol, because a symbol is not a state: keeping symbols out of
    the symbol table lets a state and a symbol share a name, as in DaCe.

    Each argument may carry a dictionary with its DaCe data descriptor:
    `name` (the container's name in DaCe, default `arg<i>`), `shape` (one
    symbolic Python expression per dimension, required for every dynamic
    dimension: it ties `?` to the symbols that size it) and `unsigned` (a
    unit attribute on integer data: DaCe's `uint*` dtypes, since MLIR
    integers are signless; the ops that read the data pick the unsigned
    arith ops, and the export writes the unsigned dtype). Transient
    containers are `sdfg.alloc` ops in the SDFG body, next to the states and
    edges. Data names are unique within an SDFG.

    The SDFG is isolated from above; states and maps inside it see its
    arguments and transients.

    ```mlir
    sdfg.sdfg @scale(%A: memref<?xf32> {name = "A", shape = ["N"]},
                     %alpha: f32 {name = "alpha"})
        entry @init symbols {N = i64, i = i64} {
      %tmp = sdfg.alloc "tmp" shape ["N"] : memref<?xf32>
      sdfg.state @init {}
      sdfg.state @body {}
      sdfg.edge @init -> @body assign ["i = 0"]
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$entry,
                       OptionalAttr<DictionaryAttr>:$symbols,
                       OptionalAttr<DictArrayAttr>:$arg_attrs);
  let regions = (region SizedRegion<1>:$region);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the body block with one argument per entry of `argTypes`.
    OpBuilder<(ins "::llvm::StringRef":$name, "::llvm::StringRef":$entry,
                   "::mlir::TypeRange":$argTypes,
                   CArg<"::mlir::DictionaryAttr", "{}">:$symbols)>
  ];
  let extraClassDeclaration = [{
    /// The state named by `entry`, or null if there is none.
    StateOp getEntryState();

    /// DaCe's name for argument `index`: its `name` attribute, or
    /// `arg<index>`.
    std::string getArgDataName(unsigned index);

    /// The symbolic shape of argument `index` (its `shape` attribute), or
    /// null.
    ::mlir::ArrayAttr getArgShape(unsigned index);

    /// Whether argument `index` holds DaCe's unsigned integers (its
    /// `unsigned` attribute).
    bool isArgUnsigned(unsigned index);

    /// Whether a data container (an argument or an `sdfg.alloc`) holds
    /// DaCe's unsigned integers.
    static bool isUnsignedData(::mlir::Value data);

    /// The data container (an argument or an `sdfg.alloc`) that `memref`,
    /// an access node or a window of one (of a window ...), is part of;
    /// `memref` itself for any other value.
    static ::mlir::Value getContainer(::mlir::Value memref);

    /// The data container named `name` (an argument or the result of an
    /// `sdfg.alloc`), or null.
    ::mlir::Value lookupData(::llvm::StringRef name);

    /// DaCe's name for a data container (an argument or an `sdfg.alloc`),
    /// or "" for any other value.
    static std::string getDataName(::mlir::Value data);

    /// The declared type of symbol `name`, or null.
    ::mlir::Type getSymbolType(::llvm::StringRef name);
  }];
}

//===----------------------------------------------------------------------===//
// sdfg.state
//===----------------------------------------------------------------------===//

def SDFG_StateOp : SDFG_Op<"state", [
    HasParent<"SDFGOp">, Symbol, SingleBlock, NoTerminator]> {
  let summary = "a state of the SDFG's state machine, holding dataflow";
  let description = [{
    One node of the state machine, DaCe's `SDFGState`. Its block holds the
    state's dataflow: access nodes (`sdfg.access`), memlets (`sdfg.load`,
    `sdfg.store`, `sdfg.copy`), maps, tasklets, symbol reads (`sdfg.sym`)
    and side-effect-free ops (arith, math) computing indices and bounds.
    Other ops that touch memory are rejected: data moves through memlets
    only. Values defined in one state are not visible in another; only the
    SDFG's data containers are shared.

    ```mlir
    sdfg.state @body {
      %a = sdfg.access %A : memref<?xf32>
      %b = sdfg.access %B : memref<?xf32>
      %last = sdfg.sym "N - 1" : index
      sdfg.map (%i) = (0) through (%last) {
        %x = sdfg.load %a[%i] : memref<?xf32>
        sdfg.store %x, %b[%i] : memref<?xf32>
      }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region SizedRegion<1>:$region);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $region";
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the (empty) body block.
    OpBuilder<(ins "::llvm::StringRef":$name)>
  ];
}

//===----------------------------------------------------------------------===//
// sdfg.edge
//===----------------------------------------------------------------------===//

def SDFG_EdgeOp : SDFG_Op<"edge", [
    HasParent<"SDFGOp">, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "interstate edge: a guarded transition with symbol assignments";
  let description = [{
    A transition from state `src` to state `dest`, DaCe's `InterstateEdge`.
    `condition` is a Python expression over symbols that must hold for the
    transition to be taken; it defaults to `"1"` (always), and is printed
    only when it differs. `assign` lists symbol assignments, each a string
    `"symbol = expression"`, performed when the edge is taken. They are an
    ordered array rather than a dictionary so that DaCe's assignment order
    survives a round trip. Both states must exist in the enclosing SDFG.

    A `for i in range(10)` loop as DaCe builds it:

    ```mlir
    sdfg.edge @init -> @guard assign ["i = 0"]
    sdfg.edge @guard -> @body if "i < 10"
    sdfg.edge @body -> @guard assign ["i = i + 1"]
    sdfg.edge @guard -> @exit if "not (i < 10)"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$src, FlatSymbolRefAttr:$dest,
                       DefaultValuedStrAttr<StrAttr, "1">:$condition,
                       DefaultValuedAttr<StrArrayAttr, "{}">:$assign);
  let assemblyFormat = [{
    $src `->` $dest (`if` $condition^)? (`assign` $assign^)? attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The assignments as (symbol, expression) pairs, in order, both trimmed.
    /// Only meaningful on a verified op.
    ::llvm::SmallVector<std::pair<::llvm::StringRef, ::llvm::StringRef>>
    getAssignments();

    /// Splits `"symbol = expression"` into its trimmed halves; fails unless
    /// the left side is an identifier and the right side is non-empty.
    static ::mlir::FailureOr<std::pair<::llvm::StringRef, ::llvm::StringRef>>
    splitAssignment(::llvm::StringRef assignment);
  }];
}

//===----------------------------------------------------------------------===//
// sdfg.map
//===----------------------------------------------------------------------===//

def SDFG_MapOp : SDFG_Op<"map", [
    ParentOneOf<["StateOp", "MapOp"]>, AttrSizedOperandSegments,
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "parallel scope over a multi-dimensional inclusive range";
  let description = [{
    DaCe's map scope (a MapEntry/MapExit pair): the body runs once for every
    point of a multi-dimensional range, in any order and possibly in
    parallel. The parameters are the index-typed block arguments of the body.

    Each dimension has a lower bound, an **inclusive** upper bound and a
    step, as in DaCe's `Range` (`start`, `end`, `step`); the keyword
    `through` (not `to`) is a reminder that the upper bound is part of the
    range. Every bound and step is either a constant integer or an `index`
    SSA value: the constant ones are stored in `static_lower_bounds`,
    `static_upper_bounds` and `static_steps`, where `ShapedType::kDynamic`
    marks the positions of the SSA operands. Steps must be non-zero (they may
    be negative); `step` may be left out when every step is 1.

    `schedule` says how iterations run (`sequential` by default,
    `cpu_multicore`, `gpu_device`). The body ends with an implicit
    `sdfg.yield`. Maps live in states or nest in maps.

    ```mlir
    sdfg.map (%i, %j) = (0, 0) through (%last, 63) step (1, 2)
        schedule cpu_multicore {
      %x = sdfg.load %a[%i, %j] : memref<?x64xf32>
      sdfg.store %x, %b[%i, %j] : memref<?x64xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Index>:$dynamic_lower_bounds,
                       Variadic<Index>:$dynamic_upper_bounds,
                       Variadic<Index>:$dynamic_steps,
                       DenseI64ArrayAttr:$static_lower_bounds,
                       DenseI64ArrayAttr:$static_upper_bounds,
                       DenseI64ArrayAttr:$static_steps,
                       DefaultValuedAttr<SDFG_ScheduleKindAttr,
                           "::mlir::sdfg::ScheduleKind::Sequential">:$schedule);
  let regions = (region SizedRegion<1>:$region);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the body block with one index parameter per dimension and its
    // `sdfg.yield`.
    OpBuilder<(ins "::llvm::ArrayRef<::mlir::OpFoldResult>":$lowerBounds,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$upperBounds,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$steps,
                   CArg<"::mlir::sdfg::ScheduleKind",
                        "::mlir::sdfg::ScheduleKind::Sequential">:$schedule)>
  ];
  let extraClassDeclaration = [{
    /// The map parameters, one per dimension.
    ::mlir::Block::BlockArgListType getParams() {
      return getBody()->getArguments();
    }
    unsigned getNumParams() { return getBody()->getNumArguments(); }

    /// Bounds and steps with the static and dynamic parts merged.
    ::llvm::SmallVector<::mlir::OpFoldResult> getMixedLowerBounds();
    ::llvm::SmallVector<::mlir::OpFoldResult> getMixedUpperBounds();
    ::llvm::SmallVector<::mlir::OpFoldResult> getMixedSteps();
  }];
}

//===----------------------------------------------------------------------===//
// sdfg.tasklet
//===----------------------------------------------------------------------===//

def SDFG_TaskletOp : SDFG_Op<"tasklet", [
    ParentOneOf<["StateOp", "MapOp"]>, IsolatedFromAbove, SingleBlock,
    RecursiveMemoryEffects]> {
  let summary = "isolated computation on values passed in through connectors";
  let description = [{
    DaCe's `Tasklet`: a computation that sees nothing but its inputs. Each
    operand is bound to a block argument of the body (an in-connector), the
    body computes with any ops (arith, math, ...) and returns the outputs
    (out-connectors) with `sdfg.return`. The body takes exactly the operand
    types and returns exactly the result types. An in-connector may be a
    whole array (a memlet over the full container, e.g. for an indirect
    `x[col[j]]` lookup) that the body reads with `memref.load`; a tasklet
    allocates no memory and so touches none but what its memlets bring.

    `in_connectors` and `out_connectors` optionally keep DaCe's connector
    names (one per input, one per result, distinct identifiers), so that an
    imported tasklet exports with its original names.

    The assembly binds connector to operand as `%connector = %operand`,
    followed by the functional type.

    ```mlir
    %r = sdfg.tasklet(%a = %x, %b = %y, %c = %z) : (f32, f32, f32) -> f32 {
      %m = arith.mulf %a, %b : f32
      %s = arith.addf %m, %c : f32
      sdfg.return %s : f32
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs,
                       OptionalAttr<StrArrayAttr>:$in_connectors,
                       OptionalAttr<StrArrayAttr>:$out_connectors);
  let results = (outs Variadic<AnyType>:$outputs);
  let regions = (region SizedRegion<1>:$region);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the body block with one argument per input; the caller fills
    // it and ends it with `sdfg.return`.
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes,
                   "::mlir::ValueRange":$inputs)>
  ];
}

//===----------------------------------------------------------------------===//
// Terminators
//===----------------------------------------------------------------------===//

def SDFG_ReturnOp : SDFG_Op<"return", [
    HasParent<"TaskletOp">, Pure, Terminator, ReturnLike]> {
  let summary = "returns the results of a tasklet";
  let description = [{
    Ends a tasklet body; its operands become the tasklet's results and must
    match them in number and type.

    ```mlir
    sdfg.return %s : f32
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let builders = [OpBuilder<(ins), [{
    build($_builder, $_state, ::mlir::ValueRange());
  }]>];
  let hasVerifier = 1;
}

def SDFG_YieldOp : SDFG_Op<"yield", [
    HasParent<"MapOp">, Pure, Terminator, ReturnLike]> {
  let summary = "ends the body of a map";
  let description = [{
    The terminator of an `sdfg.map` body. It takes no operands (maps
    communicate through memory, not values) and is implicit in the custom
    assembly.

    ```mlir
    sdfg.yield
    ```
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Data containers, access nodes and memlets
//===----------------------------------------------------------------------===//

def SDFG_AllocOp : SDFG_Op<"alloc", [HasParent<"SDFGOp">]> {
  let summary = "a transient data container";
  let description = [{
    DaCe's transient `Array` (or `Scalar`, as a rank-0 memref): a container
    that lives as long as the SDFG runs and is not an argument. `name` is
    its DaCe name; `shape` gives one symbolic Python expression per
    dimension and is required when the type has dynamic dimensions (static
    ones must agree with it); `storage` says where it lives (`default`,
    `cpu_heap`, `register`, `gpu_global`); `unsigned` marks integer data of
    DaCe's `uint*` dtypes (MLIR integers are signless). It is declared in
    the SDFG body; states reach it through `sdfg.access`.

    ```mlir
    %gpu_A = sdfg.alloc "gpu_A" shape ["N"] storage gpu_global : memref<?xf64>
    %s = sdfg.alloc "scal" : memref<i32>
    %k = sdfg.alloc "k" unsigned : memref<i8>
    ```
  }];
  let arguments = (ins StrAttr:$data_name, OptionalAttr<StrArrayAttr>:$shape,
                       DefaultValuedAttr<SDFG_StorageKind,
                           "::mlir::sdfg::StorageKind::Default">:$storage,
                       UnitAttr:$is_unsigned);
  let results = (outs AnyMemRef:$result);
  let assemblyFormat = [{
    $data_name (`shape` $shape^)? (`storage` $storage^)? (`unsigned` $is_unsigned^)?
    attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def SDFG_AccessOp : SDFG_Op<"access", [
    HasParent<"StateOp">, Pure, AllTypesMatch<["data", "result"]>]> {
  let summary = "an access node: a data container used in a state";
  let description = [{
    DaCe's `AccessNode`: names the data container (an SDFG argument or an
    `sdfg.alloc`) that the memlets of this state read or write. The result
    is the container itself; memlets take access nodes, never containers
    directly, so every state lists the data it touches.

    ```mlir
    %a = sdfg.access %A : memref<?x?xf64>
    ```
  }];
  let arguments = (ins AnyMemRef:$data);
  let results = (outs AnyMemRef:$result);
  let assemblyFormat = "$data attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def SDFG_LoadOp : SDFG_Op<"load", [
    ParentOneOf<["StateOp", "MapOp"]>,
    TypesMatchWith<"result type matches the element type of 'memref'",
                   "memref", "result",
                   "::llvm::cast<::mlir::MemRefType>($_self).getElementType()">,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "a memlet reading one element into the dataflow";
  let description = [{
    A DaCe memlet with a single-element subset (volume 1) from an access
    node: its value feeds tasklets (their in-connectors) or map ranges
    (DaCe's dynamic map range connectors). Indices are `index` values;
    constant indices must lie inside the container's static dimensions.

    ```mlir
    %x = sdfg.load %a[%i, %j] : memref<?x?xf64>
    ```
  }];
  let arguments = (ins AnyMemRef:$memref, Variadic<Index>:$indices);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$memref `[` $indices `]` attr-dict `:` type($memref)";
  let hasVerifier = 1;
}

def SDFG_StoreOp : SDFG_Op<"store", [
    ParentOneOf<["StateOp", "MapOp"]>,
    TypesMatchWith<"value type matches the element type of 'memref'",
                   "memref", "value",
                   "::llvm::cast<::mlir::MemRefType>($_self).getElementType()">,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "a memlet writing one element, optionally with a reduction";
  let description = [{
    A DaCe memlet with a single-element subset from a tasklet's
    out-connector into an access node. `wcr` (write-conflict resolution)
    combines the value with the element instead of overwriting it: `add`
    (DaCe's `lambda a, b: a + b`), `mul`, `min`, `max` (unsigned where
    the container is DaCe's unsigned data); concurrent iterations of a map
    may then target the same element safely.

    ```mlir
    sdfg.store %v, %b[%i] wcr add : memref<?xf32>
    ```
  }];
  let arguments = (ins AnyType:$value, AnyMemRef:$memref,
                       Variadic<Index>:$indices,
                       OptionalAttr<SDFG_WCRKind>:$wcr);
  let assemblyFormat = [{
    $value `,` $memref `[` $indices `]` (`wcr` $wcr^)? attr-dict
    `:` type($memref)
  }];
  let hasVerifier = 1;
}

def SDFG_CopyOp : SDFG_Op<"copy", [
    HasParent<"StateOp">,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "a memlet between two access nodes copying a whole container";
  let description = [{
    A DaCe memlet from one access node to another over the full extent of
    both (for example a host-to-device copy before a GPU map). Element
    types, ranks and every statically known dimension must agree.

    ```mlir
    sdfg.copy %a to %gpu_a : memref<?xf64> to memref<?xf64>
    ```
  }];
  let arguments = (ins AnyMemRef:$source, AnyMemRef:$target);
  let assemblyFormat = [{
    $source `to` $target attr-dict `:` type($source) `to` type($target)
  }];
  let hasVerifier = 1;
}

def SDFG_WindowOp : SDFG_Op<"window", [
    ParentOneOf<["StateOp", "MapOp"]>, Pure]> {
  let summary = "a container's memory from one element on, as a flat array";
  let description = [{
    How DaCe passes part of a container to a nested SDFG: a pointer to the
    first element of the memlet's subset, which the nested SDFG reads with
    the strides of its own descriptor. The result is the memory of `source`
    (an access node, in its row-major order, or a window itself) from the
    element at `indices` to its end, as a 1-d memref with a dynamic offset;
    an `sdfg.call` passes it to a callee argument of the same type, which
    the callee indexes as `sum(index * stride)`. A window of a rank-0
    source (a scalar, no indices) is its one element: how DaCe passes a
    scalar the nested SDFG writes, by reference.

    ```mlir
    %w = sdfg.window %a[%c0, %j, %c0]
        : memref<2x3x4xf64> to memref<?xf64, strided<[1], offset: ?>>
    ```
  }];
  let arguments = (ins AnyMemRef:$source, Variadic<Index>:$indices);
  let results = (outs AnyMemRef:$result);
  let assemblyFormat = [{
    $source `[` $indices `]` attr-dict `:` type($source) `to` type($result)
  }];
  let hasVerifier = 1;
}

def SDFG_CallOp : SDFG_Op<"call", [
    ParentOneOf<["StateOp", "MapOp"]>, AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "a nested SDFG: runs another sdfg.sdfg of the module";
  let description = [{
    DaCe's `NestedSDFG` node. `callee` is a private `sdfg.sdfg` of the
    same module (placed before its caller); `data` has one operand per callee
    argument, in its order:

    * a memref (an access node) for a memref argument the nested SDFG sees
      whole: the same element type, rank and layout, static dimensions
      agreeing (the callee may have dynamic ones where the caller's are
      static); an `sdfg.window` for part of a container, or for one
      element passed by reference (DaCe passes one by pointer to a
      callee's Array, or to a Scalar the callee writes, whose
      write-conflict resolutions then accumulate into the caller's
      memory);
    * a value of the element type for a memref argument of one element
      (rank 0 or all dimensions 1): a single-element memlet or a value
      from a code node. The lowering
      passes a fresh buffer holding the value; the arguments listed in
      `outputs` are read back from it after the call and become the
      results, in that order (the caller stores them with its memlets);
    * a value for a scalar argument passed by value.

    `symbol_values` gives the callee's symbols named in `symbol_names`
    (DaCe's `symbol_mapping`, evaluated in the caller); every free symbol
    of the callee must be among them.

    ```mlir
    %r = sdfg.call @inner(%a, %x) symbols ["N"] (%n) outputs [1]
        : (memref<?xf64>, f64) -> f64
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$data,
                       Variadic<Index>:$symbol_values,
                       StrArrayAttr:$symbol_names,
                       DenseI64ArrayAttr:$outputs);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $callee `(` $data `)` `symbols` $symbol_names `(` $symbol_values `)`
    `outputs` $outputs attr-dict `:` functional-type($data, $results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The called `sdfg.sdfg` (a symbol of the module around the caller),
    /// or null.
    SDFGOp getCalleeSDFG();
  }];
}

def SDFG_SymOp : SDFG_Op<"sym", [ParentOneOf<["StateOp", "MapOp"]>, Pure]> {
  let summary = "the value of a symbolic expression over the SDFG's symbols";
  let description = [{
    Evaluates a Python expression over the SDFG's symbols (their values in
    the current state: the arguments the SDFG was called with, updated by
    interstate assignments) and converts it to the result type. It is how
    map ranges and memlet subsets refer to symbols such as `N`.

    ```mlir
    %last = sdfg.sym "N - 1" : index
    ```
  }];
  let arguments = (ins StrAttr:$expr);
  let results = (outs AnyTypeOf<[AnySignlessIntegerOrIndex, AnyFloat]>:$result);
  let assemblyFormat = "$expr attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Python arithmetic without an arith equivalent
//===----------------------------------------------------------------------===//

def SDFG_FloorDivOp : SDFG_Op<"floordiv", [Pure, SameOperandsAndResultType]> {
  let summary = "Python's floor division `//` of floats";
  let description = [{
    `lhs // rhs` on floats as Python computes it: the floor of the exact
    quotient, consistent with `sdfg.mod` (`lhs == (lhs // rhs) * rhs +
    lhs % rhs` up to rounding), so `-7.0 // 2.0` is `-4.0` and `1.0 // 0.1`
    is `9.0` (not `floor(1.0 / 0.1)`, which is `10.0`). Integers use
    `arith.floordivsi` (signed) or `arith.divui` (unsigned). Division by
    zero gives NaN or an infinity (Python raises `ZeroDivisionError`).
    `convert-sdfg-to-scf` expands it into arith/math ops.

    ```mlir
    %q = sdfg.floordiv %a, %b : f64
    ```
  }];
  let arguments = (ins AnyFloat:$lhs, AnyFloat:$rhs);
  let results = (outs AnyFloat:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def SDFG_ModOp : SDFG_Op<"mod", [Pure, SameOperandsAndResultType]> {
  let summary = "Python's modulo `%`: the result takes the sign of the divisor";
  let description = [{
    `lhs % rhs` as Python computes it, on floats and on signed integers
    (unsigned integers use `arith.remui`): the result is zero or has the
    sign of `rhs`, so `-7 % 3` is `2` and `7.0 % -2.0` is `-1.0`, unlike
    `arith.remsi`/`arith.remf` (C's `%` and `fmod`, which follow `lhs`).
    A float result of zero is `+0.0` or `-0.0` after the sign of `rhs`.
    An integer modulo by zero is undefined, as `arith.remsi`'s (Python
    raises `ZeroDivisionError`); a float one is NaN. `convert-sdfg-to-scf`
    expands it into arith ops.

    ```mlir
    %r = sdfg.mod %a, %b : i32
    ```
  }];
  let arguments = (ins AnyTypeOf<[AnySignlessIntegerOrIndex, AnyFloat]>:$lhs,
                       AnyTypeOf<[AnySignlessIntegerOrIndex, AnyFloat]>:$rhs);
  let results = (outs AnyTypeOf<[AnySignlessIntegerOrIndex, AnyFloat]>:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

#endif // SDFG_OPS_TD
