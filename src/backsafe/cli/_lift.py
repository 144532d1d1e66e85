"""``backsafe lift``: the revised NIOSH lifting equation for one lift."""

import argparse
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import document, emit_json, format_table
from backsafe.daily._multipliers import Coupling, LiftingDuration


def add_parser(sub: Any) -> None:
    """Add the ``lift`` command to *sub*."""
    parser = o.add_command(
        sub,
        "lift",
        help_text="the recommended weight limit and lifting index of a"
        " lift (revised NIOSH lifting equation)",
        examples="  backsafe lift --h 40 --v 30 --d 90 --a 30 --f 2"
        " --coupling fair --duration moderate --load 12\n"
        "  backsafe lift --h 10 --v 22 --d 37 --f 3 --coupling fair"
        " --units us --load 26\n"
        "  backsafe lift --h 30 --v 25 --d 50 --f 10 --minutes 8"
        " --coupling good --json",
    )
    group = parser.add_argument_group("the lift (at its origin)")
    group.add_argument(
        "--h",
        type=o.number,
        required=True,
        metavar="CM",
        help="horizontal distance of the hands from the ankles, 0-63 cm"
        " (0-25 in)",
    )
    group.add_argument(
        "--v",
        type=o.number,
        required=True,
        metavar="CM",
        help="height of the hands above the floor, 0-175 cm (0-70 in)",
    )
    group.add_argument(
        "--d",
        type=o.number,
        required=True,
        metavar="CM",
        help="vertical travel of the load, 0-175 cm (0-70 in)",
    )
    group.add_argument(
        "--a",
        type=o.number,
        default=0.0,
        metavar="DEG",
        help="asymmetry angle from the midline, 0-135 (default 0)",
    )
    group.add_argument(
        "--f",
        type=o.number,
        default=0.2,
        metavar="PER_MIN",
        help="lifts per minute (default 0.2: once in 5 minutes or less)",
    )
    group.add_argument(
        "--minutes",
        type=o.number,
        metavar="MIN",
        help="lifting lasts only this long within the 15-minute sample:"
        " F becomes f x minutes / 15 (NIOSH 94-110, p. 16)",
    )
    group.add_argument(
        "--coupling",
        required=True,
        choices=o.choices(Coupling),
        metavar="COUPLING",
        help="the grip on the object: good, fair or poor",
    )
    group.add_argument(
        "--duration",
        default=LiftingDuration.SHORT.value,
        choices=o.choices(LiftingDuration),
        metavar="DURATION",
        help="short: up to 1 h; moderate: 1-2 h; long: 2-8 h (default short)",
    )
    group.add_argument(
        "--load", type=o.number, metavar="KG", help="the weight lifted"
    )
    group.add_argument(
        "--units",
        default="metric",
        choices=["metric", "us"],
        metavar="UNITS",
        help="metric: cm and kg (default); us: inches and pounds",
    )
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Compute the limit of the lift the options describe."""
    from backsafe.daily._lifting import (  # noqa: PLC0415
        recommended_weight_limit,
        sampled_frequency,
    )

    frequency = args.f
    if args.minutes is not None:
        frequency = sampled_frequency(
            lifts_per_minute=args.f, minutes=args.minutes
        )
    rwl = recommended_weight_limit(
        horizontal=args.h,
        vertical=args.v,
        distance=args.d,
        asymmetry=args.a,
        frequency=frequency,
        duration=args.duration,
        coupling=args.coupling,
        load=args.load,
        units=args.units,
    )
    if args.json:
        emit_json(document(limit=rwl), out)
        return
    rows: list[tuple[object, ...]] = [
        (factor.symbol, factor.value, f"{value:.2f}")
        for factor, value in rwl.multipliers.items()
    ]
    out.write(
        format_table(rows, ("", "multiplier", "value"), right=(2,)) + "\n\n"
    )
    unit = rwl.mass_unit
    out.write(f"recommended weight limit: {rwl.limit:.1f} {unit}\n")
    if rwl.lifting_index is not None:
        out.write(
            f"lifting index: {rwl.lifting_index:.2f}"
            f" ({rwl.load:g} {unit} / {rwl.limit:.1f} {unit})\n"
        )
    factor = rwl.limiting_factor
    if factor is None:
        out.write("An ideal lift: every multiplier is 1.\n")
    else:
        out.write(
            f"Limited most by {factor.value} ({factor.symbol}"
            f" {rwl.multipliers[factor]:.2f}): change that first.\n"
        )
    out.write(
        "NIOSH aims for a lifting index of 1.0 or less; the equation is a"
        "\ndesign tool for two-handed lifting, not a verdict on a person.\n"
    )
