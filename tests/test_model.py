import contextlib
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs

from .strategies import BAD_NUMBERS, bodies, exercises, postures


def _exercise(**changes: object) -> bs.Exercise:
    fields: dict[str, object] = {
        "slug": "goblet-squat",
        "name": "Goblet squat",
        "pattern": bs.MovementPattern.SQUAT,
        "stance": bs.Stance.BILATERAL,
        "equipment": frozenset({bs.Equipment.DUMBBELL}),
        "placement": bs.LoadPlacement.GOBLET,
        "support": bs.Support.FREE_STANDING,
        "lean_min": bs.TorsoLean(degrees=20),
        "lean_max": bs.TorsoLean(degrees=35),
        "primary_muscles": frozenset({bs.Muscle.QUADRICEPS}),
    }
    fields.update(changes)
    return bs.Exercise(**fields)  # type: ignore[arg-type]


class TestBody:
    @given(body=bodies())
    def test_valid_bodies_build(self, body: bs.Body) -> None:
        """Bodies in the human range build and report their weight."""
        assert body.mass_kg * 9.80665 == pytest.approx(body.weight_n)

    @given(bad=BAD_NUMBERS)
    def test_bad_mass(self, bad: Any) -> None:
        """NaN, infinities, negatives and non-numbers are refused."""
        with pytest.raises(bs.InvalidInputError, match=r"Body\.mass_kg"):
            bs.Body(mass_kg=bad, height_m=1.7)

    @pytest.mark.parametrize(
        ("mass", "height", "field"),
        [
            (29.9, 1.7, "mass_kg"),
            (300.1, 1.7, "mass_kg"),
            (70, 1.19, "height_m"),
            (70, 2.31, "height_m"),
            (70, 170, "height_m"),
        ],
    )
    def test_out_of_human_range(
        self, mass: float, height: float, field: str
    ) -> None:
        """Out-of-range bodies name the field, the value and the range."""
        with pytest.raises(bs.InvalidInputError) as info:
            bs.Body(mass_kg=mass, height_m=height)

        assert f"Body.{field}" == info.value.field
        assert "got" in str(info.value)
        assert "[" in str(info.value)

    def test_error_is_a_value_error(self) -> None:
        """InvalidInputError is a ValueError and a BacksafeError."""
        with pytest.raises(ValueError, match="mass_kg"):
            bs.Body(mass_kg=-1, height_m=1.7)
        assert issubclass(bs.InvalidInputError, bs.BacksafeError)

    def test_bad_sex(self) -> None:
        """An unknown sex is refused with the allowed values."""
        with pytest.raises(bs.InvalidInputError, match="'female', 'male'"):
            bs.Body(mass_kg=70, height_m=1.7, sex="x")  # type: ignore[arg-type]

    def test_frozen(self) -> None:
        """Bodies cannot be changed after construction."""
        body = bs.Body(mass_kg=70, height_m=1.7)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            body.mass_kg = 80  # type: ignore[misc]


class TestTorsoLean:
    @pytest.mark.parametrize(
        ("degrees", "expected"),
        [
            (0, bs.LeanClass.UPRIGHT),
            (15, bs.LeanClass.UPRIGHT),
            (15.01, bs.LeanClass.MODERATE),
            (45, bs.LeanClass.MODERATE),
            (45.01, bs.LeanClass.PRONOUNCED),
            (90, bs.LeanClass.PRONOUNCED),
        ],
    )
    def test_classification_cut_offs(
        self, degrees: float, expected: bs.LeanClass
    ) -> None:
        """Upright up to 15°, moderate up to 45°, pronounced above."""
        assert expected == bs.TorsoLean(degrees=degrees).classification

    @given(st.floats(0, math.pi / 2))
    def test_radians_round_trip(self, radians: float) -> None:
        """from_radians and radians agree."""
        lean = bs.TorsoLean.from_radians(radians)

        assert radians == pytest.approx(lean.radians)

    @pytest.mark.parametrize("bad", [-0.1, 90.1, 180, math.nan, math.inf])
    def test_impossible_angles(self, bad: Any) -> None:
        """Angles outside 0-90° are refused."""
        with pytest.raises(bs.InvalidInputError, match=r"TorsoLean\.degrees"):
            bs.TorsoLean(degrees=bad)

    def test_bad_radians(self) -> None:
        """from_radians refuses angles past horizontal."""
        with pytest.raises(bs.InvalidInputError, match="radians"):
            bs.TorsoLean.from_radians(2.0)


