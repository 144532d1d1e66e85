"""Rules of the spine model that mutation testing found unpinned (#15).

Each test kills a surviving mutant of the model (``spine/_model.py``
before the kernel was split out; ``spine/_kernel.py`` and
``spine/_submodels.py`` since) and states the rule of the model it
protects (see docs/reliability.md).
"""

import math

import pytest

import backsafe as bs
from backsafe.spine import _constants as k
from backsafe.spine import _kernel as kernel
from backsafe.spine import _submodels as sub
from backsafe.spine._namespace import SCALAR

BODY = bs.Body(mass_kg=80, height_m=1.78)


def _shear(posture: bs.Posture) -> float:
    return bs.spinal_load(posture, BODY).shear_n


@pytest.mark.parametrize("degrees", [10.0, 30.0, 60.0])
def test_a_held_load_adds_its_weight_along_the_disc_to_shear(
    degrees: float,
) -> None:
    """Free-standing: a load held in the hands shears the disc by m·g·sin θ.

    The load's weight has a component along the disc plane that grows with
    the lean; leaving it out (or adding the weight to it) understates or
    overstates the anterior shear the limits grade.
    """
    lean = bs.TorsoLean(degrees=degrees)
    empty = bs.Posture(lean=lean)
    loaded = bs.Posture(
        lean=lean, load_kg=20, placement=bs.LoadPlacement.HANDS_HANGING
    )
    expected = 20 * k.GRAVITY_M_S2 * math.sin(math.radians(degrees))
    # The extensors that hold the load's moment pull 5 degrees off the disc
    # axis, backward (Cholewicki 1991; issue 10).
    extensor = (
        expected
        * k.SHOULDER_DISTANCE_PER_H
        * BODY.height_m
        / k.EXTENSOR_MOMENT_ARM_L4L5_M
        * math.tan(math.radians(k.EXTENSOR_LINE_OF_ACTION_DEG))
    )
    assert _shear(loaded) - _shear(empty) == pytest.approx(
        expected - extensor, rel=1e-9
    )
    external = bs.spinal_load(loaded, BODY).contribution("external-load")
    assert external is not None
    assert external.shear_n == pytest.approx(expected, rel=1e-9)


def test_a_supported_trunk_carries_no_shear_from_a_load() -> None:
    """Supported: the support takes the load's shear; only the axial part
    reaches the spine, so a loaded supported posture has no shear."""
    supports = [s for s in bs.Support if s is not bs.Support.FREE_STANDING]
    checked = 0
    for support in supports:
        for placement in bs.LoadPlacement:
            if not placement.is_trunk_borne:
                continue
            try:
                posture = bs.Posture(
                    lean=bs.TorsoLean(degrees=45),
                    support=support,
                    load_kg=20,
                    placement=placement,
                )
            except bs.InvalidInputError:
                continue
            load = bs.spinal_load(posture, BODY)
            if load.method is not bs.ModelMethod.SUPPORTED:
                continue
            assert load.shear_n == 0.0
            external = load.contribution("external-load")
            assert external is not None
            assert external.shear_n == 0.0
            checked += 1
    assert checked > 0


@pytest.mark.parametrize(
    ("support", "placement", "graded"),
    [
        (bs.Support.CHEST_SUPPORTED, bs.LoadPlacement.NONE, True),
        (bs.Support.CHEST_SUPPORTED, bs.LoadPlacement.GOBLET, True),
        (bs.Support.CHEST_SUPPORTED, bs.LoadPlacement.PELVIS, False),
        (bs.Support.HANGING, bs.LoadPlacement.NONE, False),
        (bs.Support.FREE_STANDING, bs.LoadPlacement.PELVIS, True),
    ],
)
def test_the_supported_path_grades_only_what_it_computes(
    support: bs.Support, placement: bs.LoadPlacement, graded: bool
) -> None:
    """Supported: the path counts the weight along the spine, so a
    supported trunk with no load or a trunk-borne load is graded; a load
    off the trunk (on the pelvis) or hanging from the hands is a term the
    path lacks, so it is not. Free standing computes a load on the
    pelvis (it hangs below the joint)."""
    posture = bs.Posture(
        lean=bs.TorsoLean(degrees=45),
        support=support,
        load_kg=0 if placement is bs.LoadPlacement.NONE else 20,
        placement=placement,
    )
    assert graded == bs.spinal_load(posture, BODY).is_graded


