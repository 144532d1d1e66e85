"""Strategies and the registry of the fuzz harness (issue 15).

Every public name of ``backsafe`` (and the command line's ``main``) has an
entry in `REGISTRY`: how to make valid calls of it. The harness then
breaks those calls: it replaces arguments by junk (numbers of every kind,
NaN, infinities, huge ints, strings, bytes, None, wrong objects, nested
containers) or by near misses of the valid value, and mutates valid
documents for the readers. Public methods of the public classes have
entries of their own, named ``Class.method``.
"""

import datetime as dt
import decimal
import enum
import fractions
import functools
import inspect
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

import backsafe as bs
from backsafe.exceptions import BacksafeError

#: A Monday, the first day of every sample plan.
DAY0 = dt.date(2026, 3, 2)
#: The day after: the sample episode's second, unanswered, session.
DAY1 = DAY0 + dt.timedelta(days=1)

#: Arguments of one call: positional and keyword.
Call = tuple[tuple[Any, ...], dict[str, Any]]


# --- Valid samples -----------------------------------------------------------


@functools.cache
def samples() -> dict[str, Any]:
    """One valid instance of every public class, built by the library."""
    body = bs.Body(mass_kg=80, height_m=1.78, sex=bs.Sex.MALE)
    lean = bs.TorsoLean(degrees=30)
    posture = bs.Posture(
        lean=lean, load_kg=20, placement=bs.LoadPlacement.HANDS_HANGING
    )
    load = bs.spinal_load(posture, body)
    squat = bs.catalog.get("low-bar-back-squat")
    split = bs.catalog.get("split-squat")
    item = bs.WorkoutItem(exercise=squat, sets=4, reps=6, load_kg=60)
    workout = bs.Workout(items=(item,), name="Leg day")
    rewrite = bs.rewrite_workout(workout, body)
    options = bs.alternatives(squat, body, load_kg=60)
    progression = bs.generate_progression(
        "split-squat",
        body,
        phase=bs.Phase.CHRONIC,
        mode=bs.TrainingMode.STRENGTH,
        start=DAY0,
        load_kg=10,
        load_step_kg=2.5,
    )
    step = progression.steps[0]
    dose = step.dose
    report = bs.SessionReport(
        day=DAY0,
        pain_before=1,
        pain_during_max=2,
        pain_next_morning=1,
        sets=(bs.SetResult(reps=8, load_kg=10, reps_in_reserve=2),) * 3,
    )
    clearance = bs.Clearance(
        cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
    )
    factor = bs.RecordedRiskFactor(factor=next(iter(bs.RiskFactor)), on=DAY0)
    context = bs.Context(
        phase=bs.Phase.CHRONIC, clearance=clearance, programme_start=DAY0
    )
    outcome = bs.decide(report, dose, context)
    built = {
        "Advice": next(iter(bs.Advice)),
        "Alternative": options[0],
        "AlternativeList": options,
        "Body": body,
        "Catalog": bs.catalog,
        "Clearance": clearance,
        "Config": bs.Config(),
        "Context": context,
        "Criteria": step.criteria,
        "Dose": dose,
        "Exercise": split,
        "ExerciseSelection": bs.catalog.filter(pattern="lunge"),
        "Limits": bs.Limits(),
        "LoadContribution": load.contributions[0],
        "Outcome": outcome,
        "Posture": posture,
        "Progression": progression,
        "Reason": outcome.reasons[0],
        "RecordedRiskFactor": factor,
        "SessionReport": report,
        "SetResult": report.sets[0],
        "SpinalLoad": load,
        "Step": step,
        "TorsoLean": lean,
        "Workout": workout,
        "WorkoutChange": rewrite.changes[0],
        "WorkoutItem": item,
        "WorkoutRewrite": rewrite,
    }
    return {**built, **_coaching_samples(), **_daily_samples(body)}


def _lifting_task() -> Any:
    """A valid metric lift: a 10 kg box from knee height to the bench."""
    return bs.LiftingTask(
        horizontal_origin=40.0,
        vertical_origin=50.0,
        horizontal_destination=35.0,
        vertical_destination=100.0,
        frequency=1.0,
        coupling=bs.Coupling.FAIR,
        load=10.0,
        asymmetry_origin=30.0,
    )


