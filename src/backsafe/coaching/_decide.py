"""decide: what to do after a session (clinical-rules §6).

The rows of the table are in `_rule_checks`; here they are combined, most
cautious first, into an outcome with the next dose. Pure functions: the
same inputs give the same outcome; dates are inputs and nothing reads the
clock.
"""

from collections.abc import Iterable
from typing import Final

from backsafe._validation import all_members
from backsafe.coaching import _rule_checks as rules
from backsafe.coaching._caps import (
    Limitations,
    index_of,
    is_never_planned,
    load_cap_n,
    max_tier,
    permits,
)
from backsafe.coaching._context import Context
from backsafe.coaching._doses import Change, Dose
from backsafe.coaching._outcomes import Decision, Outcome, Reason, ReasonCode
from backsafe.coaching._reports import SessionReport, Urgency
from backsafe.coaching._stepping import (
    capped,
    deload,
    into_caps,
    is_deload_week,
    step_back,
    step_up_candidates,
)
from backsafe.coaching._weekly import acute_upright, within_daily_cap
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._exercise import Exercise
from backsafe.spine._size_limits import person_limits
from backsafe.spine._types import Limits

#: An earlier step up is undone if it is at most this old (§8).
UNDO_WITHIN_DAYS: Final = 14


def decide(
    report: SessionReport,
    dose: Dose,
    context: Context,
    *,
    catalog: Iterable[Exercise] | None = None,
    limits: Limits | None = None,
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
    6. otherwise the dose steps up by exactly one thing. While acute, no
       step takes upright or split-stance work above the daily cap of
       repetitions per leg (24: sets x reps x sessions a day), as the
       plans keep it: a new exercise starts
       within it, and a step that would pass it holds instead.

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
        limits: What the spinal-load cap is checked against; with the
            context's body, this person's limits by default
            (`size_scaled_limits`), as the plans use; NIOSH's and
            McGill's without a body.

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
    ...     clearance=Clearance(cleared=True, by_clinician=True, on=day),
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
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range(
            "limits", limits, "a Limits or None"
        )
    stops = rules.stops(report, context)
    if stops:
        return _outcome(
            report, dose, context, Decision.STOP_AND_REFER, reasons=stops
        )
    caps = _caps(context, person_limits(context.body, limits))
    index = index_of(catalog)
    exercise = _exercise_of(index, dose)
    if dose.mode not in exercise.modes:
        raise InvalidInputError.out_of_range(
            "dose.mode",
            dose.mode.value,
            f"one of {all_members(sorted(exercise.modes))} for"
            f" {exercise.slug!r}",
        )
    regress = rules.regressions(report, dose, context)
    if is_never_planned(exercise):
        regress.append(ReasonCode.REPLACED)
    elif not caps.within_caps(exercise, dose):
        regress.append(ReasonCode.ABOVE_PHASE_CAP)
    if regress:
        found = _step_back(
            report, dose, context, regress, index=index, exercise=exercise
        )
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
    holds, big_step = rules.holds(report, dose, context)
    if not holds:
        found, blocked = _step_up(
            report,
            dose,
            context,
            index=index,
            exercise=exercise,
            caps=caps,
            big_step=big_step,
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
        detail={ReasonCode.DWELL_NOT_MET: rules.missing(report, dose)},
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


def _caps(context: Context, limits: Limits) -> Limitations:
    """The phase's caps for *context* (§2, §9.2, §9.5)."""
    permitted = permits(context.clearance)
    return Limitations(
        phase=context.phase,
        max_tier=max_tier(context.phase, permits_tier3=permitted),
        cap_n=load_cap_n(context.phase, limits, permits_tier3=permitted),
        body=context.body,
        limits=limits,
        config=context.config,
    )


def _into_caps(
    found: tuple[Dose, Change] | None,
    dose: Dose,
    *,
    caps: Limitations,
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
    return into_caps(dose, exercise, caps=caps, index=index)


def _exercise_of(index: dict[str, Exercise], dose: Dose) -> Exercise:
    try:
        return index[dose.exercise]
    except KeyError:
        raise UnknownExerciseError(dose.exercise) from None


def _step_back(
    report: SessionReport,
    dose: Dose,
    context: Context,
    codes: list[ReasonCode],
    *,
    index: dict[str, Exercise],
    exercise: Exercise,
) -> tuple[Dose, Change] | None:
    if {ReasonCode.ABOVE_PHASE_CAP, ReasonCode.REPLACED} & set(codes):
        return None
    if codes == [ReasonCode.PLANNED_DELOAD]:
        light = deload(dose)
        if light is not None:
            return light, Change.DELOAD
    previous = context.history[-1] if context.history else None
    red_twice = (
        ReasonCode.PAIN_ABOVE_CEILING in codes
        and previous is not None
        and previous.pain_during_max > context.config.red_ceiling
    )
    drop_tier = ReasonCode.STOP_SYMPTOM in codes or red_twice
    if drop_tier:
        easier = step_back(
            dose, exercise, index=index, phase=context.phase, drop_tier=True
        )
        if easier is not None and easier[1] is Change.EXERCISE:
            return easier
    last = rules.last_change(context)
    if (
        last is not None
        and last.decision is Decision.PROGRESS
        and last.dose_after == dose
        and (report.day - last.day).days <= UNDO_WITHIN_DAYS
    ):
        return capped(last.dose_before, dose), Change.UNDO
    return step_back(
        dose, exercise, index=index, phase=context.phase, drop_tier=False
    )


def _step_up(
    report: SessionReport,
    dose: Dose,
    context: Context,
    *,
    index: dict[str, Exercise],
    exercise: Exercise,
    caps: Limitations,
    big_step: bool,
) -> tuple[tuple[Dose, Change] | None, bool]:
    """The step up within the caps, and whether a missing body blocked one.

    Without a body the spinal-load cap cannot be checked, so no step adds
    load the trunk carries: neither a load step nor a new exercise with
    such a load (§9.5).
    """
    last = rules.last_change(context)
    if (
        last is not None
        and ReasonCode.PLANNED_DELOAD in last.codes
        and last.change is Change.DELOAD
        and last.dose_after == dose
        and not rules.deload_due(report, dose, context)
        and context.programme_start is not None
        and not is_deload_week(report.day, context.programme_start)
    ):
        return (last.dose_before, Change.RESTORE), False
    blocked = False
    for found, change in step_up_candidates(
        dose,
        exercise,
        phase=caps.phase,
        config=caps.config,
        index=index,
        big_step=big_step,
    ):
        target = index.get(found.exercise, exercise)
        candidate = (
            # A new exercise starts within the acute daily cap, as the
            # plans start it; any other step above the cap is no step.
            acute_upright(target, found, caps.phase)
            if change is Change.EXERCISE
            else found
        )
        if not caps.allows(target, candidate) or not within_daily_cap(
            target, candidate, caps.phase
        ):
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
    detail: dict[ReasonCode, str] | None = None,
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
        reasons=tuple(
            Reason.of(code, detail=(detail or {}).get(code, ""))
            for _, code in reasons
        ),
        advice=rules.advice(report, context, decision),
        change=None if step is None else step[1],
        dose_before=dose,
        dose_after=None if step is None else step[0],
        phase=context.phase,
        provisional=not report.is_complete,
    )
