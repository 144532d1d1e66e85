"""Hypothesis strategies, one per domain type."""

import datetime as dt
from typing import Any

import attrs
from hypothesis import reject
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _constants as k


def bodies(
    *,
    min_mass_kg: float = k.MIN_BODY_MASS_KG,
    max_mass_kg: float = k.MAX_BODY_MASS_KG,
    min_height_m: float = k.MIN_HEIGHT_M,
    max_height_m: float = k.MAX_HEIGHT_M,
) -> st.SearchStrategy[bs.Body]:
    """Valid bodies, with or without a sex."""
    return st.builds(
        bs.Body,
        mass_kg=st.floats(min_mass_kg, max_mass_kg),
        height_m=st.floats(min_height_m, max_height_m),
        sex=st.none() | st.sampled_from(bs.Sex),
    )


def torso_leans(
    *, min_value: float = 0.0, max_value: float = 90.0
) -> st.SearchStrategy[bs.TorsoLean]:
    """Valid trunk leans."""
    return st.builds(bs.TorsoLean, degrees=st.floats(min_value, max_value))


def loads_kg(
    *, min_value: float = 0.0, max_value: float = k.MAX_LOAD_KG
) -> st.SearchStrategy[float]:
    """Valid external loads."""
    return st.floats(min_value, max_value)


TRUNK_BORNE = [p for p in bs.LoadPlacement if p.is_trunk_borne]
NOT_TRUNK_BORNE = [p for p in bs.LoadPlacement if not p.is_trunk_borne]


@st.composite
def postures(
    draw: st.DrawFn,
    *,
    supports: list[bs.Support] | None = None,
    placements: list[bs.LoadPlacement] | None = None,
) -> bs.Posture:
    """Valid postures: cross-field rules hold (load needs a placement...)."""
    support = draw(st.sampled_from(supports or list(bs.Support)))
    placement = draw(st.sampled_from(placements or list(bs.LoadPlacement)))
    load = 0.0 if placement is bs.LoadPlacement.NONE else draw(loads_kg())
    reach = (
        draw(st.floats(0.0, k.MAX_REACH_M))
        if placement is bs.LoadPlacement.HANDS_REACH
        else 0.0
    )
    tasks = [t for t in bs.CalibratedTask if t.support is support]
    task = draw(st.none() | st.sampled_from(tasks)) if tasks else None
    return bs.Posture(
        lean=draw(torso_leans()),
        support=support,
        load_kg=load,
        placement=placement,
        reach_m=reach,
        task=task,
    )


def free_standing_postures(
    *, placements: list[bs.LoadPlacement] | None = None
) -> st.SearchStrategy[bs.Posture]:
    """Postures scored by the static model."""
    return postures(supports=[bs.Support.FREE_STANDING], placements=placements)


_SLUG_WORDS = st.sampled_from(
    ["split", "squat", "lunge", "bridge", "curl", "hold", "step", "press"]
)


def slugs() -> st.SearchStrategy[str]:
    """Valid exercise slugs."""
    return st.lists(_SLUG_WORDS, min_size=1, max_size=3).map("-".join)


@st.composite
def exercises(draw: st.DrawFn) -> bs.Exercise:
    """Valid exercises (not necessarily sensible ones)."""
    support = draw(st.sampled_from(bs.Support))
    tasks = [t for t in bs.CalibratedTask if t.support is support]
    task = draw(st.none() | st.sampled_from(tasks)) if tasks else None
    lean_a = draw(torso_leans())
    lean_b = draw(torso_leans())
    low, high = sorted([lean_a, lean_b], key=lambda lean: lean.degrees)
    placement = draw(st.sampled_from(bs.LoadPlacement))
    stance = draw(st.sampled_from(bs.Stance))
    return bs.Exercise(
        slug=draw(slugs()),
        name=draw(st.sampled_from(["Split squat", "Bridge", "Curl-up"])),
        pattern=draw(st.sampled_from(bs.MovementPattern)),
        stance=stance,
        equipment=draw(
            st.frozensets(st.sampled_from(bs.Equipment), min_size=1)
        ),
        placement=placement,
        support=support,
        lean_min=low,
        lean_max=high,
        primary_muscles=draw(
            st.frozensets(st.sampled_from(bs.Muscle), min_size=1)
        ),
        working_leg_share=draw(st.floats(0.01, 1.0)),
        tier=draw(st.integers(0, 3)),
        task=task,
        reach_m=(
            draw(st.floats(0.0, 1.0))
            if placement is bs.LoadPlacement.HANDS_REACH
            else 0.0
        ),
        load_step_kg=draw(st.floats(0.1, k.MAX_LOAD_STEP_KG)),
    )


#: Values that no numeric field accepts.
BAD_NUMBERS = st.sampled_from(
    [float("nan"), float("inf"), float("-inf"), -1.0, -1e-9, "80", None, True]
)


