"""Scoring everyday tasks, and swaps: the same task with less load.

`score_task` scores every way of a task with the spine model
(`backsafe.spinal_load`, one call per posture at the way's hardest point)
and, where the way is a lift, with the revised NIOSH lifting equation.
`task_swaps` answers "how do I do this with less load on my back?": the
other ways of the same task that the model grades and scores lower,
ranked by compression, each with its reason in plain words.
"""

from collections.abc import Iterable
from typing import Final, Self, final

import attrs

from backsafe import _validation as v
from backsafe.daily._lifting import LiftAnalysis, task_analysis
from backsafe.daily._tasks import DailyTask, TaskCollection, TaskWay
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._model import spinal_load
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    Posture,
    StressLevel,
)

#: Slack for float noise when comparing forces.
_EPSILON: Final = 1e-9
#: The largest share of load a way can save.
_MAX_SHARE: Final = 1.0


def is_graded(load: SpinalLoad) -> bool:
    """Return whether the model computed *load* in full.

    The one rule of `SpinalLoad.is_graded`: the level is not
    ``"ungraded"``. The model marks a result ungraded where it lacks a
    term (a supported posture with a load off the trunk and no submodel,
    or hanging); a supported result it grades carries its support's
    baseline tone and its evidence grade. Ungraded numbers are shown,
    never ranked. Read by value, so a result from the wire counts too.
    """
    level = str(getattr(load.level, "value", load.level))
    return level != StressLevel.UNGRADED.value


@final
@attrs.frozen(kw_only=True)
class WayScore:
    """One way of a task, scored.

    Attributes:
        way: The way's slug.
        name: The way's name.
        loads: The spinal load of each posture of the way, in order.
        peak: The highest of them (by compression): the way's score.
        graded: Whether the number can be ranked: the way is graded in
            the data and the model computed every posture in full.
        lift: The lifting equation's analysis, when the way is a lift.

    .. versionadded:: 0.1.0
    """

    way: str = attrs.field(validator=v.slug())
    name: str = attrs.field(validator=v.text(max_length=80))
    loads: tuple[SpinalLoad, ...] = attrs.field(
        validator=v.tuple_of(SpinalLoad, "SpinalLoad")
    )
    peak: SpinalLoad = attrs.field(
        validator=v.instance_of(SpinalLoad, "a SpinalLoad")
    )
    graded: bool = attrs.field(validator=v.instance_of(bool, "a bool"))
    lift: LiftAnalysis | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            v.instance_of(LiftAnalysis, "a LiftAnalysis")
        ),
    )

    @property
    def compression_n(self) -> float:
        """The peak compression, N."""
        return self.peak.compression_n

    @property
    def lifting_index(self) -> float | None:
        """The lifting index, when the way is a lift."""
        return None if self.lift is None else self.lift.lifting_index


