"""Regressions the fuzz harness found, bounded parsing, stable errors (#15).

Each test states the promise it pins: bad input raises a `BacksafeError`
naming its field, documents under the size cap parse in bounded memory
whatever their shape, and an error is the same in every run.
"""

import datetime as dt
import decimal
import json
import math
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import backsafe as bs
from backsafe.exceptions import BacksafeError
from backsafe.exercises import _catalog_io as catalog_io
from tests import fuzz_strategies as fs
from tests.test_fuzz import run_call, run_cli

SRC = Path(__file__).resolve().parents[1] / "src"

ENTRY = """
[[exercises]]
slug = "wall-sit"
name = "Wall sit"
pattern = "squat"
stance = "bilateral"
equipment = ["bodyweight"]
placement = "hands-reach"
support = "free-standing"
lean_min_deg = 0
lean_max_deg = 5
primary_muscles = ["quadriceps"]
"""


def _field(call: object) -> str | None:
    """Run *call*; return the field of the `BacksafeError` it raises."""
    with pytest.raises(BacksafeError) as caught:
        call()  # type: ignore[operator]
    field = getattr(caught.value, "field", None)
    assert "\n" not in str(caught.value) or isinstance(
        caught.value, bs.InvalidDataError
    )
    return field


# --- Catalog loaders ----------


@pytest.mark.parametrize("digits", [400, 5000])
@pytest.mark.parametrize("key", ["reach_m", "lean_max_deg"])
def test_huge_numbers_in_a_catalog_are_refused(key: str, digits: int) -> None:
    """A number of hundreds or thousands of digits is a CatalogError."""
    text = ENTRY.replace("lean_max_deg = 5\n", "")
    text += f"{key} = {'9' * digits}\n"
    if key == "reach_m":
        text += "lean_max_deg = 5\n"
    assert _field(lambda: bs.Catalog.from_toml(text)) is not None
    doc = {"exercises": [{key: 10**digits}]}
    assert _field(lambda: bs.Catalog.from_dict(doc)) is not None


def test_a_huge_int_in_a_message_is_written_by_size() -> None:
    """An int too long for repr still gives a message (Body, catalog)."""
    with pytest.raises(bs.InvalidInputError, match="about 5001 digits"):
        bs.Body(mass_kg=10**5000, height_m=1.7)


def test_non_string_keys_are_named() -> None:
    """A key that is not a string is reported, not a KeyError."""
    assert _field(lambda: bs.Catalog.from_dict({1: 2})) == "document"
    field = _field(lambda: bs.Catalog.from_dict({"exercises": [{(1,): 2}]}))
    assert field == "exercises[0].(1,)"


def test_catalog_arguments_are_checked() -> None:
    """read_file(5) and extend(5) name their argument."""
    assert _field(lambda: bs.Catalog.read_file(5)) == "path"  # type: ignore[arg-type]
    assert _field(lambda: bs.catalog.extend(5)) == "other"  # type: ignore[arg-type]
    junk: list[Any] = [1.5]
    assert _field(lambda: bs.ExerciseSelection(junk)) == "ExerciseSelection"
    assert _field(lambda: bs.AlternativeList(junk)) == "AlternativeList"


def test_the_size_cap_counts_utf8_bytes_of_text() -> None:
    """61 characters of 121 bytes exceed a cap of 100 bytes."""
    text = "#" + "é" * 60
    with pytest.raises(bs.CatalogError, match="121 bytes"):
        bs.Catalog.from_toml(text, max_bytes=100)
    with pytest.raises(bs.CatalogError, match="not UTF-8"):
        bs.Catalog.from_toml("# \udcff")


def test_a_duplicate_json_key_is_refused() -> None:
    """A key given twice is an error, not a silent last-one-wins."""
    text = '{"schema_version": 1, "degrees": 30, "degrees": 40}'
    with pytest.raises(bs.InvalidDataError, match="'degrees' is given twice"):
        bs.from_json(text, bs.TorsoLean)
    with pytest.raises(bs.CatalogError, match="given twice"):
        bs.Catalog.from_json('{"exercises": [], "exercises": []}')


def test_an_extra_key_with_a_line_break_reads_on_one_line() -> None:
    """Found by the thorough profile: an unknown key holding a line
    break was written as it is, so the problem read on two lines; such a
    key is written as its repr (a plain one as it is)."""
    text = (
        '{"schema_version": 1, "mass_kg": 80, "height_m": 1.78,'
        ' "\\n": null, "extra": 1}'
    )
    with pytest.raises(bs.InvalidDataError) as caught:
        bs.from_json(text, bs.Body)
    assert ("extra fields found ('\\n', extra) @ $",) == caught.value.errors


