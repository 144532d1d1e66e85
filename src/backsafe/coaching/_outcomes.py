"""Outcomes: a decision, its reasons and advice, and the next dose.

The reasons follow the project's clinical-rules note (§6); the sources are
on the progressions page.
"""

import datetime as dt
import enum
from typing import Final, final

import attrs

from backsafe import _validation as v
from backsafe.coaching._doses import Change, Dose
from backsafe.coaching._fields import is_date, optional_instance, tuple_of
from backsafe.coaching._phases import Phase
from backsafe.coaching._reports import Urgency
from backsafe.exceptions import InvalidInputError
from backsafe.spine._types import OrderedStrEnum


class Decision(OrderedStrEnum):
    """What to do next, ordered from most to least cautious.

    ``STOP_AND_REFER < REGRESS < HOLD < PROGRESS``.

    >>> min(Decision.PROGRESS, Decision.REGRESS)
    <Decision.REGRESS: 'regress'>

    .. versionadded:: 0.1.0
    """

    STOP_AND_REFER = "stop-and-refer"
    """Stop exercising and get checked."""
    REGRESS = "regress"
    """Step back to an easier dose or exercise."""
    HOLD = "hold"
    """Keep the dose."""
    PROGRESS = "progress"
    """Step up exactly one thing."""


class Advice(enum.StrEnum):
    """A note beside a decision; it never changes the decision.

    .. versionadded:: 0.1.0
    """

    REVIEW_ROUTINE = "review-routine"
    """Ask a clinician to review the programme (no improvement, or three
    steps back in 14 days)."""
    CONSIDER_DELOAD = "consider-deload"
    """Three holds in a row: an easier week may help."""


class ReasonCode(enum.StrEnum):
    """Stable, machine-readable codes for the reasons behind a decision.

    .. versionadded:: 0.1.0
    """

    RED_FLAG_EMERGENCY = "red-flag-emergency"
    RED_FLAG_URGENT = "red-flag-urgent"
    NO_CLEARANCE = "no-clearance"
    CLEARANCE_OUTDATED = "clearance-outdated"
    RISK_FACTOR_NOT_CLEARED = "risk-factor-not-cleared"
    WEAKNESS_PERSISTS = "weakness-persists"
    WEAKNESS_NEW = "weakness-new"
    NERVE_SYMPTOMS_PERSIST = "nerve-symptoms-persist"
    STOP_SYMPTOM_REPEATED = "stop-symptom-repeated"
    NOT_SETTLED_REPEATED = "not-settled-repeated"
    NOTHING_EASIER = "nothing-easier"
    REPLACED = "replaced"
    ABOVE_PHASE_CAP = "above-phase-cap"
    STOP_SYMPTOM = "stop-symptom"
    PAIN_ABOVE_CEILING = "pain-above-ceiling"
    NOT_SETTLED = "not-settled"
    TREND_UP = "trend-up"
    PLANNED_DELOAD = "planned-deload"
    NEXT_MORNING_MISSING = "next-morning-missing"
    ONE_HOUR_RULE = "one-hour-rule"
    AMBER_PAIN = "amber-pain"
    DWELL_NOT_MET = "dwell-not-met"
    EARLY_RISE = "early-rise"
    AT_CAP = "at-cap"
    NEEDS_BODY = "needs-body"
    READY = "ready"

    @property
    def message(self) -> str:
        """A sentence a product can show to the person."""
        return _MESSAGES[self]


#: What a report lacks for its session to count, told with the hold.
SETS_MISSING: Final = (
    " This report has fewer sets than the dose: add the sets you did"
    " (reps, and the weight if any) so that a good session can count."
)
RESERVE_MISSING: Final = (
    " This report lacks the reps in reserve of some sets: add how many more"
    " reps you could have done at the end of each set so that it can count."
)

