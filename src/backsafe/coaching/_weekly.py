"""How often a plan trains, and how fast its weekly volume may grow.

Sessions per week (a default per mode and phase), the weekly volume of a
dose, the bound on its growth per step, the least days between two steps,
and the acute phase's daily cap on repetitions for upright work.

Pure functions. The sources are on the progressions page:

- strength sessions: ACSM 2009 position stand (novices train each muscle
  group 2-3 days a week);
- home exercises: the founding article (short sessions every day);
- volume growth: ACSM 2009 gives 2-10 % load increments; the common
  "10 % rule" for weekly increases is a coaching heuristic, not a tested
  threshold; the 20 % default is a design choice [D] that lets one more
  repetition per set through at the bottom of a 6-12 range (6 to 7 is
  +17 %);
- the acute daily cap and the floor start: a design choice [D] against
  knee overuse; the article's start (a few repetitions, a few times a day)
  was written for the floor exercises.
"""

import math
from typing import Final

import attrs

from backsafe.coaching._doses import Dose
from backsafe.coaching._phases import Config, Phase
from backsafe.exercises._exercise import Equipment, Exercise, TrainingMode
from backsafe.spine._types import Support

#: Strength sessions a week by phase (ACSM 2009: 2-3 days a week).
STRENGTH_SESSIONS_PER_WEEK: Final = {
    Phase.ACUTE: 2,
    Phase.SUBACUTE: 2,
    Phase.CHRONIC: 3,
}
#: The most strength sessions a week for one exercise (ACSM 2009).
MAX_STRENGTH_SESSIONS_PER_WEEK: Final = 3
#: Home exercises, holds and stretches: daily (founding article).
DAILY: Final = 7
#: Days in a week of sessions: a strength step comes at most once a week.
WEEK_DAYS: Final = 7
#: Acute phase, upright or split-stance work: repetitions per leg a day
#: [D]. Floor exercises keep the article's start.
ACUTE_DAILY_REPS_CAP: Final = 24
#: Acute phase, upright work in home mode: sessions a day [D].
ACUTE_UPRIGHT_SESSIONS_PER_DAY: Final = 2
#: Supports on the floor: the exercises the article's start was written
#: for.
FLOOR_SUPPORTS: Final = frozenset(
    {Support.SUPINE, Support.PRONE, Support.SIDE_LYING, Support.QUADRUPED}
)
#: Equipment whose resistance is a stack or a plate: never reached by a
#: ladder while the phase is acute.
MACHINES: Final = frozenset({Equipment.MACHINE, Equipment.CABLE})
_EPS: Final = 1e-9


def default_sessions_per_week(mode: TrainingMode, phase: Phase) -> int:
    """The sessions a week a plan assumes when none are given.

    >>> default_sessions_per_week(TrainingMode.STRENGTH, Phase.SUBACUTE)
    2
    >>> default_sessions_per_week(TrainingMode.HOME_REPS, Phase.ACUTE)
    7
    """
    if mode is TrainingMode.STRENGTH:
        return STRENGTH_SESSIONS_PER_WEEK[phase]
    return DAILY


def max_sessions_per_week(mode: TrainingMode) -> int:
    """The most sessions a week a plan in *mode* may have."""
    return (
        MAX_STRENGTH_SESSIONS_PER_WEEK if mode is TrainingMode.STRENGTH else 7
    )


def weekly_volume(dose: Dose, sessions_per_week: int) -> int:
    """Repetitions per leg a week: sets x reps x sessions.

    Iso holds count every rep of the pyramid; a day with several home
    sessions counts each.
    """
    per_session = sum(dose.pyramid) if dose.pyramid else dose.sets * dose.reps
    return per_session * dose.sessions_per_day * sessions_per_week


def daily_reps(dose: Dose) -> int:
    """Repetitions per leg on a training day."""
    per_session = sum(dose.pyramid) if dose.pyramid else dose.sets * dose.reps
    return per_session * dose.sessions_per_day


def growth_within(
    before: Dose, after: Dose, sessions_per_week: int, config: Config
) -> bool:
    """Whether *after* adds at most the configured share of weekly volume.

    Iso holds keep McGill's rule instead (one more rep on each set of the
    pyramid, at a floor exercise's low spinal load, §7.2).
    """
    if before.mode is TrainingMode.ISO_HOLDS:
        return True
    old = weekly_volume(before, sessions_per_week)
    new = weekly_volume(after, sessions_per_week)
    return new <= old * (1 + config.max_volume_growth) + _EPS


def step_gap_days(
    mode: TrainingMode, phase: Phase, config: Config, sessions_per_week: int
) -> int:
    """The least days between two planned steps.

    The phase's days between steps, and the days the qualifying sessions
    take at *sessions_per_week*; strength work steps at most once a week
    of sessions.
    """
    sessions = math.ceil(
        config.min_qualifying_sessions * WEEK_DAYS / sessions_per_week
    )
    gap = max(config.min_days(phase), sessions)
    if mode is TrainingMode.STRENGTH:
        gap = max(gap, WEEK_DAYS)
    return gap


def is_floor(exercise: Exercise) -> bool:
    """Whether the exercise is done lying or on hands and knees."""
    return exercise.support in FLOOR_SUPPORTS


def is_loaded_machine(exercise: Exercise) -> bool:
    """Whether a machine or cable stack is the exercise's resistance."""
    return exercise.takes_load and bool(exercise.equipment & MACHINES)


def within_daily_cap(exercise: Exercise, dose: Dose, phase: Phase) -> bool:
    """The acute phase's daily cap for upright work (floor work is free)."""
    if phase is not Phase.ACUTE or is_floor(exercise):
        return True
    if dose.mode not in (TrainingMode.HOME_REPS, TrainingMode.STRENGTH):
        return True
    return daily_reps(dose) <= ACUTE_DAILY_REPS_CAP


def acute_upright(exercise: Exercise, dose: Dose, phase: Phase) -> Dose:
    """*dose*, within the acute daily cap for upright work.

    Home mode: two sessions a day and a rep ceiling that keeps the day
    within the cap; strength mode: a rep ceiling that keeps the sets
    within it. Floor exercises and the later phases keep *dose*.
    """
    if (
        phase is not Phase.ACUTE
        or is_floor(exercise)
        or dose.mode not in (TrainingMode.HOME_REPS, TrainingMode.STRENGTH)
    ):
        return dose
    sessions = (
        min(dose.sessions_per_day, ACUTE_UPRIGHT_SESSIONS_PER_DAY)
        if dose.mode is TrainingMode.HOME_REPS
        else dose.sessions_per_day
    )
    ceiling = max(1, ACUTE_DAILY_REPS_CAP // (dose.sets * sessions))
    low = min(dose.min_reps, ceiling)
    return attrs.evolve(
        dose,
        sessions_per_day=sessions,
        reps=min(dose.reps, ceiling),
        min_reps=low,
        max_reps=max(low, min(dose.max_reps, ceiling)),
    )