def _daily_samples(body: Any) -> dict[str, Any]:
    """Valid instances of the lifting equation's and the tasks' classes."""
    lift = _lifting_task()
    analysis = bs.analyze_lift(lift, duration=bs.LiftingDuration.SHORT)
    composite = bs.composite_lifting_index(
        [lift, attrs.evolve(lift, frequency=0.5, load=5.0)],
        duration="moderate",
    )
    box = bs.tasks.get("lift-box-from-floor")
    score = bs.score_task(box, body)
    swaps = bs.task_swaps(box, body)
    return {
        "CompositeLiftingIndex": composite,
        "DailyTask": box,
        "LiftAnalysis": analysis,
        "LiftingSession": bs.LiftingSession(
            work_minutes=45.0, recovery_minutes=60.0
        ),
        "LiftingTask": lift,
        "RecommendedWeightLimit": analysis.origin,
        "TaskCollection": bs.tasks,
        "TaskIndices": composite.tasks[0],
        "TaskScore": score,
        "TaskSwap": swaps[0],
        "TaskSwapList": swaps,
        "TaskWay": box.ways[0],
        "WayScore": score.ways[0],
    }


def _coaching_samples() -> dict[str, Any]:
    """Valid episodes and next-morning answers, built by the library."""
    plan = bs.generate_progression(
        "glute-bridge",
        bs.Body(mass_kg=80, height_m=1.78),
        phase=bs.Phase.CHRONIC,
        mode=bs.TrainingMode.HOME_REPS,
        start=DAY0,
        weeks=2,
    )
    episode = bs.Episode.begin(
        onset=DAY0 - dt.timedelta(days=120),
        plan=plan,
        clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
    )
    dose = plan.step_on(DAY0).dose
    evening = bs.SessionReport(
        day=DAY0,
        pain_before=1,
        pain_during_max=2,
        sets=tuple(
            bs.SetResult(
                reps=dose.reps, load_kg=dose.load_kg, reps_in_reserve=3
            )
            for _ in range(dose.sets)
        ),
    )
    episode, _ = episode.record(evening)
    morning = bs.MorningReport(day=DAY0, pain_next_morning=1)
    episode, _ = episode.record(morning)
    # The next day's evening: the episode waits for its morning answer.
    episode, _ = episode.record(attrs.evolve(evening, day=DAY1))
    symptom = bs.PlacedSymptom(
        symptom=next(iter(bs.Symptom)), site=next(iter(bs.SymptomSite))
    )
    return {
        "Episode": episode,
        "MorningReport": morning,
        "PlacedSymptom": symptom,
        "Session": episode.sessions[0],
    }


def sample(name: str) -> Any:
    """The valid sample of the class *name*."""
    return samples()[name]


def _arrays() -> Any:
    """A valid `SpinalLoadArrays`, made by `spinal_load_many`."""
    return bs.spinal_load_many(
        lean_deg=[0.0, 30.0],
        load_kg=[0.0, 10.0],
        placement=["none", "hands-hanging"],
        mass_kg=80,
        height_m=1.78,
    )


# --- Junk --------------------------------------------------------------------

_HUGE = [10**400, -(10**400), 2**63, 2**64 + 1, 10**4000]
_SPECIAL_FLOATS = [
    float("nan"),
    float("inf"),
    float("-inf"),
    -0.0,
    5e-324,
    1.7976931348623157e308,
    -1e-9,
]
_ODD_TEXT = [
    "",
    " ",
    "nan",
    "inf",
    "-3",
    "1e400",
    "9" * 5000,
    "a\nb",
    "x\r\ny",
    "\x00",
    "\u2028",
    "\udcff",
    "ready",
    "acute",
    "split-squat ",
    "SPLIT-SQUAT",
    "2026-W10-1",
    "20260302",
    "L4/L5",
    "winter",
]


class _Weird:
    """An object no function knows, with a repr that works."""

    def __repr__(self) -> str:
        return "<weird>"


