"""The progression model: phases, doses, plans, reports and decisions.

Every rule, default and bound here comes from the project's clinical-rules
note (sections cited as §n); the sources are on the progressions page.
"""

import datetime as dt
import enum
import itertools
from typing import Any, Final, final

import attrs

from backsafe import _validation as v
from backsafe.display import _html as _display
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import TrainingMode
from backsafe.spine._types import Body, OrderedStrEnum, StressLevel

# --- Ordered vocabularies ----------------------------------------------------


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


class Urgency(OrderedStrEnum):
    """How soon a person should get checked.

    ``NONE < ROUTINE < URGENT < EMERGENCY``.

    >>> Urgency.URGENT > Urgency.ROUTINE
    True

    .. versionadded:: 0.1.0
    """

    NONE = "none"
    """No referral."""
    ROUTINE = "routine"
    """See a clinician before exercising again."""
    URGENT = "urgent"
    """Get checked by a doctor today or tomorrow."""
    EMERGENCY = "emergency"
    """Call emergency services or go to an emergency department now."""


class RedFlag(enum.StrEnum):
    """A sign that must stop the programme, each with its urgency (§3).

    No single red flag is diagnostic; backsafe only says "stop and get
    checked", at the flag's urgency.

    >>> RedFlag.SADDLE_ANAESTHESIA.urgency
    <Urgency.EMERGENCY: 'emergency'>

    .. versionadded:: 0.1.0
    """

    SADDLE_ANAESTHESIA = "saddle-anaesthesia"
    BLADDER_DYSFUNCTION = "bladder-dysfunction"
    BOWEL_DYSFUNCTION = "bowel-dysfunction"
    SEXUAL_DYSFUNCTION_NEW = "sexual-dysfunction-new"
    BILATERAL_LEG_SYMPTOMS = "bilateral-leg-symptoms"
    SEVERE_OR_PROGRESSIVE_BILATERAL_WEAKNESS = (
        "severe-or-progressive-bilateral-weakness"
    )
    NEW_GAIT_DISTURBANCE = "new-gait-disturbance"
    FEVER_CHILLS_OR_SYSTEMICALLY_UNWELL = "fever-chills-or-systemically-unwell"
    UNEXPLAINED_WEIGHT_LOSS = "unexplained-weight-loss"
    NIGHT_PAIN_UNRELIEVED_BY_POSITION = "night-pain-unrelieved-by-position"
    PAIN_AT_MULTIPLE_SITES = "pain-at-multiple-sites"
    THORACIC_PAIN = "thoracic-pain"
    SIGNIFICANT_TRAUMA = "significant-trauma"
    NEW_STRUCTURAL_DEFORMITY = "new-structural-deformity"
    SEVERE_CENTRAL_PAIN_EASED_ONLY_BY_LYING = (
        "severe-central-pain-eased-only-by-lying"
    )
    NEW_OR_PROGRESSIVE_NEURO_DEFICIT_UNILATERAL = (
        "new-or-progressive-neuro-deficit-unilateral"
    )

    @property
    def urgency(self) -> Urgency:
        """Emergency for possible cauda equina (§3.1), else urgent (§3.2)."""
        if self in _EMERGENCY_FLAGS:
            return Urgency.EMERGENCY
        return Urgency.URGENT


_EMERGENCY_FLAGS: Final = frozenset(
    {
        RedFlag.SADDLE_ANAESTHESIA,
        RedFlag.BLADDER_DYSFUNCTION,
        RedFlag.BOWEL_DYSFUNCTION,
        RedFlag.SEXUAL_DYSFUNCTION_NEW,
        RedFlag.BILATERAL_LEG_SYMPTOMS,
        RedFlag.SEVERE_OR_PROGRESSIVE_BILATERAL_WEAKNESS,
        RedFlag.NEW_GAIT_DISTURBANCE,
    }
)


