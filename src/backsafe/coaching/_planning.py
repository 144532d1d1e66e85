"""Dose mechanics (one step up, one step back) and plan generation.

Pure functions; the catalog is a parameter. Numbers are from the
clinical-rules note (§7 progression, §8 regression, §9 tiers and caps).
"""

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from backsafe import _validation as v
from backsafe.coaching._types import (
    DEFAULT_CONFIG,
    MAX_ISO_HOLD_S,
    MAX_LOAD_KG,
    MAX_STRETCH_HOLD_S,
    MIN_STRETCH_HOLD_S,
    Change,
    Clearance,
    Config,
    Criteria,
    Dose,
    Phase,
    Progression,
    Step,
)
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._alternatives import alternatives
from backsafe.exercises._exercise import (
    Exercise,
    ExerciseFlag,
    MovementPattern,
    Stance,
    TrainingMode,
)
from backsafe.exercises._scoring import score
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    SpinalLoad,
)

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
#: Strength: three or four sets, 6-8 reps on each leg (founding article;
#: clinical rules §7.3).
STRENGTH_SETS: Final = 3
MAX_SETS: Final = 4
STRENGTH_REP_RANGE: Final = (6, 8)
STRENGTH_REST_S: Final = 90
#: Never to failure: 2 or more reps in reserve on every set (§7.3).
MIN_REPS_IN_RESERVE: Final = 2
#: Stretch: 3 holds of 20 s, about 60 s a muscle (ACSM; §7.4).
STRETCH_SETS: Final = 3
STRETCH_DEFAULT_HOLD_S: Final = 20
#: A regression takes 10 % off the load (§8).
REGRESS_LOAD_FRACTION: Final = 0.10
#: Largest load step as a fraction of the load (ACSM 2009: 2-10 %).
MAX_LOAD_STEP_FRACTION: Final = 0.10
#: A planned deload every 6th week in strength mode (§7.5).
DELOAD_EVERY_WEEKS: Final = 6
_EPS: Final = 1e-9

Index = Mapping[str, Exercise]


# --- Catalog access ----------------------------------------------------------


def index_of(catalog: Iterable[Exercise] | None) -> dict[str, Exercise]:
    """Map slugs to exercises; the built-in catalog when *catalog* is None."""
    if catalog is None:
        from backsafe.exercises._catalog import (  # noqa: PLC0415
            catalog as builtin,
        )

        catalog = builtin
    if isinstance(catalog, str | bytes | Mapping) or not isinstance(
        catalog, Iterable
    ):
        raise InvalidInputError.out_of_range(
            "catalog", catalog, "an iterable of Exercise"
        )
    found: dict[str, Exercise] = {}
    for exercise in catalog:
        if not isinstance(exercise, Exercise):
            raise InvalidInputError.out_of_range(
                "catalog", exercise, "an iterable of Exercise"
            )
        found[exercise.slug] = exercise
    return found


@functools.lru_cache(maxsize=4096)
def scored(
    exercise: Exercise, body: Body, load_kg: float, limits: Limits
) -> SpinalLoad:
    """`score`, remembered: plans score the same dose several times."""
    return score(exercise, body, load_kg=load_kg, limits=limits)


def is_never_planned(exercise: Exercise) -> bool:
    """The supine double-leg lift: replaced by a single-leg lift (§9.3)."""
    return (
        exercise.pattern is MovementPattern.LEG_RAISE
        and exercise.stance is Stance.BILATERAL
    )


def max_tier(phase: Phase, *, permits_tier3: bool) -> int:
    """The highest tier a phase allows (§9.2)."""
    if phase is Phase.ACUTE:
        return 1
    return 3 if permits_tier3 else 2


def load_cap_n(
    phase: Phase, limits: Limits, *, permits_tier3: bool
) -> float | None:
    """The compression no planned step may reach (§9.5)."""
    if phase is Phase.CHRONIC:
        return None if permits_tier3 else limits.compression_maximum_n
    return limits.compression_action_n


def permits(clearance: Clearance | None) -> bool:
    """Whether a clinician allowed tier 3 and loads above the maximum."""
    return (
        clearance is not None
        and clearance.is_valid
        and clearance.permits_tier3
    )


