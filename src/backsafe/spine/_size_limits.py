"""Person-specific limits by body size: tolerance grows with the spine.

NIOSH's 3400 N action limit and McGill's shear limits are one figure for
every adult. A vertebra's compressive strength goes with its endplate
area times its bone density (Brinckmann, Biggemann & Hilweg 1989,
"Prediction of the compressive strength of human lumbar vertebrae",
Clin Biomech 4 Suppl 2, from cadaver segments; from memory, not
re-read). Under geometric
similarity an area grows as mass^(2/3), so the limits are scaled by
(mass / 80 kg)^(2/3), 80 kg being the reference adult at whom the
published figures apply unchanged; shear, carried by the same segment
(disc, endplates and facets), scales alike.

**Confidence.** The exponent is the one of geometric similarity, not a
fit to measured heavy or light spines: bone density does not grow with
mass in the same way, and no source gives limits by body mass. It is an
estimate with a wide band; at the reference mass nothing changes, and a
lighter person gets a stricter limit (the safe side).
"""

from typing import Final

from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._types import DEFAULT_LIMITS, Body, Limits

#: The exponent of mass that an area follows under geometric similarity.
AREA_EXPONENT: Final = 2.0 / 3.0


def size_factor(mass_kg: float) -> float:
    """(mass / reference mass)^(2/3): how much the limits grow."""
    return float((mass_kg / k.LIMITS_REFERENCE_MASS_KG) ** AREA_EXPONENT)


def size_scaled_limits(body: Body, *, base: Limits = DEFAULT_LIMITS) -> Limits:
    """Return *base* with every figure scaled to the person's size.

    Every compression and shear figure of *base* is multiplied by
    (mass / 80 kg)^(2/3): the spine's tolerance grows with vertebral
    endplate area (Brinckmann, Biggemann & Hilweg 1989: strength goes
    with endplate area times bone density), which under geometric
    similarity grows as mass^(2/3). At 80 kg, the reference adult, the
    published limits apply unchanged; a lighter person gets stricter
    limits, a heavier one more tolerant ones. Pass the result as
    ``limits=`` to `spinal_load`, `score` or any function that grades;
    the coaching functions (`rewrite_workout`, `alternatives`,
    `generate_progression`, `decide`, `apply_decision`) use it by default.

    The exponent is geometric similarity, an estimate: no source gives
    compression limits by body mass (see the validation page).

    Args:
        body: The person; only the mass is used.
        base: The limits to scale; NIOSH's and McGill's by default, or,
            for example, `dortmund_limits` for an age and sex.

    Returns:
        The scaled limits.

    Raises:
        InvalidInputError: *body* is not a `Body`, or *base* not a
            `Limits`.

    >>> from backsafe import Body
    >>> size_scaled_limits(Body(mass_kg=80, height_m=1.78))
    ... # doctest: +NORMALIZE_WHITESPACE
    Limits(compression_action_n=3400.0, compression_maximum_n=6400.0,
           shear_action_n=500.0, shear_maximum_n=1000.0)
    >>> heavy = size_scaled_limits(Body(mass_kg=110, height_m=1.85))
    >>> round(heavy.compression_action_n)
    4204
    >>> round(size_scaled_limits(Body(mass_kg=62, height_m=1.65))
    ...       .compression_action_n)
    2869

    .. versionadded:: 0.1.0
    """
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if not isinstance(base, Limits):
        raise InvalidInputError.out_of_range("base", base, "a Limits")
    return scaled(body, base)


def scaled(body: Body, base: Limits) -> Limits:
    """`size_scaled_limits` of checked arguments."""
    factor = size_factor(body.mass_kg)
    if factor == 1.0:
        return base
    return Limits(
        compression_action_n=round(base.compression_action_n * factor, 6),
        compression_maximum_n=round(base.compression_maximum_n * factor, 6),
        shear_action_n=round(base.shear_action_n * factor, 6),
        shear_maximum_n=round(base.shear_maximum_n * factor, 6),
    )


def person_limits(body: Body | None, limits: Limits | None) -> Limits:
    """The limits a swap, plan or decision grades against (trusted).

    Given limits as they are; None: this person's size-scaled limits, or
    NIOSH's and McGill's without a body.
    """
    if limits is not None:
        return limits
    return DEFAULT_LIMITS if body is None else scaled(body, DEFAULT_LIMITS)
