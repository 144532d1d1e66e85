import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _constants as k

from .fresh import run_fresh
from .strategies import (
    BAD_NUMBERS,
    bodies,
    exercise_tables,
    exercises,
    logged_sets,
    posture_rows,
)

np = pytest.importorskip("numpy")

REFERENCE: dict[str, Any] = {"mass_kg": 80.0, "height_m": 1.78}
DEFAULT_LIMITS = bs.Limits()
TABLES = st.sampled_from(list(bs.Anthropometrics))
JOINTS = st.sampled_from(list(bs.SpineLevel))
CHUNKS = st.integers(1, 7)
ARMS = st.none() | st.floats(
    k.MIN_EXTENSOR_MOMENT_ARM_M, k.MAX_EXTENSOR_MOMENT_ARM_M
)

#: Relative agreement between a batch element and the scalar model.
RELATIVE = 1e-9


@pytest.fixture(name="squat")
def _squat() -> bs.Exercise:
    return bs.Exercise(
        slug="goblet-squat",
        name="Goblet squat",
        pattern=bs.MovementPattern.SQUAT,
        stance=bs.Stance.BILATERAL,
        equipment=frozenset({bs.Equipment.DUMBBELL}),
        placement=bs.LoadPlacement.GOBLET,
        support=bs.Support.FREE_STANDING,
        lean_min=bs.TorsoLean(degrees=20),
        lean_max=bs.TorsoLean(degrees=30),
        primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
    )


@pytest.fixture(name="curl_up")
def _curl_up() -> bs.Exercise:
    return bs.Exercise(
        slug="curl-up",
        name="Curl-up",
        pattern=bs.MovementPattern.TRUNK_FLEXION,
        stance=bs.Stance.BILATERAL,
        equipment=frozenset({bs.Equipment.MAT}),
        placement=bs.LoadPlacement.NONE,
        support=bs.Support.SUPINE,
        lean_min=bs.TorsoLean(degrees=80),
        lean_max=bs.TorsoLean(degrees=90),
        primary_muscles=frozenset({bs.Muscle.RECTUS_ABDOMINIS}),
        task=bs.CalibratedTask.CURL_UP,
    )


def _close(expected: float, actual: float) -> bool:
    return math.isclose(expected, actual, rel_tol=RELATIVE)


def _near_limit(value: float, *limits: float) -> bool:
    """Whether *value* is so close to a limit that rounding may grade it."""
    return any(_close(abs(value), limit) for limit in limits)


def _assert_same(
    expected: bs.SpinalLoad,
    loads: bs.SpinalLoadArrays,
    i: int,
    limits: bs.Limits = DEFAULT_LIMITS,
) -> None:
    """Element *i* of *loads* is *expected*, to within `RELATIVE`."""
    assert _close(expected.moment_nm, float(loads.moment_nm[i]))
    assert _close(expected.compression_n, float(loads.compression_n[i]))
    assert _close(expected.shear_n, float(loads.shear_n[i]))
    assert expected.method is bs.SpinalLoadArrays.METHODS[loads.method[i]]
    assert expected.joint is loads.joint
    if not _near_limit(
        expected.compression_n,
        limits.compression_action_n,
        limits.compression_maximum_n,
    ):
        assert expected.compression_level.rank == loads.compression_level[i]
    if not _near_limit(
        expected.shear_n, limits.shear_action_n, limits.shear_maximum_n
    ):
        assert expected.shear_level.rank == loads.shear_level[i]
    assert (
        max(loads.compression_level[i], loads.shear_level[i])
        == (loads.level[i])
    )


def _posture_columns(
    rows: list[tuple[bs.Posture, bs.Body]],
) -> dict[str, Any]:
    postures = [p for p, _ in rows]
    return {
        "lean_deg": np.array([p.lean.degrees for p in postures], dtype=float),
        "load_kg": np.array([p.load_kg for p in postures], dtype=float),
        "placement": np.array([p.placement.value for p in postures], str),
        "support": np.array([p.support.value for p in postures], str),
        "reach_m": np.array([p.reach_m for p in postures], dtype=float),
        "task": np.array(
            [None if p.task is None else p.task.value for p in postures],
            dtype=object,
        ),
        "mass_kg": np.array([b.mass_kg for _, b in rows], dtype=float),
        "height_m": np.array([b.height_m for _, b in rows], dtype=float),
        "sex": np.array(
            [None if b.sex is None else b.sex.value for _, b in rows],
            dtype=object,
        ),
    }


