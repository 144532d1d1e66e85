"""``backsafe alternatives``: back-friendlier swaps at the same leg work."""

import argparse
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import (
    document,
    emit_json,
    format_table,
    in_units,
    kg,
    units,
)
from backsafe.display._html import UNGRADED, compression_text
from backsafe.exercises._exercise import Equipment
from backsafe.spine._types import StressLevel


def add_parser(sub: Any) -> None:
    """Add the ``alternatives`` command to *sub*."""
    parser = o.add_command(
        sub,
        "alternatives",
        help_text="rank back-friendlier swaps at the same leg work",
        examples="  backsafe alternatives low-bar-back-squat --load 60\n"
        "  backsafe alternatives romanian-deadlift --load 40"
        " --equipment dumbbell\n"
        "  backsafe alternatives walking-lunge --load 16 --json",
    )
    parser.add_argument("exercise", help="a catalog slug")
    parser.add_argument(
        "--load",
        type=o.number,
        default=0.0,
        metavar="KG",
        help="the load you use now, in kg (or lb with --units lb),"
        " total (default 0)",
    )
    parser.add_argument(
        "--equipment",
        nargs="+",
        choices=o.choices(Equipment),
        metavar="EQUIPMENT",
        help="what you have (any if not given): "
        + ", ".join(o.choices(Equipment)),
    )
    parser.add_argument(
        "--max-level",
        choices=o.choices(StressLevel),
        metavar="LEVEL",
        help="the highest grade to offer, at the start load and at the"
        " target: "
        + ", ".join(o.choices(StressLevel))
        + " (default: low at the start, and no higher than the exercise's)",
    )
    parser.add_argument(
        "--max-tier",
        type=o.integer,
        metavar="0-3",
        help="the highest spinal-demand tier, 0 (spine-sparing) to 3",
    )
    parser.add_argument(
        "--limit",
        type=o.count,
        default=10,
        help="show at most this many (1 or more)",
    )
    o.add_body(parser)
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Rank the alternatives to the exercise at its load."""
    from backsafe.exercises._alternatives import alternatives  # noqa: PLC0415
    from backsafe.exercises._scoring import score  # noqa: PLC0415
    from backsafe.spine._size_limits import size_scaled_limits  # noqa: PLC0415

    body = o.body(args)
    exercise = o.exercise(args.exercise)
    # What a person in pain starts with is graded low (or the grade
    # asked for), as the main job's swaps are.
    start_at_most = StressLevel(args.max_level or StressLevel.LOW)
    found = [
        a
        for a in alternatives(
            exercise,
            body,
            load_kg=args.load,
            equipment=args.equipment,
            max_level=args.max_level,
            max_tier=args.max_tier,
            unit=units.get(),
        )
        if a.start_level <= start_at_most
    ][: args.limit]
    # Graded as the swaps are: against this person's limits.
    limits = size_scaled_limits(body)
    before = score(exercise, body, load_kg=args.load, limits=limits)
    if args.json:
        emit_json(
            document(
                exercise=exercise.slug,
                load_kg=args.load,
                body=body,
                spinal_load=before,
                alternatives=list(found),
            ),
            out,
        )
        return
    out.write(
        f"{exercise.name}, {kg(args.load)}: {compression_text(before)}"
        f" at L4/L5 ({before.level.value}), tier {exercise.tier}\n"
        # The limit everything here is graded against: this person's.
        f"Your action limit: {limits.compression_action_n:,.0f} N"
        f" ({kg(body.mass_kg)}). Ranked at the target; grow only below it.\n"
    )
    if not found:
        out.write("No back-friendlier exercise at the same leg work.\n")
        return
    # Each swap starts light (half the equal-work load, on weights a gym
    # has) and grows towards the target. The order is the load on the back
    # at the target, the same leg work as now, and the table shows it next
    # to the load at the start. Ungraded (not modelled) swaps come last,
    # never as the safest.
    rows = [
        (
            a.exercise.name,
            _load(a.start_load_kg),
            _at(a, start=True),
            _load(a.load_kg),
            _at(a, start=False),
            a.exercise.tier,
        )
        for a in found
    ]
    out.write(
        format_table(
            rows,
            (
                "start light with",
                units.get(),
                "L4/L5",
                "target",
                "at target",
                "tier",
            ),
            right=(1, 3, 5),
        )
        + "\n"
    )


def _at(alternative: Any, *, start: bool) -> str:
    """The compression and grade at the start or the target load.

    An ungraded result says it is not modelled.
    """
    if not alternative.spinal_load.is_graded:
        return UNGRADED
    if start:
        return (
            f"{alternative.start_compression_n:,.0f} N"
            f" {alternative.start_level.value}"
        )
    load = alternative.spinal_load
    return f"{load.compression_n:,.0f} N {load.level.value}"


def _load(load_kg: float) -> float:
    """A load in the units shown (0: body weight)."""
    return round(in_units(load_kg), 1)
