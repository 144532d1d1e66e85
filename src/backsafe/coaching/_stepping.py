"""Dose mechanics: the first dose, one step up and one step back.

Also the nearest dose within the caps, and the planned easy week.

Pure functions; the catalog index is a parameter. Numbers are from the
clinical-rules note (§7 progression, §8 regression, §9 tiers and caps).
"""

import datetime as dt
import math
from typing import Final

import attrs

from backsafe.coaching._caps import Index, Limitations, substitute
from backsafe.coaching._doses import MAX_LOAD_KG, Change, Dose
from backsafe.coaching._phases import Config, Phase
from backsafe.exercises._exercise import Exercise, TrainingMode

#: Home mode: 5 reps, 3 times a day (founding article).
HOME_START_REPS: Final = 5
HOME_SESSIONS_PER_DAY: Final = 3
#: Home-mode rep cap before moving up the ladder [D].
HOME_MAX_REPS: Final = 15
#: McGill's reverse pyramid, and its cap [D]: 10-8-6.
ISO_PYRAMID: Final = (5, 3, 1)
ISO_MAX_FIRST_SET: Final = 10
ISO_DEFAULT_HOLD_S: Final = 8
ISO_REST_S: Final = 30
#: Strength: three or four sets, 6-12 reps on each leg (founding article:
#: 3-4 sets of 6; ACSM 2009: 8-12 for novices; a range wide enough for the
#: equipment's real steps, clinical rules §7.3).
STRENGTH_SETS: Final = 3
MAX_SETS: Final = 4
STRENGTH_REP_RANGE: Final = (6, 12)
STRENGTH_REST_S: Final = 90
#: Never to failure: 2 or more reps in reserve on every set (§7.3).
MIN_REPS_IN_RESERVE: Final = 2
#: Stretch: 3 holds of 20 s, about 60 s a muscle (ACSM; §7.4).
STRETCH_SETS: Final = 3
STRETCH_DEFAULT_HOLD_S: Final = 20
#: A regression takes 10 % off the load (§8).
REGRESS_LOAD_FRACTION: Final = 0.10
#: Rounding of a step back when the equipment has no fixed step.
NO_GRID_KG: Final = 0.1
#: Largest load step as a fraction of the load (ACSM 2009: 2-10 %).
MAX_LOAD_STEP_FRACTION: Final = 0.10
#: A planned deload every 6th week in strength mode (§7.5).
DELOAD_EVERY_WEEKS: Final = 6
_EPS: Final = 1e-9


def first_dose(
    exercise: Exercise,
    mode: TrainingMode,
    *,
    load_kg: float = 0.0,
    load_step_kg: float = 0.0,
    hold_s: float | None = None,
) -> Dose:
    """The starting dose of *exercise* in *mode* (§7.1-7.4)."""
    slug = exercise.slug
    if mode is TrainingMode.HOME_REPS:
        return Dose(
            exercise=slug,
            mode=mode,
            reps=HOME_START_REPS,
            sessions_per_day=HOME_SESSIONS_PER_DAY,
            load_kg=load_kg,
            load_step_kg=load_step_kg,
            max_reps=HOME_MAX_REPS,
        )
    if mode is TrainingMode.ISO_HOLDS:
        return Dose(
            exercise=slug,
            mode=mode,
            sets=len(ISO_PYRAMID),
            reps=ISO_PYRAMID[0],
            pyramid=ISO_PYRAMID,
            hold_s=ISO_DEFAULT_HOLD_S if hold_s is None else hold_s,
            rest_s=ISO_REST_S,
            max_reps=ISO_MAX_FIRST_SET,
        )
    if mode is TrainingMode.STRETCH:
        return Dose(
            exercise=slug,
            mode=mode,
            sets=STRETCH_SETS,
            reps=1,
            hold_s=STRETCH_DEFAULT_HOLD_S if hold_s is None else hold_s,
            rest_s=STRETCH_DEFAULT_HOLD_S,
        )
    low, high = STRENGTH_REP_RANGE
    return Dose(
        exercise=slug,
        mode=mode,
        sets=STRENGTH_SETS,
        reps=low,
        load_kg=load_kg,
        load_step_kg=load_step_kg,
        rest_s=STRENGTH_REST_S,
        min_reps=low,
        max_reps=high,
    )


