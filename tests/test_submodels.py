"""The muscle-driven submodels of supported postures (issue 10)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.batch._arrays import score_many, spinal_load_many
from backsafe.exercises._scoring import exercise_posture
from backsafe.spine import _constants as k
from backsafe.spine import _submodels as sub
from backsafe.spine._submodel_types import Submodel
from tests.strategies import bodies

BODY = bs.Body(mass_kg=80, height_m=1.78)
LYING = bs.TorsoLean(degrees=90)


def _posture(
    submodel: Submodel,
    *,
    load_kg: float = 0.0,
    placement: bs.LoadPlacement = bs.LoadPlacement.PELVIS,
    support: bs.Support = bs.Support.SUPINE,
    lean: bs.TorsoLean = LYING,
) -> bs.Posture:
    return bs.Posture(
        lean=lean,
        support=support,
        load_kg=load_kg,
        placement=placement if load_kg > 0 else bs.LoadPlacement.NONE,
        submodel=submodel,
    )


def _compression(posture: bs.Posture, body: bs.Body = BODY) -> float:
    return bs.spinal_load(posture, body).compression_n


def _catalog_loads() -> list[tuple[bs.Exercise, float]]:
    """Every catalog exercise at no load and, if it takes one, at loads."""
    cases: list[tuple[bs.Exercise, float]] = []
    for exercise in bs.catalog:
        cases.append((exercise, 0.0))
        if exercise.takes_load:
            cases.extend((exercise, load) for load in (5.0, 60.0, 300.0))
    return cases


class TestNoZero:
    @given(body=bodies())
    def test_no_catalog_exercise_scores_0_n(self, body: bs.Body) -> None:
        """Every catalog exercise, at any load, loads the spine."""
        for exercise, load in _catalog_loads():
            result = bs.score(exercise, body, load_kg=load)
            assert result.compression_n > 0, (exercise.slug, load)

    @given(
        body=bodies(),
        support=st.sampled_from(
            [s for s in bs.Support if s is not bs.Support.HANGING]
        ),
        lean=st.floats(0, 90),
    )
    def test_no_posture_at_rest_scores_0_n(
        self, body: bs.Body, support: bs.Support, lean: float
    ) -> None:
        """Lying, sitting or standing still: never 0 N (hanging aside)."""
        posture = bs.Posture(lean=bs.TorsoLean(degrees=lean), support=support)

        assert _compression(posture, body) > 0

    def test_hanging_is_traction(self) -> None:
        """Hanging from the hands stays 0 N: the legs' weight (about 46 %
        of body weight) pulls the spine apart more than the lying tone."""
        below = 1 - k.MASS_ABOVE_L4L5_WINTER
        assert below > sub.REST_SUPINE * k.MASS_ABOVE_L4L5_WINTER
        posture = bs.Posture(lean=LYING, support=bs.Support.HANGING)

        assert 0.0 == _compression(posture)


class TestWilke1999:
    """In vivo disc pressure at L4/L5 (Wilke et al. 1999, Spine 24:755)."""

    def _standing(self) -> float:
        return _compression(bs.Posture(lean=bs.TorsoLean(degrees=0)))

    @pytest.mark.parametrize(
        ("support", "pressure_mpa"),
        [
            (bs.Support.SUPINE, 0.10),
            (bs.Support.PRONE, 0.10),
            (bs.Support.SIDE_LYING, 0.12),
        ],
    )
    def test_lying_over_standing(
        self, support: bs.Support, pressure_mpa: float
    ) -> None:
        """Lying is a fifth to a quarter of standing, as measured."""
        lying = _compression(bs.Posture(lean=LYING, support=support))

        assert lying / self._standing() == pytest.approx(
            pressure_mpa / 0.50, rel=0.02
        )

    def test_sitting_unsupported_over_standing(self) -> None:
        """Sitting upright without a backrest: 0.46 / 0.50 MPa, within 10 %."""
        sitting = _compression(bs.Posture(lean=bs.TorsoLean(degrees=0)))

        assert sitting / self._standing() == pytest.approx(0.46 / 0.5, rel=0.1)

    def test_rest_submodel_is_the_support_tone(self) -> None:
        """`Submodel.REST` and a bare supported posture agree."""
        for support in (bs.Support.SUPINE, bs.Support.QUADRUPED):
            bare = bs.Posture(lean=LYING, support=support)
            rest = _posture(Submodel.REST, support=support)
            assert _compression(bare) == _compression(rest)


class TestBridges:
    @given(
        body=bodies(),
        submodel=st.sampled_from(
            [Submodel.BRIDGE, Submodel.SINGLE_LEG_BRIDGE, Submodel.HIP_THRUST]
        ),
        loads=st.tuples(st.floats(0, 600), st.floats(0, 600)).map(sorted),
    )
    def test_more_bar_never_lowers_the_load(
        self, body: bs.Body, submodel: Submodel, loads: list[float]
    ) -> None:
        """A heavier bar on the pelvis never scores lower."""
        light, heavy = loads

        assert _compression(
            _posture(submodel, load_kg=light), body
        ) <= _compression(_posture(submodel, load_kg=heavy), body)

    @given(body=bodies(), load=st.floats(0, 600))
    def test_a_single_leg_bridge_is_harder(
        self, body: bs.Body, load: float
    ) -> None:
        """Holding the free leg out adds the hip flexors' load."""
        both = _compression(_posture(Submodel.BRIDGE, load_kg=load), body)
        one = _posture(Submodel.SINGLE_LEG_BRIDGE, load_kg=load)

        assert both < _compression(one, body)

    def test_the_bar_share_is_carried_by_the_trunk(self) -> None:
        """About half the bar reaches the bench through the trunk, and the
        erector spinae hold its moment (Krause Neto et al. 2019: second
        most active muscle in the hip thrust)."""
        bare = _compression(_posture(Submodel.HIP_THRUST))
        barbell = _compression(_posture(Submodel.HIP_THRUST, load_kg=100))
        beam = sub.BEAMS[Submodel.HIP_THRUST]
        bar_n = 100 * k.GRAVITY_M_S2

        assert 0.4 < beam.load_moment / k.SHOULDER_DISTANCE_PER_H < 0.5
        assert barbell - bare == pytest.approx(
            bar_n * beam.load_moment * BODY.height_m / 0.06
        )