@functools.cache
def scalars() -> st.SearchStrategy[Any]:
    """Junk scalars: numbers of every kind, text, bytes, None, objects."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from(_HUGE),
        st.floats(),
        st.sampled_from(_SPECIAL_FLOATS),
        st.complex_numbers(),
        st.decimals(),
        st.fractions(),
        st.text(max_size=20),
        st.sampled_from(_ODD_TEXT),
        st.binary(max_size=20),
        st.sampled_from([b"\xff\xfe", bytearray(b"ab"), memoryview(b"x")]),
        st.dates(),
        st.times(),
        st.builds(_Weird),
        st.builds(object),
        st.sampled_from([int, float, str, type, bs.Body, _Weird]),
        st.sampled_from(list(bs.Sex) + list(bs.Phase) + list(bs.StressLevel)),
    )


@functools.cache
def wrong_objects() -> st.SearchStrategy[Any]:
    """Valid backsafe objects, given where another kind is wanted."""
    return st.sampled_from(sorted(samples())).map(sample)


@functools.cache
def junk() -> st.SearchStrategy[Any]:
    """Anything: junk scalars, wrong objects and containers of them."""
    leaves = scalars() | wrong_objects()
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.lists(children, max_size=4).map(tuple),
            st.frozensets(scalars().filter(_hashable), max_size=3),
            st.dictionaries(
                st.text(max_size=5) | st.integers(), children, max_size=3
            ),
        ),
        max_leaves=8,
    )


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@st.composite
def near_misses(draw: st.DrawFn, value: Any) -> Any:  # noqa: PLR0911
    """A value close to the valid *value*, which may or may not be valid."""
    if isinstance(value, bool):
        return draw(st.sampled_from([not value, int(value), str(value)]))
    if isinstance(value, int | float):
        return draw(st.sampled_from(_number_misses(value)))
    if isinstance(value, enum.Enum):
        return draw(
            st.sampled_from(
                [value.value, value.name, str(value.value).upper()]
            )
        )
    if isinstance(value, str):
        return draw(
            st.sampled_from(
                [value + " ", value.upper(), value + "\n", value * 20, ""]
            )
        )
    if isinstance(value, tuple):
        options: list[Any] = [list(value), (), value * 2, (*value, None)]
        return draw(st.sampled_from(options))
    if isinstance(value, frozenset):
        return draw(st.sampled_from([set(value), list(value), frozenset()]))
    if isinstance(value, dt.date):
        return draw(st.sampled_from([value.isoformat(), dt.date.max]))
    if attrs.has(type(value)):
        return draw(mutated_instances(value))
    return draw(junk())


def _number_misses(value: float) -> list[Any]:
    """Numbers near *value* (where they can be made) and odd kinds of it."""
    out: list[Any] = [str(value), float("nan"), 10**400]
    makers: list[Callable[[], Any]] = [
        lambda: -value,
        lambda: value * 10**6,
        lambda: value + 0.5,
        lambda: float(value),
        lambda: value - 1,
        lambda: decimal.Decimal(value),
        lambda: fractions.Fraction(value),
        lambda: complex(value, 1),
    ]
    for make in makers:
        try:
            out.append(make())
        except (ValueError, OverflowError, TypeError):
            continue
    return out


def mutants(value: Any) -> st.SearchStrategy[Any]:
    """The valid *value* itself, a near miss of it, or junk."""
    return st.one_of(st.just(value), near_misses(value), junk())


@st.composite
def mutated_instances(draw: st.DrawFn, instance: Any) -> Any:
    """*instance* rebuilt with a field or two changed, if that is valid."""
    fields = [f for f in attrs.fields(type(instance)) if f.init]
    kwargs = {f.name: getattr(instance, f.name) for f in fields}
    name = draw(st.sampled_from([f.name for f in fields]))
    kwargs[name] = draw(near_misses(kwargs[name]) | junk())
    try:
        return type(instance)(**kwargs)
    except BacksafeError:
        return instance


# --- Documents ---------------------------------------------------------------


@st.composite
def mutated_documents(draw: st.DrawFn, document: Any, depth: int = 0) -> Any:
    """A JSON-like *document* with a few of its parts broken."""
    if depth > 6 or draw(st.integers(0, 4)) == 0:
        return draw(st.just(document) | junk() | near_misses(document))
    if isinstance(document, dict) and document:
        out = dict(document)
        key = draw(st.sampled_from(sorted(out, key=str)))
        action = draw(st.sampled_from(["change", "drop", "add", "rename"]))
        if action == "change":
            out[key] = draw(mutated_documents(out[key], depth + 1))
        elif action == "drop":
            del out[key]
        elif action == "add":
            out[draw(st.text(max_size=8) | st.integers())] = draw(junk())
        else:
            out[key + draw(st.sampled_from(["_", " ", "X"]))] = out.pop(key)
        return out
    if isinstance(document, list) and document:
        out_list = list(document)
        index = draw(st.integers(0, len(out_list) - 1))
        out_list[index] = draw(mutated_documents(out_list[index], depth + 1))
        return out_list
    return draw(junk() | near_misses(document))


def toml_value(value: object) -> str:
    """Write a JSON-like value as a TOML value (inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items())
        return "{" + inner + "}"
    return '"?"'


def catalog_entry(exercise: Any) -> dict[str, Any]:
    """An exercise as a catalog file holds it."""
    data: dict[str, Any] = bs.to_dict(exercise)
    data.pop("schema_version")
    data["lean_min_deg"] = data.pop("lean_min")["degrees"]
    data["lean_max_deg"] = data.pop("lean_max")["degrees"]
    return data


def catalog_document() -> dict[str, Any]:
    """A valid catalog document of two exercises."""
    return {
        "schema_version": 1,
        "exercises": [
            catalog_entry(
                attrs.evolve(
                    bs.catalog.get("glute-bridge"), easier=(), harder=()
                )
            ),
            catalog_entry(
                attrs.evolve(
                    bs.catalog.get("split-squat"), easier=(), harder=()
                )
            ),
        ],
    }