def entry_dose(exercise: Exercise, dose: Dose, *, phase: Phase) -> Dose:
    """The dose a new exercise on the ladder starts at (§7).

    Strength mode starts at the exercise's smallest load step (none in the
    acute phase, which is bodyweight only); the other modes at their
    starting reps.
    """
    step = exercise.load_step_kg if exercise.takes_load else 0.0
    load = 0.0
    if (
        dose.mode is TrainingMode.STRENGTH
        and step > 0
        and phase is not Phase.ACUTE
    ):
        load = step
    start = first_dose(
        exercise,
        dose.mode,
        load_kg=load,
        load_step_kg=step,
        hold_s=dose.hold_s or None,
    )
    return attrs.evolve(
        start,
        sessions_per_day=dose.sessions_per_day,
        rest_s=dose.rest_s,
    )


def _load_step_up(dose: Dose, fraction: float) -> float | None:
    """The next load on the equipment's grid, at most 10 % up (§7.3).

    The load goes up by *fraction*, rounded down to the equipment step;
    when that rounds to no change, by one step if one step is within 10 %.
    """
    step = dose.load_step_kg
    if step <= 0 or dose.load_kg <= 0:
        return None
    grid = math.floor(dose.load_kg / step + _EPS)
    new = math.floor(dose.load_kg * (1 + fraction) / step + _EPS) * step
    if new <= dose.load_kg + _EPS:
        new = (grid + 1) * step
    new = round(new, 6)
    if (
        new - dose.load_kg > MAX_LOAD_STEP_FRACTION * dose.load_kg + _EPS
        or new > MAX_LOAD_KG
    ):
        return None
    return new


def step_up_candidates(
    dose: Dose,
    exercise: Exercise,
    *,
    phase: Phase,
    config: Config,
    index: Index,
    big_step: bool = False,
) -> list[tuple[Dose, Change]]:
    """Possible next doses, most preferred first; each changes one thing."""
    found = _same_exercise_steps(
        dose, phase=phase, config=config, big_step=big_step
    )
    if dose.mode is TrainingMode.STRETCH:
        return found
    if dose.mode is TrainingMode.STRENGTH:
        if dose.reps < dose.max_reps:
            return found
    elif found:
        return found
    return found + _ladder_steps(dose, exercise, index=index, phase=phase)


def _same_exercise_steps(
    dose: Dose, *, phase: Phase, config: Config, big_step: bool
) -> list[tuple[Dose, Change]]:
    """Reps, then load, then sets (double progression, §7)."""
    mode = dose.mode
    if mode is TrainingMode.HOME_REPS and dose.reps < dose.max_reps:
        step = 2 if big_step and phase is not Phase.ACUTE else 1
        reps = min(dose.max_reps, dose.reps + step)
        return [(attrs.evolve(dose, reps=reps), Change.REPS)]
    if mode is TrainingMode.ISO_HOLDS and dose.reps < dose.max_reps:
        pyramid = tuple(r + 1 for r in dose.pyramid)
        return [
            (
                attrs.evolve(dose, pyramid=pyramid, reps=pyramid[0]),
                Change.PYRAMID,
            )
        ]
    if mode is not TrainingMode.STRENGTH:
        return []
    if dose.reps < dose.max_reps:
        return [(attrs.evolve(dose, reps=dose.reps + 1), Change.REPS)]
    found = []
    # The acute phase never adds external load (§2).
    new_load = (
        None
        if phase is Phase.ACUTE
        else _load_step_up(dose, config.load_increase)
    )
    if new_load is not None:
        found.append(
            (
                attrs.evolve(dose, load_kg=new_load, reps=dose.min_reps),
                Change.LOAD,
            )
        )
    if dose.sets < MAX_SETS:
        found.append((attrs.evolve(dose, sets=dose.sets + 1), Change.SETS))
    return found


