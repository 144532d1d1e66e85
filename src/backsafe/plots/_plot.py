"""Plots of spinal load, exercise comparisons and progressions.

matplotlib is an optional extra (``pip install 'backsafe[plot]'``), imported
only when a plot is drawn.
"""

import contextlib
import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from backsafe.coaching._doses import Change
from backsafe.coaching._progression import Progression, Step
from backsafe.display._html import LEVEL_COLOURS
from backsafe.exceptions import InvalidInputError, MissingExtraError
from backsafe.exercises._exercise import Exercise, TrainingMode
from backsafe.exercises._scoring import exercise_posture
from backsafe.spine._model import spinal_load
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    Posture,
    TorsoLean,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Quantity = Literal["compression", "shear"]

#: Leans the lean curve is evaluated at, in degrees.
LEANS_DEG: Final = tuple(float(d) for d in range(91))

BAND_LABELS: Final = {
    "low": "below the action limit",
    "elevated": "above the action limit",
    "high": "above the maximum permissible limit",
}


def _pyplot() -> Any:
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as exc:  # pragma: no cover - needs no matplotlib
        raise MissingExtraError(
            "backsafe's plots", "matplotlib", "plot"
        ) from exc


def _axes(ax: "Axes | None") -> "Axes":
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=(7, 4.5), layout="constrained")
    return new  # type: ignore[no-any-return]


def _check_options(limits: object, ax: object) -> None:
    """Check the *limits* and *ax* every plot takes, before drawing."""
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    if ax is None:
        return
    axes = importlib.import_module("matplotlib.axes")
    if not isinstance(ax, axes.Axes):
        raise InvalidInputError.out_of_range(
            "ax", ax, "None or matplotlib Axes"
        )


@contextlib.contextmanager
def _closing_on_error(ax: object) -> Iterator[None]:
    """Close the figure a failed plot opened, so none is left behind."""
    plt = _pyplot() if ax is None else None
    before = set(plt.get_fignums()) if plt is not None else set()
    try:
        yield
    except BaseException:
        if plt is not None:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)
        raise


def _limits_for(limits: Limits, quantity: Quantity) -> tuple[float, float]:
    if quantity == "compression":
        return limits.compression_action_n, limits.compression_maximum_n
    return limits.shear_action_n, limits.shear_maximum_n


def _value(load: SpinalLoad, quantity: Quantity) -> float:
    return load.compression_n if quantity == "compression" else load.shear_n


def draw_bands(
    ax: "Axes",
    limits: Limits,
    *,
    quantity: Quantity = "compression",
    top: float,
    vertical: bool = False,
) -> None:
    """Shade the low, elevated and high zones of *quantity*."""
    action, maximum = _limits_for(limits, quantity)
    edges = (0.0, action, maximum, max(top, maximum * 1.15))
    span = ax.axvspan if vertical else ax.axhspan
    for (level, label), low, high in zip(
        BAND_LABELS.items(), edges, edges[1:], strict=False
    ):
        span(
            low,
            high,
            color=LEVEL_COLOURS[level],
            alpha=0.12,
            label=f"{label} ({low:,.0f}-{high:,.0f} N)"
            if level != "high"
            else f"{label} (>= {low:,.0f} N)",
            zorder=0,
        )
    if vertical:
        ax.set_xlim(0, edges[-1])
    else:
        ax.set_ylim(0, edges[-1])


