"""The next planned step of a generated plan: one thing up, within bounds.

A plan (unlike a decision on one report) knows the week: it steps at
most once a week of strength sessions, keeps an exercise for the
configured weeks, lets the weekly volume grow by a bounded share, and in
the acute phase keeps upright work within its daily cap and off loaded
machines. The order of a strength step is the double progression of
clinical-rules §7.3 over a wide rep range: reps up to the top of the
range, then the next load the equipment offers with the reps back at the
bottom, then one more set with the reps back at the bottom, then the next
exercise of the ladder.

Pure functions; the catalog index is a parameter.
"""

import datetime as dt
import functools
import math
from typing import Final

import attrs

from backsafe.coaching._caps import Index, Limitations
from backsafe.coaching._doses import MAX_LOAD_KG, Change, Dose
from backsafe.coaching._phases import Phase
from backsafe.coaching._stepping import (
    MAX_LOAD_STEP_FRACTION,
    MAX_SETS,
    entry_dose,
)
from backsafe.coaching._weekly import (
    acute_upright,
    growth_within,
    is_loaded_machine,
    within_daily_cap,
)
from backsafe.exercises._alternatives import alternatives
from backsafe.exercises._equipment import LoadUnit, available_loads_kg
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    MovementPattern,
    TrainingMode,
)
from backsafe.spine._types import Body, LoadPlacement

_EPS: Final = 1e-9


@attrs.frozen(kw_only=True)
class Pace:
    """What a plan's steps may not outrun."""

    sessions_per_week: int
    since: dt.date
    """The day the current exercise started."""
    unit: LoadUnit | None = LoadUnit.KG
    """What the gym's weights are marked in; None: a uniform grid of each
    dose's load step instead of the gym's loads."""


#: The weighted equipment a plan loads, the named lift's first.
_KINDS: Final = (
    Equipment.BARBELL,
    Equipment.DUMBBELL,
    Equipment.KETTLEBELL,
    Equipment.MACHINE,
    Equipment.CABLE,
)
#: Placements that hold one dumbbell, not a pair.
_ONE_DUMBBELL: Final = frozenset({LoadPlacement.GOBLET, LoadPlacement.PELVIS})
#: Machine stacks by movement pattern.
_STACKS: Final = {
    MovementPattern.SQUAT: "leg-press",
    MovementPattern.KNEE_EXTENSION: "leg-extension",
    MovementPattern.KNEE_FLEXION: "leg-curl",
    MovementPattern.HIP_ABDUCTION: "hip-abduction",
}


@functools.lru_cache(maxsize=256)
def gym_loads(exercise: Exercise, unit: LoadUnit) -> tuple[float, ...]:
    """The total loads a normal gym offers for *exercise*, kg, ascending.

    Empty for an exercise that takes no load. A goblet or a hip-borne
    dumbbell is one dumbbell, dumbbells at the sides a pair; a machine's
    stack follows its movement pattern.
    """
    if not exercise.takes_load:
        return ()
    kind = next((k for k in _KINDS if k in exercise.equipment), None)
    if kind is None:
        return ()
    count = (
        1
        if kind is Equipment.DUMBBELL and exercise.placement in _ONE_DUMBBELL
        else None
    )
    machine = (
        _STACKS.get(exercise.pattern, "stack")
        if kind is Equipment.MACHINE
        else None
    )
    return available_loads_kg(kind, unit=unit, count=count, machine=machine)


def heaviest(exercise: Exercise, unit: LoadUnit) -> float:
    """The heaviest load a normal gym offers for *exercise*, kg."""
    loads = gym_loads(exercise, unit)
    return loads[-1] if loads else MAX_LOAD_KG


