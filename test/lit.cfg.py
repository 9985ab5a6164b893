# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "PK"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "npy.test.mlir", "sdfg-export-pk.test.mlir", "approximate-math.test.mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.pk_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%pk_src_root", config.pk_src_root))
config.substitutions.append(("%python", "/usr/bin/python3"))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.pk_tools_dir, config.llvm_tools_dir]
tools = ["pk-opt", "pk-translate", "pk-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# GPU-code checks need ptxas from the CUDA toolkit; without it those tests
# report UNSUPPORTED (a visible skip), never a silent pass.
if config.ptxas and os.path.exists(config.ptxas):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.ptxas))
else:
    lit_config.note("ptxas not found: PTX validation tests are UNSUPPORTED")

# Execution on an NVIDIA GPU: only where a driver reports a device.
if os.path.exists("/dev/nvidiactl") or os.path.exists("/dev/nvidia0"):
    config.available_features.add("cuda-gpu")
else:
    lit_config.note("no NVIDIA GPU: GPU execution tests are UNSUPPORTED")