_SEE_DOCTOR = "Stop exercising and get checked by a doctor"
_CLINICIAN = "Stop exercising and see a clinician before you exercise again"
_MESSAGES: Final = {
    ReasonCode.RED_FLAG_EMERGENCY: (
        "Stop exercising and get checked now: call emergency services or"
        " go to an emergency department."
    ),
    ReasonCode.RED_FLAG_URGENT: f"{_SEE_DOCTOR} today or tomorrow.",
    ReasonCode.NO_CLEARANCE: (
        "Stop and get cleared by a clinician before you (re)start."
    ),
    ReasonCode.CLEARANCE_OUTDATED: (
        f"{_CLINICIAN}: you stopped after your last clearance."
    ),
    ReasonCode.RISK_FACTOR_NOT_CLEARED: (
        f"{_CLINICIAN}: something new in your history needs a check."
    ),
    ReasonCode.WEAKNESS_PERSISTS: (
        f"{_SEE_DOCTOR} today or tomorrow: weakness was still there the"
        " next morning."
    ),
    ReasonCode.WEAKNESS_NEW: (
        "Stop this session and see a clinician before you exercise again:"
        " new or worse weakness. If it is still there tomorrow, or in both"
        " legs, get checked the same day."
    ),
    ReasonCode.NERVE_SYMPTOMS_PERSIST: (
        f"{_CLINICIAN}: tingling or numbness was still there the next morning."
    ),
    ReasonCode.STOP_SYMPTOM_REPEATED: (
        f"{_CLINICIAN}: warning symptoms came back two sessions running."
    ),
    ReasonCode.NOT_SETTLED_REPEATED: (
        f"{_CLINICIAN}: pain has not settled by the next morning twice"
        " within a week."
    ),
    ReasonCode.NOTHING_EASIER: (
        f"{_CLINICIAN}: there is no easier version left to step back to."
    ),
    ReasonCode.REPLACED: (
        "Switch exercise: this one is replaced by its gentler version,"
        " which works the same muscles with less strain on the back."
    ),
    ReasonCode.ABOVE_PHASE_CAP: (
        "Step back: this dose is more than your current phase allows (its"
        " tier, any load while acute, or a spinal load above the limit for"
        " your body size), so drop to a lighter load or an easier"
        " exercise."
    ),
    ReasonCode.STOP_SYMPTOM: (
        "Step back: sharp pain, tingling, numbness, weakness or pain"
        " spreading down the leg means stop that exercise."
    ),
    ReasonCode.PAIN_ABOVE_CEILING: (
        "Step back: pain went above the limit during the session."
    ),
    ReasonCode.NOT_SETTLED: (
        "Step back: pain had not settled by the next morning."
    ),
    ReasonCode.TREND_UP: (
        "Step back: morning pain or stiffness rose over the last week."
    ),
    ReasonCode.PLANNED_DELOAD: (
        "Take the planned easy week: half the sets, same weight."
    ),
    ReasonCode.NEXT_MORNING_MISSING: (
        "Keep the same dose: tell us how your back felt the next morning"
        " before stepping up."
    ),
    ReasonCode.ONE_HOUR_RULE: (
        "Keep the same dose: pain an hour after was well above your usual."
    ),
    ReasonCode.AMBER_PAIN: (
        "Keep the same dose: some pain is acceptable, but not enough"
        " margin to step up."
    ),
    ReasonCode.DWELL_NOT_MET: (
        "Keep the same dose: a few more good sessions on separate days first."
    ),
    ReasonCode.EARLY_RISE: (
        "Keep the same dose: morning pain has crept up in your first week;"
        " it must stop rising before you step up."
    ),
    ReasonCode.AT_CAP: (
        "Keep the same dose: this is the top of the plan for now."
    ),
    ReasonCode.NEEDS_BODY: (
        "Keep the same dose: add your body weight and height before adding"
        " weight your back carries."
    ),
    ReasonCode.READY: (
        "Step up one thing: pain stayed low and settled over enough sessions."
    ),
}