def _ladder_steps(
    dose: Dose, exercise: Exercise, *, index: Index, phase: Phase
) -> list[tuple[Dose, Change]]:
    """The next exercises up the ladder, at most one tier up (§9.3)."""
    found = []
    for slug in exercise.harder:
        harder = index.get(slug)
        if (
            harder is not None
            and dose.mode in harder.modes
            and exercise.tier <= harder.tier <= exercise.tier + 1
        ):
            found.append(
                (entry_dose(harder, dose, phase=phase), Change.EXERCISE)
            )
    return found


def capped(target: Dose, current: Dose) -> Dose:
    """*target*, with nothing above *current* (a step back never adds)."""
    pairs = zip(target.pyramid, current.pyramid, strict=False)
    pyramid = tuple(min(a, b) for a, b in pairs)
    return attrs.evolve(
        target,
        sets=len(pyramid) if pyramid else min(target.sets, current.sets),
        reps=pyramid[0] if pyramid else min(target.reps, current.reps),
        pyramid=pyramid,
        load_kg=min(target.load_kg, current.load_kg),
        hold_s=min(target.hold_s, current.hold_s) or target.hold_s,
        sessions_per_day=min(
            target.sessions_per_day, current.sessions_per_day
        ),
    )


def family_below(exercise: Exercise, index: Index) -> list[Exercise]:
    """The exercises down the *easier* ladder, nearest first (§9.3)."""
    found: list[Exercise] = []
    seen = {exercise.slug}
    queue = list(exercise.easier)
    while queue:
        slug = queue.pop(0)
        easier = index.get(slug)
        if slug in seen or easier is None:
            continue
        seen.add(slug)
        queue.extend(easier.easier)
        if easier.tier <= exercise.tier:
            found.append(easier)
    return found


#: Modes a step back may cross into: both dose reps and sets alike.
_CROSSABLE: Final = (TrainingMode.HOME_REPS, TrainingMode.STRENGTH)


def _in_mode(dose: Dose, easier: Exercise) -> Dose | None:
    """*dose* moved to a mode of *easier*: its own first, else crossed."""
    if dose.mode in easier.modes:
        return dose
    if dose.mode not in _CROSSABLE:
        return None
    for mode in _CROSSABLE:
        if mode in easier.modes:
            return attrs.evolve(
                dose,
                mode=mode,
                min_reps=1,
                max_reps=max(dose.reps, HOME_MAX_REPS),
            )
    return None


def _easier(
    dose: Dose, exercise: Exercise, *, index: Index, phase: Phase
) -> tuple[Dose, Change] | None:
    """An easier exercise of the family, never more of anything (§8).

    The whole ladder down, nearest first, in the dose's mode; then across
    modes (strength and home reps) before giving up.
    """
    below = family_below(exercise, index)
    for same_mode in (True, False):
        for easier in below:
            if (dose.mode in easier.modes) != same_mode:
                continue
            moved = _in_mode(dose, easier)
            if moved is None:
                continue
            new = capped(entry_dose(easier, moved, phase=phase), dose)
            if new.mode is TrainingMode.HOME_REPS:
                new = attrs.evolve(
                    new, sessions_per_day=max(1, new.sessions_per_day - 1)
                )
            return new, Change.EXERCISE
    return None


