"""The SMAA engines: the near-tie contract, block-by-block reproducibility, executors.

The engines' contract (:mod:`pathchoice._core.kernels.numpy_kernels`): the same
seed gives the same samples in every engine; rank and winning counts agree
except, at most, for the samples counted as near-ties (a pair of ratios
``D-/D+`` within a relative ``NEAR_TIE`` of each other), which every engine
recomputes with one exact routine. Runs on an executor (threads, processes, a
Dask cluster) give the numbers of the run without one.
"""

from __future__ import annotations

import pickle
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathchoice import ArgumentError, Model, topsis
from pathchoice._core.kernels import numpy_kernels as kern
from pathchoice.sensitivity import _engines
from pathchoice.sensitivity.evaluate import evaluate, topsis_model_tables
from pathchoice.sensitivity.sampling import DirichletSampler, FixedWeights, UniformSampler
from pathchoice.sensitivity.smaa import smaa


@pytest.fixture(scope="module")
def numba_ready():
    pytest.importorskip("numba")
    return kern.numba_kernels()


def test_the_kernels_share_one_lane_width(numba_ready):
    # The SMAA kernel's buffers are lane_draws' LANES wide and its distances are batched
    # TOPSIS's lane_distances, which loops over topsis_numba's LANES: they must agree.
    from pathchoice._core import topsis_numba
    from pathchoice._core.kernels import lane_draws

    assert numba_ready.LANES == lane_draws.LANES == topsis_numba.LANES


def sample_blocks(n: int) -> list[tuple[int, int]]:
    """The blocks of an n-sample run, ``(block, samples)``: 8,192 samples each, the last
    one shorter (block b draws from its own generator)."""
    assert _engines.SAMPLE_BLOCK == 8_192
    return [(b, min(8_192, n - start)) for b, start in enumerate(range(0, n, 8_192))]


def random_model(seed: int, m: int = 6, n: int = 4, levels: int | None = None) -> Model:
    rng = np.random.default_rng(seed)
    values = rng.integers(1, levels + 1, (m, n)) if levels else rng.uniform(1, 10, (m, n))
    return Model(
        [f"a{i}" for i in range(m)],
        [f"c{j}" for j in range(n)],
        np.asarray(values, dtype=float),
        directions=["cost" if j % 3 == 1 else "benefit" for j in range(n)],
    )


def simplex_rows(n_samples: int, n: int, seed: int) -> np.ndarray:
    """Weight rows uniform on the simplex, in criterion order (C-contiguous)."""
    return np.random.default_rng(seed).dirichlet(np.ones(n), n_samples)


def engine_tallies(model: Model, w: np.ndarray) -> tuple[kern.Tally, kern.Tally]:
    """The numpy and the numba tally of the same weight rows."""
    tables, _ = topsis_model_tables(model, "vector", "ignore")
    m, n = model.shape
    a = kern.Tally(m, n, tables.group, tables.mult)
    kern.TopsisWorkspace(tables, n, len(w)).tally(a, w)
    b = kern.numba_tally(tables, np.ascontiguousarray(w))
    return a, b


