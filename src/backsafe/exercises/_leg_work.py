"""Leg stimulus and equivalent loads: how much work the legs do.

Split from `backsafe.exercises._alternatives`, which re-exports it.
"""

import math
from typing import Final, Literal

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise, MovementPattern
from backsafe.spine import _constants as k
from backsafe.spine._types import Body, LoadPlacement

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


# --- Checks shared with the alternatives -------------------------------------


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