class RiskFactor(enum.StrEnum):
    """A history item that needs a clinician's clearance (§3.3).

    A risk factor is not an automatic stop: a clearance dated after the
    day it was recorded allows exercise.
    `FAILURE_TO_IMPROVE_AFTER_4_WEEKS` only adds advice.

    .. versionadded:: 0.1.0
    """

    AGE_OVER_50_NEW_ONSET = "age-over-50-new-onset"
    AGE_UNDER_20 = "age-under-20"
    HISTORY_OF_CANCER = "history-of-cancer"
    IMMUNOSUPPRESSION_OR_LONG_TERM_STEROIDS = (
        "immunosuppression-or-long-term-steroids"
    )
    IV_DRUG_USE = "iv-drug-use"
    OSTEOPOROSIS = "osteoporosis"
    RECENT_BACTERIAL_INFECTION = "recent-bacterial-infection"
    PENETRATING_WOUND = "penetrating-wound"
    FAILURE_TO_IMPROVE_AFTER_4_WEEKS = "failure-to-improve-after-4-weeks"


class Symptom(enum.StrEnum):
    """Something felt during a session (§4).

    Every symptom but `CENTRALIZATION` is a stop symptom: stop the exercise
    now, and step back next time.

    >>> Symptom.TINGLING.is_stop, Symptom.CENTRALIZATION.is_stop
    (True, False)

    .. versionadded:: 0.1.0
    """

    SHARP_PAIN = "sharp-pain"
    TINGLING = "tingling"
    NUMBNESS = "numbness"
    WEAKNESS = "weakness"
    PERIPHERALIZATION = "peripheralization"
    """Symptoms spreading further from the spine or down the leg."""
    NEW_PAIN_BELOW_KNEE = "new-pain-below-knee"
    """Leg pain below the knee that is new or worse than usual."""
    CENTRALIZATION = "centralization"
    """Symptoms moving back towards the spine: a good sign."""

    @property
    def is_stop(self) -> bool:
        """Whether the symptom stops the exercise."""
        return self is not Symptom.CENTRALIZATION


class Advice(enum.StrEnum):
    """A note beside a decision; it never changes the decision.

    .. versionadded:: 0.1.0
    """

    REVIEW_ROUTINE = "review-routine"
    """Ask a clinician to review the programme (no improvement, or three
    steps back in 14 days)."""
    CONSIDER_DELOAD = "consider-deload"
    """Three holds in a row: an easier week may help."""