class TestLegRaises:
    @given(body=bodies())
    def test_one_leg_never_scores_above_both(self, body: bs.Body) -> None:
        """Lifting one leg never loads the spine more than lifting both."""
        one = _compression(_posture(Submodel.SINGLE_LEG_RAISE), body)
        both = _compression(_posture(Submodel.DOUBLE_LEG_RAISE), body)
        heel = _compression(_posture(Submodel.HEEL_SLIDE), body)
        bug = _compression(_posture(Submodel.DEAD_BUG), body)

        assert heel < one <= bug < both

    def test_double_leg_raise_figure(self) -> None:
        """Both legs: psoas at its lever, abdominals holding the pelvis."""
        leg_nm = (
            k.WINTER_MASS_TOTAL_LEG
            * BODY.weight_n
            * sub.WINTER_COM_TOTAL_LEG
            * sub.LEG_LENGTH_PER_H
            * BODY.height_m
        )
        psoas = 2 * leg_nm * 0.3 / 0.035
        abdominals = 2 * leg_nm * 0.7 / 0.08
        tone = 0.2 * k.MASS_ABOVE_L4L5_WINTER * BODY.weight_n

        assert _compression(_posture(Submodel.DOUBLE_LEG_RAISE)) == (
            pytest.approx(psoas + abdominals + tone)
        )


class TestMachines:
    @given(
        body=bodies(),
        submodel=st.sampled_from(
            [Submodel.LEG_EXTENSION, Submodel.LEG_CURL, Submodel.LEG_PRESS]
        ),
        loads=st.tuples(st.floats(0, 600), st.floats(0, 600)).map(sorted),
    )
    def test_more_stack_never_lowers_the_load(
        self, body: bs.Body, submodel: Submodel, loads: list[float]
    ) -> None:
        """A heavier stack never scores lower; the seat's weight remains."""
        lean = bs.TorsoLean(
            degrees=45 if submodel is Submodel.LEG_PRESS else 10
        )
        light, heavy = (
            _compression(
                _posture(
                    submodel,
                    load_kg=load,
                    placement=bs.LoadPlacement.MACHINE_PAD,
                    support=bs.Support.SEATED_BACK_SUPPORTED,
                    lean=lean,
                ),
                body,
            )
            for load in loads
        )
        seated = _compression(
            bs.Posture(lean=lean, support=bs.Support.SEATED_BACK_SUPPORTED),
            body,
        )

        assert seated <= light <= heavy


