"""Leg stimulus, equivalent loads, and back-friendlier alternatives."""

import math
from collections.abc import Iterable
from typing import Final, Literal, Self, final

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
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    ExerciseFlag,
    MovementPattern,
)
from backsafe.exercises._scoring import score_default
from backsafe.spine import _constants as k
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    LoadPlacement,
    StressLevel,
)

Rounding = Literal["down", "nearest"]

#: Closed-chain patterns: the part of the body the legs lift.
_BODY_PART: Final = {
    MovementPattern.SQUAT: k.MASS_ABOVE_KNEES,
    MovementPattern.LUNGE: k.MASS_ABOVE_KNEES,
    MovementPattern.STEP_UP: k.MASS_ABOVE_KNEES,
    MovementPattern.HINGE: k.MASS_LIFTED_BY_HINGE,
    MovementPattern.BRIDGE: k.MASS_LIFTED_BY_BRIDGE,
}
#: Open-chain patterns: the mass each working leg moves.
_PER_LEG: Final = {
    MovementPattern.KNEE_EXTENSION: k.MASS_LOWER_LEG,
    MovementPattern.KNEE_FLEXION: k.MASS_LOWER_LEG,
    MovementPattern.HIP_ABDUCTION: k.WINTER_MASS_TOTAL_LEG,
    MovementPattern.LEG_RAISE: k.WINTER_MASS_TOTAL_LEG,
}
_NO_LEG_WORK: Final = frozenset(
    {
        MovementPattern.TRUNK_FLEXION,
        MovementPattern.TRUNK_STABILITY,
        MovementPattern.TRUNK_EXTENSION,
        MovementPattern.STRETCH,
    }
)
#: The least working-leg load an alternative keeps, by default, as a share
#: of the original's (design choice: "comparable leg work").
MIN_LEG_LOAD_RATIO: Final = 0.8
#: Slack for float noise when comparing loads and forces.
_EPSILON: Final = 1e-9


# --- Leg stimulus -----------------------------------------------------------


def moved_mass_fraction(exercise: Exercise) -> float:
    """Return the share of body mass the working legs move (Winter 2009).

    - Squats, lunges and step-ups lift everything above the knees
      (0.878: the body without both shanks and feet).
    - Hinges lift the head, arms and trunk (0.678).
    - Bridges lift the abdomen and pelvis (0.281).
    - Open-chain knee work moves the shank and foot (0.061 per leg), leg
      raises and side-lying lifts the whole leg (0.161 per leg).
    - Machines count their pad load only, and trunk exercises and
      stretches have no leg work: 0.

    .. versionadded:: 0.1.0
    """
    if exercise.placement is LoadPlacement.MACHINE_PAD:
        return 0.0
    whole_body = _BODY_PART.get(exercise.pattern)
    if whole_body is not None:
        return whole_body
    legs = 1 if exercise.is_unilateral else 2
    return legs * _PER_LEG.get(exercise.pattern, 0.0)


def trains_legs(exercise: Exercise) -> bool:
    """Return whether *exercise* is leg work (not a trunk or stretch)."""
    return exercise.pattern not in _NO_LEG_WORK


def working_leg_load_kg(
    exercise: Exercise, body: Body, *, load_kg: float = 0.0
) -> float:
    """Return the load the working leg moves, in kilograms.

    The working leg's share of the body mass the legs move plus the
    external load::

        working_leg_share * (moved_mass_fraction * body.mass_kg + load_kg)

    The share is 0.5 for bilateral work, about 0.75 on the lead leg of a
    split squat or lunge and 0.85 in the rear-foot-elevated split squat
    (NSCA Strength Cond J 2017), and 1.0 for single-leg work. Machines
    count their pad load only. See `moved_mass_fraction` for the body part.

    Args:
        exercise: The exercise.
        body: Whose legs.
        load_kg: Total external load, as for `score`.

    Returns:
        The working-leg load in kilograms.

    Raises:
        InvalidInputError: A bad load, or a load on an exercise that takes
            none.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> squat = catalog.get("high-bar-back-squat")
    >>> round(working_leg_load_kg(squat, body, load_kg=60), 1)
    65.1

    .. versionadded:: 0.1.0
    """
    _check_exercise("exercise", exercise)
    _check_body(body)
    return _leg_load_kg(exercise, body, _check_load(exercise, load_kg))


def _leg_load_kg(exercise: Exercise, body: Body, load_kg: float) -> float:
    """`working_leg_load_kg` of checked arguments."""
    moved = moved_mass_fraction(exercise) * body.mass_kg
    return exercise.working_leg_share * (moved + load_kg)


