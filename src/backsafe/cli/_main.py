"""The ``backsafe`` command line (argparse, standard library only).

Run ``backsafe --help`` for the commands. Every command prints aligned
tables for people, or JSON with ``--json``; bad input prints one line on
standard error and exits with status 2.

This module is the one place that reads files, standard input and today's
date; everything it calls is pure.
"""

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, NoReturn, TextIO

from backsafe.coaching._types import Phase
from backsafe.display._html import (
    NOT_MODELLED,
    compression_text,
    describe_dose,
    is_muscle_modelled,
    reduction_text,
)
from backsafe.exceptions import (
    BacksafeError,
    InvalidDataError,
    InvalidInputError,
    UnknownExerciseError,
)
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    MovementPattern,
    Muscle,
    Stance,
    TrainingMode,
)
from backsafe.spine._model import spinal_load
from backsafe.spine._types import (
    Body,
    CalibratedTask,
    LoadPlacement,
    Posture,
    Sex,
    SpinalLoad,
    SpineLevel,
    StressLevel,
    Support,
    TorsoLean,
)

PROG: Final = "backsafe"
#: The reference adult used when no body is given (a documented example,
#: not a recommendation): 75 kg, 1.75 m.
DEFAULT_MASS_KG: Final = 75.0
DEFAULT_HEIGHT_M: Final = 1.75

EXIT_USAGE: Final = 2
#: The largest session file ``check`` reads (a real one is under 1 kB).
MAX_INPUT_BYTES: Final = 1_000_000
#: Option names for the fields a command-line error can name.
OPTION_NAMES: Final = {
    "load_kg": "--load",
    "Posture.load_kg": "--load",
    "TorsoLean.degrees": "--lean",
    "Posture.reach_m": "--reach",
    "Body.mass_kg": "--mass",
    "Body.height_m": "--height",
    "weeks": "--weeks",
    "max_tier": "--max-tier",
    "max_level": "--max-level",
}

#: The usual gym leg day the main job rewrites: (slug, sets, reps, load).
#: The loads are an example for the reference adult; pass your own with
#: ``--item SLUG:SETSxREPS@KG``.
LEG_DAY: Final = (
    ("low-bar-back-squat", 4, 6, 60.0),
    ("romanian-deadlift", 3, 8, 40.0),
    ("walking-lunge", 3, 10, 16.0),
    ("leg-extension", 3, 12, 30.0),
    ("seated-leg-curl", 3, 12, 30.0),
)

DISCLAIMER: Final = (
    "backsafe gives general exercise information, not a diagnosis. Stop and"
    " get checked on sharp pain, tingling, numbness, weakness or pain"
    " spreading down a leg."
)


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(
            f"{self.prog}: error: {message} (see '{self.prog} --help')\n"
        )
        raise SystemExit(EXIT_USAGE)


# --- Output ----------------------------------------------------------------