# --- Serialization, exercises, plots -----------------------------------------


@pytest.mark.parametrize("indent", [1.5, -1, 10**400, "\t", True])
def test_to_json_checks_indent(indent: object) -> None:
    """indent is None or a whole number of spaces."""
    lean = bs.TorsoLean(degrees=3)
    assert _field(lambda: bs.to_json(lean, indent=indent)) == "indent"  # type: ignore[arg-type]


def test_equivalent_load_checks_rounding_and_fine_steps() -> None:
    """rounding=[] is refused; a step of 5e-324 kg does not overflow."""
    squat = bs.catalog.get("low-bar-back-squat")
    split = bs.catalog.get("split-squat")
    body = fs.sample("Body")
    field = _field(
        lambda: bs.equivalent_load(squat, 60, split, body, rounding=[])  # type: ignore[arg-type]
    )
    assert field == "rounding"
    exact = bs.equivalent_load(squat, 60, split, body, step_kg=0)
    assert bs.equivalent_load(squat, 60, split, body, step_kg=5e-324) == exact
    fine = attrs.evolve(split, load_step_kg=5e-324)
    assert bs.equivalent_load(squat, 60, fine, body) == exact


def test_workout_rewrite_checks_changes() -> None:
    """changes=NaN is refused at construction, not in .reasons."""
    rewrite = fs.sample("WorkoutRewrite")
    fields = {
        f.name: getattr(rewrite, f.name) for f in attrs.fields(type(rewrite))
    }
    fields["changes"] = float("nan")
    assert (
        _field(lambda: bs.WorkoutRewrite(**fields)) == "WorkoutRewrite.changes"
    )


@pytest.mark.parametrize("options", [{"ax": []}, {"limits": {}}, {"ax": 5}])
def test_plots_check_ax_and_limits_and_leave_no_figure(
    options: dict[str, Any],
) -> None:
    """A junk ax or limits is named, and no figure is left open."""
    plt = pytest.importorskip("matplotlib.pyplot")
    before = plt.get_fignums()
    exercise, body = fs.sample("Exercise"), fs.sample("Body")
    calls = [
        lambda: bs.plot_lean(exercise, body, **options),
        lambda: bs.plot_exercises([(exercise, 10)], body, **options),
        lambda: bs.plot_progression(fs.sample("Progression"), **options),
    ]
    for call in calls:
        assert _field(call) in {"ax", "limits"}
    assert plt.get_fignums() == before


def test_a_set_with_several_bad_members_names_one_member() -> None:
    """The member an error names is the same in every run (by repr)."""
    split = fs.sample("Exercise")
    fields = {
        f.name: getattr(split, f.name) for f in attrs.fields(type(split))
    }
    fields["equipment"] = frozenset({"zz", "aa", "mm"})
    with pytest.raises(bs.InvalidInputError) as caught:
        bs.Exercise(**fields)
    assert caught.value.value == "aa"
    with pytest.raises(bs.InvalidInputError, match="'aa'"):
        bs.catalog.filter(equipment={"zz", "aa", "mm"})


# --- Command line ----------


@pytest.mark.parametrize(
    "argv",
    [
        ["alternatives", "split-squat", "--limit", "-3"],
        ["alternatives", "split-squat", "--limit", "0"],
        ["score", "a\nb"],
        ["--x\ny"],
        ["catalog", "--pattern", "a\r\nb"],
    ],
)
def test_cli_refuses_on_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--limit -3 is refused; a line break in an argument stays on one line."""
    from backsafe.cli._main import main  # noqa: PLC0415

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    run_cli((argv,))


def test_harness_checks_pass_on_the_regressions() -> None:
    """The harness's own checks hold on the fixed calls, as @example would."""
    squat = bs.catalog.get("low-bar-back-squat")
    body = fs.sample("Body")
    entry = fs.registry()["equivalent_load"]
    run_call(
        entry, (squat, 60, fs.sample("Exercise"), body), {"step_kg": 5e-324}
    )
    run_call(fs.registry()["to_json"], (body,), {"indent": 1.5})
    run_call(fs.registry()["plot_lean"], (squat, body), {"ax": []})


# --- The lifting equation, the tasks and the episode (#15) ----------------


