"""The rows of the decision table: the reasons a report triggers.

Each function checks the rules of one row of clinical-rules §6 (stop,
regress, hold) or the advice beside a decision.

Pure functions: the same inputs give the same codes; dates are inputs and
nothing reads the clock. `decide` combines them.
"""

import itertools
from collections.abc import Sequence
from statistics import fmean
from typing import Final

from backsafe.coaching._context import Context
from backsafe.coaching._doses import Dose
from backsafe.coaching._outcomes import (
    RESERVE_MISSING,
    SETS_MISSING,
    Advice,
    Decision,
    Outcome,
    ReasonCode,
)
from backsafe.coaching._phases import Config
from backsafe.coaching._reports import (
    RiskFactor,
    SessionReport,
    Symptom,
    Urgency,
)
from backsafe.coaching._stepping import MIN_REPS_IN_RESERVE, is_deload_week
from backsafe.exercises._exercise import TrainingMode

#: Window of the rising-trend rule and of repeated unsettled mornings.
WEEK_DAYS: Final = 7
#: The 1-hour rule: pain an hour after more than 2 above the morning [D].
ONE_HOUR_MARGIN: Final = 2
#: Pain this low in every qualifying session allows +2 reps (§7.1) [D].
BIG_STEP_MAX_PAIN: Final = 1
#: Three steps back in this many days prompt a review (§6 advice).
REVIEW_WINDOW_DAYS: Final = 14
REVIEW_AFTER_REGRESSIONS: Final = 3
#: No improvement after four weeks prompts a review (CKS: one month).
NO_IMPROVEMENT_DAYS: Final = 28
HOLDS_BEFORE_DELOAD_ADVICE: Final = 3
#: Rounding slack when comparing a reported load with the dose's.
_LOAD_TOL_KG: Final = 1e-6

_NERVE: Final = frozenset({Symptom.TINGLING, Symptom.NUMBNESS})


# --- Rules 1-5: stop and refer -----------------------------------------------


def stops(
    report: SessionReport, context: Context
) -> list[tuple[Urgency, ReasonCode]]:
    found: list[tuple[Urgency, ReasonCode]] = []
    flags = context.red_flags | report.all_red_flags
    urgencies = {flag.urgency for flag in flags}
    if Urgency.EMERGENCY in urgencies:
        found.append((Urgency.EMERGENCY, ReasonCode.RED_FLAG_EMERGENCY))
    if Urgency.URGENT in urgencies:
        found.append((Urgency.URGENT, ReasonCode.RED_FLAG_URGENT))
    found.extend(
        (Urgency.ROUTINE, c) for c in _clearance_problems(report, context)
    )
    persisting = report.persisting_symptoms
    if Symptom.WEAKNESS in persisting:
        found.append((Urgency.URGENT, ReasonCode.WEAKNESS_PERSISTS))
    elif Symptom.WEAKNESS in report.all_symptoms:
        # New or worse weakness stops the session and refers (§4).
        found.append((Urgency.ROUTINE, ReasonCode.WEAKNESS_NEW))
    if persisting & _NERVE:
        found.append((Urgency.ROUTINE, ReasonCode.NERVE_SYMPTOMS_PERSIST))
    previous = context.history[-1] if context.history else None
    if (
        report.stop_symptoms
        and previous is not None
        and previous.stop_symptoms
    ):
        found.append((Urgency.ROUTINE, ReasonCode.STOP_SYMPTOM_REPEATED))
    if _unsettled(report, context.config) and any(
        o.decision is Decision.REGRESS
        and ReasonCode.NOT_SETTLED in o.codes
        and (report.day - o.day).days <= WEEK_DAYS
        for o in context.decisions
    ):
        found.append((Urgency.ROUTINE, ReasonCode.NOT_SETTLED_REPEATED))
    return sorted(found, key=lambda f: f[0], reverse=True)


def _clearance_problems(
    report: SessionReport, context: Context
) -> list[ReasonCode]:
    clearance = context.clearance
    if (
        clearance is None
        or not clearance.is_valid
        or clearance.on > report.day
    ):
        return [ReasonCode.NO_CLEARANCE]
    found = []
    stopped = [
        o.day
        for o in context.decisions
        if o.decision is Decision.STOP_AND_REFER
    ]
    if stopped and clearance.on <= stopped[-1]:
        found.append(ReasonCode.CLEARANCE_OUTDATED)
    if any(
        r.on >= clearance.on
        for r in context.risk_factors
        if r.factor is not RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS
    ):
        found.append(ReasonCode.RISK_FACTOR_NOT_CLEARED)
    return found


