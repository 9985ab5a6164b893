//===- DataPlacement.cpp - buffers a kernel touches on the device ---------===//
//
// Host temporaries, copies and arguments become device buffers and copies,
// shared-memory allocations become workgroup attributions, and host code
// that still touches buffers runs as a one-thread kernel.
//
//===----------------------------------------------------------------------===//

#include "pk/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::pk {
#define GEN_PASS_DEF_PKGPUDATAPLACEMENT
#include "pk/Transforms/GPU/Passes.h.inc"
} // namespace mlir::pk

using namespace mlir;

/// Whether `op` (on the host) only handles a memref as a value (passes it
/// on, describes it) without reading or writing its elements.
static bool isHostSafeMemRefUser(Operation *op) {
  return isa<gpu::LaunchOp, gpu::MemcpyOp, gpu::MemsetOp, gpu::AllocOp,
             gpu::DeallocOp, gpu::WaitOp, func::ReturnOp, func::CallOp,
             memref::DimOp, memref::ExtractStridedMetadataOp,
             memref::ExtractAlignedPointerAsIndexOp, ViewLikeOpInterface,
             memref::CastOp>(op);
}

/// Whether any op (in host code or in a kernel) may write `buffer` or a view
/// of it, apart from `ignore`. Unknown users count as writers.
static bool mayBeWritten(Value buffer, Operation *ignore) {
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (user == ignore || isa<func::ReturnOp, memref::DimOp>(user))
        continue;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
        if (view.getViewSource() == value) {
          worklist.append(user->result_begin(), user->result_end());
          continue;
        }
      }
      if (isa<memref::CastOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      auto effects = dyn_cast<MemoryEffectOpInterface>(user);
      if (!effects)
        return true;
      SmallVector<MemoryEffects::EffectInstance> instances;
      effects.getEffectsOnValue(value, instances);
      if (llvm::any_of(instances, [](const MemoryEffects::EffectInstance &e) {
            return isa<MemoryEffects::Write>(e.getEffect());
          }))
        return true;
    }
  }
  return false;
}

namespace {
/// Puts every buffer a kernel touches in device memory:
///  - host `memref.alloc` (temporaries) → `gpu.alloc`, freed with
///    `gpu.dealloc` at the end of their block; host `memref.copy` →
///    `gpu.memcpy`;
///  - memref arguments: with `deviceArguments` they already are device
///    pointers; otherwise each is copied to a device buffer on entry, and
///    back on exit unless nothing writes it (tensor arguments, inputs);
///  - `memref.alloc` in workgroup memory inside a gpu.launch (promoted
///    tiles) → a workgroup attribution of that launch.
/// Consecutive kernels therefore share device buffers; the only host copies
/// are at function entry and exit. A host op that still reads or writes a
/// buffer (it was not mapped to the GPU) is an error.
struct DataPlacementPass : pk::impl::PKGPUDataPlacementBase<DataPlacementPass> {
  using Base::Base;

  LogicalResult placeWorkgroupAllocs(func::FuncOp func) {
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp alloc : allocs) {
      MemRefType type = alloc.getType();
      auto space =
          dyn_cast_or_null<gpu::AddressSpaceAttr>(type.getMemorySpace());
      // A small static temporary of one thread (a scalar accumulator that
      // bufferization put in memory) lives on that thread's stack.
      if (!type.getMemorySpace() && type.hasStaticShape() &&
          type.getNumElements() <= 64) {
        OpBuilder builder(alloc);
        auto local = memref::AllocaOp::create(builder, alloc.getLoc(), type);
        for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
          if (isa<memref::DeallocOp>(user))
            user->erase();
        alloc.replaceAllUsesWith(local.getResult());
        alloc.erase();
        continue;
      }
      if (!space || space.getValue() != gpu::AddressSpace::Workgroup)
        return alloc.emitError()
               << "allocation of " << type
               << " inside a GPU kernel: only static workgroup (shared) "
                  "memory and small per-thread buffers can be allocated in a "
                  "kernel";
      if (!type.hasStaticShape())
        return alloc.emitError() << "shared-memory allocation " << type
                                 << " must have a static shape";
      auto launch = alloc->getParentOfType<gpu::LaunchOp>();
      BlockArgument buffer =
          launch.addWorkgroupAttribution(type, alloc.getLoc());
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.replaceAllUsesWith(buffer);
      alloc.erase();
    }
    return success();
  }