@st.composite
def catalog_texts(draw: st.DrawFn, fmt: str) -> str | bytes:
    """Catalog documents as text, mostly valid in shape, with faults."""
    import json  # noqa: PLC0415

    document = draw(mutated_documents(catalog_document()))
    if fmt == "json":
        text = json.dumps(document, default=repr)
    else:
        entries = (
            document.get("exercises") if isinstance(document, dict) else []
        )
        parts = []
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                parts.append("[[exercises]]")
                parts.extend(
                    f'"{k}" = {toml_value(v)}'
                    for k, v in entry.items()
                    if v is not None
                )
        text = "\n".join(parts)
    tail = draw(
        st.sampled_from(
            ["", "\n", "\x00", "\ufeff", '\n"x" = 1', "\n[[exercises]]"]
        )
    )
    text += tail
    return (
        text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text
    )


# --- The registry ------------------------------------------------------------


@attrs.frozen(repr=False)
class Entry:
    """How to call one public callable.

    Attributes:
        target: Returns the callable (looked up late, so a lazy name is
            loaded only by the harness).
        calls: Valid calls of it (positional and keyword arguments).
        documents: Optional strategy of whole broken calls (for readers).
        kind: ``"function"``, ``"class"``, ``"method"``, ``"enum"`` or
            ``"error"``: what the harness expects of it.
    """

    target: Callable[[], Callable[..., Any]]
    calls: Callable[[], list[Call]]
    documents: Callable[[], st.SearchStrategy[Call]] | None = None
    kind: str = "function"


def _kwargs_of(instance: Any) -> Call:
    fields = attrs.fields(type(instance))
    return (), {f.name: getattr(instance, f.name) for f in fields if f.init}


def _class_entry(name: str) -> Entry:
    return Entry(
        target=lambda: getattr(bs, name),
        calls=lambda: [_kwargs_of(sample(name))],
        kind="class",
    )


def _function(name: str, *calls: Callable[[], Call], **extra: Any) -> Entry:
    return Entry(
        target=lambda: getattr(bs, name),
        calls=lambda: [call() for call in calls],
        **extra,
    )


def _s(name: str) -> Any:
    return sample(name)


def _error_call(cls: type) -> Call:
    if cls is bs.InvalidRowsError:
        return ("load_kg", ">= 0 kg"), {
            "rows": [2],
            "values": [-5.0],
            "count": 1,
        }
    if cls is bs.UnknownExerciseError:
        return ("split-squatt",), {"suggestions": ["split-squat"]}
    if cls is bs.MissingExtraError:
        return ("backsafe.score_many", "numpy", "array"), {}
    return ("a message",), {}


def _cli_main() -> Callable[..., Any]:
    from backsafe.cli._main import main  # noqa: PLC0415

    return main


_CLI_CALLS: list[list[str]] = [
    [],
    ["--mass", "80", "--height", "1.78"],
    ["--phase", "acute", "--item", "low-bar-back-squat:4x6@60"],
    ["catalog", "--pattern", "lunge"],
    ["catalog", "--max-tier", "1", "--json"],
    ["score", "split-squat", "--load", "16"],
    ["score", "split-squat", "--lean", "20", "--mass", "70"],
    ["alternatives", "low-bar-back-squat", "--load", "60", "--limit", "3"],
    ["plan", "split-squat", "--phase", "chronic", "--weeks", "4"],
    ["check", "--example"],
]


@st.composite
def cli_argvs(draw: st.DrawFn) -> Call:
    """Command lines: valid ones with a word or two broken."""
    argv = [str(word) for word in draw(st.sampled_from(_CLI_CALLS))]
    for _ in range(draw(st.integers(0, 2))):
        word = draw(
            st.sampled_from(_ODD_TEXT)
            | st.text(max_size=12)
            | st.sampled_from(
                ["--limit", "--load", "--weeks", "--lean", "--json", "-3"]
            )
            | st.floats().map(repr)
            | st.integers().map(str)
        )
        if "\x00" in word or "\udcff" in word:
            word = word.replace("\x00", "").replace("\udcff", "")
        replace = draw(st.booleans())
        if argv and replace:
            argv[draw(st.integers(0, len(argv) - 1))] = word
        else:
            argv.insert(draw(st.integers(0, len(argv))), word)
    return (argv,), {}


def _document_calls(reader: str, cls_names: list[str]) -> Any:
    @st.composite
    def calls(draw: st.DrawFn) -> Call:
        import json  # noqa: PLC0415

        name = draw(st.sampled_from(cls_names))
        document = draw(mutated_documents(bs.to_dict(sample(name))))
        cls = getattr(bs, name)
        if reader == "from_json":
            text = json.dumps(document, default=repr, allow_nan=True)
            return (text, cls), {}
        return (document, cls), {}

    return calls