def format_table(
    rows: Sequence[Sequence[object]],
    header: Sequence[str],
    *,
    right: Sequence[int] = (),
) -> str:
    """Return rows as an aligned text table; columns in *right* align right."""
    cells = [[str(h) for h in header]] + [
        [_cell(value) for value in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            value.rjust(width) if i in right else value.ljust(width)
            for i, (value, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:g}"  # noqa: PLR2004
    if isinstance(value, frozenset | tuple):
        return ", ".join(sorted(_cell(v) for v in value)) or "-"
    return str(value)


def _emit_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _plain(obj: object) -> Any:
    """Turn a backsafe object (or a list of them) into JSON values."""
    from backsafe.serde._converter import converter  # noqa: PLC0415

    return converter().unstructure(obj)


def _document(**parts: object) -> dict[str, Any]:
    """A JSON document: the schema version, then *parts* as JSON values."""
    from backsafe.serde._converter import SCHEMA_VERSION  # noqa: PLC0415

    return {
        "schema_version": SCHEMA_VERSION,
        **{key: _plain(value) for key, value in parts.items()},
    }


def _kg(load_kg: float) -> str:
    return f"{load_kg:g} kg"


# --- Shared options --------------------------------------------------------


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        msg = f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        msg = f"not a whole number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date as YYYY-MM-DD: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _choices(values: type[Any]) -> list[str]:
    return [member.value for member in values]


def _add_body(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("body")
    group.add_argument(
        "--mass",
        type=_number,
        default=DEFAULT_MASS_KG,
        metavar="KG",
        help=f"body mass in kg (default {DEFAULT_MASS_KG:g})",
    )
    group.add_argument(
        "--height",
        type=_number,
        default=DEFAULT_HEIGHT_M,
        metavar="M",
        help=f"stature in metres (default {DEFAULT_HEIGHT_M:g})",
    )
    group.add_argument(
        "--sex", choices=_choices(Sex), help="for de Leva's segment table"
    )


def _body(args: argparse.Namespace) -> Body:
    return Body(
        mass_kg=args.mass,
        height_m=args.height,
        sex=Sex(args.sex) if args.sex else None,
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--phase",
        default=Phase.SUBACUTE.value,
        choices=_choices(Phase),
        help="acute: under 6 weeks of pain; subacute: 6-12 weeks;"
        " chronic: over 12 weeks (default subacute)",
    )
    parser.add_argument(
        "--start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the first day (default today)",
    )


def _start(args: argparse.Namespace) -> dt.date:
    if args.start is not None:
        start: dt.date = args.start
        return start
    return dt.datetime.now().astimezone().date()


def _catalog() -> Any:
    from backsafe.exercises._catalog import catalog  # noqa: PLC0415

    return catalog


def _exercise(slug: str) -> Exercise:
    found: Exercise = _catalog().get(slug)
    return found


# --- catalog ---------------------------------------------------------------


def _cmd_catalog(args: argparse.Namespace, out: TextIO) -> None:
    found = _catalog().filter(
        pattern=args.pattern,
        stance=args.stance,
        equipment=args.equipment,
        muscle=args.muscle,
        max_tier=args.max_tier,
    )
    if args.json:
        _emit_json(_document(exercises=list(found)), out)
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
        )
        + f"\n\n{len(rows)} exercises. Tier: spinal demand, 0 (spine-sparing)"
        " to 3 (pronounced lean or heavy bilateral).\n"
    )


# --- score -----------------------------------------------------------------


def _describe_load(load: SpinalLoad) -> str:
    rows: list[tuple[object, ...]] = [
        (
            c.source,
            round(c.compression_n, 1),
            round(c.shear_n, 1),
            round(c.moment_nm, 1),
        )
        for c in load.contributions
    ]
    if is_muscle_modelled(load):
        rows.append(
            (
                "total",
                round(load.compression_n, 1),
                round(load.shear_n, 1),
                round(load.moment_nm, 1),
            )
        )
        note = ""
    else:
        rows.append(("muscle", "not modelled", "not modelled", "-"))
        rows.append(("total", "not modelled", "not modelled", "-"))
        note = "\n" + textwrap.fill(
            "The support holds the trunk, so the model counts only the"
            " body weight along the spine, not the muscles: read the grade,"
            " not a number.",
            width=79,
        )
    table = format_table(
        rows,
        ("source", "compression N", "shear N", "moment N·m"),
        right=(1, 2, 3),
    )
    return (
        f"{table}\n\n"
        f"grade at {load.joint.value}: {load.level.value}"
        f" (compression {load.compression_level.value},"
        f" shear {load.shear_level.value}; {load.method.value} model)" + note
    )


def _cmd_score(args: argparse.Namespace, out: TextIO) -> None:
    from backsafe.exercises._scoring import score  # noqa: PLC0415

    body = _body(args)
    joint = SpineLevel(args.joint)
    lean = TorsoLean(degrees=args.lean) if args.lean is not None else None
    if args.exercise is not None:
        exercise = _exercise(args.exercise)
        load = score(exercise, body, load_kg=args.load, lean=lean, joint=joint)
        title = exercise.name + (f", {_kg(args.load)}" if args.load else "")
    else:
        if lean is None:
            msg = "give an exercise slug, or a posture with --lean DEG"
            raise UsageError(msg)
        placement = _placement(args)
        posture = Posture(
            lean=lean,
            support=Support(args.support),
            load_kg=args.load,
            placement=placement,
            reach_m=args.reach,
            task=CalibratedTask(args.task) if args.task else None,
        )
        load = spinal_load(posture, body, joint=joint)
        title = f"Posture: {lean.degrees:g}° lean, {args.support}" + (
            f", {_kg(args.load)} {placement.value}" if args.load else ""
        )
    if args.json:
        _emit_json(_document(subject=title, body=body, spinal_load=load), out)
        return
    out.write(
        f"{title}\nbody {body.mass_kg:g} kg, {body.height_m:g} m\n\n"
        f"{_describe_load(load)}\n"
    )


def _placement(args: argparse.Namespace) -> LoadPlacement:
    if args.placement:
        return LoadPlacement(args.placement)
    if args.reach:
        return LoadPlacement.HANDS_REACH
    if args.load:
        return LoadPlacement.HANDS_HANGING
    return LoadPlacement.NONE


# --- alternatives ----------------------------------------------------------


def _cmd_alternatives(args: argparse.Namespace, out: TextIO) -> None:
    from backsafe.exercises._alternatives import alternatives  # noqa: PLC0415
    from backsafe.exercises._scoring import score  # noqa: PLC0415

    body = _body(args)
    exercise = _exercise(args.exercise)
    found = alternatives(
        exercise,
        body,
        load_kg=args.load,
        equipment=args.equipment,
        max_level=args.max_level,
        max_tier=args.max_tier,
    )[: args.limit]
    before = score(exercise, body, load_kg=args.load)
    if args.json:
        _emit_json(
            _document(
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
        f"{exercise.name}, {_kg(args.load)}: {compression_text(before)}"
        f" at L4/L5 ({before.level.value}), tier {exercise.tier}\n\n"
    )
    if not found:
        out.write("No back-friendlier exercise at the same leg work.\n")
        return
    rows = [
        (
            a.exercise.name,
            a.load_kg,
            compression_text(a.spinal_load),
            a.spinal_load.level,
            reduction_text(a),
            a.exercise.tier,
        )
        for a in found
    ]
    out.write(
        format_table(
            rows,
            ("at the same leg work", "kg", "L4/L5", "grade", "less", "tier"),
            right=(1, 2, 4, 5),
        )
        + "\n"
    )


# --- plan ------------------------------------------------------------------


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


def _plan(
    exercise: Exercise,
    body: Body,
    *,
    phase: Phase,
    mode: TrainingMode | None,
    start: dt.date,
    weeks: int,
    load_kg: float = 0.0,
) -> Any:
    from backsafe.coaching._planning import generate_progression  # noqa: PLC0415

    if phase is Phase.ACUTE and load_kg > 0:
        msg = (
            f"--load must be 0 in the acute phase (body weight only),"
            f" got {load_kg:g}"
        )
        raise UsageError(msg)
    # Acute: body weight only (clinical rules section 2); the planner's
    # caps already keep every step of an acute progression unloaded.
    return generate_progression(
        exercise,
        body,
        phase=phase,
        mode=mode or _default_mode(exercise, phase),
        start=start,
        weeks=weeks,
        load_kg=load_kg,
        catalog=list(_catalog()),
    )


def _cmd_plan(args: argparse.Namespace, out: TextIO) -> None:
    body = _body(args)
    exercise = _exercise(args.exercise)
    progression = _plan(
        exercise,
        body,
        phase=Phase(args.phase),
        mode=TrainingMode(args.mode) if args.mode else None,
        start=_start(args),
        weeks=args.weeks,
        load_kg=args.load,
    )
    if args.json:
        _emit_json(_document(progression=progression), out)
        return
    rows = [
        (
            step.starts_on.isoformat(),
            (step.starts_on - progression.start).days // 7 + 1,
            step.dose.exercise,
            describe_dose(step.dose),
            step.compression_n,
            step.level,
            step.change,
        )
        for step in progression.steps
    ]
    out.write(
        f"{exercise.name}: {progression.mode.value}, {progression.phase.value}"
        f" phase, {progression.start} to {progression.end}\n\n"
        + format_table(
            rows,
            ("from", "week", "exercise", "dose", "L4/L5 N", "grade", "change"),
            right=(1, 4),
        )
        + f"\n\n{progression.steps[0].criteria.summary}\n"
        "Each step is the earliest it may come; stay longer whenever a"
        " session does not feel fine.\n"
    )


# --- check -----------------------------------------------------------------


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
        "clearance": {"cleared": True, "on": "2026-03-01"},
    },
}