  /// Host code that still reads or writes buffers (scalar loops such as an
  /// embedding bag's offset and status computation) runs as a one-thread
  /// kernel: the ops that touch memory and every op using their results, in
  /// order, move into a 1x1 gpu.launch placed after the last of them.
  LogicalResult wrapSerialHostCode(func::FuncOp func) {
    if (!func.getBody().hasOneBlock())
      return success();
    Block &body = func.getBody().front();
    auto touchesMemory = [](Operation *op) {
      // Copies and allocations get their device forms below.
      if (isa<gpu::LaunchOp, memref::CopyOp, memref::AllocOp,
              memref::DeallocOp>(op) ||
          isHostSafeMemRefUser(op))
        return false;
      WalkResult r = op->walk<WalkOrder::PreOrder>([](Operation *nested) {
        if (isa<gpu::LaunchOp>(nested))
          return WalkResult::skip();
        if (isHostSafeMemRefUser(nested))
          return WalkResult::advance();
        if (llvm::any_of(nested->getOperandTypes(),
                         llvm::IsaPred<MemRefType>))
          return WalkResult::interrupt();
        return WalkResult::advance();
      });
      return r.wasInterrupted();
    };
    SmallVector<Operation *> ops;
    for (Operation &op : body.without_terminator())
      ops.push_back(&op);
    OpBuilder builder(func.getContext());
    for (size_t i = 0; i < ops.size();) {
      if (!touchesMemory(ops[i])) {
        ++i;
        continue;
      }
      SetVector<Operation *> group;
      group.insert(ops[i]);
      auto usesGroup = [&](Operation *op) {
        WalkResult r = op->walk([&](Operation *nested) {
          for (Value v : nested->getOperands())
            if (Operation *def = v.getDefiningOp())
              if (group.contains(def))
                return WalkResult::interrupt();
          return WalkResult::advance();
        });
        return r.wasInterrupted();
      };
      size_t j = i + 1;
      for (; j < ops.size(); ++j) {
        Operation *op = ops[j];
        if (isa_and_nonnull<gpu::GPUDialect>(op->getDialect()))
          break;
        if (usesGroup(op) || touchesMemory(op))
          group.insert(op);
      }
      // Scalars the serial code computes for later kernels (a bag count,
      // a loop bound) go through a one-element device buffer.
      SmallVector<Value> spilled;
      for (Operation *op : group)
        for (Value result : op->getResults())
          for (Operation *user : result.getUsers()) {
            Operation *top = body.findAncestorOpInBlock(*user);
            if (group.contains(top))
              continue;
            if (!isa<gpu::LaunchOp>(top) || user == top ||
                !result.getType().isIntOrIndexOrFloat())
              return user->emitError(
                  "uses a value computed by host code that pk-gpu-pipeline "
                  "runs on the GPU");
            if (!llvm::is_contained(spilled, result))
              spilled.push_back(result);
          }
      for (Operation *op : group) {
        WalkResult nestedKernel = op->walk([](gpu::LaunchOp launch) {
          return WalkResult::interrupt();
        });
        if (nestedKernel.wasInterrupted())
          return op->emitError(
              "host code around a GPU kernel reads or writes buffers; "
              "pk-gpu-pipeline cannot map it to the GPU");
      }
      builder.setInsertionPointAfter(group.back());
      Location loc = group.front()->getLoc();
      Value one = arith::ConstantIndexOp::create(builder, loc, 1);
      auto launch = gpu::LaunchOp::create(builder, loc, one, one, one, one,
                                          one, one);
      Block &kernel = launch.getBody().front();
      builder.setInsertionPointToEnd(&kernel);
      auto terminator = gpu::TerminatorOp::create(builder, loc);
      for (Operation *op : group)
        op->moveBefore(terminator);
      for (Value value : spilled) {
        auto type = MemRefType::get({1}, value.getType());
        builder.setInsertionPoint(launch);
        Value slot = memref::AllocOp::create(builder, loc, type);
        builder.setInsertionPoint(terminator);
        Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
        memref::StoreOp::create(builder, loc, value, slot, zero);
        SmallVector<gpu::LaunchOp> consumers;
        for (Operation *user : value.getUsers())
          if (auto consumer = body.findAncestorOpInBlock(*user);
              consumer && consumer != launch.getOperation())
            if (auto l = dyn_cast<gpu::LaunchOp>(consumer);
                l && !llvm::is_contained(consumers, l))
              consumers.push_back(l);
        for (gpu::LaunchOp consumer : consumers) {
          builder.setInsertionPointToStart(&consumer.getBody().front());
          Value c0 = arith::ConstantIndexOp::create(builder, loc, 0);
          Value reloaded = memref::LoadOp::create(builder, loc, slot, c0);
          replaceAllUsesInRegionWith(value, reloaded, consumer.getBody());
        }
      }
      i = j;
    }
    return success();
  }

  /// Constant buffers (memref.get_global of a host global) used in a kernel
  /// are read there from the global's device copy, which outlining puts in
  /// the gpu.module; prefetch hints, meant for CPU caches, are dropped.
  void sinkGlobalsIntoKernels(func::FuncOp func) {
    func.walk([&](gpu::LaunchOp launch) {
      launch.walk([&](memref::PrefetchOp prefetch) { prefetch.erase(); });
      llvm::SetVector<Value> captured;
      getUsedValuesDefinedAbove(launch.getBody(), captured);
      OpBuilder builder(launch.getContext());
      builder.setInsertionPointToStart(&launch.getBody().front());
      for (Value value : captured)
        if (auto global = value.getDefiningOp<memref::GetGlobalOp>()) {
          Operation *clone = builder.clone(*global);
          replaceAllUsesInRegionWith(value, clone->getResult(0),
                                     launch.getBody());
        }
    });
  }

