//===- DaCeNames.h - DaCe's names for sdfg enums, read and written -*- C++
//-*-===//
//
// Private to lib/Target. One table per enum, so the importer accepts exactly
// the names the exporter writes.
//
//===----------------------------------------------------------------------===//

#ifndef PK_LIB_TARGET_DACENAMES_H
#define PK_LIB_TARGET_DACENAMES_H

#include "pk/Dialect/SDFG/SDFGOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <utility>

namespace mlir::sdfg::dace {

template <typename Kind, size_t N>
using NameTable = std::pair<Kind, llvm::StringLiteral>[N];

/// DaCe's `StorageType` names for the storage kinds pk models.
inline constexpr std::pair<StorageKind, llvm::StringLiteral> kStorageNames[] = {
    {StorageKind::Default, "Default"},
    {StorageKind::CPUHeap, "CPU_Heap"},
    {StorageKind::CPUPinned, "CPU_Pinned"},
    {StorageKind::CPUThreadLocal, "CPU_ThreadLocal"},
    {StorageKind::Register, "Register"},
    {StorageKind::GPUGlobal, "GPU_Global"},
    {StorageKind::GPUShared, "GPU_Shared"},
};

/// DaCe's `ScheduleType` names for the map schedules pk models (DaCe's
/// `Default` and `Unrolled` are read, never written: see the importer).
inline constexpr std::pair<ScheduleKind, llvm::StringLiteral> kScheduleNames[] =
    {
        {ScheduleKind::Sequential, "Sequential"},
        {ScheduleKind::CPUMulticore, "CPU_Multicore"},
        {ScheduleKind::GPUDevice, "GPU_Device"},
        {ScheduleKind::GPUThreadBlock, "GPU_ThreadBlock"},
};

/// The DaCe name of `kind`; every enumerant has one.
template <typename Kind, size_t N>
llvm::StringRef nameOf(const NameTable<Kind, N> &table, Kind kind) {
  for (const auto &[k, name] : table)
    if (k == kind)
      return name;
  llvm_unreachable("enumerant without a DaCe name");
}

/// The enumerant DaCe calls `name`, if pk models it.
template <typename Kind, size_t N>
std::optional<Kind> kindNamed(const NameTable<Kind, N> &table,
                              llvm::StringRef name) {
  for (const auto &[k, n] : table)
    if (n == name)
      return k;
  return std::nullopt;
}

/// "A, B, C": the names `table` knows, for error messages.
template <typename Kind, size_t N>
std::string nameList(const NameTable<Kind, N> &table) {
  return llvm::join(
      llvm::map_range(table,
                      [](const auto &entry) { return entry.second.str(); }),
      ", ");
}

} // namespace mlir::sdfg::dace

#endif // PK_LIB_TARGET_DACENAMES_H
