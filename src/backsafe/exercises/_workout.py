"""Workouts, and rewriting them into back-friendlier ones."""

import enum
from collections.abc import Iterable
from typing import Final, Self, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._alternatives import (
    Alternative,
    _alternative,
    _check_body,
    _pool,
    _resolve,
    alternatives,
    as_flags,
    trains_legs,
    working_leg_load_kg,
)
from backsafe.exercises._catalog import Catalog, EquipmentLike, as_member
from backsafe.exercises._exercise import Exercise, ExerciseFlag
from backsafe.exercises._scoring import score
from backsafe.spine import _constants as k
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    ModelMethod,
    SpinalLoad,
    StressLevel,
)

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


class ChangeKind(enum.StrEnum):
    """What a rewrite did to one workout item.

    .. versionadded:: 0.1.0
    """

    REPLACED = "replaced"
    """Swapped for a back-friendlier exercise at the same leg work."""
    LOAD_REDUCED = "load-reduced"
    """Kept, with a lighter load, because no alternative fits."""
    REMOVED = "removed"
    """Left out: neither an alternative nor a lighter load fits."""


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
    changes: tuple[WorkoutChange, ...]
    max_level: StressLevel = attrs.field(validator=v.member(StressLevel))

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reason of every change, in order."""
        return tuple(change.reason for change in self.changes)


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
    limits: Limits = DEFAULT_LIMITS,
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
        limits: What spinal loads are graded against.

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
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    pool = tuple(_pool(catalog).values())
    rules = _Rules(
        body=body,
        max_level=level,
        max_tier=tier,
        excluded=excluded,
        equipment=equipment,
        prefer_unilateral=prefer_unilateral,
        bodyweight_only=bodyweight_only,
        pool=pool,
        limits=limits,
    )

    used = {item.exercise.slug for item in original.items}
    new_items: list[WorkoutItem] = []
    changes: list[WorkoutChange] = []
    for index, item in enumerate(original.items):
        before = score(
            item.exercise, body, load_kg=item.load_kg, limits=limits
        )
        problem = rules.problem(item, before)
        if problem is None:
            new_items.append(item)
            continue
        change = rules.change(index, item, before, problem, used)
        changes.append(change)
        if change.replacement is not None:
            new_items.append(change.replacement)
            used.add(change.replacement.exercise.slug)
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


@attrs.frozen(kw_only=True)
class _Rules:
    """The options of one rewrite, and the steps that apply them."""

    body: Body
    max_level: StressLevel
    max_tier: int | None
    excluded: frozenset[ExerciseFlag]
    equipment: EquipmentLike | None
    prefer_unilateral: bool
    bodyweight_only: bool
    pool: tuple[Exercise, ...]
    limits: Limits

    def problem(self, item: WorkoutItem, load: SpinalLoad) -> str | None:
        """Say what is wrong with *item* at *load*, if anything."""
        exercise = item.exercise
        if load.level > self.max_level:
            return (
                f"puts about {load.compression_n:,.0f} N on the lower back,"
                f" graded {load.level.value}, above the chosen limit"
                f" ({self.max_level.value})"
            )
        if self.max_tier is not None and exercise.tier > self.max_tier:
            return (
                f"is a tier-{exercise.tier} exercise, above the chosen"
                f" maximum of tier {self.max_tier}"
            )
        flags = sorted(f.value for f in exercise.flags & self.excluded)
        if flags:
            words = " and ".join(f.replace("-", " ") for f in flags)
            return f"involves {words}, which was excluded"
        if self.bodyweight_only and item.load_kg > 0:
            return "carries an external load, and only body weight is allowed"
        return None

    def change(
        self,
        index: int,
        item: WorkoutItem,
        before: SpinalLoad,
        problem: str,
        used: set[str],
    ) -> WorkoutChange:
        """Replace, lighten or remove *item*."""
        if self.bodyweight_only and item.load_kg > 0:
            unloaded = attrs.evolve(item, load_kg=0.0)
            after = score(
                item.exercise, self.body, load_kg=0.0, limits=self.limits
            )
            if self.problem(unloaded, after) is None:
                return WorkoutChange(
                    kind=ChangeKind.LOAD_REDUCED,
                    index=index,
                    original=item,
                    replacement=unloaded,
                    original_load=before,
                    replacement_load=after,
                    reason=(
                        f"{item.exercise.name} at {_kg(item.load_kg)}"
                        f" {problem}, so it stays at body weight:"
                        f" {after.level.value} spinal load."
                    ),
                )
        found: list[Alternative] = list(
            alternatives(
                item.exercise,
                self.body,
                load_kg=item.load_kg,
                equipment=self.equipment,
                max_level=self.max_level,
                max_tier=self.max_tier,
                exclude_flags=self.excluded,
                catalog=self.pool,
                limits=self.limits,
            )
        )
        if self.bodyweight_only:
            found = [self._at_body_weight(a, before) for a in found]
        if found:
            best = min(found, key=lambda a: self._preference(a, used))
            new = WorkoutItem(
                exercise=best.exercise,
                sets=item.sets,
                reps=item.reps,
                load_kg=best.load_kg,
            )
            return WorkoutChange(
                kind=ChangeKind.REPLACED,
                index=index,
                original=item,
                replacement=new,
                original_load=before,
                replacement_load=best.spinal_load,
                reason=self._replaced(item, before, problem, best),
            )
        lighter = self._lighter(item)
        if lighter is not None:
            new, after = lighter
            return WorkoutChange(
                kind=ChangeKind.LOAD_REDUCED,
                index=index,
                original=item,
                replacement=new,
                original_load=before,
                replacement_load=after,
                reason=(
                    f"{item.exercise.name} at {_kg(item.load_kg)} {problem}."
                    " No exercise in the catalog trains the same muscles"
                    " with comparable leg work under the limit, so it"
                    f" stays with {_kg(new.load_kg)}: about"
                    f" {after.compression_n:,.0f} N ({after.level.value})."
                ),
            )
        return WorkoutChange(
            kind=ChangeKind.REMOVED,
            index=index,
            original=item,
            replacement=None,
            original_load=before,
            replacement_load=None,
            reason=(
                f"{item.exercise.name} {problem}. No exercise in the catalog"
                " trains the same muscles with comparable leg work under"
                " the limit, and a lighter load does not help, so it was"
                " left out; ask a coach or clinician what to do instead."
            ),
        )

    def _at_body_weight(
        self, alternative: Alternative, before: SpinalLoad
    ) -> Alternative:
        """The same alternative without its external load."""
        if alternative.load_kg == 0:
            return alternative
        ex = alternative.exercise
        return _alternative(
            ex,
            0.0,
            score(ex, self.body, load_kg=0.0, limits=self.limits),
            working_leg_load_kg(ex, self.body, load_kg=0.0),
            before,
        )

    def _preference(
        self, alternative: Alternative, used: set[str]
    ) -> tuple[bool, bool, float, int, str]:
        ex = alternative.exercise
        return (
            ex.slug in used,
            self.prefer_unilateral and not ex.is_unilateral,
            alternative.spinal_load.compression_n,
            ex.tier,
            ex.slug,
        )

    def _lighter(
        self, item: WorkoutItem
    ) -> tuple[WorkoutItem, SpinalLoad] | None:
        """The heaviest lighter load that meets the limits, if any."""
        exercise = item.exercise
        if (
            item.load_kg == 0
            or exercise.flags & self.excluded
            or (self.max_tier is not None and exercise.tier > self.max_tier)
        ):
            return None
        step = exercise.load_step_kg
        steps = 0 if self.bodyweight_only else int(item.load_kg / step - 1e-9)
        for n in range(steps, -1, -1):
            load = round(n * step, 9)
            after = score(
                exercise, self.body, load_kg=load, limits=self.limits
            )
            if after.level <= self.max_level:
                new = attrs.evolve(item, load_kg=load)
                return new, after
        return None

    def _replaced(
        self,
        item: WorkoutItem,
        before: SpinalLoad,
        problem: str,
        best: Alternative,
    ) -> str:
        old, new = item.exercise, best.exercise
        leg_before = working_leg_load_kg(old, self.body, load_kg=item.load_kg)
        ratio = best.working_leg_load_kg / leg_before if leg_before else 1.0
        work = (
            ""
            if not trains_legs(old)
            else " with about the same work per leg"
            if 0.9 <= ratio <= 1.1  # noqa: PLR2004
            else " with more work per leg"
            if ratio > 1.1  # noqa: PLR2004
            else " with a little less work per leg"
        )
        after = best.spinal_load
        if after.method is ModelMethod.SUPPORTED:
            # The support holds the trunk and the muscles are not counted:
            # no newtons and no percentage to boast of.
            spine = f"a {after.level.value} spinal load (muscle load not"
            spine += " modelled: the support holds the trunk)"
        else:
            saving = (
                f", {best.relative_reduction:.0%} less"
                if best.relative_reduction >= 0.01  # noqa: PLR2004
                else ""
            )
            # A modelled load is never near zero: the upper body alone
            # presses on L4/L5 (over 150 N for the lightest body allowed).
            spine = (
                f"about {after.compression_n:,.0f} N"
                f" ({after.level.value}){saving}"
            )
        return (
            f"{old.name} at {_kg(item.load_kg)} {problem}."
            f" {new.name} at {_kg(best.load_kg)} trains the same muscles"
            f"{work} at {spine}: {_why(item, best, before)}."
        )


def _why(item: WorkoutItem, best: Alternative, before: SpinalLoad) -> str:
    old, new = item.exercise, best.exercise
    after = best.spinal_load
    clauses: list[str] = []
    if new.is_unilateral and not old.is_unilateral:
        clauses.append(
            "one leg does most of the work, so it needs less weight"
        )
    free = not old.support.carries_trunk_moment
    if (
        free
        and not new.support.carries_trunk_moment
        and new.typical_lean.degrees < old.typical_lean.degrees - 5
    ):
        clauses.append(
            "the trunk stays more upright (about"
            f" {new.typical_lean.degrees:.0f}° instead of"
            f" {old.typical_lean.degrees:.0f}°)"
        )
    if (
        item.load_kg > 0
        and old.placement.is_trunk_borne
        and best.load_kg > 0
        and not new.placement.is_trunk_borne
    ):
        clauses.append(
            "the load rests on the hips or a machine, not the spine"
        )
    if free and new.support.carries_trunk_moment:
        clauses.append("a bench, backrest or the floor holds the trunk")
    if not clauses and old.task is not None and new.task is not None:
        clauses.append("its measured spinal load is lower")
    if after.compression_n >= before.compression_n - 1.0:
        clauses.append(
            "the model scores both alike, but it is a lower-demand exercise"
            f" (tier {new.tier} instead of {old.tier})"
        )
    if not clauses:
        clauses.append("it loads the lower back less")
    return "; ".join(clauses)


def _kg(load_kg: float) -> str:
    return "body weight" if load_kg == 0 else f"{load_kg:g} kg"