def _rebuilt(name: str, **changes: Any) -> Callable[[], object]:
    fields = fs._kwargs_of(fs.sample(name))[1]
    return lambda: getattr(bs, name)(**{**fields, **changes})


#: Junk of any type, as a user's untyped code may pass it.
_NONE: Any = None
_FLOAT: Any = 1.0
_TEXT: Any = "x"

#: Bad fields of the results and episode inputs, and the field named.
_BAD_FIELDS: list[tuple[Callable[[], object], str]] = [
    (
        _rebuilt("RecommendedWeightLimit", load_constant=math.nan),
        "RecommendedWeightLimit.load_constant",
    ),
    (
        _rebuilt("RecommendedWeightLimit", units="si"),
        "RecommendedWeightLimit.units",
    ),
    (
        _rebuilt("RecommendedWeightLimit", frequency_multiplier=1.5),
        "RecommendedWeightLimit.frequency_multiplier",
    ),
    (
        _rebuilt("RecommendedWeightLimit", lifting_index=math.inf),
        "RecommendedWeightLimit.lifting_index",
    ),
    (_rebuilt("LiftAnalysis", task=math.inf), "LiftAnalysis.task"),
    (
        _rebuilt("LiftAnalysis", duration="forever"),
        "LiftAnalysis.duration",
    ),
    (
        _rebuilt("LiftAnalysis", destination=1.0),
        "LiftAnalysis.destination",
    ),
    (_rebuilt("TaskIndices", task=math.inf), "TaskIndices.task"),
    (_rebuilt("TaskIndices", position=-1), "TaskIndices.position"),
    (
        _rebuilt("TaskIndices", single_task_index=math.nan),
        "TaskIndices.single_task_index",
    ),
    (
        _rebuilt("CompositeLiftingIndex", value=math.nan),
        "CompositeLiftingIndex.value",
    ),
    (
        _rebuilt("CompositeLiftingIndex", tasks=(None,)),
        "CompositeLiftingIndex.tasks",
    ),
    (
        _rebuilt("CompositeLiftingIndex", increments=(math.inf,)),
        "CompositeLiftingIndex.increments[0]",
    ),
    (lambda: bs.TaskSwapList(_NONE), "TaskSwapList"),
    (lambda: bs.TaskSwapList([_FLOAT]), "TaskSwapList"),
    (
        lambda: bs.Episode.begin(
            onset=fs.DAY0, dose=fs.sample("Dose"), risk_factors=[_NONE]
        ),
        "risk_factors",
    ),
    (
        lambda: fs.sample("Episode").record(
            attrs.evolve(
                fs.sample("Episode").sessions[0].report,
                day=dt.date.max,
                pain_next_morning=None,
            )
        ),
        "report.day",
    ),
    (lambda: bs.replay(fs.sample("Episode"), _NONE), "events"),
    (lambda: bs.replay(fs.sample("Episode"), _TEXT), "events"),
    # Found by the thorough profile: a way's lift analysis and a way's
    # graded flag took anything (an infinite lift, the string "no").
    (_rebuilt("WayScore", lift=math.inf), "WayScore.lift"),
    (_rebuilt("TaskWay", graded=_TEXT), "TaskWay.graded"),
]


@pytest.mark.parametrize(
    ("make", "field"),
    _BAD_FIELDS,
    ids=[f"{field}-{i}" for i, (_, field) in enumerate(_BAD_FIELDS)],
)
def test_daily_results_and_episodes_refuse_bad_fields(
    make: Callable[[], object], field: str
) -> None:
    """A half-built result, or a bad episode input, names its field."""
    with pytest.raises(bs.InvalidInputError) as caught:
        make()
    assert caught.value.field == field


def test_daily_samples_still_build() -> None:
    """The validators accept what the library itself builds."""
    for name in (
        "RecommendedWeightLimit",
        "LiftAnalysis",
        "TaskIndices",
        "CompositeLiftingIndex",
        "WayScore",
        "TaskWay",
    ):
        assert _rebuilt(name)() == fs.sample(name)
    swaps = fs.sample("TaskSwapList")
    assert bs.TaskSwapList(list(swaps)) == swaps
    assert bs.replay(fs.sample("Episode"), iter(())) == fs.sample("Episode")


