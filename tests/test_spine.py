import copy
import math
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.exercises import _scoring
from backsafe.spine import _constants as k
from backsafe.spine import _model

from .strategies import (
    BAD_NUMBERS,
    NOT_TRUNK_BORNE,
    TRUNK_BORNE,
    bodies,
    exercises,
    loads_kg,
    postures,
    torso_leans,
)

REFERENCE = bs.Body(mass_kg=80, height_m=1.75)

#: Compression stops rising where the axial component of the weight falls
#: faster than the extensor force grows: tan(theta) = d / r for the shortest
#: lever d (the upper body of the shortest body allowed) and the default
#: moment arm r. Below this lean compression never decreases.
MONOTONE_COMPRESSION_MAX_DEG = math.degrees(
    math.atan(
        k.UPPER_COM_DISTANCE_PER_H
        * k.MIN_HEIGHT_M
        / k.EXTENSOR_MOMENT_ARM_L4L5_M
    )
)


def _posture(
    degrees: float,
    load_kg: float = 0.0,
    placement: bs.LoadPlacement = bs.LoadPlacement.NONE,
    support: bs.Support = bs.Support.FREE_STANDING,
) -> bs.Posture:
    return bs.Posture(
        lean=bs.TorsoLean(degrees=degrees),
        load_kg=load_kg,
        placement=placement,
        support=support,
    )


class TestMonotonicity:
    @given(
        body=bodies(),
        a=torso_leans(),
        b=torso_leans(),
        load=loads_kg(),
        placement=st.sampled_from(bs.LoadPlacement),
    )
    def test_moment_never_decreases_with_lean(
        self,
        body: bs.Body,
        a: bs.TorsoLean,
        b: bs.TorsoLean,
        load: float,
        placement: bs.LoadPlacement,
    ) -> None:
        """The flexion moment never decreases as the lean grows to 90°."""
        low, high = sorted([a.degrees, b.degrees])
        if placement is bs.LoadPlacement.NONE:
            load = 0.0

        m_low = bs.spinal_load(_posture(low, load, placement), body)
        m_high = bs.spinal_load(_posture(high, load, placement), body)

        assert m_low.moment_nm <= m_high.moment_nm * (1 + 1e-12)

    @given(
        body=bodies(),
        a=torso_leans(max_value=MONOTONE_COMPRESSION_MAX_DEG),
        b=torso_leans(max_value=MONOTONE_COMPRESSION_MAX_DEG),
        load=loads_kg(),
        placement=st.sampled_from(TRUNK_BORNE),
        joint=st.sampled_from(bs.SpineLevel),
    )
    def test_compression_never_decreases_with_lean(
        self,
        body: bs.Body,
        a: bs.TorsoLean,
        b: bs.TorsoLean,
        load: float,
        placement: bs.LoadPlacement,
        joint: bs.SpineLevel,
    ) -> None:
        """Compression never decreases as the lean grows, up to ~65°."""
        low, high = sorted([a.degrees, b.degrees])

        c_low = bs.spinal_load(
            _posture(low, load, placement), body, joint=joint
        )
        c_high = bs.spinal_load(
            _posture(high, load, placement), body, joint=joint
        )

        assert c_low.compression_n <= c_high.compression_n * (1 + 1e-12)

    def test_compression_peaks_before_horizontal(self) -> None:
        """Past the peak, the weight's axial share falls (a known limit)."""
        at = {
            d: bs.spinal_load(_posture(d), REFERENCE).compression_n
            for d in (60, 90)
        }
        peak = max(
            bs.spinal_load(_posture(d), REFERENCE).compression_n
            for d in range(91)
        )

        assert at[60] < peak
        assert at[90] < peak
        assert at[90] > 0.95 * peak

    @given(
        body=bodies(),
        lean=torso_leans(),
        a=loads_kg(),
        b=loads_kg(),
        placement=st.sampled_from(TRUNK_BORNE),
        support=st.sampled_from(bs.Support),
    )
    def test_trunk_borne_load_never_lowers_the_load(
        self,
        body: bs.Body,
        lean: bs.TorsoLean,
        a: float,
        b: float,
        placement: bs.LoadPlacement,
        support: bs.Support,
    ) -> None:
        """More trunk-borne load never lowers moment or compression."""
        low, high = sorted([a, b])
        lighter = bs.Posture(
            lean=lean, load_kg=low, placement=placement, support=support
        )
        heavier = attrs_evolve(lighter, load_kg=high)

        light = bs.spinal_load(lighter, body)
        heavy = bs.spinal_load(heavier, body)

        assert light.moment_nm <= heavy.moment_nm * (1 + 1e-12)
        assert light.compression_n <= heavy.compression_n * (1 + 1e-12)