@pytest.mark.parametrize("load_kg", [0.5, 1.0, 20.0])
def test_any_load_off_the_trunk_leaves_a_supported_row_ungraded(
    load_kg: float,
) -> None:
    """Supported: a load on the pelvis is a term the path lacks however
    light (half a kilogram as 20 kg), one row at a time or in a chunk
    that mixes it with a trunk-borne load; with no load the row is
    graded."""
    rows = [
        (bs.LoadPlacement.PELVIS, load_kg),
        (bs.LoadPlacement.GOBLET, load_kg),
        (bs.LoadPlacement.PELVIS, 0.0),
    ]
    expected = [False, True, True]
    one_at_a_time = [
        bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=45),
                support=bs.Support.CHEST_SUPPORTED,
                load_kg=load,
                placement=placement,
            ),
            BODY,
        ).is_graded
        for placement, load in rows
    ]
    found = bs.spinal_load_many(
        lean_deg=45.0,
        mass_kg=BODY.mass_kg,
        height_m=BODY.height_m,
        load_kg=[load for _, load in rows],
        placement=[placement.value for placement, _ in rows],
        support=bs.Support.CHEST_SUPPORTED.value,
    )
    in_a_chunk = [code != kernel.UNGRADED for code in found.level]
    assert expected == one_at_a_time
    assert expected == in_a_chunk


@pytest.mark.parametrize(
    "support", sorted(set(bs.Support) - {bs.Support.HANGING})
)
def test_only_hanging_from_the_hands_is_hanging(support: bs.Support) -> None:
    """Hanging is the one support whose unloaded row the supported path
    cannot grade (the stretched spine's muscles are not modelled); every
    other support, unloaded, is graded (the support's order among the
    others must not decide it)."""
    posture = bs.Posture(lean=bs.TorsoLean(degrees=0), support=support)
    assert bs.spinal_load(posture, BODY).is_graded
    assert not kernel.is_hanging(support)
    assert kernel.is_hanging(bs.Support.HANGING)


@pytest.mark.parametrize("placement", [bs.LoadPlacement.GOBLET, None])
def test_at_one_g_upward_the_weights_count_twice(
    placement: bs.LoadPlacement | None,
) -> None:
    """Movement: an upward acceleration *a* scales the free-standing
    weights by 1 + a / g, up to the largest allowed, 1 g, where the upper
    body's and the load's moment and compression double."""
    posture = bs.Posture(
        lean=bs.TorsoLean(degrees=30),
        load_kg=0.0 if placement is None else 20.0,
        placement=placement or bs.LoadPlacement.NONE,
    )
    still = bs.spinal_load(posture, BODY)
    moving = bs.spinal_load(
        posture, BODY, acceleration_m_s2=k.MAX_ACCELERATION_M_S2
    )
    assert 2 * still.moment_nm == pytest.approx(moving.moment_nm, rel=1e-12)
    for source in ("upper-body", "external-load"):
        before, after = still.contribution(source), moving.contribution(source)
        if before is None or after is None:
            assert placement is None
            continue
        assert 2 * before.compression_n == pytest.approx(
            after.compression_n, rel=1e-12
        )


@pytest.mark.parametrize(
    ("joint", "arm_m"),
    [(bs.SpineLevel.L4_L5, 0.06), (bs.SpineLevel.L5_S1, 0.05)],
)
def test_each_joint_has_its_own_extensor_lever(
    joint: bs.SpineLevel, arm_m: float
) -> None:
    """The extensors' moment arm is 6 cm at L4/L5 and 5 cm at L5/S1: a
    shorter lever at the lower joint needs more muscle force for the same
    moment (the string order of the levels must not pick the lever)."""
    assert arm_m == pytest.approx(kernel.default_moment_arm_m(joint))
    assert {
        bs.SpineLevel.L4_L5: k.EXTENSOR_MOMENT_ARM_L4L5_M,
        bs.SpineLevel.L5_S1: k.EXTENSOR_MOMENT_ARM_L5S1_M,
    }[joint] == kernel.default_moment_arm_m(joint)


