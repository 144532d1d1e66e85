"""The composite lifting index of a job of several lifting tasks.

The multi-task procedure of the Applications Manual for the Revised NIOSH
Lifting Equation (NIOSH Publication 94-110, revised 2021, section 2.4,
pp. 26-28): for each task the frequency-independent limit FIRWL (FM = 1),
the single-task limit STRWL = FIRWL x FM, the indices FILI = maximum load /
FIRWL and STLI = average load / STRWL; then, with the tasks renumbered by
decreasing STLI,

    CLI = STLI_1 + sum over k >= 2 of
          FILI_k x (1 / FM(F_1 + ... + F_k) - 1 / FM(F_1 + ... + F_k-1))

where each FM comes from Table 5 for the summed frequency (p. 28).
"""

from collections.abc import Sequence
from typing import Any, Final, final

import attrs

from backsafe import _validation as v
from backsafe.daily._lifting import LiftingTask, task_analysis
from backsafe.daily._multipliers import (
    LiftingDuration,
    coerce_member,
    frequency_multiplier,
    is_low,
    max_frequency,
    unit_system,
)
from backsafe.exceptions import InvalidInputError

#: The most tasks one job may list.
MAX_TASKS: Final = 100

#: A limit or an index: finite and not negative.
_AMOUNT = v.real(0.0, 1e9)


