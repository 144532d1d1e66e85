"""The decision table (clinical-rules §6) and how a decision is applied.

Pure functions: the same inputs give the same outcome; dates are inputs
and nothing reads the clock.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from statistics import fmean
from typing import Final, overload

from backsafe.coaching import _planning as p
from backsafe.coaching._types import (
    DEFAULT_CONFIG,
    Advice,
    Change,
    Config,
    Context,
    Decision,
    Dose,
    Outcome,
    Progression,
    Reason,
    ReasonCode,
    RiskFactor,
    SessionReport,
    Symptom,
    Urgency,
)
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._exercise import Exercise, TrainingMode
from backsafe.spine._types import DEFAULT_LIMITS, Limits

#: An earlier step up is undone if it is at most this old (§8).
UNDO_WITHIN_DAYS: Final = 14
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
_ONE_DAY: Final = dt.timedelta(days=1)

_NERVE: Final = frozenset({Symptom.TINGLING, Symptom.NUMBNESS})


def decide(
    report: SessionReport,
    dose: Dose,
    context: Context,
    *,
    catalog: Iterable[Exercise] | None = None,
) -> Outcome:
    """Decide what to do after *report*, following clinical-rules §6.

    The rules are checked in order and the most cautious match wins:

    1. red flags stop and refer at their urgency;
    2. no clearance, a clearance older than the last stop, or a risk factor
       recorded after the clearance stop (routine);
    3. weakness still there the next morning stops (urgent); tingling or
       numbness still there, warning symptoms two sessions running, or a
       second unsettled morning within a week stop (routine);
    4. any warning symptom, pain during above the ceiling, pain not
       settled by the next morning or a rising weekly trend regress, as
       does a planned easy week in strength mode and a dose above the
       phase's caps (tier, bodyweight only when acute, spinal load), which
       steps back to the nearest dose within them;
    5. missing next-morning data, the 1-hour rule, amber pain, too few
       sessions at the full dose that were green and settled, too few days
       since the last step, the top of the ladder, or (without a body) a
       step that would add load the trunk carries hold;
    6. otherwise the dose steps up by exactly one thing.

    A step back that has nowhere to go becomes a stop and refer.
    Every reason carries a stable code and a sentence for the person; the
    library never names a diagnosis.

    Args:
        report: The session to decide on; not older than any report or
            decision in *context*.
        dose: The dose the session was done at.
        context: Phase, clearance, flags, history and thresholds.
        catalog: Where ladders come from; the built-in catalog by default.
            A stop from rules 1-5 never reads it.

    Returns:
        The outcome, with the next dose.

    Raises:
        InvalidInputError: Bad input, or a report out of date order.
        UnknownExerciseError: The dose's exercise is not in *catalog*.

    >>> import datetime
    >>> from backsafe import TrainingMode
    >>> day = datetime.date(2026, 3, 2)
    >>> context = Context(
    ...     phase=Phase.CHRONIC,
    ...     clearance=Clearance(cleared=True, on=day),
    ... )
    >>> dose = Dose(exercise="glute-bridge", mode=TrainingMode.HOME_REPS,
    ...             reps=5, sessions_per_day=3)
    >>> report = SessionReport(day=day, pain_before=2, pain_during_max=7,
    ...                        pain_next_morning=2)
    >>> outcome = decide(report, dose, context)
    >>> outcome.decision, [r.code.value for r in outcome.reasons]
    (<Decision.REGRESS: 'regress'>, ['pain-above-ceiling'])
    >>> outcome.dose_after.reps
    3

    .. versionadded:: 0.1.0
    """
    _check(report, dose, context)

    def lookup() -> tuple[dict[str, Exercise], Exercise]:
        index = p.index_of(catalog)
        try:
            return index, index[dose.exercise]
        except KeyError:
            raise UnknownExerciseError(dose.exercise) from None

    stops = _stops(report, context)
    if stops:
        return _outcome(
            report, dose, context, Decision.STOP_AND_REFER, reasons=stops
        )
    caps = _caps(context)
    index, exercise = lookup()
    regress = _regressions(report, dose, context)
    if not caps.within_caps(exercise, dose):
        regress.append(ReasonCode.ABOVE_PHASE_CAP)
    if regress:
        found = _step_back(report, dose, context, regress, lookup)
        found = _into_caps(found, dose, caps=caps, index=index)
        if found is None:
            return _outcome(
                report,
                dose,
                context,
                Decision.STOP_AND_REFER,
                reasons=[(Urgency.ROUTINE, ReasonCode.NOTHING_EASIER)],
            )
        return _outcome(
            report,
            dose,
            context,
            Decision.REGRESS,
            reasons=[(Urgency.NONE, code) for code in regress],
            step=found,
        )
    holds, big_step = _holds(report, dose, context)
    if not holds:
        found, blocked = _step_up(
            report, dose, context, lookup, caps=caps, big_step=big_step
        )
        if found is None:
            holds = [ReasonCode.NEEDS_BODY if blocked else ReasonCode.AT_CAP]
        else:
            return _outcome(
                report,
                dose,
                context,
                Decision.PROGRESS,
                reasons=[(Urgency.NONE, ReasonCode.READY)],
                step=found,
            )
    return _outcome(
        report,
        dose,
        context,
        Decision.HOLD,
        reasons=[(Urgency.NONE, code) for code in holds],
        step=(dose, None),
    )


# --- Validation --------------------------------------------------------------


def _check(report: object, dose: object, context: object) -> None:
    if not isinstance(report, SessionReport):
        raise InvalidInputError.out_of_range(
            "report", report, "a SessionReport"
        )
    if not isinstance(dose, Dose):
        raise InvalidInputError.out_of_range("dose", dose, "a Dose")
    if not isinstance(context, Context):
        raise InvalidInputError.out_of_range("context", context, "a Context")
    latest = [r.day for r in context.history[-1:]]
    latest += [o.day for o in context.decisions[-1:]]
    if latest and report.day < max(latest):
        raise InvalidInputError.out_of_range(
            "report.day",
            report.day,
            f"on or after {max(latest)} (the latest report or decision)",
        )


# --- Rules 1-5: stop and refer -----------------------------------------------


def _stops(
    report: SessionReport, context: Context
) -> list[tuple[Urgency, ReasonCode]]:
    found: list[tuple[Urgency, ReasonCode]] = []
    urgencies = {flag.urgency for flag in context.red_flags}
    if Urgency.EMERGENCY in urgencies:
        found.append((Urgency.EMERGENCY, ReasonCode.RED_FLAG_EMERGENCY))
    if Urgency.URGENT in urgencies:
        found.append((Urgency.URGENT, ReasonCode.RED_FLAG_URGENT))
    found.extend(
        (Urgency.ROUTINE, c) for c in _clearance_problems(report, context)
    )
    symptoms = report.symptoms
    persist = report.symptoms_persist_next_morning
    if Symptom.WEAKNESS in symptoms and persist:
        found.append((Urgency.URGENT, ReasonCode.WEAKNESS_PERSISTS))
    if symptoms & _NERVE and persist:
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


def _regressions(
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
    if _deload_due(report, dose, context):
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


def _deload_due(report: SessionReport, dose: Dose, context: Context) -> bool:
    start = context.programme_start
    if (
        start is None
        or dose.mode is not TrainingMode.STRENGTH
        or not p.is_deload_week(report.day, start)
    ):
        return False
    week = (report.day - start).days // WEEK_DAYS
    return not any(
        ReasonCode.PLANNED_DELOAD in o.codes
        and (o.day - start).days // WEEK_DAYS == week
        for o in context.decisions
    )


def _caps(context: Context) -> p.Limitations:
    """The phase's caps for *context* (§2, §9.2, §9.5)."""
    permitted = p.permits(context.clearance)
    return p.Limitations(
        phase=context.phase,
        max_tier=p.max_tier(context.phase, permits_tier3=permitted),
        cap_n=p.load_cap_n(
            context.phase, DEFAULT_LIMITS, permits_tier3=permitted
        ),
        body=context.body,
        limits=DEFAULT_LIMITS,
        config=context.config,
    )