def plot_lean(
    subject: Exercise | Posture,
    body: Body,
    *,
    load_kg: float = 0.0,
    quantity: Quantity = "compression",
    limits: Limits = DEFAULT_LIMITS,
    ax: "Axes | None" = None,
) -> "Axes":
    """Plot spinal load against torso lean, with the limit bands.

    The curve is the static model's load from upright (0°) to horizontal
    (90°) for the same support and load. For an exercise, its typical lean
    range is shaded, so you can see how much leaning forward costs.

    Args:
        subject: An exercise (scored with *load_kg*) or a posture.
        body: Whose spine.
        load_kg: External load for an exercise; ignored for a posture.
        quantity: ``"compression"`` (default) or ``"shear"``.
        limits: The limits drawn as bands.
        ax: Draw on these axes; a new figure if not given.

    Returns:
        The matplotlib axes.

    Raises:
        InvalidInputError: Bad subject, load or quantity.
        MissingExtraError: matplotlib is not installed (an ImportError).

    >>> ax = plot_lean(Posture(lean=TorsoLean(degrees=0)), Body(
    ...     mass_kg=80, height_m=1.78))
    >>> ax.get_xlabel()
    'Torso lean from vertical (°)'

    .. versionadded:: 0.1.0
    """
    _check_quantity(quantity)
    _check_options(limits, ax)
    if isinstance(subject, Exercise):
        posture = exercise_posture(subject, load_kg=load_kg)
        title = subject.name + (f", {load_kg:g} kg" if load_kg else "")
    elif isinstance(subject, Posture):
        posture = subject
        title = "Posture" + (
            f", {posture.load_kg:g} kg" if posture.is_loaded else ""
        )
    else:
        raise InvalidInputError.out_of_range(
            "subject", subject, "an Exercise or a Posture"
        )
    values = [
        _value(
            spinal_load(
                attrs.evolve(posture, lean=TorsoLean(degrees=lean)),
                body,
                limits=limits,
            ),
            quantity,
        )
        for lean in LEANS_DEG
    ]
    with _closing_on_error(ax):
        return _draw_lean(
            subject,
            values,
            title=title,
            quantity=quantity,
            limits=limits,
            ax=_axes(ax),
        )


def _draw_lean(
    subject: Exercise | Posture,
    values: list[float],
    *,
    title: str,
    quantity: Quantity,
    limits: Limits,
    ax: "Axes",
) -> "Axes":
    draw_bands(ax, limits, quantity=quantity, top=max(values) * 1.1)
    if isinstance(subject, Exercise):
        ax.axvspan(
            subject.lean_min.degrees,
            subject.lean_max.degrees,
            color="#555",
            alpha=0.15,
            label="typical lean of the exercise",
        )
    ax.plot(LEANS_DEG, values, color="#222", linewidth=2, label=quantity)
    ax.set_xlim(0, 90)
    ax.set_xlabel("Torso lean from vertical (°)")
    ax.set_ylabel(f"L4/L5 {quantity} (N)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_exercises(
    entries: Iterable[Any],
    body: Body,
    *,
    quantity: Quantity = "compression",
    limits: Limits = DEFAULT_LIMITS,
    ax: "Axes | None" = None,
) -> "Axes":
    """Compare exercises' spinal load as bars, with the limit bands.

    Give each exercise the load that makes the leg work equal (the
    catalog's ``equivalent_load``, or the entries of ``alternatives``), so
    the bars differ only in what the spine carries.

    Args:
        entries: ``(exercise, load_kg)`` pairs, or objects with
            ``exercise`` and ``load_kg`` attributes (such as alternatives).
        body: Whose spine.
        quantity: ``"compression"`` (default) or ``"shear"``.
        limits: The limits drawn as bands.
        ax: Draw on these axes; a new figure if not given.

    Returns:
        The matplotlib axes.

    Raises:
        InvalidInputError: No entries, or a bad entry.
        MissingExtraError: matplotlib is not installed (an ImportError).

    .. versionadded:: 0.1.0
    """
    _check_quantity(quantity)
    _check_options(limits, ax)
    if isinstance(entries, str | bytes) or not isinstance(entries, Iterable):
        raise InvalidInputError.out_of_range(
            "entries", entries, "an iterable of (exercise, load_kg) pairs"
        )
    pairs = [_pair(entry) for entry in entries]
    if not pairs:
        raise InvalidInputError.out_of_range(
            "entries", pairs, "at least one (exercise, load_kg) pair"
        )
    loads = [
        spinal_load(exercise_posture(ex, load_kg=kg), body, limits=limits)
        for ex, kg in pairs
    ]
    values = [_value(load, quantity) for load in loads]
    labels = [f"{ex.name} ({kg:g} kg)" if kg else ex.name for ex, kg in pairs]
    with _closing_on_error(ax):
        return _draw_bars(
            loads,
            values,
            labels=labels,
            quantity=quantity,
            limits=limits,
            ax=_axes(ax),
        )


