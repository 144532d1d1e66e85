"""``backsafe plan``: a progression of one exercise, week by week."""

import argparse
import datetime as dt
from typing import Any, Final, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import (
    document,
    dose_text,
    emit_json,
    fill,
    format_table,
    kg,
)
from backsafe.coaching._phases import Phase
from backsafe.exercises._exercise import Exercise, TrainingMode
from backsafe.spine import _constants as k
from backsafe.spine._size_limits import size_scaled_limits
from backsafe.spine._types import Body


def add_parser(sub: Any) -> None:
    """Add the ``plan`` command to *sub*."""
    parser = o.add_command(
        sub,
        "plan",
        help_text="plan a progression of one exercise",
        examples="  backsafe plan split-squat --phase chronic --weeks 8\n"
        "  backsafe plan glute-bridge --phase acute --start 2026-03-02\n"
        "  backsafe plan bird-dog --mode iso-holds --json",
    )
    parser.add_argument("exercise", help="a catalog slug")
    parser.add_argument(
        "--mode",
        choices=o.choices(TrainingMode),
        metavar="MODE",
        help=", ".join(o.choices(TrainingMode))
        + ": how to dose it (default: holds for the exercises that offer"
        " them, else strength, or home reps when acute)",
    )
    parser.add_argument(
        "--weeks", type=o.integer, default=8, help="1-52 (default 8)"
    )
    parser.add_argument(
        "--load",
        type=o.number,
        default=0.0,
        metavar="KG",
        help="a light starting load in kg, or lb with --units lb (default 0)",
    )
    o.add_plan_options(parser)
    o.add_body(parser)
    o.add_json(parser)
    parser.set_defaults(handler=run)


def progression(
    exercise: Exercise,
    body: Body,
    *,
    phase: Phase,
    mode: TrainingMode | None,
    start: dt.date,
    weeks: int,
    load_kg: float = 0.0,
    sessions_per_week: int | None = None,
    unit: str = "kg",
) -> Any:
    """Plan *exercise* with the built-in catalog.

    The mode is the phase's usual one unless given; `generate_progression`
    checks the arguments. In the acute phase its caps keep every step
    unloaded (clinical rules section 2). Load steps go to the loads a
    normal gym has, marked in *unit*.
    """
    from backsafe.coaching._generate import generate_progression  # noqa: PLC0415

    return generate_progression(
        exercise,
        body,
        phase=phase,
        mode=mode or _default_mode(exercise, phase),
        start=start,
        weeks=weeks,
        load_kg=load_kg,
        catalog=list(o.catalog()),
        sessions_per_week=sessions_per_week,
        unit=unit,
    )


#: The line every plan and the main job print: when to stop.
STOP_LINE: Final = (
    "backsafe gives general exercise information, not a diagnosis. Stop and"
    " get checked on sharp pain, tingling, numbness, weakness or pain"
    " spreading down a leg."
)
#: The warm-up every session starts with (founding article).
WARM_UP_LINE: Final = (
    "Warm up first: 5 minutes of easy cardio or dynamic movement."
)
DAYS: Final = 7
_PHASE_SPANS: Final = {
    Phase.ACUTE: "under 6 weeks of pain",
    Phase.SUBACUTE: "6-12 weeks of pain",
    Phase.CHRONIC: "over 12 weeks of pain",
}


def phase_line(phase: Phase, *, assumed: bool) -> str:
    """Which phase a plan is for, and whether it was assumed.

    >>> phase_line(Phase.ACUTE, assumed=False)
    'Phase: acute (under 6 weeks of pain).'
    """
    text = f"Phase: {phase.value} ({_PHASE_SPANS[phase]})"
    if assumed:
        return (
            text + ", assumed: choose yours with --phase acute, subacute or"
            " chronic."
        )
    return text + "."


