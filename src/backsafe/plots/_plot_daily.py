"""The plot of an everyday task's ways side by side.

matplotlib is an optional extra, imported only when a plot is drawn.
"""

from typing import TYPE_CHECKING, Any

from backsafe.display._html import LEVEL_COLOURS
from backsafe.plots._plot import (
    Quantity,
    _axes,
    _check_options,
    _check_quantity,
    _closing_on_error,
    _level,
    _value,
    draw_bands,
)
from backsafe.spine._types import DEFAULT_LIMITS, Body, Limits

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def plot_task(
    task: Any,
    body: Body,
    *,
    load_kg: float | None = None,
    quantity: Quantity = "compression",
    limits: Limits = DEFAULT_LIMITS,
    ax: "Axes | None" = None,
) -> "Axes":
    """Show the ways of an everyday task side by side, with the limit bands.

    Each bar is a way's peak spinal load (`backsafe.score_task`); the usual
    and the back-friendlier ways are marked, and a way the model does not
    grade is drawn hatched and grey.

    Args:
        task: A `DailyTask`, or the slug of a built-in task.
        body: Whose spine.
        load_kg: The load, as for `score_task`.
        quantity: ``"compression"`` (default) or ``"shear"``.
        limits: The limits drawn as bands.
        ax: Draw on these axes; a new figure if not given.

    Returns:
        The matplotlib axes.

    Raises:
        InvalidInputError: An unknown task or a bad argument.
        MissingExtraError: matplotlib is not installed (an ImportError).

    .. versionadded:: 0.1.0
    """
    from backsafe.daily._task_scoring import score_task  # noqa: PLC0415

    _check_quantity(quantity)
    _check_options(limits, ax)
    scored = score_task(task, body, load_kg=load_kg, limits=limits)
    with _closing_on_error(ax):
        return _draw_task(scored, quantity=quantity, limits=limits, ax=ax)


def _draw_task(
    scored: Any, *, quantity: Quantity, limits: Limits, ax: "Axes | None"
) -> "Axes":
    values = [_value(w.peak, quantity) for w in scored.ways]
    labels = []
    for w in scored.ways:
        role = {scored.usual: " (usual)", scored.friendlier: " (friendlier)"}
        labels.append(w.name + role.get(w.way, ""))
    ax = _axes(ax)
    draw_bands(
        ax, limits, quantity=quantity, top=max(values) * 1.1, vertical=True
    )
    positions = list(range(len(values)))
    bars = ax.barh(
        positions,
        values,
        color=[
            LEVEL_COLOURS[_level(w.peak, quantity)] if w.graded else "#999"
            for w in scored.ways
        ],
        edgecolor="#222",
    )
    for bar, w in zip(bars, scored.ways, strict=True):
        if not w.graded:
            bar.set_hatch("//")
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel(f"peak L4/L5 {quantity} (N)")
    ax.set_title(f"{scored.name}: the ways side by side")
    ax.legend(loc="lower right", fontsize="small")
    return ax
