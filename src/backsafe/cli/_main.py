"""The ``backsafe`` command line (argparse, standard library only).

Run ``backsafe --help`` for the commands. Every command prints aligned
tables for people, or JSON with ``--json``; bad input prints one line on
standard error and exits with status 2.

This package is the one place that reads files, standard input and today's
date; everything it calls is pure. This module builds the parser from the
command modules (``_leg_day`` for the main job, ``_catalog``, ``_score``,
``_alternatives``, ``_plan``, ``_check``) and turns errors into one line.
"""

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, NoReturn, TextIO

from backsafe.cli import (
    _alternatives,
    _catalog,
    _check,
    _leg_day,
    _lift,
    _plan,
    _score,
    _serve,
    _task,
)
from backsafe.cli._format import units
from backsafe.cli._options import (
    UsageError,
    centimetre_hint,
    one_line,
    to_kilograms,
)
from backsafe.exceptions import (
    BacksafeError,
    InvalidDataError,
    InvalidInputError,
    UnknownExerciseError,
)

PROG: Final = "backsafe"
EXIT_USAGE: Final = 2
#: Option names for the fields a command-line error can name.
OPTION_NAMES: Final = {
    "load_kg": "--load",
    "Posture.load_kg": "--load",
    "TorsoLean.degrees": "--lean",
    "Posture.reach_m": "--reach",
    "acceleration_m_s2": "--acceleration",
    "Body.mass_kg": "--mass",
    "Body.height_m": "--height",
    "weeks": "--weeks",
    "sessions_per_week": "--sessions-per-week",
    "max_tier": "--max-tier",
    "max_level": "--max-level",
    "horizontal": "--h",
    "vertical": "--v",
    "distance": "--d",
    "asymmetry": "--a",
    "frequency": "--f",
    "lifts_per_minute": "--f",
    "minutes": "--minutes",
}

EPILOG: Final = (
    """\
examples:
  backsafe                           a back-friendly leg day, first 4 weeks
  backsafe --phase acute --mass 80 --height 1.78
  backsafe --item low-bar-back-squat:4x6@60 --item leg-press:3x10@100
  backsafe catalog --pattern lunge
  backsafe score split-squat --load 16
  backsafe alternatives low-bar-back-squat --load 60
  backsafe plan split-squat --phase chronic --weeks 8
  backsafe check --example > session.json; backsafe check session.json
  backsafe task tie-shoes            an everyday task, made easier
  backsafe lift --h 40 --v 30 --d 90 --f 2 --coupling fair --load 12

"""
    + _plan.STOP_LINE
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """Refuse a value not among the choices, with a "did you mean"."""
        if action.choices is None or value in action.choices:
            return
        close = difflib.get_close_matches(str(value), list(action.choices), 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        msg = f"invalid choice: {value!r}{hint}"
        raise argparse.ArgumentError(action, msg)

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(
            f"{self.prog}: error: {one_line(message)}"
            f" (see '{self.prog} --help')\n"
        )
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``backsafe`` command."""
    parser = _Parser(
        prog=PROG,
        allow_abbrev=False,  # ``lift --h`` is not ``--help`` or ``--height``
        description=(
            "How hard exercises are on the lower back, and how to progress\n"
            "without hurting it. Without a command: your usual leg day made\n"
            "back-friendly, and its first weeks."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {_version()}"
    )
    _leg_day.add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (
        _catalog,
        _score,
        _alternatives,
        _plan,
        _check,
        _task,
        _lift,
        _serve,
    ):
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``backsafe`` command; return its exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` if
            not given.

    Returns:
        0 on success, 2 on bad input (after one line on standard error).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], None] = args.handler
    to_kilograms(args)
    token = units.set(getattr(args, "units", "kg"))
    try:
        handler(args, sys.stdout)
    except InvalidDataError as exc:
        return _fail("; ".join(exc.errors) or str(exc))
    except UnknownExerciseError as exc:
        return _fail(f"{exc} See '{PROG} catalog' for the slugs.")
    except InvalidInputError as exc:
        return _fail(_option_message(exc, args))
    except (BacksafeError, UsageError) as exc:
        return _fail(str(exc))
    finally:
        units.reset(token)
    return 0


def _version() -> str:
    from backsafe import __version__  # noqa: PLC0415

    return str(__version__)


def _option_message(exc: InvalidInputError, args: argparse.Namespace) -> str:
    """Name the option (``--load``) rather than the field (``load_kg``)."""
    message = str(exc)
    if args.handler is _check.run:  # fields of the file, not options
        return message
    field, _, rest = message.partition(" must ")
    option = OPTION_NAMES.get(field)
    hint = centimetre_hint(args) if option == "--height" else ""
    return (
        message
        if option is None or not rest
        else f"{option} must {rest}{hint}"
    )


def _fail(message: str) -> int:
    line = one_line(" ".join(message.split()))
    sys.stderr.write(f"{PROG}: error: {line}\n")
    return EXIT_USAGE