def _table_for(
    rows: list[tuple[bs.Posture, bs.Body]], table: bs.Anthropometrics
) -> bs.Anthropometrics:
    """De Leva needs every body's sex; fall back to Winter otherwise."""
    if all(b.sex is not None for _, b in rows):
        return table
    return bs.Anthropometrics.WINTER


def _raises_rows(**kwargs: Any) -> bs.InvalidRowsError:
    with pytest.raises(bs.InvalidRowsError) as info:
        bs.spinal_load_many(**kwargs)
    return info.value


class TestSpinalLoadMany:
    @given(
        rows=posture_rows(),
        table=TABLES,
        joint=JOINTS,
        arm=ARMS,
        chunk_rows=CHUNKS,
    )
    def test_every_element_matches_the_scalar_model(
        self,
        rows: list[tuple[bs.Posture, bs.Body]],
        table: bs.Anthropometrics,
        joint: bs.SpineLevel,
        arm: float | None,
        chunk_rows: int,
    ) -> None:
        """Each element equals spinal_load for its row within 1e-9."""
        table = _table_for(rows, table)
        options: dict[str, Any] = {
            "anthropometrics": table,
            "joint": joint,
            "extensor_moment_arm_m": arm,
        }

        loads = bs.spinal_load_many(
            **_posture_columns(rows), chunk_rows=chunk_rows, **options
        )

        assert len(rows) == len(loads)
        for i, (posture, body) in enumerate(rows):
            _assert_same(bs.spinal_load(posture, body, **options), loads, i)

    @given(rows=posture_rows(min_size=1), chunk_rows=CHUNKS)
    def test_limits_grade_as_in_the_scalar_model(
        self, rows: list[tuple[bs.Posture, bs.Body]], chunk_rows: int
    ) -> None:
        """Overridden limits grade each element as spinal_load does."""
        limits = bs.Limits(
            compression_action_n=1000.0,
            compression_maximum_n=2000.0,
            shear_action_n=100.0,
            shear_maximum_n=200.0,
        )

        loads = bs.spinal_load_many(
            **_posture_columns(rows), limits=limits, chunk_rows=chunk_rows
        )

        for i, (posture, body) in enumerate(rows):
            expected = bs.spinal_load(posture, body, limits=limits)
            _assert_same(expected, loads, i, limits)

    def test_the_readme_box_lift(self) -> None:
        """The README's box lift scores as spinal_load scores it."""
        box = bs.Posture(
            lean=bs.TorsoLean(degrees=45),
            load_kg=20,
            placement=bs.LoadPlacement.HANDS_REACH,
            reach_m=0.3,
        )

        loads = bs.spinal_load_many(
            lean_deg=45,
            load_kg=20,
            placement=bs.LoadPlacement.HANDS_REACH,
            reach_m=0.3,
            **REFERENCE,
        )

        _assert_same(bs.spinal_load(box, bs.Body(**REFERENCE)), loads, 0)

    @given(body=bodies(), leans=st.lists(st.floats(0, 90), max_size=20))
    def test_scalars_apply_to_every_row(
        self, body: bs.Body, leans: list[float]
    ) -> None:
        """A scalar argument equals an array repeating it."""
        n = len(leans)
        scalar = bs.spinal_load_many(
            lean_deg=leans, mass_kg=body.mass_kg, height_m=body.height_m
        )
        arrays = bs.spinal_load_many(
            lean_deg=leans,
            mass_kg=np.full(n, body.mass_kg),
            height_m=np.full(n, body.height_m),
        )

        assert arrays.compression_n.tolist() == scalar.compression_n.tolist()
        assert arrays.level.tolist() == scalar.level.tolist()

    def test_all_scalars_give_one_row(self) -> None:
        """Scalars alone describe one row."""
        loads = bs.spinal_load_many(lean_deg=0, **REFERENCE)

        assert 1 == len(loads)

    @given(rows=posture_rows(), chunk_rows=st.integers(1, 40))
    def test_chunk_size_does_not_change_results(
        self, rows: list[tuple[bs.Posture, bs.Body]], chunk_rows: int
    ) -> None:
        """The result is the same whatever the chunk size."""
        columns = _posture_columns(rows)

        one = bs.spinal_load_many(**columns, chunk_rows=chunk_rows)
        whole = bs.spinal_load_many(**columns)

        assert whole.compression_n.tolist() == one.compression_n.tolist()
        assert whole.method.tolist() == one.method.tolist()

    def test_empty_input_gives_empty_arrays(self) -> None:
        """No rows score to empty arrays."""
        loads = bs.spinal_load_many(
            lean_deg=np.array([]), mass_kg=[], height_m=1.78
        )

        assert 0 == len(loads)
        assert np.float64 == loads.compression_n.dtype
        assert np.int8 == loads.level.dtype

    def test_results_are_read_only_and_inputs_untouched(self) -> None:
        """The arrays cannot be written, and the inputs are not changed."""
        lean = np.array([10.0, 50.0])
        loads = bs.spinal_load_many(lean_deg=lean, **REFERENCE)

        assert [10.0, 50.0] == lean.tolist()
        with pytest.raises(ValueError, match="read-only"):
            loads.compression_n[0] = 0.0

    def test_integer_and_list_inputs_are_accepted(self) -> None:
        """Integer arrays and lists score like floats."""
        ints = bs.spinal_load_many(
            lean_deg=np.array([0, 30], dtype=np.int32),
            mass_kg=[80, 80],
            height_m=1.78,
        )
        floats = bs.spinal_load_many(
            lean_deg=[0.0, 30.0], mass_kg=80.0, height_m=1.78
        )

        assert floats.compression_n.tolist() == ints.compression_n.tolist()

    def test_enum_members_and_bytes_are_accepted(self) -> None:
        """Enum members, their values and byte strings mean the same."""
        by_member = bs.spinal_load_many(
            lean_deg=30,
            load_kg=20,
            placement=[bs.LoadPlacement.GOBLET, bs.LoadPlacement.PELVIS],
            **REFERENCE,
        )
        by_bytes = bs.spinal_load_many(
            lean_deg=30,
            load_kg=20,
            placement=np.array([b"goblet", b"pelvis"]),
            **REFERENCE,
        )

        assert (
            by_member.compression_n.tolist() == by_bytes.compression_n.tolist()
        )

    def test_missing_tasks_and_sexes(self) -> None:
        """None and NaN mark a missing task or sex."""
        loads = bs.spinal_load_many(
            lean_deg=[0, 90, 90],
            support=["free-standing", "supine", "supine"],
            task=[None, "curl-up", float("nan")],
            sex=np.array([None, "male", float("nan")], dtype=object),
            **REFERENCE,
        )

        assert [0, 2, 1] == loads.method.tolist()


