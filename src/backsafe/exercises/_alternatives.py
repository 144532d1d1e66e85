"""Back-friendlier alternatives at the same leg work.

The leg stimulus and equivalent loads live in
`backsafe.exercises._leg_work` and are re-exported here; the rules a swap
must meet (pattern kept, a clear margin, a light start, real equipment) in
`backsafe.exercises._swap_rules`.
"""

from collections.abc import Iterable
from typing import Final, Self, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError, UnknownExerciseError
from backsafe.exercises._catalog import (
    Catalog,
    EquipmentLike,
    as_equipment,
    as_member,
    is_doable_with,
    suggest,
)
from backsafe.exercises._equipment import LoadUnit
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    ExerciseFlag,
    MovementPattern,
)
from backsafe.exercises._leg_work import (
    Rounding,
    _check_body,
    _check_exercise,
    _check_load,
    _equivalent_load,
    _leg_load_kg,
    equivalent_load,
    moved_mass_fraction,
    trains_legs,
    working_leg_load_kg,
)
from backsafe.exercises._scoring import score_default
from backsafe.exercises._swap_rules import (
    advises_against,
    clearly_lower,
    gym_max_kg,
    pattern_family,
    start_load_kg,
)
from backsafe.spine import _constants as k
from backsafe.spine._result import SpinalLoad
from backsafe.spine._size_limits import person_limits
from backsafe.spine._types import (
    Body,
    Limits,
    StressLevel,
)

__all__ = [
    "MIN_LEG_LOAD_RATIO",
    "Alternative",
    "AlternativeList",
    "Rounding",
    "_check_body",
    "_check_exercise",
    "_check_load",
    "_equivalent_load",
    "_leg_load_kg",
    "alternatives",
    "as_flags",
    "checked_limits",
    "equivalent_load",
    "is_not_worse",
    "moved_mass_fraction",
    "trains_legs",
    "working_leg_load_kg",
]

#: The least working-leg load an alternative keeps, by default, as a share
#: of the original's (design choice: "comparable leg work").
MIN_LEG_LOAD_RATIO: Final = 0.8
#: Slack for float noise when comparing loads and forces.
_EPSILON: Final = 1e-9