class TestCatalogMappings:
    def test_cable_crunch_cable_pulls_into_extension(self) -> None:
        """A cable heavier than the trunk's moment needs the abdominals:
        the load first falls, then rises, with the cable's weight."""
        crunch = bs.catalog.get("cable-rope-crunch")
        loads = [
            bs.score(crunch, BODY, load_kg=x).compression_n
            for x in (0, 20, 100)
        ]

        assert loads[1] < loads[0] < loads[2]

    def test_side_bridge_on_the_knees_is_lighter(self) -> None:
        """From the knees the beam is shorter: about three quarters."""
        knees = bs.score(bs.catalog.get("side-bridge-knees"), BODY)
        feet = bs.score(bs.catalog.get("side-bridge"), BODY)

        assert knees.compression_n == pytest.approx(
            sub.SIDE_BRIDGE_KNEES_RATIO * feet.compression_n
        )
        assert 0.6 < sub.SIDE_BRIDGE_KNEES_RATIO < 0.85

    def test_quadruped_leg_extension_is_under_its_bound(self) -> None:
        """Callaghan 1998 give "< 2500 N": the value sits below it."""
        assert k.QUADRUPED_LEG_EXTENSION_N == 2000.0
        assert k.QUADRUPED_LEG_EXTENSION_N < k.QUADRUPED_LEG_EXTENSION_BOUND_N

    def test_exercise_posture_carries_the_submodel(self) -> None:
        """The posture of a catalog exercise scores as the exercise does."""
        for exercise, load in _catalog_loads():
            posture = exercise_posture(exercise, load_kg=load)
            assert posture.submodel is exercise.submodel
            assert bs.spinal_load(posture, BODY).compression_n == (
                bs.score(exercise, BODY, load_kg=load).compression_n
            )


class TestBodySize:
    def test_110_kg_floor_tasks(self) -> None:
        """A 110 kg person: the floor tasks grow as mass^(2/3), not mass."""
        heavy = bs.Body(mass_kg=110, height_m=1.78)
        factor = (110 / 77) ** (2 / 3)
        for slug, published in (
            ("bird-dog", k.BIRD_DOG_N),
            ("mcgill-curl-up", k.CURL_UP_N),
            ("side-bridge", k.SIDE_BRIDGE_N),
        ):
            load = bs.score(bs.catalog.get(slug), heavy)
            assert load.compression_n == pytest.approx(published * factor)
        assert (
            bs.score(bs.catalog.get("mcgill-curl-up"), heavy).level
            is bs.StressLevel.LOW
        )

    @given(mass=st.floats(30, 300))
    def test_size_factor_grows_slower_than_mass(self, mass: float) -> None:
        """Above the reference mass the factor is below linear, above it
        below the reference, and 1 at 77 kg."""
        factor = (mass / 77) ** sub.SIZE_EXPONENT
        assert (factor - 1) * (mass - 77) >= 0
        assert abs(factor - 1) <= abs(mass / 77 - 1) + 1e-12