def test_the_submodels_count_both_lower_legs_and_hold_at_their_levers() -> (
    None
):
    """Submodels, first principles (the muscle terms the mutants moved):

    - a side-lying leg lift: the abductors hold the leg's moment (its
      weight's share in the lateral hold) at their lever, so the force is
      the moment divided by the 7 cm lever, never added to it;
    - the leg curl and the leg extension: the pelvis holds the moment of
      both lower legs (two of them, not one or three);
    - the ball leg curl: both shanks rest on the ball, their mass centre a
      share of the shank's length past the knee (a product, not a floor
      division).
    """
    arm = kernel.default_moment_arm_m(bs.SpineLevel.L4_L5)
    lateral = sub.coefficients(
        bs.Submodel.SIDE_LYING_LEG_LIFT, bs.Support.SIDE_LYING, arm
    )
    assert lateral.body == pytest.approx(
        sub.LEG_MOMENT_PER_WH * sub.LATERAL_HOLD / sub.LATERAL_LEVER_M
    )
    for submodel in (bs.Submodel.LEG_CURL, bs.Submodel.LEG_EXTENSION):
        found = sub.coefficients(submodel, bs.Support.PRONE, arm)
        per_nm = sub._PELVIS_N_PER_NM[submodel] / (
            arm if submodel is bs.Submodel.LEG_CURL else 1.0
        )
        assert found.body == pytest.approx(
            per_nm * 2 * sub.LOWER_LEG_MOMENT_PER_WH
        )
    hips = k.SHOULDER_DISTANCE_PER_H + sub.PELVIS_LENGTH_PER_H
    shanks_x = (
        hips
        + sub.WINTER_LENGTH_THIGH
        + sub.WINTER_COM_SHANK * sub.SHANK_LENGTH_PER_H
    )
    assert (
        hips + sub.WINTER_LENGTH_THIGH
        < shanks_x
        < (hips + sub.WINTER_LENGTH_THIGH + sub.SHANK_LENGTH_PER_H)
    )
    pelvis = (
        k.WINTER_MASS_PELVIS,
        k.SHOULDER_DISTANCE_PER_H
        + k.WINTER_COM_PELVIS * sub.PELVIS_LENGTH_PER_H,
    )
    thighs = (
        2 * sub.WINTER_MASS_THIGH,
        hips + sub.WINTER_COM_THIGH * sub.WINTER_LENGTH_THIGH,
    )
    heel = hips + sub.LEG_LENGTH_PER_H
    ball = math.asin(sub.BALL_HEEL_HEIGHT_M / (heel * sub.REFERENCE_HEIGHT_M))
    expected = sub.beam(
        heel, (pelvis, thighs, (2 * k.WINTER_MASS_SHANK, shanks_x)), ball
    )
    assert sub.BEAMS[bs.Submodel.BALL_LEG_CURL] == pytest.approx(expected)


