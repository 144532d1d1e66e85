import math
import runpy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs

from .strategies import exercise_tables, logged_sets

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

SCORES = [
    "moment_nm",
    "compression_n",
    "compression_low_n",
    "compression_high_n",
    "shear_n",
    "level",
    "compression_level",
    "shear_level",
    "method",
    "evidence",
]


def _frame(
    rows: list[tuple[bs.Exercise, bs.Body, float, bs.TorsoLean]],
) -> Any:
    return pd.DataFrame(
        {
            "exercise": [e.slug for e, *_ in rows],
            "mass_kg": [b.mass_kg for _, b, *_ in rows],
            "height_m": [b.height_m for _, b, *_ in rows],
            "load_kg": [load for *_, load, _ in rows],
            "lean_deg": [lean.degrees for *_, lean in rows],
            "sex": [
                None if b.sex is None else b.sex.value for _, b, *_ in rows
            ],
        },
        index=[f"set-{i}" for i in range(len(rows))],
    )


@pytest.fixture(name="table")
def _table() -> list[bs.Exercise]:
    common: dict[str, Any] = {
        "pattern": bs.MovementPattern.SQUAT,
        "stance": bs.Stance.BILATERAL,
        "support": bs.Support.FREE_STANDING,
        "primary_muscles": frozenset({bs.Muscle.QUADRICEPS}),
    }
    return [
        bs.Exercise(
            slug="goblet-squat",
            name="Goblet squat",
            equipment=frozenset({bs.Equipment.DUMBBELL}),
            placement=bs.LoadPlacement.GOBLET,
            lean_min=bs.TorsoLean(degrees=20),
            lean_max=bs.TorsoLean(degrees=30),
            **common,
        ),
        bs.Exercise(
            slug="air-squat",
            name="Air squat",
            equipment=frozenset({bs.Equipment.BODYWEIGHT}),
            placement=bs.LoadPlacement.NONE,
            lean_min=bs.TorsoLean(degrees=25),
            lean_max=bs.TorsoLean(degrees=35),
            **common,
        ),
    ]


@pytest.fixture(name="sets")
def _sets() -> Any:
    return pd.DataFrame(
        {
            "exercise": ["goblet-squat", "air-squat", "goblet-squat"],
            "mass_kg": [80.0, 62.0, 95.0],
            "height_m": [1.78, 1.65, 1.90],
            "load_kg": [16.0, 0.0, 32.0],
        },
        index=["a", "b", "c"],
    )


