"""Everyday tasks as data: the ways of doing a task, and the collection.

A `DailyTask` is an everyday moment that loads the back (tying shoes,
lifting a box from the floor, getting out of bed). It has several
`TaskWay` s of doing it; each way is described by the `Posture` or
postures at its hardest point, so the spine model can score it, and, when
it is a lift, by a `LiftingTask` for the revised NIOSH lifting equation.
One way is the usual one, one the back-friendlier one.

The built-in collection, `backsafe.tasks`, is read from
``daily/_data/tasks.toml`` on first access by `backsafe.daily._task_io`.
"""

import difflib
import functools
from collections.abc import Iterable, Iterator
from typing import Any, Final, final

import attrs

from backsafe import _validation as v
from backsafe.daily._lifting import LiftingTask
from backsafe.daily._multipliers import LiftingDuration
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._types import Posture

#: The most postures one way lists (its hardest moments).
MAX_POSTURES: Final = 5
#: The most ways one task lists.
MAX_WAYS: Final = 8
#: The most tasks a collection holds.
MAX_TASKS: Final = 1000


def _postures(instance: object, attribute: Any, value: object) -> None:
    name = v.field_name(instance, attribute)
    if (
        not isinstance(value, tuple)
        or not 1 <= len(value) <= MAX_POSTURES
        or not all(isinstance(p, Posture) for p in value)
    ):
        raise InvalidInputError.out_of_range(
            name, value, f"a tuple of 1 to {MAX_POSTURES} Posture"
        )


def _optional_lift(instance: object, attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, LiftingTask):
        raise InvalidInputError.out_of_range(
            v.field_name(instance, attribute), value, "a LiftingTask or None"
        )


@final
@attrs.frozen(kw_only=True)
class TaskWay:
    """One way of doing an everyday task, at its hardest point.

    Attributes:
        slug: Stable identifier within its task, such as ``"sitting"``.
        name: Display name, such as ``"Sitting, foot across the knee"``.
        postures: The posture or postures at the hardest point of this
            way (1-5); the way scores as the hardest of them.
        cues: Short cues for doing it this way, in the project's words.
        why: Why this way is easier on the back, in plain words
            (``None`` for the usual way).
        basis: Where the numbers of the postures and the lift come from:
            a source, a derivation, or an estimate with its reasoning.
        lift: The lift as the revised NIOSH lifting equation measures it
            (metric units), when this way is a two-handed lift the
            equation covers; ``None`` otherwise.
        lift_duration: The duration category for the lifting equation.
        graded: False when what makes this way easier lies outside the
            spine model (a hand braced on a support, say): its numbers
            are shown, but it is never ranked as a swap.
        caveat: What the model cannot see about this way, or ``None``.

    .. versionadded:: 0.1.0
    """

    slug: str = attrs.field(validator=v.slug())
    name: str = attrs.field(validator=v.text(max_length=80))
    postures: tuple[Posture, ...] = attrs.field(validator=_postures)
    cues: tuple[str, ...] = attrs.field(
        validator=v.texts(max_length=200, max_items=8)
    )
    basis: str = attrs.field(validator=v.text(max_length=1500))
    why: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.text(max_length=400)),
    )
    lift: LiftingTask | None = attrs.field(
        default=None, validator=_optional_lift
    )
    lift_duration: LiftingDuration = attrs.field(
        default=LiftingDuration.SHORT, validator=v.member(LiftingDuration)
    )
    graded: bool = attrs.field(
        default=True, validator=v.instance_of(bool, "a bool")
    )
    caveat: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.text(max_length=400)),
    )

    def __attrs_post_init__(self) -> None:
        if type(self.graded) is not bool:
            raise InvalidInputError.out_of_range(
                "TaskWay.graded", self.graded, "True or False"
            )
        if self.lift is not None and self.lift.units != "metric":
            raise InvalidInputError.out_of_range(
                "TaskWay.lift.units", self.lift.units, "'metric'"
            )

    @property
    def load_kg(self) -> float:
        """The heaviest external load among the postures, kg."""
        return max(p.load_kg for p in self.postures)


def _ways(instance: object, attribute: Any, value: object) -> None:
    name = v.field_name(instance, attribute)
    if (
        not isinstance(value, tuple)
        or not 2 <= len(value) <= MAX_WAYS  # noqa: PLR2004
        or not all(isinstance(w, TaskWay) for w in value)
    ):
        raise InvalidInputError.out_of_range(
            name, value, f"a tuple of 2 to {MAX_WAYS} TaskWay"
        )
    slugs = [w.slug for w in value]
    repeated = sorted({s for s in slugs if slugs.count(s) > 1})
    if repeated:
        raise InvalidInputError.out_of_range(
            name, repeated, "ways with distinct slugs"
        )