def equivalent_load(
    from_exercise: Exercise,
    from_load_kg: float,
    to_exercise: Exercise,
    body: Body,
    *,
    step_kg: float | None = None,
    rounding: Rounding = "down",
) -> float:
    """Return the load on *to_exercise* that gives the same leg work.

    The external load at which `working_leg_load_kg` of *to_exercise*
    equals that of *from_exercise* at *from_load_kg*, rounded to a step of
    the equipment. When the body weight alone already gives more leg work,
    or *to_exercise* takes no load, the result is 0.

    Args:
        from_exercise: The exercise done now.
        from_load_kg: Its total external load.
        to_exercise: The exercise to switch to.
        body: Whose legs.
        step_kg: The step to round to; ``to_exercise.load_step_kg`` if not
            given, 0 for no rounding.
        rounding: ``"down"`` (the default: never more leg work than asked)
            or ``"nearest"``.

    Rounded to nearest, a round trip (there and back) returns the load
    within one step of the coarser of the two exercises, counted in the
    first exercise's kilograms; unless a load is clamped at 0 or at the
    largest load.

    Returns:
        The load in kilograms, a multiple of the step.

    Raises:
        InvalidInputError: A bad load, step or option.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> equivalent_load(catalog.get("low-bar-back-squat"), 60,
    ...                 catalog.get("split-squat"), body)
    16.0

    .. versionadded:: 0.1.0
    """
    _check_exercise("to_exercise", to_exercise)
    _check_exercise("exercise", from_exercise)
    _check_body(body)
    from_load = _check_load(from_exercise, from_load_kg)
    step = (
        to_exercise.load_step_kg
        if step_kg is None
        else v.check_real(
            "step_kg",
            step_kg,
            min_value=0.0,
            max_value=k.MAX_LOAD_STEP_KG,
            unit="kg",
        )
    )
    choice: object = rounding
    if not isinstance(choice, str) or choice not in {"down", "nearest"}:
        raise InvalidInputError.out_of_range(
            "rounding", rounding, "'down' or 'nearest'"
        )
    return _equivalent_load(
        from_exercise,
        from_load,
        to_exercise,
        body,
        step=step,
        rounding=rounding,
    )


def _equivalent_load(
    from_exercise: Exercise,
    from_load_kg: float,
    to_exercise: Exercise,
    body: Body,
    *,
    step: float,
    rounding: Rounding,
) -> float:
    """`equivalent_load` of checked arguments, with the step to round to."""
    if not to_exercise.takes_load:
        return 0.0
    target = _leg_load_kg(from_exercise, body, from_load_kg)
    moved = moved_mass_fraction(to_exercise) * body.mass_kg
    raw = target / to_exercise.working_leg_share - moved
    raw = min(max(raw, 0.0), k.MAX_LOAD_KG)
    quotient = raw / step if step else math.inf
    if not math.isfinite(quotient):  # no step, or one too fine to count
        return raw
    steps = math.floor(quotient + (0.5 if rounding == "nearest" else 1e-9))
    if steps * step > k.MAX_LOAD_KG:
        steps = math.floor(k.MAX_LOAD_KG / step)
    return round(steps * step, 9)


# --- Alternatives -----------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class Alternative:
    """A back-friendlier exercise at the same leg work.

    Attributes:
        exercise: The alternative exercise.
        load_kg: Its load for the same leg work (`equivalent_load`).
        spinal_load: Its spinal load at that load.
        working_leg_load_kg: Its working-leg load at that load.
        compression_reduction_n: How much less compression than the
            original, in newtons (never negative).
        relative_reduction: The same as a fraction of the original's
            compression, 0-1.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> best = alternatives("low-bar-back-squat", body, load_kg=60)[0]
    >>> best.exercise.slug, best.load_kg
    ('leg-press', 130.0)

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

    def __repr__(self) -> str:
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.alternative_repr(self)

    def _repr_html_(self) -> str:
        """Show the alternative as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.alternatives_html((self,))


class AlternativeList(tuple[Alternative, ...]):
    """Alternatives, lowest spinal load first.

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
    limits: Limits = DEFAULT_LIMITS,
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
    - it meets *equipment*, *max_level* and *max_tier* when given.

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
        limits: What the spinal loads are graded against.

    Returns:
        The alternatives, least compression first.

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
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
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
        limits=limits,
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
) -> AlternativeList:
    """`alternatives` of checked arguments."""
    before = score_default(original, body, load_kg=load, limits=limits)
    leg_before = _leg_load_kg(original, body, load)
    legs = trains_legs(original)
    found: list[Alternative] = []
    for candidate in pool.values():
        if not _same_intent(original, candidate, excluded, max_tier):
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
        if not (
            after.compression_n < before.compression_n - _EPSILON
            or candidate.tier < original.tier
        ):
            continue
        if max_level is not None and after.level > max_level:
            continue
        found.append(_alternative(candidate, alt_load, after, leg, before))
    found.sort(
        key=lambda a: (
            not a.spinal_load.is_graded,
            a.spinal_load.compression_n,
            a.exercise.tier,
            a.exercise.slug,
        )
    )
    return AlternativeList(found)


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
    )


# --- Helpers shared with the workout rewriter -------------------------------


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


def _check_exercise(name: str, exercise: object) -> Exercise:
    if not isinstance(exercise, Exercise):
        raise InvalidInputError.out_of_range(name, exercise, "an Exercise")
    return exercise


def _check_body(body: object) -> Body:
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    return body


def _check_load(exercise: Exercise, load_kg: object) -> float:
    load = v.check_real(
        "load_kg", load_kg, min_value=0.0, max_value=k.MAX_LOAD_KG, unit="kg"
    )
    if load > 0 and not exercise.takes_load:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            f"0 for {exercise.slug!r}, which takes no external load",
        )
    return load
