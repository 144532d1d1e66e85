"""Muscle-driven submodels: what muscles add where a support holds the trunk.

A support (the floor, a bench, a backrest) takes the trunk's weight, but
the muscles that lift a leg, hold the pelvis or bridge the body still
load the lumbar spine. Each `Submodel` is a closed-form model of them,
written as a few coefficients (`Coefficients`) of six quantities of the
row: the weight above the joint, body weight times stature, the load and
the load times stature, a size factor for the scaled EMG figure of the
side bridge, and the cable crunch's net moment. `muscle_n` evaluates
them over the kernel's array namespace, so the same lines serve one row
and many. The coefficients are derived here, from the segment table of
``backsafe.spine._constants`` and the constants below; each constant
says where it comes from and which are estimates (see the model page).

Sources (full references on the model page):

- Wilke 1999: H.-J. Wilke, P. Neef, M. Caimi, T. Hoogland, L. E. Claes,
  "New in vivo measurements of pressures in the intervertebral disc in
  daily life", Spine 24(8):755-762 (one 70 kg man, L4/L5).
- Bogduk 1992: N. Bogduk, M. Pearcy, G. Hadfield, "Anatomy and
  biomechanics of psoas major", Clin Biomech 7(2):109-119.
- Santaguida & McGill 1995: P. L. Santaguida, S. M. McGill, "The psoas
  major muscle: a three-dimensional geometric study", J Biomech
  28(3):339-345.
- Juker 1998: D. Juker, S. McGill, P. Kropf, T. Steffen, "Quantitative
  intramuscular myoelectric activity of lumbar portions of psoas and the
  abdominal wall during a wide variety of tasks", Med Sci Sports Exerc
  30(2):301-310.
- Krause Neto 2019: W. Krause Neto, T. L. Vieira, E. F. Gama, "Barbell
  hip thrust, muscular activation and performance: a systematic review",
  J Sports Sci Med 18(2):198-206.
- Jaric 2002: S. Jaric, "Muscle strength testing: use of normalisation
  for body size", Sports Med 32(10):615-631.

Figures marked "recalled" were not re-read in the source; "estimate"
marks a design value with its reasoning; "derived" is computed here.
"""

import functools
import math
from typing import Any, Final, NamedTuple

from backsafe.spine import _constants as k
from backsafe.spine._namespace import plain_zero
from backsafe.spine._submodel_types import Submodel
from backsafe.spine._types import Support

#: A float for one row, or an array of them (as in ``_kernel``).
Numeric = Any

# --- Rest: Wilke 1999, intradiscal pressure at L4/L5 (MPa) ----------------

#: Relaxed standing, the reference (abstract).
WILKE_STANDING_MPA: Final = 0.50
#: Lying supine (recalled from the paper's table; the abstract gives
#: 0.1 MPa lying prone).
WILKE_SUPINE_MPA: Final = 0.10
#: Lying prone (abstract).
WILKE_PRONE_MPA: Final = 0.10
#: Lying laterally (abstract).
WILKE_SIDE_LYING_MPA: Final = 0.12
#: Sitting unsupported (abstract); a check, not a coefficient.
WILKE_SITTING_MPA: Final = 0.46
#: Sitting relaxed ("nonchalant", slouched; abstract); a check.
WILKE_SITTING_SLOUCHED_MPA: Final = 0.30

#: Baseline tone lying, as a share of the weight above the joint: the
#: model's upright standing compression is that weight, so the ratio to
#: standing pressure gives the compression on the same scale (derived).
REST_SUPINE: Final = WILKE_SUPINE_MPA / WILKE_STANDING_MPA
REST_PRONE: Final = WILKE_PRONE_MPA / WILKE_STANDING_MPA
REST_SIDE_LYING: Final = WILKE_SIDE_LYING_MPA / WILKE_STANDING_MPA
#: On hands and knees at rest: no in vivo figure; estimate: the highest
#: lying ratio (side-lying), as the trunk hangs between two supports.
REST_QUADRUPED: Final = REST_SIDE_LYING

