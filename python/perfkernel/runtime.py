"""NumPy arrays <-> MLIR memref descriptors (upstream ``mlir.runtime``).

A ranked memref is passed to compiled code as the struct
``{allocated, aligned, offset, sizes[rank], strides[rank]}`` (pointers, then
64-bit integers; sizes and strides count elements, not bytes). The helpers
build such descriptors over NumPy arrays without copying and view a
descriptor's memory as a NumPy array.
"""

import ctypes

import numpy as np

__all__ = ["make_nd_memref_descriptor", "get_ranked_memref_descriptor",
           "ranked_memref_to_numpy", "as_ctype", "to_numpy_dtype",
           "memref_pointer"]

_CTYPES = {
    np.dtype(np.float16): ctypes.c_uint16,  # ctypes has no half float
    np.dtype(np.float32): ctypes.c_float,
    np.dtype(np.float64): ctypes.c_double,
    np.dtype(np.bool_): ctypes.c_bool,
    np.dtype(np.int8): ctypes.c_int8,
    np.dtype(np.int16): ctypes.c_int16,
    np.dtype(np.int32): ctypes.c_int32,
    np.dtype(np.int64): ctypes.c_int64,
    np.dtype(np.uint8): ctypes.c_uint8,
    np.dtype(np.uint16): ctypes.c_uint16,
    np.dtype(np.uint32): ctypes.c_uint32,
    np.dtype(np.uint64): ctypes.c_uint64,
}

_descriptor_classes = {}


def as_ctype(dtype):
    """The ctypes element type standing for NumPy `dtype` in a descriptor."""
    dtype = np.dtype(dtype)
    try:
        return _CTYPES[dtype]
    except KeyError:
        raise ValueError(f"no memref element type for NumPy dtype {dtype}")


def to_numpy_dtype(ctype):
    for dtype, c in _CTYPES.items():
        if c is ctype:
            return dtype
    raise ValueError(f"no NumPy dtype for {ctype}")


def make_nd_memref_descriptor(rank, ctype):
    """The ctypes struct of a rank-`rank` memref of `ctype` elements."""
    key = (rank, ctype)
    if key not in _descriptor_classes:
        fields = [("allocated", ctypes.POINTER(ctype)),
                  ("aligned", ctypes.POINTER(ctype)),
                  ("offset", ctypes.c_longlong)]
        if rank > 0:  # a rank-0 memref has no size or stride arrays
            fields += [("shape", ctypes.c_longlong * rank),
                       ("strides", ctypes.c_longlong * rank)]
        _descriptor_classes[key] = type(
            f"MemRef{rank}D_{ctype.__name__}", (ctypes.Structure,),
            {"_fields_": fields})
    return _descriptor_classes[key]


def get_ranked_memref_descriptor(array):
    """A descriptor over `array`'s memory (no copy). The descriptor keeps the
    array alive. Strides may be any multiple of the element size."""
    if not isinstance(array, np.ndarray):
        raise TypeError("expected a NumPy array")
    itemsize = array.dtype.itemsize
    if any(s % itemsize for s in array.strides):
        raise ValueError("array strides are not a multiple of its element "
                         "size")
    ctype = as_ctype(array.dtype)
    desc = make_nd_memref_descriptor(array.ndim, ctype)()
    pointer = ctypes.cast(array.ctypes.data, ctypes.POINTER(ctype))
    desc.allocated = pointer
    desc.aligned = pointer
    desc.offset = 0
    if array.ndim > 0:
        desc.shape[:] = array.shape
        desc.strides[:] = [s // itemsize for s in array.strides]
    desc._keepalive = array
    return desc


def memref_pointer(descriptor):
    """What ExecutionEngine.invoke takes for a memref: a pointer to a pointer
    to the descriptor."""
    return ctypes.pointer(ctypes.pointer(descriptor))


def ranked_memref_to_numpy(descriptor, dtype=None):
    """A NumPy view of the memory a descriptor (or a pointer to one, as
    ``invoke`` fills) describes. `dtype` overrides the element type given by
    the descriptor's ctypes (needed for float16, stored as uint16)."""
    if isinstance(descriptor, ctypes._Pointer):
        descriptor = descriptor.contents
    ctype = descriptor._fields_[0][1]._type_
    dtype = np.dtype(dtype) if dtype is not None else to_numpy_dtype(ctype)
    rank = len(descriptor.shape) if hasattr(descriptor, "shape") else 0
    shape = tuple(descriptor.shape) if rank else ()
    strides = tuple(s * dtype.itemsize for s in descriptor.strides) \
        if rank else ()
    base = ctypes.cast(descriptor.aligned, ctypes.c_void_p).value or 0
    base += descriptor.offset * dtype.itemsize
    interface = {"data": (base, False), "shape": shape, "typestr": dtype.str,
                 "strides": strides or None, "version": 3}
    holder = type("_MemRefView", (), {"__array_interface__": interface})()
    return np.asarray(holder)