class Change(enum.StrEnum):
    """The one thing a step changes.

    .. versionadded:: 0.1.0
    """

    REPS = "reps"
    LOAD = "load"
    SETS = "sets"
    PYRAMID = "pyramid"
    EXERCISE = "exercise"
    SESSIONS = "sessions"
    UNDO = "undo"
    """Back to the dose before the last step up."""
    DELOAD = "deload"
    """A planned easy week: half the sets."""
    RESTORE = "restore"
    """Back to the dose before the planned easy week."""


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
    NERVE_SYMPTOMS_PERSIST = "nerve-symptoms-persist"
    STOP_SYMPTOM_REPEATED = "stop-symptom-repeated"
    NOT_SETTLED_REPEATED = "not-settled-repeated"
    NOTHING_EASIER = "nothing-easier"
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
    AT_CAP = "at-cap"
    NEEDS_BODY = "needs-body"
    READY = "ready"

    @property
    def message(self) -> str:
        """A sentence a product can show to the person."""
        return _MESSAGES[self]


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
    ReasonCode.ABOVE_PHASE_CAP: (
        "Step back: this dose is more than your current phase allows, so"
        " drop to a lighter load or an easier exercise."
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


# --- Configuration -----------------------------------------------------------


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

    def green_max(self, phase: Phase) -> int:
        """Return the highest green pain score in *phase*."""
        if phase is Phase.ACUTE:
            return self.green_max_acute
        if phase is Phase.SUBACUTE:
            return self.green_max_subacute
        return self.green_max_chronic

    def min_days(self, phase: Phase) -> int:
        """Return the least days between two steps up in *phase*."""
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
        weeks = v.check_real(
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


# --- Inputs ------------------------------------------------------------------


def _date(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError.out_of_range(
            v.field_name(instance, attribute), value, "a datetime.date"
        )


def _optional_pain(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if value is not None:
        v.check_int(
            v.field_name(instance, attribute), value, min_value=0, max_value=10
        )


_PAIN: Final = v.integer(0, 10)


def _optional(cls: type, what: str) -> v.Validator:
    """Validate ``None`` or an instance of *cls*."""
    return attrs.validators.optional(v.instance_of(cls, what))


def _tuple_of(cls: type, what: str) -> v.Validator:
    """Validate a tuple of instances of *cls*."""
    return attrs.validators.deep_iterable(
        v.instance_of(cls, what), v.instance_of(tuple, f"a tuple of {what}")
    )


@final
@attrs.frozen(kw_only=True)
class Clearance:
    """A clinician's clearance to exercise.

    Attributes:
        cleared: Whether exercise was cleared.
        on: The day of the clearance.
        by_clinician: Whether a clinician gave it.
        permits_tier3: Whether the clinician explicitly allows tier-3
            exercises and chronic-phase loads above the maximum
            permissible limit.

    >>> import datetime
    >>> Clearance(cleared=True, on=datetime.date(2026, 3, 2)).is_valid
    True

    .. versionadded:: 0.1.0
    """

    cleared: bool = attrs.field(validator=v.instance_of(bool, "a bool"))
    on: dt.date = attrs.field(validator=_date)
    by_clinician: bool = attrs.field(
        default=True, validator=v.instance_of(bool, "a bool")
    )
    permits_tier3: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )

    @property
    def is_valid(self) -> bool:
        """Whether this clearance allows exercise at all."""
        return self.cleared and self.by_clinician


@final
@attrs.frozen(kw_only=True)
class RecordedRiskFactor:
    """A risk factor and the day it was recorded.

    Attributes:
        factor: The risk factor.
        on: The day it was recorded.

    .. versionadded:: 0.1.0
    """

    factor: RiskFactor = attrs.field(validator=v.member(RiskFactor))
    on: dt.date = attrs.field(validator=_date)


@final
@attrs.frozen(kw_only=True)
class SetResult:
    """One set as it was done.

    Attributes:
        reps: Repetitions per side, 0-100.
        load_kg: External load, 0-600 kg.
        hold_s: Hold per repetition, 0-600 s (0 for dynamic reps).
        reps_in_reserve: Reps left in the tank at the end of the set, 0-10,
            if known.

    .. versionadded:: 0.1.0
    """

    reps: int = attrs.field(validator=v.integer(0, 100))
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, 600.0, unit="kg")
    )
    hold_s: float = attrs.field(
        default=0.0, validator=v.real(0.0, 600.0, unit="s")
    )
    reps_in_reserve: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.integer(0, 10)),
    )


@final
@attrs.frozen(kw_only=True)
class SessionReport:
    """What happened in one session, on the 0-10 pain scale (NRS).

    Pain is back pain only; leg symptoms go in *symptoms*.
    In home mode (several sessions a day) report the day's worst values
    once a day.

    Attributes:
        day: The day of the session.
        pain_before: Back pain on the morning of the session day.
        pain_during_max: Worst back pain during the session.
        pain_1h_after: Back pain an hour after, if known.
        pain_next_morning: Back pain the next morning; needed before any
            step up.
        stiffness_next_morning: Stiffness the next morning, if known.
        symptoms: What was felt during the session.
        symptoms_persist_next_morning: Whether the symptoms were still
            there the next morning.
        sets: What was done, set by set.

    >>> import datetime
    >>> report = SessionReport(
    ...     day=datetime.date(2026, 3, 2),
    ...     pain_before=2,
    ...     pain_during_max=3,
    ...     pain_next_morning=2,
    ... )
    >>> report.is_settled(settle_tol=0)
    True

    .. versionadded:: 0.1.0
    """

    day: dt.date = attrs.field(validator=_date)
    pain_before: int = attrs.field(validator=_PAIN)
    pain_during_max: int = attrs.field(validator=_PAIN)
    pain_1h_after: int | None = attrs.field(
        default=None, validator=_optional_pain
    )
    pain_next_morning: int | None = attrs.field(
        default=None, validator=_optional_pain
    )
    stiffness_next_morning: int | None = attrs.field(
        default=None, validator=_optional_pain
    )
    symptoms: frozenset[Symptom] = attrs.field(
        default=frozenset(), validator=v.members(Symptom)
    )
    symptoms_persist_next_morning: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )
    sets: tuple[SetResult, ...] = attrs.field(
        default=(), validator=_tuple_of(SetResult, "SetResult")
    )

    @property
    def stop_symptoms(self) -> frozenset[Symptom]:
        """The symptoms that stop the exercise."""
        return frozenset(s for s in self.symptoms if s.is_stop)

    def is_settled(self, *, settle_tol: int) -> bool:
        """Whether pain settled by the next morning (False if unknown)."""
        return (
            self.pain_next_morning is not None
            and self.pain_next_morning <= self.pain_before + settle_tol
        )


