"""How sure each number is: evidence grades, bands and ungraded results."""

import math

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _evidence as ev
from backsafe.spine import _geometry as geometry
from backsafe.spine import _kernel as kernel
from backsafe.spine._namespace import SCALAR

from .strategies import (
    bodies,
    exercises,
    limits,
    loads_kg,
    postures,
    spinal_loads,
)

BODY = bs.Body(mass_kg=80, height_m=1.78)
#: The supports that hold the trunk (the supported path, without a task).
HELD = [s for s in bs.Support if s.carries_trunk_moment]
OFF_TRUNK = [bs.LoadPlacement.PELVIS, bs.LoadPlacement.MACHINE_PAD]


def _is_unknown(posture: bs.Posture) -> bool:
    """The rule of the model page: what the model cannot compute."""
    if posture.task is not None or posture.submodel is not None:
        return False
    if not posture.support.carries_trunk_moment:
        return False
    off_trunk = posture.placement in OFF_TRUNK and posture.load_kg > 0
    return off_trunk or posture.support is bs.Support.HANGING


class TestBand:
    @given(load=spinal_loads())
    def test_band_holds_the_compression(self, load: bs.SpinalLoad) -> None:
        """0 <= low <= compression <= high, all finite."""
        assert 0.0 <= load.compression_low_n <= load.compression_n
        assert load.compression_n <= load.compression_high_n
        assert math.isfinite(load.compression_high_n)

    @given(load=spinal_loads())
    def test_every_result_has_an_evidence_grade(
        self, load: bs.SpinalLoad
    ) -> None:
        """Each result says what it rests on; the band follows from it."""
        assert isinstance(load.evidence, bs.Evidence)
        code = bs.SpinalLoadArrays.METHODS.index(load.method)
        spread = ev.band_spread(code)
        assert load.compression_low_n == load.compression_n * (1 - spread.low)
        assert load.compression_high_n == (
            load.compression_n * (1 + spread.high)
        )

    @given(posture=postures(), body=bodies())
    def test_grade_follows_the_method(
        self, posture: bs.Posture, body: bs.Body
    ) -> None:
        """Calibrated tasks are EMG-assisted; the other paths estimates."""
        load = bs.spinal_load(posture, body)
        expected = (
            bs.Evidence.EMG_ASSISTED
            if load.method is bs.ModelMethod.CALIBRATED
            else bs.Evidence.ESTIMATE
        )
        assert expected is load.evidence

    @given(posture=postures(), body=bodies())
    def test_loaded_lift_band_is_wider_than_zero(
        self, posture: bs.Posture, body: bs.Body
    ) -> None:
        """A result with any compression has a band of some width."""
        load = bs.spinal_load(posture, body)
        if load.compression_n > 0:
            assert load.compression_low_n < load.compression_n
            assert load.compression_n < load.compression_high_n

    def test_band_is_checked_by_the_constructor(self) -> None:
        """A band that does not hold the compression is refused."""
        load = bs.spinal_load(bs.Posture(lean=bs.TorsoLean(degrees=30)), BODY)
        with pytest.raises(bs.InvalidInputError, match="compression_low_n"):
            bs.from_dict(
                {**bs.to_dict(load), "compression_low_n": 1e6}, bs.SpinalLoad
            )
        with pytest.raises(bs.InvalidInputError, match="compression_high_n"):
            bs.from_dict(
                {**bs.to_dict(load), "compression_high_n": 0.0}, bs.SpinalLoad
            )