# --- Serialization (issue 5) -----------------------------------------------


@st.composite
def limits(draw: st.DrawFn) -> bs.Limits:
    """Valid limits: each action limit below its maximum."""
    compression = sorted(
        draw(st.lists(st.floats(1.0, 50_000.0), min_size=2, max_size=2))
    )
    shear = sorted(
        draw(st.lists(st.floats(1.0, 10_000.0), min_size=2, max_size=2))
    )
    if compression[0] == compression[1] or shear[0] == shear[1]:
        return bs.Limits()
    return bs.Limits(
        compression_action_n=compression[0],
        compression_maximum_n=compression[1],
        shear_action_n=shear[0],
        shear_maximum_n=shear[1],
    )


def spinal_loads() -> st.SearchStrategy[bs.SpinalLoad]:
    """Spinal loads as the model computes them."""
    return st.builds(bs.spinal_load, postures(), bodies(), limits=limits())


def load_contributions() -> st.SearchStrategy[bs.LoadContribution]:
    """Contributions as the model computes them."""
    return spinal_loads().flatmap(
        lambda load: st.sampled_from(load.contributions)
    )


#: Arbitrary JSON values, for fuzzing the readers.
JSON_VALUES: st.SearchStrategy[object] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


# --- Batch scoring (issue 6) -----------------------------------------------


def posture_rows(
    *, min_size: int = 0, max_size: int = 30
) -> st.SearchStrategy[list[tuple[bs.Posture, bs.Body]]]:
    """Rows for `backsafe.spinal_load_many`: a posture and a body each."""
    return st.lists(
        st.tuples(postures(), bodies()), min_size=min_size, max_size=max_size
    )


def exercise_tables(
    *, min_size: int = 1, max_size: int = 5
) -> st.SearchStrategy[list[bs.Exercise]]:
    """Exercises with distinct slugs, to look slugs up in."""
    return st.lists(
        exercises(),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda exercise: exercise.slug,
    )


@st.composite
def logged_sets(
    draw: st.DrawFn,
    table: list[bs.Exercise],
    *,
    min_size: int = 0,
    max_size: int = 30,
) -> list[tuple[bs.Exercise, bs.Body, float, bs.TorsoLean]]:
    """Sets of exercises from *table*: body, total load and trunk lean."""
    size = draw(st.integers(min_size, max_size))
    rows = []
    for _ in range(size):
        exercise = draw(st.sampled_from(table))
        load = draw(loads_kg()) if exercise.takes_load else 0.0
        rows.append((exercise, draw(bodies()), load, draw(torso_leans())))
    return rows


# --- Progressions and decisions (issue 4) ----------------------------------

#: A Monday; progression tests count days from here.
DAY0 = dt.date(2026, 3, 2)


def _ladder_exercise(slug: str, **fields: Any) -> bs.Exercise:
    lean = fields.pop("lean", (0.0, 10.0))
    base: dict[str, Any] = {
        "name": slug.replace("-", " ").capitalize(),
        "pattern": bs.MovementPattern.SQUAT,
        "stance": bs.Stance.BILATERAL,
        "equipment": frozenset({bs.Equipment.BODYWEIGHT}),
        "placement": bs.LoadPlacement.NONE,
        "support": bs.Support.FREE_STANDING,
        "lean_min": bs.TorsoLean(degrees=lean[0]),
        "lean_max": bs.TorsoLean(degrees=lean[1]),
        "primary_muscles": frozenset(
            {bs.Muscle.QUADRICEPS, bs.Muscle.GLUTEUS_MAXIMUS}
        ),
    }
    base.update(fields)
    return bs.Exercise(slug=slug, **base)


_HOME = bs.TrainingMode.HOME_REPS
_STRENGTH = bs.TrainingMode.STRENGTH
_ISO = bs.TrainingMode.ISO_HOLDS
_CORE = {"lean": (90.0, 90.0), "modes": frozenset({_ISO})}

