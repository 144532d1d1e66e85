"""What a person reports: sessions, symptoms, red flags and clearance.

Also the sets of a session, risk factors, and how urgently a red flag
refers.

Every rule here comes from the project's clinical-rules note (sections
cited as §n); the sources are on the progressions page.
"""

import datetime as dt
import enum
from typing import Final, final

import attrs

from backsafe import _validation as v
from backsafe.coaching._fields import PAIN, is_date, optional_pain, tuple_of
from backsafe.exceptions import InvalidInputError
from backsafe.spine._types import OrderedStrEnum


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


class SymptomSite(enum.StrEnum):
    """Where a symptom is felt (§3.1, §4).

    Symptoms in both legs or in the saddle area are emergency red flags by
    themselves; below the knee is a sign of spreading.

    .. versionadded:: 0.1.0
    """

    ONE_LEG = "one-leg"
    BOTH_LEGS = "both-legs"
    """Both legs, or one-sided symptoms that have become two-sided."""
    SADDLE = "saddle"
    """Around the genitals, anus, perineum or inner thighs."""
    BELOW_KNEE = "below-knee"


@final
@attrs.frozen(kw_only=True)
class PlacedSymptom:
    """A symptom, where it was felt, and whether it lasted to the morning.

    Attributes:
        symptom: What was felt.
        site: Where it was felt.
        next_morning: Whether it was still there the next morning;
            ``None`` until the morning answer.

    >>> PlacedSymptom(symptom=Symptom.TINGLING,
    ...               site=SymptomSite.BOTH_LEGS).red_flags
    frozenset({<RedFlag.BILATERAL_LEG_SYMPTOMS: 'bilateral-leg-symptoms'>})

    .. versionadded:: 0.1.0
    """

    symptom: Symptom = attrs.field(validator=v.member(Symptom))
    site: SymptomSite = attrs.field(validator=v.member(SymptomSite))
    next_morning: bool | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.instance_of(bool, "a bool")),
    )

    @property
    def red_flags(self) -> frozenset[RedFlag]:
        """The red flags its place raises on its own (§3.1)."""
        return _SITE_FLAGS.get((self.site, self.symptom), frozenset()) | (
            _SITE_FLAGS.get((self.site, None), frozenset())
        )

    @property
    def symptoms(self) -> frozenset[Symptom]:
        """The symptom, and new pain below the knee for pain there."""
        found = {self.symptom}
        if self.site is SymptomSite.BELOW_KNEE and self.symptom in {
            Symptom.SHARP_PAIN,
            Symptom.PERIPHERALIZATION,
        }:
            found.add(Symptom.NEW_PAIN_BELOW_KNEE)
        return frozenset(found)


_SITE_FLAGS: Final[
    dict[tuple[SymptomSite, Symptom | None], frozenset[RedFlag]]
] = {
    (SymptomSite.BOTH_LEGS, None): frozenset({RedFlag.BILATERAL_LEG_SYMPTOMS}),
    (SymptomSite.BOTH_LEGS, Symptom.WEAKNESS): frozenset(
        {RedFlag.SEVERE_OR_PROGRESSIVE_BILATERAL_WEAKNESS}
    ),
    (SymptomSite.SADDLE, None): frozenset({RedFlag.SADDLE_ANAESTHESIA}),
}


