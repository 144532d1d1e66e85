"""Readable reprs and notebook HTML for backsafe objects.

Plain string formatting only (no third-party imports), so the model
modules can use it without making ``import backsafe`` heavier. The classes
call these from their ``__repr__`` and ``_repr_html_`` methods, with an
import inside the method; the formatters take their object by duck typing
(the protocols of `backsafe.display._shapes`) and import no class of the
core, so no import circle runs through here.
"""

import enum
import html
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from backsafe.display._shapes import (
    AlternativeLike,
    BodyLike,
    DoseLike,
    ExerciseLike,
    LoadLike,
    OutcomeLike,
    ProgressionLike,
    WorkoutItemLike,
    WorkoutLike,
    WorkoutRewriteLike,
)

#: Background colours of the three stress levels (colour-blind safe,
#: readable on light and dark notebook themes).
LEVEL_COLOURS = {
    "low": "#1a9850",
    "elevated": "#e08214",
    "high": "#c51b1b",
    # Decisions, by how cautious they are.
    "progress": "#1a9850",
    "hold": "#4d6a8a",
    "regress": "#e08214",
    "stop-and-refer": "#c51b1b",
}

_STYLE = (
    "border-collapse:collapse;text-align:left;font-variant-numeric:"
    "tabular-nums"
)
_CELL = "padding:2px 10px"


def badge(level: enum.Enum | str) -> str:
    """Return a coloured HTML badge for a stress level."""
    value = level.value if isinstance(level, enum.Enum) else level
    colour = LEVEL_COLOURS.get(str(value), "#666")
    return (
        f'<span style="background:{colour};color:#fff;border-radius:3px;'
        f'padding:0 6px">{html.escape(str(value))}</span>'
    )


