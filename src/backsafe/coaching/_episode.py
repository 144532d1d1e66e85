"""Episode: one person's episode of back pain as one immutable record.

The record holds the onset, the clearances, the risk factors, the plan and
the dose in force, and every session with its report and its decision.
`Episode.record` takes the next report (an evening report, its
next-morning answer, or a complete report) and returns the new episode
with the outcome, so no earlier stop can be forgotten: the rules always
see the whole history. `decide` stays the pure rule function underneath.

Pure: dates are inputs and nothing reads the clock.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from typing import final

import attrs

from backsafe import _validation as v
from backsafe.coaching import _episode_rules as er
from backsafe.coaching._doses import Dose
from backsafe.coaching._fields import is_date, optional_instance, tuple_of
from backsafe.coaching._outcomes import Decision, Outcome
from backsafe.coaching._phases import DEFAULT_CONFIG, Config, Phase
from backsafe.coaching._progression import Progression
from backsafe.coaching._reports import (
    Clearance,
    MorningReport,
    RecordedRiskFactor,
    RiskFactor,
    SessionReport,
)
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise
from backsafe.spine._types import Body


@final
@attrs.frozen(kw_only=True)
class Session:
    """One session of an episode: its report, dose, phase and decision.

    Attributes:
        report: What was reported, as complete as it is so far.
        dose: The dose the session was done at.
        phase: The phase whose rules were used.
        outcome: The decision: provisional until the next-morning answer
            completes the report, final after it.
        evening: The provisional outcome of the evening report, once the
            morning answer replaced it; ``None`` otherwise.

    .. versionadded:: 0.1.0
    """

    report: SessionReport = attrs.field(
        validator=v.instance_of(SessionReport, "a SessionReport")
    )
    dose: Dose = attrs.field(validator=v.instance_of(Dose, "a Dose"))
    phase: Phase = attrs.field(validator=v.member(Phase))
    outcome: Outcome = attrs.field(
        validator=v.instance_of(Outcome, "an Outcome")
    )
    evening: Outcome | None = attrs.field(
        default=None, validator=optional_instance(Outcome, "an Outcome")
    )

    def __attrs_post_init__(self) -> None:
        if (
            self.outcome.day != self.report.day
            or self.outcome.dose_before != self.dose
        ):
            raise InvalidInputError.out_of_range(
                "Session.outcome",
                self.outcome.day,
                f"the outcome of this session ({self.report.day}, its dose)",
            )

    @property
    def is_open(self) -> bool:
        """Whether the session still waits for its next-morning answer."""
        return not self.report.is_complete


@final
@attrs.frozen(kw_only=True)
class Episode:
    """One person's episode: facts, plan, and every report and decision.

    Start one with `Episode.begin`; give it each report with
    `Episode.record`, which returns the new episode and the outcome. The
    record is immutable: keep the returned episode (serialize it with
    ``backsafe.to_json``).

    Attributes:
        onset: The first day of this episode of back pain; the phase
            follows from it (§2).
        programme_start: The first day of the programme.
        clearances: Clinicians' clearances, in date order.
        risk_factors: Recorded risk factors, in date order.
        plan: The plan in force, if the episode follows one.
        dose: The dose in force; ``None`` after a stop, until a clinician
            clears the person again and a new plan or dose is given.
        sessions: Every session, oldest first.
        phase: An explicit phase that overrides the one from the onset
            and flares; ``None`` to follow the facts.
        body: The person, for the spinal-load caps (the plan's body).
        config: The thresholds.

    .. versionadded:: 0.1.0
    """

    onset: dt.date = attrs.field(validator=is_date)
    programme_start: dt.date = attrs.field(validator=is_date)
    clearances: tuple[Clearance, ...] = attrs.field(
        default=(), validator=tuple_of(Clearance, "Clearance")
    )
    risk_factors: tuple[RecordedRiskFactor, ...] = attrs.field(
        default=(),
        validator=tuple_of(RecordedRiskFactor, "RecordedRiskFactor"),
    )
    plan: Progression | None = attrs.field(
        default=None,
        validator=optional_instance(Progression, "a Progression or None"),
    )
    dose: Dose | None = attrs.field(
        default=None, validator=optional_instance(Dose, "a Dose or None")
    )
    sessions: tuple[Session, ...] = attrs.field(
        default=(), validator=tuple_of(Session, "Session")
    )
    phase: Phase | None = attrs.field(
        default=None, validator=v.optional_member(Phase)
    )
    body: Body | None = attrs.field(
        default=None, validator=optional_instance(Body, "a Body or None")
    )
    config: Config = attrs.field(
        default=DEFAULT_CONFIG, validator=v.instance_of(Config, "a Config")
    )

    def __attrs_post_init__(self) -> None:
        if self.programme_start < self.onset:
            raise InvalidInputError.out_of_range(
                "Episode.programme_start",
                self.programme_start,
                f"on or after the onset ({self.onset})",
            )
        for name, days in (
            ("clearances", [c.on for c in self.clearances]),
            ("risk_factors", [r.on for r in self.risk_factors]),
        ):
            for a, b in itertools.pairwise(days):
                if b < a:
                    raise InvalidInputError.out_of_range(
                        f"Episode.{name}", b, f"on or after {a} (date order)"
                    )
        days = [s.report.day for s in self.sessions]
        for a, b in itertools.pairwise(days):
            if b <= a:
                raise InvalidInputError.out_of_range(
                    "Episode.sessions", b, f"after {a} (one a day, in order)"
                )
        if days and days[0] < self.onset:
            raise InvalidInputError.out_of_range(
                "Episode.sessions", days[0], f"on or after {self.onset}"
            )

    # --- Building ---------------------------------------------------------

    @classmethod
    def begin(
        cls,
        *,
        onset: dt.date | str,
        plan: Progression | None = None,
        dose: Dose | None = None,
        clearance: Clearance | None = None,
        risk_factors: Sequence[RecordedRiskFactor] = (),
        programme_start: dt.date | str | None = None,
        phase: Phase | str | None = None,
        body: Body | None = None,
        config: Config = DEFAULT_CONFIG,
        catalog: Iterable[Exercise] | None = None,
    ) -> "Episode":
        """Start an episode from its facts and a plan (or a single dose).

        Args:
            onset: The first day of the episode of back pain (a date or an
                ISO ``YYYY-MM-DD`` string).
            plan: The plan to follow, from `generate_progression`.
            dose: Without a plan: the dose to start at.
            clearance: A clinician's clearance, if given yet.
            risk_factors: Recorded risk factors.
            programme_start: The first day of the programme; the plan's,
                or the onset without one.
            phase: An explicit phase (or its value) overriding the phase
                from the onset and flares.
            body: The person; the plan's body by default.
            config: The thresholds.
            catalog: Where exercises come from; the built-in catalog by
                default. The dose's mode must be one its exercise
                supports.

        Raises:
            InvalidInputError: Bad input, neither or both of *plan* and
                *dose*, or a dose in a mode its exercise does not support.
        """
        start = v.coerce_date("onset", onset)
        if (plan is None) == (dose is None):
            raise InvalidInputError.out_of_range(
                "plan", plan, "a Progression, or None with a dose (not both)"
            )
        if plan is not None and not isinstance(plan, Progression):
            raise InvalidInputError.out_of_range("plan", plan, "a Progression")
        if dose is not None and not isinstance(dose, Dose):
            raise InvalidInputError.out_of_range("dose", dose, "a Dose")
        first = plan.steps[0].dose if plan is not None else dose
        assert first is not None  # noqa: S101 (one of the two is given)
        er.check_mode(first, er.index_of(catalog))
        if programme_start is None:
            begins = plan.programme_start if plan is not None else start
        else:
            begins = v.coerce_date("programme_start", programme_start)
        factors = v.coerce_tuple(
            "risk_factors", risk_factors, "RecordedRiskFactor"
        )
        for factor in factors:
            if not isinstance(factor, RecordedRiskFactor):
                raise InvalidInputError.out_of_range(
                    "risk_factors", factor, "a sequence of RecordedRiskFactor"
                )
        return cls(
            onset=start,
            programme_start=begins,
            clearances=() if clearance is None else (clearance,),
            risk_factors=tuple(sorted(factors, key=lambda r: r.on)),
            plan=plan,
            dose=first,
            phase=v.coerce_optional_member("phase", phase, Phase),
            body=plan.body if body is None and plan is not None else body,
            config=config,
        )

    def clear(self, clearance: Clearance) -> "Episode":
        """The episode with a new clearance (not older than the last)."""
        if not isinstance(clearance, Clearance):
            raise InvalidInputError.out_of_range(
                "clearance", clearance, "a Clearance"
            )
        return attrs.evolve(self, clearances=(*self.clearances, clearance))

    def add_risk_factor(
        self, factor: RiskFactor | str, on: dt.date | str
    ) -> "Episode":
        """The episode with a risk factor recorded on *on*."""
        recorded = RecordedRiskFactor(
            factor=v.coerce_member("factor", factor, RiskFactor),
            on=v.coerce_date("on", on),
        )
        return attrs.evolve(self, risk_factors=(*self.risk_factors, recorded))

    def restart(
        self,
        *,
        plan: Progression | None = None,
        dose: Dose | None = None,
        catalog: Iterable[Exercise] | None = None,
    ) -> "Episode":
        """The episode with a new plan or dose, after a stop.

        The history stays: until a clearance dated after the last stop is
        recorded, every report still stops and refers.
        """
        fresh = Episode.begin(
            onset=self.onset, plan=plan, dose=dose, catalog=catalog
        )
        return attrs.evolve(
            self,
            plan=fresh.plan,
            dose=fresh.dose,
            body=self.body if fresh.body is None else fresh.body,
        )

    # --- Reading ----------------------------------------------------------

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The latest outcome of every session, oldest first."""
        return tuple(s.outcome for s in self.sessions)

    @property
    def reports(self) -> tuple[SessionReport, ...]:
        """Every session's report, oldest first."""
        return tuple(s.report for s in self.sessions)

    @property
    def is_stopped(self) -> bool:
        """Whether the latest decision is a stop and refer."""
        return bool(self.sessions) and (
            self.sessions[-1].outcome.decision is Decision.STOP_AND_REFER
        )

    def phase_on(self, day: dt.date | str, *, flare: bool = False) -> Phase:
        """The phase whose rules apply to a session on *day* (§2).

        The explicit phase if one was given; else the acute phase during a
        flare (from a report marked as one until two green, settled
        sessions in a row); else the phase of the time since the onset.
        """
        when = v.coerce_date("day", day)
        return er.phase_on(self, when, flare=flare)

    # --- Recording --------------------------------------------------------

    def record(
        self,
        report: SessionReport | MorningReport,
        *,
        catalog: Iterable[Exercise] | None = None,
    ) -> tuple["Episode", Outcome]:
        """Record the next report; return the new episode and the outcome.

        - An evening report (no next-morning pain yet) gives a provisional
          outcome: hold, step back or stop, never a step up.
        - A `MorningReport` completes the latest session and gives its
          final outcome, never less cautious than the provisional one.
        - A complete report gives the final outcome at once.

        The plan is adapted each time from the day after the session, so
        the morning answer never falls outside it.

        Raises:
            InvalidInputError: A report out of order, a duplicate, a
                morning answer for a session that is not the latest open
                one, a report before the onset or the plan, or after a
                stop and a new clearance without a new plan or dose.
        """
        index = er.index_of(catalog)
        if isinstance(report, MorningReport):
            step = er.record_morning(self, report, index)
        elif isinstance(report, SessionReport):
            step = er.record_session(self, report, index)
        else:
            raise InvalidInputError.out_of_range(
                "report", report, "a SessionReport or a MorningReport"
            )
        session = Session(
            report=step.report,
            dose=step.dose,
            phase=step.phase,
            outcome=step.outcome,
            evening=step.evening,
        )
        sessions = self.sessions
        if sessions and sessions[-1].report.day == step.report.day:
            sessions = sessions[:-1]
        episode = attrs.evolve(
            self,
            sessions=(*sessions, session),
            plan=step.plan,
            dose=step.next_dose,
        )
        return episode, step.outcome


def replay(
    episode: Episode,
    events: Iterable[SessionReport | MorningReport | Clearance],
    *,
    catalog: Iterable[Exercise] | None = None,
) -> Episode:
    """Record *events* in order into *episode* and return the result.

    Replaying the same events gives the same episode.

    .. versionadded:: 0.1.0
    """
    if not isinstance(episode, Episode):
        raise InvalidInputError.out_of_range("episode", episode, "an Episode")
    given: object = events  # checked: the hint is no promise at runtime
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidInputError.out_of_range(
            "events",
            given,
            "an iterable of SessionReport, MorningReport or Clearance",
        )
    index = list(er.index_of(catalog).values())
    for event in events:
        if isinstance(event, Clearance):
            episode = episode.clear(event)
        else:
            episode, _ = episode.record(event, catalog=index)
    return episode