class TestUngraded:
    def test_ungraded_ranks_above_high(self) -> None:
        """Unknown is never treated as safe: it sorts after HIGH."""
        assert bs.StressLevel.HIGH < bs.StressLevel.UNGRADED
        assert bs.StressLevel.UNGRADED == max(bs.StressLevel)
        assert [*bs.StressLevel][-1] is bs.StressLevel.UNGRADED

    @given(posture=postures(), body=bodies(), limits=limits())
    def test_ungraded_exactly_where_a_term_is_missing(
        self, posture: bs.Posture, body: bs.Body, limits: bs.Limits
    ) -> None:
        """The rule: a load off a supported trunk, or hanging."""
        load = bs.spinal_load(posture, body, limits=limits)

        assert load.is_graded is not _is_unknown(posture)
        if not load.is_graded:
            assert bs.StressLevel.UNGRADED is load.level
            assert bs.StressLevel.UNGRADED is load.compression_level
            assert bs.StressLevel.UNGRADED is load.shear_level

    @given(
        body=bodies(),
        support=st.sampled_from(HELD),
        placement=st.sampled_from(OFF_TRUNK),
        load=loads_kg(min_value=0.1),
    )
    def test_load_off_a_held_trunk_is_ungraded(
        self,
        body: bs.Body,
        support: bs.Support,
        placement: bs.LoadPlacement,
        load: float,
    ) -> None:
        """A pad or pelvis load on a supported trunk is never "low"."""
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=90),
            support=support,
            load_kg=load,
            placement=placement,
        )
        result = bs.spinal_load(posture, body)

        assert not result.is_graded
        assert bs.StressLevel.LOW is not result.level

    @given(
        level=st.sampled_from(bs.StressLevel),
        load=loads_kg(min_value=0.1),
    )
    def test_ungraded_never_passes_a_max_level_filter(
        self, level: bs.StressLevel, load: float
    ) -> None:
        """Catalog.filter(max_level=...) drops every ungraded exercise.

        The built-in catalog grades every exercise (each supported one has
        its submodel), so the test adds a bridge without one: its bar on
        the pelvis then has no term, and the bridge is ungraded.
        """
        bare = attrs.evolve(
            bs.catalog.get("barbell-hip-thrust"),
            slug="hip-thrust-without-submodel",
            submodel=None,
            easier=(),
            harder=(),
        )
        catalog = bs.catalog.extend([bare])
        kept = catalog.filter(max_level=level, body=BODY, load_kg=load)

        for exercise in kept:
            scored = bs.score(
                exercise, BODY, load_kg=load if exercise.takes_load else 0.0
            )
            assert scored.is_graded
        ungraded = [
            e.slug
            for e in catalog
            if not bs.score(
                e, BODY, load_kg=load if e.takes_load else 0.0
            ).is_graded
        ]
        assert ungraded == [bare.slug]
        assert not {e.slug for e in kept} & set(ungraded)

    @given(
        original=st.sampled_from([e.slug for e in bs.catalog if e.takes_load]),
        load=st.sampled_from([0.0, 10.0, 40.0, 80.0]),
        level=st.none() | st.sampled_from(bs.StressLevel),
    )
    def test_ungraded_is_never_a_swap(
        self, original: str, load: float, level: bs.StressLevel | None
    ) -> None:
        """No swap is ungraded, so none is ranked first by an unknown."""
        found = bs.alternatives(original, BODY, load_kg=load, max_level=level)

        assert all(a.spinal_load.is_graded for a in found)

    def test_rewrite_replaces_an_ungraded_item(self) -> None:
        """A rewrite never keeps an item it cannot grade."""
        rewrite = bs.rewrite_workout(
            [bs.WorkoutItem(exercise=bs.catalog.get("leg-extension"),
                            sets=3, reps=10, load_kg=20)],
            BODY,
            max_level=bs.StressLevel.HIGH,
        )  # fmt: skip
        for item in rewrite.workout.items:
            scored = bs.score(item.exercise, BODY, load_kg=item.load_kg)
            assert scored.is_graded

    @given(exercise=exercises(), body=bodies(), load=loads_kg())
    def test_score_grades_as_the_posture_rule(
        self, exercise: bs.Exercise, body: bs.Body, load: float
    ) -> None:
        """score follows the same rule for an exercise's posture."""
        load = load if exercise.takes_load else 0.0
        result = bs.score(exercise, body, load_kg=load)

        assert result.is_graded is not _is_unknown(
            bs.exercise_posture(exercise, load_kg=load)
        )


