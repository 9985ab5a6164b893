#!/usr/bin/env bash
# Usage: scripts/setup.sh [extra-package ...]
# Installs what perfkernel needs on Debian 12 (bookworm), idempotently: the
# LLVM/MLIR 22 packages, LLVM's OpenMP runtime, the build tools and the
# Python test dependencies. Quiet and quick when everything is present.
set -euo pipefail

PACKAGES=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
  libomp-22-dev cmake ninja-build python3 python3-numpy python3-pytest
)
# Extra packages named on the command line (e.g. the benchmark peers).
PACKAGES+=("$@")

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
  # The package lists may be stale or absent on a fresh machine.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