class TestBadRows:
    @given(
        bad=BAD_NUMBERS.filter(lambda x: isinstance(x, float)),
        where=st.sets(st.integers(0, 29), min_size=1, max_size=5),
        field=st.sampled_from(["lean_deg", "mass_kg", "height_m", "load_kg"]),
        chunk_rows=CHUNKS,
    )
    def test_bad_numbers_are_reported_with_their_rows(
        self, bad: float, where: set[int], field: str, chunk_rows: int
    ) -> None:
        """NaN, infinities and negatives raise with every bad row."""
        columns: dict[str, Any] = {
            "lean_deg": np.full(30, 20.0),
            "mass_kg": np.full(30, 80.0),
            "height_m": np.full(30, 1.78),
            "load_kg": np.full(30, 10.0),
            "placement": "goblet",
        }
        columns[field][sorted(where)] = bad

        error = _raises_rows(**columns, chunk_rows=chunk_rows)

        assert field == error.field
        assert tuple(sorted(where)) == error.rows
        assert len(where) == error.count
        assert "finite number" in str(error)

    def test_message_names_rows_and_values(self) -> None:
        """The message gives the field, the range and the bad rows."""
        error = _raises_rows(lean_deg=[0, math.nan, 30, -1], **REFERENCE)

        assert (
            "lean_deg must be a finite number in [0, 90]; "
            "2 bad rows: 1 (nan), 3 (-1.0)"
        ) == str(error)
        assert isinstance(error, bs.InvalidInputError)
        assert isinstance(error, ValueError)

    def test_rows_in_later_chunks_are_reported_too(self) -> None:
        """Bad rows after the first bad chunk are still listed."""
        lean = np.zeros(100)
        lean[[3, 50, 99]] = math.nan

        error = _raises_rows(lean_deg=lean, chunk_rows=10, **REFERENCE)

        assert (3, 50, 99) == error.rows

    def test_many_bad_rows_are_counted_and_capped(self) -> None:
        """The error counts every bad row and keeps the first thousand."""
        n = bs.InvalidRowsError.MAX_ROWS + 500
        error = _raises_rows(lean_deg=np.full(n, -5.0), **REFERENCE)

        assert n == error.count
        assert tuple(range(bs.InvalidRowsError.MAX_ROWS)) == error.rows
        assert "and 1495 more" in str(error)

    def test_other_bad_fields_are_named(self) -> None:
        """The message names the other fields with bad rows."""
        error = _raises_rows(
            lean_deg=[0, -1], mass_kg=[80, 10], height_m=[1.0, 1.8]
        )

        assert "mass_kg" == error.field
        assert ("height_m", "lean_deg") == error.other_fields

    def test_unknown_placement(self) -> None:
        """An unknown placement is a bad row."""
        error = _raises_rows(
            lean_deg=0, placement=["none", "hand"], **REFERENCE
        )

        assert ("placement", (1,), ("hand",)) == (
            error.field,
            error.rows,
            error.values,
        )

    def test_missing_support_is_bad(self) -> None:
        """Support may not be missing."""
        error = _raises_rows(
            lean_deg=0,
            support=np.array(["supine", None], dtype=object),
            **REFERENCE,
        )

        assert ("support", (1,)) == (error.field, error.rows)

    def test_load_needs_a_placement(self) -> None:
        """A load with placement 'none' breaks the Posture rule."""
        error = _raises_rows(lean_deg=0, load_kg=[0, 5], **REFERENCE)

        assert ("placement", (1,), ("none",)) == (
            error.field,
            error.rows,
            error.values,
        )

    def test_reach_needs_hands_reach(self) -> None:
        """A reach other than with 'hands-reach' is a bad row."""
        error = _raises_rows(
            lean_deg=0,
            load_kg=5,
            placement=["hands-reach", "goblet"],
            reach_m=0.2,
            **REFERENCE,
        )

        assert ("reach_m", (1,)) == (error.field, error.rows)

    def test_task_needs_its_support(self) -> None:
        """A calibrated task on the wrong support is a bad row."""
        error = _raises_rows(
            lean_deg=0,
            support=["supine", "prone"],
            task="curl-up",
            **REFERENCE,
        )

        assert ("support", (1,), ("prone",)) == (
            error.field,
            error.rows,
            error.values,
        )

    def test_de_leva_needs_every_sex(self) -> None:
        """De Leva's table refuses rows without a sex."""
        error = _raises_rows(
            lean_deg=0,
            sex=["male", None],
            anthropometrics="de-leva",
            **REFERENCE,
        )

        assert ("sex", (1,)) == (error.field, error.rows)

    def test_unknown_sex_is_bad(self) -> None:
        """A sex other than female, male or missing is a bad row."""
        error = _raises_rows(lean_deg=0, sex=["male", "m"], **REFERENCE)

        assert ("sex", (1,), ("m",)) == (
            error.field,
            error.rows,
            error.values,
        )


