"""numba's ``njit`` for the sampler kernels, or a stand-in when numba is missing.

Without numba (it is optional: ``pathchoice[fast]``) the decorated functions stay plain
Python and are never called: the samplers take their numpy paths.
"""

from __future__ import annotations

try:
    from numba import njit
except ImportError:  # pragma: no cover - exercised only without numba

    def njit(**_options: object):  # type: ignore[no-redef]
        return lambda function: function


__all__ = ["KERNEL_OPTIONS", "njit"]

#: Every sampler kernel: releases the GIL (the SMAA worker threads run side by side),
#: numpy's floating-point error model, no bounds checks, cached on disk.
KERNEL_OPTIONS = {"nogil": True, "error_model": "numpy", "boundscheck": False, "cache": True}