_SERDE_CLASSES = [
    "Body",
    "TorsoLean",
    "Posture",
    "Limits",
    "SpinalLoad",
    "Exercise",
    "Dose",
    "SessionReport",
    "Context",
    "Outcome",
    "Progression",
    "Workout",
]


def _builtins() -> dict[str, Entry]:
    body, ex = _s("Body"), _s("Exercise")
    squat = bs.catalog.get("low-bar-back-squat")
    entries: dict[str, Entry] = {
        "alternatives": _function(
            "alternatives",
            lambda: ((squat, body), {"load_kg": 60}),
            lambda: (
                ("split-squat", body),
                {
                    "max_level": bs.StressLevel.ELEVATED,
                    "equipment": "dumbbell",
                },
            ),
        ),
        "apply_decision": _function(
            "apply_decision",
            lambda: ((_s("Outcome"), _s("Dose")), {}),
            lambda: ((_s("Outcome"), _s("Progression")), {}),
        ),
        "decide": _function(
            "decide",
            lambda: ((_s("SessionReport"), _s("Dose"), _s("Context")), {}),
        ),
        "dortmund_limits": _function(
            "dortmund_limits",
            lambda: ((), {"age_years": 45, "sex": "female"}),
            lambda: ((), {"age_years": 70, "sex": bs.Sex.MALE}),
        ),
        "size_scaled_limits": _function(
            "size_scaled_limits",
            lambda: ((body,), {}),
            lambda: (
                (body,),
                {"base": bs.dortmund_limits(age_years=45, sex="female")},
            ),
        ),
        "equivalent_load": _function(
            "equivalent_load",
            lambda: ((squat, 60, ex, body), {}),
            lambda: (
                (squat, 60, ex, body),
                {"step_kg": 2, "rounding": "nearest"},
            ),
        ),
        "available_loads_kg": _function(
            "available_loads_kg",
            lambda: (("dumbbell",), {}),
            lambda: (("machine",), {"unit": "lb", "machine": "leg-press"}),
        ),
        "max_load_kg": _function(
            "max_load_kg",
            lambda: (("barbell",), {}),
            lambda: (("kettlebell",), {"count": 2}),
        ),
        "next_load": _function(
            "next_load",
            lambda: ((8.0, "dumbbell"), {}),
            lambda: ((20.0, "barbell"), {"unit": "lb"}),
        ),
        "previous_load": _function(
            "previous_load",
            lambda: ((10.0, "dumbbell"), {}),
            lambda: ((30.0, "cable"), {}),
        ),
        "round_down_to_equipment": _function(
            "round_down_to_equipment",
            lambda: ((27.0, "dumbbell"), {}),
            lambda: ((33.0, "kettlebell"), {"count": 1}),
        ),
        "exercise_posture": _function(
            "exercise_posture",
            lambda: ((ex,), {"load_kg": 10, "lean": _s("TorsoLean")}),
        ),
        "from_dict": _function(
            "from_dict",
            lambda: ((bs.to_dict(body), bs.Body), {}),
            documents=_document_calls("from_dict", _SERDE_CLASSES),
        ),
        "from_json": _function(
            "from_json",
            lambda: ((bs.to_json(body), bs.Body), {}),
            documents=_document_calls("from_json", _SERDE_CLASSES),
        ),
        "generate_progression": _function(
            "generate_progression",
            lambda: (
                ("split-squat", body),
                {
                    "phase": bs.Phase.CHRONIC,
                    "mode": bs.TrainingMode.STRENGTH,
                    "start": DAY0,
                    "weeks": 4,
                    "load_kg": 10,
                    "load_step_kg": 2.5,
                },
            ),
            lambda: (
                ("glute-bridge", body),
                {
                    "phase": bs.Phase.ACUTE,
                    "mode": bs.TrainingMode.HOME_REPS,
                    "start": DAY0,
                    "weeks": 2,
                },
            ),
        ),
        "json_schema": _function("json_schema", lambda: ((bs.Body,), {})),
        "mass_above_joint_kg": _function(
            "mass_above_joint_kg",
            lambda: ((body,), {"anthropometrics": "de-leva"}),
        ),
        "plot_exercises": _function(
            "plot_exercises",
            lambda: (([(squat, 60), (ex, 10)],), {"body": body}),
        ),
        "plot_lean": _function(
            "plot_lean", lambda: ((ex, body), {"load_kg": 10})
        ),
        "plot_progression": _function(
            "plot_progression", lambda: ((_s("Progression"),), {})
        ),
        "rewrite_workout": _function(
            "rewrite_workout",
            lambda: ((_s("Workout"), body), {}),
            lambda: (
                ([_s("WorkoutItem")], body),
                {"max_level": "elevated", "max_tier": 2},
            ),
        ),
        "score": _function(
            "score",
            lambda: ((ex, body), {"load_kg": 10, "joint": "L5/S1"}),
        ),
        "score_frame": _function(
            "score_frame",
            lambda: ((_frame(),), {}),
        ),
        "score_many": _function(
            "score_many",
            lambda: ((ex,), {"mass_kg": [70, 80], "height_m": 1.78}),
        ),
        "spinal_load": _function(
            "spinal_load",
            lambda: ((_s("Posture"), body), {"joint": bs.SpineLevel.L5_S1}),
        ),
        "spinal_load_many": _function(
            "spinal_load_many",
            lambda: (
                (),
                {
                    "lean_deg": [0.0, 30.0],
                    "load_kg": [0.0, 10.0],
                    "placement": ["none", "hands-hanging"],
                    "mass_kg": 80,
                    "height_m": 1.78,
                },
            ),
        ),
        "to_dict": _function("to_dict", lambda: ((body,), {})),
        "to_json": _function("to_json", lambda: ((body,), {"indent": 2})),
        "working_leg_load_kg": _function(
            "working_leg_load_kg", lambda: ((squat, body), {"load_kg": 60})
        ),
        "catalog": Entry(
            target=lambda: bs.catalog.get,
            calls=lambda: [(("split-squat",), {})],
            kind="method",
        ),
        "SpinalLoadArrays": Entry(
            target=lambda: bs.SpinalLoadArrays,
            calls=lambda: [_kwargs_of(_arrays())],
            kind="class",
        ),
        "AlternativeList": Entry(
            target=lambda: bs.AlternativeList,
            calls=lambda: [((tuple(_s("AlternativeList")),), {})],
            kind="class",
        ),
        "ExerciseSelection": Entry(
            target=lambda: bs.ExerciseSelection,
            calls=lambda: [((tuple(_s("ExerciseSelection")),), {})],
            kind="class",
        ),
        "cli.main": Entry(
            target=_cli_main,
            calls=lambda: [((argv,), {}) for argv in _CLI_CALLS],
            kind="cli",
        ),
    }
    entries.update(_daily_entries())
    entries.update(_episode_entries())
    return entries


