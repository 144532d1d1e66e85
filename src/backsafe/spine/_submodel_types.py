"""The muscle-driven submodels by name, and the supports each is done on.

Kept apart from ``backsafe.spine._types`` (at its length limit), which
imports this module for `Posture.submodel`; so supports are named here by
their values. The equations are in ``backsafe.spine._submodels``.
"""

import enum
from typing import Any, Final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError


class Submodel(enum.StrEnum):
    """A muscle-driven family of supported postures (see the model page).

    Where a support holds the trunk, the spine is loaded by the muscles
    that move the limbs, hold the pelvis or brace the trunk; each member
    names a closed-form model of them.

    .. versionadded:: 0.1.0
    """

    REST = "rest"
    """Lying, sitting or kneeling still: baseline muscle tone only."""
    SINGLE_LEG_RAISE = "single-leg-raise"
    """Supine, one straight leg lifted (psoas and abdominals)."""
    DOUBLE_LEG_RAISE = "double-leg-raise"
    """Supine, both straight legs lifted."""
    DEAD_BUG = "dead-bug"
    """Supine, one leg reaching out, the other held at 90/90."""
    HEEL_SLIDE = "heel-slide"
    """Supine, one heel sliding along the floor."""
    BRIDGE = "bridge"
    """Shoulders and feet on the floor, hips lifted, load on the pelvis."""
    SINGLE_LEG_BRIDGE = "single-leg-bridge"
    """A bridge on one foot, the other leg held out straight."""
    HIP_THRUST = "hip-thrust"
    """Shoulders on a bench, feet on the floor, load on the pelvis."""
    BALL_LEG_CURL = "ball-leg-curl"
    """Shoulders on the floor, heels on a ball, hips lifted."""
    LEG_EXTENSION = "leg-extension"
    """Knee extension against a pad (rectus femoris tilts the pelvis)."""
    LEG_CURL = "leg-curl"
    """Knee flexion against a pad, seated or prone (hamstrings)."""
    LEG_PRESS = "leg-press"
    """A sled pushed by the legs; part of its force crosses the spine."""
    SIDE_LYING_LEG_LIFT = "side-lying-leg-lift"
    """Side-lying hip abduction (lateral trunk muscles hold the pelvis)."""
    SIDE_BRIDGE_KNEES = "side-bridge-knees"
    """The side bridge with the knees, not the feet, on the floor."""
    CABLE_CRUNCH = "cable-crunch"
    """Kneeling trunk flexion against a cable pulling into extension."""

    @property
    def supports(self) -> frozenset[str]:
        """The supports (`Support` values) the submodel is defined for."""
        return _SUPPORTS[self]


#: `Support` values (this module cannot import `Support`: see above).
_FREE_STANDING: Final = "free-standing"
_SEATED: Final = "seated-back-supported"
_SUPINE: Final = "supine"
_PRONE: Final = "prone"
_SIDE_LYING: Final = "side-lying"
_LYING: Final = frozenset({_SUPINE})
_SUPPORTS: Final = {
    Submodel.REST: frozenset(
        {
            _SEATED,
            "chest-supported",
            _SUPINE,
            _PRONE,
            _SIDE_LYING,
            "quadruped",
            "hanging",
        }
    ),
    Submodel.SINGLE_LEG_RAISE: _LYING,
    Submodel.DOUBLE_LEG_RAISE: _LYING,
    Submodel.DEAD_BUG: _LYING,
    Submodel.HEEL_SLIDE: _LYING,
    Submodel.BRIDGE: _LYING,
    Submodel.SINGLE_LEG_BRIDGE: _LYING,
    Submodel.HIP_THRUST: _LYING,
    Submodel.BALL_LEG_CURL: _LYING,
    Submodel.LEG_EXTENSION: frozenset({_SEATED}),
    Submodel.LEG_CURL: frozenset({_SEATED, _PRONE}),
    Submodel.LEG_PRESS: frozenset({_SEATED}),
    Submodel.SIDE_LYING_LEG_LIFT: frozenset({_SIDE_LYING}),
    Submodel.SIDE_BRIDGE_KNEES: frozenset({_SIDE_LYING}),
    Submodel.CABLE_CRUNCH: frozenset({_FREE_STANDING}),
}


def allowed_supports(submodel: Submodel) -> str:
    """Name the supports *submodel* is defined for, for messages."""
    return " or ".join(repr(s) for s in sorted(submodel.supports))


def check_pairing(
    prefix: str, submodel: Submodel | None, support: enum.Enum, task: object
) -> None:
    """Raise unless *submodel* fits *support* and comes without a task.

    Raises:
        InvalidInputError: Naming the field after *prefix* (``"Posture."``).
    """
    if submodel is None:
        return
    if task is not None:
        raise InvalidInputError.out_of_range(
            f"{prefix}submodel",
            submodel.value,
            "None when a calibrated task is given",
        )
    if support.value not in submodel.supports:
        raise InvalidInputError.out_of_range(
            f"{prefix}support",
            support.value,
            f"{allowed_supports(submodel)} for submodel {submodel.value!r}",
        )


_optional_submodel: Final = v.optional_member(Submodel)


def fitting(
    instance: Any, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    """Validate `Posture.submodel`: a `Submodel` or None, fitting the posture.

    attrs runs field validators once every field is set, so the support
    and task are there to check against.
    """
    _optional_submodel(instance, attribute, value)
    check_pairing(
        f"{type(instance).__name__}.",
        value,  # type: ignore[arg-type]
        instance.support,
        instance.task,
    )
