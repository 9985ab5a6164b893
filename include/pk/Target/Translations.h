//===- Translations.h - pk-translate translations ---------------*- C++ -*-===//

#ifndef PK_TARGET_TRANSLATIONS_H
#define PK_TARGET_TRANSLATIONS_H

namespace mlir::pk {

/// Registers `--pk-to-llvmir` and `--pk-to-ptx` (with the `--pk-gpu-*`
/// options) for mlirTranslateMain, plus the pass-manager command-line
/// options (e.g. --mlir-print-ir-after-failure) their pipelines honour.
void registerPKTranslations();

} // namespace mlir::pk

#endif // PK_TARGET_TRANSLATIONS_H