# --- Doses and plans ---------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Dose:
    """How much of one exercise to do.

    Attributes:
        exercise: The exercise's catalog slug.
        mode: How it is dosed.
        sets: Sets per session, 1-10.
        reps: Repetitions per set and side, 1-50; in iso-hold mode the
            first set of the pyramid.
        pyramid: Iso-hold mode only: reps of each set, non-increasing,
            such as ``(5, 3, 1)``; empty otherwise.
        load_kg: Total external load, 0-600 kg.
        load_step_kg: The smallest load change the equipment allows,
            0-50 kg; 0 if the load cannot change.
        hold_s: Seconds per hold: 1-10 for iso holds (McGill), 10-30 for
            stretches, 0 for dynamic reps.
        sessions_per_day: 1-3.
        rest_s: Rest between sets, 0-600 s.
        min_reps: Bottom of the rep range (reps reset here after a load
            step).
        max_reps: Top of the rep range; at or above *min_reps*.

    >>> Dose(exercise="glute-bridge", mode=TrainingMode.HOME_REPS, reps=5,
    ...      sessions_per_day=3).sessions_per_day
    3

    .. versionadded:: 0.1.0
    """

    exercise: str = attrs.field(validator=v.slug())
    mode: TrainingMode = attrs.field(validator=v.member(TrainingMode))
    sets: int = attrs.field(default=1, validator=v.integer(1, 10))
    reps: int = attrs.field(validator=v.integer(1, 50))
    pyramid: tuple[int, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            v.integer(1, 50), v.instance_of(tuple, "a tuple of ints")
        ),
    )
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, 600.0, unit="kg")
    )
    load_step_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, 50.0, unit="kg")
    )
    hold_s: float = attrs.field(
        default=0.0, validator=v.real(0.0, 30.0, unit="s")
    )
    sessions_per_day: int = attrs.field(default=1, validator=v.integer(1, 3))
    rest_s: int = attrs.field(default=60, validator=v.integer(0, 600))
    min_reps: int = attrs.field(default=1, validator=v.integer(1, 50))
    max_reps: int = attrs.field(default=50, validator=v.integer(1, 50))

    def __attrs_post_init__(self) -> None:
        where = "Dose"
        if self.max_reps < self.min_reps:
            raise InvalidInputError.out_of_range(
                f"{where}.max_reps", self.max_reps, f">= {self.min_reps}"
            )
        iso = self.mode is TrainingMode.ISO_HOLDS
        if iso:
            pyramid = self.pyramid
            if (
                len(pyramid) != self.sets
                or any(b > a for a, b in itertools.pairwise(pyramid))
                or pyramid[0] != self.reps
            ):
                raise InvalidInputError.out_of_range(
                    f"{where}.pyramid",
                    pyramid,
                    f"{self.sets} non-increasing reps starting at reps"
                    f" ({self.reps}) in iso-hold mode",
                )
            if not 1 <= self.hold_s <= MAX_ISO_HOLD_S:
                raise InvalidInputError.out_of_range(
                    f"{where}.hold_s",
                    self.hold_s,
                    f"in [1, {MAX_ISO_HOLD_S}] s in iso-hold mode",
                )
        elif self.pyramid:
            raise InvalidInputError.out_of_range(
                f"{where}.pyramid", self.pyramid, "() outside iso-hold mode"
            )
        if self.mode is TrainingMode.STRETCH and not (
            MIN_STRETCH_HOLD_S <= self.hold_s <= MAX_STRETCH_HOLD_S
        ):
            raise InvalidInputError.out_of_range(
                f"{where}.hold_s",
                self.hold_s,
                f"in [{MIN_STRETCH_HOLD_S}, {MAX_STRETCH_HOLD_S}] s in"
                " stretch mode",
            )