def _read_check(source: str) -> Any:
    from backsafe.coaching._types import Context, Dose, SessionReport  # noqa: PLC0415
    from backsafe.serde._converter import SCHEMA_VERSION, from_dict  # noqa: PLC0415

    text = _read_text(source)
    try:
        data = json.loads(text)
    except ValueError as exc:
        msg = f"{source} is not JSON: {exc}"
        raise UsageError(msg) from None
    except RecursionError:
        msg = f"{source} is not a session file: JSON nested too deeply"
        raise UsageError(msg) from None
    if not isinstance(data, dict) or not {"report", "dose", "context"} <= (
        data.keys()
    ):
        msg = (
            f"{source} must be a JSON object with report, dose and context"
            " (see 'backsafe check --example')"
        )
        raise UsageError(msg)
    if data.get("schema_version") != SCHEMA_VERSION:
        msg = f"{source}: schema_version must be {SCHEMA_VERSION}"
        raise UsageError(msg)
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
        raise UsageError(msg) from None
    if len(raw) > MAX_INPUT_BYTES:
        msg = f"{source} is larger than {MAX_INPUT_BYTES:,} bytes"
        raise UsageError(msg)
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{source} is not UTF-8 text (byte {exc.start})"
        raise UsageError(msg) from None


def _cmd_check(args: argparse.Namespace, out: TextIO) -> None:
    from backsafe.coaching._rules import decide  # noqa: PLC0415

    if args.example:
        _emit_json(CHECK_EXAMPLE, out)
        return
    if args.file is None:
        msg = "give a session file, or - for standard input"
        raise UsageError(msg)
    report, dose, context = _read_check(args.file)
    _exercise(dose.exercise)  # an unknown slug is an error, not a "hold"
    outcome = decide(report, dose, context, catalog=_catalog())
    if args.json:
        _emit_json(_document(outcome=outcome), out)
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


