"""The model's geometry (issue 10): placements, disc axes, L5/S1, movement.

Properties of the placement offsets, the disc-axis shear, the L5/S1 levers
and inclination, the acceleration option and the Dortmund limits, and the
published figures they use (docs/validation.md, "Geometry").
"""

import math
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _constants as k
from backsafe.spine import _dortmund, _geometry

from .strategies import (
    TRUNK_BORNE,
    bodies,
    loads_kg,
    posture_rows,
    postures,
    torso_leans,
)
from .test_batch import _assert_same, _posture_columns

BODY = bs.Body(mass_kg=80, height_m=1.78)
JOINTS = st.sampled_from(list(bs.SpineLevel))
ACCELERATIONS = st.floats(0.0, k.MAX_ACCELERATION_M_S2)
P = bs.LoadPlacement
BAD = [float("nan"), float("inf"), float("-inf"), -1.0, "80", None]


def _posture(
    degrees: float,
    load_kg: float = 0.0,
    placement: bs.LoadPlacement = P.NONE,
    support: bs.Support = bs.Support.FREE_STANDING,
) -> bs.Posture:
    return bs.Posture(
        lean=bs.TorsoLean(degrees=degrees),
        load_kg=load_kg,
        placement=placement,
        support=support,
    )


def _on(posture: bs.Posture, body: bs.Body, **options: Any) -> bs.SpinalLoad:
    """spinal_load with the placement offsets on."""
    return bs.spinal_load(posture, body, placement_offsets=True, **options)


def _load_moment(load: bs.SpinalLoad) -> float:
    external = load.contribution("external-load")
    return 0.0 if external is None else external.moment_nm