def test_the_submodels_inputs_are_their_sources_figures() -> None:
    """The submodels' inputs as their sources give them, and the lengths
    and moments derived from them, computed here by hand:

    - Wilke et al. 1999 (abstract): intradiscal pressure standing 0.50
      MPa, sitting unsupported 0.46, sitting relaxed 0.30, lying prone
      0.10, lying laterally 0.12 (supine 0.10, from the paper's table);
    - Winter 2009, Table 4.1, per stature or body mass: knee height
      0.285, ankle height 0.039, thigh length 0.245, one thigh 0.100 of
      body mass with its centre 0.433 from the hip, the shank's centre
      0.433 from the knee, the whole leg's 0.447 from the hip;
    - the estimates: a 60 cm ball (55-65 cm) at 1.76 m of stature, the
      trunk holding a quarter of the pelvis's tilt, the rectus femoris's
      15 % share at a hip/knee lever ratio of 1;
    - derived: the shank is 0.285 - 0.039 = 0.246 of stature; one thigh
      held out is 0.100 x 0.433 x 0.245 per body weight and stature; the
      dead bug's legs are one straight leg plus a shank held out.
    """
    wilke = (
        sub.WILKE_STANDING_MPA,
        sub.WILKE_SITTING_MPA,
        sub.WILKE_SITTING_SLOUCHED_MPA,
        sub.WILKE_PRONE_MPA,
        sub.WILKE_SIDE_LYING_MPA,
        sub.WILKE_SUPINE_MPA,
    )
    assert (0.50, 0.46, 0.30, 0.10, 0.12, 0.10) == wilke
    winter = (
        sub.WINTER_HEIGHT_KNEE,
        sub.WINTER_HEIGHT_ANKLE,
        sub.WINTER_LENGTH_THIGH,
        sub.WINTER_MASS_THIGH,
        sub.WINTER_COM_THIGH,
        sub.WINTER_COM_SHANK,
        sub.WINTER_COM_TOTAL_LEG,
    )
    assert (0.285, 0.039, 0.245, 0.100, 0.433, 0.433, 0.447) == winter
    estimates = (
        sub.BALL_HEEL_HEIGHT_M,
        sub.REFERENCE_HEIGHT_M,
        sub.PELVIS_HELD_BY_TRUNK,
        sub.RECTUS_FEMORIS_SHARE,
        sub.RECTUS_FEMORIS_LEVER_RATIO,
    )
    assert (0.60, 1.76, 0.25, 0.15, 1.0) == estimates
    assert pytest.approx(0.246) == sub.SHANK_LENGTH_PER_H
    assert pytest.approx(0.100 * 0.433 * 0.245) == sub.THIGH_MOMENT_PER_WH
    shank = (k.WINTER_MASS_SHANK * 0.433 + k.WINTER_MASS_FOOT) * 0.246
    leg = (
        k.WINTER_MASS_TOTAL_LEG
        * 0.447
        * (k.WINTER_HEIGHT_GREATER_TROCHANTER - 0.039)
    )
    assert pytest.approx(shank) == sub.LOWER_LEG_MOMENT_PER_WH
    assert pytest.approx(leg) == sub.LEG_MOMENT_PER_WH
    assert pytest.approx(1 + shank / leg) == sub.DEAD_BUG_LEGS


@pytest.mark.parametrize("submodel", sorted(sub.BEAMS))
def test_a_bridges_moment_and_axial_force_share_one_reaction(
    submodel: bs.Submodel,
) -> None:
    """A bridge's beam: the shoulder support's reaction *R* gives both
    the moment at L4/L5, (*R* d_s - m_t d_t) cos(incline), and the force
    the erector spinae pass along the spine, (*R* - m_t) sin(incline);
    the load's shares follow its own reaction alike. Read back from the
    moment, *R* gives the axial force; and the coefficients take the
    beam's axial force as it is (0 at least)."""
    found = sub.BEAMS[submodel]
    d_s, d_t = k.SHOULDER_DISTANCE_PER_H, sub.THORAX_ABDOMEN_COM_PER_H
    upper = k.WINTER_MASS_THORAX_ABDOMEN
    incline = math.atan2(found.load_axial * d_s, found.load_moment)
    reaction = (found.moment / math.cos(incline) + upper * d_t) / d_s
    assert (reaction - upper) * math.sin(incline) == pytest.approx(
        found.axial, abs=1e-12
    )
    support = bs.Support.SUPINE
    coefficients = sub.coefficients(submodel, support, 0.06)
    assert max(found.axial, 0.0) == coefficients.body_axial