@attrs.frozen(kw_only=True)
class Limitations:
    """What a step may not exceed in one phase."""

    phase: Phase
    max_tier: int
    cap_n: float | None
    body: Body | None
    limits: Limits
    config: Config

    def compression_n(self, exercise: Exercise, dose: Dose) -> float:
        """Estimated compression at *dose*; 0 without a body."""
        if self.body is None:
            return 0.0
        return scored(
            exercise, self.body, dose.load_kg, self.limits
        ).compression_n

    def allows(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether *dose* of *exercise* can be planned within the caps."""
        return dose.mode in exercise.modes and self.within_caps(exercise, dose)

    def within_caps(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether *dose* of *exercise* keeps to the phase's caps.

        The tier cap, no supine double-leg raise, no load on an exercise
        that takes none, bodyweight only in the acute phase (§2, §9.2), and
        the spinal-load cap when the body is known.
        """
        if exercise.tier > self.max_tier or is_never_planned(exercise):
            return False
        if dose.load_kg > 0 and (
            not exercise.takes_load or self.phase is Phase.ACUTE
        ):
            return False
        return self.within_load_cap(exercise, dose)

    def within_load_cap(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether the compression stays below the phase's cap."""
        if self.body is None or self.cap_n is None:
            return True
        return self.compression_n(exercise, dose) < self.cap_n


# --- Doses -------------------------------------------------------------------


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


def _easier(
    dose: Dose, exercise: Exercise, *, index: Index, phase: Phase
) -> tuple[Dose, Change] | None:
    """An easier exercise of the family, never more of anything (§8)."""
    for slug in exercise.easier:
        easier = index.get(slug)
        if (
            easier is None
            or dose.mode not in easier.modes
            or easier.tier > exercise.tier
        ):
            continue
        new = capped(entry_dose(easier, dose, phase=phase), dose)
        if dose.mode is TrainingMode.HOME_REPS:
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
    if dose.load_kg > 0 and dose.load_step_kg > 0:
        step = dose.load_step_kg
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


# --- Plans -------------------------------------------------------------------


def _friendlier(
    dose: Dose,
    exercise: Exercise,
    *,
    caps: Limitations,
    body: Body,
    index: Index,
    visited: set[str],
) -> Dose | None:
    """The dose on a back-friendlier exercise at the same leg work.

    The candidates are `alternatives` (same primary muscles, comparable
    leg work, never more spinal load), least compression first; the first
    one in the dose's mode that stays within the caps is taken.
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
            attrs.evolve(
                dose,
                exercise=a.exercise.slug,
                load_kg=a.load_kg,
                load_step_kg=(
                    a.exercise.load_step_kg if a.exercise.takes_load else 0.0
                ),
            ),
        )
        for a in found
        if a.exercise.slug not in visited and dose.mode in a.exercise.modes
    ]
    return next((moved for ex, moved in moves if caps.allows(ex, moved)), None)


def _criteria(mode: TrainingMode, phase: Phase, config: Config) -> Criteria:
    return Criteria(
        min_sessions=config.min_qualifying_sessions,
        min_days=config.min_days(phase),
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
) -> Progression:
    """Plan from *dose* on *start* until *end* (exclusive)."""
    config = caps.config
    exercise = index[dose.exercise]
    criteria = _criteria(dose.mode, caps.phase, config)

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
    gap = config.min_days(caps.phase)
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
        moved = _next_planned(
            dose, exercise, caps=caps, body=body, index=index, visited=visited
        )
        if moved is None:
            continue
        dose, change = moved
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
    )


def _next_planned(
    dose: Dose,
    exercise: Exercise,
    *,
    caps: Limitations,
    body: Body,
    index: Index,
    visited: set[str],
) -> tuple[Dose, Change] | None:
    """The next planned step: step up, or switch to a friendlier exercise."""
    candidates = step_up_candidates(
        dose, exercise, phase=caps.phase, config=caps.config, index=index
    )
    for position, (candidate, change) in enumerate(candidates):
        target = index[candidate.exercise]
        if caps.allows(target, candidate):
            return candidate, change
        if position == 0 and not caps.within_load_cap(target, candidate):
            moved = _friendlier(
                dose,
                exercise,
                caps=caps,
                body=body,
                index=index,
                visited=visited,
            )
            if moved is not None:
                return moved, Change.EXERCISE
    return None


def generate_progression(
    exercise: Exercise | str,
    body: Body,
    *,
    phase: Phase,
    mode: TrainingMode,
    start: dt.date,
    weeks: int = 8,
    load_kg: float = 0.0,
    load_step_kg: float | None = None,
    hold_s: float | None = None,
    clearance: Clearance | None = None,
    wake_time: dt.time | None = None,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
) -> Progression:
    """Plan a progression of *exercise* for *body* in *phase*.

    The modes follow the founding article and clinical-rules §7:

    - home reps: 5 reps, 3 times a day, +1 rep (+2 after the acute
      phase when pain stays very low) every few days up to 15, then the
      next exercise up the ladder;
    - strength: 3 sets, 6-8 reps on each leg, reps first, then the load by
      *config.load_increase* rounded down to *load_step_kg* with reps
      reset, then a 4th set, then the ladder; an easy week every 6th week;
    - iso holds: 8-10 s holds in a 5-3-1 reverse pyramid, +1 rep per set,
      never longer holds;
    - stretches: 3 holds of 20-30 s, always after a warm-up, no
      progression.

    No step reaches the phase's tier cap or spinal-load cap (acute and
    subacute: below the NIOSH action limit; chronic: below the maximum
    permissible limit unless *clearance* permits tier 3). Where the next
    step would, the plan switches to a back-friendlier exercise from
    *catalog*. With a *wake_time*, exercises that flex the spine get an
    earliest start 2 hours after waking.

    Args:
        exercise: The exercise or its slug.
        body: The person.
        phase: The phase of the episode.
        mode: How to dose it; one of the exercise's modes.
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
        limits: The spinal-load limits.

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
    caps = Limitations(
        phase=phase,
        max_tier=max_tier(phase, permits_tier3=allowed),
        cap_n=load_cap_n(phase, limits, permits_tier3=allowed),
        body=body,
        limits=limits,
        config=config,
    )
    if step is None:
        step = ex.load_step_kg if ex.takes_load else 0.0
    dose = first_dose(ex, mode, load_kg=load, load_step_kg=step, hold_s=hold_s)
    if not caps.allows(ex, dose):
        moved = _friendlier(
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
    """Refuse a *config* or *limits* of the wrong type."""
    if not isinstance(config, Config):
        raise InvalidInputError.out_of_range("config", config, "a Config")
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")


def _lookup(index: Index, slug: object) -> Exercise:
    name = v.check_slug("exercise", slug)
    try:
        return index[name]
    except KeyError:
        raise UnknownExerciseError(name) from None