#: A small catalog with two ladders, the Big 3 and a stretch, so the
#: progression tests do not depend on the built-in catalog's contents.
LADDER: tuple[bs.Exercise, ...] = (
    _ladder_exercise(
        "glute-bridge",
        pattern=bs.MovementPattern.BRIDGE,
        support=bs.Support.SUPINE,
        placement=bs.LoadPlacement.PELVIS,
        lean=(90.0, 90.0),
        modes=frozenset({_HOME, _STRENGTH}),
        harder=("split-squat",),
    ),
    _ladder_exercise(
        "split-squat",
        pattern=bs.MovementPattern.LUNGE,
        stance=bs.Stance.SPLIT,
        placement=bs.LoadPlacement.HANDS_HANGING,
        lean=(5.0, 15.0),
        tier=1,
        modes=frozenset({_HOME, _STRENGTH}),
        easier=("glute-bridge",),
        harder=("goblet-squat",),
    ),
    _ladder_exercise(
        "goblet-squat",
        placement=bs.LoadPlacement.GOBLET,
        lean=(20.0, 35.0),
        tier=2,
        modes=frozenset({_STRENGTH}),
        easier=("split-squat",),
        harder=("back-squat",),
    ),
    _ladder_exercise(
        "back-squat",
        placement=bs.LoadPlacement.LOW_BAR_BACK,
        lean=(40.0, 60.0),
        tier=3,
        modes=frozenset({_STRENGTH}),
        easier=("goblet-squat",),
    ),
    _ladder_exercise(
        "curl-up",
        pattern=bs.MovementPattern.TRUNK_FLEXION,
        support=bs.Support.SUPINE,
        task=bs.CalibratedTask.CURL_UP,
        primary_muscles=frozenset({bs.Muscle.RECTUS_ABDOMINIS}),
        flags=frozenset({bs.ExerciseFlag.SPINAL_FLEXION}),
        **_CORE,
    ),
    _ladder_exercise(
        "side-bridge-knees",
        pattern=bs.MovementPattern.TRUNK_STABILITY,
        support=bs.Support.SIDE_LYING,
        task=bs.CalibratedTask.SIDE_BRIDGE,
        primary_muscles=frozenset({bs.Muscle.OBLIQUES}),
        harder=("side-bridge",),
        **_CORE,
    ),
    _ladder_exercise(
        "side-bridge",
        pattern=bs.MovementPattern.TRUNK_STABILITY,
        support=bs.Support.SIDE_LYING,
        task=bs.CalibratedTask.SIDE_BRIDGE,
        primary_muscles=frozenset({bs.Muscle.OBLIQUES}),
        easier=("side-bridge-knees",),
        **_CORE,
    ),
    _ladder_exercise(
        "hamstring-stretch",
        pattern=bs.MovementPattern.STRETCH,
        support=bs.Support.SUPINE,
        lean=(90.0, 90.0),
        primary_muscles=frozenset({bs.Muscle.HAMSTRINGS}),
        modes=frozenset({bs.TrainingMode.STRETCH}),
    ),
)
LADDER_BY_SLUG = {e.slug: e for e in LADDER}


def pain_scores() -> st.SearchStrategy[int]:
    """Valid 0-10 pain scores."""
    return st.integers(0, 10)


@st.composite
def progression_configs(draw: st.DrawFn) -> bs.Config:
    """Valid configs: every ordering and bound of §5.3 holds."""
    ceiling = draw(st.integers(1, 5))
    chronic = draw(st.integers(0, ceiling - 1))
    subacute = draw(st.integers(0, chronic))
    acute = draw(st.integers(0, subacute))
    days_chronic = draw(st.integers(2, 5))
    days_subacute = draw(st.integers(days_chronic, 6))
    subacute_weeks = draw(st.floats(1.0, 20.0))
    return bs.Config(
        red_ceiling=ceiling,
        green_max_acute=acute,
        green_max_subacute=subacute,
        green_max_chronic=chronic,
        settle_tol=draw(st.integers(0, 1)),
        trend_tol=draw(st.integers(1, 2)),
        load_increase=draw(st.floats(0.02, 0.10)),
        min_days_acute=draw(st.integers(days_subacute, 7)),
        min_days_subacute=days_subacute,
        min_days_chronic=days_chronic,
        min_qualifying_sessions=draw(st.integers(2, 3)),
        subacute_from_weeks=subacute_weeks,
        chronic_from_weeks=subacute_weeks + draw(st.floats(0.5, 20.0)),
    )


@st.composite
def progression_doses(
    draw: st.DrawFn, *, slugs: list[str] | None = None
) -> bs.Dose:
    """Valid doses of the `LADDER` exercises, in one of their modes."""
    exercise = LADDER_BY_SLUG[
        draw(st.sampled_from(slugs or sorted(LADDER_BY_SLUG)))
    ]
    mode = draw(st.sampled_from(sorted(exercise.modes)))
    slug = exercise.slug
    if mode is bs.TrainingMode.ISO_HOLDS:
        first = draw(st.integers(1, 10))
        pyramid = (first, max(1, first - 2), max(1, first - 4))
        return bs.Dose(
            exercise=slug,
            mode=mode,
            sets=3,
            reps=first,
            pyramid=pyramid,
            hold_s=draw(st.integers(8, 10)),
            max_reps=10,
        )
    if mode is bs.TrainingMode.STRETCH:
        return bs.Dose(
            exercise=slug,
            mode=mode,
            sets=draw(st.integers(1, 3)),
            reps=1,
            hold_s=draw(st.integers(10, 30)),
        )
    steps = [0.0, 1.25, 2.5] if exercise.takes_load else [0.0]
    step = draw(st.sampled_from(steps))
    load = step * draw(st.integers(0, 40))
    if mode is bs.TrainingMode.HOME_REPS:
        return bs.Dose(
            exercise=slug,
            mode=mode,
            reps=draw(st.integers(1, 15)),
            sessions_per_day=draw(st.integers(1, 3)),
            load_kg=load,
            load_step_kg=step,
            max_reps=15,
        )
    return bs.Dose(
        exercise=slug,
        mode=mode,
        sets=draw(st.integers(1, 4)),
        reps=draw(st.integers(1, 8)),
        load_kg=load,
        load_step_kg=step,
        min_reps=6,
        max_reps=8,
    )


