"""``backsafe plan``: a progression of one exercise, week by week."""

import argparse
import datetime as dt
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import (
    document,
    dose_text,
    emit_json,
    fill,
    format_table,
)
from backsafe.coaching._phases import Phase
from backsafe.exercises._exercise import Exercise, TrainingMode
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
        + ": how to dose it (default: strength, or home reps when acute)",
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
) -> Any:
    """Plan *exercise* with the built-in catalog.

    The mode is the phase's usual one unless given; `generate_progression`
    checks the arguments. In the acute phase its caps keep every step
    unloaded (clinical rules section 2).
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
    )


def _default_mode(exercise: Exercise, phase: Phase) -> TrainingMode:
    """Strength after the acute phase, home reps in it, when offered."""
    preferred = (
        (TrainingMode.HOME_REPS, TrainingMode.STRENGTH)
        if phase is Phase.ACUTE
        else (TrainingMode.STRENGTH, TrainingMode.HOME_REPS)
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