class TestPlacements:
    @given(
        body=bodies(),
        a=torso_leans(),
        b=torso_leans(),
        load=loads_kg(),
        placement=st.sampled_from(TRUNK_BORNE),
        joint=JOINTS,
    )
    def test_moment_never_decreases_with_lean_at_either_joint(
        self,
        body: bs.Body,
        a: bs.TorsoLean,
        b: bs.TorsoLean,
        load: float,
        placement: bs.LoadPlacement,
        joint: bs.SpineLevel,
    ) -> None:
        """Every placement's moment rises with the lean, at both joints."""
        low, high = sorted([a.degrees, b.degrees])

        m_low = _on(_posture(low, load, placement), body, joint=joint)
        m_high = _on(_posture(high, load, placement), body, joint=joint)

        assert m_low.moment_nm <= m_high.moment_nm * (1 + 1e-12)

    @given(
        body=bodies(),
        lean=torso_leans(),
        a=loads_kg(),
        b=loads_kg(),
        placement=st.sampled_from(TRUNK_BORNE),
        joint=JOINTS,
    )
    def test_more_load_never_lowers_moment_or_compression(
        self,
        body: bs.Body,
        lean: bs.TorsoLean,
        a: float,
        b: float,
        placement: bs.LoadPlacement,
        joint: bs.SpineLevel,
    ) -> None:
        """More trunk-borne load never lowers the moment or compression."""
        low, high = sorted([a, b])
        light = _posture(lean.degrees, low, placement)
        heavy = attrs.evolve(light, load_kg=high)

        one = _on(light, body, joint=joint)
        two = _on(heavy, body, joint=joint)

        assert one.moment_nm <= two.moment_nm * (1 + 1e-12)
        assert one.compression_n <= two.compression_n * (1 + 1e-12)

    @given(
        body=bodies(),
        lean=torso_leans(min_value=0.5, max_value=50.0),
        load=loads_kg(min_value=1.0),
        joint=JOINTS,
    )
    def test_placements_rank_as_their_geometry(
        self,
        body: bs.Body,
        lean: bs.TorsoLean,
        load: float,
        joint: bs.SpineLevel,
    ) -> None:
        """At the same lean and load: goblet > front rack > hands > bars.

        The goblet sits 20 cm in front of the trunk line and the front
        rack 9 cm; hands hang on the line; the high bar sits 5 cm behind
        it (and 5 cm above the shoulders), the low bar 8 cm behind. Beyond
        about 52 degrees the front rack's longer lever along the trunk
        overtakes the goblet's.
        """
        moments = {
            p: _load_moment(
                _on(_posture(lean.degrees, load, p), body, joint=joint)
            )
            for p in (
                P.GOBLET,
                P.FRONT_RACK,
                P.HANDS_HANGING,
                P.HIGH_BAR_BACK,
                P.LOW_BAR_BACK,
            )
        }

        assert (
            moments[P.GOBLET]
            > moments[P.FRONT_RACK]
            > moments[P.HANDS_HANGING]
            > moments[P.HIGH_BAR_BACK]
            > moments[P.LOW_BAR_BACK]
            > 0
        )

    @given(posture=postures(), body=bodies())
    def test_by_default_every_load_sits_at_its_offsets(
        self, posture: bs.Posture, body: bs.Body
    ) -> None:
        """On by default: the default is ``placement_offsets=True``."""
        assert bs.spinal_load(posture, body) == _on(posture, body)

    @given(
        body=bodies(),
        lean=torso_leans(),
        load=loads_kg(),
        placement=st.sampled_from(TRUNK_BORNE),
    )
    def test_off_every_load_sits_on_the_shoulder_line(
        self,
        body: bs.Body,
        lean: bs.TorsoLean,
        load: float,
        placement: bs.LoadPlacement,
    ) -> None:
        """``placement_offsets=False``: the first edition's geometry."""
        posture = _posture(lean.degrees, load, placement)
        off = bs.spinal_load(posture, body, placement_offsets=False)
        on_line = bs.spinal_load(
            _posture(lean.degrees, load, P.HANDS_HANGING),
            body,
            placement_offsets=False,
        )
        lever = (
            k.SHOULDER_DISTANCE_PER_H
            * body.height_m
            * math.sin(math.radians(lean.degrees))
        )

        assert off == on_line
        assert _load_moment(off) == pytest.approx(
            load * k.GRAVITY_M_S2 * lever, rel=1e-12, abs=1e-9
        )

    @given(
        body=bodies(),
        lean=torso_leans(min_value=0.5),
        load=loads_kg(min_value=1.0),
        joint=JOINTS,
    )
    def test_loads_in_front_above_high_bar_above_low_bar(
        self,
        body: bs.Body,
        lean: bs.TorsoLean,
        load: float,
        joint: bs.SpineLevel,
    ) -> None:
        """At any one lean and load: goblet, front rack > high > low bar."""
        moments = {
            p: _load_moment(
                _on(_posture(lean.degrees, load, p), body, joint=joint)
            )
            for p in (P.GOBLET, P.FRONT_RACK, P.HIGH_BAR_BACK, P.LOW_BAR_BACK)
        }
        total = {
            p: _on(_posture(lean.degrees, load, p), body, joint=joint)
            for p in moments
        }

        assert (
            min(moments[P.GOBLET], moments[P.FRONT_RACK])
            > (moments[P.HIGH_BAR_BACK])
        )
        assert moments[P.HIGH_BAR_BACK] > moments[P.LOW_BAR_BACK] > 0
        assert (
            total[P.HIGH_BAR_BACK].moment_nm > total[P.LOW_BAR_BACK].moment_nm
        )

    @pytest.mark.parametrize("bad", [None, 1, "yes", 0.0])
    def test_bad_offsets_option(self, bad: Any) -> None:
        """placement_offsets must be a bool."""
        with pytest.raises(bs.InvalidInputError, match=r"placement_offsets"):
            bs.spinal_load(_posture(10), BODY, placement_offsets=bad)

    def test_offsets_are_the_issues_figures(self) -> None:
        """The loads sit about 0.2 m in front of or 0.05 m behind the line.

        For the 1.78 m reference adult (estimates, see _geometry).
        """
        h = k.GEOMETRY_REFERENCE_HEIGHT_M
        offsets = _geometry.PLACEMENT_OFFSETS

        assert 0.20 == pytest.approx(offsets[P.GOBLET].across_per_h * h)
        assert -0.05 == pytest.approx(
            offsets[P.HIGH_BAR_BACK].across_per_h * h
        )
        assert -0.08 == pytest.approx(offsets[P.LOW_BAR_BACK].across_per_h * h)
        assert 0.0 == offsets[P.HANDS_HANGING].across_per_h

    @pytest.mark.parametrize("placement", [P.HIGH_BAR_BACK, P.LOW_BAR_BACK])
    def test_a_bar_behind_is_exact_at_its_reference_lean(
        self, placement: bs.LoadPlacement
    ) -> None:
        """At its reference lean a back bar's lever is the rigid geometry."""
        offset = _geometry.PLACEMENT_OFFSETS[placement]
        lean = offset.reference_lean_deg
        sin, cos = math.sin(math.radians(lean)), math.cos(math.radians(lean))
        rigid = (
            (k.SHOULDER_DISTANCE_PER_H + offset.along_per_h) * sin
            + offset.across_per_h * cos
        ) * BODY.height_m

        load = _on(_posture(lean, 50, placement), BODY)

        assert rigid * 50 * k.GRAVITY_M_S2 == pytest.approx(
            _load_moment(load), rel=1e-12
        )

    def test_squats_at_one_lean_differ(self) -> None:
        """High bar, low bar, front rack and goblet: four moments at 40°."""
        moments = {
            round(_on(_posture(40, 40, p), BODY).moment_nm, 6)
            for p in (P.HIGH_BAR_BACK, P.LOW_BAR_BACK, P.FRONT_RACK, P.GOBLET)
        }

        assert len(moments) == 4