@st.composite
def session_reports(
    draw: st.DrawFn,
    *,
    day: dt.date = DAY0,
    symptoms: list[bs.Symptom] | None = None,
) -> bs.SessionReport:
    """Valid session reports on *day*."""
    optional_pain = st.none() | pain_scores()
    sets = st.builds(
        bs.SetResult,
        reps=st.integers(0, 10),
        load_kg=st.sampled_from([0.0, 10.0, 20.0]),
        reps_in_reserve=st.none() | st.integers(0, 5),
    )
    return bs.SessionReport(
        day=day,
        pain_before=draw(pain_scores()),
        pain_during_max=draw(pain_scores()),
        pain_1h_after=draw(optional_pain),
        pain_next_morning=draw(optional_pain),
        stiffness_next_morning=draw(optional_pain),
        symptoms=draw(
            st.frozensets(st.sampled_from(symptoms or list(bs.Symptom)))
            if symptoms != []
            else st.just(frozenset())
        ),
        symptoms_persist_next_morning=draw(st.booleans()),
        sets=tuple(draw(st.lists(sets, max_size=4))),
    )


@st.composite
def decision_inputs(
    draw: st.DrawFn, *, cleared: bool | None = None
) -> tuple[bs.SessionReport, bs.Dose, bs.Context]:
    """A report, its dose and a context with a short history."""
    n_history = draw(st.integers(0, 4))
    history = tuple(
        draw(session_reports(day=DAY0 + dt.timedelta(days=i), symptoms=[]))
        for i in range(n_history)
    )
    day = DAY0 + dt.timedelta(days=n_history + draw(st.integers(0, 2)))
    is_cleared = draw(st.booleans()) if cleared is None else cleared
    clearance = (
        bs.Clearance(
            cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
        )
        if is_cleared
        else draw(st.none() | st.just(bs.Clearance(cleared=False, on=DAY0)))
    )
    context = bs.Context(
        phase=draw(st.sampled_from(bs.Phase)),
        clearance=clearance,
        red_flags=draw(
            st.frozensets(st.sampled_from(bs.RedFlag), max_size=2)
            | st.just(frozenset())
        ),
        history=history,
        programme_start=draw(st.none() | st.just(DAY0)),
        config=draw(st.just(bs.Config()) | progression_configs()),
    )
    report = draw(session_reports(day=day))
    return report, draw(progression_doses()), context


def _done(dose: bs.Dose) -> tuple[bs.SetResult, ...]:
    """Every set of *dose* done in full, 3 reps in reserve."""
    reps = dose.pyramid or (dose.reps,) * dose.sets
    return tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg,
            hold_s=dose.hold_s,
            reps_in_reserve=3,
        )
        for n in reps
    )


@st.composite
def ready_inputs(
    draw: st.DrawFn,
) -> tuple[bs.SessionReport, bs.Dose, bs.Context]:
    """Inputs that meet every progression criterion (GREEN, settled, dwell).

    Two green, settled sessions on separate days, a cleared person and no
    flags, in any phase with the default config.
    """
    phase = draw(st.sampled_from(bs.Phase))
    config = bs.Config()
    dose = draw(progression_doses())
    green = config.green_max(phase)

    def green_report(day: dt.date) -> bs.SessionReport:
        before = draw(st.integers(0, 10))
        return bs.SessionReport(
            day=day,
            pain_before=before,
            pain_during_max=draw(st.integers(0, green)),
            pain_next_morning=before,
            sets=_done(dose),
        )

    first = green_report(DAY0)
    report = green_report(DAY0 + dt.timedelta(days=config.min_days(phase)))
    context = bs.Context(
        phase=phase,
        clearance=bs.Clearance(
            cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
        ),
        history=(first,),
        config=config,
    )
    return report, dose, context


# --- Serialization of progressions (issue 5) -------------------------------


def dates() -> st.SearchStrategy[dt.date]:
    """Days around the progression tests' start."""
    return st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


def clearances() -> st.SearchStrategy[bs.Clearance]:
    """Valid clearances."""
    return st.builds(
        bs.Clearance,
        cleared=st.booleans(),
        on=dates(),
        by_clinician=st.booleans(),
        permits_tier3=st.booleans(),
    )


