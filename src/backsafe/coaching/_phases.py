"""The phases of an episode and the thresholds of the rules (Config).

Every default and bound here comes from the project's clinical-rules note
(sections cited as §n); the sources are on the progressions page.
"""

import itertools
from typing import Final, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine._types import OrderedStrEnum


class Phase(OrderedStrEnum):
    """How long the current episode of back pain has lasted.

    Phases order by duration: ``ACUTE < SUBACUTE < CHRONIC``.
    The boundaries (6 and 12 weeks by default) live in `Config`.

    >>> Phase.ACUTE < Phase.CHRONIC
    True

    .. versionadded:: 0.1.0
    """

    ACUTE = "acute"
    """Under 6 weeks (research convention; ACP 2017 uses 4)."""
    SUBACUTE = "subacute"
    """6 to under 12 weeks."""
    CHRONIC = "chronic"
    """12 weeks and over (Cochrane, ACP, NIH)."""


@final
@attrs.frozen(kw_only=True)
class Config:
    """Thresholds of the rules, validated against their bounds (§5.3).

    Attributes:
        red_ceiling: Pain during a session above this (0-10 scale)
            regresses; 1-5, never above 5 (Silbernagel 2007, Thomeé 1997).
        green_max_acute: Highest "green" pain in the acute phase, 0 up to
            `green_max_subacute` (Thomeé's 0-2 safe zone).
        green_max_subacute: Highest green pain in the subacute phase.
        green_max_chronic: Highest green pain in the chronic phase; below
            `red_ceiling`.
        settle_tol: Points next-morning pain may exceed the morning before,
            0 or 1.
        trend_tol: Rise in the 7-day mean of morning pain or stiffness that
            counts as a rising trend, 1 or 2.
        load_increase: Fraction a load step adds, 0.02-0.10 (ACSM 2009).
        min_days_acute: Least calendar days between two steps up in the
            acute phase.
        min_days_subacute: The same for the subacute phase.
        min_days_chronic: The same for the chronic phase; at least 2, and
            the phases are ordered acute >= subacute >= chronic.
        min_qualifying_sessions: Green, settled sessions on separate days
            needed at a dose before stepping up, 2-7 (NSCA 2-for-2).
        subacute_from_weeks: Where the subacute phase starts, in weeks.
        chronic_from_weeks: Where the chronic phase starts, in weeks;
            after `subacute_from_weeks`.
        morning_guard_min: Minutes after waking without spinal flexion,
            120-240 (Snook 1998).
        max_volume_growth: The largest share a planned step may add to
            the weekly volume (sets x reps x sessions per leg), 0.05-0.25;
            0.20 by default. A design choice: ACSM 2009 gives 2-10 % load
            increments, and the common "10 % rule" is a heuristic.
        min_weeks_per_exercise: The least weeks a plan keeps an exercise
            before moving up its ladder, 1-12; 4 by default.

    >>> Config(red_ceiling=4).green_max(Phase.CHRONIC)
    3
    >>> try:
    ...     Config(red_ceiling=6)
    ... except InvalidInputError as error:
    ...     print(error.allowed)
    an integer in [1, 5]

    .. versionadded:: 0.1.0
    """

    red_ceiling: int = attrs.field(default=5, validator=v.integer(1, 5))
    green_max_acute: int = attrs.field(default=2, validator=v.integer(0, 4))
    green_max_subacute: int = attrs.field(default=3, validator=v.integer(0, 4))
    green_max_chronic: int = attrs.field(default=3, validator=v.integer(0, 4))
    settle_tol: int = attrs.field(default=0, validator=v.integer(0, 1))
    trend_tol: int = attrs.field(default=1, validator=v.integer(1, 2))
    load_increase: float = attrs.field(
        default=0.05, validator=v.real(0.02, 0.10)
    )
    min_days_acute: int = attrs.field(default=3, validator=v.integer(2, 28))
    min_days_subacute: int = attrs.field(default=2, validator=v.integer(2, 28))
    min_days_chronic: int = attrs.field(default=2, validator=v.integer(2, 28))
    min_qualifying_sessions: int = attrs.field(
        default=2, validator=v.integer(2, 7)
    )
    subacute_from_weeks: float = attrs.field(
        default=6.0, validator=v.real(0.0, 52.0, min_exclusive=True)
    )
    chronic_from_weeks: float = attrs.field(
        default=12.0, validator=v.real(0.0, 104.0, min_exclusive=True)
    )
    morning_guard_min: int = attrs.field(
        default=120, validator=v.integer(120, 240)
    )
    max_volume_growth: float = attrs.field(
        default=0.20, validator=v.real(0.05, 0.25)
    )
    min_weeks_per_exercise: int = attrs.field(
        default=4, validator=v.integer(1, 12)
    )

    def __attrs_post_init__(self) -> None:
        greens = (
            ("green_max_acute", self.green_max_acute),
            ("green_max_subacute", self.green_max_subacute),
            ("green_max_chronic", self.green_max_chronic),
        )
        for (_, low), (name, high) in itertools.pairwise(greens):
            if high < low:
                raise InvalidInputError.out_of_range(
                    f"Config.{name}", high, f">= {low} (the earlier phase)"
                )
        if self.green_max_chronic >= self.red_ceiling:
            raise InvalidInputError.out_of_range(
                "Config.green_max_chronic",
                self.green_max_chronic,
                f"< red_ceiling ({self.red_ceiling})",
            )
        days = (
            ("min_days_acute", self.min_days_acute),
            ("min_days_subacute", self.min_days_subacute),
            ("min_days_chronic", self.min_days_chronic),
        )
        for (_, high), (name, low) in itertools.pairwise(days):
            if low > high:
                raise InvalidInputError.out_of_range(
                    f"Config.{name}", low, f"<= {high} (the earlier phase)"
                )
        if self.chronic_from_weeks <= self.subacute_from_weeks:
            raise InvalidInputError.out_of_range(
                "Config.chronic_from_weeks",
                self.chronic_from_weeks,
                f"> subacute_from_weeks ({self.subacute_from_weeks:g})",
            )

    def green_max(self, phase: Phase | str) -> int:
        """Return the highest green pain score in *phase* (or its value).

        Raises:
            InvalidInputError: *phase* is not a phase.
        """
        phase = v.coerce_member("phase", phase, Phase)
        if phase is Phase.ACUTE:
            return self.green_max_acute
        if phase is Phase.SUBACUTE:
            return self.green_max_subacute
        return self.green_max_chronic

    def min_days(self, phase: Phase | str) -> int:
        """Return the least days between two steps up in *phase*.

        Raises:
            InvalidInputError: *phase* is not a phase.
        """
        phase = v.coerce_member("phase", phase, Phase)
        if phase is Phase.ACUTE:
            return self.min_days_acute
        if phase is Phase.SUBACUTE:
            return self.min_days_subacute
        return self.min_days_chronic

    def phase_for(self, weeks_since_onset: float) -> Phase:
        """Return the phase of an episode that started this long ago.

        The boundaries are half-open, so every duration has one phase.

        >>> Config().phase_for(6)
        <Phase.SUBACUTE: 'subacute'>
        """
        weeks = v.coerce_real(
            "weeks_since_onset",
            weeks_since_onset,
            min_value=0.0,
            max_value=10_000.0,
            unit="weeks",
        )
        if weeks < self.subacute_from_weeks:
            return Phase.ACUTE
        if weeks < self.chronic_from_weeks:
            return Phase.SUBACUTE
        return Phase.CHRONIC


DEFAULT_CONFIG: Final = Config()