def test_the_single_leg_bridge_holds_one_leg_out_along_the_line() -> None:
    """The single-leg bridge: one foot down (the pelvis and one thigh to
    the knee), the other leg straight along the line, its centre 0.447
    of the leg's length beyond the hips (Winter 2009)."""
    d_s = k.SHOULDER_DISTANCE_PER_H
    hips = d_s + sub.PELVIS_LENGTH_PER_H
    knee = hips + sub.WINTER_LENGTH_THIGH
    pelvis = (
        k.WINTER_MASS_PELVIS,
        d_s + k.WINTER_COM_PELVIS * sub.PELVIS_LENGTH_PER_H,
    )
    thigh = (sub.WINTER_MASS_THIGH, hips + 0.433 * sub.WINTER_LENGTH_THIGH)
    leg = (k.WINTER_MASS_TOTAL_LEG, hips + 0.447 * sub.LEG_LENGTH_PER_H)
    floor = math.asin(sub.WINTER_HEIGHT_KNEE / knee)
    expected = sub.beam(knee, (pelvis, thigh, leg), floor)
    assert sub.BEAMS[bs.Submodel.SINGLE_LEG_BRIDGE] == pytest.approx(expected)


def test_the_cable_crunch_counts_its_cable_once() -> None:
    """The cable crunch: the muscle force that pulls the cable is counted
    once, as it is (a coefficient of 1 on the cable's force)."""
    found = sub.coefficients(
        bs.Submodel.CABLE_CRUNCH, bs.Support.QUADRUPED, 0.06
    )
    assert 1.0 == found.cable


