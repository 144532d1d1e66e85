"""The options several commands share, and the values they stand for.

Each command module adds its own options with these helpers and turns
the parsed arguments into the library's values (a `Body`, an `Exercise`,
the first day); the library's public functions then check those values.
"""

import argparse
import datetime as dt
from typing import Any, Final

from backsafe.cli._format import KG_PER_LB
from backsafe.coaching._phases import Phase
from backsafe.exercises._exercise import Exercise
from backsafe.spine._types import Body, Sex

#: The reference adult used when no body is given (a documented example,
#: not a recommendation): 75 kg, 1.75 m.
DEFAULT_MASS_KG: Final = 75.0
DEFAULT_HEIGHT_M: Final = 1.75


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit status 2."""


def add_command(
    sub: Any, name: str, *, help_text: str, examples: str
) -> argparse.ArgumentParser:
    """Add the command *name* to *sub*, with its help and examples."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


# --- Argument types --------------------------------------------------------


def number(text: str) -> float:
    """An argument type: a float."""
    try:
        return float(text)
    except ValueError:
        msg = f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def integer(text: str) -> int:
    """An argument type: an int."""
    try:
        return int(text)
    except ValueError:
        msg = f"not a whole number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def count(text: str) -> int:
    """An argument type: a whole number of 1 or more."""
    value = integer(text)
    if value < 1:
        msg = f"not 1 or more: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def one_line(message: str) -> str:
    """*message* on one line: line breaks and control characters escaped."""
    return "".join(
        c if c.isprintable() or c == " " else repr(c)[1:-1] for c in message
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date as YYYY-MM-DD: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def choices(values: type[Any]) -> list[str]:
    """The values of the members of the enum *values*."""
    return [member.value for member in values]


# --- Shared options --------------------------------------------------------


def add_body(parser: argparse.ArgumentParser) -> None:
    """Add --mass, --height and --sex."""
    group = parser.add_argument_group("body")
    group.add_argument(
        "--mass",
        type=number,
        metavar="KG",
        help=f"body mass in kg, or lb with --units lb"
        f" (default {DEFAULT_MASS_KG:g} kg)",
    )
    group.add_argument(
        "--height",
        type=number,
        default=DEFAULT_HEIGHT_M,
        metavar="M",
        help=f"stature in metres (default {DEFAULT_HEIGHT_M:g})",
    )
    group.add_argument(
        "--sex",
        choices=choices(Sex),
        metavar="SEX",
        help="female or male, for de Leva's segment table (default: the"
        " average of both)",
    )
    group.add_argument(
        "--units",
        choices=("kg", "lb"),
        default="kg",
        metavar="UNITS",
        help="kg or lb: the units of --mass, --load and --item loads, and"
        " of the masses shown (default kg; JSON stays in kg)",
    )


def body(args: argparse.Namespace) -> Body:
    """The body the options of `add_body` describe."""
    mass = DEFAULT_MASS_KG if args.mass is None else args.mass
    return Body(
        mass_kg=mass,
        height_m=args.height,
        sex=Sex(args.sex) if args.sex else None,
    )


def to_kilograms(args: argparse.Namespace) -> None:
    """Turn the masses given in pounds (``--units lb``) into kilograms."""
    if getattr(args, "units", "kg") != "lb":
        return
    if getattr(args, "mass", None) is not None:
        args.mass *= KG_PER_LB
    if getattr(args, "load", None):
        args.load *= KG_PER_LB
    if getattr(args, "item", None):
        args.item = [
            (slug, sets, reps, load * KG_PER_LB)
            for slug, sets, reps, load in args.item
        ]


def centimetre_hint(args: argparse.Namespace) -> str:
    """``" (did you mean 1.78?)"`` when ``--height`` looks like centimetres."""
    height: float = args.height
    if not 100 <= height <= 250:  # noqa: PLR2004
        return ""
    return f" (did you mean {height / 100:g}? --height is in metres)"


def add_acceleration(parser: argparse.ArgumentParser) -> None:
    """Add --acceleration (m/s^2; the library checks its range)."""
    parser.add_argument(
        "--acceleration",
        type=number,
        default=0.0,
        metavar="M/S2",
        help="upward acceleration of the trunk and the load at the hardest"
        " point of the rep, in m/s^2, 0-9.81, free-standing lifts only;"
        " 0 (the default) keeps the static numbers",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    """Add --json."""
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )


class _Assumed(str):
    """A default the person did not choose: printed as assumed."""

    __slots__ = ()


def add_plan_options(parser: argparse.ArgumentParser) -> None:
    """Add --phase, --start and --sessions-per-week."""
    parser.add_argument(
        "--phase",
        default=_Assumed(Phase.SUBACUTE.value),
        choices=choices(Phase),
        metavar="PHASE",
        help="acute: under 6 weeks of pain; subacute: 6-12 weeks;"
        " chronic: over 12 weeks (default subacute, said to be assumed)",
    )
    parser.add_argument(
        "--start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the first day (default today)",
    )
    parser.add_argument(
        "--sessions-per-week",
        type=count,
        metavar="N",
        help="training sessions a week: 1-3 for strength work (default 2,"
        " 3 when chronic), 1-7 for home exercises (default 7, daily)",
    )


def phase_assumed(args: argparse.Namespace) -> bool:
    """Whether --phase was left at its default."""
    return isinstance(args.phase, _Assumed)


def start(args: argparse.Namespace) -> dt.date:
    """The first day: --start, or today (the one read of the clock)."""
    if args.start is not None:
        first: dt.date = args.start
        return first
    return dt.datetime.now().astimezone().date()


# --- The catalog -----------------------------------------------------------


def catalog() -> Any:
    """The built-in catalog, imported when a command needs it."""
    from backsafe.exercises._catalog import catalog as built_in  # noqa: PLC0415

    return built_in


def exercise(slug: str) -> Exercise:
    """The built-in exercise *slug*; `UnknownExerciseError` if none."""
    found: Exercise = catalog().get(slug)
    return found