# --- The main job: a back-friendly leg day and its first weeks -------------


def _item(text: str) -> tuple[str, int, int, float]:
    """Parse ``SLUG:SETSxREPS@KG`` (the load is optional)."""
    try:
        slug, dose = text.split(":", 1)
        volume, _, load = dose.partition("@")
        sets, reps = volume.lower().split("x", 1)
        return slug, int(sets), int(reps), float(load or 0.0)
    except ValueError:
        msg = f"not SLUG:SETSxREPS@KG: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _cmd_leg_day(args: argparse.Namespace, out: TextIO) -> None:
    from backsafe.coaching._planning import max_tier  # noqa: PLC0415
    from backsafe.exercises._workout import WorkoutItem, rewrite_workout  # noqa: PLC0415

    body = _body(args)
    phase = Phase(args.phase)
    start = _start(args)
    usual = [
        WorkoutItem(
            exercise=_exercise(slug), sets=sets, reps=reps, load_kg=load
        )
        for slug, sets, reps, load in (args.item or LEG_DAY)
    ]
    # Acute: body weight only (clinical rules section 2), so the usual
    # loads are set aside and the day is rewritten without them.
    items = (
        [
            WorkoutItem(
                exercise=i.exercise, sets=i.sets, reps=i.reps, load_kg=0.0
            )
            for i in usual
        ]
        if phase is Phase.ACUTE
        else usual
    )
    rewrite = rewrite_workout(
        items,
        body,
        max_tier=max_tier(phase, permits_tier3=False),
        bodyweight_only=phase is Phase.ACUTE,
        catalog=_catalog(),
    )
    plans = [
        _plan(
            item.exercise,
            body,
            phase=phase,
            mode=None,
            start=start,
            weeks=args.weeks,
        )
        for item in rewrite.workout.items
    ]
    if args.json:
        _emit_json(
            _document(phase=phase, body=body, rewrite=rewrite, plans=plans),
            out,
        )
        return
    out.write(
        _leg_day_text(rewrite, plans, body, phase, args.weeks, usual=usual)
    )