#: The three personas of the catalog's order (mass kg, stature m).
PERSONAS = [(62, 1.65), (80, 1.78), (110, 1.85)]
#: The squats whose leans are derived with the offsets, and the shank's
#: forward inclination each is derived at (the model page, "Where the load
#: sits"; calibrated estimates).
SHANKS = {
    "front-squat": (P.FRONT_RACK, 33.0),
    "high-bar-back-squat": (P.HIGH_BAR_BACK, 22.0),
    "low-bar-back-squat": (P.LOW_BAR_BACK, 15.0),
}


def _balanced_lean(placement: bs.LoadPlacement, shank_deg: float) -> float:
    """The lean that puts the load over the mid-foot at parallel.

    ``(L + a) sin t + c cos t = D``, with L hip to shoulder, a and c the
    placement's offsets, D the mid-foot's distance in front of the hip:
    a quarter foot length ahead of the ankle, plus the thigh, less the
    shank's forward lean (Winter's lengths, per stature).
    """
    offset = _geometry.PLACEMENT_OFFSETS[placement]
    hip_to_shoulder = k.TRUNK_LENGTH_PER_H + offset.along_per_h
    thigh = k.WINTER_HEIGHT_GREATER_TROCHANTER - 0.285
    shank = 0.285 - 0.039
    ahead = thigh + 0.25 * 0.152 - shank * math.sin(math.radians(shank_deg))
    radius = math.hypot(hip_to_shoulder, offset.across_per_h)
    phase = math.atan2(offset.across_per_h, hip_to_shoulder)
    return math.degrees(math.asin(ahead / radius) - phase)


class TestCatalogSquats:
    @pytest.mark.parametrize("slug", sorted(SHANKS))
    def test_typical_lean_is_the_balance_lean(self, slug: str) -> None:
        """Each squat's typical lean puts its bar over the mid-foot.

        The middle of its range within half a degree of the lean at its
        shank angle; the range's ends within a degree of +/- 5 degrees of
        shank; a back bar's reference lean is the typical lean.
        """
        placement, shank = SHANKS[slug]
        exercise = bs.catalog.get(slug)

        assert exercise.placement is placement
        assert exercise.typical_lean.degrees == pytest.approx(
            _balanced_lean(placement, shank), abs=0.5
        )
        assert exercise.lean_min.degrees == pytest.approx(
            _balanced_lean(placement, shank + 5), abs=1.0
        )
        assert exercise.lean_max.degrees == pytest.approx(
            _balanced_lean(placement, shank - 5), abs=1.0
        )
        assert _geometry.PLACEMENT_OFFSETS[placement].reference_lean_deg == (
            exercise.typical_lean.degrees
        )

    def test_goblet_squat_leans_as_the_front_squat(self) -> None:
        """The bell is too light to set the balance; it sits in front."""
        goblet = bs.catalog.get("goblet-squat")
        front = bs.catalog.get("front-squat")

        assert (goblet.lean_min, goblet.lean_max) == (
            front.lean_min,
            front.lean_max,
        )

    @pytest.mark.parametrize(("mass_kg", "height_m"), PERSONAS)
    @pytest.mark.parametrize("share", [0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0])
    def test_front_below_high_bar_below_low_bar(
        self, mass_kg: float, height_m: float, share: float
    ) -> None:
        """Catalog leans, equal load: front < high bar < low bar.

        In compression and in moment, from no bar to three times body
        mass on it (Yavuz et al. 2015; Glassbrook et al. 2017).
        """
        body = bs.Body(mass_kg=mass_kg, height_m=height_m)
        load = share * mass_kg
        front, high, low = (
            bs.score(bs.catalog.get(slug), body, load_kg=load)
            for slug in (
                "front-squat",
                "high-bar-back-squat",
                "low-bar-back-squat",
            )
        )

        assert front.compression_n < high.compression_n < low.compression_n
        assert front.moment_nm < high.moment_nm < low.moment_nm

    @pytest.mark.parametrize(("mass_kg", "height_m"), PERSONAS)
    def test_goblet_at_its_loads_below_front_squat_at_its_loads(
        self, mass_kg: float, height_m: float
    ) -> None:
        """A 24 kg goblet squat scores below a 60 kg front squat."""
        body = bs.Body(mass_kg=mass_kg, height_m=height_m)
        goblet = bs.score(bs.catalog.get("goblet-squat"), body, load_kg=24)
        front = bs.score(bs.catalog.get("front-squat"), body, load_kg=60)

        assert goblet.compression_n < front.compression_n