@final
@attrs.frozen(kw_only=True)
class TaskScore:
    """Every way of a task, scored for one body and one load.

    Attributes:
        task: The task's slug.
        name: The task's name.
        body: Whose spine.
        load_kg: The load the task was scored with, kg.
        usual: The slug of the usual way.
        friendlier: The slug of the back-friendlier way.
        ways: The scores, in the task's order of ways.

    >>> from backsafe import Body, score_task
    >>> result = score_task("tie-shoes", Body(mass_kg=80, height_m=1.78))
    >>> usual, easier = result.usual_score, result.friendlier_score
    >>> easier.compression_n < usual.compression_n
    True

    .. versionadded:: 0.1.0
    """

    task: str = attrs.field(validator=v.slug())
    name: str = attrs.field(validator=v.text(max_length=80))
    body: Body = attrs.field(validator=v.instance_of(Body, "a Body"))
    load_kg: float = attrs.field(
        validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    usual: str = attrs.field(validator=v.slug())
    friendlier: str = attrs.field(validator=v.slug())
    ways: tuple[WayScore, ...] = attrs.field(
        validator=v.tuple_of(WayScore, "WayScore")
    )

    def __repr__(self) -> str:
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.task_score_repr(self)

    def _repr_html_(self) -> str:
        """Show the ways and their scores as a table in notebooks."""
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.task_score_html(self)

    def way(self, slug: str) -> WayScore:
        """Return the score of the way *slug*.

        Raises:
            InvalidInputError: No way of the task has that slug.
        """
        for way in self.ways:
            if way.way == slug:
                return way
        known = ", ".join(repr(w.way) for w in self.ways)
        raise InvalidInputError.out_of_range(
            "way", slug, f"a way of {self.task!r}: one of {known}"
        )

    @property
    def usual_score(self) -> WayScore:
        """The score of the usual way."""
        return self.way(self.usual)

    @property
    def friendlier_score(self) -> WayScore:
        """The score of the back-friendlier way."""
        return self.way(self.friendlier)

    @property
    def relative_reduction(self) -> float:
        """How much less compression the friendlier way has, 0-1."""
        before = self.usual_score.compression_n
        after = self.friendlier_score.compression_n
        if before <= 0:
            return 0.0
        return min(max((before - after) / before, 0.0), _MAX_SHARE)


@final
@attrs.frozen(kw_only=True)
class TaskSwap:
    """A back-friendlier way of the same task.

    Attributes:
        task: The task's slug.
        way: The way to switch to, scored.
        instead_of: The slug of the way it replaces.
        compression_reduction_n: How much less peak compression, N.
        relative_reduction: The same as a share of the original's, 0-1.
        reason: Why, in plain words, with the model's numbers.
        cues: How to do it.

    .. versionadded:: 0.1.0
    """

    task: str = attrs.field(validator=v.slug())
    way: WayScore = attrs.field(
        validator=v.instance_of(WayScore, "a WayScore")
    )
    instead_of: str = attrs.field(validator=v.slug())
    compression_reduction_n: float = attrs.field(
        validator=v.real(0.0, 1_000_000.0, unit="N")
    )
    relative_reduction: float = attrs.field(validator=v.real(0.0, 1.0))
    reason: str = attrs.field(validator=v.text(max_length=1000))
    cues: tuple[str, ...] = attrs.field(
        validator=v.texts(max_length=200, max_items=8)
    )


class TaskSwapList(tuple[TaskSwap, ...]):
    """Swaps for a task, lowest spinal load first.

    A plain tuple that also shows as a table in notebooks.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __new__(cls, iterable: Iterable[TaskSwap] = (), /) -> Self:
        """Refuse anything but `TaskSwap` items."""
        items = v.check_items("TaskSwapList", iterable, TaskSwap)
        return super().__new__(cls, items)

    def _repr_html_(self) -> str:
        """Show the swaps as a table in notebooks."""
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.task_swaps_html(self)


# --- Scoring -----------------------------------------------------------------


def score_task(
    task: DailyTask | str,
    body: Body,
    *,
    load_kg: float | None = None,
    tasks: TaskCollection | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> TaskScore:
    """Score every way of an everyday task for *body*.

    Each way scores as the hardest of its postures (the highest L4/L5
    compression from `backsafe.spinal_load`); a way that is a lift is
    also judged by the revised NIOSH lifting equation.

    Args:
        task: A `DailyTask`, or the slug of a task in *tasks*.
        body: Whose spine.
        load_kg: The mass of what is lifted or carried, kg; the task's
            own `DailyTask.load_kg` if not given. Every posture's load,
            and the lift's, is scaled to it. Only for tasks with a load.
        tasks: Where a slug is looked up; the built-in `backsafe.tasks`
            if not given.
        limits: What the spinal loads are graded against.

    Returns:
        The scores of the ways, in the task's order.

    Raises:
        InvalidInputError: An unknown slug, a bad body or load, or a load
            for a task that has none.

    >>> from backsafe import Body, score_task
    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> box = score_task("lift-box-from-floor", body, load_kg=15)
    >>> [w.way for w in box.ways]
    ['stoop', 'squat-close']
    >>> [round(w.lifting_index, 2) for w in box.ways]
    [1.6, 1.07]

    .. versionadded:: 0.1.0
    """
    found = resolve_task(task, tasks)
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    load = _check_load(found, load_kg)
    return task_score(found, body, load, limits)


def task_score(
    task: DailyTask, body: Body, load_kg: float, limits: Limits
) -> TaskScore:
    """`score_task` of checked arguments."""
    scale = load_kg / task.load_kg if task.load_kg > 0 else 1.0
    return TaskScore(
        task=task.slug,
        name=task.name,
        body=body,
        load_kg=load_kg,
        usual=task.usual,
        friendlier=task.friendlier,
        ways=tuple(_way_score(w, body, scale, limits) for w in task.ways),
    )


def _way_score(
    way: TaskWay, body: Body, scale: float, limits: Limits
) -> WayScore:
    loads = tuple(
        spinal_load(_scaled(p, scale), body, limits=limits)
        for p in way.postures
    )
    peak = max(loads, key=lambda load: load.compression_n)
    lift = None
    if way.lift is not None:
        lifted = attrs.evolve(way.lift, load=way.lift.load * scale)
        lift = task_analysis(lifted, way.lift_duration)
    return WayScore(
        way=way.slug,
        name=way.name,
        loads=loads,
        peak=peak,
        graded=way.graded and all(is_graded(load) for load in loads),
        lift=lift,
    )


def _scaled(posture: Posture, scale: float) -> Posture:
    if scale == 1.0 or not posture.is_loaded:
        return posture
    return attrs.evolve(
        posture, load_kg=min(posture.load_kg * scale, k.MAX_LOAD_KG)
    )


# --- Swaps -------------------------------------------------------------------


def task_swaps(
    task: DailyTask | str,
    body: Body,
    *,
    way: str | None = None,
    load_kg: float | None = None,
    tasks: TaskCollection | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> TaskSwapList:
    """Return back-friendlier ways of the same task, least load first.

    A way is offered only if the model grades it (see `WayScore.graded`)
    and it is nowhere above the way it replaces: less peak compression,
    no more shear, and no higher grade. Nothing ungraded is ranked: a way
    whose benefit the model cannot see is left out, and a way that is
    itself ungraded gets no swaps, as its number is not a fair baseline.

    Args:
        task: A `DailyTask`, or the slug of a task in *tasks*.
        body: Whose spine.
        way: The way done now; the task's usual way if not given.
        load_kg: The load, as for `score_task`.
        tasks: Where a slug is looked up; the built-in `backsafe.tasks`
            if not given.
        limits: What the spinal loads are graded against.

    Returns:
        The swaps, least peak compression first.

    Raises:
        InvalidInputError: An unknown task or way, or a bad argument.

    >>> from backsafe import Body, task_swaps
    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> best = task_swaps("tie-shoes", body)[0]
    >>> best.way.way, f"{best.relative_reduction:.0%}"
    ('sitting', '37%')

    .. versionadded:: 0.1.0
    """
    found = resolve_task(task, tasks)
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    current = found.usual if way is None else found.way(way).slug
    load = _check_load(found, load_kg)
    return swaps_of(task_score(found, body, load, limits), found, current)


def swaps_of(scored: TaskScore, task: DailyTask, current: str) -> TaskSwapList:
    """The swaps for way *current* of a scored task (checked arguments)."""
    before = scored.way(current)
    if not before.graded:
        return TaskSwapList()
    found: list[TaskSwap] = []
    for after in scored.ways:
        if after.way == current or not after.graded:
            continue
        if not _better(after.peak, before.peak):
            continue
        saved = before.compression_n - after.compression_n
        share = saved / before.compression_n if before.compression_n else 0.0
        way = task.way(after.way)
        found.append(
            TaskSwap(
                task=task.slug,
                way=after,
                instead_of=current,
                compression_reduction_n=max(saved, 0.0),
                relative_reduction=min(max(share, 0.0), 1.0),
                reason=_reason(way, task.way(current), before, after, share),
                cues=way.cues,
            )
        )
    found.sort(key=lambda s: (s.way.compression_n, s.way.way))
    return TaskSwapList(found)


def _better(after: SpinalLoad, before: SpinalLoad) -> bool:
    return (
        after.compression_n < before.compression_n - _EPSILON
        and abs(after.shear_n) <= abs(before.shear_n) + _EPSILON
        and after.level <= before.level
    )


def _reason(
    way: TaskWay,
    was: TaskWay,
    before: WayScore,
    after: WayScore,
    share: float,
) -> str:
    """Why *way* is easier than *was*, in plain words and numbers."""
    parts = [way.why] if way.why else []
    lean_before = max(p.lean.degrees for p in was.postures)
    lean_after = max(p.lean.degrees for p in way.postures)
    if lean_after < lean_before - 1:
        parts.append(
            f"The trunk leans about {lean_after:.0f}° instead of"
            f" {lean_before:.0f}°."
        )
    parts.append(
        f"The model puts the peak at {after.compression_n:,.0f} N at"
        f" {after.peak.joint.value} instead of {before.compression_n:,.0f} N"
        f" ({share:.0%} less)."
    )
    if before.lift is not None and after.lift is not None:
        parts.append(
            f"The lifting index falls from {before.lift.lifting_index:.2f}"
            f" to {after.lift.lifting_index:.2f}."
        )
    return " ".join(parts)


# --- Arguments -------------------------------------------------------------


def resolve_task(task: object, tasks: object) -> DailyTask:
    """The task *task* is or names, in *tasks* or the built-in ones."""
    if isinstance(task, DailyTask):
        return task
    if not isinstance(task, str):
        raise InvalidInputError.out_of_range(
            "task", task, "a DailyTask or a task slug"
        )
    if tasks is None:
        from backsafe.daily._task_io import load_builtin  # noqa: PLC0415

        tasks = load_builtin()
    if not isinstance(tasks, TaskCollection):
        raise InvalidInputError.out_of_range(
            "tasks", tasks, "a TaskCollection"
        )
    return tasks.get(task)


def _check_load(task: DailyTask, load_kg: object) -> float:
    if load_kg is None:
        return task.load_kg
    load = v.check_real(
        "load_kg", load_kg, min_value=0.0, max_value=k.MAX_LOAD_KG, unit="kg"
    )
    if task.load_kg == 0 and load > 0:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            f"0 for {task.slug!r}, which holds no load",
        )
    if task.load_kg > 0 and load == 0:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            f"above 0 for {task.slug!r}, which holds a load",
        )
    return load