@pytest.mark.parametrize(
    "odd", [decimal.Decimal("sNaN"), ["goblet-squat"], {"a": 1}]
)
def test_batch_slugs_that_refuse_to_compare_or_hash_are_bad_rows(
    odd: Any,
) -> None:
    """Found by the thorough profile: a signalling NaN refuses even to
    compare with itself (numpy raised `decimal.InvalidOperation`), and
    pandas cannot hash it or a list (a `TypeError`): each is a bad row,
    named by its position or its index label."""
    pd = pytest.importorskip("pandas")
    if isinstance(odd, list):
        # A list in a list is a ragged sequence, named by its field.
        with pytest.raises(bs.InvalidInputError, match="exercise"):
            bs.score_many(["goblet-squat", odd], mass_kg=80, height_m=1.78)
    else:
        with pytest.raises(bs.InvalidRowsError) as caught:
            bs.score_many(["goblet-squat", odd], mass_kg=80, height_m=1.78)
        assert [(1,)] == [p.rows for p in caught.value.problems]
    frame = pd.DataFrame(
        {
            "exercise": ["goblet-squat", odd],
            "load_kg": [10.0, 10.0],
            "mass_kg": [80, 80],
            "height_m": [1.78, 1.78],
        },
        index=["a", "b"],
    )
    with pytest.raises(bs.InvalidRowsError) as caught:
        bs.score_frame(frame)
    assert [("b",)] == [p.rows for p in caught.value.problems]


def test_batch_bytes_that_are_not_ascii_among_objects_are_bad_rows() -> None:
    """Found by the thorough profile: in a column of mixed objects, bytes
    that are not ASCII made numpy's text conversion raise
    `UnicodeDecodeError`; they match no label, so they are a bad row."""
    mixed: Any = [None, b"\x80"]
    with pytest.raises(bs.InvalidRowsError) as caught:
        bs.spinal_load_many(
            lean_deg=[0.0, 30.0], mass_kg=80, height_m=1.78, support=mixed
        )
    assert [(0, 1)] == [p.rows for p in caught.value.problems]


# --- Bounded parsing ----------

CAP = catalog_io.MAX_CATALOG_BYTES


def _fill(unit: str, head: str = "", tail: str = "") -> str:
    """*unit* repeated to just under the size cap."""
    room = CAP - len(head.encode()) - len(tail.encode())
    return head + unit * (room // len(unit.encode())) + tail


#: Documents under the cap built to be slow or greedy to parse.
ADVERSARIAL = {
    "dotted key (quadratic)": "x." * 16000 + "y = 1",
    "dotted keys at the cap": _fill("x." * 7 + "y = 1\n"),
    "flat keys": _fill("k = 1\n"),
    "tables": _fill("[t]\n"),
    "arrays of tables": _fill("[[exercises]]\n"),
    "nested arrays": _fill("[", "x = "),
    "nested inline tables": _fill("{a=", "x = "),
    "long string": _fill("a.", "x = '", "'"),
    "long comment": _fill("x", "#"),
    "floats": _fill("1.5,", "x = [", "]"),
    "catalog entries": _fill(ENTRY.replace('"wall-sit"', '"w"')),
}


def _at_bound(unit: str) -> str:
    """Distinct copies of *unit* ({i} numbered) up to the structure bound."""
    bare = catalog_io._TOML_SKIPPED.sub("s", unit.format(i=0))
    count = catalog_io.MAX_TOML_TOKENS // catalog_io.structure_units(bare)
    return "".join(unit.format(i=i) for i in range(count))


ADVERSARIAL.update(
    {
        # Accepted by the pre-scan: the parser runs to the bound.
        "keys at the bound": _at_bound("k{i} = 1\n"),
        "tables at the bound": _at_bound("[t{i}]\n"),
        "dotted keys at the bound": _at_bound("k{i}.a.b.c.d.e.f.g = 1\n"),
        "catalog at the bound": _at_bound(
            ENTRY.replace('"wall-sit"', '"w{i}"')
        ),
    }
)

_MEASURE = textwrap.dedent(
    """
    import json, sys, tracemalloc
    import backsafe as bs
    texts = json.load(sys.stdin)
    out = {}
    tracemalloc.start()
    for name in list(texts):
        text = texts.pop(name)
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        try:
            bs.Catalog.from_toml(text)
            outcome = "parsed"
        except bs.BacksafeError as exc:
            outcome = str(exc)
        out[name] = [tracemalloc.get_traced_memory()[1] - base, outcome]
    print(json.dumps(out))
    """
)


def _measure() -> dict[str, tuple[int, str]]:
    """Parse every adversarial document in a fresh process.

    Returns each document's peak of allocations over what the process held
    before it (tracemalloc), and its outcome.
    """
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE],
        input=json.dumps(ADVERSARIAL),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    return {k: (v[0], v[1]) for k, v in json.loads(done.stdout).items()}