def recorded_risk_factors() -> st.SearchStrategy[bs.RecordedRiskFactor]:
    """Valid recorded risk factors."""
    return st.builds(
        bs.RecordedRiskFactor,
        factor=st.sampled_from(bs.RiskFactor),
        on=dates(),
    )


def set_results() -> st.SearchStrategy[bs.SetResult]:
    """Valid sets as done."""
    return st.builds(
        bs.SetResult,
        reps=st.integers(0, 100),
        load_kg=st.floats(0.0, 600.0),
        hold_s=st.floats(0.0, 600.0),
        reps_in_reserve=st.none() | st.integers(0, 10),
    )


def contexts() -> st.SearchStrategy[bs.Context]:
    """Valid decision contexts with a short history."""
    return decision_inputs().map(lambda inputs: inputs[2])


def outcomes() -> st.SearchStrategy[bs.Outcome]:
    """Outcomes as `decide` gives them, on the `LADDER` catalog."""
    return decision_inputs().map(
        lambda inputs: bs.decide(*inputs, catalog=LADDER)
    )


def reasons() -> st.SearchStrategy[bs.Reason]:
    """Reasons as `decide` gives them."""
    return outcomes().flatmap(lambda o: st.sampled_from(o.reasons))


@st.composite
def progressions(draw: st.DrawFn) -> bs.Progression:
    """Plans from `generate_progression` on the `LADDER` catalog."""
    exercise = draw(st.sampled_from(LADDER))
    mode = draw(st.sampled_from(sorted(exercise.modes)))
    phase = draw(st.sampled_from(bs.Phase))
    try:
        return bs.generate_progression(
            exercise,
            draw(bodies()),
            phase=phase,
            mode=mode,
            start=draw(dates()),
            weeks=draw(st.integers(1, 12)),
            load_kg=draw(st.sampled_from([0.0, 10.0, 20.0]))
            if exercise.takes_load and phase is not bs.Phase.ACUTE
            else 0.0,
            wake_time=draw(st.none() | st.times()),
            clearance=draw(st.none() | clearances()),
            catalog=LADDER,
        )
    except bs.InvalidInputError:
        reject()


def steps() -> st.SearchStrategy[bs.Step]:
    """Steps of generated plans."""
    return progressions().flatmap(lambda p: st.sampled_from(p.steps))


def criteria() -> st.SearchStrategy[bs.Criteria]:
    """Criteria of generated steps."""
    return steps().map(lambda step: step.criteria)


# --- Serialization of catalogs and workouts (issue 5) ----------------------


def catalogs() -> st.SearchStrategy[bs.Catalog]:
    """Valid catalogs: distinct slugs, no links."""
    return st.lists(exercises(), max_size=4, unique_by=lambda e: e.slug).map(
        lambda found: bs.Catalog(exercises=tuple(found))
    )


@st.composite
def workout_items(draw: st.DrawFn) -> bs.WorkoutItem:
    """Valid workout items on the `LADDER` exercises."""
    exercise = draw(st.sampled_from(LADDER))
    return bs.WorkoutItem(
        exercise=exercise,
        sets=draw(st.integers(1, 20)),
        reps=draw(st.integers(1, 1000)),
        load_kg=draw(loads_kg()) if exercise.takes_load else 0.0,
    )


def workouts() -> st.SearchStrategy[bs.Workout]:
    """Valid workouts of one to five items."""
    return st.builds(
        bs.Workout,
        items=st.lists(workout_items(), min_size=1, max_size=5).map(tuple),
        name=st.none() | st.sampled_from(["Leg day", "Home session"]),
    )


def workout_rewrites() -> st.SearchStrategy[bs.WorkoutRewrite]:
    """Rewrites as `rewrite_workout` gives them, on the `LADDER`."""
    return st.builds(
        bs.rewrite_workout,
        workouts(),
        bodies(),
        max_level=st.sampled_from(bs.StressLevel),
        max_tier=st.none() | st.integers(0, 3),
        catalog=st.just(LADDER),
    )


def workout_changes() -> st.SearchStrategy[bs.WorkoutChange]:
    """Changes of generated rewrites."""
    return (
        workout_rewrites()
        .filter(lambda rewrite: bool(rewrite.changes))
        .flatmap(lambda rewrite: st.sampled_from(rewrite.changes))
    )


@st.composite
def alternative_results(draw: st.DrawFn) -> bs.Alternative:
    """Alternatives as `alternatives` gives them, on the `LADDER`.

    Drawn from the ladder's exercises that have any: a loaded bridge is
    ungraded (a load on the pelvis), so the others have none to offer.
    """
    exercise = draw(
        st.sampled_from(
            [e for e in LADDER if e.slug in {"goblet-squat", "back-squat"}]
        )
    )
    found = bs.alternatives(
        exercise,
        draw(bodies()),
        load_kg=draw(loads_kg(max_value=200.0))
        if exercise.takes_load
        else 0.0,
        catalog=LADDER,
        keep_pattern=False,  # the LADDER mixes patterns on purpose
    )
    if not found:
        reject()
    return draw(st.sampled_from(found))


