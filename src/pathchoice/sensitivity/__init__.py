"""Sensitivity and robustness analysis: how far can a ranking of paths be trusted?

Separate steps a user can call alone:

* weights: one at a time (:mod:`~pathchoice.sensitivity.oat`), the weights at which
  the ranking reverses (:mod:`~pathchoice.sensitivity.thresholds`), the AHP judgements
  that would change the top path (:mod:`~pathchoice.sensitivity.judgements`);
* Monte Carlo / SMAA-2: sample weights (:mod:`~pathchoice.sensitivity.sampling`) →
  evaluate them (:mod:`~pathchoice.sensitivity.evaluate`, TOPSIS, any pymcdm method or
  your own policy model) → analyse the ranks (:mod:`~pathchoice.sensitivity.smaa`);
* other methods on the same model (:mod:`~pathchoice.sensitivity.compare`), rank-reversal
  checks (:mod:`~pathchoice.sensitivity.reversal`), and a plain-language summary of all
  of it (:mod:`~pathchoice.sensitivity.summary`).
"""