def _increments(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    """A tuple of finite numbers (an increment may be negative)."""
    name = v.field_name(instance, attribute)
    if not isinstance(value, tuple):
        raise InvalidInputError.out_of_range(
            name, value, "a tuple of finite numbers"
        )
    for index, item in enumerate(value):
        v.check_real(f"{name}[{index}]", item, min_value=-1e9, max_value=1e9)


@final
@attrs.frozen(kw_only=True)
class TaskIndices:
    """One task's limits and indices in a multi-task job (pp. 26-27).

    Attributes:
        task: The task.
        position: Its place in the list given, from 0.
        frequency_independent_limit: FIRWL, the limit with FM = 1, at the
            lower end when the destination needs significant control.
        frequency_multiplier: FM for the task's own frequency.
        single_task_limit: STRWL = FIRWL x FM.
        frequency_independent_index: FILI = maximum load / FIRWL.
        single_task_index: STLI = load / STRWL.

    .. versionadded:: 0.1.0
    """

    task: LiftingTask = attrs.field(
        validator=v.instance_of(LiftingTask, "a LiftingTask")
    )
    position: int = attrs.field(validator=v.integer(0, MAX_TASKS - 1))
    frequency_independent_limit: float = attrs.field(validator=_AMOUNT)
    frequency_multiplier: float = attrs.field(validator=v.real(0.0, 1.0))
    single_task_limit: float = attrs.field(validator=_AMOUNT)
    frequency_independent_index: float = attrs.field(validator=_AMOUNT)
    single_task_index: float = attrs.field(validator=_AMOUNT)


@final
@attrs.frozen(kw_only=True)
class CompositeLiftingIndex:
    """The composite lifting index of a job (manual pp. 27-28).

    Attributes:
        value: The CLI.
        duration: The job's duration category.
        tasks: The tasks' indices, renumbered as the manual does: by
            decreasing STLI, the more frequent task first on a tie.
        increments: The incremental indices, one for each task after the
            first, in that order; `value` is the first task's STLI plus
            their sum.

    .. versionadded:: 0.1.0
    """

    value: float = attrs.field(validator=_AMOUNT)
    duration: LiftingDuration = attrs.field(
        validator=v.member(LiftingDuration)
    )
    tasks: tuple[TaskIndices, ...] = attrs.field(
        validator=v.tuple_of(TaskIndices, "TaskIndices")
    )
    increments: tuple[float, ...] = attrs.field(validator=_increments)

    @property
    def largest_single_task_index(self) -> float:
        """The largest STLI, where the CLI starts."""
        return self.tasks[0].single_task_index


def composite_lifting_index(
    tasks: Sequence[LiftingTask], *, duration: LiftingDuration | str
) -> CompositeLiftingIndex:
    """The composite lifting index of a job of several lifting tasks.

    Each task's frequency must fit its own Table 5 column, and the summed
    frequencies must fit the column used for them: the manual gives no
    multiplier above it. The manual does not say which task's V picks the
    column for a sum of frequencies; backsafe takes the lower-V column
    (the smaller FM) when any task in the sum starts below 75 cm (30 in).

    Args:
        tasks: One to 100 `LiftingTask`, all in the same units.
        duration: The job's `LiftingDuration` or its value.

    Raises:
        InvalidInputError: No tasks, mixed units, an unknown duration, or
            a frequency (or sum of frequencies) above Table 5's range.

    >>> from backsafe.daily._composite import composite_lifting_index
    >>> from backsafe.daily._lifting import LiftingTask
    >>> one = LiftingTask(
    ...     horizontal_origin=25, vertical_origin=75,
    ...     horizontal_destination=25, vertical_destination=100,
    ...     frequency=1, coupling="good", load=10,
    ... )
    >>> two = LiftingTask(
    ...     horizontal_origin=50, vertical_origin=75,
    ...     horizontal_destination=50, vertical_destination=100,
    ...     frequency=1, coupling="good", load=10,
    ... )
    >>> job = composite_lifting_index([one, two], duration="short")
    >>> [t.position for t in job.tasks]
    [1, 0]
    >>> job.value > job.largest_single_task_index
    True

    .. versionadded:: 0.1.0
    """
    items = _tasks(tasks)
    dur = coerce_member("duration", duration, LiftingDuration)
    indices = sorted(
        (_indices(task, i, dur) for i, task in enumerate(items)),
        key=lambda x: (
            -x.single_task_index,
            -x.task.frequency,
            x.position,
        ),
    )
    s = unit_system(items[0].units)
    first = indices[0]
    total_f = first.task.frequency
    low = is_low(s, first.task.vertical_origin)
    previous = 1.0 / first.frequency_multiplier
    increments: list[float] = []
    for k, item in enumerate(indices[1:], start=2):
        total_f += item.task.frequency
        low = low or is_low(s, item.task.vertical_origin)
        limit = max_frequency(dur, low=low)
        if total_f > limit:
            where = "below" if low else "at or above"
            raise InvalidInputError.out_of_range(
                "tasks",
                total_f,
                f"a combined frequency of tasks 1 to {k} (by decreasing"
                f" STLI) of at most {limit:g} lifts/min for a {dur.value}"
                f" duration with hands {where} {s.v_optimum:g} {s.length}"
                " at the origin (NIOSH 94-110, Table 5)",
            )
        current = 1.0 / frequency_multiplier(dur, low=low, frequency=total_f)
        increments.append(
            item.frequency_independent_index * (current - previous)
        )
        previous = current
    return CompositeLiftingIndex(
        value=first.single_task_index + sum(increments),
        duration=dur,
        tasks=tuple(indices),
        increments=tuple(increments),
    )


def _tasks(tasks: object) -> tuple[LiftingTask, ...]:
    if (
        not isinstance(tasks, Sequence)
        or isinstance(tasks, str)
        or not 1 <= len(tasks) <= MAX_TASKS
        or not all(isinstance(task, LiftingTask) for task in tasks)
    ):
        raise InvalidInputError.out_of_range(
            "tasks",
            tasks,
            f"a sequence of 1 to {MAX_TASKS} LiftingTask",
        )
    units = {task.units for task in tasks}
    if len(units) > 1:
        raise InvalidInputError.out_of_range(
            "tasks", sorted(units), "tasks all in the same units"
        )
    return tuple(tasks)


def _indices(
    task: LiftingTask, position: int, duration: LiftingDuration
) -> TaskIndices:
    analysis = task_analysis(task, duration)
    ends = [analysis.origin]
    if analysis.destination is not None:
        ends.append(analysis.destination)
    firwl = min(end.frequency_independent_limit for end in ends)
    fm = analysis.origin.frequency_multiplier
    strwl = firwl * fm
    return TaskIndices(
        task=task,
        position=position,
        frequency_independent_limit=firwl,
        frequency_multiplier=fm,
        single_task_limit=strwl,
        frequency_independent_index=task.heaviest_load / firwl,
        single_task_index=task.load / strwl,
    )