def _daily_entries() -> dict[str, Entry]:
    body, box = _s("Body"), _s("DailyTask")
    lift = _s("LiftingTask")
    return {
        "analyze_lift": _function(
            "analyze_lift",
            lambda: ((lift,), {"duration": bs.LiftingDuration.SHORT}),
            lambda: ((lift,), {"duration": "long"}),
        ),
        "composite_lifting_index": _function(
            "composite_lifting_index",
            lambda: (
                ([lift, attrs.evolve(lift, frequency=0.5)],),
                {"duration": "moderate"},
            ),
        ),
        "lifting_duration": _function(
            "lifting_duration",
            lambda: (([_s("LiftingSession")],), {}),
            lambda: (
                (
                    [
                        bs.LiftingSession(
                            work_minutes=50.0, recovery_minutes=10.0
                        ),
                        bs.LiftingSession(work_minutes=30.0),
                    ],
                ),
                {},
            ),
        ),
        "plot_task": _function(
            "plot_task",
            lambda: ((box, body), {"load_kg": 8.0}),
            lambda: (("tie-shoes", body), {"quantity": "shear"}),
        ),
        "recommended_weight_limit": _function(
            "recommended_weight_limit",
            lambda: (
                (),
                {
                    "horizontal": 40.0,
                    "vertical": 50.0,
                    "distance": 50.0,
                    "frequency": 1.0,
                    "duration": "short",
                    "coupling": "fair",
                    "asymmetry": 30.0,
                    "load": 10.0,
                },
            ),
            lambda: (
                (),
                {
                    "horizontal": 16.0,
                    "vertical": 20.0,
                    "distance": 20.0,
                    "frequency": 2.0,
                    "duration": bs.LiftingDuration.MODERATE,
                    "coupling": bs.Coupling.GOOD,
                    "units": "us",
                },
            ),
        ),
        "sampled_frequency": _function(
            "sampled_frequency",
            lambda: ((), {"lifts_per_minute": 2.5, "minutes": 15.0}),
        ),
        "score_task": _function(
            "score_task",
            lambda: ((box, body), {"load_kg": 8.0}),
            lambda: (("tie-shoes", body), {"tasks": bs.tasks}),
        ),
        "task_swaps": _function(
            "task_swaps",
            lambda: ((box, body), {"way": "stoop", "load_kg": 8.0}),
            lambda: (("tie-shoes", body), {"tasks": bs.tasks}),
        ),
        "tasks": Entry(
            target=lambda: bs.tasks.get,
            calls=lambda: [(("tie-shoes",), {})],
            kind="method",
        ),
        "TaskSwapList": Entry(
            target=lambda: bs.TaskSwapList,
            calls=lambda: [((tuple(_s("TaskSwapList")),), {})],
            kind="class",
        ),
    }


