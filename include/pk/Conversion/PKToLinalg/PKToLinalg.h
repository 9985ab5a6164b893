//===- PKToLinalg.h - pk to linalg conversion patterns ----------*- C++ -*-===//

#ifndef PK_CONVERSION_PKTOLINALG_PKTOLINALG_H
#define PK_CONVERSION_PKTOLINALG_PKTOLINALG_H

namespace mlir {
class RewritePatternSet;

namespace pk {
/// Adds the patterns that rewrite each pk op into linalg on tensors.
void populatePKToLinalgConversionPatterns(RewritePatternSet &patterns);
/// Adds the patterns for convolution and pooling (ConvToLinalg.cpp).
void populatePKConvToLinalgPatterns(RewritePatternSet &patterns);
/// Adds the patterns for the caffe2 perfkernel ops (PerfKernelsToLinalg.cpp).
void populatePKPerfKernelsToLinalgPatterns(RewritePatternSet &patterns);
} // namespace pk
} // namespace mlir

#endif // PK_CONVERSION_PKTOLINALG_PKTOLINALG_H