def step_back(  # noqa: PLR0911 (one return per fallback of §8)
    dose: Dose,
    exercise: Exercise,
    *,
    index: Index,
    phase: Phase,
    drop_tier: bool = False,
) -> tuple[Dose, Change] | None:
    """The next dose one step back, or None at the floor (§8)."""
    if drop_tier:
        easier = _easier(dose, exercise, index=index, phase=phase)
        if easier is not None:
            return easier
    if dose.load_kg > 0:
        # A step of 0 kg means no fixed grid, not a load that cannot
        # change: the load still comes down by 10 % (to 0.1 kg).
        step = dose.load_step_kg if dose.load_step_kg > 0 else NO_GRID_KG
        new = math.floor(
            dose.load_kg * (1 - REGRESS_LOAD_FRACTION) / step + _EPS
        )
        return attrs.evolve(dose, load_kg=round(new * step, 6)), Change.LOAD
    if dose.mode is TrainingMode.ISO_HOLDS:
        if dose.reps > 1:
            pyramid = tuple(max(1, r - 1) for r in dose.pyramid)
            return (
                attrs.evolve(dose, pyramid=pyramid, reps=pyramid[0]),
                Change.PYRAMID,
            )
    else:
        floor = max(1, dose.min_reps - 2)
        if dose.reps > floor:
            return (
                attrs.evolve(dose, reps=max(floor, dose.reps - 2)),
                Change.REPS,
            )
        if dose.sets > 1:
            return attrs.evolve(dose, sets=dose.sets - 1), Change.SETS
    if dose.sessions_per_day > 1:
        return (
            attrs.evolve(dose, sessions_per_day=dose.sessions_per_day - 1),
            Change.SESSIONS,
        )
    if not drop_tier:
        return _easier(dose, exercise, index=index, phase=phase)
    return None


def _lighter_within(
    dose: Dose, exercise: Exercise, caps: Limitations
) -> Dose | None:
    """The heaviest lower load on the equipment's grid within the caps.

    Compression never falls as the trunk-borne load grows (§10, 26), so
    the grid is searched by halving.
    """
    if dose.load_kg <= 0:
        return None
    lightest = attrs.evolve(dose, load_kg=0.0)
    if not caps.within_caps(exercise, lightest):
        return None
    step = dose.load_step_kg
    if caps.phase is Phase.ACUTE or step <= 0:
        return lightest
    low, high = 0, math.ceil(dose.load_kg / step - _EPS) - 1
    while low < high:
        middle = (low + high + 1) // 2
        load = round(middle * step, 6)
        if caps.within_caps(exercise, attrs.evolve(dose, load_kg=load)):
            low = middle
        else:
            high = middle - 1
    return attrs.evolve(dose, load_kg=round(low * step, 6))


def into_caps(
    dose: Dose, exercise: Exercise, *, caps: Limitations, index: Index
) -> tuple[Dose, Change] | None:
    """The nearest dose within the phase's caps that adds nothing (§2, §9).

    A lighter load of the same exercise first, then the easier exercises
    of its family, nearest first, at their entry dose (lighter still if
    needed); None when nothing in reach keeps to the caps.
    """
    replacement = substitute(exercise, index)
    moved = None if replacement is None else _in_mode(dose, replacement)
    if replacement is not None and moved is not None:
        new = capped(entry_dose(replacement, moved, phase=caps.phase), dose)
        if caps.within_caps(replacement, new):
            return new, Change.EXERCISE
    lighter = _lighter_within(dose, exercise, caps)
    if lighter is not None:
        return lighter, Change.LOAD
    seen = {exercise.slug}
    queue = list(exercise.easier)
    while queue:
        slug = queue.pop(0)
        easier = index.get(slug)
        if slug in seen or easier is None:
            continue
        seen.add(slug)
        queue.extend(easier.easier)
        if dose.mode not in easier.modes or easier.tier > exercise.tier:
            continue
        new = capped(entry_dose(easier, dose, phase=caps.phase), dose)
        if caps.within_caps(easier, new):
            return new, Change.EXERCISE
        lighter = _lighter_within(new, easier, caps)
        if lighter is not None:
            return lighter, Change.EXERCISE
    return None


def deload(dose: Dose) -> Dose | None:
    """Half the sets (rounded up), load unchanged (§7.5)."""
    if dose.mode is not TrainingMode.STRENGTH or dose.sets <= 1:
        return None
    return attrs.evolve(dose, sets=math.ceil(dose.sets / 2))


def is_deload_week(day: dt.date, programme_start: dt.date) -> bool:
    """Whether *day* falls in a planned deload week (every 6th week)."""
    week = (day - programme_start).days // 7
    return week >= 0 and week % DELOAD_EVERY_WEEKS == DELOAD_EVERY_WEEKS - 1
