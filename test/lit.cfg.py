# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "PK"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "npy.test.mlir", "sdfg-export-pk.test.mlir", "approximate-math.test.mlir", "scalar-args.test.mlir"]
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

# pk's CUDA runtime (runtime/) is built when the toolkit's cuda.h is found;
# its pk-cuda-check says whether a driver reports a usable device. GPU
# execution tests need both.
import subprocess
cuda_check = os.path.join(config.pk_tools_dir, "pk-cuda-check")
if os.path.exists(os.path.join(config.pk_obj_root, "lib", "libpk_cuda_runtime.so")) \
        and os.path.exists(cuda_check):
    config.available_features.add("cuda-runtime")
    config.substitutions.append(("%pk_cuda_check", cuda_check))
    config.substitutions.append(("%pk_cuda_runtime", os.path.join(
        config.pk_obj_root, "lib", "libpk_cuda_runtime.so")))
    try:
        probe = subprocess.run([cuda_check], capture_output=True, text=True,
                               timeout=120)
    except subprocess.TimeoutExpired:
        probe = subprocess.CompletedProcess(cuda_check, 1,
                                            "pk-cuda-check timed out", "")
    if probe.returncode == 0:
        config.available_features.add("cuda-gpu")
        lit_config.note(probe.stdout.strip())
    else:
        lit_config.note("GPU execution tests are UNSUPPORTED: "
                        + probe.stdout.strip())
else:
    lit_config.note("pk's CUDA runtime is not built (no cuda.h): GPU "
                    "execution tests are UNSUPPORTED")