# --- Segment lengths (Winter 2009, Fig. 4.1, per stature) -----------------

#: Knee height (recalled from Winter's figure).
WINTER_HEIGHT_KNEE: Final = 0.285
#: Ankle height (Winter's foot height; science.md 4a, seen in secondary).
WINTER_HEIGHT_ANKLE: Final = 0.039
#: Thigh length (science.md 4a, seen in secondary).
WINTER_LENGTH_THIGH: Final = 0.245
#: Centres of mass from the proximal end (Winter 2009, Table 4.1).
WINTER_COM_THIGH: Final = 0.433
WINTER_COM_SHANK: Final = 0.433
WINTER_COM_TOTAL_LEG: Final = 0.447
#: Winter 2009, Table 4.1: one thigh, fraction of body mass.
WINTER_MASS_THIGH: Final = 0.100

#: Shank length, knee to ankle (derived).
SHANK_LENGTH_PER_H: Final = WINTER_HEIGHT_KNEE - WINTER_HEIGHT_ANKLE
#: Whole leg, greater trochanter to ankle (derived).
LEG_LENGTH_PER_H: Final = (
    k.WINTER_HEIGHT_GREATER_TROCHANTER - WINTER_HEIGHT_ANKLE
)
#: Pelvis segment, L4/L5 to the hip (derived in ``_constants``).
PELVIS_LENGTH_PER_H: Final = k.PELVIS_FRACTION * k.TRUNK_LENGTH_PER_H

#: Moment of one straight leg held horizontal about the hip, per body
#: weight and stature (derived): mass x centre of mass x length.
LEG_MOMENT_PER_WH: Final = (
    k.WINTER_MASS_TOTAL_LEG * WINTER_COM_TOTAL_LEG * LEG_LENGTH_PER_H
)
#: Moment of one shank and foot held horizontal about the knee (derived;
#: the foot's centre at the ankle).
LOWER_LEG_MOMENT_PER_WH: Final = (
    k.WINTER_MASS_SHANK * WINTER_COM_SHANK + k.WINTER_MASS_FOOT
) * SHANK_LENGTH_PER_H
#: One thigh held horizontal about the hip (derived).
THIGH_MOMENT_PER_WH: Final = (
    WINTER_MASS_THIGH * WINTER_COM_THIGH * WINTER_LENGTH_THIGH
)

# --- Supine hip flexion: psoas and abdominals -----------------------------

#: Share of the hip-flexion moment the psoas gives (estimate: psoas and
#: iliacus are the prime flexors with similar cross-sections, rectus
#: femoris, sartorius and tensor fasciae latae add the rest; Bogduk 1992,
#: Juker 1998 for psoas activity in leg raises).
PSOAS_SHARE: Final = 0.3
#: Psoas lever about the hip (estimate, recalled: 3-4 cm near full hip
#: extension).
PSOAS_HIP_LEVER_M: Final = 0.035
#: The psoas runs along the lumbar spine, so its force is compression
#: (Santaguida & McGill 1995; Bogduk 1992: large compression and small
#: moments).
#: Rectus abdominis lever about L4/L5 (recalled, McGill's CT-based
#: models: about 8 cm).
ABDOMINAL_LEVER_M: Final = 0.08
#: Compression per newton-metre of hip-flexion moment (derived): the
#: psoas at its lever, and the abdominals holding the pelvis against the
#: other hip flexors' pull (Juker 1998: the abdominals are active in leg
#: raises); 1/m.
HIP_FLEXION_N_PER_NM: Final = (
    PSOAS_SHARE / PSOAS_HIP_LEVER_M + (1 - PSOAS_SHARE) / ABDOMINAL_LEVER_M
)
#: The dead bug's far leg reaches out straight; the near leg at 90/90
#: holds its shank horizontal (derived, in straight legs).
DEAD_BUG_LEGS: Final = 1 + LOWER_LEG_MOMENT_PER_WH / LEG_MOMENT_PER_WH
#: The heel slide: the heel on the floor carries the shank and foot, the
#: hip flexors about half the thigh (estimate, in straight legs).
HEEL_SLIDE_LEGS: Final = 0.5 * THIGH_MOMENT_PER_WH / LEG_MOMENT_PER_WH