@final
@attrs.frozen(kw_only=True)
class DailyTask:
    """An everyday task that loads the back, and its ways of doing it.

    Attributes:
        slug: Stable identifier, such as ``"tie-shoes"``.
        name: Display name, such as ``"Tying shoes"``.
        summary: One line on the task and its hardest moment.
        load_kg: The mass of what is lifted or carried, kg (0 for none):
            the default that `score_task` scales when given another load.
        ways: Two to eight ways of doing it, the usual one first.
        usual: The slug of the way most people do it.
        friendlier: The slug of the back-friendlier way.

    >>> from backsafe import tasks
    >>> shoes = tasks.get("tie-shoes")
    >>> shoes.usual_way.name, shoes.friendlier_way.name
    ('Standing, bent over', 'Sitting, foot across the knee')

    .. versionadded:: 0.1.0
    """

    slug: str = attrs.field(validator=v.slug())
    name: str = attrs.field(validator=v.text(max_length=80))
    summary: str = attrs.field(validator=v.text(max_length=300))
    ways: tuple[TaskWay, ...] = attrs.field(validator=_ways)
    usual: str = attrs.field(validator=v.slug())
    friendlier: str = attrs.field(validator=v.slug())
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )

    def __attrs_post_init__(self) -> None:
        known = [w.slug for w in self.ways]
        for field in ("usual", "friendlier"):
            value = getattr(self, field)
            if value not in known:
                raise InvalidInputError.out_of_range(
                    f"DailyTask.{field}",
                    value,
                    "the slug of one of its ways (" + ", ".join(known) + ")",
                )
        if self.usual == self.friendlier:
            raise InvalidInputError.out_of_range(
                "DailyTask.friendlier",
                self.friendlier,
                f"a way other than the usual one ({self.usual!r})",
            )
        if not self.friendlier_way.graded:
            raise InvalidInputError.out_of_range(
                "DailyTask.friendlier",
                self.friendlier,
                "a way the spine model grades (graded = true)",
            )
        for way in self.ways:
            if self.load_kg == 0 and way.load_kg > 0:
                raise InvalidInputError.out_of_range(
                    "DailyTask.load_kg",
                    self.load_kg,
                    f"above 0 when way {way.slug!r} holds a load",
                )
            if way.lift is not None and way.lift.load != self.load_kg:
                raise InvalidInputError.out_of_range(
                    f"DailyTask.ways[{way.slug!r}].lift.load",
                    way.lift.load,
                    f"the task's load_kg ({self.load_kg:g})",
                )

    def __repr__(self) -> str:
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.daily_task_repr(self)

    def _repr_html_(self) -> str:
        """Show the task and its ways as a table in notebooks."""
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.daily_task_html(self)

    def way(self, slug: str) -> TaskWay:
        """Return the way *slug*.

        Raises:
            InvalidInputError: The task has no such way.
        """
        for way in self.ways:
            if way.slug == slug:
                return way
        known = ", ".join(repr(w.slug) for w in self.ways)
        raise InvalidInputError.out_of_range(
            "way", slug, f"a way of {self.slug!r}: one of {known}"
        )

    @property
    def usual_way(self) -> TaskWay:
        """The way most people do it."""
        return self.way(self.usual)

    @property
    def friendlier_way(self) -> TaskWay:
        """The back-friendlier way."""
        return self.way(self.friendlier)


def _task_tuple(value: object) -> tuple[DailyTask, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputError.out_of_range(
            "TaskCollection.tasks", value, "an iterable of DailyTask"
        )
    return tuple(value)  # the items are checked after conversion


@final
@attrs.frozen(kw_only=True)
class TaskCollection:
    """A collection of everyday tasks, looked up by slug.

    The built-in one is `backsafe.tasks`. A collection iterates over its
    tasks in order.

    Attributes:
        tasks: The tasks, with distinct slugs.

    >>> from backsafe import tasks
    >>> "lift-box-from-floor" in tasks.slugs()
    True

    .. versionadded:: 0.1.0
    """

    tasks: tuple[DailyTask, ...] = attrs.field(converter=_task_tuple)

    def __attrs_post_init__(self) -> None:
        if len(self.tasks) > MAX_TASKS or not all(
            isinstance(t, DailyTask) for t in self.tasks
        ):
            raise InvalidInputError.out_of_range(
                "TaskCollection.tasks",
                self.tasks,
                f"a tuple of at most {MAX_TASKS} DailyTask",
            )
        slugs = [t.slug for t in self.tasks]
        repeated = sorted({s for s in slugs if slugs.count(s) > 1})
        if repeated:
            raise InvalidInputError.out_of_range(
                "TaskCollection.tasks", repeated, "tasks with distinct slugs"
            )

    def __iter__(self) -> Iterator[DailyTask]:
        return iter(self.tasks)

    def __len__(self) -> int:
        return len(self.tasks)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_slug
        return item in self.tasks

    def __repr__(self) -> str:
        return f"<TaskCollection of {len(self.tasks)} tasks>"

    @functools.cached_property
    def _by_slug(self) -> dict[str, DailyTask]:
        return {t.slug: t for t in self.tasks}

    def slugs(self) -> tuple[str, ...]:
        """The slugs of the tasks, in order."""
        return tuple(t.slug for t in self.tasks)

    def get(self, slug: object) -> DailyTask:
        """Return the task *slug*.

        Raises:
            InvalidInputError: No task has that slug; the message names
                the nearest slugs.
        """
        found = self._by_slug.get(slug) if isinstance(slug, str) else None
        if found is not None:
            return found
        close = difflib.get_close_matches(
            str(slug), list(self._by_slug), n=3, cutoff=0.5
        )
        hint = (
            " (did you mean " + ", ".join(repr(c) for c in close) + "?)"
            if close
            else ""
        )
        raise InvalidInputError(
            f"no everyday task {slug!r}{hint}; known tasks are"
            f" {', '.join(self.slugs())}",
            field="task",
            value=slug,
            allowed="the slug of a task in the collection",
        )