class TestPosture:
    @given(postures())
    def test_valid_postures_build(self, posture: bs.Posture) -> None:
        """Postures from the strategy satisfy the cross-field rules."""
        assert posture.is_loaded == (posture.load_kg > 0)

    def test_load_needs_a_placement(self) -> None:
        """A load without a placement is refused."""
        with pytest.raises(bs.InvalidInputError, match="placement"):
            bs.Posture(lean=bs.TorsoLean(degrees=0), load_kg=10)

    def test_reach_only_for_hands_reach(self) -> None:
        """A reach only applies to a load held out in front."""
        with pytest.raises(bs.InvalidInputError, match="reach_m"):
            bs.Posture(
                lean=bs.TorsoLean(degrees=0),
                load_kg=10,
                placement=bs.LoadPlacement.GOBLET,
                reach_m=0.2,
            )

    def test_task_support_must_match(self) -> None:
        """A calibrated task must be done on its own support."""
        with pytest.raises(bs.InvalidInputError, match="supine"):
            bs.Posture(
                lean=bs.TorsoLean(degrees=90),
                task=bs.CalibratedTask.CURL_UP,
            )

    @pytest.mark.parametrize("bad", [-1, 600.1, math.nan, "10"])
    def test_bad_load(self, bad: Any) -> None:
        """Negative, huge, NaN and non-numeric loads are refused."""
        with pytest.raises(bs.InvalidInputError, match=r"Posture\.load_kg"):
            bs.Posture(
                lean=bs.TorsoLean(degrees=0),
                load_kg=bad,
                placement=bs.LoadPlacement.GOBLET,
            )

    def test_lean_must_be_a_torso_lean(self) -> None:
        """A bare number for the lean is refused."""
        with pytest.raises(bs.InvalidInputError, match="TorsoLean"):
            bs.Posture(lean=30)  # type: ignore[arg-type]


class TestExercise:
    @given(exercises())
    def test_valid_exercises_build(self, exercise: bs.Exercise) -> None:
        """Exercises from the strategy have a typical lean in range."""
        lean = exercise.typical_lean.degrees

        assert exercise.lean_min.degrees <= lean <= exercise.lean_max.degrees

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"slug": "Goblet Squat"}, "slug"),
            ({"slug": "goblet--squat"}, "slug"),
            ({"name": ""}, "name"),
            ({"name": " padded "}, "name"),
            ({"tier": 4}, "tier"),
            ({"tier": True}, "tier"),
            ({"working_leg_share": 0.0}, "working_leg_share"),
            ({"working_leg_share": 1.5}, "working_leg_share"),
            ({"primary_muscles": frozenset()}, "primary_muscles"),
            ({"equipment": frozenset({"rope"})}, "equipment"),
            ({"easier": ("a", "a")}, "easier"),
            ({"lean_min": bs.TorsoLean(degrees=40)}, "lean_min"),
            ({"harder": ("goblet-squat",)}, "easier/harder"),
            ({"reach_m": 0.3}, "reach_m"),
            (
                {
                    "support": bs.Support.SUPINE,
                    "task": bs.CalibratedTask.BIRD_DOG,
                },
                "support",
            ),
        ],
    )
    def test_bad_fields(self, changes: dict[str, object], field: str) -> None:
        """Each bad field is refused, naming the field."""
        with pytest.raises(bs.InvalidInputError, match=field):
            _exercise(**changes)

    def test_unilateral(self) -> None:
        """Split and single-leg stances are unilateral."""
        assert not _exercise().is_unilateral
        assert _exercise(stance=bs.Stance.SPLIT).is_unilateral