# --- Bridges: the body as a beam ------------------------------------------

#: Heel height on a ball for the ball leg curl (estimate: a 55-65 cm
#: ball), and the stature it is taken at (Callaghan 1998's cohort).
BALL_HEEL_HEIGHT_M: Final = 0.60
REFERENCE_HEIGHT_M: Final = 1.76


#: In a bridge the head and arms rest on the floor or bench: the beam
#: carries the thorax and abdomen (Winter's row, C7/T1 to L4/L5, centre
#: of mass 0.63 from C7/T1), whose centre is this far from L4/L5 (derived).
THORAX_ABDOMEN_COM_PER_H: Final = (
    (1 - k.WINTER_COM_THORAX_ABDOMEN)
    * (k.THORAX_FRACTION + k.ABDOMEN_FRACTION)
    * k.TRUNK_LENGTH_PER_H
)


class Beam(NamedTuple):
    """What a bridge's beam puts on L4/L5, per unit of its weights.

    ``moment`` per body weight and stature, ``load_moment`` per newton
    of load and metre of stature (a load at the hips); ``axial`` and
    ``load_axial`` the force along the spine per newton.
    """

    moment: float
    load_moment: float
    axial: float
    load_axial: float


def beam(
    span: float, segments: tuple[tuple[float, float], ...], incline: float
) -> Beam:
    """The moment and axial force at L4/L5 of a body bridged on its shoulders.

    Positions are along the line from the shoulder support, per stature:
    L4/L5 at the shoulder distance, the hips a pelvis length beyond, the
    far support (feet, knees or heels) at *span*. The shoulder support
    carries ``R = sum(m (span - x)) / span`` of the weights (m, x) in
    *segments* (and of the thorax and abdomen); the moment at L4/L5 of the
    forces on the shoulder side is ``R d_s - m_t d_t``, held by the erector
    spinae (a sagging bridge flexes the spine), times ``cos(incline)``;
    the net force they pass through the joint, ``R - m_t``, has the axial
    share ``sin(incline)``. Derived from the segment table.
    """
    d_s, d_u = k.SHOULDER_DISTANCE_PER_H, THORAX_ABDOMEN_COM_PER_H
    upper = k.WINTER_MASS_THORAX_ABDOMEN
    weights = ((upper, d_s - d_u), *segments)
    shoulder = sum(m * (span - x) for m, x in weights) / span
    hips = d_s + PELVIS_LENGTH_PER_H
    load_shoulder = (span - hips) / span
    cos, sin = math.cos(incline), math.sin(incline)
    return Beam(
        moment=(shoulder * d_s - upper * d_u) * cos,
        load_moment=load_shoulder * d_s * cos,
        axial=(shoulder - upper) * sin,
        load_axial=load_shoulder * sin,
    )