class TestBatch:
    @given(
        mass=st.floats(30, 300),
        height=st.floats(1.2, 2.3),
        load=st.floats(0, 600),
    )
    def test_batch_equals_scalar_for_the_catalog(
        self, mass: float, height: float, load: float
    ) -> None:
        """`score_many` gives `score`'s numbers for every catalog exercise."""
        body = bs.Body(mass_kg=mass, height_m=height)
        exercises = list(bs.catalog)
        loads = [load if e.takes_load else 0.0 for e in exercises]
        many = score_many(
            [e.slug for e in exercises],
            mass_kg=mass,
            height_m=height,
            load_kg=loads,
        )
        for i, (exercise, x) in enumerate(zip(exercises, loads, strict=True)):
            one = bs.score(exercise, body, load_kg=x)
            assert math.isclose(
                one.compression_n, float(many.compression_n[i]), rel_tol=1e-9
            )
            assert one.method is many.METHODS[many.method[i]]

    @given(
        submodel=st.sampled_from(
            [m for m in Submodel if bs.Support.SUPINE.value in m.supports]
        ),
        load=st.floats(0, 600),
        mass=st.floats(30, 300),
    )
    def test_spinal_load_many_equals_spinal_load(
        self, submodel: Submodel, load: float, mass: float
    ) -> None:
        """Postures given field by field agree with `spinal_load`."""
        body = bs.Body(mass_kg=mass, height_m=1.78)
        posture = _posture(submodel, load_kg=load)
        many = spinal_load_many(
            lean_deg=np.array([90.0, 90.0]),
            mass_kg=mass,
            height_m=1.78,
            load_kg=[load, load],
            placement=[posture.placement.value] * 2,
            support="supine",
            submodel=[submodel.value, None],
        )
        bare = bs.Posture(
            lean=LYING,
            support=bs.Support.SUPINE,
            load_kg=load,
            placement=posture.placement,
        )

        assert math.isclose(
            _compression(posture, body),
            float(many.compression_n[0]),
            rel_tol=1e-9,
        )
        assert math.isclose(
            _compression(bare, body),
            float(many.compression_n[1]),
            rel_tol=1e-9,
        )
        assert [3, 1] == many.method.tolist()


class TestBadInput:
    def test_a_submodel_needs_its_support(self) -> None:
        """A leg raise is done lying on the back."""
        with pytest.raises(bs.InvalidInputError) as raised:
            _posture(Submodel.DOUBLE_LEG_RAISE, support=bs.Support.PRONE)
        assert "Posture.support" == raised.value.field
        assert "'supine' for submodel 'double-leg-raise'" in str(raised.value)

    def test_a_submodel_and_a_task_exclude_each_other(self) -> None:
        """A calibrated task already is the muscle load."""
        with pytest.raises(bs.InvalidInputError) as raised:
            bs.Posture(
                lean=LYING,
                support=bs.Support.SUPINE,
                task=bs.CalibratedTask.CURL_UP,
                submodel=Submodel.REST,
            )
        assert "Posture.submodel" == raised.value.field

    @given(st.one_of(st.text(), st.integers(), st.floats()))
    def test_an_unknown_submodel_is_refused(self, value: object) -> None:
        """Not a member: an InvalidInputError naming the field."""
        with pytest.raises(bs.InvalidInputError) as raised:
            bs.Posture(lean=LYING, support=bs.Support.SUPINE, submodel=value)  # type: ignore[arg-type]
        assert "Posture.submodel" == raised.value.field

    def test_batch_rows_break_the_pairing(self) -> None:
        """Rows with a submodel on the wrong support are named."""
        with pytest.raises(bs.InvalidRowsError) as raised:
            spinal_load_many(
                lean_deg=90,
                mass_kg=80,
                height_m=1.78,
                support=["supine", "prone"],
                submodel=["double-leg-raise", "double-leg-raise"],
            )
        assert "support" in str(raised.value)

    def test_an_exercise_with_a_wrong_pairing_is_refused(self) -> None:
        """`Exercise` checks the same rule, naming the exercise."""
        bridge = bs.catalog.get("glute-bridge")
        with pytest.raises(bs.InvalidInputError, match="glute-bridge"):
            bs.Exercise(
                slug=bridge.slug,
                name=bridge.name,
                pattern=bridge.pattern,
                stance=bridge.stance,
                equipment=bridge.equipment,
                placement=bridge.placement,
                support=bs.Support.PRONE,
                lean_min=bridge.lean_min,
                lean_max=bridge.lean_max,
                primary_muscles=bridge.primary_muscles,
                submodel=Submodel.BRIDGE,
            )


class TestEvidence:
    def test_every_submodel_has_a_grade_and_spread(self) -> None:
        """Grades are the shared `Evidence` values; spreads in (0, 1)."""
        for submodel in Submodel:
            grade, spread = sub.submodel_evidence(submodel)
            assert grade in {"in-vivo", "emg-assisted", "estimate"}
            assert 0 < spread < 1