class TestLimits:
    @pytest.mark.parametrize(
        ("compression", "expected"),
        [
            (3399.99, bs.StressLevel.LOW),
            (3400.0, bs.StressLevel.ELEVATED),
            (6399.99, bs.StressLevel.ELEVATED),
            (6400.0, bs.StressLevel.HIGH),
        ],
    )
    def test_niosh_boundaries(
        self, compression: float, expected: bs.StressLevel
    ) -> None:
        """Compression grades at exactly 3400 N and 6400 N (NIOSH 1981)."""
        assert expected == bs.Limits().grade_compression(compression)

    @pytest.mark.parametrize(
        ("shear", "expected"),
        [
            (499.9, bs.StressLevel.LOW),
            (500.0, bs.StressLevel.ELEVATED),
            (-750.0, bs.StressLevel.ELEVATED),
            (1000.0, bs.StressLevel.HIGH),
        ],
    )
    def test_shear_boundaries(
        self, shear: float, expected: bs.StressLevel
    ) -> None:
        """Shear magnitude grades at 500 N and 1000 N."""
        assert expected == bs.Limits().grade_shear(shear)

    def test_action_must_be_below_maximum(self) -> None:
        """An action limit at or above the maximum is refused."""
        with pytest.raises(bs.InvalidInputError, match="compression_action"):
            bs.Limits(compression_action_n=7000.0)
        with pytest.raises(bs.InvalidInputError, match="shear_action"):
            bs.Limits(shear_action_n=1000.0)

    @pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
    def test_bad_limit(self, bad: Any) -> None:
        """Limits must be positive and finite."""
        with pytest.raises(bs.InvalidInputError, match="Limits"):
            bs.Limits(compression_maximum_n=bad)


class TestStressLevel:
    def test_severity_order(self) -> None:
        """Levels sort by severity, not alphabetically."""
        shuffled = [
            bs.StressLevel.HIGH,
            bs.StressLevel.LOW,
            bs.StressLevel.ELEVATED,
        ]

        assert [
            bs.StressLevel.LOW,
            bs.StressLevel.ELEVATED,
            bs.StressLevel.HIGH,
        ] == sorted(shuffled)
        assert bs.StressLevel.HIGH > bs.StressLevel.ELEVATED
        assert bs.StressLevel.LOW <= bs.StressLevel.LOW
        assert bs.StressLevel.HIGH >= bs.StressLevel.LOW
        assert not bs.StressLevel.LOW > bs.StressLevel.HIGH

    def test_comparison_with_strings_is_refused(self) -> None:
        """Comparing a level with a plain string is a TypeError."""
        with pytest.raises(TypeError):
            _ = bs.StressLevel.LOW < "high"

    def test_values_are_readable(self) -> None:
        """Values are lower-case words for JSON."""
        assert ["low", "elevated", "high", "ungraded"] == [
            s.value for s in bs.StressLevel
        ]


class TestPublicApi:
    def test_all_is_sorted_and_importable(self) -> None:
        """__all__ is alphabetised and every name resolves."""
        assert sorted(bs.__all__) == list(bs.__all__)
        for name in bs.__all__:
            assert getattr(bs, name) is not None

    def test_unknown_attribute(self) -> None:
        """Unknown attributes raise AttributeError."""
        with pytest.raises(AttributeError, match="no_such_thing"):
            _ = bs.no_such_thing

    def test_dir_lists_public_names(self) -> None:
        """dir(backsafe) shows the public names."""
        assert {"spinal_load", "__version__"} <= set(dir(bs))


#: Anything at all: values of the wrong type, huge ints, NaN, containers.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.just(10**400),
    st.floats(),
    st.text(max_size=6),
    st.lists(st.integers(), max_size=2),
    st.tuples(st.lists(st.integers(), max_size=1)),
    st.frozensets(st.integers(), max_size=2),
    st.sampled_from(list(bs.LoadPlacement) + list(bs.Support)),
)


def _only_library_errors(build: Any) -> None:
    with contextlib.suppress(bs.BacksafeError):
        build()