def _bridge_beams() -> dict[Submodel, Beam]:
    """The beams of the bridges (derived)."""
    d_s = k.SHOULDER_DISTANCE_PER_H
    hips = d_s + PELVIS_LENGTH_PER_H
    pelvis = (
        k.WINTER_MASS_PELVIS,
        d_s + k.WINTER_COM_PELVIS * PELVIS_LENGTH_PER_H,
    )
    thigh_x = hips + WINTER_COM_THIGH * WINTER_LENGTH_THIGH
    knee = hips + WINTER_LENGTH_THIGH
    thighs = (2 * WINTER_MASS_THIGH, thigh_x)
    # Shoulders on the floor, feet flat: the line to the knees rises by
    # the knee height (derived).
    floor = math.asin(WINTER_HEIGHT_KNEE / knee)
    raised_leg = (
        k.WINTER_MASS_TOTAL_LEG,
        hips + WINTER_COM_TOTAL_LEG * LEG_LENGTH_PER_H,
    )
    heel = hips + LEG_LENGTH_PER_H
    shanks = (
        2 * k.WINTER_MASS_SHANK,
        hips + WINTER_LENGTH_THIGH + WINTER_COM_SHANK * SHANK_LENGTH_PER_H,
    )
    ball = math.asin(BALL_HEEL_HEIGHT_M / (heel * REFERENCE_HEIGHT_M))
    return {
        Submodel.BRIDGE: beam(knee, (pelvis, thighs), floor),
        # One foot down, the other leg straight along the line.
        Submodel.SINGLE_LEG_BRIDGE: beam(
            knee, (pelvis, (WINTER_MASS_THIGH, thigh_x), raised_leg), floor
        ),
        # Shoulders on a bench at knee height: the line is level.
        Submodel.HIP_THRUST: beam(knee, (pelvis, thighs), 0.0),
        Submodel.BALL_LEG_CURL: beam(heel, (pelvis, thighs, shanks), ball),
    }


BEAMS: Final = _bridge_beams()

# --- Seated and lying machines --------------------------------------------

#: The pad sits at 90 % of the shank's length (estimate: just above the
#: ankle).
PAD_LEVER_PER_SHANK: Final = 0.9
#: Share of the pelvis's tilting moment the trunk muscles hold; the seat,
#: backrest, lap or hip pad hold the rest (estimate: a quarter, as the
#: pads pin the pelvis).
PELVIS_HELD_BY_TRUNK: Final = 0.25
#: Rectus femoris: share of the knee-extension moment (estimate, from its
#: share of quadriceps cross-section, about 15 %, recalled) and its lever
#: at the hip over its lever at the knee (estimate: about equal).
RECTUS_FEMORIS_SHARE: Final = 0.15
RECTUS_FEMORIS_LEVER_RATIO: Final = 1.0
#: Hamstrings: share of the knee-flexion moment (estimate: all but the
#: short head of biceps femoris and the gastrocnemius, about 70 %) and
#: lever at the hip over lever at the knee (estimate: about 6 cm / 4 cm).
HAMSTRING_SHARE: Final = 0.7
HAMSTRING_LEVER_RATIO: Final = 1.5
#: Leg press: the sled's rails at 45 degrees, and the share of the push
#: that reaches the backrest through the lumbar spine rather than the
#: pelvis (estimate: a quarter).
LEG_PRESS_SLED_DEG: Final = 45.0
LEG_PRESS_SPINE_SHARE: Final = 0.25

# --- Side-lying ------------------------------------------------------------

#: Share of the abductors' pull on the pelvis the lateral trunk muscles
#: hold (estimate: half; the floor and the trunk's weight the rest), and
#: their lateral lever about L4/L5 (estimate: quadratus lumborum and
#: obliques, 5-10 cm).
LATERAL_HOLD: Final = 0.5
LATERAL_LEVER_M: Final = 0.07


def _side_bridge_knees_ratio() -> float:
    """The side bridge on the knees over the side bridge (derived).

    Both are beams from the elbow (under the shoulder) to the feet or the
    knees; the lateral moment at L4/L5 is what the lateral muscles hold,
    and the published side-bridge compression is taken to scale with it.
    """
    d_s = k.SHOULDER_DISTANCE_PER_H
    hips = d_s + PELVIS_LENGTH_PER_H
    pelvis = (
        k.WINTER_MASS_PELVIS,
        d_s + k.WINTER_COM_PELVIS * PELVIS_LENGTH_PER_H,
    )
    legs = (
        2 * k.WINTER_MASS_TOTAL_LEG,
        hips + WINTER_COM_TOTAL_LEG * LEG_LENGTH_PER_H,
    )
    thighs = (
        2 * WINTER_MASS_THIGH,
        hips + WINTER_COM_THIGH * WINTER_LENGTH_THIGH,
    )
    feet = beam(hips + LEG_LENGTH_PER_H, (pelvis, legs), 0.0)
    knees = beam(hips + WINTER_LENGTH_THIGH, (pelvis, thighs), 0.0)
    return knees.moment / feet.moment