def attrs_evolve(posture: bs.Posture, **changes: Any) -> bs.Posture:
    import attrs  # noqa: PLC0415

    return attrs.evolve(posture, **changes)


class TestLoadsOffTheSpine:
    @given(
        body=bodies(),
        posture=postures(placements=[bs.LoadPlacement.NONE]),
        load=loads_kg(min_value=0.1),
        placement=st.sampled_from(
            [p for p in NOT_TRUNK_BORNE if p is not bs.LoadPlacement.NONE]
        ),
    )
    def test_pad_or_pelvis_load_changes_nothing(
        self,
        body: bs.Body,
        posture: bs.Posture,
        load: float,
        placement: bs.LoadPlacement,
    ) -> None:
        """A load on a machine pad or the pelvis never changes the numbers.

        With the trunk supported (and no calibrated task), the model has no
        term for how such a load reaches the spine, so the result is
        ungraded; otherwise it is the same result.
        """
        loaded = bs.Posture(
            lean=posture.lean,
            support=posture.support,
            load_kg=load,
            placement=placement,
            task=posture.task,
        )
        before = bs.spinal_load(posture, body)
        after = bs.spinal_load(loaded, body)
        unknown = posture.support.carries_trunk_moment and posture.task is None

        if unknown:
            assert not after.is_graded
            assert after.level is bs.StressLevel.UNGRADED
            levels = ("level", "compression_level", "shear_level")
            assert (
                attrs.evolve(
                    after, **{name: getattr(before, name) for name in levels}
                )
                == before
            )
        else:
            assert before == after


class TestUpright:
    @given(body=bodies(), table=st.sampled_from(bs.Anthropometrics))
    def test_upright_unloaded_is_the_weight_above(
        self, body: bs.Body, table: bs.Anthropometrics
    ) -> None:
        """Upright and unloaded, compression is the weight above L4/L5."""
        assume(table is bs.Anthropometrics.WINTER or body.sex is not None)
        expected = (
            bs.mass_above_joint_kg(body, anthropometrics=table)
            * k.GRAVITY_M_S2
        )

        load = bs.spinal_load(_posture(0), body, anthropometrics=table)

        assert expected == pytest.approx(load.compression_n, rel=1e-12)
        assert 0.0 == load.moment_nm
        assert 0.0 == pytest.approx(load.shear_n, abs=1e-9)

    def test_weight_above_is_about_half_the_body(self) -> None:
        """Winter puts 53.6 % of body weight above L4/L5."""
        load = bs.spinal_load(_posture(0), REFERENCE)

        assert 0.536 == pytest.approx(
            load.compression_n / REFERENCE.weight_n, rel=1e-9
        )