def _episode_entries() -> dict[str, Entry]:
    return {
        "replay": _function(
            "replay",
            lambda: (
                (
                    _s("Episode"),
                    [
                        bs.MorningReport(day=DAY1, pain_next_morning=1),
                        attrs.evolve(
                            _s("Episode").sessions[0].report,
                            day=DAY1 + dt.timedelta(days=1),
                            pain_next_morning=None,
                        ),
                        bs.Clearance(cleared=True, by_clinician=True, on=DAY1),
                    ],
                ),
                {},
            ),
        ),
    }


def _frame() -> Any:
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame(
        {
            "exercise": ["split-squat", "goblet-squat"],
            "mass_kg": [80.0, 70.0],
            "height_m": [1.78, 1.7],
            "load_kg": [10.0, 16.0],
        }
    )


def _methods(cls_name: str) -> dict[str, Entry]:
    """Entries for the public methods of a sample class instance."""
    cls = getattr(bs, cls_name)
    out: dict[str, Entry] = {}
    for name, member in vars(cls).items():
        if name.startswith("_") or isinstance(member, property):
            continue
        if not callable(member) and not isinstance(
            member, classmethod | staticmethod
        ):
            continue
        out[f"{cls_name}.{name}"] = Entry(
            target=functools.partial(getattr, sample(cls_name), name),
            calls=functools.partial(_method_calls, cls_name, name),
            kind="method",
        )
    return out


#: Valid calls of the public methods, where an argument is needed.
_METHOD_CALLS: dict[str, Callable[[], list[Call]]] = {
    "Catalog.from_dict": lambda: [((catalog_document(),), {})],
    "Catalog.from_json": lambda: [
        ((__import__("json").dumps(catalog_document()),), {})
    ],
    "Catalog.from_toml": lambda: [((catalog_toml(),), {"max_bytes": 100_000})],
    "Catalog.read_file": lambda: [(("no-such-catalog.toml",), {})],
    "Catalog.extend": lambda: [
        (
            (
                [
                    attrs.evolve(
                        _s("Exercise"), slug="x-squat", easier=(), harder=()
                    )
                ],
            ),
            {},
        )
    ],
    "Catalog.get": lambda: [(("split-squat",), {})],
    "Catalog.filter": lambda: [
        ((), {"pattern": "lunge", "max_tier": 1, "equipment": ["dumbbell"]})
    ],
    "Config.green_max": lambda: [((bs.Phase.ACUTE,), {})],
    "Config.phase_for": lambda: [((6.0,), {})],
    "Limits.grade_compression": lambda: [((3000.0,), {})],
    "Limits.grade_shear": lambda: [((600.0,), {})],
    "Progression.step_on": lambda: [((DAY0 + dt.timedelta(days=3),), {})],
    "SpinalLoad.contribution": lambda: [((bs.LoadSource.UPPER_BODY,), {})],
    "TorsoLean.from_radians": lambda: [((0.5,), {})],
    "Config.min_days": lambda: [((bs.Phase.ACUTE,), {})],
    "Reason.of": lambda: [((next(iter(bs.ReasonCode)),), {})],
    "SessionReport.is_settled": lambda: [((), {"settle_tol": 0})],
    "DailyTask.way": lambda: [(("stoop",), {})],
    "TaskCollection.get": lambda: [(("tie-shoes",), {})],
    "TaskScore.way": lambda: [(("stoop",), {})],
    "Episode.begin": lambda: [
        (
            (),
            {
                "onset": DAY0 - dt.timedelta(days=120),
                "plan": _s("Episode").plan,
                "clearance": bs.Clearance(
                    cleared=True, by_clinician=True, on=DAY0
                ),
            },
        ),
        ((), {"onset": "2026-02-01", "dose": _s("Dose"), "phase": "acute"}),
    ],
    "Episode.record": lambda: [
        ((bs.MorningReport(day=DAY1, pain_next_morning=2),), {}),
        (
            (
                attrs.evolve(
                    _s("Episode").sessions[0].report,
                    day=DAY1 + dt.timedelta(days=1),
                    pain_next_morning=None,
                ),
            ),
            {},
        ),
    ],
    "Episode.clear": lambda: [
        ((bs.Clearance(cleared=True, by_clinician=True, on=DAY1),), {})
    ],
    "Episode.add_risk_factor": lambda: [
        ((next(iter(bs.RiskFactor)), DAY1), {})
    ],
    "Episode.restart": lambda: [
        ((), {"plan": _s("Episode").plan}),
        ((), {"dose": _s("Dose")}),
    ],
    "MorningReport.complete": lambda: [
        (
            (
                attrs.evolve(
                    _s("Episode").sessions[0].report, pain_next_morning=None
                ),
            ),
            {},
        )
    ],
    "Episode.phase_on": lambda: [
        ((DAY0 + dt.timedelta(days=3),), {"flare": True})
    ],
    "WorkoutItem.from_slug": lambda: [
        (("split-squat",), {"sets": 3, "reps": 8, "load_kg": 10})
    ],
}


