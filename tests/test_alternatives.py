import math

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _constants as k

from .strategies import catalog_exercises, training_bodies

BODY = bs.Body(mass_kg=80, height_m=1.78)


def _graded_swap(slug: str, load_kg: float) -> bool:
    """Whether *slug* is graded at its load for a Romanian deadlift's."""
    candidate = bs.catalog.get(slug)
    load = bs.equivalent_load(
        bs.catalog.get("romanian-deadlift"), load_kg, candidate, BODY
    )
    return bs.score(candidate, BODY, load_kg=load).is_graded


def _get(slug: str) -> bs.Exercise:
    return bs.catalog.get(slug)


def _loads(exercise: bs.Exercise) -> st.SearchStrategy[float]:
    return st.floats(0.0, 250.0) if exercise.takes_load else st.just(0.0)


class TestWorkingLegLoad:
    def test_bilateral_squat(self) -> None:
        """Half of the mass above the knees plus the bar, per leg."""
        expected = 0.5 * (k.MASS_ABOVE_KNEES * 80 + 60)

        assert expected == bs.working_leg_load_kg(
            _get("high-bar-back-squat"), BODY, load_kg=60
        )

    def test_split_squat_uses_the_lead_leg_share(self) -> None:
        """Three quarters of body and dumbbells on the lead leg."""
        expected = 0.75 * (k.MASS_ABOVE_KNEES * 80 + 20)

        assert expected == bs.working_leg_load_kg(
            _get("split-squat"), BODY, load_kg=20
        )

    def test_machines_count_the_pad_load(self) -> None:
        """A leg extension counts its stack only."""
        assert 20.0 == bs.working_leg_load_kg(
            _get("leg-extension"), BODY, load_kg=40
        )

    def test_hinge_lifts_head_arms_and_trunk(self) -> None:
        """A deadlift counts Winter's HAT mass."""
        expected = 0.5 * (k.WINTER_MASS_HAT * 80 + 100)

        assert expected == bs.working_leg_load_kg(
            _get("conventional-deadlift"), BODY, load_kg=100
        )

    def test_open_chain_moves_the_leg(self) -> None:
        """A single-leg raise lifts one whole leg."""
        expected = k.WINTER_MASS_TOTAL_LEG * 80

        assert expected == pytest.approx(
            bs.working_leg_load_kg(_get("modified-single-leg-raise"), BODY)
        )

    def test_double_and_single_leg_raise_match_per_leg(self) -> None:
        """Both legs at half share equal one leg at full share."""
        assert bs.working_leg_load_kg(
            _get("double-leg-raise"), BODY
        ) == pytest.approx(
            bs.working_leg_load_kg(_get("modified-single-leg-raise"), BODY)
        )

    def test_trunk_exercises_have_no_body_part(self) -> None:
        """A curl-up moves no leg mass."""
        assert 0.0 == bs.working_leg_load_kg(_get("mcgill-curl-up"), BODY)

    @given(
        exercise=catalog_exercises(legs_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_grows_with_load(
        self, exercise: bs.Exercise, body: bs.Body, data: st.DataObject
    ) -> None:
        """More external load means more working-leg load."""
        assume(exercise.takes_load)
        low = data.draw(st.floats(0.0, 200.0))

        assert bs.working_leg_load_kg(
            exercise, body, load_kg=low
        ) < bs.working_leg_load_kg(exercise, body, load_kg=low + 10)

    @pytest.mark.parametrize(
        ("args", "match"),
        [
            (("nope", BODY, 0.0), "exercise must be an Exercise"),
            ((None, BODY, 0.0), "exercise must be an Exercise"),
            (("split-squat", None, 0.0), "body must be a Body"),
            (("split-squat", BODY, -1.0), "load_kg"),
            (("split-squat", BODY, math.nan), "load_kg"),
            (("dead-bug", BODY, 5.0), "takes no external load"),
        ],
    )
    def test_bad_input(self, args: tuple[object, ...], match: str) -> None:
        """Bad arguments raise InvalidInputError."""
        exercise, body, load = args
        if isinstance(exercise, str) and exercise in bs.catalog:
            exercise = _get(exercise)

        with pytest.raises(bs.InvalidInputError, match=match):
            bs.working_leg_load_kg(exercise, body, load_kg=load)  # type: ignore[arg-type]


class TestEquivalentLoad:
    def test_back_squat_to_split_squat(self) -> None:
        """60 kg on the back is a pair of 8 kg dumbbells in a split squat."""
        assert 16.0 == bs.equivalent_load(
            _get("low-bar-back-squat"), 60, _get("split-squat"), BODY
        )

    def test_back_squat_to_leg_press(self) -> None:
        """The leg press needs the whole working-leg load on the sled."""
        assert 130.0 == bs.equivalent_load(
            _get("low-bar-back-squat"), 60, _get("leg-press"), BODY
        )

    def test_same_exercise_without_rounding_is_identity(self) -> None:
        """With no rounding, the same exercise keeps its load."""
        squat = _get("front-squat")

        assert 61.3 == pytest.approx(
            bs.equivalent_load(squat, 61.3, squat, BODY, step_kg=0)
        )

    def test_nearest_rounding(self) -> None:
        """'nearest' rounds up past half a step."""
        squat, split = _get("low-bar-back-squat"), _get("split-squat")

        assert 16.0 == bs.equivalent_load(
            squat, 60, split, BODY, rounding="nearest"
        )
        assert 18.0 == bs.equivalent_load(
            squat, 60, split, BODY, step_kg=3, rounding="nearest"
        )
        assert 15.0 == bs.equivalent_load(squat, 60, split, BODY, step_kg=3)

    def test_caller_sets_the_step(self) -> None:
        """A 1 kg step gives a finer load."""
        assert 16.0 == bs.equivalent_load(
            _get("low-bar-back-squat"),
            60,
            _get("split-squat"),
            BODY,
            step_kg=1,
        )

    def test_body_weight_alone_is_enough(self) -> None:
        """When body weight gives more leg work, the load is 0."""
        assert 0.0 == bs.equivalent_load(
            _get("goblet-squat"), 10, _get("step-up"), BODY
        )

    def test_exercise_without_load(self) -> None:
        """An exercise that takes no load gets 0."""
        assert 0.0 == bs.equivalent_load(
            _get("low-bar-back-squat"), 60, _get("hip-thrust"), BODY
        )

    def test_clamped_to_the_largest_load(self) -> None:
        """Huge equivalents stop at the largest accepted load."""
        assert k.MAX_LOAD_KG >= bs.equivalent_load(
            _get("low-bar-back-squat"),
            k.MAX_LOAD_KG,
            _get("leg-extension"),
            bs.Body(mass_kg=300, height_m=2.0),
        )

    def test_nearest_never_rounds_past_the_largest_load(self) -> None:
        """Rounding to the nearest step stays within the load range."""
        result = bs.equivalent_load(
            _get("leg-extension"),
            599,
            _get("leg-press"),
            BODY,
            step_kg=7,
            rounding="nearest",
        )

        assert 595.0 == result

    @given(
        source=catalog_exercises(legs_only=True),
        target=catalog_exercises(legs_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_is_a_multiple_of_the_step(
        self,
        source: bs.Exercise,
        target: bs.Exercise,
        body: bs.Body,
        data: st.DataObject,
    ) -> None:
        """The result is a whole number of equipment steps."""
        load = data.draw(_loads(source))
        result = bs.equivalent_load(source, load, target, body)
        steps = result / target.load_step_kg

        assert round(steps) == pytest.approx(steps)

    @given(
        source=catalog_exercises(legs_only=True),
        target=catalog_exercises(legs_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_rounding_down_never_adds_leg_work(
        self,
        source: bs.Exercise,
        target: bs.Exercise,
        body: bs.Body,
        data: st.DataObject,
    ) -> None:
        """Unless body weight alone exceeds it, leg work is never above."""
        load = data.draw(_loads(source))
        result = bs.equivalent_load(source, load, target, body)
        assume(result > 0)

        assert (
            bs.working_leg_load_kg(target, body, load_kg=result)
            <= bs.working_leg_load_kg(source, body, load_kg=load) + 1e-6
        )

    @given(
        source=catalog_exercises(legs_only=True, loaded_only=True),
        target=catalog_exercises(legs_only=True, loaded_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_round_trip_within_one_step(
        self,
        source: bs.Exercise,
        target: bs.Exercise,
        body: bs.Body,
        data: st.DataObject,
    ) -> None:
        """Rounding to nearest, there and back is within one step."""
        assume(source.takes_load and target.takes_load)
        load = data.draw(st.floats(0.0, 250.0))
        raw = bs.equivalent_load(source, load, target, body, step_kg=0)
        assume(0 < raw < k.MAX_LOAD_KG)
        there = bs.equivalent_load(
            source, load, target, body, rounding="nearest"
        )
        raw_back = bs.equivalent_load(target, there, source, body, step_kg=0)
        assume(0 < raw_back < k.MAX_LOAD_KG)
        back = bs.equivalent_load(
            target, there, source, body, rounding="nearest"
        )
        # One kilogram on the target is this many on the source.
        ratio = target.working_leg_share / source.working_leg_share
        step = max(source.load_step_kg, target.load_step_kg * ratio)

        assert abs(back - load) <= step + 1e-6

    @pytest.mark.parametrize("mass", [45, 75, 80, 120])
    def test_round_trip_of_the_leg_day_squat(self, mass: float) -> None:
        """60 kg low-bar squat to split squat and back is within 2.5 kg."""
        body = bs.Body(mass_kg=mass, height_m=1.75)
        squat, split = _get("low-bar-back-squat"), _get("split-squat")
        there = bs.equivalent_load(squat, 60, split, body, rounding="nearest")
        back = bs.equivalent_load(
            split, there, squat, body, rounding="nearest"
        )

        assert abs(back - 60) <= squat.load_step_kg

    @given(
        source=catalog_exercises(legs_only=True),
        target=catalog_exercises(legs_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_grows_with_the_load(
        self,
        source: bs.Exercise,
        target: bs.Exercise,
        body: bs.Body,
        data: st.DataObject,
    ) -> None:
        """A heavier source load never gives a lighter equivalent."""
        assume(source.takes_load)
        load = data.draw(st.floats(0.0, 240.0))

        assert bs.equivalent_load(
            source, load, target, body
        ) <= bs.equivalent_load(source, load + 10, target, body)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"step_kg": -1}, "step_kg"),
            ({"step_kg": 51}, "step_kg"),
            ({"rounding": "up"}, "rounding"),
        ],
    )
    def test_bad_options(self, kwargs: dict[str, object], match: str) -> None:
        """Bad steps and rounding modes raise InvalidInputError."""
        with pytest.raises(bs.InvalidInputError, match=match):
            bs.equivalent_load(
                _get("split-squat"),
                10,
                _get("step-up"),
                BODY,
                **kwargs,  # type: ignore[arg-type]
            )

    def test_target_must_be_an_exercise(self) -> None:
        """A slug is not an exercise here."""
        with pytest.raises(bs.InvalidInputError, match="to_exercise"):
            bs.equivalent_load(_get("split-squat"), 10, "step-up", BODY)  # type: ignore[arg-type]


class TestAlternatives:
    @given(
        exercise=catalog_exercises(),
        body=training_bodies(),
        data=st.data(),
    )
    def test_never_worse_and_same_muscles(
        self, exercise: bs.Exercise, body: bs.Body, data: st.DataObject
    ) -> None:
        """Every alternative trains the same muscles and scores no higher."""
        load = data.draw(_loads(exercise))
        # Graded as the swaps are: against this person's limits.
        limits = bs.size_scaled_limits(body)
        before = bs.score(exercise, body, load_kg=load, limits=limits)
        found = bs.alternatives(exercise, body, load_kg=load)

        for alt in found:
            exact_load = bs.equivalent_load(
                exercise, load, alt.exercise, body, step_kg=0
            )
            exact = bs.score(
                alt.exercise, body, load_kg=exact_load, limits=limits
            )
            assert exact.compression_n <= before.compression_n + 1e-6
            assert abs(exact.shear_n) <= abs(before.shear_n) + 1e-6
            assert exact.level <= before.level
            assert alt.spinal_load.compression_n <= before.compression_n
            assert alt.spinal_load.level <= before.level
            assert alt.exercise.primary_muscles >= exercise.primary_muscles
            assert alt.exercise.flags <= exercise.flags
            assert alt.exercise.slug != exercise.slug
            assert (
                alt.spinal_load.compression_n < before.compression_n
                or alt.exercise.tier < exercise.tier
            )
            assert alt.spinal_load == bs.score(
                alt.exercise, body, load_kg=alt.load_kg, limits=limits
            )

    @pytest.mark.parametrize(
        ("slug", "load", "rejected"),
        [
            ("rear-foot-elevated-split-squat", 2, "split-squat"),
            ("step-up", 16, "split-squat"),
            ("walking-lunge", 16, "stability-ball-wall-squat"),
            # 4 kg: with the goblet's offset (on by default) a 5 kg
            # single-leg box squat scores above the exact equivalent
            # reverse lunge, so that swap now wins outright.
            ("single-leg-box-squat", 4, "reverse-lunge"),
        ],
    )
    def test_not_worse_before_rounding(
        self, slug: str, load: float, rejected: str
    ) -> None:
        """A swap that only wins thanks to rounding down is not offered."""
        body = bs.Body(mass_kg=45, height_m=1.5)
        exact = bs.equivalent_load(
            _get(slug), load, _get(rejected), body, step_kg=0
        )
        found = {
            a.exercise.slug for a in bs.alternatives(slug, body, load_kg=load)
        }

        assert (
            bs.score(_get(rejected), body, load_kg=exact).compression_n
            > bs.score(_get(slug), body, load_kg=load).compression_n
        )
        assert rejected not in found

    @given(
        exercise=catalog_exercises(legs_only=True),
        body=training_bodies(),
        data=st.data(),
    )
    def test_keeps_comparable_leg_work(
        self, exercise: bs.Exercise, body: bs.Body, data: st.DataObject
    ) -> None:
        """Leg work stays at least 80 % of the original's."""
        load = data.draw(_loads(exercise))
        before = bs.working_leg_load_kg(exercise, body, load_kg=load)

        for alt in bs.alternatives(exercise, body, load_kg=load):
            assert alt.working_leg_load_kg >= 0.8 * before - 1e-6
            assert alt.load_kg == bs.equivalent_load(
                exercise, load, alt.exercise, body
            )

    @given(
        exercise=catalog_exercises(),
        body=training_bodies(),
        data=st.data(),
    )
    def test_ranked_by_compression(
        self, exercise: bs.Exercise, body: bs.Body, data: st.DataObject
    ) -> None:
        """Graded first; a hinge for a hinge first; then least compression.

        Issue 11: an ungraded result (the model leaves its muscle load out)
        is never ranked as the safest, so the graded ones come first; and
        a hinge stays a hinge, so for a hinge the hinges come before the
        rest of its family. Within each group the least compression comes
        first.
        """

        load = data.draw(_loads(exercise))
        found = bs.alternatives(exercise, body, load_kg=load)
        keys = [
            (
                not a.spinal_load.is_graded,
                exercise.pattern is bs.MovementPattern.HINGE
                and a.exercise.pattern is not bs.MovementPattern.HINGE,
            )
            for a in found
        ]

        assert sorted(keys) == keys
        for key in set(keys):
            group = [
                a.spinal_load.compression_n
                for a, k in zip(found, keys, strict=True)
                if k == key
            ]
            assert sorted(group) == group

    @given(
        exercise=catalog_exercises(),
        body=training_bodies(),
        data=st.data(),
        level=st.sampled_from(bs.StressLevel),
        tier=st.integers(0, 3),
        flags=st.frozensets(st.sampled_from(bs.ExerciseFlag)),
        kit=st.frozensets(st.sampled_from(bs.Equipment)),
    )
    def test_filters_hold(
        self,
        exercise: bs.Exercise,
        body: bs.Body,
        data: st.DataObject,
        level: bs.StressLevel,
        tier: int,
        flags: frozenset[bs.ExerciseFlag],
        kit: frozenset[bs.Equipment],
    ) -> None:
        """Level, tier, flag and equipment filters all hold."""
        load = data.draw(_loads(exercise))
        found = bs.alternatives(
            exercise,
            body,
            load_kg=load,
            max_level=level,
            max_tier=tier,
            exclude_flags=flags,
            equipment=kit,
        )

        for alt in found:
            assert alt.spinal_load.level <= level
            assert alt.exercise.tier <= tier
            assert not alt.exercise.flags & flags
            needs = alt.exercise.equipment - {
                bs.Equipment.BODYWEIGHT,
                bs.Equipment.MAT,
            }
            fixed = needs - {
                bs.Equipment.BARBELL,
                bs.Equipment.DUMBBELL,
                bs.Equipment.KETTLEBELL,
            }
            assert fixed <= kit
            if alt.load_kg > 0 and needs - fixed:
                assert (needs - fixed) & kit

    def test_back_squat_goes_single_leg(self) -> None:
        """The low-bar squat's alternatives include split-stance work."""
        found = {
            a.exercise.slug: a.load_kg
            for a in bs.alternatives("low-bar-back-squat", BODY, load_kg=60)
        }

        assert 16.0 == found["split-squat"]
        assert 4.0 == found["rear-foot-elevated-split-squat"]
        assert "high-bar-back-squat" in found
        assert "low-bar-back-squat" not in found

    def test_reductions_are_reported(self) -> None:
        """Each alternative reports its reduction against the original."""
        before = bs.score(_get("low-bar-back-squat"), BODY, load_kg=60)
        for alt in bs.alternatives("low-bar-back-squat", BODY, load_kg=60):
            saved = before.compression_n - alt.spinal_load.compression_n

            assert saved == pytest.approx(alt.compression_reduction_n)
            assert saved / before.compression_n == pytest.approx(
                alt.relative_reduction
            )

    def test_sit_up_gets_the_curl_up(self) -> None:
        """McGill's curl-up replaces the sit-up."""
        found = [
            a.exercise.slug for a in bs.alternatives("bent-knee-sit-up", BODY)
        ]

        assert "mcgill-curl-up" in found
        assert "straight-leg-sit-up" not in found

    def test_superman_gets_the_bird_dog(self) -> None:
        """The bird-dog and its regression replace the superman."""
        found = [
            a.exercise.slug for a in bs.alternatives("prone-superman", BODY)
        ]

        assert ["quadruped-leg-extension", "bird-dog"] == found

    def test_double_leg_raise_gets_the_single_leg_raise(self) -> None:
        """The single-leg raise lifts one leg, not two: about half the load.

        (Before the leg-raise submodel both scored 0 N, so the reduction
        was 0; now the psoas and abdominals of one leg are modelled.)
        """
        found = bs.alternatives("double-leg-raise", BODY)

        assert ["modified-single-leg-raise"] == [
            a.exercise.slug for a in found
        ]
        assert 0.4 < found[0].relative_reduction < 0.6

    def test_hinge_goes_to_bridges(self) -> None:
        """The Romanian deadlift's alternatives include bridges.

        That is, every bridge the model can grade at its equivalent load;
        an ungraded bridge (a load on the pelvis without a bridge
        submodel) is unknown, never offered as back-friendlier.
        """
        found = {
            a.exercise.slug
            for a in bs.alternatives("romanian-deadlift", BODY, load_kg=60)
        }
        bridges = {"barbell-hip-thrust", "single-leg-glute-bridge"}
        graded = {slug for slug in bridges if _graded_swap(slug, 60.0)}

        assert graded <= found
        assert not (bridges - graded) & found
        assert "romanian-deadlift" not in found

    def test_excluding_flexion_drops_the_curl_up(self) -> None:
        """Excluding spinal flexion leaves only flexion-free work."""
        found = [
            a.exercise.slug
            for a in bs.alternatives(
                "bent-knee-sit-up", BODY, exclude_flags="spinal-flexion"
            )
        ]

        assert ["dead-bug"] == found

    def test_stretches_only_replace_stretches(self) -> None:
        """A stretch is never an alternative to training."""
        found = bs.alternatives("lying-leg-curl", BODY, load_kg=30)

        assert all(
            a.exercise.pattern is not bs.MovementPattern.STRETCH for a in found
        )

    def test_trunk_exercises_skip_the_leg_work_rule(self) -> None:
        """A heavy loaded crunch may become a bodyweight curl-up.

        (100 kg, not 30 kg: the cable now pulls the trunk into extension, so
        about 25 kg of it balances the upper body and a 30 kg crunch loads
        the spine less than a curl-up.)
        """
        found = [
            a.exercise.slug
            for a in bs.alternatives("cable-rope-crunch", BODY, load_kg=100)
        ]

        assert "mcgill-curl-up" in found

    def test_custom_catalog(self) -> None:
        """Candidates come from the given exercises only."""
        pool = [_get("low-bar-back-squat"), _get("split-squat")]
        found = bs.alternatives(
            "low-bar-back-squat", BODY, load_kg=60, catalog=pool
        )

        assert ["split-squat"] == [a.exercise.slug for a in found]

    def test_unknown_slug(self) -> None:
        """An unknown slug suggests the nearest."""
        with pytest.raises(bs.UnknownExerciseError, match="split-squat"):
            bs.alternatives("split-squats", BODY)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"load_kg": -5},
            {"max_level": "severe"},
            {"max_tier": 9},
            {"exclude_flags": 3},
            {"exclude_flags": ["twisting"]},
            {"equipment": "anvil"},
            {"min_leg_load_ratio": 1.5},
            {"catalog": "split-squat"},
            {"catalog": [1, 2]},
            {"limits": "strict"},
        ],
    )
    def test_bad_options(self, kwargs: dict[str, object]) -> None:
        """Bad options raise InvalidInputError."""
        with pytest.raises(bs.InvalidInputError):
            bs.alternatives(
                "split-squat",
                BODY,
                **kwargs,  # type: ignore[arg-type]
            )

    def test_body_is_checked(self) -> None:
        """A missing body is refused."""
        with pytest.raises(bs.InvalidInputError, match="body must be"):
            bs.alternatives("split-squat", None)  # type: ignore[arg-type]


class TestAlternative:
    def test_is_frozen_and_validated(self) -> None:
        """An alternative refuses a negative reduction."""
        alt = bs.alternatives("low-bar-back-squat", BODY, load_kg=60)[0]

        with pytest.raises(bs.InvalidInputError, match="relative_reduction"):
            attrs.evolve(alt, relative_reduction=-0.1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            alt.load_kg = 1.0  # type: ignore[misc]


class TestCautionsAndOrder:
    """Issue 11: swaps respect catalog cautions as the rewrite does, and
    the command line's order and numbers come from one source."""

    @given(
        exercise=catalog_exercises(),
        body=training_bodies(),
        data=st.data(),
    )
    def test_no_swap_its_caution_advises_against(
        self, exercise: bs.Exercise, body: bs.Body, data: st.DataObject
    ) -> None:
        """No alternative is one its own caution rules out when sore."""
        from backsafe.exercises._swap_rules import advises_against  # noqa: PLC0415

        load = data.draw(_loads(exercise))
        found = bs.alternatives(exercise, body, load_kg=load)

        assert not [
            a.exercise.slug for a in found if advises_against(a.exercise)
        ]

    def test_the_walking_lunge_is_no_swap(self) -> None:
        """The most demanding lunge is not offered for a squat; asked to
        ignore cautions, it is."""
        kept = bs.alternatives("low-bar-back-squat", BODY, load_kg=80)
        ignored = bs.alternatives(
            "low-bar-back-squat", BODY, load_kg=80, respect_cautions=False
        )

        assert "walking-lunge" not in {a.exercise.slug for a in kept}
        assert "walking-lunge" in {a.exercise.slug for a in ignored}
        assert [a for a in ignored if a.exercise.slug != "walking-lunge"] == (
            list(kept)
        )

    def test_respect_cautions_must_be_a_bool(self) -> None:
        """A non-bool names the option."""
        with pytest.raises(bs.InvalidInputError, match="respect_cautions"):
            bs.alternatives("split-squat", BODY, respect_cautions="yes")  # type: ignore[arg-type]