SIDE_BRIDGE_KNEES_RATIO: Final = _side_bridge_knees_ratio()

# --- Body size -------------------------------------------------------------

#: The calibrated floor tasks scale with muscle force at a given
#: activation, which goes with cross-sectional area: mass to the 2/3
#: under geometric similarity (Jaric 2002).
SIZE_EXPONENT: Final = 2.0 / 3.0


class Coefficients(NamedTuple):
    """A submodel's muscle compression, per unit of six row quantities.

    Compression is ``rest W_u + body W H + load_lever L H + load_axial L
    + body_axial W + sized S + cable C``, with ``W_u`` the weight above
    the joint, ``W`` body weight, ``L`` the load's weight, ``H`` stature,
    ``S`` the size factor times nothing else (N), ``C`` the cable
    crunch's muscle force (N). Every coefficient is >= 0.
    """

    rest: Numeric
    body: Numeric
    load_lever: Numeric
    load_axial: Numeric
    body_axial: Numeric
    sized: Numeric
    cable: Numeric


#: Baseline tone by support value (see `REST_SUPINE`): a backrest or a
#: chest pad leave the axial weight on the spine, which is above any
#: lying figure; hanging puts the spine in traction (the legs' weight,
#: about 0.46 of body weight, is more than the lying tone), so 0.
_REST_BY_SUPPORT: Final = {
    Support.SUPINE: REST_SUPINE,
    Support.PRONE: REST_PRONE,
    Support.SIDE_LYING: REST_SIDE_LYING,
    Support.QUADRUPED: REST_QUADRUPED,
}


@functools.cache
def coefficients(
    submodel: Submodel, support: Support, arm_m: float
) -> Coefficients:
    """Return the coefficients of *submodel* on *support* (trusted).

    *arm_m* is the extensor lever of the model's options.
    """
    rest = _REST_BY_SUPPORT.get(support, 0.0)
    body = load_lever = load_axial = body_axial = sized = cable = 0.0
    legs = _HIP_FLEXION_LEGS.get(submodel)
    if legs is not None:
        body = legs * LEG_MOMENT_PER_WH * HIP_FLEXION_N_PER_NM
    bridge = BEAMS.get(submodel)
    if bridge is not None:
        body = max(bridge.moment, 0.0) / arm_m
        load_lever = bridge.load_moment / arm_m
        body_axial = max(bridge.axial, 0.0)
        load_axial = bridge.load_axial
        if submodel is Submodel.SINGLE_LEG_BRIDGE:
            # The raised leg is held by the hip flexors, along the line.
            body += LEG_MOMENT_PER_WH * HIP_FLEXION_N_PER_NM
    pelvis = _PELVIS_N_PER_NM.get(submodel)
    if pelvis is not None:
        per_nm = pelvis / (arm_m if submodel is Submodel.LEG_CURL else 1.0)
        load_lever = per_nm * PAD_LEVER_PER_SHANK * SHANK_LENGTH_PER_H
        body = per_nm * 2 * LOWER_LEG_MOMENT_PER_WH
    if submodel is Submodel.LEG_PRESS:
        load_axial = LEG_PRESS_SPINE_SHARE * math.sin(
            math.radians(LEG_PRESS_SLED_DEG)
        )
    if submodel is Submodel.SIDE_LYING_LEG_LIFT:
        body = LEG_MOMENT_PER_WH * LATERAL_HOLD / LATERAL_LEVER_M
    if submodel is Submodel.SIDE_BRIDGE_KNEES:
        sized = SIDE_BRIDGE_KNEES_RATIO * k.SIDE_BRIDGE_N
        rest = 0.0  # in the published figure
    if submodel is Submodel.CABLE_CRUNCH:
        cable = 1.0
    return Coefficients(
        rest, body, load_lever, load_axial, body_axial, sized, cable
    )


