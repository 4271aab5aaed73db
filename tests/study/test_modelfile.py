"""Tests of model files: exact round trips, atomic saving, and every malformed-file error.

The malformed files live in ``tests/data/malformed/``; each starts with a comment saying
what is wrong with it. Every error must be a ModelFileError whose message names the file,
the location in the file and the problem -- never a traceback from inside the parser.
"""

from __future__ import annotations

import copy
import os
import stat
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from pathchoice.ahp import Node, Note
from pathchoice.exceptions import ModelFileError
from pathchoice.model import Criterion
from pathchoice.study.analysis import (
    Alternative,
    AlternativeSet,
    Analysis,
    Case,
    CaseLink,
    Metadata,
    Scenario,
    Score,
)
from pathchoice.study.datasets import china_japan, china_japan_text
from pathchoice.study.matrix import STANCES, AdvantageMatrix, Area, Challenge, StanceCell
from pathchoice.study.modelfile import FORMAT, dumps_model, load_model, loads_model, save_model

MALFORMED = Path(__file__).parent / "data" / "malformed"

# file -> (regex the message must match after "<file>: ")
EXPECTED = {
    "empty.toml": r"the file is empty; expected a pathchoice model starting with format = ",
    "missing_format.toml": r'format: missing; expected format = "pathchoice-model/1"',
    "unknown_format_version.toml": (
        r"format: unsupported format 'pathchoice-model/99'; this version of pathchoice reads "
        r"\['pathchoice-model/1', 'pathchoice-model/2'\]"
    ),
    "format_not_a_string.toml": r"format: expected a string, got 1",
    "toml_syntax_error.toml": r"TOML syntax error: .*\(at line 5, column \d+\)",
    "duplicate_key.toml": r"TOML syntax error: .*\(at line \d+, column \d+\)",
    "score_not_a_number.toml": (
        r'performance\.paths\."Data pilot zones"\.infrastructure: expected a number, got \'high\''
    ),
    "score_wrong_type_in_table.toml": (
        r'performance\.paths\."Data pilot zones"\.infrastructure\.score: expected a number, '
        r"got '6'"
    ),
    "unknown_criterion.toml": (
        r"performance\.paths\.Dialogue\.speed: unknown criterion; criteria are "
        r"\['infrastructure', 'talent', 'cost'\]"
    ),
    "missing_performance_cell.toml": (
        r"performance\.paths\.Dialogue: missing score for criteria \['cost'\]"
    ),
    "duplicate_alternative.toml": (
        r"sets\.paths\.alternatives\[2\]\.name: duplicate alternative 'Data pilot zones' "
        r"\(also at sets\.paths\.alternatives\[0\]\.name\)"
    ),
    "bad_direction.toml": (
        r"criteria\.cost\.direction: expected one of \['benefit', 'cost'\], got 'up'"
    ),
    "bad_stance.toml": (
        r"matrix\.areas\[0\]\.stances\.A\.stance: expected one of "
        r"\['advantage', 'disadvantage', 'both'\], got 'strong'"
    ),
    "missing_party_stance.toml": r"matrix\.areas\[0\]\.stances: missing stance for party 'B'",
    "unknown_party_stance.toml": (
        r"matrix\.areas\[1\]\.stances\.C: unknown party; parties are \['A', 'B'\]"
    ),
    "too_few_parties.toml": r"matrix\.parties: expected at least two parties, got 1",
    "indicator_unknown_area.toml": r"matrix\.indicators\[0\]\.area: unknown area 'ports'",
    "judgement_unknown_child.toml": (
        r"hierarchy\.nodes\.goal\.judgements\[0\]: judgement \('benefits', 'risk'\) names unknown "
        r"label 'risk'; "
        r"labels are \['benefits', 'cost'\]"
    ),
    "scenario_unknown_node.toml": (
        r"scenarios\.tension\.judgements\[0\]: unknown hierarchy node 'risks'; nodes are "
        r"\['goal', 'benefits'\]"
    ),
    "contradictory_judgement.toml": (
        r"hierarchy\.nodes\.goal\.judgements\[1\]: pair \('benefits', 'cost'\) is judged twice "
        r"with values that "
        r"disagree: \('benefits', 'cost'\) = 2 and \('cost', 'benefits'\) = 3 \(expected 1/2\)"
    ),
    "non_positive_judgement.toml": (
        r"hierarchy\.nodes\.goal\.judgements\[0\]: judgement \('benefits', 'cost'\) must be "
        r"positive \(got 0\)"
    ),
    "bad_judgement_fraction.toml": (
        r"hierarchy\.nodes\.goal\.judgements\[0\]\.value: expected a number or a fraction like "
        r"'1/3', got '1/x'"
    ),
    "weights_not_summing_to_one.toml": (
        r"hierarchy\.nodes\.benefits: node 'benefits': weights must sum to 1 \(got 0\.9 for 2 "
        r"children\)"
    ),
    "negative_weight.toml": (
        r"hierarchy\.nodes\.benefits\.weights\.talent: node 'benefits': weight of 'talent' must "
        r"be finite and "
        r"non-negative \(got -0\.5\)"
    ),
    "judgements_and_weights.toml": (
        r"hierarchy\.nodes\.benefits: a node takes judgements or weights, not both"
    ),
    "criterion_not_in_hierarchy.toml": r"hierarchy: criteria \['cost'\] are not in the hierarchy",
    "root_not_a_node.toml": (
        r"hierarchy\.root: unknown node 'top'; nodes are \['goal', 'benefits'\]"
    ),
    "scenario_unknown_alternative.toml": (
        r"scenarios\.tension\.scores\[0\]: unknown alternative 'Summit' in set 'paths'"
    ),
    "scenario_unknown_criterion.toml": (
        r"scenarios\.tension\.scores\[0\]: unknown criterion 'speed'"
    ),
    "unknown_key.toml": r"metadata\.titel: unknown key; expected one of \['title', ",
    "missing_title.toml": r"metadata: missing required key 'title'",
    "table_expected.toml": r"criteria: expected a table, got 'cost'",
    "unknown_set_in_performance.toml": (
        r"performance\.modes: unknown alternative set; alternative sets are \['paths'\]"
    ),
}