def _into_caps(
    found: tuple[Dose, Change] | None,
    dose: Dose,
    *,
    caps: p.Limitations,
    index: dict[str, Exercise],
) -> tuple[Dose, Change] | None:
    """*found* if it keeps to the caps, else the nearest dose that does.

    A dose within the caps with nothing easier left stays at None (a
    stop); a dose above the caps always looks for one within them.
    """
    exercise = index[dose.exercise]
    if found is None and caps.within_caps(exercise, dose):
        return None
    if found is not None:
        target = index.get(found[0].exercise)
        if target is not None and caps.within_caps(target, found[0]):
            return found
    return p.into_caps(dose, exercise, caps=caps, index=index)


def _last_change(context: Context) -> Outcome | None:
    for outcome in reversed(context.decisions):
        if outcome.decision is not Decision.HOLD:
            return outcome
    return None


Lookup = Callable[[], tuple[dict[str, Exercise], Exercise]]


def _step_back(
    report: SessionReport,
    dose: Dose,
    context: Context,
    codes: list[ReasonCode],
    lookup: Lookup,
) -> tuple[Dose, Change] | None:
    if ReasonCode.ABOVE_PHASE_CAP in codes:
        return None
    if codes == [ReasonCode.PLANNED_DELOAD]:
        light = p.deload(dose)
        if light is not None:
            return light, Change.DELOAD
    previous = context.history[-1] if context.history else None
    red_twice = (
        ReasonCode.PAIN_ABOVE_CEILING in codes
        and previous is not None
        and previous.pain_during_max > context.config.red_ceiling
    )
    drop_tier = ReasonCode.STOP_SYMPTOM in codes or red_twice
    index, exercise = lookup()
    if drop_tier:
        easier = p.step_back(
            dose, exercise, index=index, phase=context.phase, drop_tier=True
        )
        if easier is not None and easier[1] is Change.EXERCISE:
            return easier
    last = _last_change(context)
    if (
        last is not None
        and last.decision is Decision.PROGRESS
        and last.dose_after == dose
        and (report.day - last.day).days <= UNDO_WITHIN_DAYS
    ):
        return p.capped(last.dose_before, dose), Change.UNDO
    return p.step_back(
        dose, exercise, index=index, phase=context.phase, drop_tier=False
    )


