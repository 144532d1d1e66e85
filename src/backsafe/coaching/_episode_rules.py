"""The mechanics of `Episode.record`: order, phase, context and re-plan.

An episode is read through the `EpisodeFacts` protocol, so this module
imports no class of ``_episode`` (which imports it). Pure functions: dates
are inputs and nothing reads the clock.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Final, Protocol

import attrs

from backsafe import _validation as v
from backsafe.coaching._caps import (
    Limitations,
    load_cap_n,
    max_tier,
    permits,
)
from backsafe.coaching._caps import (
    index_of as _index_of,
)
from backsafe.coaching._context import Context
from backsafe.coaching._decide import decide
from backsafe.coaching._doses import Dose
from backsafe.coaching._generate import plan as make_plan
from backsafe.coaching._outcomes import Decision, Outcome
from backsafe.coaching._phases import Config, Phase
from backsafe.coaching._progression import Progression
from backsafe.coaching._reports import (
    Clearance,
    MorningReport,
    RecordedRiskFactor,
    SessionReport,
)
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._exercise import Exercise
from backsafe.spine._size_limits import person_limits
from backsafe.spine._types import Body

#: The last day a calendar holds: a session then has no next day.
_LAST_DAY: Final = dt.date.max
_ONE_DAY: Final = dt.timedelta(days=1)
#: Green, settled sessions in a row that end a flare (§2).
FLARE_ENDS_AFTER: Final = 2


class SessionFacts(Protocol):
    """What the mechanics read from a session."""

    @property
    def report(self) -> SessionReport: ...
    @property
    def dose(self) -> Dose: ...
    @property
    def outcome(self) -> Outcome: ...


class EpisodeFacts(Protocol):
    """What the mechanics read from an episode."""

    @property
    def onset(self) -> dt.date: ...
    @property
    def programme_start(self) -> dt.date: ...
    @property
    def clearances(self) -> tuple[Clearance, ...]: ...
    @property
    def risk_factors(self) -> tuple[RecordedRiskFactor, ...]: ...
    @property
    def plan(self) -> Progression | None: ...
    @property
    def dose(self) -> Dose | None: ...
    @property
    def sessions(self) -> Sequence[SessionFacts]: ...
    @property
    def phase(self) -> Phase | None: ...
    @property
    def body(self) -> Body | None: ...
    @property
    def config(self) -> Config: ...


@attrs.frozen(kw_only=True)
class Recorded:
    """One recorded session and what follows from it."""

    report: SessionReport
    dose: Dose
    phase: Phase
    outcome: Outcome
    evening: Outcome | None
    plan: Progression | None
    next_dose: Dose | None


def index_of(catalog: Iterable[Exercise] | None) -> dict[str, Exercise]:
    """The catalog index (the built-in catalog by default)."""
    return _index_of(catalog)


def check_mode(dose: Dose, index: dict[str, Exercise]) -> None:
    """Refuse a dose in a mode its exercise does not support."""
    exercise = index.get(dose.exercise)
    if exercise is None:
        raise UnknownExerciseError(dose.exercise)
    if dose.mode not in exercise.modes:
        raise InvalidInputError.out_of_range(
            "dose.mode",
            dose.mode.value,
            f"one of {v.all_members(sorted(exercise.modes))} for"
            f" {exercise.slug!r}",
        )


# --- Phase from the facts (§2) -----------------------------------------------


def _green_settled(report: SessionReport, config: Config) -> bool:
    return (
        report.pain_during_max <= config.green_max(Phase.ACUTE)
        and report.is_settled(settle_tol=config.settle_tol)
        and not report.stop_symptoms
    )


def in_flare(
    episode: EpisodeFacts,
    day: dt.date,
    *,
    flare: bool = False,
    before: Sequence[SessionFacts] | None = None,
) -> bool:
    """Whether a flare is in force on *day* (§2).

    From a report marked as a flare until two green, settled sessions in a
    row (judged with the acute green zone).
    """
    if flare:
        return True
    sessions = episode.sessions if before is None else before
    reports = [s.report for s in sessions if s.report.day < day]
    starts = [i for i, r in enumerate(reports) if r.flare]
    if not starts:
        return False
    since = reports[starts[-1] :]
    streak = 0
    for report in since:
        streak = streak + 1 if _green_settled(report, episode.config) else 0
        if streak >= FLARE_ENDS_AFTER:
            return False
    return True


def phase_on(
    episode: EpisodeFacts,
    day: dt.date,
    *,
    flare: bool = False,
    before: Sequence[SessionFacts] | None = None,
) -> Phase:
    """The explicit phase, else acute in a flare, else from the onset."""
    if episode.phase is not None:
        return episode.phase
    if in_flare(episode, day, flare=flare, before=before):
        return Phase.ACUTE
    if day < episode.onset:
        raise InvalidInputError.out_of_range(
            "day", day, f"on or after the onset ({episode.onset})"
        )
    weeks = (day - episode.onset).days / 7
    return episode.config.phase_for(min(weeks, 10_000.0))


# --- Recording ---------------------------------------------------------------


def _clearance_on(episode: EpisodeFacts, day: dt.date) -> Clearance | None:
    given = [c for c in episode.clearances if c.on <= day]
    return given[-1] if given else None


def _context(
    episode: EpisodeFacts,
    day: dt.date,
    before: Sequence[SessionFacts],
    phase: Phase,
) -> Context:
    return Context(
        phase=phase,
        clearance=_clearance_on(episode, day),
        risk_factors=tuple(r for r in episode.risk_factors if r.on <= day),
        history=tuple(s.report for s in before),
        decisions=tuple(s.outcome for s in before),
        programme_start=episode.programme_start,
        body=episode.body,
        config=episode.config,
    )


def _dose_on(episode: EpisodeFacts, day: dt.date) -> Dose:
    """The dose in force on *day*, or a clear error when none can be."""
    plan = episode.plan
    if plan is not None and episode.dose is not None:
        if day < plan.start:
            raise InvalidInputError.out_of_range(
                "report.day",
                day,
                f"on or after the plan's start ({plan.start})",
            )
        if day < plan.end:
            return plan.step_on(day).dose
        return plan.steps[-1].dose
    if episode.dose is not None:
        return episode.dose
    stops = [
        s
        for s in episode.sessions
        if s.outcome.decision is Decision.STOP_AND_REFER
    ]
    if not stops:
        raise InvalidInputError.out_of_range(
            "episode.dose",
            None,
            "a dose in force: an episode without one has stopped",
        )
    last = stops[-1]
    clearance = _clearance_on(episode, day)
    if clearance is not None and clearance.on > last.report.day:
        raise InvalidInputError.out_of_range(
            "report",
            day,
            f"a report after a new plan or dose: the episode stopped on"
            f" {last.report.day} and was cleared again on {clearance.on};"
            " give it a plan or dose with Episode.restart first",
        )
    # Not cleared again: the rules stop again on the stopped dose.
    return last.dose


def _next(
    episode: EpisodeFacts,
    outcome: Outcome,
    phase: Phase,
    index: dict[str, Exercise],
) -> tuple[Progression | None, Dose | None]:
    """The plan and dose after *outcome*, planned for *phase*."""
    dose = outcome.dose_after
    plan = episode.plan
    if dose is None:
        return None, None
    if plan is None:
        return None, dose
    start = outcome.day + _ONE_DAY
    clearance = _clearance_on(episode, outcome.day)
    allowed = permits(clearance)
    caps = Limitations(
        phase=phase,
        max_tier=max_tier(phase, permits_tier3=allowed),
        cap_n=load_cap_n(
            phase, person_limits(plan.body, None), permits_tier3=allowed
        ),
        body=plan.body,
        limits=person_limits(plan.body, None),
        config=episode.config,
    )
    return (
        make_plan(
            dose,
            start=start,
            end=max(plan.end, start + _ONE_DAY),
            programme_start=plan.programme_start,
            caps=caps,
            body=plan.body,
            index=index,
            wake_time=plan.wake_time,
            sessions_per_week=plan.sessions_per_week,
            unit=plan.unit,
        ),
        dose,
    )


def record_session(
    episode: EpisodeFacts, report: SessionReport, index: dict[str, Exercise]
) -> Recorded:
    """Record an evening (or complete) report of a new session."""
    sessions = episode.sessions
    if sessions:
        last = sessions[-1].report.day
        if report.day == last:
            raise InvalidInputError.out_of_range(
                "report.day",
                report.day,
                f"a day without a report (duplicate: {last} is recorded;"
                " send its next-morning answer as a MorningReport)",
            )
        if report.day < last:
            raise InvalidInputError.out_of_range(
                "report.day",
                report.day,
                f"after the latest session ({last}): reports in date order",
            )
    if report.day < episode.onset:
        raise InvalidInputError.out_of_range(
            "report.day",
            report.day,
            f"on or after the onset ({episode.onset})",
        )
    if report.day >= _LAST_DAY:
        raise InvalidInputError.out_of_range(
            "report.day",
            report.day,
            f"before {_LAST_DAY} (the next session must have a day)",
        )
    dose = _dose_on(episode, report.day)
    phase = phase_on(episode, report.day, flare=report.flare)
    context = _context(episode, report.day, sessions, phase)
    outcome = decide(report, dose, context, catalog=index.values())
    plan, next_dose = _next(episode, outcome, phase, index)
    return Recorded(
        report=report,
        dose=dose,
        phase=phase,
        outcome=outcome,
        evening=None,
        plan=plan,
        next_dose=next_dose,
    )


def record_morning(
    episode: EpisodeFacts, morning: MorningReport, index: dict[str, Exercise]
) -> Recorded:
    """Complete the latest session with its next-morning answer."""
    sessions = episode.sessions
    days = [s.report.day for s in sessions]
    if not sessions or morning.day not in days:
        raise InvalidInputError.out_of_range(
            "MorningReport.day",
            morning.day,
            "the day of a recorded evening report",
        )
    if morning.day != days[-1]:
        raise InvalidInputError.out_of_range(
            "MorningReport.day",
            morning.day,
            f"the latest session ({days[-1]}): a later session was already"
            " decided without this answer, so the rules cannot judge it",
        )
    session = sessions[-1]
    if session.report.is_complete:
        raise InvalidInputError.out_of_range(
            "MorningReport.day",
            morning.day,
            "a session still waiting for its answer (duplicate: this"
            " session is complete)",
        )
    report = morning.complete(session.report)
    before = sessions[:-1]
    phase = phase_on(episode, report.day, flare=report.flare, before=before)
    context = _context(episode, report.day, before, phase)
    evening = session.outcome
    outcome = decide(report, session.dose, context, catalog=index.values())
    if (
        evening.decision < Decision.HOLD
        and outcome.decision > evening.decision
    ):
        # The evening's step back or stop stands: more facts never make
        # the decision less cautious.
        outcome = attrs.evolve(evening, provisional=False)
    if evening.decision is Decision.STOP_AND_REFER:
        # Stopped since the evening: keep what followed (a new plan after
        # a new clearance, or nothing).
        plan, next_dose = episode.plan, episode.dose
    else:
        plan, next_dose = _next(episode, outcome, phase, index)
    return Recorded(
        report=report,
        dose=session.dose,
        phase=phase,
        outcome=outcome,
        evening=evening,
        plan=plan,
        next_dose=next_dose,
    )