def _leg_day_text(
    rewrite: Any,
    plans: Sequence[Any],
    body: Body,
    phase: Phase,
    weeks: int,
    *,
    usual: Sequence[Any],
) -> str:
    from backsafe.exercises._scoring import score  # noqa: PLC0415

    changes = {c.index: c for c in rewrite.changes}
    day_rows = []
    for index, (item, usual_item) in enumerate(
        zip(rewrite.original.items, usual, strict=True)
    ):
        before = score(item.exercise, body, load_kg=usual_item.load_kg)
        change = changes.get(index)
        new = item if change is None else change.replacement
        after = (
            score(item.exercise, body, load_kg=item.load_kg)
            if change is None
            else change.replacement_load
        )
        day_rows.append(
            (
                item.exercise.name,
                "keep" if change is None else _swap_name(new),
                "-" if new is None else f"{new.sets} x {new.reps}",
                "-" if new is None else _kg_or_body_weight(new.load_kg),
                compression_text(before)
                if change is None and item.load_kg == usual_item.load_kg
                else _compression_change(before, after),
                "-" if after is None else after.level,
            )
        )
    reasons = [
        textwrap.fill(
            f"- {c.original.exercise.name}: {c.reason}",
            width=79,
            subsequent_indent="  ",
        )
        for c in rewrite.changes
    ]
    week_rows = []
    for plan in plans:
        cells: list[str] = []
        for week in range(weeks):
            day = plan.start + dt.timedelta(days=7 * week)
            step = plan.step_on(day)
            text = describe_dose(step.dose)
            if step.dose.exercise != plan.exercise:
                text = f"{step.dose.exercise} {text}"
            cells.append(text)
        week_rows.append((_exercise(plan.exercise).name, *cells))
    header = ("exercise", *(f"week {w + 1}" for w in range(weeks)))
    return "\n".join(
        [
            (
                f"Your back-friendly leg day ({phase.value} phase;"
                f" {body.mass_kg:g} kg, {body.height_m:g} m)"
            ),
            "",
            format_table(
                day_rows,
                (
                    "usual exercise",
                    "back-friendly swap",
                    "sets x reps",
                    "load" if phase is Phase.ACUTE else "same leg work",
                    "L4/L5 before -> after",
                    "grade",
                ),
            ),
            "",
            *(
                [
                    textwrap.fill(
                        "Acute phase: body weight only, whatever your usual"
                        " loads, and no added load until the pain has"
                        " settled into the subacute phase.",
                        width=79,
                    ),
                    "",
                ]
                if phase is Phase.ACUTE
                else []
            ),
            *reasons,
            "",
            textwrap.fill(
                f"The first {weeks} weeks: start light (body weight, or the"
                " lightest load), and take each step only if the sessions"
                " before it felt fine.",
                width=79,
            ),
            "",
            format_table(week_rows, header),
            "",
            textwrap.fill(plans[0].steps[0].criteria.summary, width=79)
            if plans
            else "",
            (
                "Plan one exercise in detail: backsafe plan SLUG."
                " Your own day: backsafe --item SLUG:SETSxREPS@KG ..."
            ),
            "",
            textwrap.fill(DISCLAIMER, width=79),
            "",
        ]
    )