def limits_line(body: Body) -> str:
    """The limit the loads shown are graded against: this person's.

    >>> "limit, 3,400 N for 80 kg" in limits_line(Body(mass_kg=80,
    ...                                                 height_m=1.78))
    True
    """
    limit = size_scaled_limits(body).compression_action_n
    return (
        f"Loads are graded against your action limit, {limit:,.0f} N for"
        f" {kg(body.mass_kg)} (NIOSH's {k.NIOSH_ACTION_LIMIT_N:,.0f} N at"
        f" {kg(k.LIMITS_REFERENCE_MASS_KG)}, scaled to body size)."
    )


def sessions_line(plan: Any) -> str:
    """How often the plan trains, and how often it may step up."""
    weekly = plan.sessions_per_week
    if plan.mode is TrainingMode.STRENGTH:
        return (
            f"{weekly} sessions a week, on separate days; a step at most"
            " once a week (choose with --sessions-per-week)."
        )
    daily = plan.steps[0].dose.sessions_per_day
    often = "every day" if weekly == DAYS else f"{weekly} days a week"
    times = "once" if daily == 1 else f"{daily} times"
    return (
        f"{often.capitalize()}, {times} a day"
        " (choose with --sessions-per-week)."
    )


def plan_notes(phase: Phase, *, assumed: bool) -> str:
    """The lines a plan starts with: the phase, the warm-up, when to stop.

    The main job prints them above its plan section as well.
    """
    return "\n".join(
        fill(line)
        for line in (
            phase_line(phase, assumed=assumed),
            WARM_UP_LINE,
            STOP_LINE,
        )
    )


def _default_mode(exercise: Exercise, phase: Phase) -> TrainingMode:
    """Holds when offered, else strength (home reps when acute).

    The McGill big three (and the quadruped leg extension) are trained as
    8-10 s holds in a reverse pyramid (clinical rules section 7.2), not as
    up to 15 reps three times a day.
    """
    preferred = (
        (TrainingMode.ISO_HOLDS, TrainingMode.HOME_REPS, TrainingMode.STRENGTH)
        if phase is Phase.ACUTE
        else (
            TrainingMode.ISO_HOLDS,
            TrainingMode.STRENGTH,
            TrainingMode.HOME_REPS,
        )
    )
    for mode in preferred:
        if mode in exercise.modes:
            return mode
    return min(exercise.modes, key=lambda m: m.value)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Plan the exercise and print its steps."""
    body = o.body(args)
    exercise = o.exercise(args.exercise)
    phase = Phase(args.phase)
    if phase is Phase.ACUTE and args.load > 0:
        # Acute: body weight only (clinical rules section 2). The planner
        # refuses it too, but this names the option, before its checks.
        msg = (
            f"--load must be 0 in the acute phase (body weight only),"
            f" got {args.load:g}"
        )
        raise o.UsageError(msg)
    plan = progression(
        exercise,
        body,
        phase=phase,
        mode=TrainingMode(args.mode) if args.mode else None,
        start=o.start(args),
        weeks=args.weeks,
        load_kg=args.load,
        sessions_per_week=args.sessions_per_week,
        unit=args.units,
    )
    if args.json:
        emit_json(document(progression=plan), out)
        return
    rows = [
        (
            step.starts_on.isoformat(),
            (step.starts_on - plan.start).days // 7 + 1,
            step.dose.exercise,
            dose_text(step.dose),
            step.compression_n,
            step.level,
            step.change,
        )
        for step in plan.steps
    ]
    out.write(
        f"{exercise.name}: {plan.mode.value}, {plan.phase.value}"
        f" phase, {plan.start} to {plan.end}\n\n"
        + plan_notes(phase, assumed=o.phase_assumed(args))
        + "\n"
        + fill(sessions_line(plan))
        + "\n"
        + fill(limits_line(body))
        + "\n\n"
        + format_table(
            rows,
            ("from", "week", "exercise", "dose", "L4/L5 N", "grade", "change"),
            right=(1, 4),
            keep=(0,),
        )
        + f"\n\n{fill(plan.steps[0].criteria.summary)}\n"
        + fill(
            "Each step is the earliest it may come; stay longer whenever a"
            " session does not feel fine."
        )
        + "\n"
    )