class TestBadArguments:
    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"lean_deg": [0, 1, 2], "mass_kg": [80, 80]}, "mass_kg"),
            ({"lean_deg": [[0, 1]]}, "lean_deg"),
            ({"lean_deg": [True, False]}, "lean_deg"),
            ({"lean_deg": np.array([1, None], dtype=object)}, "lean_deg"),
            ({"lean_deg": math.nan}, "lean_deg"),
            ({"lean_deg": 0, "mass_kg": "80"}, "mass_kg"),
            ({"lean_deg": 0, "placement": "hand"}, "placement"),
            ({"lean_deg": 0, "placement": [1, 2]}, "placement"),
            ({"lean_deg": 0, "support": None}, "support"),
            ({"lean_deg": 0, "task": 3}, "task"),
            ({"lean_deg": 0, "load_kg": 5}, "placement"),
            ({"lean_deg": 0, "chunk_rows": 0}, "chunk_rows"),
            ({"lean_deg": 0, "joint": "L3/L4"}, "joint"),
            ({"lean_deg": 0, "anthropometrics": "x"}, "anthropometrics"),
            ({"lean_deg": 0, "limits": None}, "limits"),
            (
                {"lean_deg": 0, "extensor_moment_arm_m": 1.0},
                "extensor_moment_arm_m",
            ),
            ({"lean_deg": 0, "anthropometrics": "de-leva"}, "sex"),
        ],
    )
    def test_whole_argument_errors(
        self, kwargs: dict[str, Any], field: str
    ) -> None:
        """A bad argument as a whole raises InvalidInputError naming it."""
        arguments = {**REFERENCE, **kwargs}
        with pytest.raises(bs.InvalidInputError) as info:
            bs.spinal_load_many(**arguments)

        assert field == info.value.field


