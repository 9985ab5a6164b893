# perfkernel: thin wrappers over scripts/setup.sh, CMake/Ninja and lit.
#   make demo    install what is missing, build, run the kernel suite
#   make check   install what is missing, build, run every test
BUILD_DIR ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang-22 \
               -DCMAKE_CXX_COMPILER=clang++-22
LIT ?= /usr/lib/llvm-22/bin/lit
LIT_FLAGS ?= -sv
PKRUN_FLAGS ?=
EXAMPLES := $(sort $(wildcard examples/*.mlir))
CPU_EXAMPLES := $(filter-out examples/gpu_%,$(EXAMPLES))

.PHONY: setup configure build python-path check demo bench-deps clean

setup:
	@./scripts/setup.sh

$(BUILD_DIR)/build.ninja:
	@$(MAKE) --no-print-directory setup
	cmake -G Ninja -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: setup configure
	ninja -C $(BUILD_DIR)
	@$(MAKE) --no-print-directory python-path

# Makes `import perfkernel` work in Debian's python3 (the interpreter with
# python3-numpy) from any directory, as `pip install -e` would: a .pth file
# naming this checkout's python/ in its site directory, when writable.
PYTHON ?= /usr/bin/python3
python-path:
	@site=$$($(PYTHON) -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
	if mkdir -p "$$site" 2>/dev/null && [ -w "$$site" ]; then \
	  echo "$(abspath python)" > "$$site/perfkernel.pth"; \
	else \
	  echo "note: $$site is not writable; use PYTHONPATH=$(abspath python)"; \
	fi

check: build
	$(LIT) $(LIT_FLAGS) $(BUILD_DIR)/test
	PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=python PK_CAPI_LIB=$(abspath $(BUILD_DIR))/lib/libPKCAPI.so /usr/bin/python3 -m pytest -q -p no:cacheprovider test/Python

# The main job: every CPU example compiled with pk-cpu-pipeline, checked
# against pk-reference-pipeline and timed. An example that needs arguments
# (symbol values, inputs) names them in a `// pk-run-args: ...` line.
demo: build
	@set -e; for f in $(CPU_EXAMPLES); do \
	  args=$$(sed -n 's|^// pk-run-args: ||p' $$f); \
	  echo "== $$f $$args"; \
	  $(BUILD_DIR)/bin/pk-run $$f --bench 5 $$args $(PKRUN_FLAGS); \
	done
	@echo "== matmul: pk-cpu-pipeline vs pk-reference-pipeline"
	$(BUILD_DIR)/bin/pk-run examples/matmul.mlir --no-check --bench 5 --bench-reference

# Peers for bench/ (not needed to build or test).
bench-deps: setup
	@./scripts/setup.sh python3-torch libopenblas-dev

clean:
	rm -rf $(BUILD_DIR)