def _within_step(before: Dose, new: float) -> bool:
    """Whether a load step is small enough (§7.3).

    At most 10 % up (ACSM 2009: 2-10 %); a larger step, such as the next
    light dumbbell, only at the top of the rep range with the reps back at
    the bottom, and only when one set's work (load x reps) does not grow:
    a light dumbbell progresses through reps, then the next dumbbell.
    """
    if new - before.load_kg <= MAX_LOAD_STEP_FRACTION * before.load_kg + _EPS:
        return True
    return new * before.min_reps <= before.load_kg * before.reps + _EPS


def next_load(
    dose: Dose, exercise: Exercise, increase: float, pace: Pace
) -> float | None:
    """The next load a plan steps to, or None.

    On the gym's real loads for the exercise (or the caller's uniform
    grid): the heaviest within *increase* of the load, else the next one
    up when that step is small enough; never past the gym's heaviest.
    From body weight, the lightest of the gym's loads (none on a uniform
    grid).
    """
    unit = pace.unit or LoadUnit.KG
    loads = () if pace.unit is None else gym_loads(exercise, unit)
    if dose.load_kg <= 0:
        # From body weight at the top of the range: the lightest load the
        # gym has that is at least the exercise's own step ("start with
        # light weights", founding article).
        first = [x for x in loads if x >= exercise.load_step_kg - _EPS]
        return first[0] if first else None
    top = min(MAX_LOAD_KG, heaviest(exercise, unit))
    if not loads:
        step = dose.load_step_kg
        if step <= 0:
            return None
        grid = math.floor(dose.load_kg / step + _EPS)
        loads = tuple(
            round((grid + i) * step, 6)
            for i in range(
                1, 1 + math.ceil(increase * dose.load_kg / step) + 1
            )
        )
    above = [x for x in loads if dose.load_kg + _EPS < x <= top + _EPS]
    if not above:
        return None
    within = [x for x in above if x <= dose.load_kg * (1 + increase) + _EPS]
    new = within[-1] if within else above[0]
    return new if _within_step(dose, new) else None


def _load_steps(
    dose: Dose, exercise: Exercise, phase: Phase, increase: float, pace: Pace
) -> list[tuple[Dose, Change]]:
    if phase is Phase.ACUTE or not exercise.takes_load:
        return []
    new = next_load(dose, exercise, increase, pace)
    if new is None:
        return []
    return [(attrs.evolve(dose, load_kg=new, reps=dose.min_reps), Change.LOAD)]


def _same_exercise(
    dose: Dose, exercise: Exercise, phase: Phase, increase: float, pace: Pace
) -> list[tuple[Dose, Change]]:
    """Reps, then load, then sets: one thing up (§7)."""
    if dose.mode is TrainingMode.STRETCH:
        return []
    if dose.reps < dose.max_reps:
        if dose.mode is TrainingMode.ISO_HOLDS:
            pyramid = tuple(r + 1 for r in dose.pyramid)
            return [
                (
                    attrs.evolve(dose, pyramid=pyramid, reps=pyramid[0]),
                    Change.PYRAMID,
                )
            ]
        return [(attrs.evolve(dose, reps=dose.reps + 1), Change.REPS)]
    if dose.mode is not TrainingMode.STRENGTH:
        return []
    found = _load_steps(dose, exercise, phase, increase, pace)
    if dose.sets < MAX_SETS:
        found.append(
            (
                attrs.evolve(dose, sets=dose.sets + 1, reps=dose.min_reps),
                Change.SETS,
            )
        )
    return found


def ladder(
    dose: Dose, exercise: Exercise, *, index: Index, phase: Phase
) -> list[tuple[Dose, Change]]:
    """The next exercises up the ladder, at most one tier up (§9.3).

    While acute, never a loaded machine, and upright work starts within
    the daily cap.
    """
    found = []
    for slug in exercise.harder:
        harder = index.get(slug)
        if (
            harder is None
            or dose.mode not in harder.modes
            or not exercise.tier <= harder.tier <= exercise.tier + 1
            or (phase is Phase.ACUTE and is_loaded_machine(harder))
        ):
            continue
        entry = acute_upright(
            harder, entry_dose(harder, dose, phase=phase), phase
        )
        found.append((entry, Change.EXERCISE))
    return found