class TestDiscAxis:
    @given(body=bodies(), lean=torso_leans(min_value=1.0), load=loads_kg())
    def test_extensors_shear_backward_at_tan_5_degrees(
        self, body: bs.Body, lean: bs.TorsoLean, load: float
    ) -> None:
        """The extensors' shear is tan 5° of their force, backward."""
        posture = _posture(lean.degrees, load, P.HANDS_HANGING)

        muscle = bs.spinal_load(posture, body).contribution("muscle")

        assert muscle is not None
        assert muscle.shear_n == pytest.approx(
            -muscle.compression_n * math.tan(math.radians(5.0)), rel=1e-12
        )

    @given(body=bodies(), table=st.sampled_from(bs.Anthropometrics))
    def test_l5s1_is_sheared_upright(
        self, body: bs.Body, table: bs.Anthropometrics
    ) -> None:
        """Upright and unloaded, gravity shears L5/S1 at the sacral slope.

        The weight above L5/S1 (the weight above L4/L5 plus the slice of
        the pelvis between them) splits along and across a disc inclined
        at 40° (Legaye 1998).
        """
        if table is bs.Anthropometrics.DE_LEVA and body.sex is None:
            return
        weight = (
            bs.mass_above_joint_kg(body, anthropometrics=table)
            + k.MASS_L4L5_TO_L5S1 * body.mass_kg
        ) * k.GRAVITY_M_S2
        slope = math.radians(k.SACRAL_SLOPE_DEG)

        load = bs.spinal_load(
            _posture(0), body, joint="L5/S1", anthropometrics=table
        )

        assert load.shear_n > 0
        assert weight * math.sin(slope) == pytest.approx(load.shear_n)
        assert weight * math.cos(slope) == pytest.approx(load.compression_n)

    @given(body=bodies(), lean=torso_leans())
    def test_l5s1_splits_the_weight_at_lean_plus_slope(
        self, body: bs.Body, lean: bs.TorsoLean
    ) -> None:
        """Leaning, the weight above L5/S1 meets a disc inclined at the
        lean plus the sacral slope: it compresses the disc by
        *W* cos(lean + 40°) and shears it by *W* sin(lean + 40°)."""
        weight = (
            bs.mass_above_joint_kg(body) + k.MASS_L4L5_TO_L5S1 * body.mass_kg
        ) * k.GRAVITY_M_S2
        angle = math.radians(lean.degrees + k.SACRAL_SLOPE_DEG)

        upper = bs.spinal_load(
            _posture(lean.degrees), body, joint="L5/S1"
        ).contribution("upper-body")

        assert upper is not None
        assert weight * math.cos(angle) == pytest.approx(
            upper.compression_n, rel=1e-9, abs=1e-9
        )
        assert weight * math.sin(angle) == pytest.approx(
            upper.shear_n, rel=1e-9
        )

    def test_l5s1_has_its_own_levers_and_mass(self) -> None:
        """L5/S1 sits 3.6 cm lower: longer levers, more mass above."""
        l4 = _geometry.JOINTS[bs.SpineLevel.L4_L5]
        l5 = _geometry.JOINTS[bs.SpineLevel.L5_S1]

        assert l5.upper_lever_per_h > l4.upper_lever_per_h
        assert l5.shoulder_per_h - l4.shoulder_per_h == pytest.approx(
            0.036 / 1.78
        )
        assert 0.02 < l5.extra_mass_fraction < 0.04
        assert 0.0 == l4.extra_mass_fraction

    def test_l4l5_upright_has_no_shear(self) -> None:
        """L4/L5's disc axis is the trunk line: upright, no shear."""
        assert 0.0 == bs.spinal_load(_posture(0), BODY).shear_n


