"""``backsafe catalog``: list and filter the built-in exercises."""

import argparse
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import document, emit_json, fill, format_table
from backsafe.exercises._exercise import (
    Equipment,
    MovementPattern,
    Muscle,
    Stance,
)


def add_parser(sub: Any) -> None:
    """Add the ``catalog`` command to *sub*."""
    parser = o.add_command(
        sub,
        "catalog",
        help_text="list and filter the built-in exercises",
        examples="  backsafe catalog --pattern lunge\n"
        "  backsafe catalog --max-tier 1 --equipment dumbbell\n"
        "  backsafe catalog --muscle hamstrings --json",
    )
    parser.add_argument(
        "--pattern",
        choices=o.choices(MovementPattern),
        metavar="PATTERN",
        help="only this movement: " + ", ".join(o.choices(MovementPattern)),
    )
    parser.add_argument(
        "--stance",
        choices=o.choices(Stance),
        metavar="STANCE",
        help="only this stance: " + ", ".join(o.choices(Stance)),
    )
    parser.add_argument(
        "--equipment",
        nargs="+",
        choices=o.choices(Equipment),
        metavar="EQUIPMENT",
        help="what you have (bodyweight and a mat always count): "
        + ", ".join(o.choices(Equipment)),
    )
    parser.add_argument(
        "--muscle",
        choices=o.choices(Muscle),
        metavar="MUSCLE",
        help="only exercises that train it: " + ", ".join(o.choices(Muscle)),
    )
    parser.add_argument(
        "--max-tier",
        type=o.integer,
        metavar="0-3",
        help="the highest spinal-demand tier, 0 (spine-sparing) to 3",
    )
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """List the exercises that pass the filters."""
    found = o.catalog().filter(
        pattern=args.pattern,
        stance=args.stance,
        equipment=args.equipment,
        muscle=args.muscle,
        max_tier=args.max_tier,
    )
    if args.json:
        emit_json(document(exercises=list(found)), out)
        return
    rows = [
        (
            e.slug,
            e.name,
            e.pattern,
            e.stance,
            e.tier,
            f"{e.lean_min.degrees:g}-{e.lean_max.degrees:g}",
            e.placement,
        )
        for e in found
    ]
    out.write(
        format_table(
            rows,
            ("slug", "name", "pattern", "stance", "tier", "lean°", "load"),
            right=(4,),
            keep=(0,),
            cut=(1, 6),
        )
        + "\n\n"
        + fill(
            f"{len(rows)} exercises. Tier: spinal demand, 0 (spine-sparing)"
            " to 3 (pronounced lean or heavy bilateral)."
        )
        + "\n"
    )