# --- Alternatives -----------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Alternative:
    """A back-friendlier exercise at the same leg work.

    The equal-work load is a target to grow towards, not where a person in
    pain starts: the swap starts at `start_load_kg`, half of it rounded
    down to real equipment (or body weight), where it scores clearly lower
    than the original.

    Attributes:
        exercise: The alternative exercise.
        load_kg: Its target load, for the same leg work (`equivalent_load`).
        spinal_load: Its spinal load at that load.
        working_leg_load_kg: Its working-leg load at that load.
        compression_reduction_n: How much less compression than the
            original, in newtons (never negative).
        relative_reduction: The same as a fraction of the original's
            compression, 0-1.
        start_load_kg: The load to start at: a documented fraction of
            `load_kg` (``backsafe.exercises._swap_rules.START_FRACTION``),
            rounded down to the loads a normal gym has; 0 for body weight.
        start_compression_n: Its compression at the start load, N.
        start_level: Its grade at the start load.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> best = alternatives("low-bar-back-squat", body, load_kg=60)[0]
    >>> best.exercise.slug, best.start_load_kg, best.load_kg
    ('rear-foot-elevated-split-squat', 2.0, 4.0)

    .. versionadded:: 0.1.0
    """

    exercise: Exercise = attrs.field(
        validator=v.instance_of(Exercise, "an Exercise")
    )
    load_kg: float = attrs.field(
        validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    spinal_load: SpinalLoad = attrs.field(
        validator=v.instance_of(SpinalLoad, "a SpinalLoad")
    )
    working_leg_load_kg: float = attrs.field(
        validator=v.real(0.0, k.MAX_LOAD_KG + k.MAX_BODY_MASS_KG, unit="kg")
    )
    compression_reduction_n: float = attrs.field(
        validator=v.real(0.0, 1_000_000.0, unit="N")
    )
    relative_reduction: float = attrs.field(validator=v.real(0.0, 1.0))
    start_load_kg: float = attrs.field(
        validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    start_compression_n: float = attrs.field(
        validator=v.real(0.0, 1_000_000.0, unit="N")
    )
    start_level: StressLevel = attrs.field(validator=v.member(StressLevel))

    def __attrs_post_init__(self) -> None:
        if self.start_load_kg > self.load_kg + _EPSILON:
            raise InvalidInputError.out_of_range(
                "Alternative.start_load_kg",
                self.start_load_kg,
                f"at most load_kg ({self.load_kg:g})",
            )

    def __repr__(self) -> str:
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.alternative_repr(self)

    def _repr_html_(self) -> str:
        """Show the alternative as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.alternatives_html((self,))


class AlternativeList(tuple[Alternative, ...]):
    """Alternatives, lowest spinal load at the equal-work target first.

    A plain tuple that also shows as a table in notebooks.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __new__(cls, iterable: Iterable[Alternative] = (), /) -> Self:
        """Refuse anything but `Alternative` items."""
        items = v.check_items("AlternativeList", iterable, Alternative)
        return super().__new__(cls, items)

    def _repr_html_(self) -> str:
        """Show the alternatives as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.alternatives_html(self)


def alternatives(
    exercise: Exercise | str,
    body: Body,
    *,
    load_kg: float = 0.0,
    equipment: EquipmentLike | None = None,
    max_level: StressLevel | str | None = None,
    max_tier: int | None = None,
    exclude_flags: Iterable[ExerciseFlag | str] = (),
    min_leg_load_ratio: float = MIN_LEG_LOAD_RATIO,
    catalog: Catalog | Iterable[Exercise] | None = None,
    limits: Limits | None = None,
    keep_pattern: bool = True,
    unit: LoadUnit | str = LoadUnit.KG,
    respect_cautions: bool = True,
) -> AlternativeList:
    """Return back-friendlier exercises for the same muscles and leg work.

    Each candidate is loaded with `equivalent_load` (rounded down) and
    scored. It is kept only if all of these hold:

    - it trains every primary muscle of *exercise*, and is a stretch only
      if *exercise* is one;
    - it adds no flag *exercise* lacks and has none of *exclude_flags*;
    - for leg exercises, its working-leg load is at least
      *min_leg_load_ratio* of the original's (comparable leg work);
    - it never scores above the original, at its rounded load and at the
      exact (unrounded) equivalent load: no more compression, no more
      shear and no higher level; and it is better, with less compression
      or a lower tier;
    - it keeps the movement family (`_swap_rules.pattern_family`) and is
      of no higher tier;
    - at its start load (half the equal-work load, rounded down to real
      equipment) it scores clearly lower, by ``SWAP_MARGIN`` (a tenth)
      less compression; an ungraded score counts only with a lower tier;
    - its equal-work load is one a normal gym has;
    - with *respect_cautions*, its own catalog caution does not advise
      against it while the back is sore (the walking lunge, "the most
      demanding lunge", is no swap; as `rewrite_workout` keeps them);
    - it meets *equipment*, *max_level* and *max_tier* when given.

    Graded results come first, least compression at the equal-work target
    first (the exercises compared at the same leg work); ungraded ones
    (the model leaves their muscle load out) last, never as the safest.

    Args:
        exercise: The exercise to replace, or its slug.
        body: Whose spine and legs.
        load_kg: Its total external load.
        equipment: The equipment at hand (one item or several); any if
            not given. Bodyweight and a mat are always at hand.
        max_level: Keep only alternatives graded at most this.
        max_tier: Keep only alternatives of this tier or lower.
        exclude_flags: Drop alternatives with any of these flags.
        min_leg_load_ratio: The least working-leg load an alternative
            keeps, as a share of the original's, 0-1.
        catalog: Where the candidates come from; the built-in catalog if
            not given.
        limits: What the spinal loads are graded against; this person's
            limits by default (`size_scaled_limits`: NIOSH's and McGill's
            figures scaled to the body's size; pass `Limits()` for the
            fixed ones).
        keep_pattern: Keep the movement family (the default); ``False``
            lets a squat become a bridge, for callers with their own
            ladders.
        unit: What the gym's weights are marked in: the start loads are
            rounded down to its dumbbells, plates and stacks.
        respect_cautions: Leave out exercises whose own caution advises
            against them while the back is sore (the default).

    Returns:
        The alternatives, least compression at the target first.

    Raises:
        InvalidInputError: A bad argument.
        UnknownExerciseError: *exercise* is an unknown slug.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> found = alternatives("low-bar-back-squat", body, load_kg=60,
    ...                      equipment={"dumbbell"})
    >>> [(a.exercise.slug, a.load_kg) for a in found][:2]
    [('split-squat', 16.0), ('reverse-lunge', 16.0)]

    .. versionadded:: 0.1.0
    """
    pool = _pool(catalog)
    original = _resolve(exercise, pool)
    _check_body(body)
    load = _check_load(original, load_kg)
    kit = None if equipment is None else as_equipment(equipment)
    level = (
        None
        if max_level is None
        else as_member("max_level", max_level, StressLevel)
    )
    tier = (
        None
        if max_tier is None
        else v.check_int("max_tier", max_tier, min_value=0, max_value=3)
    )
    excluded = as_flags(exclude_flags)
    ratio = v.check_real(
        "min_leg_load_ratio", min_leg_load_ratio, min_value=0.0, max_value=1.0
    )
    graded_by = checked_limits(body, limits)
    for name, flag in (
        ("keep_pattern", keep_pattern),
        ("respect_cautions", respect_cautions),
    ):
        if not isinstance(flag, bool):
            raise InvalidInputError.out_of_range(name, flag, "True or False")
    return _alternatives(
        original,
        body,
        load,
        kit=kit,
        max_level=level,
        max_tier=tier,
        excluded=excluded,
        min_ratio=ratio,
        pool=pool,
        limits=graded_by,
        keep_pattern=keep_pattern,
        unit=v.coerce_member("unit", unit, LoadUnit),
        respect_cautions=respect_cautions,
    )


def _alternatives(
    original: Exercise,
    body: Body,
    load: float,
    *,
    kit: frozenset[Equipment] | None,
    max_level: StressLevel | None,
    max_tier: int | None,
    excluded: frozenset[ExerciseFlag],
    min_ratio: float,
    pool: dict[str, Exercise],
    limits: Limits,
    keep_pattern: bool = True,
    unit: LoadUnit = LoadUnit.KG,
    respect_cautions: bool = False,
) -> AlternativeList:
    """`alternatives` of checked arguments."""
    before = score_default(original, body, load_kg=load, limits=limits)
    leg_before = _leg_load_kg(original, body, load)
    legs = trains_legs(original)
    found: list[Alternative] = []
    for candidate in pool.values():
        if (
            not _same_intent(original, candidate, excluded, max_tier)
            or (
                keep_pattern
                and pattern_family(candidate) != pattern_family(original)
            )
            or (respect_cautions and advises_against(candidate))
        ):
            continue
        alt_load = _equivalent_load(
            original,
            load,
            candidate,
            body,
            step=candidate.load_step_kg,
            rounding="down",
        )
        leg = _leg_load_kg(candidate, body, alt_load)
        if legs and leg < min_ratio * leg_before - _EPSILON:
            continue
        if kit is not None and not is_doable_with(
            candidate, kit, load_kg=alt_load
        ):
            continue
        after = score_default(candidate, body, load_kg=alt_load, limits=limits)
        if not is_not_worse(after, before):
            continue
        # Rounding the load down must not hide a worse score at exactly
        # equal leg work.
        exact = _equivalent_load(
            original, load, candidate, body, step=0.0, rounding="down"
        )
        if exact != alt_load and not is_not_worse(
            score_default(candidate, body, load_kg=exact, limits=limits),
            before,
        ):
            continue
        if not _is_better(original, candidate, after, before) or (
            max_level is not None and after.level > max_level
        ):
            continue
        if not _realistic(candidate, alt_load):
            continue
        start = start_load_kg(candidate, alt_load, unit)
        at_start = (
            after
            if start == alt_load
            else score_default(candidate, body, load_kg=start, limits=limits)
        )
        if not clearly_lower(at_start, candidate, before, original):
            continue
        found.append(
            _alternative(
                candidate,
                alt_load,
                after,
                leg,
                before,
                start_kg=start,
                at_start=at_start,
            )
        )
    # An ungraded result is never ranked as the safest: graded ones first.
    found.sort(
        key=lambda a: (
            not a.spinal_load.is_graded,
            # A hinge for a hinge first, then the rest of its family (the
            # bridges): the hinge is what a swap must not lose. Other
            # families (knee-dominant: squats, lunges, step-ups, the leg
            # press) rank by load alone, single-leg work first as it is.
            original.pattern is MovementPattern.HINGE
            and a.exercise.pattern is not MovementPattern.HINGE,
            # Compared at the same leg work (the target); the command
            # line shows this number beside the start's.
            a.spinal_load.compression_n,
            a.exercise.tier,
            a.exercise.slug,
        )
    )
    return AlternativeList(found)


def _is_better(
    original: Exercise,
    candidate: Exercise,
    after: SpinalLoad,
    before: SpinalLoad,
) -> bool:
    """At the equal-work target: a lower tier, or clearly lower and less.

    Clearly lower means by `SWAP_MARGIN`: a swap at nearly the same load
    (a conventional deadlift for a Romanian one) is no swap.
    """
    if candidate.tier < original.tier:
        return True
    return after.compression_n < before.compression_n - _EPSILON and (
        clearly_lower(after, candidate, before, original)
    )


#: Equipment that is the load itself: without weight on it, the exercise
#: is not done (a cable crunch, a leg press, a barbell hip thrust).
_LOADED_KIT: Final = frozenset(
    {Equipment.CABLE, Equipment.MACHINE, Equipment.BARBELL}
)


def _realistic(exercise: Exercise, load_kg: float) -> bool:
    """Whether a normal gym has *load_kg* for *exercise*, and it is a load.

    A cable, a machine or a bar with no weight on it is not the exercise.
    """
    if load_kg > gym_max_kg(exercise) + _EPSILON:
        return False
    return not (load_kg <= 0 and needs_a_load(exercise))


def needs_a_load(exercise: Exercise) -> bool:
    """Whether *exercise* is done only with weight on a cable, machine, bar."""
    return exercise.takes_load and bool(_LOADED_KIT & set(exercise.equipment))


def is_not_worse(after: SpinalLoad, before: SpinalLoad) -> bool:
    """Return whether *after* is nowhere above *before*.

    An ungraded *after* (`SpinalLoad.is_graded`) is unknown, never "not
    worse".
    """
    return (
        after.is_graded
        and after.compression_n <= before.compression_n + _EPSILON
        and abs(after.shear_n) <= abs(before.shear_n) + _EPSILON
        and after.level <= before.level
    )


def _same_intent(
    original: Exercise,
    candidate: Exercise,
    excluded: frozenset[ExerciseFlag],
    max_tier: int | None,
) -> bool:
    is_stretch = original.pattern is MovementPattern.STRETCH
    return (
        candidate.slug != original.slug
        and (candidate.pattern is MovementPattern.STRETCH) == is_stretch
        and candidate.tier <= original.tier
        and candidate.primary_muscles >= original.primary_muscles
        and candidate.flags <= original.flags
        and not candidate.flags & excluded
        and (max_tier is None or candidate.tier <= max_tier)
    )


def _alternative(
    exercise: Exercise,
    load_kg: float,
    after: SpinalLoad,
    leg_kg: float,
    before: SpinalLoad,
    *,
    start_kg: float,
    at_start: SpinalLoad,
) -> Alternative:
    saved = max(before.compression_n - after.compression_n, 0.0)
    relative = saved / before.compression_n if before.compression_n else 0.0
    return Alternative(
        exercise=exercise,
        load_kg=load_kg,
        spinal_load=after,
        working_leg_load_kg=leg_kg,
        compression_reduction_n=saved,
        relative_reduction=min(relative, 1.0),
        start_load_kg=start_kg,
        start_compression_n=at_start.compression_n,
        start_level=at_start.level,
    )


# --- Helpers shared with the workout rewriter -------------------------------


def checked_limits(body: Body, limits: object) -> Limits:
    """Check the *limits* option, then `person_limits` of it.

    The caller has checked *body*.
    """
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range(
            "limits", limits, "a Limits or None"
        )
    return person_limits(body, limits)


def as_flags(flags: object) -> frozenset[ExerciseFlag]:
    """Read the *exclude_flags* option: flags, as members or values."""
    if isinstance(flags, str):
        flags = (flags,)
    if not isinstance(flags, Iterable):
        raise InvalidInputError.out_of_range(
            "exclude_flags", flags, "an iterable of ExerciseFlag"
        )
    return frozenset(
        as_member("exclude_flags", f, ExerciseFlag) for f in v.in_order(flags)
    )


def _pool(catalog: object) -> dict[str, Exercise]:
    """Map slugs to exercises; the built-in catalog when *catalog* is None."""
    if catalog is None:
        from backsafe.exercises._catalog import catalog as builtin  # noqa: PLC0415

        catalog = builtin
    if isinstance(catalog, str) or not isinstance(catalog, Iterable):
        raise InvalidInputError.out_of_range(
            "catalog", catalog, "a Catalog or an iterable of Exercise"
        )
    pool: dict[str, Exercise] = {}
    for item in catalog:
        _check_exercise("catalog", item)
        pool.setdefault(item.slug, item)
    return pool


def _resolve(exercise: object, pool: dict[str, Exercise]) -> Exercise:
    if isinstance(exercise, str):
        found = pool.get(exercise)
        if found is None:
            raise UnknownExerciseError(
                exercise, suggest(exercise, pool.values())
            )
        return found
    return _check_exercise("exercise", exercise)