class TestScoreMany:
    @given(
        data=st.data(),
        table=exercise_tables(),
        typical=st.booleans(),
        chunk_rows=CHUNKS,
    )
    def test_every_element_matches_score(
        self,
        data: st.DataObject,
        table: list[bs.Exercise],
        typical: bool,
        chunk_rows: int,
    ) -> None:
        """Each element equals score for its set within 1e-9."""
        rows = data.draw(logged_sets(table))

        loads = bs.score_many(
            np.array([e.slug for e, *_ in rows], dtype=object),
            mass_kg=[b.mass_kg for _, b, *_ in rows],
            height_m=[b.height_m for _, b, *_ in rows],
            load_kg=[load for *_, load, _ in rows],
            lean_deg=None if typical else [x.degrees for *_, x in rows],
            exercises=table,
            chunk_rows=chunk_rows,
        )

        assert len(rows) == len(loads)
        for i, (exercise, body, load, lean) in enumerate(rows):
            expected = bs.score(
                exercise,
                body,
                load_kg=load,
                lean=None if typical else lean,
            )
            _assert_same(expected, loads, i)

    @given(
        data=st.data(),
        body=bodies(),
        chunk_rows=CHUNKS,
    )
    def test_slugs_come_from_the_built_in_catalog(
        self, data: st.DataObject, body: bs.Body, chunk_rows: int
    ) -> None:
        """Without exercises, slugs are looked up in backsafe.catalog."""
        rows = data.draw(logged_sets(list(bs.catalog), max_size=10))

        loads = bs.score_many(
            [e.slug for e, *_ in rows],
            mass_kg=body.mass_kg,
            height_m=body.height_m,
            load_kg=[load for *_, load, _ in rows],
            chunk_rows=chunk_rows,
        )

        for i, (exercise, _, load, _) in enumerate(rows):
            _assert_same(bs.score(exercise, body, load_kg=load), loads, i)

    @given(exercise=exercises(), body=bodies())
    def test_an_exercise_object_scores_every_row(
        self, exercise: bs.Exercise, body: bs.Body
    ) -> None:
        """An Exercise, rather than slugs, applies to every row."""
        loads = bs.score_many(
            exercise,
            mass_kg=[body.mass_kg, body.mass_kg],
            height_m=body.height_m,
        )

        expected = bs.score(exercise, body)
        _assert_same(expected, loads, 0)
        _assert_same(expected, loads, 1)

    @given(table=exercise_tables(min_size=2))
    def test_a_mapping_looks_up_by_key(self, table: list[bs.Exercise]) -> None:
        """A mapping's keys are the slugs looked up."""
        aliases = {f"e{i}": e for i, e in enumerate(table)}

        loads = bs.score_many(
            list(aliases), exercises=aliases, lean_deg=10, **REFERENCE
        )

        body = bs.Body(**REFERENCE)
        lean = bs.TorsoLean(degrees=10)
        for i, exercise in enumerate(table):
            _assert_same(bs.score(exercise, body, lean=lean), loads, i)

    def test_unknown_slug_in_rows(self, squat: bs.Exercise) -> None:
        """Unknown slugs are bad rows."""
        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_many(
                ["goblet-squat", "goblet-sqat", None],
                exercises=[squat],
                **REFERENCE,
            )

        assert ("exercise", (1, 2)) == (info.value.field, info.value.rows)
        assert "a known exercise slug" == info.value.allowed

    def test_one_unknown_slug_suggests(self, squat: bs.Exercise) -> None:
        """A single unknown slug raises UnknownExerciseError."""
        with pytest.raises(bs.UnknownExerciseError) as info:
            bs.score_many("goblet-sqat", exercises=[squat], **REFERENCE)

        assert ("goblet-squat",) == info.value.suggestions

    def test_load_on_an_unloaded_exercise(
        self, squat: bs.Exercise, curl_up: bs.Exercise
    ) -> None:
        """A load on an exercise that takes none is a bad row."""
        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_many(
                ["goblet-squat", "curl-up"],
                load_kg=[10, 10],
                exercises=[squat, curl_up],
                **REFERENCE,
            )

        assert ("load_kg", (1,)) == (info.value.field, info.value.rows)

    def test_load_on_one_unloaded_exercise(self, curl_up: bs.Exercise) -> None:
        """The same with scalars raises InvalidInputError."""
        with pytest.raises(bs.InvalidInputError, match="takes no external"):
            bs.score_many(curl_up, load_kg=10, **REFERENCE)

    @pytest.mark.parametrize(
        "table",
        [[], ["goblet-squat"], {"a": "goblet-squat"}],
    )
    def test_bad_tables(self, table: Any) -> None:
        """Exercises must be Exercise objects, at least one."""
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_many("a", exercises=table, **REFERENCE)

        assert "exercises" == info.value.field

    def test_duplicate_slugs(self, squat: bs.Exercise) -> None:
        """Two exercises with one slug are refused."""
        with pytest.raises(bs.InvalidInputError, match="distinct"):
            bs.score_many(
                "goblet-squat", exercises=[squat, squat], **REFERENCE
            )