class TestUnilateral:
    @given(
        body=bodies(),
        exercise=exercises(),
        load=loads_kg(max_value=300),
        lean=torso_leans(),
    )
    def test_unilateral_at_half_load_never_scores_higher(
        self,
        body: bs.Body,
        exercise: bs.Exercise,
        load: float,
        lean: bs.TorsoLean,
    ) -> None:
        """A unilateral twin at half the load never beats the bilateral."""
        import attrs  # noqa: PLC0415

        assume(exercise.takes_load)
        bilateral = attrs.evolve(exercise, stance=bs.Stance.BILATERAL)
        single = attrs.evolve(exercise, stance=bs.Stance.SINGLE_LEG)

        both = bs.score(bilateral, body, load_kg=load, lean=lean)
        one = bs.score(single, body, load_kg=load / 2, lean=lean)

        assert one.compression_n <= both.compression_n * (1 + 1e-12)
        assert one.moment_nm <= both.moment_nm * (1 + 1e-12)


class TestPurity:
    @given(
        body=bodies(), posture=postures(), joint=st.sampled_from(bs.SpineLevel)
    )
    def test_deterministic_and_inputs_unchanged(
        self, body: bs.Body, posture: bs.Posture, joint: bs.SpineLevel
    ) -> None:
        """The same inputs give equal results and are left unchanged."""
        before = (copy.deepcopy(body), copy.deepcopy(posture))

        first = bs.spinal_load(posture, body, joint=joint)
        second = bs.spinal_load(posture, body, joint=joint)

        assert first == second
        assert before == (body, posture)

    @given(body=bodies(), posture=postures())
    def test_contributions_add_up(
        self, body: bs.Body, posture: bs.Posture
    ) -> None:
        """The breakdown by source adds up to the totals."""
        load = bs.spinal_load(posture, body)

        assert load.moment_nm == pytest.approx(
            sum(c.moment_nm for c in load.contributions)
        )
        assert load.compression_n == pytest.approx(
            sum(c.compression_n for c in load.contributions)
        )
        assert load.shear_n == pytest.approx(
            sum(c.shear_n for c in load.contributions)
        )
        assert max(load.compression_level, load.shear_level) == load.level
        assert all(
            math.isfinite(x)
            for x in (load.moment_nm, load.compression_n, load.shear_n)
        )


class TestMethods:
    @given(body=bodies(), posture=postures())
    def test_method_follows_support_and_task(
        self, body: bs.Body, posture: bs.Posture
    ) -> None:
        """Tasks are calibrated, supports carry the trunk, else static."""
        load = bs.spinal_load(posture, body)

        if posture.task is not None:
            assert bs.ModelMethod.CALIBRATED == load.method
        elif posture.support is bs.Support.FREE_STANDING:
            assert bs.ModelMethod.STATIC == load.method
        else:
            assert bs.ModelMethod.SUPPORTED == load.method
            assert 0.0 == load.moment_nm

    def test_hanging_carries_no_compression(self) -> None:
        """Hanging from the hands puts no weight through the spine."""
        load = bs.spinal_load(
            _posture(0, support=bs.Support.HANGING), REFERENCE
        )

        assert 0.0 == load.compression_n

    @given(
        body=bodies(),
        lean=torso_leans(),
        support=st.sampled_from(
            [
                bs.Support.SUPINE,
                bs.Support.PRONE,
                bs.Support.SIDE_LYING,
                bs.Support.QUADRUPED,
            ]
        ),
    )
    def test_lying_puts_no_weight_on_the_spine(
        self, body: bs.Body, lean: bs.TorsoLean, support: bs.Support
    ) -> None:
        """Lying or on all fours, gravity adds no compression at any lean.

        What remains is the baseline muscle tone of lying (Wilke et al.
        1999: a fifth to a quarter of standing), never 0 N.
        """
        load = bs.spinal_load(bs.Posture(lean=lean, support=support), body)

        upper = load.contribution("upper-body")
        muscle = load.contribution("muscle")
        assert upper is not None
        assert 0.0 == upper.compression_n
        assert muscle is not None
        assert muscle.compression_n == load.compression_n
        standing = bs.spinal_load(
            bs.Posture(lean=bs.TorsoLean(degrees=0)), body
        )
        assert 0.19 * standing.compression_n < load.compression_n
        assert load.compression_n < 0.25 * standing.compression_n

    def test_seated_against_a_backrest_carries_only_axial_weight(self) -> None:
        """A backrest holds the trunk's moment; the axial weight remains."""
        lean = 20.0
        expected = (
            bs.mass_above_joint_kg(REFERENCE)
            * k.GRAVITY_M_S2
            * math.cos(math.radians(lean))
        )

        load = bs.spinal_load(
            _posture(lean, support=bs.Support.SEATED_BACK_SUPPORTED),
            REFERENCE,
        )

        assert expected == pytest.approx(load.compression_n)

    @given(
        mass=st.floats(k.MIN_BODY_MASS_KG, k.MAX_BODY_MASS_KG),
        task=st.sampled_from(bs.CalibratedTask),
    )
    def test_calibrated_tasks_scale_with_body_mass(
        self, mass: float, task: bs.CalibratedTask
    ) -> None:
        """Calibrated values scale from the 77 kg reference as mass^(2/3).

        (Muscle force at a given activation goes with cross-section; before
        issue 10 the scaling was linear in mass.)
        """
        body = bs.Body(mass_kg=mass, height_m=1.75)
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=90), support=task.support, task=task
        )

        load = bs.spinal_load(posture, body)

        assert task.reference_compression_n * (mass / 77.0) ** (
            2 / 3
        ) == pytest.approx(load.compression_n)