#: The heaviest load a dose may carry, kg (the model's range).
MAX_LOAD_KG: Final = 600.0
#: McGill: holds of 7-10 s, never longer (§7.2).
MAX_ISO_HOLD_S: Final = 10
#: ACSM 10-30 s per stretch; 20 s by default (§7.4).
MIN_STRETCH_HOLD_S: Final = 10
MAX_STRETCH_HOLD_S: Final = 30


@final
@attrs.frozen(kw_only=True)
class Criteria:
    """What must hold before moving on from a step (§7).

    Attributes:
        min_sessions: Green, settled sessions on separate days.
        min_days: Least calendar days at the step.
        max_pain_during: Highest pain during a session that counts (green).
        settle_tol: Points next-morning pain may exceed the morning before.
        min_reps_in_reserve: Strength mode: reps in reserve on every set
            (never train to failure); 0 elsewhere.

    .. versionadded:: 0.1.0
    """

    min_sessions: int = attrs.field(validator=v.integer(1, 7))
    min_days: int = attrs.field(validator=v.integer(1, 28))
    max_pain_during: int = attrs.field(validator=v.integer(0, 5))
    settle_tol: int = attrs.field(validator=v.integer(0, 1))
    min_reps_in_reserve: int = attrs.field(
        default=0, validator=v.integer(0, 10)
    )

    @property
    def summary(self) -> str:
        """The criteria in one sentence a person can read."""
        text = (
            f"Move on after {self.min_sessions} sessions on separate days,"
            f" at least {self.min_days} days apart from the last step,"
            f" with pain during at most {self.max_pain_during}/10 and back"
            " to your usual level by the next morning"
        )
        if self.min_reps_in_reserve:
            text += (
                f", finishing every set with {self.min_reps_in_reserve}"
                " or more reps in reserve"
            )
        return text + "."


@final
@attrs.frozen(kw_only=True)
class Step:
    """One step of a progression: a dose from a given day.

    Attributes:
        starts_on: The first day of the step.
        dose: What to do.
        tier: The exercise's spinal-demand tier.
        compression_n: Estimated L4/L5 compression at this dose, N.
        level: That compression graded against the limits.
        change: What changed from the previous step (``None`` for the
            first).
        criteria: What must hold before the next step.
        after_waking_min: The least minutes between waking and the
            session, when a wake time was given and the exercise flexes the
            spine; unlike a clock time it never wraps past midnight.
        earliest_start: The same moment as a clock time; when it is
            earlier than the wake time it falls on the next day.
        warm_up_first: Whether a warm-up (5 minutes of easy cardio or
            dynamic movement) must come first.

    .. versionadded:: 0.1.0
    """

    starts_on: dt.date = attrs.field(validator=_date)
    dose: Dose = attrs.field(validator=v.instance_of(Dose, "a Dose"))
    tier: int = attrs.field(validator=v.integer(0, 3))
    compression_n: float = attrs.field(validator=v.real(0.0, 1e6, unit="N"))
    level: StressLevel = attrs.field(validator=v.member(StressLevel))
    change: Change | None = attrs.field(validator=v.optional_member(Change))
    criteria: Criteria = attrs.field(
        validator=v.instance_of(Criteria, "a Criteria")
    )
    after_waking_min: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.integer(0, 24 * 60)),
    )
    earliest_start: dt.time | None = attrs.field(
        default=None, validator=_optional(dt.time, "a datetime.time")
    )
    warm_up_first: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )


