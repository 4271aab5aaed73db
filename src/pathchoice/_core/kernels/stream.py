"""A counter-based random stream and the uniform simplex points drawn from it.

Element ``c`` of the stream with key ``key`` is a hash of the pair: SplitMix64's output
function (Steele, Lea & Flood 2014) applied to ``key + c * GOLDEN`` in wrapping uint64
arithmetic, whose top 53 bits give the uniform ``(z >> 11) * 2**-53`` in ``[0, 1)``. Any
element can be computed on its own, so numpy computes a whole block in a few array
operations and the numba kernel computes 64 samples side by side in vector registers;
both give the same bits, because integer arithmetic wraps alike and the conversion to a
double is exact.

A block draws its key from its numpy generator (:func:`stream_key`, one raw draw of its
bit generator); the counter is the element's index within the block. A uniform point on
the simplex of ``n`` weights is made of ``n - 1`` elements: sample ``r`` takes elements
``r (n - 1) .. r (n - 1) + n - 2``, sorts them, and its weights are the spacings of ``0,
u_(1), ..., u_(n-1), 1`` (the spacings of uniform order statistics are uniform on the
simplex: Devroye 1986, ch. V.2; Rubin 1981). Sorting and these subtractions are exact
(the uniforms are multiples of ``2**-53``), so every engine gets the same weights and
they sum to exactly 1.

References
----------
.. [1] Steele, G. L., Lea, D., & Flood, C. H. (2014). Fast splittable pseudorandom
   number generators. *OOPSLA 2014*, 453–472.
.. [2] Devroye, L. (1986). *Non-Uniform Random Variate Generation*, ch. V.2. Springer.
.. [3] Rubin, D. B. (1981). The Bayesian bootstrap. *The Annals of Statistics*, 9(1),
   130–134.
"""

from __future__ import annotations

import numpy as np

__all__ = ["GOLDEN", "bits", "simplex_points", "stream_key", "uniform"]

#: The counter's step: 2**64 over the golden ratio (SplitMix64's increment).
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S11, _S27, _S30, _S31 = np.uint64(11), np.uint64(27), np.uint64(30), np.uint64(31)
_UNIT = 2.0**-53


def stream_key(generator: np.random.Generator) -> np.uint64:
    """The key of a block's stream: one raw 64-bit draw of ``generator``'s bit generator."""
    return np.uint64(generator.bit_generator.random_raw())


def bits(key: np.uint64, counter: np.ndarray) -> np.ndarray:
    """The 64 bits of elements ``counter`` (uint64) of the stream ``key``, before
    :func:`uniform` keeps the top 53 (the gamma variates of
    :mod:`~pathchoice._core.kernels.gamma` also read the low ones)."""
    z = counter * GOLDEN  # in place from here: a block's arrays are large
    z += key
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


def uniform(key: np.uint64, counter: np.ndarray) -> np.ndarray:
    """Elements ``counter`` (uint64) of the stream ``key``, uniform in ``[0, 1)``.

    Plain arithmetic on numpy uint64 arrays; the numba kernel compiles this same function
    for one uint64 counter.

    Examples
    --------
    >>> uniform(np.uint64(1), np.arange(3, dtype=np.uint64)).round(3).tolist()
    [0.338, 0.567, 0.746]
    """
    z = key + counter * GOLDEN
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    z = z ^ (z >> _S31)
    return np.float64(z >> _S11) * _UNIT


def simplex_points(key: np.uint64, n: int, first: int, count: int) -> np.ndarray:
    """Samples ``first .. first + count`` of the stream ``key`` as ``(count, n)`` points
    uniform on the simplex: each row the spacings of its ``n - 1`` sorted uniforms.

    Examples
    --------
    >>> w = simplex_points(np.uint64(7), 3, 0, 4)
    >>> w.shape, w.sum(axis=1).tolist()
    ((4, 3), [1.0, 1.0, 1.0, 1.0])
    """
    k = n - 1
    out = np.empty((count, n))
    if k == 0:
        out[:] = 1.0
        return out
    counter = np.arange(first * k, (first + count) * k, dtype=np.uint64)
    u = uniform(key, counter).reshape(count, k)
    u.sort(axis=1)
    out[:, 0] = u[:, 0]
    np.subtract(u[:, 1:], u[:, :-1], out=out[:, 1:k])
    np.subtract(1.0, u[:, k - 1], out=out[:, k])
    return out