class TestOptions:
    @given(lean=torso_leans(min_value=1.0), load=loads_kg())
    def test_l5s1_shorter_lever_means_more_compression(
        self, lean: bs.TorsoLean, load: float
    ) -> None:
        """L5/S1's 5 cm lever gives more compression than L4/L5's 6 cm.

        The lever sets the extensors' share: the weights' share differs as
        well, since the L5/S1 disc is inclined at the sacral slope (issue
        10: nearly upright, it carries less of the weight along its axis
        and more across it, so the totals may come out either way).
        """
        posture = bs.Posture(
            lean=lean, load_kg=load, placement=bs.LoadPlacement.HIGH_BAR_BACK
        )

        upper = bs.spinal_load(posture, REFERENCE, joint="L4/L5")
        lower = bs.spinal_load(posture, REFERENCE, joint=bs.SpineLevel.L5_S1)

        muscle_upper = upper.contribution("muscle")
        muscle_lower = lower.contribution("muscle")
        assert muscle_upper is not None
        assert muscle_lower is not None
        assert muscle_upper.compression_n < muscle_lower.compression_n
        assert bs.SpineLevel.L5_S1 == lower.joint

    @given(sex=st.sampled_from(bs.Sex))
    def test_de_leva_puts_less_mass_above(self, sex: bs.Sex) -> None:
        """de Leva's mass above the omphalion is below Winter's 53.6 %."""
        body = bs.Body(mass_kg=70, height_m=1.7, sex=sex)

        winter = bs.mass_above_joint_kg(body)
        de_leva = bs.mass_above_joint_kg(body, anthropometrics="de-leva")

        assert de_leva < winter

    def test_de_leva_female_below_male(self) -> None:
        """de Leva gives women less mass above L4/L5 than men (45.8/49.1)."""
        female = bs.Body(mass_kg=70, height_m=1.7, sex=bs.Sex.FEMALE)
        male = bs.Body(mass_kg=70, height_m=1.7, sex=bs.Sex.MALE)

        f = bs.mass_above_joint_kg(female, anthropometrics="de-leva")
        m = bs.mass_above_joint_kg(male, anthropometrics="de-leva")

        assert 0.4576 * 70 == pytest.approx(f)
        assert 0.4911 * 70 == pytest.approx(m)

    def test_de_leva_needs_a_sex(self) -> None:
        """de Leva without Body.sex is refused with a clear message."""
        with pytest.raises(bs.InvalidInputError, match=r"Body\.sex"):
            bs.spinal_load(_posture(10), REFERENCE, anthropometrics="de-leva")

    @given(arm=st.floats(0.04, 0.08), lean=torso_leans(min_value=1.0))
    def test_longer_moment_arm_lowers_compression(
        self, arm: float, lean: bs.TorsoLean
    ) -> None:
        """A longer extensor lever needs less force for the same moment."""
        assume(arm < 0.0799)
        posture = bs.Posture(lean=lean)

        short = bs.spinal_load(posture, REFERENCE, extensor_moment_arm_m=arm)
        long = bs.spinal_load(
            posture, REFERENCE, extensor_moment_arm_m=arm + 0.0001
        )

        assert long.compression_n < short.compression_n

    def test_custom_limits_regrade(self) -> None:
        """A stricter action limit grades the same load higher."""
        posture = _posture(30, 20, bs.LoadPlacement.HANDS_HANGING)
        strict = bs.Limits(compression_action_n=1000.0)

        default = bs.spinal_load(posture, REFERENCE)
        graded = bs.spinal_load(posture, REFERENCE, limits=strict)

        assert bs.StressLevel.LOW == default.compression_level
        assert bs.StressLevel.ELEVATED == graded.compression_level
        assert default.compression_n == graded.compression_n