@pytest.mark.parametrize("net_nm", [-0.5, 0.5, 2.0])
def test_the_cable_crunch_holds_a_small_net_moment_either_way(
    net_nm: float,
) -> None:
    """The cable crunch: near the load that balances the upper body, a
    small net flexion is held by the erector spinae (at the 6 cm lever)
    and a small net extension by the abdominals (at 8 cm): the held
    force grows from 0 on both sides and is never negative, whichever
    side of 1 N m the net moment is."""
    arm, lean = 0.06, math.radians(60)
    body_n = BODY.mass_kg * k.GRAVITY_M_S2
    upper = kernel.upper_mass_fraction(bs.Anthropometrics.WINTER, None)
    # The cable's weight that leaves *net_nm* of flexion (sin g H (f m d_u
    # - L d_s) = net).
    load_n = (
        upper * body_n * k.UPPER_COM_DISTANCE_PER_H
        - net_nm / (math.sin(lean) * BODY.height_m)
    ) / k.SHOULDER_DISTANCE_PER_H
    cable = sub.Coefficients(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    held = sub.muscle_n(
        SCALAR,
        cable,
        upper * body_n,
        BODY.mass_kg,
        BODY.height_m,
        load_n / k.GRAVITY_M_S2,
        math.sin(lean),
        1.0,
        upper,
        arm,
    )
    lever = arm if net_nm > 0 else sub.ABDOMINAL_LEVER_M
    assert abs(net_nm) / lever == pytest.approx(held, rel=1e-6)
    assert held > 0


def test_the_single_leg_bridges_raised_leg_is_held_by_the_hip_flexors() -> (
    None
):
    """The single-leg bridge adds to the bridge's beam the raised leg,
    held straight by the hip flexors: one leg's moment times their
    compression per newton-metre."""
    found = sub.coefficients(
        bs.Submodel.SINGLE_LEG_BRIDGE, bs.Support.SUPINE, 0.06
    )
    beam = sub.BEAMS[bs.Submodel.SINGLE_LEG_BRIDGE]
    assert found.body == pytest.approx(
        beam.moment / 0.06 + sub.LEG_MOMENT_PER_WH * sub.HIP_FLEXION_N_PER_NM
    )


def test_the_submodels_estimates_and_derived_levers() -> None:
    """Submodels, the stated estimates and a derived lever:

    - the lateral trunk muscles hold half the abductors' pull, at a
      lever of 7 cm about L4/L5 (within the 5-10 cm of quadratus
      lumborum and the obliques);
    - a bridge's thorax and abdomen have their mass centre 0.37 of their
      length (from C7/T1, 0.63) above L4/L5: a product of shares of the
      trunk, so within the trunk.
    """
    assert (0.5, 0.07) == (sub.LATERAL_HOLD, sub.LATERAL_LEVER_M)
    above = (
        (1 - k.WINTER_COM_THORAX_ABDOMEN)
        * (k.THORAX_FRACTION + k.ABDOMEN_FRACTION)
        * k.TRUNK_LENGTH_PER_H
    )
    assert sub.THORAX_ABDOMEN_COM_PER_H == pytest.approx(above)
    assert 0 < sub.THORAX_ABDOMEN_COM_PER_H < k.TRUNK_LENGTH_PER_H


def test_the_submodels_derived_moments_and_shares() -> None:
    """Submodels, the derived quantities (each a product or a ratio of
    Winter's segment data, never another operation):

    - one shank and foot held horizontal about the knee: the shank's mass
      at its centre plus the foot's at the ankle, times the shank length;
    - the heel slide: half a thigh's moment, as a share of a straight
      leg's (under one leg);
    - the leg curl: the hamstrings' share times their lever ratio times
      the pelvis share the trunk holds; only the leg curl is per metre of
      the extensors' lever;
    - the leg press: a quarter of the sled's push, at 45 degrees, along
      the spine;
    - a bridge: the line from the shoulders to the knees rises by the
      knee's height over that distance.
    """
    lower_leg = (
        k.WINTER_MASS_SHANK * sub.WINTER_COM_SHANK + k.WINTER_MASS_FOOT
    ) * sub.SHANK_LENGTH_PER_H
    assert sub.LOWER_LEG_MOMENT_PER_WH == pytest.approx(lower_leg)
    heel = 0.5 * sub.THIGH_MOMENT_PER_WH / sub.LEG_MOMENT_PER_WH
    assert sub.HEEL_SLIDE_LEGS == pytest.approx(heel)
    assert 0 < sub.HEEL_SLIDE_LEGS < 1
    curl = (
        sub.HAMSTRING_SHARE
        * sub.HAMSTRING_LEVER_RATIO
        * sub.PELVIS_HELD_BY_TRUNK
    )
    pelvis_n = sub._PELVIS_N_PER_NM
    assert pelvis_n[bs.Submodel.LEG_CURL] == pytest.approx(curl)
    arm = kernel.default_moment_arm_m(bs.SpineLevel.L4_L5)
    for submodel, per in (
        (bs.Submodel.LEG_CURL, pelvis_n[bs.Submodel.LEG_CURL] / arm),
        (bs.Submodel.LEG_EXTENSION, pelvis_n[bs.Submodel.LEG_EXTENSION]),
    ):
        found = sub.coefficients(submodel, bs.Support.PRONE, arm)
        assert found.body == pytest.approx(
            per * 2 * sub.LOWER_LEG_MOMENT_PER_WH
        )
        # The pad sits at 90 % of the shank: the load's lever.
        assert found.load_lever == pytest.approx(
            per * 0.9 * sub.SHANK_LENGTH_PER_H
        )
    press = sub.coefficients(bs.Submodel.LEG_PRESS, bs.Support.SUPINE, arm)
    assert press.load_axial == pytest.approx(0.25 * math.sin(math.pi / 4))
    hips = k.SHOULDER_DISTANCE_PER_H + sub.PELVIS_LENGTH_PER_H
    knee = hips + sub.WINTER_LENGTH_THIGH
    bridge = sub.BEAMS[bs.Submodel.BRIDGE]
    flat = sub.BEAMS[bs.Submodel.HIP_THRUST]  # the same beam, level
    rise = math.asin(sub.WINTER_HEIGHT_KNEE / knee)
    assert bridge.load_moment == pytest.approx(
        flat.load_moment * math.cos(rise)
    )


def test_many_rows_at_once_give_each_rows_own_load() -> None:
    """The batch path computes the same equations as one posture at a
    time, whatever the mix of rows in a chunk: free standing and
    supported rows, with and without a load, a submodel, and chunks of
    one row or of all of them."""
    rows = [
        (30.0, 0.0, bs.LoadPlacement.NONE, bs.Support.FREE_STANDING, None),
        (45.0, 20.0, bs.LoadPlacement.GOBLET, bs.Support.FREE_STANDING, None),
        (
            60.0,
            10.0,
            bs.LoadPlacement.HANDS_HANGING,
            bs.Support.FREE_STANDING,
            None,
        ),
        (
            45.0,
            20.0,
            bs.LoadPlacement.GOBLET,
            bs.Support.CHEST_SUPPORTED,
            None,
        ),
        (
            90.0,
            0.0,
            bs.LoadPlacement.NONE,
            bs.Support.SUPINE,
            bs.Submodel.BRIDGE,
        ),
    ]
    expected = [
        bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=lean),
                load_kg=load,
                placement=placement,
                support=support,
                submodel=submodel,
            ),
            BODY,
        )
        for lean, load, placement, support, submodel in rows
    ]
    for chunk_rows in (1, len(rows)):
        found = bs.spinal_load_many(
            lean_deg=[r[0] for r in rows],
            mass_kg=BODY.mass_kg,
            height_m=BODY.height_m,
            load_kg=[r[1] for r in rows],
            placement=[r[2].value for r in rows],
            support=[r[3].value for r in rows],
            submodel=[None if r[4] is None else r[4].value for r in rows],
            chunk_rows=chunk_rows,
        )
        for name in ("compression_n", "shear_n", "moment_nm"):
            assert list(getattr(found, name)) == pytest.approx(
                [getattr(e, name) for e in expected], rel=1e-9
            ), name


