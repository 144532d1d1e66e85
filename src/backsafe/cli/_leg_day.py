"""The main job, ``backsafe`` alone: a back-friendly leg day, first weeks.

It rewrites a usual gym leg day (`LEG_DAY`, or ``--item`` options) into
back-friendlier swaps at the same leg work, and plans each swap.
"""

import argparse
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, Final, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import (
    document,
    dose_text,
    emit_json,
    fill,
    format_table,
    kg,
    units,
)
from backsafe.cli._plan import (
    STOP_LINE,
    WARM_UP_LINE,
    limits_line,
    phase_line,
    progression,
)
from backsafe.coaching._phases import Phase
from backsafe.display._html import (
    UNGRADED,
    compression_text,
    is_graded,
)
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import Body

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


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the main job's options to the top-level *parser*."""
    parser.add_argument(
        "--item",
        type=_item,
        action="append",
        metavar="SLUG:SETSxREPS@KG",
        help="an exercise of your usual leg day, its load in kg (or lb"
        " with --units lb) (repeat; default: back"
        " squat, Romanian deadlift, walking lunge, leg extension, leg curl)",
    )
    parser.add_argument(
        "--weeks",
        type=o.integer,
        default=4,
        help="weeks to show (default 4)",
    )
    o.add_plan_options(parser)
    o.add_body(parser)
    o.add_json(parser)
    parser.set_defaults(handler=run)


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


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Rewrite the usual leg day and plan its first weeks."""
    from backsafe.coaching._caps import max_tier  # noqa: PLC0415
    from backsafe.exercises._workout import WorkoutItem, rewrite_workout  # noqa: PLC0415

    body = o.body(args)
    phase = Phase(args.phase)
    start = o.start(args)
    usual = [
        WorkoutItem(
            exercise=o.exercise(slug), sets=sets, reps=reps, load_kg=load
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
        catalog=o.catalog(),
        balanced=True,
        unit=units.get(),
    )
    # One dose from one source: each plan starts at the rewrite's load
    # (the swap's light start, or the kept load), and both tables show
    # the plan's first dose.
    plans = [
        progression(
            item.exercise,
            body,
            phase=phase,
            mode=None,
            start=start,
            weeks=args.weeks,
            load_kg=item.load_kg if _takes_strength(item, phase) else 0.0,
            sessions_per_week=args.sessions_per_week,
            unit=args.units,
        )
        for item in rewrite.workout.items
    ]
    if args.json:
        emit_json(
            document(phase=phase, body=body, rewrite=rewrite, plans=plans),
            out,
        )
        return
    out.write(
        _leg_day_text(
            rewrite,
            plans,
            body,
            phase,
            args.weeks,
            usual=usual,
            assumed=o.phase_assumed(args),
        )
    )


def _leg_day_text(
    rewrite: Any,
    plans: Sequence[Any],
    body: Body,
    phase: Phase,
    weeks: int,
    *,
    usual: Sequence[Any],
    assumed: bool,
) -> str:
    header = ("exercise", *(f"week {w + 1}" for w in range(weeks)))
    return "\n".join(
        [
            (
                f"Your back-friendly leg day ({phase.value} phase;"
                f" {kg(body.mass_kg)}, {body.height_m:g} m)"
            ),
            fill(phase_line(phase, assumed=assumed)),
            fill(WARM_UP_LINE),
            fill(limits_line(body)),
            "",
            format_table(
                _day_rows(rewrite, plans, body, usual),
                (
                    "usual exercise",
                    "back-friendly swap",
                    "week 1",
                    "load" if phase is Phase.ACUTE else "grow towards",
                    "L4/L5 N",
                    "grade",
                ),
            ),
            "",
            *(
                [
                    fill(
                        "Acute phase: body weight only, whatever your usual"
                        " loads, and no added load until the pain has"
                        " settled into the subacute phase.",
                    ),
                    "",
                ]
                if phase is Phase.ACUTE
                else []
            ),
            *(
                fill(
                    f"- {c.original.exercise.name}: {_in_units(c.reason)}",
                    subsequent_indent="  ",
                )
                for c in rewrite.changes
            ),
            *([""] if rewrite.changes else []),
            fill(
                f"The first {_weeks_text(weeks)}: start light (body weight,"
                " or the lightest load), and take each step only if the"
                " sessions before it felt fine.",
            ),
            "",
            *(
                [format_table(_week_rows(plans, weeks), header), ""]
                if plans
                else []
            ),
            fill(plans[0].steps[0].criteria.summary) if plans else "",
            *_missing_slots(rewrite),
            "Plan one exercise in detail: backsafe plan SLUG.",
            "Your own day: backsafe --item SLUG:SETSxREPS@KG ...",
            "",
            fill(STOP_LINE),
            "",
        ]
    )


def _day_rows(
    rewrite: Any, plans: Sequence[Any], body: Body, usual: Sequence[Any]
) -> list[tuple[object, ...]]:
    """One row per usual exercise: its swap, the plan's first dose, loads.

    The dose and the load after are the plan's week 1, so the swap table
    and the plan agree; "grow towards" is the load for the same leg work.
    """
    from backsafe.exercises._alternatives import equivalent_load  # noqa: PLC0415
    from backsafe.exercises._scoring import score  # noqa: PLC0415
    from backsafe.spine._size_limits import size_scaled_limits  # noqa: PLC0415

    # Graded as the rewrite and the plans grade: this person's limits.
    limits = size_scaled_limits(body)
    changes = {c.index: c for c in rewrite.changes}
    planned = iter(plans)
    rows: list[tuple[object, ...]] = []
    for index, (item, usual_item) in enumerate(
        zip(rewrite.original.items, usual, strict=True)
    ):
        before = score(
            item.exercise, body, load_kg=usual_item.load_kg, limits=limits
        )
        change = changes.get(index)
        new = item if change is None else change.replacement
        plan = None if new is None else next(planned)
        first = None if plan is None else plan.steps[0]
        exercise = None if first is None else o.exercise(first.dose.exercise)
        after = (
            None
            if first is None or exercise is None
            else score(
                exercise, body, load_kg=first.dose.load_kg, limits=limits
            )
        )
        target = (
            0.0
            if new is None
            else item.load_kg
            if change is None
            else equivalent_load(
                item.exercise, item.load_kg, new.exercise, body
            )
        )
        kept = change is None and (
            exercise is None or exercise.slug == item.exercise.slug
        )
        rows.append(
            (
                item.exercise.name,
                "keep" if kept else _swap_name(exercise),
                "-" if first is None else dose_text(first.dose),
                "-" if new is None else _kg_or_body_weight(target),
                _newtons(before)
                if kept
                and first is not None
                and first.dose.load_kg == usual_item.load_kg
                else _compression_change(before, after),
                "-" if after is None else after.level,
            )
        )
    return rows


def _week_rows(plans: Sequence[Any], weeks: int) -> list[tuple[str, ...]]:
    """One row per planned exercise: its dose at the start of each week."""
    rows = []
    for plan in plans:
        cells: list[str] = []
        for week in range(weeks):
            day = plan.start + dt.timedelta(days=7 * week)
            step = plan.step_on(day)
            text = dose_text(step.dose)
            if step.dose.exercise != plan.exercise:
                text = f"{step.dose.exercise} {text}"
            cells.append(text)
        rows.append((o.exercise(plan.exercise).name, *cells))
    return rows


def _weeks_text(weeks: int) -> str:
    """``"4 weeks"``, or ``"week"`` for one."""
    return "week" if weeks == 1 else f"{weeks} weeks"


def _swap_name(exercise: Any) -> str:
    return "-" if exercise is None else str(exercise.name)


#: The parts of a balanced leg day (issue 11), by movement pattern, and
#: what to add when one is missing.
_SLOTS: Final = (
    ("knee-dominant", {"squat", "lunge", "step-up"}, "split-squat"),
    ("hip-dominant or hinge", {"hinge", "bridge"}, "glute-bridge"),
    ("hamstrings", {"knee-flexion"}, "stability-ball-hamstring-curl"),
    (
        "core",
        {"trunk-flexion", "trunk-stability", "trunk-extension"},
        "bird-dog",
    ),
)


def _missing_slots(rewrite: Any) -> list[str]:
    """A line naming the parts of a balanced day the day lacks, if any."""
    patterns = {i.exercise.pattern.value for i in rewrite.workout.items}
    missing = [
        (name, add) for name, members, add in _SLOTS if not patterns & members
    ]
    if not missing:
        return []
    parts = "; ".join(
        f"{name} (for example backsafe plan {add})" for name, add in missing
    )
    return [fill(f"A balanced leg day also has: {parts}.")]


def _takes_strength(item: Any, phase: Phase) -> bool:
    """Whether the plan can start *item* at its load (not acute, loaded)."""
    return phase is not Phase.ACUTE and item.exercise.takes_load


def _in_units(text: str) -> str:
    """A reason with its ``N kg`` loads in the units shown."""
    return re.sub(
        r"(\d+(?:\.\d+)?) kg\b", lambda m: kg(float(m.group(1))), text
    )


def _kg_or_body_weight(load_kg: float) -> str:
    return kg(load_kg) if load_kg else "body weight"


def _newtons(load: SpinalLoad) -> str:
    """``"4,204"``: the column's heading carries the unit, so the cell fits."""
    return compression_text(load).removesuffix(" N")


def _compression_change(before: SpinalLoad, after: SpinalLoad | None) -> str:
    """``"4,204 -> 799"``; an ungraded load is not a number."""
    if after is None:
        return f"{_newtons(before)} -> -"
    if not is_graded(before) and not is_graded(after):
        # Neither is a number: one text.
        return UNGRADED
    return f"{_newtons(before)} -> {_newtons(after)}"