class TestBadInput:
    @given(bad=BAD_NUMBERS.filter(lambda x: x is not None))
    def test_bad_moment_arm(self, bad: Any) -> None:
        """A bad moment arm raises InvalidInputError naming it."""
        with pytest.raises(bs.InvalidInputError, match="extensor_moment_arm"):
            bs.spinal_load(_posture(10), REFERENCE, extensor_moment_arm_m=bad)

    @pytest.mark.parametrize("arm", [0.039, 0.081, 0.0, 1.0])
    def test_moment_arm_out_of_range(self, arm: float) -> None:
        """Moment arms outside 4-8 cm are refused, with the range."""
        with pytest.raises(bs.InvalidInputError, match=r"\[0\.04, 0\.08\]"):
            bs.spinal_load(_posture(10), REFERENCE, extensor_moment_arm_m=arm)

    @pytest.mark.parametrize(
        ("option", "value"),
        [("joint", "L3/L4"), ("anthropometrics", "dempster")],
    )
    def test_unknown_option(self, option: str, value: Any) -> None:
        """Unknown joints and tables are refused with the allowed values."""
        with pytest.raises(bs.InvalidInputError, match=option):
            bs.spinal_load(_posture(10), REFERENCE, **{option: value})

    @pytest.mark.parametrize(
        ("posture", "body", "limits"),
        [
            ("upright", REFERENCE, bs.Limits()),
            (_posture(0), {"mass_kg": 80}, bs.Limits()),
            (_posture(0), REFERENCE, 3400),
        ],
    )
    def test_wrong_types(self, posture: Any, body: Any, limits: Any) -> None:
        """Wrong argument types raise InvalidInputError, not TypeError."""
        with pytest.raises(bs.InvalidInputError):
            bs.spinal_load(posture, body, limits=limits)

    @given(bad=BAD_NUMBERS)
    def test_bad_score_load(self, bad: Any) -> None:
        """A bad load for score() raises InvalidInputError."""
        exercise = _loaded_exercise()
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            bs.score(exercise, REFERENCE, load_kg=bad)

    def test_load_on_an_unloaded_exercise(self) -> None:
        """A load on an exercise that takes none is refused."""
        import attrs  # noqa: PLC0415

        exercise = attrs.evolve(
            _loaded_exercise(), placement=bs.LoadPlacement.NONE
        )
        with pytest.raises(bs.InvalidInputError, match="takes no external"):
            bs.score(exercise, REFERENCE, load_kg=10)

    def test_score_rejects_non_exercise_and_bad_lean(self) -> None:
        """score() names the wrong argument."""
        with pytest.raises(bs.InvalidInputError, match="exercise"):
            bs.score("split-squat", REFERENCE)  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="lean"):
            bs.score(_loaded_exercise(), REFERENCE, lean=30)  # type: ignore[arg-type]