class TestMovement:
    @given(posture=postures(), body=bodies(), joint=JOINTS)
    def test_no_acceleration_is_the_static_model(
        self, posture: bs.Posture, body: bs.Body, joint: bs.SpineLevel
    ) -> None:
        """The default (0 m/s²) gives today's static numbers exactly."""
        assert bs.spinal_load(posture, body, joint=joint) == bs.spinal_load(
            posture, body, joint=joint, acceleration_m_s2=0.0
        )

    @given(
        posture=postures(),
        body=bodies(),
        a=ACCELERATIONS,
        b=ACCELERATIONS,
        joint=JOINTS,
    )
    def test_more_acceleration_never_lowers_the_load(
        self,
        posture: bs.Posture,
        body: bs.Body,
        a: float,
        b: float,
        joint: bs.SpineLevel,
    ) -> None:
        """Faster never scores lower: moment and compression rise."""
        low, high = sorted([a, b])

        slow = bs.spinal_load(
            posture, body, joint=joint, acceleration_m_s2=low
        )
        fast = bs.spinal_load(
            posture, body, joint=joint, acceleration_m_s2=high
        )

        assert slow.moment_nm <= fast.moment_nm * (1 + 1e-12)
        assert slow.compression_n <= fast.compression_n * (1 + 1e-12)

    def test_mcgill_norman_mean_excess(self) -> None:
        """0.19 g adds McGill & Norman's 19 % to the peak moment."""
        lift = _posture(50, 60, P.HANDS_HANGING)
        accel = k.DYNAMIC_MOMENT_EXCESS_MEAN * k.GRAVITY_M_S2

        static = bs.spinal_load(lift, BODY)
        dynamic = bs.spinal_load(lift, BODY, acceleration_m_s2=accel)

        assert 1.19 == pytest.approx(dynamic.moment_nm / static.moment_nm)

    @pytest.mark.parametrize(
        "support", [bs.Support.SUPINE, bs.Support.SEATED_BACK_SUPPORTED]
    )
    def test_supported_postures_do_not_move(self, support: bs.Support) -> None:
        """The inertial term is for free-standing lifts only."""
        posture = _posture(10, support=support)

        assert bs.spinal_load(posture, BODY) == bs.spinal_load(
            posture, BODY, acceleration_m_s2=3.0
        )

    def test_score_takes_the_option(self) -> None:
        """score passes the acceleration on."""
        squat = bs.catalog.get("goblet-squat")

        static = bs.score(squat, BODY, load_kg=24)
        moving = bs.score(squat, BODY, load_kg=24, acceleration_m_s2=2.0)

        assert moving.compression_n > static.compression_n

    @pytest.mark.parametrize("bad", [*BAD, -0.1, 10.0, True, "2"])
    def test_bad_acceleration(self, bad: Any) -> None:
        """A bad acceleration names the field and its range."""
        with pytest.raises(
            bs.InvalidInputError, match=r"acceleration_m_s2.*\[0, 9\.80665\]"
        ):
            bs.spinal_load(_posture(10), BODY, acceleration_m_s2=bad)