class TestScoreFrame:
    @given(data=st.data(), table=exercise_tables(), typical=st.booleans())
    def test_columns_are_score_many(
        self, data: st.DataObject, table: list[bs.Exercise], typical: bool
    ) -> None:
        """The new columns hold what score_many gives for the columns."""
        frame = _frame(data.draw(logged_sets(table)))

        scored = bs.score_frame(
            frame,
            exercises=table,
            lean_deg=None if typical else "lean_deg",
            chunk_rows=3,
        )
        loads = bs.score_many(
            frame["exercise"].to_numpy(dtype=object),
            mass_kg=frame["mass_kg"].to_numpy(dtype=float),
            height_m=frame["height_m"].to_numpy(dtype=float),
            load_kg=frame["load_kg"].to_numpy(dtype=float),
            lean_deg=(
                None if typical else frame["lean_deg"].to_numpy(dtype=float)
            ),
            exercises=table,
        )

        assert [*frame.columns, *SCORES] == list(scored.columns)
        assert list(frame.index) == list(scored.index)
        assert loads.compression_n.tolist() == scored["compression_n"].tolist()
        assert loads.moment_nm.tolist() == scored["moment_nm"].tolist()
        assert loads.shear_n.tolist() == scored["shear_n"].tolist()
        levels = [bs.SpinalLoadArrays.LEVELS[c].value for c in loads.level]
        assert levels == scored["level"].astype(str).tolist()
        methods = [bs.SpinalLoadArrays.METHODS[c].value for c in loads.method]
        assert methods == scored["method"].astype(str).tolist()

    def test_matches_score_row_by_row(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """Each row's compression is score's for that set."""
        scored = bs.score_frame(sets, exercises=table)

        by_slug = {e.slug: e for e in table}
        expected = [
            bs.score(
                by_slug[row.exercise],
                bs.Body(mass_kg=row.mass_kg, height_m=row.height_m),
                load_kg=row.load_kg,
            ).compression_n
            for row in sets.itertuples()
        ]
        assert all(
            math.isclose(e, a, rel_tol=1e-9)
            for e, a in zip(expected, scored["compression_n"], strict=True)
        )

    def test_levels_are_ordered_categoricals(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """Grades sort by severity, not alphabetically."""
        scored = bs.score_frame(sets, exercises=table)

        dtype = scored["level"].dtype
        assert isinstance(dtype, pd.CategoricalDtype)
        assert ["low", "elevated", "high", "ungraded"] == list(
            dtype.categories
        )
        assert dtype.ordered

    def test_frame_is_not_changed(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """The input frame keeps its columns and values."""
        before = sets.copy()

        bs.score_frame(sets, exercises=table)

        pd.testing.assert_frame_equal(before, sets)

    def test_result_can_be_edited(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """The scored frame is an ordinary frame the caller may change."""
        scored = bs.score_frame(sets, exercises=table)

        scored.loc["a", "compression_n"] = 0.0

        assert 0.0 == scored.loc["a", "compression_n"]

    def test_categorical_and_string_slugs_agree(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """A categorical slug column scores like a string one."""
        as_text = bs.score_frame(sets, exercises=table)
        as_category = bs.score_frame(
            sets.astype({"exercise": "category"}), exercises=table
        )

        assert (
            as_text["compression_n"].tolist()
            == as_category["compression_n"].tolist()
        )

    def test_prefix_and_optional_columns(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """A prefix names the new columns; load_kg=None means no load."""
        scored = bs.score_frame(
            sets.drop(columns="load_kg"),
            exercises=table,
            load_kg=None,
            prefix="spine_",
        )

        assert [f"spine_{name}" for name in SCORES] == list(
            scored.columns[-len(SCORES) :]
        )
        unloaded = bs.score_many(
            sets["exercise"].to_numpy(dtype=object),
            mass_kg=sets["mass_kg"].to_numpy(),
            height_m=sets["height_m"].to_numpy(),
            exercises=table,
        )
        assert (
            unloaded.compression_n.tolist()
            == scored["spine_compression_n"].tolist()
        )

    def test_sex_column_selects_de_leva(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """With de Leva, the sex column picks each row's table."""
        sets = sets.assign(sex=pd.Categorical(["male", "female", "male"]))

        scored = bs.score_frame(
            sets, exercises=table, sex="sex", anthropometrics="de-leva"
        )

        loads = bs.score_many(
            sets["exercise"].to_numpy(dtype=object),
            mass_kg=sets["mass_kg"].to_numpy(),
            height_m=sets["height_m"].to_numpy(),
            load_kg=sets["load_kg"].to_numpy(),
            sex=["male", "female", "male"],
            anthropometrics="de-leva",
            exercises=table,
        )
        assert loads.compression_n.tolist() == (
            scored["compression_n"].tolist()
        )

    def test_empty_frame(self, sets: Any, table: list[bs.Exercise]) -> None:
        """An empty frame gets the new columns with their dtypes."""
        scored = bs.score_frame(sets.iloc[:0], exercises=table)

        assert 0 == len(scored)
        assert np.float64 == scored["compression_n"].dtype


class TestScoreFrameErrors:
    def test_bad_rows_are_named_by_index_label(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """Bad rows are reported by the frame's index labels."""
        sets.loc["b", "mass_kg"] = math.nan
        sets.loc["c", "mass_kg"] = -3.0

        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_frame(sets, exercises=table)

        assert ("mass_kg", ("b", "c")) == (info.value.field, info.value.rows)
        assert "(by index label): 'b' (nan), 'c' (-3.0)" in str(info.value)

    def test_missing_values_in_nullable_columns_are_bad_rows(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """pd.NA in a nullable column is a bad row, not NaN in the output."""
        sets["load_kg"] = pd.array([16.0, None, 32.0], dtype="Float64")

        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_frame(sets, exercises=table)

        assert ("load_kg", ("b",)) == (info.value.field, info.value.rows)

    def test_unknown_and_missing_slugs(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """Unknown and missing slugs are bad rows."""
        sets["exercise"] = ["goblet-squat", "goblet-sqat", None]

        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_frame(sets, exercises=table)

        assert ("exercise", ("b", "c")) == (
            info.value.field,
            info.value.rows,
        )

    def test_load_on_an_unloaded_exercise(
        self, sets: Any, table: list[bs.Exercise]
    ) -> None:
        """A load on an exercise that takes none is a bad row."""
        sets.loc["b", "load_kg"] = 10.0

        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_frame(sets, exercises=table)

        assert ("load_kg", ("b",)) == (info.value.field, info.value.rows)

    @pytest.mark.parametrize(
        ("change", "kwargs", "field"),
        [
            ({}, {"mass_kg": "weight"}, "mass_kg"),
            ({"mass_kg": ["80", "62", "95"]}, {}, "mass_kg"),
            ({"load_kg": [True, False, True]}, {}, "load_kg"),
            ({"level": [1, 2, 3]}, {}, "prefix"),
            ({}, {"joint": "L3/L4"}, "joint"),
        ],
    )
    def test_whole_column_errors(
        self,
        sets: Any,
        table: list[bs.Exercise],
        change: dict[str, list[object]],
        kwargs: dict[str, Any],
        field: str,
    ) -> None:
        """A missing, mistyped or clashing column raises naming it."""
        sets = sets.assign(**change)

        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(sets, exercises=table, **kwargs)

        assert field == info.value.field

    def test_refuses_what_is_not_a_frame(
        self, table: list[bs.Exercise]
    ) -> None:
        """Only a pandas DataFrame is accepted."""
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame({"exercise": []}, exercises=table)  # type: ignore[arg-type]

        assert "frame" == info.value.field


EXAMPLE = Path(__file__).parent.parent / "examples" / "batch_scoring.py"


class TestDaskRecipe:
    @pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
    def test_recipe_matches_pandas(
        self, table: list[bs.Exercise], scheduler: str
    ) -> None:
        """The documented Dask recipe scores partitions as pandas does."""
        dd = pytest.importorskip("dask.dataframe")
        recipe = runpy.run_path(str(EXAMPLE))
        sets = recipe["logged_sets"](2_000, seed=1).assign(
            exercise=lambda f: np.where(
                f["load_kg"] > 0, "goblet-squat", "air-squat"
            )
        )
        sets = sets.assign(load_kg=sets["load_kg"].clip(upper=32.0))

        scored = recipe["score_with_dask"](
            dd.from_pandas(sets, npartitions=5), exercises=table
        ).compute(scheduler=scheduler)

        expected = bs.score_frame(sets, exercises=table)
        # Dask stores text as Arrow strings; the scores are identical.
        pd.testing.assert_frame_equal(expected[SCORES], scored[SCORES])


class TestFrameFuzzEscapes:
    """Frames that escaped as other errors, or were accepted (issue #15)."""

    @staticmethod
    def _frame() -> Any:
        return pd.DataFrame(
            {
                "exercise": ["goblet-squat"],
                "mass_kg": [80.0],
                "height_m": [1.78],
                "load_kg": [10.0],
            }
        )

    def test_prefix_not_a_str(self) -> None:
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(self._frame(), prefix=5)  # type: ignore[arg-type]
        assert info.value.field == "prefix"

    def test_duplicate_column_names(self) -> None:
        frame = self._frame()
        frame.insert(4, "dup", 1.0)
        frame.columns = [
            "exercise",
            "mass_kg",
            "height_m",
            "load_kg",
            "mass_kg",
        ]
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(frame)
        assert info.value.field == "mass_kg"

    def test_multiindex_columns(self) -> None:
        frame = self._frame()
        frame.columns = pd.MultiIndex.from_tuples(
            [(name, "") for name in frame.columns]
        )
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(frame)
        assert info.value.field == "frame"

    def test_complex_column(self) -> None:
        frame = self._frame()
        frame["mass_kg"] = frame["mass_kg"] + 1j
        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(frame)
        assert info.value.field == "mass_kg"


@pytest.mark.parametrize("dtype", [object, "category"])
def test_frame_slugs_are_normalised(dtype: Any) -> None:
    """Slugs match after normalising case, spaces and underscores (#13)."""
    frame = pd.DataFrame(
        {
            "exercise": ["Goblet Squat", "goblet_squat", "goblet-squat"],
            "mass_kg": [80.0] * 3,
            "height_m": [1.78] * 3,
            "load_kg": [16.0] * 3,
        }
    ).astype({"exercise": dtype})
    scored = bs.score_frame(frame)
    assert len(set(scored["compression_n"].tolist())) == 1


def test_frame_reports_every_bad_field_by_label() -> None:
    """In a frame, each bad field's rows are index labels."""
    frame = pd.DataFrame(
        {
            "exercise": ["goblet-squat", "nope", "goblet-squat"],
            "mass_kg": [80.0, 80.0, 5.0],
            "height_m": [1.78] * 3,
            "load_kg": [16.0] * 3,
        },
        index=["a", "b", "c"],
    )
    with pytest.raises(bs.InvalidRowsError) as info:
        bs.score_frame(frame)
    by_field = {p.field: p.rows for p in info.value.problems}
    assert by_field == {"exercise": ("b",), "mass_kg": ("c",)}


def test_frame_mask_mode_adds_an_error_column() -> None:
    """errors="mask": good rows scored, bad rows marked in "error" (#13)."""
    frame = pd.DataFrame(
        {
            "exercise": ["goblet-squat", "nope", "goblet-squat"],
            "mass_kg": [80.0, 80.0, 5.0],
            "height_m": [1.78] * 3,
            "load_kg": [16.0] * 3,
        },
        index=["a", "b", "c"],
    )
    scored = bs.score_frame(frame, errors="mask", prefix="s_")
    strict = bs.score_frame(frame.iloc[:1])

    assert scored["s_compression_n"].iloc[0] == strict["compression_n"].iloc[0]
    assert pd.isna(scored.loc["a", "s_error"])
    assert (
        scored.loc["b", "s_error"] == "exercise must be a known exercise slug"
    )
    assert str(scored.loc["c", "s_error"]).startswith("mass_kg must be")
    assert scored.loc[["b", "c"], "s_compression_n"].isna().all()
    assert scored.loc[["b", "c"], "s_level"].isna().all()
    assert frame.columns.tolist() == scored.columns.tolist()[:4]


class TestColumnNames:
    def test_a_column_name_must_be_a_string(self) -> None:
        """A list where a column name belongs is refused, naming the field."""
        frame = pd.DataFrame(
            {
                "exercise": ["split-squat"],
                "mass_kg": [80.0],
                "height_m": [1.78],
            }
        )

        with pytest.raises(bs.InvalidInputError) as info:
            bs.score_frame(frame, exercise=[])  # type: ignore[arg-type]

        assert "exercise" == info.value.field