def counted(tally: kern.Tally) -> np.ndarray:
    """Rank acceptability counts with ties shared (the numbers SMAA reports), times N."""
    return tally.finalize()["acceptability"] * tally.n_samples


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(2, 20),
    n=st.integers(1, 6),
    levels=st.sampled_from([None, 2, 3]),
    zeros=st.booleans(),
)
def test_engines_agree_except_on_near_ties(numba_ready, seed, m, n, levels, zeros):
    """The contract, on problems with repeated rows, exact ties and zero weights: counts
    of the two engines differ by at most the near-ties each counted, and when neither
    saw any they are identical."""
    model = random_model(seed, m, n, levels)
    w = simplex_rows(500, n, seed)
    if zeros and n > 1:
        w[::2, seed % n] = 0.0
        w /= w.sum(axis=1, keepdims=True)
    a, b = engine_tallies(model, w)
    assert a.n_samples == b.n_samples == len(w)
    allowed = max(a.near_ties, b.near_ties)
    assert np.abs(counted(a) - counted(b)).max() <= allowed + 1e-9
    assert np.abs(a.wins - b.wins).max() <= allowed
    if allowed == 0:
        np.testing.assert_array_equal(a.counts, b.counts)
        np.testing.assert_array_equal(a.wins, b.wins)
    np.testing.assert_allclose(a.csum, b.csum, rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    groups=st.lists(st.integers(1, 3), min_size=1, max_size=24),
    c=st.integers(1, 40),
    levels=st.integers(2, 6),
)
def test_exact_tally_follows_the_definitions(seed, groups, c, levels):
    """Tally.add_keys (the exact routine of near-ties and of the numpy engine's other
    methods), against the definitions counted sample by sample: group g's min-rank is
    1 + the alternatives strictly above it; tied with other groups, it is a tie event
    (g, rank, tie size); wins[h, g] counts the samples with h strictly above g; the
    first-place weights are summed (shared 1/size in a tie). Keys on a few levels make
    ties common; as many or fewer samples than groups, and more (two layouts)."""
    rng = np.random.default_rng(seed)
    mult = np.array(groups)
    mg, m, n = mult.size, int(mult.sum()), 3
    keys = rng.integers(0, levels, (c, mg)).astype(float)
    w = rng.dirichlet(np.ones(n), c)
    tally = kern.Tally(m, n, np.repeat(np.arange(mg), mult), mult)
    tally.add_keys(keys, w)
    counts, wins, ties = np.zeros((mg, m), int), np.zeros((mg, mg), int), {}
    csum, tie_csum = np.zeros((mg, n)), np.zeros((mg, n))
    for k in range(c):
        for g in range(mg):
            above = int(mult[keys[k] > keys[k, g]].sum())
            size = int(mult[keys[k] == keys[k, g]].sum())
            if size == mult[g]:
                counts[g, above] += 1
                csum[g] += w[k] if above == 0 else 0.0
            else:
                ties[(g, above, size)] = ties.get((g, above, size), 0) + 1
                tie_csum[g] += w[k] / size if above == 0 else 0.0
            wins[:, g] += keys[k] > keys[k, g]
    np.testing.assert_array_equal(tally.counts, counts)
    np.testing.assert_array_equal(tally.wins, wins)
    assert dict(tally.ties) == ties
    assert tally.n_samples == c
    np.testing.assert_allclose(tally.csum, csum, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(tally.tie_csum, tie_csum, rtol=1e-13, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(1, 30),
    n=st.integers(1, 25),
    c=st.sampled_from([1, 2, 3, 17, 400]),
)
def test_exact_ratios_sum_the_criteria_in_order(seed, m, n, c):
    """canonical_q, the one definition of a near-tie's ratio in every engine, is
    D = ((w_0^2 A_0 + w_1^2 A_1) + w_2^2 A_2) + ..., criterion by criterion, with a
    separate multiply and add: bit for bit that loop, then D- / D+."""
    rng = np.random.default_rng(seed)
    a_plus, a_minus = rng.random((m, n)) ** 3, rng.random((m, n)) ** 3
    tables = kern.topsis_tables(a_plus, a_minus)
    w = rng.dirichlet(np.full(n, 0.3), c)
    d_plus, d_minus = np.zeros((c, tables.n_groups)), np.zeros((c, tables.n_groups))
    for j in range(n):
        d_plus += np.square(w[:, j])[:, None] * tables.a_plus[:, j]
        d_minus += np.square(w[:, j])[:, None] * tables.a_minus[:, j]
    np.testing.assert_array_equal(kern.canonical_q(w, tables), kern.ratio(d_plus, d_minus))


@pytest.mark.parametrize("m", [9, 16, 17])
@pytest.mark.parametrize("size", [1, 63, 64, 65, 1_000])
def test_kernel_rank_counts_of_short_and_long_blocks(numba_ready, m, size):
    """The kernel counts ranks in 8-bit counters packed into two words up to 16 ranks
    (9 and 16 reach the second word and its last counter) and by one increment per
    sample beyond (17); blocks shorter than its 64 lanes, exactly 64, and longer: the
    counts and wins are the numpy engine's, and every rank is held once per sample."""
    model = random_model(m, m, 3)
    a, b = engine_tallies(model, simplex_rows(size, 3, m))
    assert a.near_ties == b.near_ties == 0
    np.testing.assert_array_equal(b.counts, a.counts)
    np.testing.assert_array_equal(b.wins, a.wins)
    np.testing.assert_array_equal(b.counts.sum(axis=0), np.full(m, size))
    np.testing.assert_allclose(b.csum, a.csum, rtol=1e-12, atol=1e-15)


def test_kernel_rank_counts_of_groups_with_multiplicity(numba_ready):
    """Twelve alternatives in five groups of identical rows (3, 3, 2, 2, 2): a group's
    rank jumps by its rivals' multiplicities, and the kernel counts what numpy counts."""
    base = random_model(7, 5, 4)
    values = np.repeat(base.matrix, [3, 3, 2, 2, 2], axis=0)
    model = Model([f"a{i}" for i in range(12)], base.criterion_names, values,
                  directions=base.directions)  # fmt: skip
    a, b = engine_tallies(model, simplex_rows(2_000, 4, 7))
    assert a.near_ties == b.near_ties == 0
    np.testing.assert_array_equal(b.counts, a.counts)
    np.testing.assert_array_equal(b.wins, a.wins)
    np.testing.assert_allclose(b.csum, a.csum, rtol=1e-12, atol=1e-15)


def test_exact_ties_are_near_ties_and_shared(numba_ready):
    """Two alternatives that differ only on a criterion with zero weight tie exactly:
    every such sample is a near-tie in both engines, counted with shared ranks (so
    each pair's acceptabilities of ranks 1 and 2 are equal)."""
    values = np.array([[5.0, 1.0, 3.0], [5.0, 9.0, 3.0], [1.0, 4.0, 8.0]])
    model = Model(["a", "b", "c"], ["x", "y", "z"], values)
    w = simplex_rows(2_000, 3, 1)
    w[:, 1] = 0.0
    w /= w.sum(axis=1, keepdims=True)
    for tally in engine_tallies(model, w):
        assert tally.near_ties == len(w)
        acc = tally.finalize()["acceptability"]
        np.testing.assert_array_equal(acc[0], acc[1])
        assert tally.wins[0, 1] == tally.wins[1, 0] == 0


@pytest.mark.parametrize(("gap", "near"), [(0.0, True), (0.5, True), (4.0, False), (1e6, False)])
def test_near_tie_margin_is_the_documented_relative_tolerance(numba_ready, gap, near):
    """Two different rows with ratios D-/D+ = 1 and 1 + gap * NEAR_TIE: within the
    margin a near-tie for both engines, beyond it decided (the second one first)."""
    a_minus = np.array([[1.0], [2.0 * (1.0 + gap * kern.NEAR_TIE)]])
    tables = kern.topsis_tables(np.array([[1.0], [2.0]]), a_minus)
    w = np.ones((3, 1))
    a = kern.Tally(2, 1, tables.group, tables.mult)
    kern.TopsisWorkspace(tables, 1, 3).tally(a, w)
    b = kern.numba_tally(tables, w)
    for tally in (a, b):
        assert tally.near_ties == (3 if near else 0)
        expected = [[0.5, 0.5], [0.5, 0.5]] if gap == 0 else [[0, 1], [1, 0]]
        np.testing.assert_array_equal(tally.finalize()["acceptability"], expected)


def test_same_seed_same_samples_in_every_engine(numba_ready):
    """Block b of a run draws uniform_weights(size, n, rng=child b): the numba kernel
    draws the same samples itself, so both engines' central weights agree to rounding
    and their counts exactly (no near-ties in a continuous problem)."""
    model = random_model(4, 7, 5)
    n = 3 * _engines.SAMPLE_BLOCK + 123
    a = smaa(model, n_samples=n, rng=5, engine="numpy")
    b = smaa(model, n_samples=n, rng=5, engine="numba")
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_allclose(a.central_weights, b.central_weights, rtol=1e-12)
    seed = int(np.random.default_rng(5).integers(2**63))
    rows = np.vstack(
        [
            UniformSampler(model).draw(
                size, _engines.block_generator(seed, block, _engines.WEIGHTS)
            )
            for block, size in sample_blocks(n)
        ]
    )
    given_rows = smaa(model, rows, engine="numba")
    np.testing.assert_array_equal(a.rank_acceptability, given_rows.rank_acceptability)


def assert_same_numbers(a, b) -> None:
    for name in ("rank_acceptability", "pairwise_winning", "central_weights"):
        np.testing.assert_array_equal(getattr(a, name).to_numpy(), getattr(b, name).to_numpy())
    np.testing.assert_array_equal(a.confidence_factors, b.confidence_factors)


def weighted_sum(model, weights):
    """A user's own policy model (module level, so process pools can pickle it)."""
    return weights @ model.matrix.T


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_an_executor_gives_the_serial_numbers(engine, numba_ready):
    model = random_model(7, 8, 5)
    n = 2 * _engines.SAMPLE_BLOCK + 500
    serial = smaa(model, n_samples=n, rng=3, engine=engine)
    dirichlet = DirichletSampler.around(model, [0.3, 0.2, 0.2, 0.2, 0.1], concentration=50.0)
    with ThreadPoolExecutor(3) as pool:
        assert_same_numbers(serial, smaa(model, n_samples=n, rng=3, engine=engine, executor=pool))
        w = simplex_rows(n, 5, 9)
        assert_same_numbers(
            smaa(model, w, engine=engine), smaa(model, w, engine=engine, executor=pool)
        )
        assert_same_numbers(
            smaa(model, dirichlet, n_samples=n, rng=4, engine=engine),
            smaa(model, dirichlet, n_samples=n, rng=4, engine=engine, executor=pool),
        )


def test_a_process_pool_runs_a_slow_method_and_evaluate():
    """A user's method in worker processes: smaa and evaluate give the serial numbers."""
    model = random_model(8, 5, 3)
    w = simplex_rows(3_000, 3, 2)
    with ProcessPoolExecutor(2) as pool:
        assert_same_numbers(
            smaa(model, n_samples=3_000, rng=1, method=weighted_sum),
            smaa(model, n_samples=3_000, rng=1, method=weighted_sum, executor=pool),
        )
        a = evaluate(model, w, method=weighted_sum, chunk_size=500)
        b = evaluate(model, w, method=weighted_sum, chunk_size=500, executor=pool)
    np.testing.assert_array_equal(a.ranks, b.ranks)
    np.testing.assert_array_equal(a.scores, b.scores)


def test_a_dask_cluster_gives_the_serial_numbers():
    """Blocks and chunks spread over the workers of a Dask LocalCluster."""
    distributed = pytest.importorskip("distributed")
    model = random_model(9, 6, 4)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = client.get_executor()
        assert_same_numbers(
            smaa(model, n_samples=20_000, rng=2, engine="numpy"),
            smaa(model, n_samples=20_000, rng=2, engine="numpy", executor=executor),
        )
        w = simplex_rows(400, 4, 1)
        a = evaluate(model, w, method=weighted_sum, chunk_size=50)
        b = evaluate(model, w, method=weighted_sum, chunk_size=50, executor=executor)
    np.testing.assert_array_equal(a.ranks, b.ranks)


def slow_model(model, weights):
    """An external policy model taking 20 ms per weight vector."""
    time.sleep(0.02 * len(weights))
    return weights @ model.matrix.T


def test_a_slow_model_runs_in_parallel_tasks():
    """Ten chunks of a slow model on ten threads: the same ranks, and the chunks run at
    the same time (all are sent before the first result is awaited)."""
    model = random_model(10, 4, 3)
    w = simplex_rows(50, 3, 1)
    lock = threading.Lock()
    running = [0, 0]  # now, most at once

    def record(model, weights):
        with lock:
            running[0] += 1
            running[1] = max(running)
        try:
            return slow_model(model, weights)
        finally:
            with lock:
                running[0] -= 1

    with ThreadPoolExecutor(10) as pool:
        result = evaluate(model, w, method=record, chunk_size=5, executor=pool)
    assert running[1] > 1
    np.testing.assert_array_equal(result.ranks, evaluate(model, w, method=weighted_sum).ranks)


def test_a_bad_executor_is_refused():
    model = random_model(11)
    with pytest.raises(ArgumentError, match=r"smaa: executor must be None or a concurrent"):
        smaa(model, n_samples=10, executor="dask")
    with pytest.raises(ArgumentError, match=r"evaluate: executor must be None.*got int"):
        evaluate(model, simplex_rows(3, 4, 1), method=weighted_sum, executor=4)
    # Checked whatever the method (TOPSIS never sends work to an executor).
    with pytest.raises(ArgumentError, match=r"evaluate: executor must be None.*got str"):
        evaluate(model, simplex_rows(3, 4, 1), executor="processes")


def built_in_samplers(model: Model) -> dict:
    """The samplers the numba kernel draws itself (skipped before sampler objects exist)."""
    sampling = pytest.importorskip("pathchoice.sensitivity.sampling")
    if not hasattr(sampling, "OrdinalSampler"):
        pytest.skip("this pathchoice has no sampler objects")
    names = model.criterion_names
    bounds = ([0.1, 0.0, 0.1, 0.05, 0.0], [0.5, 0.4, 0.6, 0.3, 0.5])
    return {
        "uniform": sampling.UniformSampler(model),
        "ordinal": sampling.OrdinalSampler(model, [names[3], names[0], names[4]]),
        "interval": sampling.IntervalSampler(model, bounds),
        "dirichlet": sampling.DirichletSampler.around(
            model, [0.3, 0.2, 0.2, 0.2, 0.1], concentration=50.0
        ),
    }


@pytest.mark.parametrize("kind", ["uniform", "ordinal", "interval", "dirichlet"])
def test_the_kernel_draws_the_samplers_own_numbers(numba_ready, kind):
    """Block b of a run is sampler.draw(size, child b): the numba kernel draws these
    kinds itself, the numpy engine calls draw; both rank exactly the samples of the run
    given those rows (counts equal, central weights to rounding)."""
    model = random_model(4, 7, 5)
    sampler = built_in_samplers(model)[kind]
    n = 2 * _engines.SAMPLE_BLOCK + 123
    seed = int(np.random.default_rng(5).integers(2**63))
    rows = np.vstack(
        [
            sampler.draw(size, _engines.block_generator(seed, block, _engines.WEIGHTS))
            for block, size in sample_blocks(n)
        ]
    )
    given_rows = smaa(model, rows, engine="numpy")
    for engine in ("numpy", "numba"):
        drawn = smaa(model, sampler, n_samples=n, rng=5, engine=engine)
        np.testing.assert_array_equal(drawn.rank_acceptability, given_rows.rank_acceptability)
        np.testing.assert_array_equal(drawn.pairwise_winning, given_rows.pairwise_winning)
        np.testing.assert_allclose(
            drawn.central_weights, given_rows.central_weights, rtol=1e-12, atol=1e-15
        )


# -- tasks smaller than a block (issue 10: both cores from about 20,000 samples) -------------


def test_short_runs_are_cut_into_tasks_of_whole_chunks():
    """About four tasks per core, of whole chunks (2,048 samples) of a block; one core or a
    long run keeps whole blocks."""
    block, chunk = _engines.SAMPLE_BLOCK, kern.SUM_CHUNK
    assert _engines.task_size(20_000, 2) == chunk
    assert _engines.task_size(50_000, 2) == 2 * chunk
    assert _engines.task_size(200_000, 2) == block
    assert _engines.task_size(20_000, 1) == block
    for total in (1, 5_000, 20_000, 65_535, 65_536, 10**7):
        for cores in (2, 3, 4, 8, 64):
            size = _engines.task_size(total, cores)
            assert chunk <= size <= block and block % size == 0 and size % chunk == 0


@pytest.mark.parametrize("kind", ["uniform", "ordinal", "given", "fixed", "interval", "dirichlet"])
def test_any_split_of_the_blocks_gives_the_same_bits(numba_ready, kind, monkeypatch):
    """Tasks of 2,048, 4,096 or 8,192 samples (on the engine's threads), or whole blocks on
    another executor: the same counts and the same central-weight bits, near-ties included
    (a model with two levels ties often under uniform weights)."""
    model = random_model(12, 7, 5, levels=2)
    n = 2 * _engines.SAMPLE_BLOCK + 3_000
    weights = {
        "given": simplex_rows(n, 5, 3),
        "fixed": FixedWeights(model, [0.3, 0.1, 0.2, 0.25, 0.15]),
        "interval": built_in_samplers(model)["interval"],
        "ordinal": built_in_samplers(model)["ordinal"],
        "dirichlet": built_in_samplers(model)["dirichlet"],
        "uniform": None,
    }[kind]
    runs = []
    for size in (kern.SUM_CHUNK, 2 * kern.SUM_CHUNK, _engines.SAMPLE_BLOCK):
        monkeypatch.setattr(_engines, "task_size", lambda total, cores, size=size: size)
        runs.append(smaa(model, weights, n_samples=n, rng=6, engine="numba"))
    with ThreadPoolExecutor(2) as pool:
        runs.append(smaa(model, weights, n_samples=n, rng=6, engine="numba", executor=pool))
    assert kind not in ("uniform", "given") or runs[0].options["near_ties"] > 0
    for other in runs[1:]:
        assert_same_numbers(runs[0], other)
        assert other.options["near_ties"] == runs[0].options["near_ties"]


def test_a_task_from_the_middle_of_a_block_draws_its_own_samples(numba_ready):
    """Samples first .. first + size of a block drawn by the kernel are rows first .. of the
    sampler's draw of the whole block: the same counts as those rows given."""
    model = random_model(13, 6, 4)
    tables, _ = topsis_model_tables(model, "vector", "ignore")
    sources = _engines.Sources(model, 17, "sampler", np.empty((0, 4)),
                               UniformSampler(model), "fixed", np.empty((0, 4)), None)  # fmt: skip
    rows = UniformSampler(model).draw(
        _engines.SAMPLE_BLOCK, _engines.block_generator(17, 2, _engines.WEIGHTS)
    )
    first, size = 2 * kern.SUM_CHUNK, kern.SUM_CHUNK + 100
    drawn = kern.numba_tally(tables, drawn=sources.native(2, size), first=first)
    given_rows = kern.numba_tally(tables, np.ascontiguousarray(rows[first : first + size]))
    np.testing.assert_array_equal(drawn.counts, given_rows.counts)
    np.testing.assert_array_equal(drawn.wins, given_rows.wins)
    np.testing.assert_array_equal(drawn.csum, given_rows.csum)


def test_frames_built_on_first_use_are_those_of_the_run(numba_ready):
    """An SMAA result builds its tables and (fixed performance) confidence factors when
    first looked at: pickled before any is built, or looked at in another order, it holds
    the same numbers; its confidence factors are those of ranking each alternative with its
    central weights."""
    model = random_model(14, 6, 4)
    first = smaa(model, n_samples=5_000, rng=8, engine="numba")
    again = pickle.loads(pickle.dumps(smaa(model, n_samples=5_000, rng=8, engine="numba")))
    assert_same_numbers(again, first)
    assert again == first and hash(again) == hash(first)
    central = first.central_weights.to_numpy()
    ever = np.flatnonzero(~np.isnan(central).any(axis=1))  # (the others: NaN)
    assert 0 < ever.size < 6
    best = [topsis(model, central[a]).scores.to_numpy().argmax() for a in ever]
    expected = np.full(6, np.nan)
    expected[ever] = np.asarray(best) == ever
    np.testing.assert_array_equal(first.confidence_factors.to_numpy(), expected)


def test_tables_kept_between_runs_are_each_models_own(numba_ready):
    """The TOPSIS tables are kept for the last models analysed: runs alternating between
    more models than are kept give each model's own numbers."""
    models = [random_model(20 + i, 5, 3) for i in range(10)]
    fresh = [smaa(model, n_samples=500, rng=1, engine="numba") for model in models]
    for model, expected in zip(models * 2, fresh * 2, strict=True):
        assert smaa(model, n_samples=500, rng=1, engine="numba") == expected
    assert smaa(models[0], n_samples=500, rng=1, normalization="minmax") != fresh[0]
