"""AHP weights under judgement uncertainty: every judgement moved on Saaty's scale.

:class:`AHPJudgementSampler` perturbs each pairwise judgement of an AHP
hierarchy (or one pairwise matrix) by whole steps of Saaty's scale, recomputes
the priorities of every sample (a numba kernel, or one stacked numpy
computation per node, on the same random numbers), composes them down the tree
and hands out the global weights **in the model's criterion order** (the tree's
leaves are matched to the criteria by name; a tree's depth-first order is not the
criterion order).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..._core.ahp import PERRON_MAX_ITER, PERRON_TOL, tree_global_weights
from ..._core.kernels.numpy_kernels import numba_available
from ..._core.kernels.stream import bits as stream_bits
from ..._core.kernels.stream import stream_key
from ..._validate import as_choice, as_count
from ...ahp.hierarchy import Node
from ...ahp.pairwise import PairwiseMatrix
from ...ahp.priorities import PRIORITY_METHODS, as_pairwise_matrix
from ...exceptions import HierarchyError, WeightsError
from ...model import Model
from .samples import WeightSampler, WeightSamples, criteria_of

__all__ = [
    "SAATY_STEPS",
    "AHPJudgementSampler",
    "ahp_judgement_weights",
    "judgement_bits",
    "saaty_position",
    "saaty_value",
]

#: Saaty's scale has ``2 * SAATY_STEPS + 1`` points, positions -8..8:
#: 1/9, 1/8, ..., 1/2, 1, 2, ..., 9 (position p is ``1 + p`` for p >= 0 and
#: ``1 / (1 - p)`` for p < 0).
SAATY_STEPS = 8


def saaty_position(values: npt.ArrayLike) -> np.ndarray:
    """Position of judgements on Saaty's scale: ``x - 1`` for ``x >= 1``, ``1 - 1/x`` below.

    Positions -8..8 are the scale's points 1/9..9; values between points get
    fractional positions (2.5 is 1.5). Positions within 1e-9 of an integer are
    snapped to it, so 1/3 typed as a float sits exactly at -2.

    Examples
    --------
    >>> saaty_position([1 / 9, 1 / 3, 1, 2.5, 9]).tolist()
    [-8.0, -2.0, 0.0, 1.5, 8.0]
    """
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore"):
        p = np.where(x >= 1.0, x - 1.0, 1.0 - 1.0 / x)
    near = np.round(p)
    return np.where(np.abs(p - near) < 1e-9, near, p)


def saaty_value(positions: npt.ArrayLike) -> np.ndarray:
    """The judgement at a position of Saaty's scale (inverse of :func:`saaty_position`).

    Examples
    --------
    >>> saaty_value([-8, -1, 0, 1.5, 8]).round(4).tolist()
    [0.1111, 0.5, 1.0, 2.5, 9.0]
    """
    p = np.asarray(positions, dtype=np.float64)
    return np.where(p >= 0.0, 1.0 + p, 1.0 / (1.0 - np.minimum(p, 0.0)))


def moves(positions: np.ndarray, spread: int) -> tuple[np.ndarray, np.ndarray]:
    """The lowest move and the number of moves of judgements at ``positions``.

    A judgement at position ``p`` moves by an integer ``d`` uniform on
    ``{d : |d| <= spread, -8 <= p + d <= 8}`` (the range widened to include
    ``p`` itself for a judgement beyond 1/9..9).
    """
    low = np.minimum(-SAATY_STEPS, positions)
    high = np.maximum(SAATY_STEPS, positions)
    d_low = np.maximum(-spread, np.ceil(low - positions - 1e-9))
    d_high = np.minimum(spread, np.floor(high - positions + 1e-9))
    return d_low, d_high - d_low + 1.0


def llsm_complete(stack: np.ndarray) -> np.ndarray:
    """Fill the NaNs of a stack of matrices (same pattern) with the LLSM completion.

    The incomplete logarithmic least squares weights (Kwiesielewicz 1996;
    Bozóki, Fülöp & Rónyai 2010) solve ``(L + J) y = r`` with ``L`` the
    Laplacian of the comparison graph, the same for every matrix of the stack,
    so one solve with many right-hand sides serves all samples; the missing
    entries become ``exp(y_i - y_j)``.
    """
    known = ~np.isnan(stack[0])
    np.fill_diagonal(known, False)
    log_a = np.where(known, np.log(np.where(known, stack, 1.0)), 0.0)
    r = log_a.sum(axis=2)  # (k, n)
    y = np.einsum("sj,ij->si", r, _completion_inverse(known))  # no BLAS threads: small
    filled = np.exp(y[:, :, None] - y[:, None, :])
    missing = ~known
    np.fill_diagonal(missing, False)
    out = stack.copy()
    out[:, missing] = filled[:, missing]
    return out


def _completion_inverse(known: np.ndarray) -> np.ndarray:
    """``(L + J)^-1`` for the comparison graph ``known`` (off-diagonal judged entries)."""
    n = known.shape[0]
    laplacian = np.diag(known.sum(axis=1)).astype(np.float64) - known
    return np.linalg.inv(laplacian + np.ones((n, n)))


@dataclass(frozen=True)
class _Plan:
    """A hierarchy as flat arrays, what the numba kernel and the numpy path both read.

    Matrices are in depth-first order of their nodes; a matrix's judged pairs in
    row-major upper-triangle order, all pairs of all matrices numbered in that
    order (``pair_start[b]:pair_start[b + 1]`` are matrix ``b``'s); tree entries
    in depth-first pre-order, so a parent comes before its children.
    """

    matrices: tuple[np.ndarray, ...]  # the judged values, NaN where missing
    node_size: np.ndarray
    node_offset: np.ndarray
    base: np.ndarray
    fixed_log: np.ndarray  # per matrix row: the sum of the logs of its judged, unmoved entries
    fixed_root: np.ndarray  # exp(fixed_log / n), n the matrix's size
    pair_start: np.ndarray
    pair_i: np.ndarray
    pair_j: np.ndarray
    pair_position: np.ndarray
    pair_low: np.ndarray
    pair_width: np.ndarray  # uint64: the move of pair p is (bits * width) >> 32
    table_start: np.ndarray  # pair p after move d: table_value[table_start[p] + d]
    table_value: np.ndarray
    table_log: np.ndarray
    table_root: np.ndarray  # pair p after move d: value^(1/n) and value^(-1/n) at 2 (start + d)
    missing_start: np.ndarray
    missing_i: np.ndarray
    missing_j: np.ndarray
    inverse: np.ndarray
    target_start: np.ndarray
    target: np.ndarray
    base_local: np.ndarray
    parent: np.ndarray
    depth: np.ndarray
    column_entry: np.ndarray


def _tree_arrays(
    root: Node,
) -> tuple[list[str], list[int], list[int], list[int], list[tuple[Node, list[int]]]]:
    """The tree as arrays, depth-first pre-order, built with an explicit stack."""
    names: list[str] = []
    parents: list[int] = []
    depths: list[int] = []
    leaves: list[int] = []
    blocks: list[tuple[Node, list[int]]] = []
    stack: list[tuple[Node | str, int, int, list[int] | None]] = [(root, -1, 0, None)]
    while stack:
        item, parent, depth, siblings = stack.pop()
        me = len(names)
        if siblings is not None:
            siblings.append(me)
        names.append(item.name if isinstance(item, Node) else item)
        parents.append(parent)
        depths.append(depth)
        if isinstance(item, Node):
            children: list[int] = []
            blocks.append((item, children))
            stack.extend((c, me, depth + 1, children) for c in reversed(item.children))
        else:
            leaves.append(me)
    return names, parents, depths, leaves, blocks


def _make_plan(tree: Node | PairwiseMatrix, criteria: tuple[str, ...], spread: int) -> _Plan:
    """The flat arrays of ``tree`` with the moves of ``spread``; columns in ``criteria`` order."""
    if isinstance(tree, PairwiseMatrix):
        labels = list(tree.labels)
        parents = [-1] + [0] * len(labels)
        depths = [0] + [1] * len(labels)
        names = ["", *labels]
        leaves = list(range(1, len(labels) + 1))
        judged = [(tree, list(range(1, len(labels) + 1)))]
        local = np.ones(len(names))
    else:
        names, parents, depths, leaves, blocks = _tree_arrays(tree)
        local = np.ones(len(names))
        judged = []
        for node, children in blocks:
            if node.matrix is not None:
                by_label = dict(zip(node.child_names, children, strict=True))
                judged.append((node.matrix, [by_label[c] for c in node.matrix.labels]))
            elif node.weights is not None:
                local[children] = [node.weights[c] for c in node.child_names]
    leaf_of = {names[e]: e for e in leaves}
    sizes: list[int] = []
    offsets: list[int] = []
    values: list[np.ndarray] = []
    fixed: list[np.ndarray] = []
    roots: list[np.ndarray] = []  # per moved pair: 1 / n of its matrix
    inverses: list[np.ndarray] = []
    pairs: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    missing: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    pair_start, missing_start, target_start, targets = [0], [0], [0], []
    offset = 0
    for matrix, entries in judged:
        a = np.asarray(matrix.values, dtype=np.float64)
        n = a.shape[0]
        iu, ju = np.triu_indices(n, k=1)
        known = ~np.isnan(a[iu, ju])
        moved = known if spread > 0 else np.zeros_like(known)
        pairs.append(np.column_stack([iu[moved], ju[moved]]))
        missing.append(np.column_stack([iu[~known], ju[~known]]))
        pair_start.append(pair_start[-1] + int(moved.sum()))
        missing_start.append(missing_start[-1] + int((~known).sum()))
        graph = ~np.isnan(a)
        np.fill_diagonal(graph, False)
        unmoved = graph.copy()
        unmoved[iu[moved], ju[moved]] = unmoved[ju[moved], iu[moved]] = False
        fixed.append(np.where(unmoved, np.log(np.where(unmoved, a, 1.0)), 0.0).sum(axis=1))
        roots.append(np.full(int(moved.sum()), 1.0 / n))
        inverses.append(_completion_inverse(graph).ravel() if (~known).any() else np.zeros(n * n))
        sizes.append(n)
        offsets.append(offset)
        values.append(a.ravel())
        offset += n * n
        targets.extend(entries)
        target_start.append(len(targets))
    pair = np.concatenate(pairs).astype(np.int64)
    judged_values = [
        m.values[p[:, 0], p[:, 1]] for (m, _), p in zip(judged, pairs[1:], strict=True)
    ]
    position = saaty_position(np.concatenate([np.zeros(0), *judged_values]))
    low, width = moves(position, spread)
    table_start = np.concatenate([[0], np.cumsum(width)]).astype(np.int64)
    table_position = np.repeat(position + low, width.astype(np.int64)) + (
        np.arange(int(table_start[-1])) - np.repeat(table_start[:-1], width.astype(np.int64))
    )
    table_value = saaty_value(table_position)
    exponent = np.repeat(np.concatenate([np.zeros(0), *roots]), width.astype(np.int64))
    table_root = np.column_stack([table_value**exponent, table_value**-exponent]).ravel()
    fixed_log = np.concatenate([np.zeros(0), *fixed])
    gap = np.concatenate(missing).astype(np.int64)
    base = np.concatenate([np.zeros(0), *values])
    return _Plan(
        matrices=tuple(np.asarray(m.values, dtype=np.float64) for m, _ in judged),
        node_size=np.asarray(sizes, dtype=np.int64),
        node_offset=np.asarray(offsets, dtype=np.int64),
        base=base,
        fixed_log=fixed_log,
        fixed_root=np.exp(fixed_log / np.repeat(sizes, sizes)),
        pair_start=np.asarray(pair_start, dtype=np.int64),
        pair_i=np.ascontiguousarray(pair[:, 0]),
        pair_j=np.ascontiguousarray(pair[:, 1]),
        pair_position=position,
        pair_low=low,
        pair_width=width.astype(np.uint64),
        table_start=table_start,
        table_value=table_value,
        table_log=np.log(table_value),
        table_root=table_root,
        missing_start=np.asarray(missing_start, dtype=np.int64),
        missing_i=np.ascontiguousarray(gap[:, 0]),
        missing_j=np.ascontiguousarray(gap[:, 1]),
        inverse=np.concatenate(inverses) if inverses else np.zeros(0),
        target_start=np.asarray(target_start, dtype=np.int64),
        target=np.asarray(targets, dtype=np.int64),
        base_local=local,
        parent=np.asarray(parents, dtype=np.int64),
        depth=np.asarray(depths, dtype=np.int64),
        column_entry=np.asarray([leaf_of[c] for c in criteria], dtype=np.int64),
    )


def judgement_bits(rng: np.random.Generator, size: int, n_pairs: int) -> np.ndarray:
    """The random words of a draw: ``(size, n_pairs)`` uint32, sample after sample.

    The halves of the 64-bit elements of a counter-based random stream
    (:func:`~pathchoice._core.kernels.stream.bits`, SplitMix64's output function) whose
    key is one raw draw of ``rng``'s bit generator: sample ``s`` reads elements
    ``s h .. s h + h - 1``, ``h = ceil(n_pairs / 2)``, pair ``2 m`` the low half of
    element ``s h + m`` and pair ``2 m + 1`` its high half. Any sample's words can be
    computed on their own, so the numba kernel makes them in vector registers, 128
    samples side by side, and the numpy path makes the same words.

    Examples
    --------
    >>> bits = judgement_bits(np.random.default_rng(0), 3, 5)
    >>> bits.shape, bits.dtype.name
    ((3, 5), 'uint32')
    """
    return _stream_bits(stream_key(rng), np.arange(size), n_pairs)


def _stream_bits(key: np.uint64, samples: np.ndarray, n_pairs: int) -> np.ndarray:
    """The words of samples ``samples`` of the stream ``key`` (:func:`judgement_bits`)."""
    h = -(-n_pairs // 2)
    counter = samples.astype(np.uint64)[:, None] * np.uint64(h) + np.arange(h, dtype=np.uint64)
    z = stream_bits(key, counter)
    halves = np.stack([z & np.uint64(0xFFFFFFFF), z >> np.uint64(32)], axis=-1)
    return halves.reshape(samples.size, 2 * h)[:, :n_pairs].astype(np.uint32)


def _moves(plan: _Plan, bits: np.ndarray) -> np.ndarray:
    """The moves chosen by ``bits``: ``low + (bits * count) >> 32``, as the kernel."""
    chosen = (bits.astype(np.uint64) * plan.pair_width) >> np.uint64(32)
    return plan.pair_low + chosen.astype(np.float64)


def _numpy_weights(plan: _Plan, bits: np.ndarray, method: str) -> np.ndarray:
    """Weights of the perturbed hierarchies chosen by the random words ``bits``."""
    k = bits.shape[0]
    new = saaty_value(plan.pair_position + _moves(plan, bits))
    local = np.broadcast_to(plan.base_local, (k, plan.base_local.size)).copy()
    for b, values in enumerate(plan.matrices):
        stack = np.broadcast_to(values, (k, *values.shape)).copy()
        lo, hi = plan.pair_start[b], plan.pair_start[b + 1]
        iu, ju = plan.pair_i[lo:hi], plan.pair_j[lo:hi]
        stack[:, iu, ju] = new[:, lo:hi]
        stack[:, ju, iu] = 1.0 / new[:, lo:hi]
        if plan.missing_start[b + 1] > plan.missing_start[b]:
            stack = llsm_complete(stack)
        # For n <= 3 the Perron vector is the vector of row geometric means (Crawford &
        # Williams 1985), exact and cheaper; the numba kernel does the same.
        chosen = "geometric_mean" if method == "eigenvector" and len(values) <= 3 else method
        entries = plan.target[plan.target_start[b] : plan.target_start[b + 1]]
        local[:, entries] = PRIORITY_METHODS[chosen](stack)
    glob = tree_global_weights(plan.parent, local, plan.depth)
    return np.ascontiguousarray(glob[:, plan.column_entry])


def _numba_weights(plan: _Plan, key: np.uint64, size: int, method: str) -> np.ndarray:
    """The same samples as :func:`_numpy_weights` on the words of the stream ``key``, by
    the numba kernel (which makes the words itself); samples whose power iteration did
    not converge are redone in numpy."""
    kernel = importlib.import_module("pathchoice._core.kernels.ahp_sampling")
    out = np.empty((size, plan.column_entry.size))
    failed = np.zeros(size, dtype=np.bool_)
    count = kernel.judgement_weights(
        key, size, plan.base, plan.fixed_log, plan.fixed_root, plan.node_size, plan.node_offset,
        plan.pair_start, plan.pair_i, plan.pair_j, plan.pair_width, plan.table_start,
        plan.table_value, plan.table_log, plan.table_root, plan.missing_start, plan.missing_i,
        plan.missing_j, plan.inverse, plan.target_start, plan.target, plan.base_local,
        plan.parent, plan.column_entry,
        _KERNEL_METHOD[method], PERRON_TOL, PERRON_MAX_ITER, out, failed,
    )  # fmt: skip
    if count:
        redo = np.flatnonzero(failed)
        out[redo] = _numpy_weights(plan, _stream_bits(key, redo, plan.pair_i.size), method)
    return out


#: The numba kernel's code for each priority method.
_KERNEL_METHOD = {"eigenvector": 0, "geometric_mean": 1, "column_average": 2, "row_sum": 3}
#: Draws at least this large use the numba kernel when numba is installed (smaller ones
#: are not worth its first-use compile); both paths give the same samples to rounding.
NUMBA_MIN_SIZE = 2048


class AHPJudgementSampler(WeightSampler):
    """AHP weights under judgement uncertainty, in the model's criterion order.

    Saaty's scale is read as 17 positions, -8..8, for 1/9, ..., 1, ..., 9. In
    each sample every given judgement (each unordered pair once; its
    reciprocal follows) moves by an integer number of steps drawn uniformly
    from ``-spread..spread``, truncated to the steps that stay on the scale:
    with ``spread=1`` a 3 becomes 2, 3 or 4 with probability 1/3 each, a 9
    becomes 8 or 9 with probability 1/2 each. A judgement between scale points
    (2.5) moves by whole steps from where it is. Each move is
    ``low + (x * count) >> 32`` for one random 32-bit word ``x`` per judgement
    (the halves of the elements of a counter-based stream keyed by one raw draw
    of the generator, :func:`judgement_bits`: sample after sample, the matrices
    in the tree's depth-first order, each matrix's pairs row by row), so each of
    the ``count`` moves has a probability within ``2**-32`` of ``1 / count``. The
    priorities are then recomputed with ``method`` and composed down the
    hierarchy (global weight = product of local weights along the path; Saaty
    1980). ``"eigenvector"`` is the Perron vector by power iteration, stopped
    when the Collatz–Wielandt bounds agree to
    :data:`~pathchoice._core.ahp.PERRON_TOL` (a full eigen-solver for a sample
    that has not converged); for matrices of 3 × 3 and smaller it is the vector
    of row geometric means, equal to it there (Crawford & Williams 1985). Nodes
    weighted directly keep their weights. Missing judgements are completed in
    each sample with the logarithmic least squares completion (Bozóki, Fülöp &
    Rónyai 2010).

    With numba installed, draws of :data:`NUMBA_MIN_SIZE` samples or more run in
    a compiled ``nogil`` kernel (:mod:`pathchoice._core.kernels.ahp_sampling`),
    so the SMAA workers draw side by side: 128 samples at a time, every loop
    across them, the random words made in the lanes; the geometric means from
    looked-up roots of the scale's values (no logarithm or ``exp`` per sample),
    the power iteration started from them and moved next to the Perron vector by
    a shifted inverse iteration after its second step (the stopping test is the
    same). Smaller draws, and every draw without numba, run in numpy on the same
    random words: the samples agree to about 1e-12 (the iterations start
    elsewhere; both stop within ``PERRON_TOL``).

    The tree's leaves must be the model's criteria; they are matched **by
    name**, so the columns are in the model's criterion order whatever the
    tree's depth-first order.

    Parameters
    ----------
    model : Model or sequence of str
        The model (or its criterion names).
    hierarchy : Node, PairwiseMatrix, dict or DataFrame
        An AHP hierarchy (leaves = criteria) or one pairwise matrix (labels =
        criteria), or judgements ``{(a, b): value}`` / a DataFrame.
    spread : int, default 1
        Largest move in scale steps; 0 gives the unperturbed weights.
    method : {"eigenvector", "geometric_mean"}, default "eigenvector"
        Priority method at every node.

    Raises
    ------
    ArgumentError
        ``spread`` not a whole number >= 0, unknown ``method``.
    WeightsError
        Leaves that are not the model's criteria (unknown and missing named).
    HierarchyError, PairwiseMatrixError
        Input that is not a hierarchy or valid judgements.

    References
    ----------
    .. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    .. [2] Bozóki, S., Fülöp, J., & Rónyai, L. (2010). On optimal completion of
       incomplete pairwise comparison matrices. *Mathematical and Computer
       Modelling*, 52(1–2), 318–333.
    .. [3] Crawford, G., & Williams, C. (1985). A note on the analysis of
       subjective judgment matrices. *Journal of Mathematical Psychology*,
       29(4), 387–405.
    .. [4] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic
       multicriteria acceptability analysis methods. *Journal of Multi-Criteria
       Decision Analysis*, 15(1–2), 1–14.

    Examples
    --------
    >>> from pathchoice.ahp import PairwiseMatrix
    >>> m = PairwiseMatrix.from_judgements({("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2})
    >>> s = ahp_judgement_weights(["c", "b", "a"], m, n_samples=1000, rng=2)
    >>> s.criteria, bool((s.values[:, 2] > s.values[:, 0]).all())
    (('c', 'b', 'a'), True)
    """

    kind = "ahp"

    def __init__(
        self,
        model: Model | Sequence[str],
        hierarchy: Node | PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
        *,
        spread: int = 1,
        method: str = "eigenvector",
    ) -> None:
        where = "AHPJudgementSampler"
        criteria = criteria_of(model, where)
        steps = as_count(spread, "spread", where=where, minimum=0)
        chosen = as_choice(method, "method", sorted(PRIORITY_METHODS), where=where)
        if isinstance(hierarchy, Node):
            tree: Node | PairwiseMatrix = hierarchy
            leaves = hierarchy.leaves
        elif isinstance(hierarchy, PairwiseMatrix | Mapping | pd.DataFrame):
            tree = as_pairwise_matrix(hierarchy)
            leaves = tree.labels
        else:
            raise HierarchyError(
                f"{where}: hierarchy must be an AHP hierarchy (Node), a PairwiseMatrix, a dict "
                f"of judgements or a DataFrame (got {type(hierarchy).__name__})"
            )
        if sorted(leaves) != sorted(criteria):
            unknown = [c for c in leaves if c not in criteria]
            missing = [c for c in criteria if c not in leaves]
            raise WeightsError(
                f"{where}: the hierarchy's criteria must be the model's criteria; not in the "
                f"model: {unknown}, missing from the hierarchy: {missing}"
            )
        text = (
            f"AHP weights with every judgement moved up to {steps} step"
            f"{'s' if steps != 1 else ''} on Saaty's scale"
        )
        super().__init__(criteria, {"spread": steps}, text)
        self.hierarchy = tree
        self.method = chosen
        self.varies = steps > 0 and len(criteria) > 1
        self._plan = _make_plan(tree, criteria, steps)

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        plan = self._plan
        if size == 0:
            return np.empty((0, len(self.criteria)))
        key = stream_key(rng)
        if size >= NUMBA_MIN_SIZE and numba_available():
            return _numba_weights(plan, key, size, self.method)
        return _numpy_weights(plan, _stream_bits(key, np.arange(size), plan.pair_i.size),
                              self.method)  # fmt: skip


def ahp_judgement_weights(
    model: Model | Sequence[str],
    hierarchy: Node | PairwiseMatrix | Mapping[tuple[str, str], float] | pd.DataFrame,
    *,
    spread: int = 1,
    method: str = "eigenvector",
    n_samples: int,
    rng: Any = None,
) -> WeightSamples:
    """AHP weight samples under judgement uncertainty (:class:`AHPJudgementSampler`).

    Examples
    --------
    >>> from pathchoice.ahp import Node
    >>> tree = Node("goal", [Node("g", ["y", "x"], weights={"y": 0.5, "x": 0.5}), "z"],
    ...             weights={"g": 0.6, "z": 0.4})
    >>> ahp_judgement_weights(["x", "y", "z"], tree, n_samples=1).values.round(2).tolist()
    [[0.3, 0.3, 0.4]]
    """
    sampler = AHPJudgementSampler(model, hierarchy, spread=spread, method=method)
    return sampler.sample(n_samples=n_samples, rng=rng)