  LogicalResult placeHostBuffers(func::FuncOp func) {
    OpBuilder builder(func.getContext());
    // Temporaries.
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (!alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp alloc : allocs) {
      builder.setInsertionPoint(alloc);
      auto device = gpu::AllocOp::create(
          builder, alloc.getLoc(), alloc.getType(), /*asyncToken=*/Type(),
          /*asyncDependencies=*/ValueRange(), alloc.getDynamicSizes(),
          alloc.getSymbolOperands(), /*hostShared=*/false);
      bool freed = false;
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
          builder.setInsertionPoint(dealloc);
          gpu::DeallocOp::create(builder, dealloc.getLoc(), Type(),
                                 ValueRange(), device.getMemref());
          dealloc.erase();
          freed = true;
        }
      alloc.replaceAllUsesWith(device.getMemref());
      alloc.erase();
      // Bufferization's deallocation is not run on this pipeline: buffers
      // live until the end of their block (results are out-parameters, so
      // none escapes the function).
      if (!freed) {
        builder.setInsertionPoint(device->getBlock()->getTerminator());
        gpu::DeallocOp::create(builder, device.getLoc(), Type(), ValueRange(),
                               device.getMemref());
      }
    }

    // Arguments.
    if (!deviceArguments && !func.isExternal()) {
      Block &entry = func.getBody().front();
      for (BlockArgument arg : func.getArguments()) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type || arg.use_empty())
          continue;
        if (!type.getLayout().isIdentity())
          return func.emitError()
                 << "argument #" << arg.getArgNumber() << " of type " << type
                 << " is not contiguous: pk-gpu-pipeline copies arguments "
                    "whole (use an identity layout, or device-arguments)";
        builder.setInsertionPointToStart(&entry);
        // The sizes and the copy read the host buffer; every other use
        // gets the device buffer.
        SmallPtrSet<Operation *, 4> hostUses;
        SmallVector<Value> sizes;
        for (int64_t d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d)) {
            auto dim = memref::DimOp::create(builder, arg.getLoc(), arg, d);
            hostUses.insert(dim);
            sizes.push_back(dim);
          }
        auto device = gpu::AllocOp::create(builder, arg.getLoc(), type, Type(),
                                           ValueRange(), sizes, ValueRange(),
                                           /*hostShared=*/false);
        auto toDevice =
            gpu::MemcpyOp::create(builder, arg.getLoc(), Type(), ValueRange(),
                                  device.getMemref(), arg);
        hostUses.insert(toDevice);
        arg.replaceUsesWithIf(device.getMemref(), [&](OpOperand &use) {
          return !hostUses.contains(use.getOwner());
        });
        bool readOnly = !mayBeWritten(device.getMemref(), toDevice);
        for (Block &block : func.getBody())
          if (auto ret = dyn_cast<func::ReturnOp>(block.getTerminator())) {
            builder.setInsertionPoint(ret);
            if (!readOnly)
              gpu::MemcpyOp::create(builder, arg.getLoc(), Type(),
                                    ValueRange(), arg, device.getMemref());
            gpu::DeallocOp::create(builder, arg.getLoc(), Type(), ValueRange(),
                                   device.getMemref());
          }
      }
    }

    // Host copies between buffers, now all on the device.
    SmallVector<memref::CopyOp> copies;
    func.walk([&](memref::CopyOp copy) {
      if (!copy->getParentOfType<gpu::LaunchOp>())
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      auto source = cast<MemRefType>(copy.getSource().getType());
      auto target = cast<MemRefType>(copy.getTarget().getType());
      if (!source.getLayout().isIdentity() ||
          !target.getLayout().isIdentity())
        return copy.emitError("copy between non-contiguous buffers on the "
                              "host: it was not mapped to the GPU");
      builder.setInsertionPoint(copy);
      gpu::MemcpyOp::create(builder, copy.getLoc(), Type(), ValueRange(),
                            copy.getTarget(), copy.getSource());
      copy.erase();
    }

    // Nothing on the host may touch the elements of a device buffer.
    WalkResult result = func.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isHostSafeMemRefUser(op))
        return WalkResult::advance();
      for (Value operand : op->getOperands())
        if (isa<MemRefType>(operand.getType())) {
          op->emitError() << "'" << op->getName()
                          << "' accesses a buffer on the host: it was not "
                             "mapped to the GPU by pk-gpu-pipeline";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    return failure(result.wasInterrupted());
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (failed(wrapSerialHostCode(func)))
      return signalPassFailure();
    sinkGlobalsIntoKernels(func);
    if (failed(placeWorkgroupAllocs(func)) || failed(placeHostBuffers(func)))
      return signalPassFailure();
  }
};

} // namespace
