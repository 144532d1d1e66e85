"""The context of a decision: what `decide` needs besides report and dose."""

import datetime as dt
import itertools
from typing import final

import attrs

from backsafe import _validation as v
from backsafe.coaching._fields import is_date, optional_instance, tuple_of
from backsafe.coaching._outcomes import Outcome
from backsafe.coaching._phases import DEFAULT_CONFIG, Config, Phase
from backsafe.coaching._reports import (
    Clearance,
    RecordedRiskFactor,
    RedFlag,
    SessionReport,
)
from backsafe.exceptions import InvalidInputError
from backsafe.spine._types import Body


@final
@attrs.frozen(kw_only=True)
class Context:
    """Everything `decide` needs besides the report and the dose.

    Attributes:
        phase: The phase of the episode (pass `Phase.ACUTE` during a flare
            of chronic pain, §2).
        clearance: The latest clearance, if any.
        red_flags: Red flags present now.
        risk_factors: Risk factors with the day each was recorded.
        history: Earlier reports, oldest first.
        decisions: Earlier outcomes, oldest first.
        programme_start: The first day of the programme; enables the
            planned deload and the no-improvement advice.
        body: The person; when given, no step up reaches the phase's
            spinal-load cap and a dose above it steps back. Without it, no
            step up adds load the trunk carries (a load step, or a new
            exercise with such a load): the decision holds instead.
        config: The thresholds.

    .. versionadded:: 0.1.0
    """

    phase: Phase = attrs.field(validator=v.member(Phase))
    clearance: Clearance | None = attrs.field(
        default=None,
        validator=optional_instance(Clearance, "a Clearance or None"),
    )
    red_flags: frozenset[RedFlag] = attrs.field(
        default=frozenset(), validator=v.members(RedFlag)
    )
    risk_factors: tuple[RecordedRiskFactor, ...] = attrs.field(
        default=(),
        validator=tuple_of(RecordedRiskFactor, "RecordedRiskFactor"),
    )
    history: tuple[SessionReport, ...] = attrs.field(
        default=(), validator=tuple_of(SessionReport, "SessionReport")
    )
    decisions: tuple[Outcome, ...] = attrs.field(
        default=(), validator=tuple_of(Outcome, "Outcome")
    )
    programme_start: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(is_date)
    )
    body: Body | None = attrs.field(
        default=None, validator=optional_instance(Body, "a Body or None")
    )
    config: Config = attrs.field(
        default=DEFAULT_CONFIG, validator=v.instance_of(Config, "a Config")
    )

    def __attrs_post_init__(self) -> None:
        for name, items in (
            ("history", [r.day for r in self.history]),
            ("decisions", [o.day for o in self.decisions]),
        ):
            for a, b in itertools.pairwise(items):
                if b < a:
                    raise InvalidInputError.out_of_range(
                        f"Context.{name}", b, f"on or after {a} (date order)"
                    )
