"""Minimal edit of robustness_summary: a `performance` sampler passed on to SMAA."""
import sys
from pathlib import Path
p = Path(sys.argv[1]) / "src/pathchoice/study/summary/_summary.py"
s = p.read_text()
old = '''    samples: npt.ArrayLike | Callable[..., np.ndarray] | None = None,
    methods: Sequence[str | RankingMethod] = DEFAULT_METHODS,'''
assert old in s
s = s.replace(old, '''    samples: npt.ArrayLike | Callable[..., np.ndarray] | None = None,
    performance: Callable[..., np.ndarray] | None = None,
    methods: Sequence[str | RankingMethod] = DEFAULT_METHODS,''', 1)
old = '''        simplex, i.e. no preference information.
    methods :'''
assert old in s
s = s.replace(old, '''        simplex, i.e. no preference information.
    performance : callable, optional
        SMAA's performance sampler ``sampler(n_samples=k, rng=generator)``
        (e.g. scores drawn within their ranges); default: the scores as given.
    methods :''', 1)
old = '''        if samples is None:
            result = smaa(model, None, n_samples=n_samples, method=method, rng=rng, **options)
            sampled = "weight vectors drawn uniformly from all possible weights"
        else:
            result = smaa(model, samples, n_samples=n_samples, method=method, rng=rng, **options)
            sampled = "sampled weight vectors"'''
assert old in s
s = s.replace(old, '''        result = smaa(
            model,
            samples,
            n_samples=n_samples,
            method=method,
            rng=rng,
            performance=performance,
            **options,
        )
        if samples is None:
            sampled = "weight vectors drawn uniformly from all possible weights"
        else:
            sampled = "sampled weight vectors"
        if performance is not None:
            sampled += ", each with scores drawn within their ranges"''')
p.write_text(s)
print("summary edited")
