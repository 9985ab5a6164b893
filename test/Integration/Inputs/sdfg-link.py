# Appends a driver (functions and globals, no module wrapper) to a lowered
# SDFG module, so that pk-run can call the SDFG's function with known data.
import sys

kernel = open(sys.argv[1]).read().rstrip()
driver = open(sys.argv[2]).read()
if not (kernel.startswith("module {") and kernel.endswith("}")):
    sys.exit("sdfg-link: %s is not a printed 'module { ... }'" % sys.argv[1])
print(kernel[:-1] + driver + "}")
