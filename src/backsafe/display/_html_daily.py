"""Notebook display of everyday tasks and the lifting equation.

Like `backsafe.display._html`, whose helpers it uses, it takes what it
shows by duck typing and imports no class of the core.
"""

from collections.abc import Iterable
from typing import Any

from backsafe.display._html import (
    Raw,
    badge,
    compression_text,
    is_graded,
    table,
)
from backsafe.display._shapes import (
    DailyTaskLike,
    TaskScoreLike,
    TaskSwapLike,
    WayLike,
    WayScoreLike,
)


def _way_role(slug: str, usual: str, friendlier: str) -> str:
    if slug == usual:
        return "usual"
    if slug == friendlier:
        return "back-friendlier"
    return ""


def _lean_text(way: WayLike) -> str:
    return ", ".join(f"{p.lean.degrees:g}°" for p in way.postures)


def daily_task_repr(task: DailyTaskLike) -> str:
    """Return a one-line summary of an everyday task."""
    return (
        f"<DailyTask {task.slug!r}: {task.name}, {len(task.ways)} ways;"
        f" usual {task.usual!r}, back-friendlier {task.friendlier!r}>"
    )


def daily_task_html(task: DailyTaskLike) -> str:
    """Return an everyday task and its ways as an HTML table."""
    rows = [
        (
            w.slug,
            w.name,
            _way_role(w.slug, task.usual, task.friendlier),
            _lean_text(w),
            "yes" if w.graded else "no",
        )
        for w in task.ways
    ]
    return table(
        rows,
        header=("way", "name", "", "lean", "graded"),
        caption=f"{task.name}: {task.summary}",
    )


def way_compression_text(way: WayScoreLike) -> str:
    """The peak compression of a way, or why it is not ranked."""
    if not way.graded and is_graded(way.peak):
        return f"{way.peak.compression_n:,.0f} N (not graded)"
    return compression_text(way.peak)


def lifting_index_text(way: WayScoreLike) -> str:
    """``"LI 0.71 (RWL 14.1 kg)"``, or ``"-"`` when not a lift."""
    if way.lift is None:
        return "-"
    unit = way.lift.governing.mass_unit
    return f"LI {way.lift.lifting_index:.2f} (RWL {way.lift.limit:.1f} {unit})"


def task_score_repr(score: TaskScoreLike) -> str:
    """Return a one-line summary of a scored task."""
    parts = ", ".join(f"{w.way} {way_compression_text(w)}" for w in score.ways)
    return f"<TaskScore {score.task!r}: {parts}>"


def task_score_html(score: TaskScoreLike) -> str:
    """Return a scored task as a table of its ways."""
    rows = [
        (
            w.name,
            _way_role(w.way, score.usual, score.friendlier),
            way_compression_text(w),
            Raw(badge(w.peak.level)),
            lifting_index_text(w),
        )
        for w in score.ways
    ]
    return table(
        rows,
        header=("way", "", "peak L4/L5", "grade", "lifting equation"),
        caption=score.name,
    )


def task_swaps_html(swaps: Iterable[TaskSwapLike]) -> str:
    """Return task swaps as a table, best first."""
    rows = [
        (
            s.way.name,
            compression_text(s.way.peak),
            Raw(badge(s.way.peak.level)),
            f"{s.relative_reduction:.0%}",
            s.reason,
        )
        for s in swaps
    ]
    return table(
        rows,
        header=("way", "peak L4/L5", "grade", "less", "why"),
        caption="With less load on the back",
    )


def lift_html(rwl: Any) -> str:
    """Return a recommended weight limit as a table of its multipliers.

    *rwl* is read by duck typing: ``multipliers`` (factor -> value),
    ``limit``, ``mass_unit``, ``lifting_index`` and ``limiting_factor``.
    """
    rows: list[tuple[object, ...]] = [
        (factor.symbol, factor, f"{value:.2f}")
        for factor, value in rwl.multipliers.items()
    ]
    rows.append(("RWL", "limit", f"{rwl.limit:.1f} {rwl.mass_unit}"))
    if rwl.lifting_index is not None:
        rows.append(("LI", "lifting index", f"{rwl.lifting_index:.2f}"))
    limiting = rwl.limiting_factor
    caption = "Revised NIOSH lifting equation" + (
        f"; limited most by {limiting.value}" if limiting is not None else ""
    )
    return table(rows, header=("", "factor", "value"), caption=caption)
