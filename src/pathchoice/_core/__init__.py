"""The array core: pure numpy, no labels, no validation.

Every function here takes and returns plain float64 arrays in a documented axis
order and trusts its input; the labelled layer above (:mod:`pathchoice.model`,
:mod:`pathchoice.ahp`, :mod:`pathchoice.ranking`, :mod:`pathchoice.sensitivity`)
checks the input once and labels the output. The modules are imported openly by
the layers above, never by users:

* :mod:`~pathchoice._core.topsis` -- TOPSIS normalisation, separations and
  closeness for one table or a stack of tables;
* :mod:`~pathchoice._core.ahp` -- Perron root and vector, geometric means, GCI,
  LLSM and the global weights of a tree;
* :mod:`~pathchoice._core.ranks` -- ranks from scores and rank tallies;
* :mod:`~pathchoice._core.roots` -- roots of many functions at once, by bisection;
* :mod:`~pathchoice._core.kernels` -- the fused SMAA kernels (numpy and numba).
"""