def _unsettled(report: SessionReport, config: Config) -> bool:
    return (
        report.pain_next_morning is not None
        and report.pain_next_morning > report.pain_before + config.settle_tol
    )


# --- Rules 6-10: regress -----------------------------------------------------


def regressions(
    report: SessionReport, dose: Dose, context: Context
) -> list[ReasonCode]:
    config = context.config
    found = []
    if report.stop_symptoms:
        found.append(ReasonCode.STOP_SYMPTOM)
    if report.pain_during_max > config.red_ceiling:
        found.append(ReasonCode.PAIN_ABOVE_CEILING)
    if _unsettled(report, config):
        found.append(ReasonCode.NOT_SETTLED)
    if _trend_up(report, context):
        found.append(ReasonCode.TREND_UP)
    if deload_due(report, dose, context):
        found.append(ReasonCode.PLANNED_DELOAD)
    return found


def _morning_samples(
    reports: Sequence[SessionReport], *, stiffness: bool
) -> list[tuple[int, int]]:
    """(day number, score) of each morning; day numbers never overflow."""
    samples: list[tuple[int, int]] = []
    for r in reports:
        day = r.day.toordinal()
        if not stiffness:
            samples.append((day, r.pain_before))
        value = r.stiffness_next_morning if stiffness else r.pain_next_morning
        if value is not None:
            samples.append((day + 1, value))
    return samples


def _trend_up(report: SessionReport, context: Context) -> bool:
    """7-day mean morning pain or stiffness up by trend_tol (Silbernagel)."""
    reports = (*context.history, report)
    end = report.day.toordinal() + 1
    for stiffness in (False, True):
        samples = _morning_samples(reports, stiffness=stiffness)
        recent = [x for d, x in samples if 0 <= end - d < WEEK_DAYS]
        before = [
            x for d, x in samples if WEEK_DAYS <= end - d < 2 * WEEK_DAYS
        ]
        if (
            recent
            and before
            and fmean(recent) >= fmean(before) + context.config.trend_tol
        ):
            return True
    return False


def deload_due(report: SessionReport, dose: Dose, context: Context) -> bool:
    start = context.programme_start
    if (
        start is None
        or dose.mode is not TrainingMode.STRENGTH
        or not is_deload_week(report.day, start)
    ):
        return False
    week = (report.day - start).days // WEEK_DAYS
    return not any(
        ReasonCode.PLANNED_DELOAD in o.codes
        and (o.day - start).days // WEEK_DAYS == week
        for o in context.decisions
    )


def last_change(context: Context) -> Outcome | None:
    for outcome in reversed(context.decisions):
        if outcome.decision is not Decision.HOLD:
            return outcome
    return None


# --- Rules 11-15: hold or progress -------------------------------------------


def holds(
    report: SessionReport, dose: Dose, context: Context
) -> tuple[list[ReasonCode], bool]:
    config = context.config
    green = config.green_max(context.phase)
    found = []
    if report.pain_next_morning is None:
        found.append(ReasonCode.NEXT_MORNING_MISSING)
    if (
        report.pain_1h_after is not None
        and report.pain_1h_after > report.pain_before + ONE_HOUR_MARGIN
    ):
        found.append(ReasonCode.ONE_HOUR_RULE)
    if report.pain_during_max > green:
        found.append(ReasonCode.AMBER_PAIN)
    last = last_change(context)
    since = None if last is None else last.day
    window = [
        r for r in (*context.history, report) if since is None or r.day > since
    ]
    days = sorted({r.day for r in window}, reverse=True)
    needed = days[: config.min_qualifying_sessions]
    counted = [r for r in window if r.day in needed]
    progressed = [
        o.day for o in context.decisions if o.decision is Decision.PROGRESS
    ]
    if (
        len(needed) < config.min_qualifying_sessions
        or not all(_qualifies(r, dose, green, config) for r in counted)
        or (
            progressed
            and (report.day - progressed[-1]).days
            < config.min_days(context.phase)
        )
    ):
        found.append(ReasonCode.DWELL_NOT_MET)
    if _early_rise(report, context):
        found.append(ReasonCode.EARLY_RISE)
    big_step = all(r.pain_during_max <= BIG_STEP_MAX_PAIN for r in counted)
    return found, big_step