# --- The built-in catalog and alternatives (issue 3) ----------------------


def catalog_exercises(
    *, legs_only: bool = False, loaded_only: bool = False
) -> st.SearchStrategy[bs.Exercise]:
    """Exercises of the built-in catalog (leg work, or loaded, if asked)."""
    trunk = {
        bs.MovementPattern.TRUNK_FLEXION,
        bs.MovementPattern.TRUNK_STABILITY,
        bs.MovementPattern.TRUNK_EXTENSION,
        bs.MovementPattern.STRETCH,
    }
    found = [
        e
        for e in bs.catalog
        if (e.takes_load or not loaded_only)
        and (e.pattern not in trunk or not legs_only)
    ]
    return st.sampled_from(found)


def training_bodies() -> st.SearchStrategy[bs.Body]:
    """Adults in the usual training range, 45-150 kg and 1.45-2.05 m."""
    return bodies(
        min_mass_kg=45.0,
        max_mass_kg=150.0,
        min_height_m=1.45,
        max_height_m=2.05,
    )


@st.composite
def catalog_workout_items(
    draw: st.DrawFn, *, max_load_kg: float = 200.0
) -> bs.WorkoutItem:
    """Workout items on the built-in catalog's exercises."""
    exercise = draw(catalog_exercises())
    return bs.WorkoutItem(
        exercise=exercise,
        sets=draw(st.integers(1, 6)),
        reps=draw(st.integers(1, 20)),
        load_kg=draw(loads_kg(max_value=max_load_kg))
        if exercise.takes_load
        else 0.0,
    )


# --- Richer decision inputs (issue 4 safety review) ------------------------


@st.composite
def rich_decision_inputs(
    draw: st.DrawFn,
) -> tuple[bs.SessionReport, bs.Dose, bs.Context]:
    """Decision inputs with earlier outcomes, risk factors and a body.

    The earlier outcomes are `decide`'s own, some under a red flag (so
    some are stops); the clearance may be missing, refused, dated before
    or after the last stop, or in the future; risk factors may be recorded
    before, on or after its day.
    """
    report, dose, base = draw(decision_inputs(cleared=True))
    body = draw(st.none() | training_bodies())
    decisions: list[bs.Outcome] = []
    for n, earlier in enumerate(base.history):
        flags = draw(st.frozensets(st.sampled_from(bs.RedFlag), max_size=1))
        decisions.append(
            bs.decide(
                earlier,
                dose,
                bs.Context(
                    phase=base.phase,
                    clearance=base.clearance,
                    red_flags=flags,
                    history=base.history[:n],
                    decisions=tuple(decisions),
                    programme_start=base.programme_start,
                    body=body,
                    config=base.config,
                ),
                catalog=LADDER,
            )
        )
    days = st.dates(DAY0 - dt.timedelta(days=3), report.day)
    clearance = draw(
        st.none()
        | st.builds(
            bs.Clearance,
            cleared=st.booleans(),
            on=st.dates(
                DAY0 - dt.timedelta(days=3),
                report.day + dt.timedelta(days=2),
            ),
            by_clinician=st.booleans(),
            permits_tier3=st.booleans(),
        )
    )
    risk_factors = tuple(
        sorted(
            draw(
                st.lists(
                    st.builds(
                        bs.RecordedRiskFactor,
                        factor=st.sampled_from(bs.RiskFactor),
                        on=days,
                    ),
                    max_size=2,
                )
            ),
            key=lambda r: r.on,
        )
    )
    context = bs.Context(
        phase=base.phase,
        clearance=clearance,
        red_flags=base.red_flags,
        risk_factors=risk_factors,
        history=base.history,
        decisions=tuple(decisions),
        programme_start=base.programme_start,
        body=body,
        config=base.config,
    )
    return report, dose, context