_HIP_FLEXION_LEGS: Final = {
    Submodel.SINGLE_LEG_RAISE: 1.0,
    Submodel.DOUBLE_LEG_RAISE: 2.0,
    Submodel.DEAD_BUG: DEAD_BUG_LEGS,
    Submodel.HEEL_SLIDE: HEEL_SLIDE_LEGS,
}
#: Compression per newton-metre of knee moment, before the trunk lever:
#: the two-joint muscle's share, its hip/knee lever ratio, the share of
#: the pelvis's tilt the trunk holds; the rectus femoris tilts it forward
#: (abdominals hold it, at their lever), the hamstrings back (the
#: erector spinae, at the model's lever, divided in `coefficients`).
_PELVIS_N_PER_NM: Final = {
    Submodel.LEG_EXTENSION: RECTUS_FEMORIS_SHARE
    * RECTUS_FEMORIS_LEVER_RATIO
    * PELVIS_HELD_BY_TRUNK
    / ABDOMINAL_LEVER_M,
    Submodel.LEG_CURL: HAMSTRING_SHARE
    * HAMSTRING_LEVER_RATIO
    * PELVIS_HELD_BY_TRUNK,
}


def muscle_n(  # noqa: PLR0917 (positional: one row is hot)
    xp: Any,
    c: Coefficients,
    upper_n: Numeric,
    mass_kg: Numeric,
    height_m: Numeric,
    load_kg: Numeric,
    sin: Numeric,
    size: Numeric,
    upper_fraction: Numeric,
    arm_m: float,
) -> Numeric:
    """Return the muscle compression of the rows' submodels (numeric).

    The cable crunch: the upper body's flexion moment less the cable's
    extension moment (the cable pulls at the shoulder line), ``sin(lean)
    g H (f m d_u - L d_s)``; a net flexion is held by the erector spinae
    at *arm_m*, a net extension by the abdominals at `ABDOMINAL_LEVER_M`.
    The cable's upward pull on the trunk is left out (conservative).
    """
    g = k.GRAVITY_M_S2
    weight = xp.product(mass_kg, g)
    load = xp.product(load_kg, g)
    weight_h = xp.product(weight, height_m)
    load_h = xp.product(load, height_m)
    parts = [
        xp.product(c.rest, upper_n),
        xp.product(c.body, weight_h),
        xp.product(c.load_lever, load_h),
        xp.product(c.load_axial, load),
        xp.product(c.body_axial, weight),
        xp.product(c.sized, size),
    ]
    if not plain_zero(c.cable):
        net = xp.product(
            sin,
            xp.total(
                (
                    xp.product(
                        upper_fraction, weight_h, k.UPPER_COM_DISTANCE_PER_H
                    ),
                    xp.product(load_h, -k.SHOULDER_DISTANCE_PER_H),
                )
            ),
        )
        held = xp.where(
            net > 0,
            xp.ratio(net, arm_m),
            xp.ratio(net, -ABDOMINAL_LEVER_M),
        )
        parts.append(xp.product(c.cable, held))
    return xp.total(parts)


#: Evidence grade (`Evidence` value) and relative spread, by submodel.
_EVIDENCE: Final = {
    Submodel.REST: ("in-vivo", 0.3),
    Submodel.SIDE_BRIDGE_KNEES: ("emg-assisted", 0.35),
}
_ESTIMATE: Final = ("estimate", 0.5)


def submodel_evidence(submodel: Submodel) -> tuple[str, float]:
    """Return the evidence grade and relative spread of *submodel*.

    REST follows Wilke 1999's in vivo pressures (one subject: +/-30 %);
    the side bridge on the knees scales the EMG-assisted side bridge by a
    derived ratio (+/-35 %); the others are first-principles estimates
    whose constants are estimates (+/-50 %).

    >>> submodel_evidence(Submodel.REST)
    ('in-vivo', 0.3)
    """
    return _EVIDENCE.get(submodel, _ESTIMATE)