def _draw_bars(
    loads: list[SpinalLoad],
    values: list[float],
    *,
    labels: list[str],
    quantity: Quantity,
    limits: Limits,
    ax: "Axes",
) -> "Axes":
    draw_bands(
        ax, limits, quantity=quantity, top=max(values) * 1.1, vertical=True
    )
    positions = list(range(len(labels)))
    ax.barh(
        positions,
        values,
        color=[LEVEL_COLOURS[_level(load, quantity)] for load in loads],
        edgecolor="#222",
    )
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel(f"L4/L5 {quantity} (N)")
    ax.set_title("At equal leg work")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_progression(
    progression: Progression,
    *,
    limits: Limits = DEFAULT_LIMITS,
    ax: "Axes | None" = None,
) -> "Axes":
    """Plot a progression's spinal load and, on its own panel, its dose.

    Each step's estimated L4/L5 compression is a step line on the main
    axes, over the limit bands; the dose (the reps per session or per day,
    or the hold) is a step line on a separate panel below, where the
    planned easy weeks are shaded and labelled. The first step and every
    switch of exercise are labelled with the exercise and its load, and
    every load change with the new load; the labels are moved apart so
    that they do not overlap.

    Args:
        progression: A plan from `generate_progression`.
        limits: The limits drawn as bands.
        ax: Draw the load on these axes (the dose panel goes below them);
            a new figure if not given.

    Returns:
        The matplotlib axes of the load (the dose is on the other panel).

    Raises:
        InvalidInputError: *progression* is not a `Progression`.
        MissingExtraError: matplotlib is not installed (an ImportError).

    .. versionadded:: 0.1.0
    """
    if not isinstance(progression, Progression):
        raise InvalidInputError.out_of_range(
            "progression", progression, "a Progression"
        )
    _check_options(limits, ax)
    with _closing_on_error(ax):
        return _draw_progression(progression, limits, ax)


def _draw_progression(
    progression: Progression, limits: Limits, ax: "Axes | None"
) -> "Axes":
    steps = progression.steps
    weeks = [(step.starts_on - progression.start).days / 7 for step in steps]
    label, doses = _dose_series(steps)
    # Close the last step at the end of the plan.
    end = (progression.end - progression.start).days / 7
    ax, panel = _plot_series(
        [*weeks, end],
        [*doses, doses[-1]],
        [*(s.compression_n for s in steps), steps[-1].compression_n],
        dose_label=label,
        title=f"Progression: {progression.exercise}"
        f" ({progression.mode.value}, {progression.phase.value})",
        limits=limits,
        ax=ax,
    )
    _mark_easy_weeks(panel, [*weeks, end], steps)
    notes = []
    for week, step in zip(weeks, steps, strict=True):
        note = _note(step)
        if note:
            right = week > end / 2
            notes.append(
                ax.annotate(
                    note,
                    (week, step.compression_n),
                    textcoords="offset points",
                    xytext=(-4 if right else 4, 8),
                    ha="right" if right else "left",
                    fontsize="small",
                    bbox={
                        "boxstyle": "round,pad=0.2",
                        "fc": "white",
                        "ec": "none",
                        "alpha": 0.8,
                    },
                )
            )
    _spread(ax, notes)
    return ax


def _mark_easy_weeks(
    panel: "Axes", edges: Sequence[float], steps: Sequence[Step]
) -> None:
    """Shade and label each planned easy week on the dose panel."""
    for n, step in enumerate(steps):
        if step.change is not Change.DELOAD:
            continue
        low, high = edges[n], edges[n + 1]
        panel.axvspan(low, high, color="#999", alpha=0.25, zorder=0)
        panel.text(
            (low + high) / 2,
            0.95,
            "easy week",
            transform=panel.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize="small",
        )


def _spread(ax: "Axes", notes: Sequence[Any]) -> None:
    """Move labels up, in order, until none overlaps one before it."""
    figure: Any = ax.figure
    get_renderer = getattr(figure.canvas, "get_renderer", None)
    if get_renderer is None or not notes:  # pragma: no cover - other backends
        return
    figure.draw_without_rendering()
    renderer = get_renderer()
    placed: list[Any] = []
    for note in notes:
        box = note.get_window_extent(renderer)
        # Each move puts the label above the one it hit, so this ends.
        while clash := next((b for b in placed if b.overlaps(box)), None):
            x, y = note.xyann
            note.xyann = (x, y + (clash.y1 - box.y0 + 2) * 72 / figure.dpi)
            box = note.get_window_extent(renderer)
        placed.append(box)


