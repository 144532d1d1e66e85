"""Score an exercise: its posture at the hardest point, through the model.

The public functions check their arguments once; `score_trusted` is the
unchecked path for rooms that have checked them already.
"""

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine._model import (
    JointName,
    ModelOptions,
    TableName,
    check_options,
    default_options,
    load_trusted,
)
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Body,
    Limits,
    LoadPlacement,
    Posture,
    SpineLevel,
    TorsoLean,
)


def score(
    exercise: Exercise,
    body: Body,
    *,
    load_kg: float = 0.0,
    lean: TorsoLean | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    acceleration_m_s2: float = 0.0,
    placement_offsets: bool = True,
) -> SpinalLoad:
    """Score *exercise* at the hardest point of its rep.

    Args:
        exercise: What is scored.
        body: Whose spine.
        load_kg: Total external load: both dumbbells together, the bar, or
            the machine's stack for a machine.
        lean: The trunk lean; the exercise's typical lean if not given.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.
        acceleration_m_s2: See `spinal_load`: the inertial term of a lift
            (0, the default: static).
        placement_offsets: See `spinal_load`.

    Returns:
        The spinal load.

    Raises:
        InvalidInputError: Bad load or lean, or a load on an exercise that
            takes none.

    >>> from backsafe import catalog
    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> split = score(catalog.get("split-squat"), body, load_kg=30)
    >>> split.level
    <StressLevel.LOW: 'low'>

    .. versionadded:: 0.1.0
    """
    load = _check_exercise(exercise, load_kg, lean)
    options = check_options(
        body,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
        acceleration_m_s2=acceleration_m_s2,
        placement_offsets=placement_offsets,
    )
    return score_trusted(
        exercise, body, load_kg=load, lean=lean, options=options
    )


def score_trusted(
    exercise: Exercise,
    body: Body,
    *,
    load_kg: float,
    lean: TorsoLean | None,
    options: ModelOptions,
) -> SpinalLoad:
    """Return `score` of arguments as `_check_exercise` and `check_options` passed them; checks nothing."""  # noqa: E501 (one line: the contract)
    loaded = load_kg > 0
    return load_trusted(
        # `Exercise.typical_lean`'s degrees, without building a TorsoLean.
        lean_deg=(
            (exercise.lean_min.degrees + exercise.lean_max.degrees) / 2
            if lean is None
            else lean.degrees
        ),
        support=exercise.support,
        load_kg=load_kg,
        placement=exercise.placement if loaded else LoadPlacement.NONE,
        reach_m=exercise.reach_m if loaded else 0.0,
        task=exercise.task,
        body=body,
        options=options,
        submodel=exercise.submodel,
    )


def score_default(
    exercise: Exercise, body: Body, *, load_kg: float, limits: Limits
) -> SpinalLoad:
    """Return `score` at the default options; trusts its arguments."""
    return score_trusted(
        exercise,
        body,
        load_kg=load_kg,
        lean=None,
        options=default_options(limits),
    )


def exercise_posture(
    exercise: Exercise,
    *,
    load_kg: float = 0.0,
    lean: TorsoLean | None = None,
) -> Posture:
    """Return the posture of *exercise* at the hardest point of its rep.

    Raises:
        InvalidInputError: Bad load or lean, or a load on an exercise that
            takes none.

    .. versionadded:: 0.1.0
    """
    load = _check_exercise(exercise, load_kg, lean)
    return Posture(
        lean=lean if lean is not None else exercise.typical_lean,
        support=exercise.support,
        load_kg=load,
        placement=exercise.placement if load > 0 else LoadPlacement.NONE,
        reach_m=exercise.reach_m if load > 0 else 0.0,
        task=exercise.task,
        submodel=exercise.submodel,
    )


def _check_exercise(
    exercise: Exercise, load_kg: float, lean: TorsoLean | None
) -> float:
    """Check what `exercise_posture` takes; return the load.

    Raises:
        InvalidInputError: As `exercise_posture` does.
    """
    if not isinstance(exercise, Exercise):
        raise InvalidInputError.out_of_range(
            "exercise", exercise, "an Exercise"
        )
    load = v.check_real(
        "load_kg", load_kg, min_value=0.0, max_value=k.MAX_LOAD_KG, unit="kg"
    )
    if lean is not None and not isinstance(lean, TorsoLean):
        raise InvalidInputError.out_of_range("lean", lean, "a TorsoLean")
    if load > 0 and not exercise.takes_load:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            f"0 for {exercise.slug!r}, which takes no external load",
        )
    return load