class TestShown:
    def test_json_round_trip_keeps_the_new_fields(self) -> None:
        """to_dict and from_dict carry evidence, band and ungraded."""
        for posture in (
            bs.Posture(lean=bs.TorsoLean(degrees=45), load_kg=20,
                       placement=bs.LoadPlacement.GOBLET),
            bs.Posture(lean=bs.TorsoLean(degrees=0),
                       support=bs.Support.SEATED_BACK_SUPPORTED, load_kg=20,
                       placement=bs.LoadPlacement.MACHINE_PAD),
        ):  # fmt: skip
            load = bs.spinal_load(posture, BODY)
            data = bs.to_dict(load)

            assert load.evidence.value == data["evidence"]
            assert load.compression_low_n == data["compression_low_n"]
            assert load.compression_high_n == data["compression_high_n"]
            assert load.level.value == data["level"]
            assert load == bs.from_dict(data, bs.SpinalLoad)
            assert load == bs.from_json(bs.to_json(load), bs.SpinalLoad)

    @given(load=spinal_loads())
    def test_json_round_trip_of_any_load(self, load: bs.SpinalLoad) -> None:
        """Any result survives JSON, its grade and band included."""
        assert load == bs.from_json(bs.to_json(load), bs.SpinalLoad)

    def test_schema_lists_the_new_fields(self) -> None:
        """The JSON Schema requires the band and the evidence."""
        schema = bs.json_schema(bs.SpinalLoad)

        for name in ("evidence", "compression_low_n", "compression_high_n"):
            assert name in schema["required"]
        assert ["in-vivo", "emg-assisted", "estimate"] == (
            schema["$defs"]["Evidence"]["enum"]
        )
        assert "ungraded" in schema["$defs"]["StressLevel"]["enum"]

    def test_repr_and_table_show_band_and_grade(self) -> None:
        """The notebook display shows the band, the evidence, ungraded."""
        graded = bs.score(bs.catalog.get("goblet-squat"), BODY, load_kg=20)
        # A bar on the pelvis of a lying body, with no submodel to say
        # how it reaches the spine.
        ungraded = bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=90),
                support=bs.Support.SUPINE,
                load_kg=20,
                placement=bs.LoadPlacement.PELVIS,
            ),
            BODY,
        )

        assert "estimate" in repr(graded)
        assert f"{graded.compression_low_n:,.0f}-" in repr(graded)
        assert "band" in graded._repr_html_()
        assert "ungraded" in repr(ungraded)
        assert "not modelled" in ungraded._repr_html_()


class TestBatch:
    @given(
        rows=st.lists(st.tuples(postures(), bodies()), max_size=20),
        chunk_rows=st.sampled_from([1, 3, 1000]),
    )
    def test_batch_equals_scalar_for_band_and_grade(
        self, rows: list[tuple[bs.Posture, bs.Body]], chunk_rows: int
    ) -> None:
        """Each row's band, evidence and ungraded flag match spinal_load."""
        if not rows:
            return
        postures_ = [p for p, _ in rows]
        loads = bs.spinal_load_many(
            lean_deg=np.array([p.lean.degrees for p in postures_]),
            load_kg=np.array([p.load_kg for p in postures_]),
            placement=np.array([p.placement.value for p in postures_]),
            support=np.array([p.support.value for p in postures_]),
            reach_m=np.array([p.reach_m for p in postures_]),
            task=np.array(
                [None if p.task is None else p.task.value for p in postures_],
                dtype=object,
            ),
            mass_kg=np.array([b.mass_kg for _, b in rows]),
            height_m=np.array([b.height_m for _, b in rows]),
            chunk_rows=chunk_rows,
        )
        for i, (posture, body) in enumerate(rows):
            one = bs.spinal_load(posture, body)
            assert one.compression_low_n == pytest.approx(
                float(loads.compression_low_n[i]), rel=1e-9, abs=1e-9
            )
            assert one.compression_high_n == pytest.approx(
                float(loads.compression_high_n[i]), rel=1e-9, abs=1e-9
            )
            assert (
                one.evidence is bs.SpinalLoadArrays.EVIDENCE[loads.evidence[i]]
            )
            assert one.is_graded is (
                bs.SpinalLoadArrays.LEVELS[loads.level[i]]
                is not bs.StressLevel.UNGRADED
            )

    def test_score_many_marks_ungraded_rows(self) -> None:
        """Exercises by slug get the same grades as score."""
        slugs = ["leg-extension", "goblet-squat", "bird-dog", "hip-thrust"]
        loads = bs.score_many(
            slugs, mass_kg=80, height_m=1.78, load_kg=[20, 20, 0, 0]
        )
        for i, slug in enumerate(slugs):
            one = bs.score(
                bs.catalog.get(slug), BODY, load_kg=[20, 20, 0, 0][i]
            )
            assert one.level.rank == loads.level[i]
            assert (
                one.evidence is bs.SpinalLoadArrays.EVIDENCE[loads.evidence[i]]
            )


