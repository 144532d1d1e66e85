"""The frequency and duration of lifting from what was observed.

The special frequency adjustment (p. 16) and the duration categories
(pp. 13-14) of the Applications Manual for the Revised NIOSH Lifting
Equation (NIOSH Publication 94-110, revised 2021).
"""

from collections.abc import Sequence
from typing import final

import attrs

from backsafe import _validation as v
from backsafe.daily import _tables as t
from backsafe.daily._multipliers import LiftingDuration, check_rate
from backsafe.exceptions import InvalidInputError


def sampled_frequency(*, lifts_per_minute: float, minutes: float) -> float:
    """F for lifting that stops within the 15-minute sample (manual p. 16).

    The manual's special frequency adjustment: the lifts done in the
    15 minutes (rate times minutes of lifting) divided by 15. Lifting for
    more than 15 minutes uses the rate itself. It applies "as long as the
    actual lifting frequency does not exceed 15 lifts per minute".

    Args:
        lifts_per_minute: The rate while lifting, 0-15 lifts/min.
        minutes: How long the lifting lasts, more than 0 and at most 480.

    >>> from backsafe.daily._lifting import sampled_frequency
    >>> round(sampled_frequency(lifts_per_minute=10, minutes=8), 2)
    5.33

    .. versionadded:: 0.1.0
    """
    rate = check_rate("lifts_per_minute", lifts_per_minute)
    span = v.check_real(
        "minutes",
        minutes,
        min_value=0.0,
        max_value=t.LONG_MAX_MINUTES,
        unit="min",
        min_exclusive=True,
    )
    if span > t.SAMPLE_MINUTES:
        return rate
    return rate * span / t.SAMPLE_MINUTES


@final
@attrs.frozen(kw_only=True)
class LiftingSession:
    """A spell of continuous lifting and the light work after it.

    Attributes:
        work_minutes: Minutes of continuous lifting, more than 0, at most
            480.
        recovery_minutes: Minutes of light work (or rest) that follow,
            0-1440; ``None`` for the last session of the day, after which
            no lifting follows.

    >>> from backsafe.daily._lifting import LiftingSession
    >>> LiftingSession(work_minutes=30, recovery_minutes=10)
    LiftingSession(work_minutes=30, recovery_minutes=10)

    .. versionadded:: 0.1.0
    """

    work_minutes: float = attrs.field(
        validator=v.real(
            0.0, t.LONG_MAX_MINUTES, unit="min", min_exclusive=True
        )
    )
    recovery_minutes: float | None = attrs.field(default=None)

    @recovery_minutes.validator
    def _check_recovery(
        self, attribute: "attrs.Attribute[float | None]", value: object
    ) -> None:
        if value is not None:
            v.check_real(
                v.field_name(self, attribute),
                value,
                min_value=0.0,
                max_value=1440.0,
                unit="min",
            )


def lifting_duration(sessions: Sequence[LiftingSession]) -> LiftingDuration:
    """Classify a day's lifting into a duration category (manual pp. 13-14).

    A session is short when it lasts at most 60 minutes and is followed by
    a recovery at least as long; moderate when at most 120 minutes with a
    recovery of at least 0.3 times it; long up to 8 hours. When the
    recovery is too short and another session follows, the work times add
    up and the recovery is disregarded (p. 14). A last session whose
    recovery is given and too short moves up a category. The day's
    category is that of its longest block.

    Raises:
        InvalidInputError: No session, a recovery of ``None`` before the
            last session, or more than 8 hours of lifting in all ("No
            weight limits are provided for more than eight hours", p. 14).

    >>> from backsafe.daily._lifting import LiftingSession, lifting_duration
    >>> lifting_duration([
    ...     LiftingSession(work_minutes=30, recovery_minutes=10),
    ...     LiftingSession(work_minutes=45),
    ... ])
    <LiftingDuration.MODERATE: 'moderate'>

    .. versionadded:: 0.1.0
    """
    items = _sessions(sessions)
    total = sum(s.work_minutes for s in items)
    if total > t.LONG_MAX_MINUTES:
        raise InvalidInputError.out_of_range(
            "sessions",
            total,
            f"at most {t.LONG_MAX_MINUTES:g} minutes of lifting in all"
            " (NIOSH 94-110, p. 14)",
        )
    worst = LiftingDuration.SHORT
    block = 0.0
    for i, session in enumerate(items):
        block += session.work_minutes
        recovery = session.recovery_minutes
        last = i == len(items) - 1
        if recovery is None:
            if not last:
                raise InvalidInputError.out_of_range(
                    f"sessions[{i}].recovery_minutes",
                    None,
                    "a number of minutes for every session but the last",
                )
            category = _by_work(block)
        elif _recovered(block, recovery):
            category = _by_work(block)
        elif last:
            category = _short_of_recovery(block, recovery)
        else:
            continue
        worst = max(worst, category, key=lambda d: d.rank)
        block = 0.0
    return worst


def _sessions(sessions: object) -> tuple[LiftingSession, ...]:
    if (
        not isinstance(sessions, Sequence)
        or isinstance(sessions, str)
        or not sessions
        or not all(isinstance(s, LiftingSession) for s in sessions)
    ):
        raise InvalidInputError.out_of_range(
            "sessions", sessions, "a non-empty sequence of LiftingSession"
        )
    return tuple(sessions)


def _by_work(minutes: float) -> LiftingDuration:
    if minutes <= t.SHORT_MAX_MINUTES:
        return LiftingDuration.SHORT
    if minutes <= t.MODERATE_MAX_MINUTES:
        return LiftingDuration.MODERATE
    return LiftingDuration.LONG


def _recovered(work: float, recovery: float) -> bool:
    if work <= t.SHORT_MAX_MINUTES:
        return recovery >= t.SHORT_RECOVERY_RATIO * work
    if work <= t.MODERATE_MAX_MINUTES:
        return recovery >= t.MODERATE_RECOVERY_RATIO * work
    return True


def _short_of_recovery(work: float, recovery: float) -> LiftingDuration:
    if (
        work <= t.MODERATE_MAX_MINUTES
        and recovery >= t.MODERATE_RECOVERY_RATIO * work
    ):
        return LiftingDuration.MODERATE
    return LiftingDuration.LONG