class TestSpinalLoadArrays:
    def test_codes_name_levels_and_methods(self) -> None:
        """LEVELS and METHODS turn codes into enum members."""
        loads = bs.spinal_load_many(
            lean_deg=[0, 45, 90],
            load_kg=[0, 100, 0],
            placement=["none", "hands-reach", "none"],
            reach_m=[0, 0.5, 0],
            support=["free-standing", "free-standing", "supine"],
            **REFERENCE,
        )

        levels = [bs.SpinalLoadArrays.LEVELS[c] for c in loads.level]
        methods = [bs.SpinalLoadArrays.METHODS[c] for c in loads.method]
        assert [
            bs.StressLevel.LOW,
            bs.StressLevel.HIGH,
            bs.StressLevel.LOW,
        ] == levels
        assert [
            bs.ModelMethod.STATIC,
            bs.ModelMethod.STATIC,
            bs.ModelMethod.SUPPORTED,
        ] == methods
        assert bs.SpineLevel.L4_L5 is loads.joint


class TestLaziness:
    def test_batch_loads_numpy_but_not_pandas(self) -> None:
        """score_many loads numpy on first use, and never pandas."""
        code = (
            "import sys, backsafe; "
            "before = 'numpy' in sys.modules; "
            "backsafe.spinal_load_many(lean_deg=[0], mass_kg=80, "
            "height_m=1.8); "
            "print(before, 'numpy' in sys.modules, 'pandas' in sys.modules)"
        )
        out = run_fresh(code)

        assert "False True False" == out