def _note(step: Step) -> str:
    """Label a step that changes the exercise or the load."""
    load = f"{step.dose.load_kg:g} kg" if step.dose.load_kg else ""
    if step.change is None or step.change is Change.EXERCISE:
        return " ".join(part for part in (step.dose.exercise, load) if part)
    if step.change is Change.LOAD:
        return load
    return ""


def _dose_series(steps: Sequence[Step]) -> tuple[str, list[float]]:
    mode = steps[0].dose.mode
    if mode is TrainingMode.STRETCH:
        return "Hold (s)", [s.dose.hold_s for s in steps]
    if mode is TrainingMode.ISO_HOLDS:
        return "Reps per session", [float(sum(s.dose.pyramid)) for s in steps]
    if mode is TrainingMode.HOME_REPS:
        return "Reps per day", [
            float(s.dose.reps * s.dose.sets * s.dose.sessions_per_day)
            for s in steps
        ]
    return "Reps per session", [
        float(s.dose.sets * s.dose.reps) for s in steps
    ]


def plot_series(
    weeks: Sequence[float],
    doses: Sequence[float],
    compression_n: Sequence[float],
    *,
    dose_label: str,
    title: str,
    limits: Limits = DEFAULT_LIMITS,
    ax: "Axes | None" = None,
) -> "Axes":
    """Plot the compression over time, and the dose on a panel below."""
    return _plot_series(
        weeks,
        doses,
        compression_n,
        dose_label=dose_label,
        title=title,
        limits=limits,
        ax=ax,
    )[0]


def _plot_series(
    weeks: Sequence[float],
    doses: Sequence[float],
    compression_n: Sequence[float],
    *,
    dose_label: str,
    title: str,
    limits: Limits,
    ax: "Axes | None",
) -> tuple["Axes", "Axes"]:
    if not (len(weeks) == len(doses) == len(compression_n)) or not weeks:
        raise InvalidInputError.out_of_range(
            "weeks, doses, compression_n",
            (len(weeks), len(doses), len(compression_n)),
            "sequences of the same, non-zero length",
        )
    if ax is None:
        _, (ax, panel) = _pyplot().subplots(
            2,
            1,
            sharex=True,
            figsize=(7, 6),
            height_ratios=(3, 1.4),
            layout="constrained",
        )
    else:  # the dose panel goes below the given axes
        panel = ax.inset_axes((0.0, -0.62, 1.0, 0.38), sharex=ax)
    draw_bands(ax, limits, top=max(compression_n) * 1.1)
    ax.plot(
        weeks,
        compression_n,
        color="#222",
        marker="o",
        drawstyle="steps-post",
        linewidth=2,
        label="L4/L5 compression",
    )
    ax.set_ylabel("L4/L5 compression (N)")
    ax.set_title(title)
    ax.set_xlabel("Weeks from the start")
    ax.tick_params(labelbottom=True)
    panel.step(
        weeks,
        doses,
        where="post",
        color="#2166ac",
        linewidth=2,
        label=dose_label,
    )
    panel.set_ylabel(dose_label, color="#2166ac")
    panel.set_ylim(0, max(max(doses) * 1.3, 1.0))
    panel.set_xlabel("Weeks from the start")
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    return ax, panel


def _level(load: SpinalLoad, quantity: Quantity) -> str:
    level = (
        load.compression_level
        if quantity == "compression"
        else load.shear_level
    )
    return level.value


def _pair(entry: object) -> tuple[Exercise, float]:
    if isinstance(entry, tuple) and len(entry) == 2:  # noqa: PLR2004
        exercise, load_kg = entry
    else:
        exercise = getattr(entry, "exercise", None)
        load_kg = getattr(entry, "load_kg", None)
    if not isinstance(exercise, Exercise) or isinstance(load_kg, bool):
        raise InvalidInputError.out_of_range(
            "entries", entry, "(exercise, load_kg) pairs"
        )
    if not isinstance(load_kg, int | float):
        raise InvalidInputError.out_of_range(
            "entries", entry, "(exercise, load_kg) pairs"
        )
    return exercise, float(load_kg)


def _check_quantity(quantity: object) -> None:
    if not isinstance(quantity, str) or quantity not in {
        "compression",
        "shear",
    }:
        raise InvalidInputError.out_of_range(
            "quantity", quantity, "'compression' or 'shear'"
        )