@final
@attrs.frozen(kw_only=True)
class Progression:
    """An ordered, immutable plan of steps for one exercise or its ladder.

    Build one with `generate_progression`; adapt it to a decision with
    `apply_decision`.

    Attributes:
        exercise: The slug the plan started from.
        mode: How it is dosed.
        phase: The phase it was planned for.
        body: The person it was scored for.
        programme_start: The first day of the programme (anchors the
            planned easy weeks when a plan is adapted).
        start: The first day of this plan.
        end: The day after the last day.
        load_cap_n: The compression no step reaches, N; ``None`` when a
            clinician lifted the cap.
        max_tier: The highest tier allowed.
        wake_time: The person's wake time, if given.
        steps: The steps, in date order; at least one.

    .. versionadded:: 0.1.0
    """

    exercise: str = attrs.field(validator=v.slug())
    mode: TrainingMode = attrs.field(validator=v.member(TrainingMode))
    phase: Phase = attrs.field(validator=v.member(Phase))
    body: Body = attrs.field(validator=v.instance_of(Body, "a Body"))
    programme_start: dt.date = attrs.field(validator=_date)
    start: dt.date = attrs.field(validator=_date)
    end: dt.date = attrs.field(validator=_date)
    load_cap_n: float | None = attrs.field(
        validator=attrs.validators.optional(
            v.real(0.0, 1e6, unit="N", min_exclusive=True)
        )
    )
    max_tier: int = attrs.field(validator=v.integer(0, 3))
    wake_time: dt.time | None = attrs.field(
        default=None, validator=_optional(dt.time, "a datetime.time")
    )
    steps: tuple[Step, ...] = attrs.field(validator=_tuple_of(Step, "Step"))

    def __attrs_post_init__(self) -> None:
        if not self.steps or self.steps[0].starts_on != self.start:
            raise InvalidInputError.out_of_range(
                "Progression.steps",
                self.steps,
                "at least one step, the first starting on start",
            )
        days = [s.starts_on for s in self.steps]
        if any(b <= a for a, b in itertools.pairwise(days)):
            raise InvalidInputError.out_of_range(
                "Progression.steps", days, "strictly increasing start days"
            )
        if self.end <= days[-1]:
            raise InvalidInputError.out_of_range(
                "Progression.end", self.end, f"after {days[-1]}"
            )

    def __repr__(self) -> str:
        return _display.progression_repr(self)

    def _repr_html_(self) -> str:
        """Show the plan as a table in notebooks."""
        return _display.progression_html(self)

    def step_on(self, day: dt.date) -> Step:
        """Return the step in force on *day*.

        Raises:
            InvalidInputError: *day* is outside the plan.
        """
        given: object = day
        if (
            isinstance(given, dt.datetime)
            or not isinstance(given, dt.date)
            or not self.start <= given < self.end
        ):
            raise InvalidInputError.out_of_range(
                "day", day, f"in [{self.start}, {self.end})"
            )
        current = self.steps[0]
        for step in self.steps:
            if step.starts_on > day:
                break
            current = step
        return current


# --- Decisions ---------------------------------------------------------------


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
    def of(cls, code: ReasonCode) -> "Reason":
        """Build the reason for *code* with its standard message."""
        return cls(code=code, message=code.message)


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

    .. versionadded:: 0.1.0
    """

    day: dt.date = attrs.field(validator=_date)
    decision: Decision = attrs.field(validator=v.member(Decision))
    urgency: Urgency = attrs.field(validator=v.member(Urgency))
    reasons: tuple[Reason, ...] = attrs.field(
        validator=_tuple_of(Reason, "Reason")
    )
    advice: frozenset[Advice] = attrs.field(
        default=frozenset(), validator=v.members(Advice)
    )
    change: Change | None = attrs.field(
        default=None, validator=v.optional_member(Change)
    )
    dose_before: Dose = attrs.field(validator=v.instance_of(Dose, "a Dose"))
    dose_after: Dose | None = attrs.field(
        validator=_optional(Dose, "a Dose or None")
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

    def __repr__(self) -> str:
        return _display.outcome_repr(self)

    def _repr_html_(self) -> str:
        """Show the decision and its reasons in notebooks."""
        return _display.outcome_html(self)

    @property
    def codes(self) -> frozenset[ReasonCode]:
        """The codes of the reasons."""
        return frozenset(r.code for r in self.reasons)


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
        default=None, validator=_optional(Clearance, "a Clearance or None")
    )
    red_flags: frozenset[RedFlag] = attrs.field(
        default=frozenset(), validator=v.members(RedFlag)
    )
    risk_factors: tuple[RecordedRiskFactor, ...] = attrs.field(
        default=(),
        validator=_tuple_of(RecordedRiskFactor, "RecordedRiskFactor"),
    )
    history: tuple[SessionReport, ...] = attrs.field(
        default=(), validator=_tuple_of(SessionReport, "SessionReport")
    )
    decisions: tuple[Outcome, ...] = attrs.field(
        default=(), validator=_tuple_of(Outcome, "Outcome")
    )
    programme_start: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(_date)
    )
    body: Body | None = attrs.field(
        default=None, validator=_optional(Body, "a Body or None")
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
