"""Where the loads sit and how each joint is oriented: the model's geometry.

Two tables, each entry with its source (full references in
``docs/model.md``):

- `PLACEMENT_OFFSETS`: where each `LoadPlacement` puts the load, as an
  offset from the shoulder line along the trunk and across it;
- `JOINTS`: each `SpineLevel`'s levers, the mass above it, the
  inclination of its disc to the trunk line and the extensor's line of
  action.

The kernel (`backsafe.spine._kernel`) takes these numbers as they are;
nothing here is computed per call.
"""

import math
from typing import Final, NamedTuple

from backsafe.spine import _constants as k
from backsafe.spine._types import LoadPlacement, SpineLevel


class Offset(NamedTuple):
    """Where a load sits, per metre of stature, from the shoulder line.

    Attributes:
        along_per_h: Along the trunk, up positive (estimate, see
            `PLACEMENT_OFFSETS`).
        across_per_h: Across the trunk in the sagittal plane, in front
            positive.
        reference_lean_deg: The lean at which a load behind the trunk line
            is taken exactly (see `lever_terms`): the catalog's typical
            lean of the lift with this placement, the lean that puts the
            bar over the mid-foot (an estimate derived on the model page,
            "Where the load sits").
    """

    along_per_h: float
    across_per_h: float
    reference_lean_deg: float = 45.0


def _per_h(metres: float) -> float:
    """A length of the reference adult (1.78 m) as a share of stature."""
    return metres / k.GEOMETRY_REFERENCE_HEIGHT_M


#: Where each trunk-borne placement puts the load. Every figure is an
#: estimate from adult dimensions, given for a 1.78 m adult and scaled
#: with stature; none is a measured mean (no source found gives them):
#:
#: - high bar: on the upper trapezius, about 5 cm above the glenohumeral
#:   centre and 5 cm behind the trunk line;
#: - low bar: across the spines of the scapulae, 5-7.5 cm (2-3 in) below the
#:   high-bar position (the usual coaching description), so about 1 cm below
#:   the glenohumeral centre, and about 8 cm behind the trunk line;
#: - front rack: on the front deltoids, about 2 cm above and 9 cm in front
#:   of the glenohumeral centre (half the shoulder's depth plus the bar);
#: - goblet: the bell's centre at mid-sternum, about 12 cm below the
#:   shoulders and 20 cm in front of the trunk line (half the chest's depth,
#:   about 11 cm, plus half the bell);
#: - hands hanging: the arms hang vertically from the shoulders, so the
#:   load hangs under them, on the trunk line (Winter's glenohumeral
#:   landmark);
#: - reach: under the shoulders, plus the posture's reach in front.
#:
#: The issue that asked for this geometry puts the loads "about 0.2 m in
#: front of or 0.05 m behind the trunk line"; these figures agree.
PLACEMENT_OFFSETS: Final[dict[LoadPlacement, Offset]] = {
    LoadPlacement.HIGH_BAR_BACK: Offset(_per_h(0.05), _per_h(-0.05), 42.0),
    LoadPlacement.LOW_BAR_BACK: Offset(_per_h(-0.01), _per_h(-0.08), 59.5),
    LoadPlacement.FRONT_RACK: Offset(_per_h(0.02), _per_h(0.09), 20.0),
    LoadPlacement.GOBLET: Offset(_per_h(-0.12), _per_h(0.20), 20.0),
    LoadPlacement.HANDS_HANGING: Offset(0.0, 0.0),
    LoadPlacement.HANDS_REACH: Offset(0.0, 0.0),
}

_NO_OFFSET: Final = Offset(0.0, 0.0)


def lever_terms(placement: LoadPlacement) -> tuple[float, float]:
    """Return the load's lever terms: along (times sin) and in front.

    The load's horizontal distance from the joint is, per metre of
    stature, ``(shoulder + along) * sin(lean) + front`` (plus any reach).

    - A load in front of the trunk line (front rack, goblet) is held at
      its offset as a horizontal distance: that is never below the offset
      rigid with the trunk (``across * cos(lean)``), so the moment is never
      understated, and it keeps the moment rising with the lean.
    - A load behind it (bars on the back) shortens the lever: its offset
      is folded into the along term at the placement's reference lean,
      where the result equals the rigid geometry exactly; upright it
      gives no moment (the single extensor cannot hold an extension
      moment), and the moment still rises with the lean.

    Placements that do not load the spine get zeros (their load is 0).
    """
    offset = PLACEMENT_OFFSETS.get(placement, _NO_OFFSET)
    if offset.across_per_h >= 0:
        return offset.along_per_h, offset.across_per_h
    cot = 1.0 / math.tan(math.radians(offset.reference_lean_deg))
    return offset.along_per_h + offset.across_per_h * cot, 0.0


#: `lever_terms` of every placement, computed once.
LEVERS: Final[dict[LoadPlacement, tuple[float, float]]] = {
    placement: lever_terms(placement) for placement in LoadPlacement
}


class JointGeometry(NamedTuple):
    """A joint's levers and orientation, as the kernel uses them.

    Attributes:
        upper_lever_per_h: Joint to the centre of mass above it, along the
            trunk, per stature.
        shoulder_per_h: Joint to the shoulder line, per stature.
        extra_mass_fraction: Mass between L4/L5 and this joint, as a share
            of body mass (0 at L4/L5).
        disc_cos: Cosine of the disc axis's inclination to the trunk line.
        disc_sin: Its sine (0 at L4/L5).
        extensor_shear: Posterior shear per newton of extensor force held
            at the lever (tan 5 degrees).
    """

    upper_lever_per_h: float
    shoulder_per_h: float
    extra_mass_fraction: float
    disc_cos: float
    disc_sin: float
    extensor_shear: float


_EXTENSOR_SHEAR: Final = math.tan(math.radians(k.EXTENSOR_LINE_OF_ACTION_DEG))
_TILT: Final = math.radians(k.SACRAL_SLOPE_DEG)

#: The joints. L4/L5 keeps the model's trunk line as its disc axis; L5/S1
#: sits one lumbar segment lower, carries the slice of the pelvis segment
#: between the two, and its disc is inclined at the sacral slope.
JOINTS: Final[dict[SpineLevel, JointGeometry]] = {
    SpineLevel.L4_L5: JointGeometry(
        upper_lever_per_h=k.UPPER_COM_DISTANCE_PER_H,
        shoulder_per_h=k.SHOULDER_DISTANCE_PER_H,
        extra_mass_fraction=0.0,
        disc_cos=1.0,
        disc_sin=0.0,
        extensor_shear=_EXTENSOR_SHEAR,
    ),
    SpineLevel.L5_S1: JointGeometry(
        upper_lever_per_h=k.UPPER_COM_DISTANCE_L5S1_PER_H,
        shoulder_per_h=k.SHOULDER_DISTANCE_PER_H + k.L5S1_BELOW_L4L5_PER_H,
        extra_mass_fraction=k.MASS_L4L5_TO_L5S1,
        disc_cos=math.cos(_TILT),
        disc_sin=math.sin(_TILT),
        extensor_shear=_EXTENSOR_SHEAR,
    ),
}