def catalog_toml() -> str:
    """The valid catalog document, written as TOML."""
    lines = []
    for entry in catalog_document()["exercises"]:
        lines.append("[[exercises]]")
        lines.extend(
            f"{k} = {toml_value(v)}" for k, v in entry.items() if v is not None
        )
    return "\n".join(lines) + "\n"


def _method_calls(cls_name: str, name: str) -> list[Call]:
    key = f"{cls_name}.{name}"
    if key in _METHOD_CALLS:
        return _METHOD_CALLS[key]()
    method = getattr(sample(cls_name), name)
    params = inspect.signature(method).parameters.values()
    required = [
        p
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind not in {p.VAR_POSITIONAL, p.VAR_KEYWORD}
    ]
    if required:
        msg = f"{key} needs a valid call in _METHOD_CALLS"
        raise LookupError(msg)
    return [((), {})]


#: Methods of the tuple and attrs machinery, not backsafe's own API.
_INHERITED = {"count", "index"}


def _itself(obj: Any) -> Any:
    return obj


def _error_calls(cls: type) -> list[Call]:
    return [_error_call(cls)]


def _enum_calls(cls: type[enum.Enum]) -> list[Call]:
    return [((next(iter(cls)).value,), {})]


@functools.cache
def registry() -> dict[str, Entry]:
    """Every public name, and every public method of a public class."""
    entries = _builtins()
    for name in bs.__all__:
        obj = getattr(bs, name)
        if name in entries:
            continue
        if isinstance(obj, type) and issubclass(obj, BaseException):
            entries[name] = Entry(
                target=functools.partial(_itself, obj),
                calls=functools.partial(_error_calls, obj),
                kind="error",
            )
        elif isinstance(obj, type) and issubclass(obj, enum.Enum):
            entries[name] = Entry(
                target=functools.partial(_itself, obj),
                calls=functools.partial(_enum_calls, obj),
                kind="enum",
            )
        elif name in samples():
            entries[name] = _class_entry(name)
    for cls_name in samples():
        if cls_name in {
            "AlternativeList",
            "ExerciseSelection",
            "Advice",
            "TaskSwapList",
        }:
            continue
        entries.update(
            {
                key: entry
                for key, entry in _methods(cls_name).items()
                if key.rpartition(".")[2] not in _INHERITED
            }
        )
    return entries


# --- Calls -------------------------------------------------------------------


@st.composite
def broken_calls(draw: st.DrawFn, entry: Entry) -> Call:  # noqa: C901
    """A valid call of *entry* with some arguments replaced."""
    if entry.kind == "cli":  # argv: strings, as a shell gives them
        return draw(cli_argvs())
    if entry.documents is not None and draw(st.booleans()):
        return draw(entry.documents())
    args, kwargs = draw(st.sampled_from(entry.calls()))
    if entry.kind == "enum":  # Enum(value): one value, any value
        return (draw(mutants(args[0])),), {}
    if entry.kind == "error":  # any message, field and value
        extra = {}
        if entry.target() in {bs.InvalidInputError, bs.CatalogError}:
            extra = {"value": draw(junk()), "field": draw(st.text(max_size=9))}
        return (draw(st.text(max_size=30)), *args[1:]), {**kwargs, **extra}
    target = entry.target()
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        signature = None
    names = list(kwargs)
    if signature is not None:
        names += [
            p.name
            for p in list(signature.parameters.values())[len(args) :]
            if p.kind is p.KEYWORD_ONLY
            or (p.kind is p.POSITIONAL_OR_KEYWORD and p.name not in kwargs)
        ]
        names = list(dict.fromkeys(names))
    broken = list(args)
    count = draw(st.integers(1, 2))
    for _ in range(count):
        if broken and (not names or draw(st.booleans())):
            index = draw(st.integers(0, len(broken) - 1))
            broken[index] = draw(mutants(broken[index]))
        elif names:
            name = draw(st.sampled_from(names))
            if name in kwargs:
                kwargs = {**kwargs, name: draw(mutants(kwargs[name]))}
            else:
                kwargs = {**kwargs, name: draw(junk())}
    return tuple(broken), kwargs