@final
@attrs.frozen(kw_only=True)
class Reason:
    """Why a decision was made.

    Attributes:
        code: A stable, machine-readable code.
        message: A sentence a product can show to the person; it never
            names a diagnosis.

    .. versionadded:: 0.1.0
    """

    code: ReasonCode = attrs.field(validator=v.member(ReasonCode))
    message: str = attrs.field(validator=v.text(max_length=400))

    @classmethod
    def of(cls, code: ReasonCode | str, *, detail: str = "") -> "Reason":
        """Build the reason for *code* (or its value) with its message.

        *detail*, when given, is a sentence added to the message.

        Raises:
            InvalidInputError: *code* is not a reason code.
        """
        member = v.coerce_member("code", code, ReasonCode)
        if not isinstance(detail, str):
            raise InvalidInputError.out_of_range("detail", detail, "a str")
        return cls(code=member, message=member.message + detail)


@final
@attrs.frozen(kw_only=True)
class Outcome:
    """A decision, why it was made, and the dose it leads to.

    Keep every outcome: the next `decide` call needs them in
    `Context.decisions`.

    Attributes:
        day: The day of the report it decides on.
        decision: What to do next.
        urgency: How soon to get checked; `Urgency.NONE` unless the
            decision is `Decision.STOP_AND_REFER`.
        reasons: Why, most important first; never empty.
        advice: Notes that do not change the decision.
        change: What the next dose changes, for a step up or back.
        dose_before: The dose the report was about.
        dose_after: The next dose; ``None`` after a stop.
        phase: The phase whose rules were used, when known.
        provisional: Whether the decision waits for the next-morning
            answer (an evening report); it never steps up.

    .. versionadded:: 0.1.0
    """

    day: dt.date = attrs.field(validator=is_date)
    decision: Decision = attrs.field(validator=v.member(Decision))
    urgency: Urgency = attrs.field(validator=v.member(Urgency))
    reasons: tuple[Reason, ...] = attrs.field(
        validator=tuple_of(Reason, "Reason")
    )
    advice: frozenset[Advice] = attrs.field(
        default=frozenset(), validator=v.members(Advice)
    )
    change: Change | None = attrs.field(
        default=None, validator=v.optional_member(Change)
    )
    dose_before: Dose = attrs.field(validator=v.instance_of(Dose, "a Dose"))
    dose_after: Dose | None = attrs.field(
        validator=optional_instance(Dose, "a Dose or None")
    )
    phase: Phase | None = attrs.field(
        default=None, validator=v.optional_member(Phase)
    )
    provisional: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )

    def __attrs_post_init__(self) -> None:
        if not self.reasons:
            raise InvalidInputError.out_of_range(
                "Outcome.reasons", self.reasons, "at least one Reason"
            )
        stop = self.decision is Decision.STOP_AND_REFER
        if stop != (self.dose_after is None):
            raise InvalidInputError.out_of_range(
                "Outcome.dose_after",
                self.dose_after,
                "None exactly when the decision is 'stop-and-refer'",
            )
        if stop == (self.urgency is Urgency.NONE):
            raise InvalidInputError.out_of_range(
                "Outcome.urgency",
                self.urgency.value,
                "'none' exactly when the decision is not 'stop-and-refer'",
            )
        if self.provisional and self.decision is Decision.PROGRESS:
            raise InvalidInputError.out_of_range(
                "Outcome.decision",
                self.decision.value,
                "not 'progress' while provisional (no step up before the"
                " next-morning answer)",
            )

    def __repr__(self) -> str:
        from backsafe.display import _html  # noqa: PLC0415

        return _html.outcome_repr(self)

    def _repr_html_(self) -> str:
        """Show the decision and its reasons in notebooks."""
        from backsafe.display import _html  # noqa: PLC0415

        return _html.outcome_html(self)

    @property
    def codes(self) -> frozenset[ReasonCode]:
        """The codes of the reasons."""
        return frozenset(r.code for r in self.reasons)