@pytest.mark.parametrize(
    ("support", "low", "high"),
    [
        (bs.Support.FREE_STANDING, 0.15, 0.30),
        (bs.Support.CHEST_SUPPORTED, 0.30, 0.30),
    ],
)
def test_the_band_spreads_below_and_above_the_estimate(
    support: bs.Support, low: float, high: float
) -> None:
    """The band the compression may lie in is the estimate less its low
    spread and plus its high spread (free standing 15 % below and 30 %
    above; supported 30 % either way), never a share of the estimate."""
    posture = bs.Posture(lean=bs.TorsoLean(degrees=45), support=support)
    load = bs.spinal_load(posture, BODY)
    assert load.compression_low_n == pytest.approx(
        load.compression_n * (1 - low)
    )
    assert load.compression_high_n == pytest.approx(
        load.compression_n * (1 + high)
    )


def test_the_machines_estimates_and_the_side_bridge_on_the_knees() -> None:
    """Submodels, the machines' stated estimates and a derived ratio:

    - the trunk holds a quarter of the pelvis's tilting moment; the
      rectus femoris takes 15 % of the knee-extension moment at an equal
      lever, the hamstrings 70 % of the knee flexion at 1.5 times the
      lever; the leg extension's pelvis term is their product over the
      8 cm abdominal lever;
    - the side bridge on the knees, derived from the two beams (elbow to
      feet, elbow to knees), is 0.734 of the full side bridge (a pin of
      the derivation: changing it must change this figure knowingly).
    """
    assert (0.25, 0.15, 1.0, 0.7, 1.5, 0.08) == (
        sub.PELVIS_HELD_BY_TRUNK,
        sub.RECTUS_FEMORIS_SHARE,
        sub.RECTUS_FEMORIS_LEVER_RATIO,
        sub.HAMSTRING_SHARE,
        sub.HAMSTRING_LEVER_RATIO,
        sub.ABDOMINAL_LEVER_M,
    )
    extension = sub._PELVIS_N_PER_NM[bs.Submodel.LEG_EXTENSION]
    assert extension == pytest.approx(0.15 * 1.0 * 0.25 / 0.08)
    assert sub._PELVIS_N_PER_NM[bs.Submodel.LEG_CURL] == pytest.approx(
        0.7 * 1.5 * 0.25
    )
    assert sub.SIDE_BRIDGE_KNEES_RATIO == pytest.approx(0.7344367473, rel=1e-9)
