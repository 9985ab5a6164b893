//===- AttentionPlan.h - attention matched by pk-fuse-attention -*- C++ -*-===//
//
// pk-fuse-attention (CPU) and pk-gpu-fuse-attention share one matcher — for
// `pk.attention` and for the same computation written as linalg on tensors —
// and differ only in the fused code they emit for it. This private header is
// the interface between the two: the matched attention, and the emitter a
// pass plugs into the shared patterns.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_TRANSFORMS_ATTENTIONPLAN_H
#define PK_LIB_TRANSFORMS_ATTENTIONPLAN_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include <memory>

namespace mlir::pk {

/// One attention: O = softmax(scale·Q·Kᵀ + maskScale·mask, causal)·V with
/// `numBatch` leading batch dimensions shared by every operand.
struct AttentionPlan {
  Value query; // [batch..., Nq, D]
  Value key;   // [batch..., Nk, D], or [batch..., D, Nk] if keyTransposed
  Value value; // [batch..., Nk, Dv]
  bool keyTransposed = false;
  unsigned numBatch = 0;
  double scale = 1.0;
  bool causal = false;
  /// Optional additive mask; maskMap takes (batch..., i, j) to its indices.
  Value mask;
  AffineMap maskMap;
  double maskScale = 0.0;
  Type resultElementType;
};

/// Emits the fused computation of a matched attention.
class AttentionEmitter {
public:
  virtual ~AttentionEmitter() = default;
  /// Why this emitter cannot handle `plan` (the attention is then left
  /// alone), or null. Called before anything is created.
  virtual const char *check(const AttentionPlan &plan) const {
    return nullptr;
  }
  /// The fused result: a tensor of [batch..., Nq, Dv] in the plan's result
  /// element type (cast to the replaced op's type by the caller).
  virtual Value emit(OpBuilder &b, Location loc,
                     const AttentionPlan &plan) const = 0;
};

/// The patterns of pk-fuse-attention (`pk.attention` and the linalg form),
/// emitting through `emitter`.
void populateFuseAttentionPatterns(
    RewritePatternSet &patterns,
    std::shared_ptr<const AttentionEmitter> emitter);

/// Runs the patterns on `op` the way pk-fuse-attention does: only matched
/// attentions change (no folding of unrelated IR).
LogicalResult
applyFuseAttentionPatterns(Operation *op,
                           std::shared_ptr<const AttentionEmitter> emitter);

} // namespace mlir::pk

#endif // PK_LIB_TRANSFORMS_ATTENTIONPLAN_H
