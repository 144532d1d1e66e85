"""apply_decision: adapt a dose or a plan to a decision.

Pure functions: dates are inputs and nothing reads the clock.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Final, overload

from backsafe.coaching._caps import Limitations, index_of
from backsafe.coaching._doses import Dose
from backsafe.coaching._generate import check_options, plan
from backsafe.coaching._outcomes import Outcome
from backsafe.coaching._phases import DEFAULT_CONFIG, Config
from backsafe.coaching._progression import Progression
from backsafe.coaching._weekly import ACUTE_DAILY_REPS_CAP, within_daily_cap
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._exercise import Exercise
from backsafe.spine._size_limits import person_limits
from backsafe.spine._types import Limits

_ONE_DAY: Final = dt.timedelta(days=1)


@overload
def apply_decision(
    outcome: Outcome,
    target: Dose,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits | None = None,
) -> Dose | None: ...


@overload
def apply_decision(
    outcome: Outcome,
    target: Progression,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits | None = None,
) -> Progression | None: ...


def apply_decision(
    outcome: Outcome,
    target: Dose | Progression,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits | None = None,
) -> Dose | Progression | None:
    """Apply *outcome* to a dose or a plan and return the next one.

    - A dose: hold keeps it, a step up or back returns the outcome's next
      dose, and a stop returns ``None`` (nothing until a new clearance).
    - A plan: it is planned again from the day after the decision, from the
      outcome's next dose, with the plan's phase, caps, wake time and end;
      a stop returns ``None``.

    Args:
        outcome: What `decide` returned.
        target: The dose the outcome was decided on, or a plan.
        catalog: Plans only: where ladders and alternatives come from.
        config: Plans only: the thresholds.
        limits: Plans only: the spinal-load limits; the plan's person's
            (`size_scaled_limits`) by default, as `generate_progression`
            uses.

    Returns:
        The next dose or plan, or ``None`` after a stop.

    Raises:
        InvalidInputError: *target* is a dose other than the outcome's.

    >>> import datetime
    >>> from backsafe import TrainingMode
    >>> dose = Dose(exercise="glute-bridge", mode=TrainingMode.HOME_REPS,
    ...             reps=5, sessions_per_day=3)
    >>> report = SessionReport(day=datetime.date(2026, 3, 2),
    ...                        pain_before=1, pain_during_max=1)
    >>> outcome = decide(report, dose, Context(phase=Phase.ACUTE))
    >>> outcome.decision, outcome.urgency
    (<Decision.STOP_AND_REFER: 'stop-and-refer'>, <Urgency.ROUTINE: 'routine'>)
    >>> apply_decision(outcome, dose) is None
    True

    .. versionadded:: 0.1.0
    """
    if not isinstance(outcome, Outcome):
        raise InvalidInputError.out_of_range("outcome", outcome, "an Outcome")
    if isinstance(target, Dose):
        if target != outcome.dose_before:
            raise InvalidInputError.out_of_range(
                "target",
                target,
                "the dose the outcome was decided on (outcome.dose_before)",
            )
        return outcome.dose_after
    if not isinstance(target, Progression):
        raise InvalidInputError.out_of_range(
            "target", target, "a Dose or a Progression"
        )
    check_options(config=config, limits=limits)
    planned, expected = _planned(outcome, target)
    if planned not in expected:
        raise InvalidInputError.out_of_range(
            "outcome.dose_before",
            outcome.dose_before,
            f"the plan's dose on {outcome.day} ({planned})",
        )
    if outcome.dose_after is None:
        return None
    index = index_of(catalog)
    dose = outcome.dose_after
    if dose.exercise not in index:
        raise UnknownExerciseError(dose.exercise)
    start = max(outcome.day + dt.timedelta(days=1), target.start)
    if start >= dt.date.max:
        raise InvalidInputError.out_of_range(
            "outcome.day", outcome.day, f"before {dt.date.max - _ONE_DAY}"
        )
    end = max(target.end, start + dt.timedelta(days=1))
    caps = Limitations(
        phase=target.phase,
        max_tier=target.max_tier,
        cap_n=target.load_cap_n,
        body=target.body,
        limits=person_limits(target.body, limits),
        config=config,
    )
    if not caps.allows(index[dose.exercise], dose) or not within_daily_cap(
        index[dose.exercise], dose, target.phase
    ):
        raise InvalidInputError.out_of_range(
            "outcome.dose_after",
            dose,
            f"a dose within the plan's {target.phase.value}-phase caps"
            f" (tier <= {target.max_tier}, bodyweight only when acute,"
            " below the spinal-load cap, and while acute at most"
            f" {ACUTE_DAILY_REPS_CAP} reps per leg a day of upright work):"
            " decide with the plan's phase and body",
        )
    return plan(
        dose,
        start=start,
        end=end,
        programme_start=target.programme_start,
        caps=caps,
        body=target.body,
        index=index,
        wake_time=target.wake_time,
        sessions_per_week=target.sessions_per_week,
        unit=target.unit,
    )


def _planned(
    outcome: Outcome, target: Progression
) -> tuple[Dose, set[Dose | None]]:
    """The plan's dose for *outcome*, and the doses it may be.

    The morning's final outcome may be applied to the plan re-planned
    from the evening's provisional one: that plan starts the day after
    the session, from the session's dose (a hold) or from the evening's
    step back.
    """
    if outcome.day < target.start and outcome.day + _ONE_DAY == target.start:
        return target.steps[0].dose, {outcome.dose_before, outcome.dose_after}
    return target.step_on(outcome.day).dose, {outcome.dose_before}