class TestTraced:
    @given(posture=postures(), body=bodies(), limits=limits())
    def test_traced_row_is_the_scalar_kernel(
        self, posture: bs.Posture, body: bs.Body, limits: bs.Limits
    ) -> None:
        """The traced one-row path gives the kernel's numbers exactly."""
        method = kernel.method_code(
            posture.support, posture.task, posture.submodel
        )
        trunk_borne = (
            posture.placement.is_trunk_borne and posture.submodel is None
        )
        arm_m = kernel.default_moment_arm_m(bs.SpineLevel.L4_L5)
        fraction = kernel.upper_mass_fraction(bs.Anthropometrics.WINTER, None)
        # The default geometry: each load at its placement's offsets.
        along, front = geometry.LEVERS[posture.placement]
        terms = kernel.terms(
            SCALAR,
            method=method,
            lean_deg=posture.lean.degrees,
            mass_kg=body.mass_kg,
            height_m=body.height_m,
            upper_fraction=fraction,
            load_kg=posture.load_kg,
            trunk_borne=trunk_borne,
            reach_m=posture.reach_m,
            axial=kernel.axial_share(posture.support),
            task_n=kernel.task_compression_n(posture.task),
            arm_m=arm_m,
            muscles=kernel.submodel_coefficients(
                posture.support, posture.task, posture.submodel, arm_m
            ),
            along_per_h=along,
            front_per_h=front,
        )
        grades = kernel.grades(
            SCALAR,
            terms.compression_n,
            terms.shear_n,
            limits,
            kernel.ungraded(
                method,
                kernel.is_hanging(posture.support),
                trunk_borne,
                posture.load_kg,
            ),
        )
        band = kernel.band(
            SCALAR,
            terms.compression_n,
            *ev.row_evidence(method, posture.submodel)[1],
        )
        body = bs.Body(mass_kg=body.mass_kg, height_m=body.height_m)
        load = bs.spinal_load(posture, body, limits=limits)

        assert terms.moment_nm == load.moment_nm
        assert terms.compression_n == load.compression_n
        assert terms.shear_n == load.shear_n
        assert band.compression_low_n == load.compression_low_n
        assert band.compression_high_n == load.compression_high_n
        assert kernel.LEVELS[grades.level] is load.level
        assert kernel.LEVELS[grades.compression_level] is (
            load.compression_level
        )
        assert kernel.LEVELS[grades.shear_level] is load.shear_level
        muscle = load.contribution(bs.LoadSource.MUSCLE)
        if muscle is not None:
            assert terms.muscle_compression_n == muscle.compression_n
        upper = load.contribution(bs.LoadSource.UPPER_BODY)
        if upper is not None:
            assert (
                terms.upper_moment_nm,
                terms.upper_compression_n,
                terms.upper_shear_n,
            ) == (upper.moment_nm, upper.compression_n, upper.shear_n)

    def test_public_constructor_still_validates(self) -> None:
        """Results are built unchecked; the constructor still checks."""
        load = bs.spinal_load(bs.Posture(lean=bs.TorsoLean(degrees=0)), BODY)
        with pytest.raises(bs.InvalidInputError, match="compression_n"):
            bs.from_dict({**bs.to_dict(load), "compression_n": -1.0},
                         bs.SpinalLoad)  # fmt: skip
