"""Workouts, and rewriting them into back-friendlier ones.

The workout value types, the rewrite's result, and `rewrite_workout`,
which checks its options once and applies the rules of
`backsafe.exercises._rewrite_rules` to every item.
"""

from collections.abc import Iterable
from typing import Final, Self, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._alternatives import (
    _check_body,
    _pool,
    _resolve,
    as_flags,
    checked_limits,
)
from backsafe.exercises._catalog import (
    Catalog,
    EquipmentLike,
    as_equipment,
    as_member,
)
from backsafe.exercises._equipment import LoadUnit
from backsafe.exercises._exercise import Exercise, ExerciseFlag, Stance
from backsafe.exercises._rewrite_rules import (
    MAX_SPLIT_STANCE,
    ChangeKind,
    Rules,
)
from backsafe.exercises._scoring import score
from backsafe.spine import _constants as k
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import Body, Limits, StressLevel

#: Most sets and repetitions a workout item accepts (design choice).
MAX_SETS: Final = 20
MAX_REPS: Final = 1000
#: Most items in one workout (design choice).
MAX_WORKOUT_ITEMS: Final = 100


def _items(
    instance: object, attribute: "attrs.Attribute[object]", value: object
) -> None:
    name = v.field_name(instance, attribute)
    if (
        not isinstance(value, tuple)
        or len(value) > MAX_WORKOUT_ITEMS
        or not all(isinstance(item, WorkoutItem) for item in value)
    ):
        raise InvalidInputError.out_of_range(
            name,
            value,
            f"a tuple of at most {MAX_WORKOUT_ITEMS} WorkoutItem",
        )


@final
@attrs.frozen(kw_only=True)
class WorkoutItem:
    """One exercise of a workout, with its dose.

    Attributes:
        exercise: The exercise.
        sets: Number of sets, 1-20.
        reps: Repetitions per set, 1-1000; per leg for unilateral work.
        load_kg: Total external load, as for `score`; 0 for exercises that
            take none.

    >>> WorkoutItem.from_slug("split-squat", sets=3, reps=8, load_kg=16)
    ... # doctest: +ELLIPSIS
    WorkoutItem(exercise=..., sets=3, reps=8, load_kg=16)

    .. versionadded:: 0.1.0
    """

    exercise: Exercise = attrs.field(
        validator=v.instance_of(Exercise, "an Exercise")
    )
    sets: int = attrs.field(validator=v.integer(1, MAX_SETS))
    reps: int = attrs.field(validator=v.integer(1, MAX_REPS))
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )

    def __attrs_post_init__(self) -> None:
        if self.load_kg > 0 and not self.exercise.takes_load:
            raise InvalidInputError.out_of_range(
                "WorkoutItem.load_kg",
                self.load_kg,
                f"0 for {self.exercise.slug!r}, which takes no external load",
            )

    @classmethod
    def from_slug(
        cls,
        slug: str,
        *,
        sets: int,
        reps: int,
        load_kg: float = 0.0,
        catalog: Catalog | Iterable[Exercise] | None = None,
    ) -> Self:
        """Build an item from a catalog slug.

        Raises:
            UnknownExerciseError: No exercise has *slug*.
            InvalidInputError: A bad dose.

        .. versionadded:: 0.1.0
        """
        exercise = _resolve(slug, _pool(catalog))
        return cls(exercise=exercise, sets=sets, reps=reps, load_kg=load_kg)