# --- Rules 11-15: hold or progress -------------------------------------------


def _holds(
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
    last = _last_change(context)
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
    big_step = all(r.pain_during_max <= BIG_STEP_MAX_PAIN for r in counted)
    return found, big_step


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
    if dose.mode is not TrainingMode.STRENGTH:
        return len(done) == dose.sets and all(
            s.reps >= dose.reps and s.hold_s >= dose.hold_s for s in done
        )
    return len(done) == dose.sets and all(
        s.reps >= dose.reps
        and s.reps_in_reserve is not None
        and s.reps_in_reserve >= p.MIN_REPS_IN_RESERVE
        for s in done
    )


def _step_up(
    report: SessionReport,
    dose: Dose,
    context: Context,
    lookup: Lookup,
    *,
    caps: p.Limitations,
    big_step: bool,
) -> tuple[tuple[Dose, Change] | None, bool]:
    """The step up within the caps, and whether a missing body blocked one.

    Without a body the spinal-load cap cannot be checked, so no step adds
    load the trunk carries: neither a load step nor a new exercise with
    such a load (§9.5).
    """
    last = _last_change(context)
    if (
        last is not None
        and ReasonCode.PLANNED_DELOAD in last.codes
        and last.change is Change.DELOAD
        and last.dose_after == dose
        and not _deload_due(report, dose, context)
        and context.programme_start is not None
        and not p.is_deload_week(report.day, context.programme_start)
    ):
        return (last.dose_before, Change.RESTORE), False
    index, exercise = lookup()
    blocked = False
    for candidate, change in p.step_up_candidates(
        dose,
        exercise,
        phase=caps.phase,
        config=caps.config,
        index=index,
        big_step=big_step,
    ):
        target = index.get(candidate.exercise, exercise)
        if not caps.allows(target, candidate):
            continue
        if (
            context.body is None
            and change in {Change.LOAD, Change.EXERCISE}
            and candidate.load_kg > 0
            and target.placement.is_trunk_borne
        ):
            blocked = True
            continue
        return (candidate, change), blocked
    return None, blocked


# --- The outcome -------------------------------------------------------------


def _outcome(
    report: SessionReport,
    dose: Dose,
    context: Context,
    decision: Decision,
    *,
    reasons: list[tuple[Urgency, ReasonCode]],
    step: tuple[Dose, Change | None] | None = None,
) -> Outcome:
    urgency = (
        max(u for u, _ in reasons)
        if decision is Decision.STOP_AND_REFER
        else Urgency.NONE
    )
    return Outcome(
        day=report.day,
        decision=decision,
        urgency=urgency,
        reasons=tuple(Reason.of(code) for _, code in reasons),
        advice=_advice(report, context, decision),
        change=None if step is None else step[1],
        dose_before=dose,
        dose_after=None if step is None else step[0],
    )


def _advice(
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


# --- Applying a decision -----------------------------------------------------


@overload
def apply_decision(
    outcome: Outcome,
    target: Dose,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
) -> Dose | None: ...


@overload
def apply_decision(
    outcome: Outcome,
    target: Progression,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
) -> Progression | None: ...


def apply_decision(
    outcome: Outcome,
    target: Dose | Progression,
    *,
    catalog: Iterable[Exercise] | None = None,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
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
        limits: Plans only: the spinal-load limits.

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
    p.check_options(config=config, limits=limits)
    planned = target.step_on(outcome.day).dose
    if planned != outcome.dose_before:
        raise InvalidInputError.out_of_range(
            "outcome.dose_before",
            outcome.dose_before,
            f"the plan's dose on {outcome.day} ({planned})",
        )
    if outcome.dose_after is None:
        return None
    index = p.index_of(catalog)
    dose = outcome.dose_after
    if dose.exercise not in index:
        raise UnknownExerciseError(dose.exercise)
    start = outcome.day + dt.timedelta(days=1)
    if start >= dt.date.max:
        raise InvalidInputError.out_of_range(
            "outcome.day", outcome.day, f"before {dt.date.max - _ONE_DAY}"
        )
    end = max(target.end, start + dt.timedelta(days=1))
    caps = p.Limitations(
        phase=target.phase,
        max_tier=target.max_tier,
        cap_n=target.load_cap_n,
        body=target.body,
        limits=limits,
        config=config,
    )
    if not caps.allows(index[dose.exercise], dose):
        raise InvalidInputError.out_of_range(
            "outcome.dose_after",
            dose,
            f"a dose within the plan's {target.phase.value}-phase caps"
            f" (tier <= {target.max_tier}, bodyweight only when acute,"
            " below the spinal-load cap): decide with the plan's phase and"
            " body",
        )
    return p.plan(
        dose,
        start=start,
        end=end,
        programme_start=target.programme_start,
        caps=caps,
        body=target.body,
        index=index,
        wake_time=target.wake_time,
    )