def kept_long_enough(day: dt.date, pace: Pace, caps: Limitations) -> bool:
    """Whether the current exercise has had its minimum weeks."""
    weeks = caps.config.min_weeks_per_exercise
    return day - pace.since >= dt.timedelta(weeks=weeks)


def allowed(
    before: Dose,
    candidate: Dose,
    target: Exercise,
    *,
    caps: Limitations,
    pace: Pace,
) -> bool:
    """Whether a planned step keeps to every bound of the plan."""
    return (
        caps.allows(target, candidate)
        and within_daily_cap(target, candidate, caps.phase)
        and growth_within(
            before, candidate, pace.sessions_per_week, caps.config
        )
        and not (caps.phase is Phase.ACUTE and is_loaded_machine(target))
    )


def friendlier(
    dose: Dose,
    exercise: Exercise,
    *,
    caps: Limitations,
    body: Body,
    index: Index,
    visited: set[str],
) -> Dose | None:
    """The dose on a back-friendlier exercise, started light.

    It starts at the swap's start load (`Alternative.start_load_kg`, a
    fraction of the equal leg work), not at the equal-work target.

    The candidates are `alternatives` (same movement family, comparable
    leg work, clearly less spinal load), least compression first; the first
    one in the dose's mode that stays within the caps is taken (while
    acute, never a loaded machine).
    """
    found = alternatives(
        exercise,
        body,
        load_kg=dose.load_kg if exercise.takes_load else 0.0,
        max_tier=caps.max_tier,
        catalog=list(index.values()),
        limits=caps.limits,
    )
    moves = [
        (
            a.exercise,
            acute_upright(
                a.exercise,
                attrs.evolve(
                    dose,
                    exercise=a.exercise.slug,
                    load_kg=a.start_load_kg,
                    load_step_kg=(
                        a.exercise.load_step_kg
                        if a.exercise.takes_load
                        else 0.0
                    ),
                ),
                caps.phase,
            ),
        )
        for a in found
        if a.exercise.slug not in visited
        and dose.mode in a.exercise.modes
        and not (caps.phase is Phase.ACUTE and is_loaded_machine(a.exercise))
    ]
    return next((moved for ex, moved in moves if caps.allows(ex, moved)), None)


def next_planned(
    dose: Dose,
    exercise: Exercise,
    *,
    day: dt.date,
    caps: Limitations,
    body: Body,
    index: Index,
    pace: Pace,
    visited: set[str],
) -> tuple[Dose, Change] | None:
    """The next planned step, or None to stay at *dose* for now.

    One thing up on the same exercise while it can grow within the
    bounds; at the top of its range and after its minimum weeks, the
    next exercise of the ladder; where the next load would pass the
    spinal-load cap, a back-friendlier exercise.
    """
    same = _same_exercise(
        dose, exercise, caps.phase, caps.config.load_increase, pace
    )
    kept = kept_long_enough(day, pace, caps)
    if (
        kept
        and same
        and same[0][1] is Change.LOAD
        and not caps.within_load_cap(exercise, same[0][0])
    ):
        moved = friendlier(
            dose,
            exercise,
            caps=caps,
            body=body,
            index=index,
            visited=visited,
        )
        if moved is not None and allowed(
            dose, moved, index[moved.exercise], caps=caps, pace=pace
        ):
            return moved, Change.EXERCISE
    for candidate, change in same:
        if allowed(dose, candidate, exercise, caps=caps, pace=pace):
            return candidate, change
    if dose.mode is TrainingMode.STRETCH or dose.reps < dose.max_reps:
        return None
    if not kept:
        return None
    for candidate, change in ladder(
        dose, exercise, index=index, phase=caps.phase
    ):
        if candidate.exercise not in visited and allowed(
            dose, candidate, index[candidate.exercise], caps=caps, pace=pace
        ):
            return candidate, change
    return None