@final
@attrs.frozen(kw_only=True)
class Workout:
    """A training session: exercises with their doses, in order.

    Attributes:
        items: The exercises, at most 100.
        name: An optional label, such as ``"Leg day"``.

    >>> day = Workout(name="Leg day", items=(
    ...     WorkoutItem.from_slug("low-bar-back-squat", sets=4, reps=6,
    ...                           load_kg=60),
    ... ))
    >>> len(day.items)
    1

    .. versionadded:: 0.1.0
    """

    items: tuple[WorkoutItem, ...] = attrs.field(validator=_items)
    name: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.text(max_length=80)),
    )

    def _repr_html_(self) -> str:
        """Show the workout as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.workout_html(self)


@final
@attrs.frozen(kw_only=True)
class WorkoutChange:
    """One change a rewrite made, with its reason in plain language.

    Attributes:
        kind: Replaced, load reduced, or removed.
        index: The item's position in the original workout, from 0.
        original: The item as it was.
        replacement: The item that took its place; ``None`` if removed.
        original_load: The original's spinal load.
        replacement_load: The replacement's spinal load; ``None`` if
            removed.
        reason: Why, in one or two sentences.

    .. versionadded:: 0.1.0
    """

    kind: ChangeKind = attrs.field(validator=v.member(ChangeKind))
    index: int = attrs.field(validator=v.integer(0, MAX_WORKOUT_ITEMS - 1))
    original: WorkoutItem = attrs.field(
        validator=v.instance_of(WorkoutItem, "a WorkoutItem")
    )
    replacement: WorkoutItem | None = attrs.field(
        validator=attrs.validators.optional(
            v.instance_of(WorkoutItem, "a WorkoutItem")
        )
    )
    original_load: SpinalLoad = attrs.field(
        validator=v.instance_of(SpinalLoad, "a SpinalLoad")
    )
    replacement_load: SpinalLoad | None = attrs.field(
        validator=attrs.validators.optional(
            v.instance_of(SpinalLoad, "a SpinalLoad")
        )
    )
    reason: str = attrs.field(validator=v.text(max_length=1000))

    def __attrs_post_init__(self) -> None:
        removed = self.kind is ChangeKind.REMOVED
        if removed != (self.replacement is None) or removed != (
            self.replacement_load is None
        ):
            raise InvalidInputError.out_of_range(
                "WorkoutChange.replacement",
                self.replacement,
                "None exactly when kind is 'removed'",
            )


@final
@attrs.frozen(kw_only=True)
class WorkoutRewrite:
    """A workout made back-friendlier, and what changed.

    Attributes:
        original: The workout as given.
        workout: The back-friendly version; items that needed no change
            are kept as they were.
        changes: One entry per changed item, in workout order.
        max_level: The limit every item of `workout` meets.

    .. versionadded:: 0.1.0
    """

    original: Workout = attrs.field(
        validator=v.instance_of(Workout, "a Workout")
    )
    workout: Workout = attrs.field(
        validator=v.instance_of(Workout, "a Workout")
    )
    changes: tuple[WorkoutChange, ...] = attrs.field(
        validator=v.tuple_of(WorkoutChange, "WorkoutChange objects")
    )
    max_level: StressLevel = attrs.field(validator=v.member(StressLevel))

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reason of every change, in order."""
        return tuple(change.reason for change in self.changes)

    def _repr_html_(self) -> str:
        """Show the workout before and after, and why, in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.workout_rewrite_html(self)


def rewrite_workout(
    workout: Workout | Iterable[WorkoutItem],
    body: Body,
    *,
    max_level: StressLevel | str = StressLevel.LOW,
    max_tier: int | None = None,
    equipment: EquipmentLike | None = None,
    exclude_flags: Iterable[ExerciseFlag | str] = (),
    prefer_unilateral: bool = True,
    bodyweight_only: bool = False,
    catalog: Catalog | Iterable[Exercise] | None = None,
    limits: Limits | None = None,
    balanced: bool = True,
    unit: LoadUnit | str = LoadUnit.KG,
) -> WorkoutRewrite:
    """Rewrite *workout* so that every exercise stays under a limit.

    An item whose spinal load is graded above *max_level*, whose tier is
    above *max_tier*, or that has an excluded flag is changed, in this
    order of preference:

    1. replaced by one of its `alternatives` (same primary muscles,
       comparable leg work, never a higher spinal load) that meets the
       limits: a single-leg or split-stance one first when
       *prefer_unilateral*, then the least compression, avoiding
       exercises already in the workout; sets and reps stay;
    2. kept at the heaviest lighter load that meets *max_level*;
    3. removed.

    With *bodyweight_only* (the acute phase: clinical rules section 2),
    an item with an external load is a problem too, and replacements and
    lighter versions carry no external load.

    With *balanced* (what the main job uses: a leg day a coach would
    sign), the day keeps its balance as well:

    - a replacement keeps the very movement pattern where one fits (a
      hinge stays a hinge), never takes an ungraded result as the safest,
      and starts at its start load (`Alternative.start_load_kg`: half the
      equal-work load on real equipment, or body weight);
    - at most `MAX_SPLIT_STANCE` (two) split-stance exercises stay: a
      third is replaced by one that is not split-stance;
    - every catalog caution is respected: an exercise whose own caution
      advises against it while the back is sore (the walking lunge, the
      heavy squats and deadlifts) is replaced, and never chosen.

    Every change carries one plain-language reason.

    Args:
        workout: The workout, or its items.
        body: Whose spine and legs.
        max_level: The highest grade an item may keep.
        max_tier: The highest tier an item may keep; any if not given.
        equipment: The equipment at hand; any if not given.
        exclude_flags: Flags no item may have, such as
            ``"loaded-spinal-flexion"``.
        prefer_unilateral: Prefer split-stance and single-leg
            replacements ("go single-leg").
        bodyweight_only: Allow no external load at all.
        catalog: Where replacements come from; built-in if not given.
        limits: What spinal loads are graded against; this person's
            limits by default (`size_scaled_limits`: the published
            figures scaled to the body's size, unchanged at 80 kg); pass
            `Limits()` for the fixed NIOSH and McGill figures.
        balanced: Keep a balanced day, as described above.
        unit: What the gym's weights are marked in, for the start loads.

    Returns:
        The rewrite: the new workout and its changes.

    Raises:
        InvalidInputError: A bad argument.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> day = [WorkoutItem.from_slug("low-bar-back-squat", sets=4, reps=6,
    ...                              load_kg=80)]
    >>> new = rewrite_workout(day, body)
    >>> item = new.workout.items[0]
    >>> item.exercise.slug, item.load_kg
    ('step-up', 4.0)

    .. versionadded:: 0.1.0
    """
    original = _workout(workout)
    _check_body(body)
    level = as_member("max_level", max_level, StressLevel)
    tier = (
        None
        if max_tier is None
        else v.check_int("max_tier", max_tier, min_value=0, max_value=3)
    )
    excluded = as_flags(exclude_flags)
    if not isinstance(prefer_unilateral, bool):
        raise InvalidInputError.out_of_range(
            "prefer_unilateral", prefer_unilateral, "True or False"
        )
    if not isinstance(bodyweight_only, bool):
        raise InvalidInputError.out_of_range(
            "bodyweight_only", bodyweight_only, "True or False"
        )
    personal = limits is None
    graded_by = checked_limits(body, limits)
    if not isinstance(balanced, bool):
        raise InvalidInputError.out_of_range(
            "balanced", balanced, "True or False"
        )
    pool = _pool(catalog)
    kit = None if equipment is None else as_equipment(equipment)
    rules = Rules(
        body=body,
        max_level=level,
        max_tier=tier,
        excluded=excluded,
        kit=kit,
        prefer_unilateral=prefer_unilateral,
        bodyweight_only=bodyweight_only,
        pool=pool,
        limits=graded_by,
        personal=personal,
        balanced=balanced,
        unit=v.coerce_member("unit", unit, LoadUnit),
    )

    used = {item.exercise.slug for item in original.items}
    new_items: list[WorkoutItem] = []
    changes: list[WorkoutChange] = []
    for index, item in enumerate(original.items):
        before = score(
            item.exercise, body, load_kg=item.load_kg, limits=graded_by
        )
        split_full = (
            sum(i.exercise.stance is Stance.SPLIT for i in new_items)
            >= MAX_SPLIT_STANCE
        )
        problem = rules.problem(
            item.exercise, item.load_kg, before, split_full=split_full
        )
        if problem is None:
            new_items.append(item)
            continue
        fix = rules.fix(
            item.exercise,
            item.load_kg,
            before,
            problem,
            used,
            split_full=split_full,
        )
        replacement = (
            None
            if fix.exercise is None
            else WorkoutItem(
                exercise=fix.exercise,
                sets=item.sets,
                reps=item.reps,
                load_kg=fix.load_kg,
            )
        )
        changes.append(
            WorkoutChange(
                kind=fix.kind,
                index=index,
                original=item,
                replacement=replacement,
                original_load=before,
                replacement_load=fix.spinal_load,
                reason=fix.reason,
            )
        )
        if replacement is not None:
            new_items.append(replacement)
            used.add(replacement.exercise.slug)
    return WorkoutRewrite(
        original=original,
        workout=Workout(items=tuple(new_items), name=original.name),
        changes=tuple(changes),
        max_level=level,
    )


def _workout(workout: object) -> Workout:
    if isinstance(workout, Workout):
        return workout
    if isinstance(workout, str) or not isinstance(workout, Iterable):
        raise InvalidInputError.out_of_range(
            "workout", workout, "a Workout or an iterable of WorkoutItem"
        )
    return Workout(items=tuple(workout))