def test_adversarial_documents_parse_in_bounded_memory() -> None:
    """Any document under the cap: at most 100 MB, and bounded structure."""
    for name, (peak, outcome) in _measure().items():
        text = ADVERSARIAL[name]
        assert len(text.encode()) <= CAP, name
        assert peak < 100_000_000, f"{name}: {peak / 1e6:.0f} MB ({outcome})"
        # What the parser is given is bounded in structure.
        bare = catalog_io._TOML_SKIPPED.sub("s", text)
        units = catalog_io.structure_units(bare)
        if "keys, tables and items" not in outcome:
            assert units <= catalog_io.MAX_TOML_TOKENS, name
        if "at the bound" in name:
            assert "keys, tables and items" not in outcome, outcome


def test_the_quadratic_document_is_refused_before_parsing() -> None:
    """16,000 dotted parts are refused by the pre-scan, not parsed."""
    with pytest.raises(bs.CatalogError, match="dotted key of more than 8"):
        bs.Catalog.from_toml(ADVERSARIAL["dotted key (quadratic)"])
    with pytest.raises(bs.CatalogError, match="at most 60000"):
        bs.Catalog.from_toml(ADVERSARIAL["flat keys"])


def test_the_pre_scan_accepts_the_builtin_catalog_many_times_over() -> None:
    """A real catalog is far inside the bounds (strings hold no structure)."""
    text = (
        Path(catalog_io.__file__).parent / "_data" / "exercises.toml"
    ).read_text(encoding="utf-8")
    bare = catalog_io._TOML_SKIPPED.sub("s", text)
    tokens = catalog_io.structure_units(bare)
    # About 2,700 units in 53 entries: the bound allows about 20 times it.
    assert tokens * 17 < catalog_io.MAX_TOML_TOKENS
    assert len(bs.Catalog.from_toml(text)) == len(bs.catalog)
    dotted = (
        'a."b.c.d.e.f.g.h.i.j.k" = "x.y.z.w.v.u.t.s.r.q"'
        "  # a.b.c.d.e.f.g.h.i\n"
    )
    with pytest.raises(bs.CatalogError, match="unknown keys"):
        bs.Catalog.from_toml(dotted)  # past the pre-scan, refused as a key


# --- Deterministic errors ----------

#: Bad inputs whose errors once depended on set order or on the process.
_SAMPLE = textwrap.dedent(
    """
    import attrs, json
    import backsafe as bs
    split = bs.catalog.get("split-squat")
    body = bs.Body(mass_kg=80, height_m=1.78)
    fields = {f.name: getattr(split, f.name) for f in attrs.fields(split)}
    def ex(**changed):
        return bs.Exercise(**{**fields, **changed})
    calls = [
        lambda: ex(equipment=frozenset({"zz", "aa", "b"})),
        lambda: ex(primary_muscles=frozenset({"x", "y"})),
        lambda: ex(flags=frozenset({"p", "q", "r"})),
        lambda: bs.catalog.filter(equipment={"zz", "aa", "mm"}),
        lambda: bs.alternatives(split, body, exclude_flags={"x", "y", "z"}),
        lambda: bs.rewrite_workout([], body, equipment={"q", "p"}),
        lambda: bs.from_dict({"schema_version": 1, "slug": 5}, bs.Exercise),
        lambda: bs.Catalog.from_dict({"exercises": [{"zz": 1, "aa": 2}]}),
        lambda: bs.Catalog.from_dict({"b": 1, "a": 2, 3: 4}),
        lambda: bs.Context(phase=bs.Phase.ACUTE, red_flags=frozenset("ab")),
        lambda: bs.SessionReport(
            day=bs.Body, pain_before=1, pain_during_max=1,
            symptoms=frozenset({"m", "n", "o"}),
        ),
    ]
    out = []
    for call in calls:
        try:
            out.append(repr(call()))
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps(out))
    """
)


def test_errors_are_the_same_under_every_hash_seed() -> None:
    """The sample's outputs and errors are identical across PYTHONHASHSEED."""
    outputs = []
    for seed in ("0", "1", "2", "12345"):
        done = subprocess.run(
            [sys.executable, "-c", _SAMPLE],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed},
        )
        outputs.append(json.loads(done.stdout))
    assert all(output == outputs[0] for output in outputs), outputs
    assert len(outputs[0]) == 11