class TestFuzz:
    @given(mass=ANYTHING, height=ANYTHING, sex=ANYTHING)
    def test_body(self, mass: Any, height: Any, sex: Any) -> None:
        """Body raises nothing but the library's errors."""
        _only_library_errors(
            lambda: bs.Body(mass_kg=mass, height_m=height, sex=sex)
        )

    @given(degrees=ANYTHING)
    def test_torso_lean(self, degrees: Any) -> None:
        """TorsoLean and from_radians raise only the library's errors."""
        _only_library_errors(lambda: bs.TorsoLean(degrees=degrees))
        _only_library_errors(lambda: bs.TorsoLean.from_radians(degrees))

    @given(
        support=ANYTHING,
        load=ANYTHING,
        placement=ANYTHING,
        reach=ANYTHING,
        task=ANYTHING,
    )
    def test_posture(
        self, support: Any, load: Any, placement: Any, reach: Any, task: Any
    ) -> None:
        """Posture raises nothing but the library's errors."""
        _only_library_errors(
            lambda: bs.Posture(
                lean=bs.TorsoLean(degrees=10),
                support=support,
                load_kg=load,
                placement=placement,
                reach_m=reach,
                task=task,
            )
        )

    @given(a=ANYTHING, b=ANYTHING)
    def test_limits_and_grading(self, a: Any, b: Any) -> None:
        """Limits and its graders raise only the library's errors."""
        _only_library_errors(
            lambda: bs.Limits(compression_action_n=a, shear_maximum_n=b)
        )
        _only_library_errors(lambda: bs.Limits().grade_compression(a))
        _only_library_errors(lambda: bs.Limits().grade_shear(b))

    @given(easier=ANYTHING, tier=ANYTHING, share=ANYTHING, equipment=ANYTHING)
    def test_exercise(
        self, easier: Any, tier: Any, share: Any, equipment: Any
    ) -> None:
        """Exercise raises nothing but the library's errors."""
        _only_library_errors(
            lambda: _exercise(
                easier=easier,
                tier=tier,
                working_leg_share=share,
                equipment=equipment,
            )
        )

    @given(body=ANYTHING, joint=ANYTHING, table=ANYTHING, arm=ANYTHING)
    def test_spinal_load_options(
        self, body: Any, joint: Any, table: Any, arm: Any
    ) -> None:
        """spinal_load's arguments raise only the library's errors."""
        posture = bs.Posture(lean=bs.TorsoLean(degrees=30))
        _only_library_errors(
            lambda: bs.spinal_load(
                posture,
                body,
                joint=joint,
                anthropometrics=table,
                extensor_moment_arm_m=arm,
            )
        )
        _only_library_errors(lambda: bs.mass_above_joint_kg(body))

    @given(source=ANYTHING)
    def test_contribution_lookup(self, source: Any) -> None:
        """SpinalLoad.contribution refuses what is not a source."""
        load = bs.spinal_load(
            bs.Posture(lean=bs.TorsoLean(degrees=30)),
            bs.Body(mass_kg=70, height_m=1.7),
        )
        _only_library_errors(lambda: load.contribution(source))


class TestOutputTypes:
    def test_spinal_load_refuses_nan(self) -> None:
        """A SpinalLoad built by hand (or from JSON) cannot hold NaN."""
        good = bs.spinal_load(
            bs.Posture(lean=bs.TorsoLean(degrees=30)),
            bs.Body(mass_kg=70, height_m=1.7),
        )
        with pytest.raises(bs.InvalidInputError, match="compression_n"):
            attrs.evolve(good, compression_n=math.nan)
        with pytest.raises(bs.InvalidInputError, match="contributions"):
            attrs.evolve(good, contributions=(1, 2))  # type: ignore[arg-type]

    def test_contribution_by_name(self) -> None:
        """Contributions can be looked up by enum or by its value."""
        load = bs.spinal_load(
            bs.Posture(lean=bs.TorsoLean(degrees=30)),
            bs.Body(mass_kg=70, height_m=1.7),
        )

        assert load.contribution("muscle") == load.contribution(
            bs.LoadSource.MUSCLE
        )
        assert load.contribution("external-load") is None

    def test_huge_int_is_refused_cleanly(self) -> None:
        """An int too large for a float is an InvalidInputError."""
        with pytest.raises(bs.InvalidInputError, match="mass_kg"):
            bs.Body(mass_kg=10**400, height_m=1.7)


class TestValidatorPaths:
    def test_float_subclass_is_accepted(self) -> None:
        """A float subclass (numpy's float64 is one) passes as a number."""

        class Reading(float):
            pass

        body = bs.Body(mass_kg=Reading(80.5), height_m=1.8)

        assert 80.5 == body.mass_kg

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"cues": "keep tall"}, "cues"),
            ({"cues": ("x",) * 51}, "cues"),
            ({"easier": "split-squat"}, "easier"),
            ({"primary_muscles": frozenset({bs.Muscle.QUADRICEPS, "x"})}, "x"),
        ],
    )
    def test_collection_fields(
        self, changes: dict[str, object], field: str
    ) -> None:
        """Collections of the wrong shape or content name the problem."""
        with pytest.raises(bs.InvalidInputError, match=field):
            _exercise(**changes)