def _swap_name(new: Any) -> str:
    return "-" if new is None else str(new.exercise.name)


def _kg_or_body_weight(load_kg: float) -> str:
    return _kg(load_kg) if load_kg else "body weight"


def _compression_change(before: SpinalLoad, after: SpinalLoad | None) -> str:
    """``"4,204 N -> 799 N"``; a supported posture is not a number."""
    if after is None:
        return f"{compression_text(before)} -> -"
    if not is_muscle_modelled(before) and not is_muscle_modelled(after):
        return NOT_MODELLED
    return f"{compression_text(before)} -> {compression_text(after)}"


# --- The parser ------------------------------------------------------------


def _sub(
    sub: Any, name: str, *, help_text: str, examples: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


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

"""
    + DISCLAIMER
)


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915
    """Return the argument parser of the ``backsafe`` command."""
    parser = _Parser(
        prog=PROG,
        description=(
            "How hard exercises are on the lower back, and how to progress\n"
            "without hurting it. Without a command: your usual leg day made\n"
            "back-friendly, and its first weeks."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--item",
        type=_item,
        action="append",
        metavar="SLUG:SETSxREPS@KG",
        help="an exercise of your usual leg day (repeat; default: back"
        " squat, Romanian deadlift, walking lunge, leg extension, leg curl)",
    )
    parser.add_argument(
        "--weeks",
        type=_integer,
        default=4,
        help="weeks to show (default 4)",
    )
    _add_plan_options(parser)
    _add_body(parser)
    _add_json(parser)
    parser.set_defaults(handler=_cmd_leg_day)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    catalog = _sub(
        sub,
        "catalog",
        help_text="list and filter the built-in exercises",
        examples="  backsafe catalog --pattern lunge\n"
        "  backsafe catalog --max-tier 1 --equipment dumbbell\n"
        "  backsafe catalog --muscle hamstrings --json",
    )
    catalog.add_argument("--pattern", choices=_choices(MovementPattern))
    catalog.add_argument("--stance", choices=_choices(Stance))
    catalog.add_argument(
        "--equipment",
        nargs="+",
        choices=_choices(Equipment),
        help="what you have (bodyweight and a mat always count)",
    )
    catalog.add_argument("--muscle", choices=_choices(Muscle))
    catalog.add_argument("--max-tier", type=_integer, metavar="0-3")
    _add_json(catalog)
    catalog.set_defaults(handler=_cmd_catalog)

    score = _sub(
        sub,
        "score",
        help_text="score an exercise or a posture for a body and a load",
        examples="  backsafe score split-squat --load 16 --mass 80"
        " --height 1.78\n"
        "  backsafe score --lean 45 --load 20 --placement hands-reach"
        " --reach 0.3\n"
        "  backsafe score --lean 90 --support supine --task curl-up --json",
    )
    score.add_argument(
        "exercise", nargs="?", help="a catalog slug, such as split-squat"
    )
    score.add_argument(
        "--load",
        type=_number,
        default=0.0,
        metavar="KG",
        help="external load in kg, total (default 0)",
    )
    score.add_argument(
        "--lean",
        type=_number,
        metavar="DEG",
        help="trunk lean from vertical, 0-90 (an exercise's typical lean"
        " if not given)",
    )
    score.add_argument(
        "--support",
        default=Support.FREE_STANDING.value,
        choices=_choices(Support),
        help="for a posture (default free-standing)",
    )
    score.add_argument(
        "--placement",
        choices=_choices(LoadPlacement),
        help="where the load sits, for a posture (default: hands-hanging"
        " with a load, hands-reach with --reach)",
    )
    score.add_argument(
        "--reach",
        type=_number,
        default=0.0,
        metavar="M",
        help="reach in front of the shoulders, for a posture",
    )
    score.add_argument(
        "--task",
        choices=_choices(CalibratedTask),
        help="a calibrated floor task, for a posture",
    )
    score.add_argument(
        "--joint",
        default=SpineLevel.L4_L5.value,
        choices=_choices(SpineLevel),
    )
    _add_body(score)
    _add_json(score)
    score.set_defaults(handler=_cmd_score)

    alternatives = _sub(
        sub,
        "alternatives",
        help_text="rank back-friendlier swaps at the same leg work",
        examples="  backsafe alternatives low-bar-back-squat --load 60\n"
        "  backsafe alternatives romanian-deadlift --load 40"
        " --equipment dumbbell\n"
        "  backsafe alternatives walking-lunge --load 16 --json",
    )
    alternatives.add_argument("exercise", help="a catalog slug")
    alternatives.add_argument(
        "--load", type=_number, default=0.0, metavar="KG"
    )
    alternatives.add_argument(
        "--equipment",
        nargs="+",
        choices=_choices(Equipment),
        help="what you have (any if not given)",
    )
    alternatives.add_argument("--max-level", choices=_choices(StressLevel))
    alternatives.add_argument("--max-tier", type=_integer, metavar="0-3")
    alternatives.add_argument(
        "--limit", type=_integer, default=10, help="show at most this many"
    )
    _add_body(alternatives)
    _add_json(alternatives)
    alternatives.set_defaults(handler=_cmd_alternatives)

    plan = _sub(
        sub,
        "plan",
        help_text="plan a progression of one exercise",
        examples="  backsafe plan split-squat --phase chronic --weeks 8\n"
        "  backsafe plan glute-bridge --phase acute --start 2026-03-02\n"
        "  backsafe plan bird-dog --mode iso-holds --json",
    )
    plan.add_argument("exercise", help="a catalog slug")
    plan.add_argument(
        "--mode",
        choices=_choices(TrainingMode),
        help="how to dose it (default: strength, or home reps when acute)",
    )
    plan.add_argument(
        "--weeks", type=_integer, default=8, help="1-52 (default 8)"
    )
    plan.add_argument(
        "--load",
        type=_number,
        default=0.0,
        metavar="KG",
        help="a light starting load (default 0)",
    )
    _add_plan_options(plan)
    _add_body(plan)
    _add_json(plan)
    plan.set_defaults(handler=_cmd_plan)

    check = _sub(
        sub,
        "check",
        help_text="decide what to do after a session, with the reasons",
        examples="  backsafe check --example > session.json\n"
        "  backsafe check session.json\n"
        "  cat session.json | backsafe check - --json",
    )
    check.add_argument(
        "file",
        nargs="?",
        help="a JSON file with report, dose and context; - for stdin",
    )
    check.add_argument(
        "--example",
        action="store_true",
        help="print an example file and exit",
    )
    _add_json(check)
    check.set_defaults(handler=_cmd_check)
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
    return 0


def _option_message(exc: InvalidInputError, args: argparse.Namespace) -> str:
    """Name the option (``--load``) rather than the field (``load_kg``)."""
    message = str(exc)
    if args.handler is _cmd_check:  # fields of the file, not options
        return message
    field, _, rest = message.partition(" must ")
    option = OPTION_NAMES.get(field)
    return message if option is None or not rest else f"{option} must {rest}"


def _fail(message: str) -> int:
    line = " ".join(message.split())
    sys.stderr.write(f"{PROG}: error: {line}\n")
    return EXIT_USAGE