def table(
    rows: Iterable[Sequence[object]],
    *,
    header: Sequence[str] | None = None,
    caption: str | None = None,
) -> str:
    """Return an HTML table; cells are escaped unless wrapped in `Raw`."""
    out = [f'<table style="{_STYLE}">']
    if caption:
        out.append(
            '<caption style="text-align:left;font-weight:bold">'
            f"{html.escape(caption)}</caption>"
        )
    if header:
        cells = "".join(
            f'<th style="{_CELL}">{html.escape(h)}</th>' for h in header
        )
        out.append(f"<thead><tr>{cells}</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        cells = "".join(f'<td style="{_CELL}">{cell(c)}</td>' for c in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Raw(str):
    """HTML that `table` must not escape."""

    __slots__ = ()


def cell(value: object) -> str:
    """Format one value for an HTML cell."""
    if isinstance(value, Raw):
        return str(value)
    return html.escape(text(value))


def text(value: object) -> str:  # noqa: PLR0911
    """Format one value as short, readable text."""
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1 else f"{value:,.1f}"
    if isinstance(value, frozenset):
        return ", ".join(sorted(text(v) for v in value)) or "-"
    if isinstance(value, tuple):
        return ", ".join(text(v) for v in value) or "-"
    if attrs.has(type(value)):
        return repr(value)
    return str(value)


# --- SpinalLoad ------------------------------------------------------------

#: What tables show when the model lacks a term of the load
#: (`StressLevel.UNGRADED`): a load on the pelvis or a machine pad with the
#: trunk supported, or hanging.
UNGRADED = "ungraded (not modelled)"


def is_graded(load: LoadLike) -> bool:
    """Return whether the model computed every term of *load*."""
    return str(load.level.value) != "ungraded"


def compression_text(load: LoadLike) -> str:
    """Return the compression as ``"1,234 N"``, or say it is ungraded.

    Every graded result is a number (a supported posture carries its
    muscle tone); only a result with a term the model cannot compute is
    not.

    >>> from backsafe import (Body, LoadPlacement, Posture, Support,
    ...                       TorsoLean, spinal_load)
    >>> body = Body(mass_kg=75, height_m=1.75)
    >>> lying = Posture(lean=TorsoLean(degrees=90), support=Support.SUPINE)
    >>> compression_text(spinal_load(lying, body))
    '79 N'
    >>> barred = Posture(lean=TorsoLean(degrees=90), support=Support.SUPINE,
    ...                  load_kg=20, placement=LoadPlacement.PELVIS)
    >>> compression_text(spinal_load(barred, body))
    'ungraded (not modelled)'
    """
    if not is_graded(load):
        return UNGRADED
    return f"{load.compression_n:,.0f} N"


def band_text(load: LoadLike) -> str:
    """Return the band and the evidence: ``"1,050-1,604 N, estimate"``."""
    return (
        f"{load.compression_low_n:,.0f}-{load.compression_high_n:,.0f} N,"
        f" {load.evidence.value}"
    )


def reduction_text(alternative: AlternativeLike) -> str:
    """Return ``"34%"`` less compression, or ``"-"`` when ungraded."""
    if not is_graded(alternative.spinal_load):
        return "-"
    return f"{alternative.relative_reduction:.0%}"


def spinal_load_repr(load: LoadLike) -> str:
    """Return a one-line summary of a spinal load."""
    counted = "" if is_graded(load) else " counted, a term not modelled"
    return (
        f"<SpinalLoad {load.joint.value} {load.level.value}: "
        f"compression {load.compression_n:.0f} N{counted} "
        f"({load.compression_level.value}; {band_text(load)}), "
        f"shear {load.shear_n:.0f} N ({load.shear_level.value}), "
        f"moment {load.moment_nm:.0f} N·m, {load.method.value} model>"
    )


def spinal_load_html(load: LoadLike) -> str:
    """Return a spinal load as an HTML table with its breakdown."""
    totals = table(
        [
            (
                "compression",
                f"{load.compression_n:,.0f} N",
                Raw(badge(load.compression_level)),
            ),
            (
                "band",
                (
                    f"{load.compression_low_n:,.0f}-"
                    f"{load.compression_high_n:,.0f} N"
                ),
                load.evidence.value,
            ),
            ("shear", f"{load.shear_n:,.0f} N", Raw(badge(load.shear_level))),
            ("moment", f"{load.moment_nm:,.0f} N·m", ""),
        ],
        header=("", "value", "grade"),
        caption=(
            f"Spinal load at {load.joint.value}: {load.level.value}"
            f" ({load.method.value} model"
            + ("" if is_graded(load) else "; a term not modelled")
            + ")"
        ),
    )
    parts = table(
        [
            (
                c.source,
                f"{c.compression_n:,.0f} N",
                f"{c.shear_n:,.0f} N",
                f"{c.moment_nm:,.0f} N·m",
            )
            for c in load.contributions
        ],
        header=("source", "compression", "shear", "moment"),
        caption="Where it comes from",
    )
    return f"<div>{totals}{parts}</div>"


# --- Exercise --------------------------------------------------------------


def exercise_repr(exercise: ExerciseLike) -> str:
    """Return a one-line summary of an exercise."""
    return (
        f"<Exercise {exercise.slug!r}: {exercise.name}, "
        f"{exercise.pattern.value}, {exercise.stance.value}, "
        f"tier {exercise.tier}>"
    )


def exercise_html(exercise: ExerciseLike) -> str:
    """Return an exercise as an HTML table of its main facts."""
    lean = f"{exercise.lean_min.degrees:g}-{exercise.lean_max.degrees:g}°"
    rows: list[tuple[str, object]] = [
        ("slug", exercise.slug),
        ("pattern", exercise.pattern),
        ("stance", exercise.stance),
        ("spinal-demand tier", f"{exercise.tier} of 3"),
        ("trunk lean", lean),
        ("support", exercise.support),
        ("load placement", exercise.placement),
        ("equipment", exercise.equipment),
        ("primary muscles", exercise.primary_muscles),
        ("secondary muscles", exercise.secondary_muscles),
        ("flags", exercise.flags),
        ("easier", exercise.easier),
        ("harder", exercise.harder),
        ("cues", exercise.cues),
        ("cautions", exercise.cautions),
    ]
    return table(
        [(k, v) for k, v in rows if v not in (frozenset(), ())],
        caption=exercise.name,
    )


# --- Catalog query results ------------------------------------------------


def exercises_html(
    exercises: Iterable[ExerciseLike], *, caption: str | None = None
) -> str:
    """Return exercises (a catalog or a filter's result) as one table."""
    found = list(exercises)
    rows = [
        (
            e.slug,
            e.name,
            e.pattern,
            e.stance,
            e.tier,
            f"{e.lean_min.degrees:g}-{e.lean_max.degrees:g}°",
            e.placement,
        )
        for e in found
    ]
    return table(
        rows,
        header=("slug", "name", "pattern", "stance", "tier", "lean", "load"),
        caption=caption or f"{len(found)} exercises",
    )


def alternative_repr(alternative: AlternativeLike) -> str:
    """Return a one-line summary of an alternative."""
    load = alternative.spinal_load
    if not is_graded(load):
        return (
            f"<Alternative {alternative.exercise.slug!r} at"
            f" {alternative.load_kg:g} kg: {load.level.value};"
            " a term of the load not modelled>"
        )
    return (
        f"<Alternative {alternative.exercise.slug!r} at"
        f" {alternative.load_kg:g} kg: {load.compression_n:.0f} N"
        f" ({load.level.value}), {alternative.relative_reduction:.0%} less>"
    )


def alternatives_html(
    alternatives: Iterable[AlternativeLike], *, caption: str | None = None
) -> str:
    """Return alternatives as a table, best first."""
    rows = [
        (
            a.exercise.name,
            f"{a.load_kg:g} kg",
            compression_text(a.spinal_load),
            Raw(badge(a.spinal_load.level)),
            reduction_text(a),
            a.exercise.tier,
        )
        for a in alternatives
    ]
    return table(
        rows,
        header=("exercise", "load", "L4/L5", "grade", "less", "tier"),
        caption=caption or "At the same leg work",
    )


# --- Doses, progressions and decisions -------------------------------------


def describe_dose(dose: DoseLike) -> str:
    """Return a dose in a few words, such as ``"3 x 8 @ 12 kg"``."""
    mode = dose.mode.value
    load = f" @ {dose.load_kg:g} kg" if dose.load_kg else ""
    if mode == "iso-holds":
        reps = "-".join(str(r) for r in dose.pyramid)
        return f"{reps} reps, {dose.hold_s:g} s holds"
    if mode == "stretch":
        return f"{dose.sets} x {dose.hold_s:g} s"
    if mode == "home-reps":
        times = f", {dose.sessions_per_day}x a day"
        sets = f"{dose.sets} x " if dose.sets > 1 else ""
        return f"{sets}{dose.reps} reps{load}{times}"
    return f"{dose.sets} x {dose.reps}{load}"


def progression_repr(progression: ProgressionLike) -> str:
    """Return a one-line summary of a progression."""
    n = len(progression.steps)
    return (
        f"<Progression {progression.exercise!r}: {progression.mode.value},"
        f" {progression.phase.value}, {n} step{'s' if n != 1 else ''}"
        f" from {progression.start} to {progression.end}>"
    )


def progression_html(progression: ProgressionLike) -> str:
    """Return a progression as an HTML table of its steps."""
    rows = [
        (
            step.starts_on,
            step.dose.exercise,
            describe_dose(step.dose),
            step.tier,
            f"{step.compression_n:,.0f} N",
            Raw(badge(step.level)),
            step.change,
        )
        for step in progression.steps
    ]
    caption = (
        f"Progression of {progression.exercise} ({progression.mode.value},"
        f" {progression.phase.value} phase), {progression.start} to"
        f" {progression.end}"
    )
    steps = table(
        rows,
        header=(
            "from",
            "exercise",
            "dose",
            "tier",
            "L4/L5 compression",
            "grade",
            "change",
        ),
        caption=caption,
    )
    first = progression.steps[0].criteria.summary
    return f"<div>{steps}<p>{html.escape(first)}</p></div>"


def outcome_repr(outcome: OutcomeLike) -> str:
    """Return a one-line summary of a decision."""
    codes = ", ".join(r.code.value for r in outcome.reasons)
    after = (
        describe_dose(outcome.dose_after)
        if outcome.dose_after is not None
        else "none"
    )
    urgency = (
        f" ({outcome.urgency.value})"
        if outcome.urgency.value != "none"
        else ""
    )
    return (
        f"<Outcome {outcome.day}: {outcome.decision.value}{urgency}"
        f" [{codes}], next dose: {after}>"
    )


def outcome_html(outcome: OutcomeLike) -> str:
    """Return a decision, its reasons and the next dose as HTML."""
    rows: list[tuple[str, object]] = [
        ("decision", Raw(badge(outcome.decision))),
    ]
    if outcome.urgency.value != "none":
        rows.append(("urgency", outcome.urgency))
    rows.append(("dose", describe_dose(outcome.dose_before)))
    rows.append(
        (
            "next dose",
            describe_dose(outcome.dose_after)
            if outcome.dose_after is not None
            else None,
        )
    )
    if outcome.change is not None:
        rows.append(("change", outcome.change))
    if outcome.advice:
        rows.append(("advice", outcome.advice))
    summary = table(rows, caption=f"Decision for {outcome.day}")
    reasons = "".join(
        f"<li>{html.escape(r.message)} <code>{html.escape(r.code.value)}"
        "</code></li>"
        for r in outcome.reasons
    )
    return f"<div>{summary}<ul>{reasons}</ul></div>"


# --- Anything else ---------------------------------------------------------


def attrs_html(obj: Any, *, caption: str | None = None) -> str:
    """Return any attrs object as a two-column HTML table of its fields."""
    return table(
        [(f.name, getattr(obj, f.name)) for f in attrs.fields(type(obj))],
        caption=caption or type(obj).__name__,
    )


def rows_html(
    objects: Iterable[Any],
    columns: Sequence[str],
    *,
    caption: str | None = None,
) -> str:
    """Return objects as one HTML row each, with the named attributes."""
    return table(
        [[getattr(obj, name) for name in columns] for obj in objects],
        header=[name.replace("_", " ") for name in columns],
        caption=caption,
    )


# --- Bodies and workouts ---------------------------------------------------


def body_html(body: BodyLike) -> str:
    """Return a body as a small HTML table."""
    return table(
        [
            ("mass", f"{body.mass_kg:g} kg"),
            ("height", f"{body.height_m:g} m"),
            ("sex", "not given" if body.sex is None else body.sex.value),
            ("weight", f"{body.weight_n:,.0f} N"),
        ],
        caption="Body",
    )


def _item_dose(item: WorkoutItemLike) -> str:
    load = f" @ {item.load_kg:g} kg" if item.load_kg else ""
    return f"{item.sets} x {item.reps}{load}"


def workout_html(workout: WorkoutLike) -> str:
    """Return a workout as an HTML table of its items."""
    return table(
        [
            (n + 1, item.exercise.name, _item_dose(item), item.exercise.tier)
            for n, item in enumerate(workout.items)
        ],
        header=("#", "exercise", "dose", "tier"),
        caption=workout.name or "Workout",
    )


def workout_rewrite_html(rewrite: WorkoutRewriteLike) -> str:
    """Return a rewrite as a before/after table, then the reasons."""
    changes = {c.index: c for c in rewrite.changes}
    rows = []
    for n, item in enumerate(rewrite.original.items):
        change = changes.get(n)
        new = item if change is None else change.replacement
        rows.append(
            (
                item.exercise.name,
                _item_dose(item),
                "keep" if change is None else change.kind,
                "-" if new is None else new.exercise.name,
                "-" if new is None else _item_dose(new),
                "-"
                if change is None or change.replacement_load is None
                else Raw(badge(change.replacement_load.level)),
            )
        )
    before_after = table(
        rows,
        header=("usual", "dose", "change", "back-friendly", "dose", "grade"),
        caption=(
            f"{rewrite.original.name or 'Workout'}, rewritten to"
            f" {rewrite.max_level.value} or lower"
        ),
    )
    reasons = "".join(
        f"<li>{html.escape(c.original.exercise.name)}:"
        f" {html.escape(c.reason)}</li>"
        for c in rewrite.changes
    )
    tail = f"<ul>{reasons}</ul>" if reasons else "<p>No change needed.</p>"
    return f"<div>{before_after}{tail}</div>"