def _loaded_exercise() -> bs.Exercise:
    return bs.Exercise(
        slug="test-split-squat",
        name="Test split squat",
        pattern=bs.MovementPattern.LUNGE,
        stance=bs.Stance.SPLIT,
        equipment=frozenset({bs.Equipment.DUMBBELL}),
        placement=bs.LoadPlacement.HANDS_HANGING,
        support=bs.Support.FREE_STANDING,
        lean_min=bs.TorsoLean(degrees=0),
        lean_max=bs.TorsoLean(degrees=15),
        primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
        working_leg_share=0.75,
        tier=2,
    )


class TestScore:
    def test_score_uses_typical_lean(self) -> None:
        """Without a lean, score() uses the middle of the typical range."""
        exercise = _loaded_exercise()

        scored = bs.score(exercise, REFERENCE, load_kg=20)
        direct = bs.spinal_load(
            _posture(7.5, 20, bs.LoadPlacement.HANDS_HANGING), REFERENCE
        )

        assert direct == scored

    def test_score_without_load_drops_the_placement(self) -> None:
        """An unloaded exercise scores as an unloaded posture."""
        posture = bs.exercise_posture(_loaded_exercise())

        assert bs.LoadPlacement.NONE == posture.placement
        assert not posture.is_loaded


class TestPublishedFigures:
    """The model beside published lumbar loads (docs/validation.md)."""

    def test_cholewicki_compression_per_moment(self) -> None:
        """Compression per unit moment matches Cholewicki 1991 within 15 %.

        Elite deadlifts: average L4/L5 moment up to 988 N·m and compression
        up to 17 192 N with a 6 cm extensor lever, 17.4 N per N·m.
        """
        lifter = bs.Body(mass_kg=100, height_m=1.75)
        lift = _posture(65, 300, bs.LoadPlacement.HANDS_HANGING)

        load = bs.spinal_load(lift, lifter)

        assert 988 == pytest.approx(load.moment_nm, rel=0.15)
        assert 17192 / 988 == pytest.approx(
            load.compression_n / load.moment_nm, rel=0.15
        )

    @pytest.mark.parametrize("bar_bw", [0.8, 1.2, 1.6])
    def test_cappozzo_half_squat(self, bar_bw: float) -> None:
        """A 0.8-1.6 BW bar in a half squat gives 6-10 BW (±20 %).

        Cappozzo 1985 measured L3-L4; the lean is the middle of the
        high-bar prior (42.5°). A single-muscle model without
        co-contraction is expected at the low end.
        """
        load = bs.spinal_load(
            _posture(42.5, bar_bw * 80, bs.LoadPlacement.HIGH_BAR_BACK),
            REFERENCE,
        )

        ratio = load.compression_n / REFERENCE.weight_n
        assert 6 * 0.8 <= ratio <= 10 * 1.2

    def test_mcgill_floor_exercise_order(self) -> None:
        """Floor exercises rank as in the McGill lab's EMG-assisted data."""
        order = [
            bs.CalibratedTask.CURL_UP,
            bs.CalibratedTask.SIDE_BRIDGE,
            bs.CalibratedTask.BIRD_DOG,
            bs.CalibratedTask.BENT_KNEE_SIT_UP,
            bs.CalibratedTask.STRAIGHT_LEG_SIT_UP,
            bs.CalibratedTask.PRONE_SUPERMAN,
        ]
        loads = [
            bs.spinal_load(
                bs.Posture(
                    lean=bs.TorsoLean(degrees=90), support=t.support, task=t
                ),
                REFERENCE,
            ).compression_n
            for t in order
        ]

        assert sorted(loads) == loads
        assert loads[-1] > 1.5 * loads[-2]

    def test_mcgill_curl_up_for_the_reference_cohort(self) -> None:
        """A 77 kg subject's curl-up scores Axler & McGill's 2009 N."""
        body = bs.Body(mass_kg=77, height_m=1.76)
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=90),
            support=bs.Support.SUPINE,
            task=bs.CalibratedTask.CURL_UP,
        )

        assert 2009 == pytest.approx(
            bs.spinal_load(posture, body).compression_n
        )

    def test_sanity_split_squat_is_light(self) -> None:
        """An upright split squat with 2 x 15 kg is about 1 kN (science §9)."""
        load = bs.spinal_load(
            _posture(10, 30, bs.LoadPlacement.HANDS_HANGING), REFERENCE
        )

        assert 1100 == pytest.approx(load.compression_n, rel=0.3)
        assert bs.StressLevel.LOW == load.level

    def test_low_bar_squat_is_over_the_action_limit(self) -> None:
        """A 60 kg low-bar squat at 45° is over the action limit.

        science.md §9 puts this case at about 6 kN with a longer bar lever
        (0.5 m) and more mass above the joint (0.6); backsafe's tables give
        about 3.6 kN with the bar 8 cm behind the trunk line (the default),
        about 4 kN with it on the shoulder line (see docs/validation.md).
        """
        posture = _posture(45, 60, bs.LoadPlacement.LOW_BAR_BACK)
        load = bs.spinal_load(posture, REFERENCE)
        on_line = bs.spinal_load(posture, REFERENCE, placement_offsets=False)

        assert bs.StressLevel.ELEVATED == load.compression_level
        assert 3650 == pytest.approx(load.compression_n, rel=0.05)
        assert bs.StressLevel.ELEVATED == on_line.compression_level
        assert 4000 == pytest.approx(on_line.compression_n, rel=0.05)