def missing(report: SessionReport, dose: Dose) -> str:
    """What the report lacks for the session to count (no silent holds)."""
    needed = len(dose.pyramid) if dose.pyramid else dose.sets
    if len(report.sets) < needed:
        return SETS_MISSING
    if dose.mode is TrainingMode.STRENGTH and any(
        s.reps_in_reserve is None for s in report.sets[:needed]
    ):
        return RESERVE_MISSING
    return ""


#: Rises of morning pain within the first week that stop a step up [D].
EARLY_RISES: Final = 2


def _early_rise(report: SessionReport, context: Context) -> bool:
    """Morning pain rising more than once when no earlier week exists.

    The weekly rule (§5.2 trend) needs a full earlier week to compare
    with; until one exists, a second rise of morning pain (within a
    session or between sessions, each within *settle_tol* or not) never
    steps up, so pain that creeps up a point at a time in the first week
    holds (Silbernagel: pain must not increase from week to week).
    """
    end = report.day.toordinal() + 1
    samples = _morning_samples((*context.history, report), stiffness=False)
    if any(WEEK_DAYS <= end - d < 2 * WEEK_DAYS for d, _ in samples):
        return False
    recent = [(d, x) for d, x in samples if 0 <= end - d < WEEK_DAYS]
    values = [x for _, x in sorted(recent, key=lambda sample: sample[0])]
    rises = sum(b > a for a, b in itertools.pairwise(values))
    return rises >= EARLY_RISES


def _qualifies(
    report: SessionReport, dose: Dose, green: int, config: Config
) -> bool:
    """A green, settled session without warning signs, at the full dose."""
    if (
        report.pain_during_max > green
        or not report.is_settled(settle_tol=config.settle_tol)
        or report.stop_symptoms
    ):
        return False
    if dose.mode is TrainingMode.ISO_HOLDS:
        done = report.sets[: len(dose.pyramid)]
        return len(done) == len(dose.pyramid) and all(
            s.reps >= reps and s.hold_s >= dose.hold_s
            for s, reps in zip(done, dose.pyramid, strict=True)
        )
    done = report.sets[: dose.sets]
    # Every set at the current dose: the reps, the hold and the load as
    # prescribed or more (§7 dwell: sessions at the current dose).
    at_dose = len(done) == dose.sets and all(
        s.reps >= dose.reps
        and s.hold_s >= dose.hold_s
        and s.load_kg >= dose.load_kg - _LOAD_TOL_KG
        for s in done
    )
    if dose.mode is not TrainingMode.STRENGTH:
        return at_dose
    return at_dose and all(
        s.reps_in_reserve is not None
        and s.reps_in_reserve >= MIN_REPS_IN_RESERVE
        for s in done
    )


def advice(
    report: SessionReport, context: Context, decision: Decision
) -> frozenset[Advice]:
    advice = set()
    recent = context.decisions[-(HOLDS_BEFORE_DELOAD_ADVICE - 1) :]
    if (
        decision is Decision.HOLD
        and len(recent) == HOLDS_BEFORE_DELOAD_ADVICE - 1
        and all(o.decision is Decision.HOLD for o in recent)
    ):
        advice.add(Advice.CONSIDER_DELOAD)
    regressions = sum(
        o.decision is Decision.REGRESS
        and (report.day - o.day).days < REVIEW_WINDOW_DAYS
        for o in context.decisions
    ) + (decision is Decision.REGRESS)
    if regressions >= REVIEW_AFTER_REGRESSIONS or any(
        r.factor is RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS
        for r in context.risk_factors
    ):
        advice.add(Advice.REVIEW_ROUTINE)
    if _not_improving(report, context):
        advice.add(Advice.REVIEW_ROUTINE)
    return frozenset(advice)


def _not_improving(report: SessionReport, context: Context) -> bool:
    """Mean morning pain this week not below the first week's (CKS)."""
    start = context.programme_start
    if start is None or (report.day - start).days < NO_IMPROVEMENT_DAYS:
        return False
    samples = _morning_samples((*context.history, report), stiffness=False)
    first_day = start.toordinal()
    first = [x for d, x in samples if 0 <= d - first_day < WEEK_DAYS]
    end = report.day.toordinal() + 1
    last = [x for d, x in samples if 0 <= end - d < WEEK_DAYS]
    return bool(first and last) and fmean(last) >= fmean(first)