@st.composite
def rich_ready_inputs(
    draw: st.DrawFn,
) -> tuple[bs.SessionReport, bs.Dose, bs.Context]:
    """`ready_inputs` with the extras of `rich_decision_inputs`.

    A body or none, `decide`'s own outcome for the earlier session, a
    clinician's clearance that may permit tier 3, and risk factors recorded
    up to the clearance's day: most of these still progress, so a property
    about step ups needs little filtering.
    """
    report, dose, base = draw(ready_inputs())
    body = draw(st.none() | training_bodies())
    clearance = bs.Clearance(
        cleared=True,
        on=DAY0 - dt.timedelta(days=draw(st.integers(1, 3))),
        by_clinician=True,
        permits_tier3=draw(st.booleans()),
    )
    earlier = bs.Context(
        phase=base.phase,
        clearance=clearance,
        body=body,
        config=base.config,
    )
    first = base.history[0]
    decisions = draw(
        st.sampled_from(
            [(), (bs.decide(first, dose, earlier, catalog=LADDER),)]
        )
    )
    risk_factors = tuple(
        sorted(
            draw(
                st.lists(
                    st.builds(
                        bs.RecordedRiskFactor,
                        factor=st.sampled_from(bs.RiskFactor),
                        on=st.dates(
                            clearance.on - dt.timedelta(days=3), clearance.on
                        ),
                    ),
                    max_size=2,
                )
            ),
            key=lambda r: r.on,
        )
    )
    context = attrs.evolve(
        earlier,
        risk_factors=risk_factors,
        history=base.history,
        decisions=decisions,
    )
    return report, dose, context


# --- The lifting equation and everyday tasks (issue 14) --------------------


@st.composite
def lifting_tasks(
    draw: st.DrawFn, *, units: str | None = None, max_frequency: float = 8.0
) -> bs.LiftingTask:
    """Valid lifting tasks; F at most 8, which every Table 5 column allows."""
    system = (
        draw(st.sampled_from(["metric", "us"])) if units is None else units
    )
    h_max, v_max, m_max = (
        (63.0, 175.0, 1000.0) if system == "metric" else (25.0, 70.0, 2200.0)
    )
    load = draw(st.floats(0.0, m_max))
    return bs.LiftingTask(
        horizontal_origin=draw(st.floats(0.0, h_max)),
        vertical_origin=draw(st.floats(0.0, v_max)),
        horizontal_destination=draw(st.floats(0.0, h_max)),
        vertical_destination=draw(st.floats(0.0, v_max)),
        frequency=draw(st.floats(0.0, max_frequency)),
        coupling=draw(st.sampled_from(bs.Coupling)),
        load=load,
        maximum_load=draw(st.none() | st.floats(load, m_max)),
        asymmetry_origin=draw(st.floats(0.0, 135.0)),
        asymmetry_destination=draw(st.floats(0.0, 135.0)),
        significant_control=draw(st.booleans()),
        units=system,
    )


def lift_analyses() -> st.SearchStrategy[bs.LiftAnalysis]:
    """Analyses as `analyze_lift` gives them."""
    return st.builds(
        bs.analyze_lift,
        lifting_tasks(),
        duration=st.sampled_from(bs.LiftingDuration),
    )


def recommended_weight_limits() -> st.SearchStrategy[
    bs.RecommendedWeightLimit
]:
    """Limits at the origin of generated lifts."""
    return lift_analyses().map(lambda analysis: analysis.origin)


def lifting_sessions() -> st.SearchStrategy[bs.LiftingSession]:
    """Valid sessions of lifting."""
    return st.builds(
        bs.LiftingSession,
        work_minutes=st.floats(0.01, 480.0),
        recovery_minutes=st.none() | st.floats(0.0, 1440.0),
    )


def composite_indices() -> st.SearchStrategy[bs.CompositeLiftingIndex]:
    """Composite indices of one to three metric tasks of F <= 2 each."""
    return st.builds(
        bs.composite_lifting_index,
        st.lists(
            lifting_tasks(units="metric", max_frequency=2.0),
            min_size=1,
            max_size=3,
        ),
        duration=st.sampled_from(bs.LiftingDuration),
    )


def task_indices() -> st.SearchStrategy[bs.TaskIndices]:
    """The tasks' indices of generated composite indices."""
    return composite_indices().flatmap(lambda c: st.sampled_from(c.tasks))


def daily_tasks() -> st.SearchStrategy[bs.DailyTask]:
    """The built-in everyday tasks."""
    return st.sampled_from(list(bs.tasks))


def task_ways() -> st.SearchStrategy[bs.TaskWay]:
    """Ways of the built-in tasks."""
    return daily_tasks().flatmap(lambda t: st.sampled_from(t.ways))


def task_collections() -> st.SearchStrategy[bs.TaskCollection]:
    """Collections of up to four built-in tasks."""
    return st.lists(daily_tasks(), max_size=4, unique_by=lambda t: t.slug).map(
        lambda found: bs.TaskCollection(tasks=tuple(found))
    )


@st.composite
def task_scores(draw: st.DrawFn) -> bs.TaskScore:
    """Scores of built-in tasks, at their own load or another."""
    task = draw(daily_tasks())
    load = draw(st.floats(0.5, 40.0)) if task.load_kg else None
    return bs.score_task(task, draw(training_bodies()), load_kg=load)


def way_scores() -> st.SearchStrategy[bs.WayScore]:
    """Ways of generated task scores."""
    return task_scores().flatmap(lambda s: st.sampled_from(s.ways))