class TestTrustedPaths:
    """The unchecked entry points for rooms that validated already."""

    @given(posture=postures(), body=bodies())
    def test_results_are_valid_values(
        self, posture: bs.Posture, body: bs.Body
    ) -> None:
        """Built without validators, a load passes them all the same."""
        load = bs.spinal_load(posture, body)
        rebuilt = attrs.evolve(
            load,
            contributions=tuple(attrs.evolve(c) for c in load.contributions),
        )
        assert rebuilt == load

    @given(posture=postures(), body=bodies())
    def test_load_trusted_is_spinal_load(
        self, posture: bs.Posture, body: bs.Body
    ) -> None:
        """load_trusted on checked options gives spinal_load's result."""
        options = _model.check_options(
            body,
            joint="L4/L5",
            anthropometrics="winter",
            extensor_moment_arm_m=None,
            limits=bs.Limits(),
        )
        trusted = _model.load_trusted(
            lean_deg=posture.lean.degrees,
            support=posture.support,
            load_kg=posture.load_kg,
            placement=posture.placement,
            reach_m=posture.reach_m,
            task=posture.task,
            body=body,
            options=options,
        )
        assert trusted == bs.spinal_load(posture, body)

    @given(exercise=exercises(), body=bodies(), load=loads_kg())
    def test_score_trusted_is_score_of_the_posture(
        self, exercise: bs.Exercise, body: bs.Body, load: float
    ) -> None:
        """score and score_trusted give spinal_load of exercise_posture."""
        load = load if exercise.takes_load else 0.0
        options = _model.check_options(
            body,
            joint="L5/S1",
            anthropometrics="winter",
            extensor_moment_arm_m=None,
            limits=bs.Limits(),
        )
        posture = bs.exercise_posture(exercise, load_kg=load)
        expected = bs.spinal_load(posture, body, joint="L5/S1")
        assert bs.score(exercise, body, load_kg=load, joint="L5/S1") == (
            expected
        )
        assert (
            _scoring.score_trusted(
                exercise, body, load_kg=load, lean=None, options=options
            )
            == expected
        )

    def test_score_checks_in_the_same_order(self) -> None:
        """The exercise's arguments are checked before the body's."""
        squat = bs.catalog.get("goblet-squat")
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            bs.score(squat, "not a body", load_kg=-1)  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="body"):
            bs.score(squat, "not a body", load_kg=1)  # type: ignore[arg-type]