class TestBatch:
    @settings(deadline=None)  # numpy's first calls on a busy machine
    @given(
        rows=posture_rows(),
        joint=JOINTS,
        accel=st.sampled_from([0.0, 1.5, 4.0]),
    )
    def test_batch_equals_scalar(
        self,
        rows: list[tuple[bs.Posture, bs.Body]],
        joint: bs.SpineLevel,
        accel: float,
    ) -> None:
        """Each batch element equals spinal_load with the same options."""
        loads = bs.spinal_load_many(
            **_posture_columns(rows),
            joint=joint,
            acceleration_m_s2=accel,
            placement_offsets=True,
        )

        for i, (posture, body) in enumerate(rows):
            expected = bs.spinal_load(
                posture,
                body,
                joint=joint,
                acceleration_m_s2=accel,
                placement_offsets=True,
            )
            _assert_same(expected, loads, i)

    @pytest.mark.parametrize(
        "slug",
        ["high-bar-back-squat", "front-squat", "goblet-squat", "split-squat"],
    )
    @pytest.mark.parametrize("joint", list(bs.SpineLevel))
    def test_score_many_equals_score(
        self, slug: str, joint: bs.SpineLevel
    ) -> None:
        """score_many gives score's numbers for the placements."""
        pytest.importorskip("numpy")
        exercise = bs.catalog.get(slug)

        loads = bs.score_many(
            slug,
            mass_kg=80,
            height_m=1.78,
            load_kg=[0, 20, 40],
            joint=joint,
            acceleration_m_s2=1.0,
            placement_offsets=True,
        )

        for i, load_kg in enumerate([0, 20, 40]):
            one = bs.score(
                exercise,
                BODY,
                load_kg=load_kg,
                joint=joint,
                acceleration_m_s2=1.0,
                placement_offsets=True,
            )
            assert one.compression_n == pytest.approx(
                float(loads.compression_n[i]), rel=1e-9
            )
            assert one.shear_n == pytest.approx(
                float(loads.shear_n[i]), rel=1e-9, abs=1e-9
            )


class TestDortmund:
    @pytest.mark.parametrize(
        ("age", "sex", "expected"),
        [
            (20, "female", 4400.0),
            (20, "male", 6000.0),
            (40, "female", 3200.0),
            (40, "male", 4100.0),
            (60, "female", 1800.0),
            (60, "male", 2300.0),
        ],
    )
    def test_table_values(self, age: float, sex: str, expected: float) -> None:
        """The decades give the table's values (from memory, see module)."""
        limits = bs.dortmund_limits(age_years=age, sex=sex)  # type: ignore[arg-type]

        assert expected == limits.compression_action_n
        assert k.NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N == (
            limits.compression_maximum_n
        )
        assert bs.Limits().shear_action_n == limits.shear_action_n

    @given(
        a=st.floats(_dortmund.MIN_AGE_YEARS, _dortmund.MAX_AGE_YEARS),
        b=st.floats(_dortmund.MIN_AGE_YEARS, _dortmund.MAX_AGE_YEARS),
        sex=st.sampled_from(bs.Sex),
    )
    def test_older_never_gets_a_higher_limit(
        self, a: float, b: float, sex: bs.Sex
    ) -> None:
        """The limit never rises with age; women's is below men's."""
        young, old = sorted([a, b])

        first = bs.dortmund_limits(age_years=young, sex=sex)
        second = bs.dortmund_limits(age_years=old, sex=sex)
        female = bs.dortmund_limits(age_years=young, sex="female")
        male = bs.dortmund_limits(age_years=young, sex="male")

        assert second.compression_action_n <= first.compression_action_n
        assert female.compression_action_n < male.compression_action_n

    def test_grades_a_load(self) -> None:
        """The limits grade through spinal_load as any Limits does."""
        lift = _posture(40, 40, P.HANDS_HANGING)
        older = bs.dortmund_limits(age_years=60, sex="female")

        assert bs.StressLevel.LOW == bs.spinal_load(lift, BODY).level
        assert bs.StressLevel.ELEVATED == (
            bs.spinal_load(lift, BODY, limits=older).level
        )

    @pytest.mark.parametrize("bad", [*BAD, 10, 200, True])
    def test_bad_age(self, bad: Any) -> None:
        """A bad age names the field and its range."""
        with pytest.raises(bs.InvalidInputError, match=r"age_years"):
            bs.dortmund_limits(age_years=bad, sex="male")

    @pytest.mark.parametrize("bad", ["other", None, 1, "Female"])
    def test_bad_sex(self, bad: Any) -> None:
        """An unknown sex is refused with the allowed values."""
        with pytest.raises(bs.InvalidInputError, match=r"'female' or 'male'"):
            bs.dortmund_limits(age_years=30, sex=bad)
