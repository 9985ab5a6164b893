# pytest set-up for the perfkernel package tests (test/Python/test_*.py).
# `make check` runs them with PYTHONPATH=python and PK_CAPI_LIB naming the
# built libPKCAPI.so; running pytest by hand from the repository works too.
import os
import sys

_PYTHON_DIR = os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "python")
if _PYTHON_DIR not in sys.path:
    sys.path.insert(0, _PYTHON_DIR)
