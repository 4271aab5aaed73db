"""v1 -> v2: which fix moves which path. Run with the scratch tree on PYTHONPATH."""
import sys
from dataclasses import replace
import numpy as np
import pandas as pd
from pathchoice.study.datasets import china_japan
from pathchoice.study.modelfile import load_model
from pathchoice.study.analysis import Alternative, AlternativeSet, Score
from pathchoice.study.settings import use_judgements, performance_sampler
from pathchoice.sensitivity.smaa import smaa

v2 = load_model(sys.argv[1])
v1 = china_japan()
BUNDLE = "Industrial cooperation and wider rules"
HALVES = ["Cooperation in key digital industries", "Wider digital economy rules and third-party markets"]

def order(a, s="paths"):
    return a.rank(s).order()

steps = {}
steps["A v1 as shipped"] = order(v1)
b = v1.with_judgement("goal", "complementarity", "exposure", 1, reason="fix")
for other in ("China strengths meet Japan weaknesses", "Japan strengths meet China weaknesses", "common problems"):
    b = b.with_judgement("complementarity", "joint innovation", other, 1, reason="fix")
steps["B + judgement fixes (complementarity:exposure 1; joint innovation 1)"] = order(b)
c = b.with_score("paths", BUNDLE, "exposure to de-Chinaization pressure", 8, reason="fix")
c = c.with_score("paths", BUNDLE, "exposure to rule fragmentation", 6, reason="fix")
steps["C + the bundle's two inconsistent scores (8, 6)"] = order(c)
# D: split the bundle; halves scored as in v2 on the criteria both versions share
v2s = {(s.alternative, s.criterion): s.value for s in v2.performance if s.alternative_set == "paths"}
names = {"joint innovation": "shared strengths"}
common = {HALVES[0]: 4, HALVES[1]: 2}
perf = [s for s in c.performance if s.alternative != BUNDLE]
for half in HALVES:
    for crit in c.criterion_names:
        value = common[half] if crit == "common problems" else v2s[(half, names.get(crit, crit))]
        perf.append(Score("paths", half, crit, value))
paths = c.alternative_set("paths")
alts = [a for a in paths.alternatives if a.name != BUNDLE] + [Alternative(h) for h in HALVES]
sets = tuple(replace(paths, alternatives=tuple(alts)) if s.name == "paths" else s for s in c.alternative_sets)
cases = tuple(replace(k, links=tuple(l for l in k.links if l.alternative != BUNDLE)) for k in c.cases)
scen = tuple(replace(sc, scores=tuple(x for x in sc.scores if x.alternative != BUNDLE)) for sc in c.scenarios)
d = replace(c, alternative_sets=sets, performance=tuple(perf), cases=cases, scenarios=scen)
steps["D + split the bundle (6.2.2's two halves)"] = order(d)
steps["E v2 matrix, criteria and rescored paths; the paper's framing"] = order(use_judgements(v2, "hierarchy"))
steps["F v2 with the three-member panel (default)"] = order(v2)
for m in v2.panel.names[1:]:
    steps[f"  only {m}"] = order(use_judgements(v2, m))

allnames = list(dict.fromkeys([n for o in steps.values() for n in o]))
table = pd.DataFrame({k: pd.Series({n: (o.index(n) + 1 if n in o else None) for n in allnames}) for k, o in steps.items()})
pd.set_option("display.width", 250)
print(table.to_string())

# SMAA: first-rank acceptability
model = v2.decision_model("paths")
sampler = performance_sampler(v2, "paths")
n = 10000
res = {}
w_panel = v2.weights().global_weights
res["panel weights + score ranges"] = smaa(model, w_panel.to_numpy(), n_samples=n, performance=sampler, rng=20240501)
res["uniform weights + score ranges"] = smaa(model, None, n_samples=n, performance=sampler, rng=20240501)
res["uniform weights, exact scores"] = smaa(model, None, n_samples=n, rng=20240501)
from pathchoice.sensitivity import dirichlet_weights
import functools
res["panel-centred weights (Dirichlet, concentration 100) + ranges"] = smaa(model, functools.partial(dirichlet_weights, w_panel.to_numpy(), 100), n_samples=n, performance=sampler, rng=20240501)
for k, r in res.items():
    ra = r.rank_acceptability
    first = ra.iloc[:, 0] if hasattr(ra, "iloc") else ra[:, 0]
    print(k); print(first.sort_values(ascending=False).head(5).round(3).to_string())

print("--- within step E (the paper's framing), groups switched off by zero weight")
h = use_judgements(v2, "hierarchy")
w = h.weights().global_weights
feas = ["institutional footing", "precedents in Table 5", "language barrier", "gradual start"]
def ordered(wv):
    wv = wv / wv.sum()
    return h.rank("paths", weights=wv).order()
e0 = w.copy(); e0[feas] = 0; e0["exposure to social dilemmas"] = 0
e1 = w.copy(); e1[feas] = 0
sub = {"E0 no feasibility, no exposure to 5.3": ordered(e0), "E1 + exposure to 5.3": ordered(e1), "E2 + feasibility (= E)": ordered(w)}
names2 = list(dict.fromkeys(n for o in sub.values() for n in o))
print(pd.DataFrame({k: pd.Series({n: o.index(n) + 1 for n in names2}) for k, o in sub.items()}).to_string())
print(h.weights().global_weights.round(3).to_string())

print("--- D2: D + no double counting (common problems keeps only digital service trade; disaster relief topic moves to 5.3)")
v1names = {"Smart cities, elderly care and healthcare": "Smart cities and an elderly-friendly digital society"}
d2 = d
for alt in d.alternative_set("paths").names:
    key = v1names.get(alt, alt)
    d2 = d2.with_score("paths", alt, "common problems", v2s[(key, "shared weaknesses")], reason="fix")
d2 = d2.with_score("paths", "Digital disaster prevention and relief", "China strengths meet Japan weaknesses", 2, reason="fix")
o = order(d2)
print(pd.Series({n: i + 1 for i, n in enumerate(o)}).to_string())