@st.composite
def task_swap_results(draw: st.DrawFn) -> bs.TaskSwap:
    """Swaps as `task_swaps` gives them."""
    task = draw(daily_tasks())
    found = bs.task_swaps(task, draw(training_bodies()))
    if not found:
        reject()
    return draw(st.sampled_from(found))


#: One strategy per public class of the lifting equation and the tasks,
#: for the round-trip and schema tests.
DAILY_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    bs.LiftingTask: lifting_tasks(),
    bs.LiftAnalysis: lift_analyses(),
    bs.RecommendedWeightLimit: recommended_weight_limits(),
    bs.LiftingSession: lifting_sessions(),
    bs.CompositeLiftingIndex: composite_indices(),
    bs.TaskIndices: task_indices(),
    bs.DailyTask: daily_tasks(),
    bs.TaskWay: task_ways(),
    bs.TaskCollection: task_collections(),
    bs.TaskScore: task_scores(),
    bs.WayScore: way_scores(),
    bs.TaskSwap: task_swap_results(),
}


# --- Episodes (issue 12) ---------------------------------------------------


def placed_symptoms() -> st.SearchStrategy[bs.PlacedSymptom]:
    """Valid symptoms with a place."""
    return st.builds(
        bs.PlacedSymptom,
        symptom=st.sampled_from(bs.Symptom),
        site=st.sampled_from(bs.SymptomSite),
        next_morning=st.none() | st.booleans(),
    )


def morning_reports(
    *, day: dt.date = DAY0
) -> st.SearchStrategy[bs.MorningReport]:
    """Valid next-morning answers for a session on *day*."""
    return st.builds(
        bs.MorningReport,
        day=st.just(day),
        pain_next_morning=pain_scores(),
        stiffness_next_morning=st.none() | pain_scores(),
        symptoms_still_there=st.frozensets(st.sampled_from(bs.Symptom)),
        red_flags=st.frozensets(st.sampled_from(bs.RedFlag), max_size=1),
    )


@st.composite
def evening_reports(
    draw: st.DrawFn, *, day: dt.date, dose: bs.Dose | None
) -> bs.SessionReport:
    """Evening reports on *day*: no next-morning answer yet."""
    reps = dose.pyramid or (dose.reps,) * dose.sets if dose else ()
    done = tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg if dose else 0.0,
            hold_s=dose.hold_s if dose else 0.0,
            reps_in_reserve=3,
        )
        for n in reps
    )
    return bs.SessionReport(
        day=day,
        pain_before=draw(st.integers(0, 6)),
        pain_during_max=draw(st.integers(0, 7)),
        symptoms=draw(
            st.just(frozenset())
            | st.frozensets(st.sampled_from(bs.Symptom), max_size=1)
        ),
        placed_symptoms=tuple(draw(st.lists(placed_symptoms(), max_size=1))),
        flare=draw(st.booleans()),
        sets=draw(st.just(done) | st.just(())),
    )


@st.composite
def episode_plans(draw: st.DrawFn) -> bs.Progression:
    """Short plans of the `LADDER`'s bridge or split squat (cheap)."""
    slug = draw(st.sampled_from(["glute-bridge", "split-squat"]))
    return bs.generate_progression(
        slug,
        bs.Body(mass_kg=80, height_m=1.78),
        phase=draw(st.sampled_from(bs.Phase)),
        mode=draw(st.sampled_from([_HOME, _STRENGTH])),
        start=draw(dates()),
        weeks=draw(st.integers(1, 2)),
        catalog=LADDER,
    )


@st.composite
def episodes(draw: st.DrawFn, *, min_sessions: int = 0) -> bs.Episode:
    """Episodes from `Episode.begin`, with a few sessions recorded."""
    plan = draw(episode_plans())
    onset = plan.start - dt.timedelta(days=draw(st.integers(0, 200)))
    clearance = draw(
        st.none()
        | st.just(bs.Clearance(cleared=True, by_clinician=True, on=plan.start))
    )
    episode = bs.Episode.begin(
        onset=onset, plan=plan, clearance=clearance, catalog=LADDER
    )
    day = plan.start
    for _ in range(draw(st.integers(min_sessions, 2))):
        dose = episode.plan.step_on(day).dose if episode.plan else None
        report = draw(evening_reports(day=day, dose=dose))
        episode, _ = episode.record(report, catalog=LADDER)
        if draw(st.booleans()):
            morning = draw(morning_reports(day=day))
            episode, _ = episode.record(morning, catalog=LADDER)
        day += dt.timedelta(days=draw(st.integers(1, 3)))
        if episode.plan is not None and day >= episode.plan.end:
            break
    return episode


def episode_sessions() -> st.SearchStrategy[bs.Session]:
    """Sessions of generated episodes."""
    return episodes(min_sessions=1).flatmap(
        lambda episode: st.sampled_from(episode.sessions)
    )
