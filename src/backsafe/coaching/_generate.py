"""generate_progression: plan a progression of one exercise or its ladder.

Pure functions; the catalog is a parameter. Numbers are from the
clinical-rules note (§7 progression, §9 tiers and caps).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from backsafe import _validation as v
from backsafe.coaching._caps import (
    Index,
    Limitations,
    index_of,
    load_cap_n,
    max_tier,
    permits,
    scored,
)
from backsafe.coaching._doses import (
    MAX_ISO_HOLD_S,
    MAX_STRETCH_HOLD_S,
    MIN_STRETCH_HOLD_S,
    Change,
    Dose,
)
from backsafe.coaching._phases import DEFAULT_CONFIG, Config, Phase
from backsafe.coaching._planned import Pace, friendlier, next_planned
from backsafe.coaching._progression import Criteria, Progression, Step
from backsafe.coaching._reports import Clearance
from backsafe.coaching._stepping import (
    MIN_REPS_IN_RESERVE,
    deload,
    first_dose,
    is_deload_week,
)
from backsafe.coaching._weekly import (
    acute_upright,
    default_sessions_per_week,
    max_sessions_per_week,
    step_gap_days,
)
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._equipment import LoadUnit
from backsafe.exercises._exercise import Exercise, ExerciseFlag, TrainingMode
from backsafe.spine._size_limits import person_limits
from backsafe.spine._types import Body, Limits


def _criteria(
    mode: TrainingMode, phase: Phase, config: Config, gap: int
) -> Criteria:
    return Criteria(
        min_sessions=config.min_qualifying_sessions,
        min_days=max(config.min_days(phase), gap),
        max_pain_during=config.green_max(phase),
        settle_tol=config.settle_tol,
        min_reps_in_reserve=(
            MIN_REPS_IN_RESERVE if mode is TrainingMode.STRENGTH else 0
        ),
    )


def _guard(
    exercise: Exercise, wake_time: dt.time | None, config: Config
) -> tuple[int | None, dt.time | None]:
    """No spinal flexion within the guard after waking (Snook 1998).

    Returns the minutes after waking, which never wrap past midnight, and
    the same moment as a clock time (the next day when it is earlier than
    the wake time).
    """
    if wake_time is None or not exercise.flags & _FLEXION:
        return None, None
    woke = dt.datetime.combine(dt.date(2000, 1, 1), wake_time)
    minutes = config.morning_guard_min
    return minutes, (woke + dt.timedelta(minutes=minutes)).time()


_FLEXION: Final = frozenset(
    {ExerciseFlag.SPINAL_FLEXION, ExerciseFlag.LOADED_SPINAL_FLEXION}
)


def plan(
    dose: Dose,
    *,
    start: dt.date,
    end: dt.date,
    programme_start: dt.date,
    caps: Limitations,
    body: Body,
    index: Index,
    wake_time: dt.time | None,
    sessions_per_week: int | None = None,
    unit: LoadUnit | None = None,
) -> Progression:
    """Plan from *dose* on *start* until *end* (exclusive).

    *sessions_per_week* is the mode's and phase's default when None;
    load steps go to the gym's loads marked in *unit*, or step on each
    dose's own load step when it is None.
    """
    config = caps.config
    if sessions_per_week is None:
        sessions_per_week = default_sessions_per_week(dose.mode, caps.phase)
    exercise = index[dose.exercise]
    gap = step_gap_days(dose.mode, caps.phase, config, sessions_per_week)
    criteria = _criteria(dose.mode, caps.phase, config, gap)

    def make(
        day: dt.date, ex: Exercise, d: Dose, change: Change | None
    ) -> Step:
        load = scored(ex, body, d.load_kg, caps.limits)
        after_waking, earliest = _guard(ex, wake_time, config)
        return Step(
            starts_on=day,
            dose=d,
            tier=ex.tier,
            compression_n=load.compression_n,
            level=load.level,
            change=change,
            criteria=criteria,
            after_waking_min=after_waking,
            earliest_start=earliest,
            warm_up_first=d.mode is TrainingMode.STRETCH,
        )

    steps = [make(start, exercise, dose, None)]
    visited = {exercise.slug}
    pace = Pace(sessions_per_week=sessions_per_week, since=start, unit=unit)
    due = start + dt.timedelta(days=gap)
    saved: Dose | None = None
    day = start
    while (day := day + dt.timedelta(days=1)) < end:
        if dose.mode is TrainingMode.STRENGTH and is_deload_week(
            day, programme_start
        ):
            light = deload(dose) if saved is None else None
            if light is not None:
                saved, dose = dose, light
                steps.append(make(day, exercise, dose, Change.DELOAD))
            continue
        if saved is not None:
            dose, saved = saved, None
            steps.append(make(day, exercise, dose, Change.RESTORE))
            due = day + dt.timedelta(days=gap)
            continue
        if day < due:
            continue
        moved = next_planned(
            dose,
            exercise,
            day=day,
            caps=caps,
            body=body,
            index=index,
            pace=pace,
            visited=visited,
        )
        if moved is None:
            continue
        dose, change = moved
        if dose.exercise != exercise.slug:
            pace = attrs.evolve(pace, since=day)
        exercise = index[dose.exercise]
        visited.add(exercise.slug)
        steps.append(make(day, exercise, dose, change))
        due = day + dt.timedelta(days=gap)
    return Progression(
        exercise=steps[0].dose.exercise,
        mode=dose.mode,
        programme_start=programme_start,
        phase=caps.phase,
        body=body,
        start=start,
        end=end,
        load_cap_n=caps.cap_n,
        max_tier=caps.max_tier,
        wake_time=wake_time,
        steps=tuple(steps),
        sessions_per_week=sessions_per_week,
        unit=unit,
    )


def generate_progression(
    exercise: Exercise | str,
    body: Body,
    *,
    phase: Phase | str,
    mode: TrainingMode | str,
    start: dt.date | str,
    weeks: int = 8,
    load_kg: float = 0.0,
    load_step_kg: float | None = None,
    hold_s: float | None = None,
    clearance: Clearance | None = None,
    wake_time: dt.time | None = None,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits | None = None,
    sessions_per_week: int | None = None,
    unit: LoadUnit | str = LoadUnit.KG,
) -> Progression:
    """Plan a progression of *exercise* for *body* in *phase*.

    The modes follow the founding article and clinical-rules §7:

    - home reps: 5 reps, 3 times a day, +1 rep every few days up to 15,
      then the next exercise up the ladder; in the acute phase upright
      and split-stance work stays within a daily cap (2 sessions a day,
      at most 24 reps per leg a day), the article's start is for the
      floor exercises;
    - strength: 3 sets, 6-12 reps on each leg, reps first, then the next
      load on the equipment's grid with reps reset (a step of more than
      10 %, such as the next dumbbell, only when one set's work does not
      grow), then a 4th set with reps reset, then the ladder; a step at
      most once a week of sessions; an easy week every 6th week;
    - iso holds: 8-10 s holds in a 5-3-1 reverse pyramid, +1 rep per set,
      never longer holds;
    - stretches: 3 holds of 20-30 s, always after a warm-up, no
      progression.

    Every planned step changes one thing, adds at most
    *config.max_volume_growth* to the weekly volume (sets x reps x
    sessions per leg), and an exercise is kept at least
    *config.min_weeks_per_exercise* weeks before the ladder moves on.
    While the phase is acute, no ladder leads to a loaded machine.

    No step reaches the phase's tier cap or spinal-load cap (acute and
    subacute: below the action limit; chronic: below the maximum
    permissible limit unless *clearance* permits tier 3), against this
    person's limits unless *limits* are given. Where the next
    step would, the plan switches to a back-friendlier exercise from
    *catalog*. With a *wake_time*, exercises that flex the spine get an
    earliest start 2 hours after waking.

    Args:
        exercise: The exercise or its slug.
        body: The person.
        phase: The phase of the episode, or its value (``"chronic"``).
        mode: How to dose it, or its value; one of the exercise's modes.
        start: The first day.
        weeks: How long to plan, 1-52 weeks.
        load_kg: Strength mode: a light starting load (3 or more reps in
            reserve); 0 in the acute phase for loads the trunk carries.
        load_step_kg: The smallest load change the equipment allows; the
            exercise's own step by default.
        hold_s: Seconds per hold (iso holds 1-10, stretches 10-30).
        clearance: A clinician's clearance; its *permits_tier3* lifts the
            chronic caps.
        wake_time: When the person wakes up.
        catalog: Where ladders and alternatives come from; the built-in
            catalog by default.
        config: The thresholds.
        limits: The spinal-load limits; this person's by default
            (`size_scaled_limits`: NIOSH's and McGill's figures scaled to
            the body's size, unchanged at 80 kg); pass `Limits()` for the
            fixed ones.
        sessions_per_week: Sessions a week: 1-3 for strength (default 2,
            3 when chronic; ACSM 2009), 1-7 otherwise (default 7, daily).
        unit: What the gym's weights are marked in, ``"kg"`` or ``"lb"``:
            load steps go to the next load a normal gym offers for the
            exercise, never past its heaviest. With *load_step_kg* the
            plan steps on that uniform grid instead.

    Returns:
        The plan.

    Raises:
        InvalidInputError: Bad input, or no exercise within the caps.

    >>> import datetime
    >>> from backsafe import Body, TrainingMode, catalog
    >>> plan = generate_progression(
    ...     "glute-bridge",
    ...     Body(mass_kg=80, height_m=1.78),
    ...     phase=Phase.ACUTE,
    ...     mode=TrainingMode.HOME_REPS,
    ...     start=datetime.date(2026, 3, 2),
    ...     weeks=2,
    ...     catalog=catalog,
    ... )
    >>> [(s.starts_on.day, s.dose.reps) for s in plan.steps][:3]
    [(2, 5), (5, 6), (8, 7)]

    .. versionadded:: 0.1.0
    """
    # One rule at the boundary: enum values and any real number type.
    phase = v.coerce_member("phase", phase, Phase)
    mode = v.coerce_member("mode", mode, TrainingMode)
    unit = v.coerce_member("unit", unit, LoadUnit)
    weeks = v.coerce_int("weeks", weeks, min_value=1, max_value=52)
    start = v.coerce_date("start", start)
    load_kg = v.coerce_real("load_kg", load_kg, min_value=0.0, max_value=600.0)
    if load_step_kg is not None:
        load_step_kg = v.coerce_real(
            "load_step_kg", load_step_kg, min_value=0.0, max_value=50.0
        )
    if sessions_per_week is not None:
        sessions_per_week = v.coerce_int(
            "sessions_per_week",
            sessions_per_week,
            min_value=1,
            max_value=max_sessions_per_week(mode),
        )
    load, step = _check_plan_inputs(
        body,
        phase=phase,
        mode=mode,
        start=start,
        weeks=weeks,
        load_kg=load_kg,
        load_step_kg=load_step_kg,
        hold_s=hold_s,
        wake_time=wake_time,
        config=config,
        clearance=clearance,
        limits=limits,
    )
    index = index_of(catalog)
    if isinstance(exercise, Exercise):
        index[exercise.slug] = exercise
        ex = exercise
    else:
        ex = _lookup(index, exercise)
    if mode not in ex.modes:
        raise InvalidInputError.out_of_range(
            "mode",
            mode.value,
            f"one of {v.all_members(sorted(ex.modes))} for {ex.slug!r}",
        )
    if load > 0 and not ex.takes_load:
        raise InvalidInputError.out_of_range(
            "load_kg", load_kg, f"0 for {ex.slug!r}, which takes no load"
        )
    if load > 0 and phase is Phase.ACUTE:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            "0 in the acute phase (bodyweight only, no external load)",
        )
    allowed = permits(clearance)
    graded_by = person_limits(body, limits)
    caps = Limitations(
        phase=phase,
        max_tier=max_tier(phase, permits_tier3=allowed),
        cap_n=load_cap_n(phase, graded_by, permits_tier3=allowed),
        body=body,
        limits=graded_by,
        config=config,
    )
    if step is None:
        step = ex.load_step_kg if ex.takes_load else 0.0
    dose = acute_upright(
        ex,
        first_dose(ex, mode, load_kg=load, load_step_kg=step, hold_s=hold_s),
        phase,
    )
    if not caps.allows(ex, dose):
        moved = friendlier(
            dose, ex, caps=caps, body=body, index=index, visited={ex.slug}
        )
        if moved is None:
            raise InvalidInputError.out_of_range(
                "exercise",
                ex.slug,
                f"an exercise of tier <= {caps.max_tier} below the"
                f" {phase.value} phase's spinal-load cap at {load:g} kg,"
                " or a catalog alternative to it",
            )
        dose = moved
    return plan(
        dose,
        start=start,
        end=start + dt.timedelta(weeks=weeks),
        programme_start=start,
        caps=caps,
        body=body,
        index=index,
        wake_time=wake_time,
        sessions_per_week=sessions_per_week,
        unit=unit if load_step_kg is None else None,
    )


def _check_plan_inputs(
    body: object,
    *,
    phase: object,
    mode: object,
    start: object,
    weeks: object,
    load_kg: object,
    load_step_kg: object,
    hold_s: object,
    wake_time: object,
    config: object,
    clearance: object,
    limits: object,
) -> tuple[float, float | None]:
    v.check_member("phase", phase, Phase)
    v.check_member("mode", mode, TrainingMode)
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise InvalidInputError.out_of_range("start", start, "a datetime.date")
    span = v.check_int("weeks", weeks, min_value=1, max_value=52)
    # A year of headroom past the plan keeps every date the planner looks
    # ahead to (the next step's due day) representable.
    last = dt.date.max - dt.timedelta(weeks=span, days=366)
    if start > last:
        raise InvalidInputError.out_of_range(
            "start", start, f"on or before {last} for a {weeks}-week plan"
        )
    load = v.check_real("load_kg", load_kg, min_value=0.0, max_value=600.0)
    step = (
        None
        if load_step_kg is None
        else v.check_real(
            "load_step_kg", load_step_kg, min_value=0.0, max_value=50.0
        )
    )
    if hold_s is not None:
        low, high = (
            (1, MAX_ISO_HOLD_S)
            if mode is TrainingMode.ISO_HOLDS
            else (MIN_STRETCH_HOLD_S, MAX_STRETCH_HOLD_S)
        )
        v.check_real("hold_s", hold_s, min_value=low, max_value=high)
    if wake_time is not None and not isinstance(wake_time, dt.time):
        raise InvalidInputError.out_of_range(
            "wake_time", wake_time, "a datetime.time or None"
        )
    check_options(config=config, limits=limits)
    if clearance is not None and not isinstance(clearance, Clearance):
        raise InvalidInputError.out_of_range(
            "clearance", clearance, "a Clearance or None"
        )
    return load, step


def check_options(*, config: object, limits: object) -> None:
    """Refuse a *config* or *limits* of the wrong type (None: the person's)."""
    if not isinstance(config, Config):
        raise InvalidInputError.out_of_range("config", config, "a Config")
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range(
            "limits", limits, "a Limits or None"
        )


def _lookup(index: Index, slug: object) -> Exercise:
    name = v.check_slug("exercise", slug)
    try:
        return index[name]
    except KeyError:
        raise UnknownExerciseError(name) from None