@final
@attrs.frozen(kw_only=True)
class Clearance:
    """A clinician's clearance to exercise.

    Attributes:
        cleared: Whether exercise was cleared.
        on: The day of the clearance.
        by_clinician: Whether a clinician gave it; ``False`` unless the
            caller says so (a clearance nobody vouched for allows nothing).
        permits_tier3: Whether the clinician explicitly allows tier-3
            exercises and chronic-phase loads above the maximum
            permissible limit.

    >>> import datetime
    >>> day = datetime.date(2026, 3, 2)
    >>> Clearance(cleared=True, by_clinician=True, on=day).is_valid
    True
    >>> Clearance(cleared=True, on=day).is_valid  # nobody vouched for it
    False

    .. versionadded:: 0.1.0
    """

    cleared: bool = attrs.field(validator=v.instance_of(bool, "a bool"))
    on: dt.date = attrs.field(validator=is_date)
    by_clinician: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
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
    on: dt.date = attrs.field(validator=is_date)


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
        placed_symptoms: Symptoms with the place they were felt; those in
            both legs or the saddle area are emergency red flags by
            themselves.
        red_flags: Red flags noticed with this report.
        flare: Whether this report starts a flare of the person's usual
            pain (the acute rules apply until two green, settled sessions
            in a row, §2).

    An evening report leaves the next-morning fields empty; a
    `MorningReport` completes it.

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

    day: dt.date = attrs.field(validator=is_date)
    pain_before: int = attrs.field(validator=PAIN)
    pain_during_max: int = attrs.field(validator=PAIN)
    pain_1h_after: int | None = attrs.field(
        default=None, validator=optional_pain
    )
    pain_next_morning: int | None = attrs.field(
        default=None, validator=optional_pain
    )
    stiffness_next_morning: int | None = attrs.field(
        default=None, validator=optional_pain
    )
    symptoms: frozenset[Symptom] = attrs.field(
        default=frozenset(), validator=v.members(Symptom)
    )
    symptoms_persist_next_morning: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )
    sets: tuple[SetResult, ...] = attrs.field(
        default=(), validator=tuple_of(SetResult, "SetResult")
    )
    placed_symptoms: tuple[PlacedSymptom, ...] = attrs.field(
        default=(), validator=tuple_of(PlacedSymptom, "PlacedSymptom")
    )
    red_flags: frozenset[RedFlag] = attrs.field(
        default=frozenset(), validator=v.members(RedFlag)
    )
    flare: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )

    @property
    def all_symptoms(self) -> frozenset[Symptom]:
        """*symptoms* with those of *placed_symptoms*."""
        found = set(self.symptoms)
        for placed in self.placed_symptoms:
            found |= placed.symptoms
        return frozenset(found)

    @property
    def stop_symptoms(self) -> frozenset[Symptom]:
        """The symptoms that stop the exercise."""
        return frozenset(s for s in self.all_symptoms if s.is_stop)

    @property
    def persisting_symptoms(self) -> frozenset[Symptom]:
        """The symptoms still there the next morning."""
        found = set(
            self.all_symptoms if self.symptoms_persist_next_morning else ()
        )
        for placed in self.placed_symptoms:
            if placed.next_morning:
                found |= placed.symptoms
        return frozenset(found)

    @property
    def all_red_flags(self) -> frozenset[RedFlag]:
        """*red_flags* with those the symptoms' places raise (§3.1)."""
        found = set(self.red_flags)
        for placed in self.placed_symptoms:
            found |= placed.red_flags
        return frozenset(found)

    @property
    def is_complete(self) -> bool:
        """Whether the next-morning answer is in."""
        return self.pain_next_morning is not None

    def is_settled(self, *, settle_tol: int) -> bool:
        """Whether pain settled by the next morning (False if unknown)."""
        tol = v.coerce_int("settle_tol", settle_tol, min_value=0, max_value=1)
        return (
            self.pain_next_morning is not None
            and self.pain_next_morning <= self.pain_before + tol
        )


@final
@attrs.frozen(kw_only=True)
class MorningReport:
    """The next-morning answer that completes an evening report.

    Attributes:
        day: The day of the session it completes (the morning after it).
        pain_next_morning: Back pain this morning, 0-10.
        stiffness_next_morning: Stiffness this morning, if known.
        symptoms_still_there: The session's symptoms still there this
            morning.
        red_flags: Red flags noticed this morning.

    .. versionadded:: 0.1.0
    """

    day: dt.date = attrs.field(validator=is_date)
    pain_next_morning: int = attrs.field(validator=PAIN)
    stiffness_next_morning: int | None = attrs.field(
        default=None, validator=optional_pain
    )
    symptoms_still_there: frozenset[Symptom] = attrs.field(
        default=frozenset(), validator=v.members(Symptom)
    )
    red_flags: frozenset[RedFlag] = attrs.field(
        default=frozenset(), validator=v.members(RedFlag)
    )

    def complete(self, report: SessionReport) -> SessionReport:
        """*report* with this morning's answer filled in.

        Raises:
            InvalidInputError: *report* is of another day, or already
                complete.
        """
        if not isinstance(report, SessionReport):
            raise InvalidInputError.out_of_range(
                "report", report, "a SessionReport"
            )
        if report.day != self.day or report.is_complete:
            raise InvalidInputError.out_of_range(
                "MorningReport.day",
                self.day,
                f"the day of an evening report still waiting for its"
                f" morning answer ({report.day}, "
                f"{'complete' if report.is_complete else 'open'})",
            )
        still = self.symptoms_still_there
        placed = tuple(
            attrs.evolve(p, next_morning=bool(p.symptoms & still))
            for p in report.placed_symptoms
        )
        return attrs.evolve(
            report,
            pain_next_morning=self.pain_next_morning,
            stiffness_next_morning=self.stiffness_next_morning,
            symptoms_persist_next_morning=(
                report.symptoms_persist_next_morning
                or bool(still & report.symptoms)
            ),
            placed_symptoms=placed,
            red_flags=report.red_flags | self.red_flags,
        )