class TestFuzzEscapes:
    """Inputs that escaped as other errors, or were accepted (issue #15)."""

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (
                lambda: bs.spinal_load_many(
                    lean_deg=[[0, 1], [2]], mass_kg=80, height_m=1.78
                ),
                "lean_deg",
            ),
            (
                lambda: bs.score_many(
                    [["goblet-squat"], ["a", "b"]], mass_kg=80, height_m=1.78
                ),
                "exercise",
            ),
            (
                lambda: bs.score_many(
                    np.array([b"\xff\xfe"]), mass_kg=80, height_m=1.78
                ),
                "exercise",
            ),
            (
                lambda: bs.spinal_load_many(
                    lean_deg=0,
                    mass_kg=80,
                    height_m=1.78,
                    placement=np.array([b"\xff"]),
                ),
                "placement",
            ),
            (
                lambda: bs.score_many(
                    "goblet-squat",
                    mass_kg=80,
                    height_m=1.78,
                    exercises=5,  # type: ignore[arg-type]
                ),
                "exercises",
            ),
            (
                lambda: bs.spinal_load_many(
                    lean_deg=np.ma.masked_array([0, 1000], mask=[0, 1]),
                    mass_kg=80,
                    height_m=1.78,
                ),
                "lean_deg",
            ),
        ],
        ids=[
            "ragged-floats",
            "ragged-slugs",
            "undecodable-slugs",
            "undecodable-placement",
            "exercises-not-iterable",
            "masked-values",
        ],
    )
    def test_refused_naming_the_field(self, call: Any, field: str) -> None:
        with pytest.raises(bs.InvalidInputError) as info:
            call()
        assert info.value.field == field

    def test_masked_array_without_masked_values_is_read(self) -> None:
        lean = np.ma.masked_array([0.0, 45.0], mask=[False, False])
        loads = bs.spinal_load_many(lean_deg=lean, mass_kg=80, height_m=1.78)
        plain = bs.spinal_load_many(
            lean_deg=[0.0, 45.0], mass_kg=80, height_m=1.78
        )
        assert loads.compression_n.tolist() == plain.compression_n.tolist()

    @staticmethod
    def _arrays(**changes: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "moment_nm": np.array([1.0]),
            "compression_n": np.array([1.0]),
            "compression_low_n": np.array([0.5]),
            "compression_high_n": np.array([1.5]),
            "shear_n": np.array([1.0]),
            "level": np.array([0], dtype=np.int8),
            "compression_level": np.array([0], dtype=np.int8),
            "shear_level": np.array([0], dtype=np.int8),
            "method": np.array([0], dtype=np.int8),
            "evidence": np.array([2], dtype=np.int8),
            "joint": bs.SpineLevel.L4_L5,
        }
        return fields | changes

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            (
                {"moment_nm": np.array([math.nan])},
                "SpinalLoadArrays.moment_nm",
            ),
            ({"shear_n": np.array([math.inf])}, "SpinalLoadArrays.shear_n"),
            (
                {"compression_n": np.array([-1.0])},
                "SpinalLoadArrays.compression_n",
            ),
            (
                {"level": np.array([7], dtype=np.int8)},
                "SpinalLoadArrays.level",
            ),
            ({"method": [0]}, "SpinalLoadArrays.method"),
            ({"joint": "L9"}, "SpinalLoadArrays.joint"),
            ({"shear_n": np.array([1.0, 2.0])}, "SpinalLoadArrays"),
        ],
        ids=[
            "nan",
            "infinity",
            "negative-compression",
            "unknown-code",
            "not-an-array",
            "unknown-joint",
            "lengths",
        ],
    )
    def test_spinal_load_arrays_refuses_bad_fields(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(bs.InvalidInputError) as info:
            bs.SpinalLoadArrays(**self._arrays(**changes))
        assert info.value.field == field

    def test_spinal_load_arrays_accepts_good_fields(self) -> None:
        assert len(bs.SpinalLoadArrays(**self._arrays())) == 1


class TestSlugNormalisation:
    """Slugs match after normalising case, spaces and underscores (#13)."""

    @pytest.mark.parametrize(
        "slug",
        ["Goblet Squat", "goblet_squat", " GOBLET  squat ", "Goblet-Squat"],
    )
    def test_one_slug(self, slug: str) -> None:
        loads = bs.score_many(slug, mass_kg=80, height_m=1.78, load_kg=16)
        expected = bs.score_many(
            "goblet-squat", mass_kg=80, height_m=1.78, load_kg=16
        )
        assert loads.compression_n.tolist() == expected.compression_n.tolist()

    def test_array_of_slugs(self) -> None:
        slugs = ["Goblet Squat", "goblet_squat", "goblet-squat"]
        loads = bs.score_many(slugs, mass_kg=80, height_m=1.78, load_kg=16)
        assert len(set(loads.compression_n.tolist())) == 1

    def test_unknown_after_normalising(self) -> None:
        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_many(
                ["Goblet Squat", "goblet squats"], mass_kg=80, height_m=1.78
            )
        assert info.value.field == "exercise"
        assert info.value.rows == (1,)


def test_every_bad_field_is_reported() -> None:
    """The error reports each field's rows, not only the first field's."""
    with pytest.raises(bs.InvalidRowsError) as info:
        bs.spinal_load_many(
            lean_deg=[0, -1, -2],
            mass_kg=[80, 10, 80],
            height_m=[1.0, 1.8, 1.8],
        )
    error = info.value
    by_field = {p.field: p for p in error.problems}

    assert list(by_field) == ["mass_kg", "height_m", "lean_deg"]
    assert by_field["lean_deg"].rows == (1, 2)
    assert by_field["lean_deg"].total == 2
    assert by_field["height_m"].rows == (0,)
    assert "lean_deg must be a finite number in [0, 90]" in str(error)
    assert "1 (-1.0), 2 (-2.0)" in str(error)


def test_each_field_is_bounded() -> None:
    """Each field keeps at most MAX_ROWS rows."""
    n = bs.InvalidRowsError.MAX_ROWS + 10
    with pytest.raises(bs.InvalidRowsError) as info:
        bs.spinal_load_many(
            lean_deg=np.full(n, -1.0), mass_kg=np.full(n, 10.0), height_m=1.78
        )
    for problem in info.value.problems:
        assert len(problem.rows) == bs.InvalidRowsError.MAX_ROWS
        assert problem.total == n


class TestMaskMode:
    """errors="mask" scores the good rows and marks the bad ones (#13)."""

    def test_good_rows_scored_bad_rows_marked(self) -> None:
        loads = bs.score_many(
            ["goblet-squat", "nope", "goblet-squat"],
            mass_kg=[80, 80, 10],
            height_m=1.78,
            load_kg=16,
            errors="mask",
        )
        strict = bs.score_many(
            "goblet-squat", mass_kg=80, height_m=1.78, load_kg=16
        )

        assert loads.valid is not None
        assert loads.valid.tolist() == [True, False, False]
        assert loads.compression_n[0] == strict.compression_n[0]
        assert loads.compression_n[1:].tolist() == [0.0, 0.0]
        assert not np.isnan(loads.moment_nm).any()
        assert {p.field: p.rows for p in loads.problems} == {
            "mass_kg": (2,),
            "exercise": (1,),
        }

    def test_nan_rows_are_masked_not_nan(self) -> None:
        loads = bs.spinal_load_many(
            lean_deg=[0, math.nan], mass_kg=80, height_m=1.78, errors="mask"
        )
        assert loads.valid is not None
        assert loads.valid.tolist() == [True, False]
        assert np.isfinite(loads.compression_n).all()

    def test_all_good_rows(self) -> None:
        loads = bs.spinal_load_many(
            lean_deg=[0, 10], mass_kg=80, height_m=1.78, errors="mask"
        )
        assert loads.valid is not None
        assert loads.valid.all()
        assert loads.problems == ()

    def test_raise_is_the_default(self) -> None:
        with pytest.raises(bs.InvalidRowsError):
            bs.spinal_load_many(lean_deg=[0, -1], mass_kg=80, height_m=1.78)
        loads = bs.spinal_load_many(lean_deg=[0], mass_kg=80, height_m=1.78)
        assert loads.valid is None

    def test_unknown_mode(self) -> None:
        with pytest.raises(bs.InvalidInputError) as info:
            bs.spinal_load_many(
                lean_deg=0,
                mass_kg=80,
                height_m=1.78,
                errors="ignore",  # type: ignore[arg-type]
            )
        assert info.value.field == "errors"