def test_every_malformed_file_has_an_expectation():
    files = sorted(p.name for p in MALFORMED.glob("*.toml"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file(name):
    path = MALFORMED / name
    with pytest.raises(ModelFileError, match=f"^{path}: {EXPECTED[name]}") as info:
        load_model(path)
    assert info.value.__traceback__ is not None
    # no chained parser exception: the message stands on its own
    assert info.value.__cause__ is None


def test_the_fixture_base_is_valid():
    """Each malformed file is the same small valid model with one defect."""
    text = (MALFORMED / "score_not_a_number.toml").read_text(encoding="utf-8")
    fixed = text.replace(
        'infrastructure = "high"',
        'infrastructure = { score = 6, reason = "uses A\'s networks", source = "Table 4" }',
    )
    analysis = loads_model(fixed)
    assert analysis.criterion_names == ("infrastructure", "talent", "cost")


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(ModelFileError, match=r"nope\.toml: cannot read the file"):
        load_model(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('format = "pathchoice-model/1"\n# caf\xe9\n'.encode("latin-1"))
    with pytest.raises(ModelFileError, match=r"latin1\.toml: the file is not UTF-8 text"):
        load_model(bad)
    with pytest.raises(ModelFileError, match="expected the file's text, got bytes"):
        loads_model(b"format = 1")  # type: ignore[arg-type]


# -- round trips ---------------------------------------------------------------------------


def test_china_japan_round_trips_exactly(tmp_path):
    original = china_japan()
    path = save_model(original, tmp_path / "cj.toml")
    assert load_model(path) == original
    for name in original.scenario_names:
        changed = original.with_scenario(name)
        assert loads_model(dumps_model(changed)) == changed


def test_shipped_file_equals_its_saved_form():
    original = loads_model(china_japan_text())
    text = dumps_model(original)
    assert loads_model(text) == original
    assert dumps_model(loads_model(text)) == text  # the writer's output is a fixed point


def test_saving_is_deterministic(tmp_path):
    a = save_model(china_japan(), tmp_path / "a.toml").read_bytes()
    b = save_model(china_japan(), tmp_path / "b.toml").read_bytes()
    assert a == b
    text = a.decode("utf-8")
    assert text.splitlines()[1] == f'format = "{FORMAT}"'
    assert "202" not in text.split("[metadata]")[0]  # no timestamp header


def test_judgement_fractions_are_written_as_fractions():
    a = china_japan().with_judgement(
        "exposure",
        "exposure to rule fragmentation",
        "exposure to de-Chinaization pressure",
        1 / 3,
        reason="x",
    )
    text = dumps_model(a)
    assert 'value = "1/3"' in text
    assert loads_model(text) == a


# -- atomic saving -------------------------------------------------------------------------


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_failed_replace_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    before = path.read_bytes()
    changed = china_japan().with_scenario("ageing-first")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        save_model(changed, path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    before = path.read_bytes()

    def broken(fd):
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="I/O error"):
        save_model(china_japan().with_scenario("rcep-deepens"), path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []
    assert load_model(path) == china_japan()


def test_saving_something_else_fails_before_touching_the_file(tmp_path):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    before = path.read_bytes()
    with pytest.raises(ModelFileError, match="save_model expects an Analysis"):
        save_model(china_japan().decision_model(), path)  # type: ignore[arg-type]
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_saving_keeps_the_permission_bits(tmp_path):
    path = tmp_path / "model.toml"
    save_model(china_japan(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o600)
    save_model(china_japan(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# -- generated analyses round-trip ------------------------------------------------------

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=0, max_size=12)
label = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8).filter(
    lambda s: s.strip()
)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
positive = st.one_of(
    st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 5.0, 9.0]),
    st.floats(min_value=1e-6, max_value=1e6, allow_nan=False),
)


@st.composite
def analyses(draw) -> Analysis:
    use_matrix = draw(st.booleans())
    matrix = None
    challenges: tuple[Challenge, ...] = ()
    if use_matrix:
        parties = draw(st.lists(label, min_size=2, max_size=3, unique=True))
        parties = [f"p:{p}" for p in parties]
        areas = [f"a:{a}" for a in draw(st.lists(label, min_size=1, max_size=3, unique=True))]
        cells = [
            StanceCell(a, p, draw(st.sampled_from(STANCES)), draw(text), draw(text))
            for a in areas
            for p in parties
        ]
        matrix = AdvantageMatrix(
            parties,
            [Area(a, draw(text), draw(text)) for a in areas],
            cells,
            criteria_by=draw(st.sampled_from(["relation", "area"])),
        )
        challenges = (
            Challenge(
                "k1",
                f"ch:{draw(label)}",
                criteria=draw(
                    st.sampled_from([("exposure",), ("relief",), ("exposure", "relief")])
                ),
                title=draw(text),
                source=draw(text),
            ),
        )
    extra_names = [
        f"c:{c}"
        for c in draw(st.lists(label, min_size=0 if use_matrix else 1, max_size=3, unique=True))
    ]
    extra = tuple(
        Criterion(
            n,
            draw(st.sampled_from(["benefit", "cost"])),
            group=draw(st.one_of(st.none(), label)),
            description=draw(text),
        )
        for n in extra_names
    )
    criteria = [c.name for c in (matrix.criteria(challenges) if matrix else ())] + extra_names
    alts = [f"x:{a}" for a in draw(st.lists(label, min_size=2, max_size=4, unique=True))]
    perf = tuple(
        Score("set", a, c, draw(finite), draw(text), draw(text)) for a in alts for c in criteria
    )
    if draw(st.booleans()) or len(criteria) == 1:
        raw = np.array([draw(st.floats(min_value=0.01, max_value=1.0)) for _ in criteria])
        values = raw / raw.sum()
        reasons = {c: draw(text) for c in criteria}
        tree = Node(
            "goal",
            criteria,
            weights=dict(zip(criteria, values.tolist(), strict=True)),
            notes={c: Note(r) for c, r in reasons.items() if r},
        )
    else:
        pairs = {(criteria[i], criteria[i + 1]): draw(positive) for i in range(len(criteria) - 1)}
        notes = {pair: Note(draw(text), draw(text)) for pair in pairs}
        tree = Node(
            "goal",
            criteria,
            judgements=pairs,
            notes={pair: note for pair, note in notes.items() if note.reason or note.source},
        )
    scenarios = ()
    if draw(st.booleans()):
        scenarios = (
            Scenario(
                f"s:{draw(label)}",
                description=draw(text),
                scores=(Score("set", alts[0], criteria[0], draw(finite), draw(text)),),
            ),
        )
    cases = ()
    if draw(st.booleans()):
        actors = ((matrix.parties[0], draw(text)),) if matrix else ()
        cases = (
            Case(
                f"case:{draw(label)}",
                actors,
                draw(text),
                draw(text),
                draw(text),
                (CaseLink("set", alts[1], draw(text)),),
            ),
        )
    return Analysis(
        metadata=Metadata(draw(label), draw(text), draw(text), draw(text), draw(text)),
        alternative_sets=(AlternativeSet("set", tuple(Alternative(a, draw(text)) for a in alts)),),
        performance=perf,
        hierarchy_tree=tree,
        matrix=matrix,
        challenges=challenges,
        extra_criteria=extra,
        scenarios=scenarios,
        cases=cases,
    )


@given(analyses())
def test_generated_analyses_round_trip(analysis):
    text = dumps_model(analysis)
    assert loads_model(text) == analysis
    assert dumps_model(loads_model(text)) == text


# -- robustness: a damaged file is a ModelFileError, never another exception -----------------

_BASE = tomllib.loads((MALFORMED / "score_not_a_number.toml").read_text(encoding="utf-8"))
_BASE["performance"]["paths"]["Data pilot zones"]["infrastructure"] = 6
_CJ = tomllib.loads(china_japan_text())


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*path, k)
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*path, i)
            yield from _leaves(v, (*path, i))


_REPLACEMENTS = st.one_of(
    st.text(max_size=5),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(st.sampled_from(["x", "name", "score"]), st.integers(0, 2), max_size=2),
    st.just("__delete__"),
)


def _mutate(doc, path, value):
    doc = copy.deepcopy(doc)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if value == "__delete__":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


@pytest.mark.parametrize("document", [_BASE, _CJ], ids=["small", "china_japan"])
@given(data=st.data())
def test_any_damage_gives_a_model_file_error(document, data):
    leaves = list(_leaves(document))
    path = data.draw(st.sampled_from(leaves))
    value = data.draw(_REPLACEMENTS)
    damaged = _mutate(document, path, value)
    try:
        text = tomli_w.dumps(damaged)
    except (TypeError, ValueError):  # not representable as TOML at all
        return
    try:
        result = loads_model(text, source="damaged.toml")
    except ModelFileError as exc:
        assert str(exc).startswith("damaged.toml: ")
    else:
        assert isinstance(result, Analysis)


def test_from_frame_analysis_round_trips(tmp_path):
    frame = pd.DataFrame({"price": [3.0, 4.5], "reach": [0.4, 0.9]}, index=["A", "B"])
    a = Analysis.from_frame(
        frame, directions={"price": "cost"}, weights={"price": 0.3, "reach": 0.7}
    )
    path = save_model(a, tmp_path / "shops.toml")
    assert load_model(path) == a
    assert "[performance.alternatives.A]" in path.read_text(encoding="utf-8")


def test_the_minimal_file_in_the_docs_loads():
    docs = Path(__file__).resolve().parents[2] / "docs" / "model-file.md"
    text = docs.read_text(encoding="utf-8")
    block = text.split("## A complete minimal file")[1].split("```toml\n")[1].split("```")[0]
    analysis = loads_model(block, source="docs/model-file.md")
    assert analysis.criterion_names == ("price", "quality")
    assert analysis.decision_model().directions == ("cost", "benefit")
