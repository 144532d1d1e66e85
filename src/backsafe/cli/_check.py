"""``backsafe check``: what to do after a session, read from a JSON file.

The one command that reads a file (or standard input): at most
`MAX_INPUT_BYTES` of UTF-8 JSON with a report, a dose and a context.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Final, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import document, emit_json
from backsafe.display._html import describe_dose
from backsafe.exceptions import InvalidDataError

#: The largest session file ``check`` reads (a real one is under 1 kB).
MAX_INPUT_BYTES: Final = 1_000_000

CHECK_EXAMPLE: Final[dict[str, Any]] = {
    "schema_version": 1,
    "report": {
        "day": "2026-03-09",
        "pain_before": 2,
        "pain_during_max": 3,
        "pain_next_morning": 2,
    },
    "dose": {
        "exercise": "split-squat",
        "mode": "strength",
        "sets": 3,
        "reps": 8,
        "load_kg": 8,
        "load_step_kg": 4,
        "min_reps": 6,
        "max_reps": 8,
    },
    "context": {
        "phase": "subacute",
        "clearance": {
            "cleared": True,
            "on": "2026-03-01",
            "by_clinician": True,
        },
    },
}


def add_parser(sub: Any) -> None:
    """Add the ``check`` command to *sub*."""
    parser = o.add_command(
        sub,
        "check",
        help_text="decide what to do after a session, with the reasons",
        examples="  backsafe check --example > session.json\n"
        "  backsafe check session.json\n"
        "  cat session.json | backsafe check - --json",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a JSON file with report, dose and context; - for stdin",
    )
    parser.add_argument(
        "--example",
        action="store_true",
        help="print an example file and exit",
    )
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Decide on the session in the file, or print an example file."""
    from backsafe.coaching._decide import decide  # noqa: PLC0415

    if args.example:
        emit_json(CHECK_EXAMPLE, out)
        return
    if args.file is None:
        msg = "give a session file, or - for standard input"
        raise o.UsageError(msg)
    report, dose, context = _read_check(args.file)
    # An unknown slug is an error, not a "hold" (decide() looks it up only
    # when it has no stop), and the catalog's error suggests slugs.
    o.exercise(dose.exercise)
    outcome = decide(report, dose, context, catalog=o.catalog())
    if args.json:
        emit_json(document(outcome=outcome), out)
        return
    urgency = (
        f" ({outcome.urgency.value})"
        if outcome.urgency.value != "none"
        else ""
    )
    lines = [
        f"Decision for {outcome.day}: {outcome.decision.value}{urgency}",
        "",
        "Why:",
        *(f"- {r.message} [{r.code.value}]" for r in outcome.reasons),
        "",
        f"Dose: {dose.exercise}, {describe_dose(outcome.dose_before)}",
        "Next: " + _next_dose(outcome),
    ]
    if outcome.advice:
        lines.append(
            "Advice: " + ", ".join(sorted(a.value for a in outcome.advice))
        )
    out.write("\n".join(lines) + "\n")


def _next_dose(outcome: Any) -> str:
    after = outcome.dose_after
    if after is None:
        return "no exercise until you have been checked"
    return f"{after.exercise}, {describe_dose(after)}"


def _read_check(source: str) -> Any:
    from backsafe.coaching._context import Context  # noqa: PLC0415
    from backsafe.coaching._doses import Dose  # noqa: PLC0415
    from backsafe.coaching._reports import SessionReport  # noqa: PLC0415
    from backsafe.serde._converter import SCHEMA_VERSION, from_dict  # noqa: PLC0415

    text = _read_text(source)
    try:
        data = json.loads(text)
    except ValueError as exc:
        msg = f"{source} is not JSON: {exc}"
        raise o.UsageError(msg) from None
    except RecursionError:
        msg = f"{source} is not a session file: JSON nested too deeply"
        raise o.UsageError(msg) from None
    if not isinstance(data, dict) or not {"report", "dose", "context"} <= (
        data.keys()
    ):
        msg = (
            f"{source} must be a JSON object with report, dose and context"
            " (see 'backsafe check --example')"
        )
        raise o.UsageError(msg)
    if data.get("schema_version") != SCHEMA_VERSION:
        msg = f"{source}: schema_version must be {SCHEMA_VERSION}"
        raise o.UsageError(msg)
    parts = {"report": SessionReport, "dose": Dose, "context": Context}
    found: list[Any] = []
    for key, cls in parts.items():
        part = data[key]
        try:
            found.append(
                from_dict({"schema_version": SCHEMA_VERSION, **part}, cls)
                if isinstance(part, dict)
                else from_dict(part, cls)
            )
        except InvalidDataError as exc:
            # Keep the path from the top of the file: $.dose.load_kg.
            raise InvalidDataError(
                f"{source}: invalid {key}",
                [e.replace("@ $", f"@ $.{key}", 1) for e in exc.errors],
            ) from None
    return tuple(found)


def _read_text(source: str) -> str:
    """Read at most `MAX_INPUT_BYTES` of UTF-8 from a file or stdin."""
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            raw: bytes | str = (
                sys.stdin.read(MAX_INPUT_BYTES + 1)
                if stream is None
                else stream.read(MAX_INPUT_BYTES + 1)
            )
        else:
            with Path(source).open("rb") as file:
                raw = file.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        msg = f"cannot read {source}: {exc.strerror}"
        raise o.UsageError(msg) from None
    if len(raw) > MAX_INPUT_BYTES:
        msg = f"{source} is larger than {MAX_INPUT_BYTES:,} bytes"
        raise o.UsageError(msg)
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{source} is not UTF-8 text (byte {exc.start})"
        raise o.UsageError(msg) from None
