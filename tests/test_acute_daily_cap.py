"""Issue 11: decide() and apply_decision keep the acute daily cap.

While acute, upright and split-stance work stays within a daily cap of
repetitions per leg (sets x reps x sessions a day), as the plans keep it:
a step up never passes it. Floor exercises keep the founding article's
start and are not capped. Pinned: these fail if the cap moves.
"""

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings

import backsafe as bs
from backsafe.coaching import _weekly

from .strategies import DAY0, LADDER, LADDER_BY_SLUG, rich_ready_inputs

CLEARED = bs.Clearance(
    cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
)


def _home(slug: str, reps: int, sessions: int) -> bs.Dose:
    return bs.Dose(
        exercise=slug,
        mode=bs.TrainingMode.HOME_REPS,
        reps=reps,
        sessions_per_day=sessions,
        max_reps=15,
    )


def _sets(dose: bs.Dose) -> tuple[bs.SetResult, ...]:
    return tuple(
        bs.SetResult(reps=dose.reps, load_kg=dose.load_kg, reps_in_reserve=3)
        for _ in range(dose.sets)
    )


def _ready(dose: bs.Dose, phase: bs.Phase = bs.Phase.ACUTE) -> bs.Outcome:
    """Decide on a second green, settled session at *dose*."""
    config = bs.Config()

    def green(day: dt.date) -> bs.SessionReport:
        return bs.SessionReport(
            day=day,
            pain_before=1,
            pain_during_max=0,
            pain_next_morning=1,
            sets=_sets(dose),
        )

    context = bs.Context(
        phase=phase, clearance=CLEARED, history=(green(DAY0),)
    )
    report = green(DAY0 + dt.timedelta(days=config.min_days(phase)))
    return bs.decide(report, dose, context, catalog=LADDER)


def test_the_cap_is_pinned() -> None:
    """24 repetitions per leg a day, 2 home sessions a day upright."""
    assert 24 == _weekly.ACUTE_DAILY_REPS_CAP
    assert 2 == _weekly.ACUTE_UPRIGHT_SESSIONS_PER_DAY


@pytest.mark.parametrize(
    ("reps", "sessions", "expected"),
    [
        (7, 3, (bs.Decision.PROGRESS, 8)),  # 21 -> 24: up to the cap
        (8, 3, (bs.Decision.HOLD, 8)),  # 24 -> 27: held
        (11, 2, (bs.Decision.PROGRESS, 12)),  # 22 -> 24
        (12, 2, (bs.Decision.HOLD, 12)),  # 24 -> 26: held
        (15, 1, (bs.Decision.HOLD, 15)),  # the top of the range anyway
    ],
)
def test_acute_split_squat_reps_stop_at_the_cap(
    reps: int, sessions: int, expected: tuple[bs.Decision, int]
) -> None:
    """A home-reps step on split-stance work never passes the cap."""
    outcome = _ready(_home("split-squat", reps, sessions))

    assert outcome.dose_after is not None
    assert expected == (outcome.decision, outcome.dose_after.reps)
    assert _weekly.daily_reps(outcome.dose_after) <= 24
    if outcome.decision is bs.Decision.HOLD and reps < 15:
        assert [bs.ReasonCode.AT_CAP] == [r.code for r in outcome.reasons]


def test_acute_strength_set_step_stops_at_the_cap() -> None:
    """3 x 8 split squats (24) do not become 4 x 8 (32) while acute; 2 x 8
    becomes 3 x 8."""
    dose = bs.Dose(
        exercise="split-squat",
        mode=bs.TrainingMode.STRENGTH,
        sets=3,
        reps=8,
        min_reps=6,
        max_reps=8,
    )

    at_cap = _ready(dose)
    below = _ready(attrs.evolve(dose, sets=2))

    assert bs.Decision.HOLD is at_cap.decision
    assert bs.Decision.PROGRESS is below.decision
    assert below.dose_after is not None
    assert (3, 8) == (below.dose_after.sets, below.dose_after.reps)


def test_floor_work_is_not_capped() -> None:
    """The glute bridge keeps the article's start: 3 x 8 a day grows."""
    outcome = _ready(_home("glute-bridge", 8, 3))

    assert bs.Decision.PROGRESS is outcome.decision
    assert outcome.dose_after is not None
    assert 9 == outcome.dose_after.reps


def test_only_the_acute_phase_is_capped() -> None:
    """Subacute, 3 x 8 split squats a day may grow (pain 0: by 2 reps)."""
    outcome = _ready(_home("split-squat", 8, 3), phase=bs.Phase.SUBACUTE)

    assert bs.Decision.PROGRESS is outcome.decision
    assert outcome.dose_after is not None
    assert 10 == outcome.dose_after.reps


def test_a_new_upright_exercise_starts_within_the_cap() -> None:
    """From the floor up the ladder, while acute: the split squat starts
    at 2 sessions a day, as the plans start it."""
    outcome = _ready(_home("glute-bridge", 15, 3))

    assert bs.Change.EXERCISE is outcome.change
    assert outcome.dose_after is not None
    assert "split-squat" == outcome.dose_after.exercise
    assert 2 == outcome.dose_after.sessions_per_day
    assert _weekly.daily_reps(outcome.dose_after) <= 24


@settings(max_examples=200, deadline=None)
@given(inputs=rich_ready_inputs())
def test_no_acute_step_up_passes_the_cap(
    inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
) -> None:
    """Whatever the inputs, an acute step up of upright work stays within
    the daily cap."""
    report, dose, context = inputs
    context = attrs.evolve(context, phase=bs.Phase.ACUTE)
    try:
        outcome = bs.decide(report, dose, context, catalog=LADDER)
    except bs.InvalidInputError:
        return
    after = outcome.dose_after
    if outcome.decision is not bs.Decision.PROGRESS or after is None:
        return
    exercise = LADDER_BY_SLUG[after.exercise]
    assert _weekly.within_daily_cap(exercise, after, bs.Phase.ACUTE)


def test_apply_decision_refuses_a_dose_above_the_cap() -> None:
    """A plan does not take an acute dose above the daily cap."""
    plan = bs.generate_progression(
        "split-squat",
        bs.Body(mass_kg=80, height_m=1.78),
        phase="acute",
        mode="home-reps",
        start=DAY0,
        weeks=2,
    )
    dose = plan.steps[0].dose
    outcome = _ready(dose)
    over = attrs.evolve(dose, sessions_per_day=3, reps=9)
    forged = attrs.evolve(
        outcome, dose_before=plan.step_on(outcome.day).dose, dose_after=over
    )

    with pytest.raises(bs.InvalidInputError, match="24 reps per leg a day"):
        bs.apply_decision(forged, plan)
