import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any, Literal

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.serde import _converter as _serde
from backsafe.serde import _schema

from . import strategies as s

#: One strategy per public attrs class. A new public class fails
#: `TestCoverage` until it gets a strategy here.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    bs.Body: s.bodies(),
    bs.Exercise: s.exercises(),
    bs.Limits: s.limits(),
    bs.LoadContribution: s.load_contributions(),
    bs.Posture: s.postures(),
    bs.SpinalLoad: s.spinal_loads(),
    bs.TorsoLean: s.torso_leans(),
    bs.Clearance: s.clearances(),
    bs.Config: s.progression_configs(),
    bs.Context: s.contexts(),
    bs.Criteria: s.criteria(),
    bs.Dose: s.progression_doses(),
    bs.Outcome: s.outcomes(),
    bs.Progression: s.progressions(),
    bs.Reason: s.reasons(),
    bs.RecordedRiskFactor: s.recorded_risk_factors(),
    bs.SessionReport: s.session_reports(),
    bs.SetResult: s.set_results(),
    bs.Step: s.steps(),
    bs.Alternative: s.alternative_results(),
    bs.Catalog: s.catalogs(),
    bs.Workout: s.workouts(),
    bs.WorkoutChange: s.workout_changes(),
    bs.WorkoutItem: s.workout_items(),
    bs.WorkoutRewrite: s.workout_rewrites(),
    **s.DAILY_STRATEGIES,
    bs.Episode: s.episodes(),
    bs.MorningReport: s.morning_reports(),
    bs.PlacedSymptom: s.placed_symptoms(),
    bs.Session: s.episode_sessions(),
}

PUBLIC = _serde.public_types()
BODY = bs.Body(mass_kg=80, height_m=1.78)


def instances() -> st.SearchStrategy[Any]:
    """Instances of every public type."""
    return st.one_of(*STRATEGIES.values())


def validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = bs.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


VALIDATORS = {cls: validator(cls) for cls in STRATEGIES}


def reported(read: Callable[[], object], cls: type = object) -> bool:
    """Whether *read* returned a *cls* or raised our error with problems."""
    try:
        obj = read()
    except bs.InvalidDataError as exc:
        return bool(exc.errors)
    return isinstance(obj, cls)


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[type, object]:
    """A valid document with one key replaced, dropped or added."""
    obj = draw(instances())
    doc: Any = bs.to_dict(obj)
    node = doc
    while True:
        children = [
            key for key, value in node.items() if isinstance(value, dict)
        ]
        if not children or draw(st.booleans()):
            break
        node = node[draw(st.sampled_from(children))]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "add":
        # Python callers may pass keys that JSON never has.
        key = draw(
            st.text(max_size=8)
            | st.integers()
            | st.none()
            | st.booleans()
            | st.tuples(st.integers())
        )
        node[key] = draw(s.JSON_VALUES)
    else:
        key = draw(st.sampled_from(sorted(node)))
        if action == "drop":
            del node[key]
        else:
            node[key] = draw(s.JSON_VALUES)
    return type(obj), doc


class TestCoverage:
    def test_every_public_type_has_a_strategy(self) -> None:
        """Every public attrs class is exercised by the properties below."""

        assert set(PUBLIC) == set(STRATEGIES)

    def test_public_types_are_the_exported_document_classes(self) -> None:
        """The serde room finds exactly the attrs classes backsafe exports."""
        exported = {
            obj
            for name in bs.__all__
            if name[:1].isupper()
            and isinstance(obj := getattr(bs, name), type)
            and attrs.has(obj)
            and _schema._is_document(obj)
        }

        assert exported == set(PUBLIC)

    def test_import_does_not_load_cattrs(self) -> None:
        """Importing backsafe leaves cattrs unloaded until it is needed."""
        code = (
            "import sys, backsafe; "
            "print('cattrs' in sys.modules, 'jsonschema' in sys.modules)"
        )

        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

        assert "False False\n" == out


_SORTED = sorted(STRATEGIES, key=lambda c: c.__name__)
BY_TYPE = pytest.mark.parametrize(
    "cls", _SORTED, ids=[c.__name__ for c in _SORTED]
)


class TestRoundTrip:
    @BY_TYPE
    @given(data=st.data())
    def test_json_round_trip(self, cls: type, data: st.DataObject) -> None:
        """from_json(to_json(x)) gives x back (and so does from_dict)."""
        obj = data.draw(STRATEGIES[cls])

        assert obj == bs.from_json(bs.to_json(obj), cls)
        assert obj == bs.from_dict(bs.to_dict(obj), cls)

    @given(instances())
    def test_document_is_plain_json(self, obj: Any) -> None:
        """A document is plain JSON: enums are strings, no tuples or sets."""
        doc = bs.to_dict(obj)

        assert doc == json.loads(json.dumps(doc))
        assert 1 == doc["schema_version"]

    def test_enum_is_its_value(self) -> None:
        """Enumerations are written as their readable values."""
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=10),
            load_kg=20,
            placement=bs.LoadPlacement.GOBLET,
        )

        doc = bs.to_dict(posture)

        assert "goblet" == doc["placement"]
        assert str is type(doc["placement"])

    def test_frozensets_are_sorted(self) -> None:
        """Sets come out sorted, so equal objects give equal text."""
        exercise = bs.Exercise(
            slug="box-step-up",
            name="Box step-up",
            pattern=bs.MovementPattern.STEP_UP,
            stance=bs.Stance.SINGLE_LEG,
            equipment=frozenset({bs.Equipment.DUMBBELL, bs.Equipment.BOX}),
            placement=bs.LoadPlacement.HANDS_HANGING,
            support=bs.Support.FREE_STANDING,
            lean_min=bs.TorsoLean(degrees=5),
            lean_max=bs.TorsoLean(degrees=20),
            primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
        )

        assert ["box", "dumbbell"] == bs.to_dict(exercise)["equipment"]

    def test_indent(self) -> None:
        """to_json indents when asked."""

        assert '{\n  "schema_version": 1,\n  "degrees": 30\n}' == (
            bs.to_json(bs.TorsoLean(degrees=30), indent=2)
        )


class TestSchema:
    @pytest.mark.parametrize("cls", PUBLIC, ids=lambda c: c.__name__)
    def test_schema_is_valid_draft_2020_12(self, cls: type) -> None:
        """Every public type's schema is a valid draft 2020-12 schema."""
        schema = bs.json_schema(cls)

        jsonschema.Draft202012Validator.check_schema(schema)
        assert _schema.JSON_SCHEMA_DIALECT == schema["$schema"]
        assert cls.__name__ == schema["title"]
        assert False is schema["additionalProperties"]

    @BY_TYPE
    @given(data=st.data())
    def test_instances_validate(self, cls: type, data: st.DataObject) -> None:
        """Every generated instance validates against its schema."""
        obj = data.draw(STRATEGIES[cls])

        errors = list(VALIDATORS[cls].iter_errors(bs.to_dict(obj)))

        assert [] == errors

    def test_bounds_from_validators(self) -> None:
        """Numeric bounds are read from the model's validators."""
        props = bs.json_schema(bs.Exercise)["properties"]

        assert 0.0 == props["working_leg_share"]["exclusiveMinimum"]
        assert 1.0 == props["working_leg_share"]["maximum"]
        assert 0 == props["tier"]["minimum"]
        assert 3 == props["tier"]["maximum"]
        assert 1 == props["equipment"]["minItems"]
        assert True is props["equipment"]["uniqueItems"]
        assert ["strength"] == props["modes"]["default"]

    def test_enums_are_listed(self) -> None:
        """Enumerations become $defs with every allowed value."""
        schema = bs.json_schema(bs.Posture)

        assert {"$ref": "#/$defs/Support"} == {
            "$ref": schema["properties"]["support"]["$ref"]
        }
        assert [m.value for m in bs.Support] == (
            schema["$defs"]["Support"]["enum"]
        )

    def test_required_and_descriptions(self) -> None:
        """Fields without defaults are required; docstrings describe them."""
        schema = bs.json_schema(bs.Body)

        assert ["schema_version", "mass_kg", "height_m"] == schema["required"]
        assert (
            "Stature, 1.20-2.30 m."
            == (schema["properties"]["height_m"]["description"])
        )

    def test_schema_rejects_what_from_dict_rejects(self) -> None:
        """Unknown keys, wrong versions and out-of-range values fail both."""
        good = {"schema_version": 1, "mass_kg": 80, "height_m": 1.78}
        bad = [
            {**good, "extra": 1},
            {**good, "schema_version": 2},
            {**good, "mass_kg": 20},
            {"schema_version": 1, "mass_kg": 80},
        ]

        assert VALIDATORS[bs.Body].is_valid(good)
        for doc in bad:
            assert not VALIDATORS[bs.Body].is_valid(doc)
            with pytest.raises(bs.InvalidDataError):
                bs.from_dict(doc, bs.Body)

    def test_not_a_public_type(self) -> None:
        """Only public backsafe classes have a schema."""

        with pytest.raises(bs.InvalidInputError, match="cls must be"):
            bs.json_schema(dict)


class TestErrors:
    def test_non_string_keys(self) -> None:
        """A key that is not a string is an extra field, not a TypeError."""
        doc = {"schema_version": 1, 5: 1, "mass_kg": 70, "height_m": 1.7}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Body)

        assert ("extra fields found (5) @ $",) == info.value.errors

    def test_repeats_in_a_set(self) -> None:
        """A set given with a repeat is refused, as uniqueItems says."""
        doc = bs.to_dict(bs.catalog.get("split-squat"))
        doc["flags"] = ["rotation", "rotation"]

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Exercise)

        assert ("expected an array without repeats @ $.flags",) == (
            info.value.errors
        )
        assert not jsonschema.Draft202012Validator(
            bs.json_schema(bs.Exercise)
        ).is_valid(doc)

    def test_mixed_extra_keys(self) -> None:
        """Extra keys of several types are listed together, sorted."""
        doc = {"schema_version": 1, None: 1, "b": 2, "degrees": 3}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.TorsoLean)

        assert ("extra fields found (None, b) @ $",) == info.value.errors

    def test_unreportable_error_is_still_one_line(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error cattrs cannot describe still gives a one-line report."""

        class Broken:
            def structure(self, *_: object) -> object:
                raise TypeError  # no message for cattrs to read

        monkeypatch.setattr(_serde, "converter", Broken)
        doc = {"schema_version": 1, "degrees": 3}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.TorsoLean)

        assert ("invalid document (TypeError) @ $",) == info.value.errors

    def test_plain_string_for_a_member(self) -> None:
        """The model says to use the enum when given its plain value."""
        with pytest.raises(bs.InvalidInputError) as info:
            bs.Body(mass_kg=60, height_m=1.6, sex="female")  # type: ignore[arg-type]

        assert (
            "Body.sex must be a Sex member such as Sex.FEMALE,"
            " not the plain string 'female'"
        ) == str(info.value)

    def test_unknown_string_for_a_member(self) -> None:
        """A string that is no member's value lists the allowed values."""
        with pytest.raises(bs.InvalidInputError, match="one of 'female'"):
            bs.Body(mass_kg=60, height_m=1.6, sex="f")  # type: ignore[arg-type]

    def test_every_problem_with_its_path(self) -> None:
        """All problems are reported at once, each with its path."""
        doc = {
            "schema_version": 1,
            "lean": {"degrees": "x"},
            "support": "sofa",
            "load_kg": True,
            "extra": 1,
        }

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Posture)

        assert {
            "expected a number @ $.lean.degrees",
            (
                "expected one of 'free-standing', 'seated-back-supported',"
                " 'chest-supported', 'supine', 'prone', 'side-lying',"
                " 'quadruped', 'hanging' @ $.support"
            ),
            "expected a number @ $.load_kg",
            "extra fields found (extra) @ $",
        } == set(info.value.errors)
        assert isinstance(info.value.__cause__, Exception)

    def test_model_rule_is_reported(self) -> None:
        """A broken model rule surfaces as the library's error."""
        doc = {"schema_version": 1, "lean": {"degrees": 10}, "load_kg": 5}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Posture)

        assert [
            (
                "Posture.placement must be a placement other than 'none'"
                " when load_kg > 0, got 'none' @ $"
            )
        ] == list(info.value.errors)

    def test_nested_range_is_reported(self) -> None:
        """An out-of-range nested value names the field and the range."""
        doc = {"schema_version": 1, "lean": {"degrees": 95}}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Posture)

        assert [
            (
                "TorsoLean.degrees must be a finite number in [0, 90]"
                " degrees, got 95.0 @ $.lean"
            )
        ] == list(info.value.errors)

    @pytest.mark.parametrize(
        ("doc", "problem"),
        [
            ([], "expected an object @ $"),
            (
                {"schema_version": 2, "degrees": 1},
                "schema_version must be 1, got 2 @ $.schema_version",
            ),
            (
                {"schema_version": None, "degrees": 1},
                "schema_version must be 1, got None",
            ),
            ({"schema_version": True, "degrees": 1}, "got True"),
            ({"schema_version": 1}, "required field missing @ $.degrees"),
            ({"schema_version": 1, "degrees": 1e400}, "finite"),
            ({"schema_version": 1, "degrees": 10**400}, "finite"),
            ({"schema_version": 1, "degrees": "10"}, "expected a number"),
        ],
    )
    def test_bad_documents(self, doc: object, problem: str) -> None:
        """Bad documents raise InvalidDataError naming the problem."""

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.TorsoLean)

        assert any(problem in error for error in info.value.errors)

    @pytest.mark.parametrize(
        ("cls", "doc", "problem"),
        [
            (
                bs.Clearance,
                {"cleared": "yes", "on": "2026-03-01"},
                "expected true or false @ $.cleared",
            ),
            (
                bs.Clearance,
                {"cleared": True, "on": 20260301},
                "expected a date as YYYY-MM-DD @ $.on",
            ),
            (
                bs.Clearance,
                {"cleared": True, "on": "1 March"},
                "expected a date as YYYY-MM-DD @ $.on",
            ),
            (
                bs.Posture,
                {"lean": [30]},
                "expected an object @ $.lean",
            ),
            (
                bs.Step,
                {"earliest_start": "7:30"},
                (
                    "expected a time of day as HH:MM or HH:MM:SS"
                    " @ $.earliest_start"
                ),
            ),
        ],
    )
    def test_wrong_types(
        self, cls: type, doc: dict[str, object], problem: str
    ) -> None:
        """Booleans, dates, times and objects are not coerced."""

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict({"schema_version": 1, **doc}, cls)

        assert problem in info.value.errors

    def test_strict_scalars(self) -> None:
        """Strings, integers and arrays are not coerced."""
        base = bs.to_dict(
            bs.Exercise(
                slug="bridge",
                name="Bridge",
                pattern=bs.MovementPattern.BRIDGE,
                stance=bs.Stance.BILATERAL,
                equipment=frozenset({bs.Equipment.MAT}),
                placement=bs.LoadPlacement.PELVIS,
                support=bs.Support.SUPINE,
                lean_min=bs.TorsoLean(degrees=60),
                lean_max=bs.TorsoLean(degrees=90),
                primary_muscles=frozenset({bs.Muscle.GLUTEUS_MAXIMUS}),
            )
        )
        doc = {**base, "name": 5, "tier": 1.0, "cues": "abc", "flags": [1]}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Exercise)

        assert {
            "expected a string @ $.name",
            "expected an integer @ $.tier",
            "expected an array @ $.cues",
        } <= set(info.value.errors)
        assert any("@ $.flags[0]" in e for e in info.value.errors)

    @pytest.mark.parametrize(
        "text", ["", "{", "[1,", "NaN", '{"degrees": Infinity}', b"\xff"]
    )
    def test_bad_json(self, text: str | bytes) -> None:
        """Text that is not JSON raises InvalidDataError."""

        with pytest.raises(bs.InvalidDataError, match="not valid JSON"):
            bs.from_json(text, bs.TorsoLean)

    def test_json_must_be_text(self) -> None:
        """from_json takes text or bytes only."""

        with pytest.raises(bs.InvalidInputError, match="text must be"):
            bs.from_json(5, bs.TorsoLean)  # type: ignore[arg-type]

    def test_to_dict_needs_a_backsafe_object(self) -> None:
        """to_dict refuses objects that are not backsafe's."""

        with pytest.raises(bs.InvalidInputError, match="cls must be"):
            bs.to_dict({"a": 1})

    def test_from_dict_needs_a_public_class(self) -> None:
        """from_dict refuses classes that are not public backsafe types."""

        with pytest.raises(bs.InvalidInputError, match="cls must be"):
            bs.from_dict({}, dict)


class TestFuzz:
    @given(st.sampled_from(PUBLIC), s.JSON_VALUES)
    def test_from_dict_raises_only_library_errors(
        self, cls: type, data: object
    ) -> None:
        """Arbitrary JSON never raises anything but InvalidDataError."""
        assert reported(lambda: bs.from_dict(data, cls))

    @given(mutated_documents())
    def test_mutated_documents_raise_only_library_errors(
        self, case: tuple[type, object]
    ) -> None:
        """Valid documents with one change give an object or our error."""
        cls, doc = case
        assert reported(lambda: bs.from_dict(doc, cls), cls)

    @given(st.sampled_from(PUBLIC), s.JSON_VALUES.map(json.dumps) | st.text())
    def test_from_json_raises_only_library_errors(
        self, cls: type, text: str
    ) -> None:
        """Arbitrary text never raises anything but InvalidDataError."""
        assert reported(lambda: bs.from_json(text, cls))

    def test_deep_nesting(self) -> None:
        """Absurdly deep JSON is refused as invalid, not a RecursionError."""

        with pytest.raises(bs.InvalidDataError):
            bs.from_json("[" * 100_000 + "]" * 100_000, bs.Body)


@attrs.frozen(kw_only=True)
class _Sample:
    """A class with every shape the generator knows.

    Attributes:
        kind: A literal,
            described over two lines.
        pair: A fixed-length tuple.

    Not an attribute line.
    """

    kind: Literal["a", "b"]
    pair: tuple[int, str]
    tags: tuple[str, ...] = attrs.field(factory=tuple)
    day: dt.date | None = None
    size: int = attrs.field(
        default=attrs.Factory(lambda self: len(self.pair), takes_self=True)
    )


@attrs.frozen(kw_only=True)
class _Undocumented:
    value: dict[str, int]


class TestSchemaGenerator:
    def test_shapes(self) -> None:
        """Literals, fixed tuples, factories and docstrings are read."""
        defs: dict[str, Any] = {}

        schema = _schema._class_schema(_Sample, defs)

        assert {
            "enum": ["a", "b"],
            "description": "A literal, described over two lines.",
        } == schema["properties"]["kind"]
        assert {
            "type": "array",
            "prefixItems": [{"type": "integer"}, {"type": "string"}],
            "minItems": 2,
            "maxItems": 2,
            "description": "A fixed-length tuple.",
        } == schema["properties"]["pair"]
        assert {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
        } == schema["properties"]["tags"]
        assert {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
            "default": None,
        } == schema["properties"]["day"]
        assert ["kind", "pair"] == schema["required"]
        assert {"type": "integer"} == schema["properties"]["size"]

    def test_attribute_block_edges(self) -> None:
        """Stray lines before the first entry are skipped; the end closes."""
        doc = (
            "Summary.\n\nAttributes:\n        stray\n    x: The x.\n      more"
        )

        assert {"x": "The x. more"} == _schema._attribute_docs(doc)

    def test_unsupported_types_are_not_documents(self) -> None:
        """A class with a field JSON cannot hold is no document type."""

        assert not _schema._is_document(_Undocumented)
        assert {} == _schema._attribute_docs("No attributes here.")


class TestSchemaFiles:
    def test_write_schemas(self, tmp_path: Any) -> None:
        """write_schemas writes one valid schema file per public type."""
        written = _schema.write_schemas(tmp_path)

        assert sorted(f"{cls.__name__}.json" for cls in PUBLIC) == sorted(
            path.name for path in written
        )
        body = json.loads((tmp_path / "Body.json").read_text())
        assert bs.json_schema(bs.Body) == body


class TestCollections:
    """Lists, tuples and result collections of documents (#13)."""

    def test_alternative_list_round_trip(self) -> None:
        """An AlternativeList is an array of documents, read back whole."""
        found = bs.alternatives("low-bar-back-squat", BODY, load_kg=60)
        doc = bs.to_dict(found)

        assert isinstance(doc, list)
        assert all(1 == item["schema_version"] for item in doc)
        back = bs.from_dict(doc, bs.AlternativeList)
        assert isinstance(back, bs.AlternativeList)
        assert found == back
        assert found == bs.from_json(bs.to_json(found), bs.AlternativeList)

    def test_exercise_selection_round_trip(self) -> None:
        """An ExerciseSelection reads back as one."""
        selection = bs.catalog.filter(pattern="bridge")
        back = bs.from_json(bs.to_json(selection), bs.ExerciseSelection)

        assert isinstance(back, bs.ExerciseSelection)
        assert selection == back

    @given(st.lists(s.torso_leans(), max_size=4))
    def test_lists_and_tuples(self, leans: list[bs.TorsoLean]) -> None:
        """list[X] and tuple[X, ...] read back as lists and tuples."""
        doc = bs.to_dict(leans)

        assert leans == bs.from_dict(doc, list[bs.TorsoLean])
        assert tuple(leans) == bs.from_dict(doc, tuple[bs.TorsoLean, ...])
        assert bs.to_dict(tuple(leans)) == doc

    def test_bad_items_are_reported_with_their_index(self) -> None:
        """Every bad item is named by its index in the array."""
        doc = [{"degrees": 300}, 5, {"schema_version": 2, "degrees": 1}]

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, list[bs.TorsoLean])

        assert (
            (
                "TorsoLean.degrees must be a finite number in [0, 90]"
                " degrees, got 300.0 @ $[0]"
            ),
            "expected an object @ $[1]",
            "schema_version must be 1, got 2 @ $[2].schema_version",
        ) == info.value.errors
        assert isinstance(info.value.__cause__, Exception)

    def test_a_collection_needs_an_array(self) -> None:
        """An object is not a list of documents."""

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict({"degrees": 1}, list[bs.TorsoLean])

        assert ("expected an array @ $",) == info.value.errors

    def test_not_a_collection_of_backsafe_objects(self) -> None:
        """Lists of other things, and other containers, are refused."""

        with pytest.raises(bs.InvalidInputError, match="cls must be"):
            bs.to_dict([bs.TorsoLean(degrees=1), {"a": 1}])
        for cls in (list[int], dict[str, bs.Body], tuple[bs.Body, int]):
            with pytest.raises(bs.InvalidInputError, match="cls must be"):
                bs.from_dict([], cls)
            with pytest.raises(bs.InvalidInputError, match="cls must be"):
                bs.json_schema(cls)

    @given(st.lists(s.alternative_results(), max_size=3))
    def test_collection_documents_match_their_schema(
        self, items: list[bs.Alternative]
    ) -> None:
        """Arrays of documents validate against the collection's schema."""
        schema = bs.json_schema(bs.AlternativeList)
        check = jsonschema.Draft202012Validator(schema)

        check.validate(bs.to_dict(items))
        check.validate(bs.to_dict(items, exercises="slug"))

    def test_collection_schema(self) -> None:
        """The schema of a collection is an array of item documents."""
        schema = bs.json_schema(list[bs.Body])

        assert "array" == schema["type"]
        assert "$id" not in schema
        assert "Body" == schema["items"]["title"]
        assert ["schema_version", "mass_kg", "height_m"] == (
            schema["items"]["required"]
        )


class TestSchemaVersion:
    def test_missing_version_is_the_current_one(self) -> None:
        """A document without schema_version is read as version 1."""

        assert BODY == bs.from_dict({"mass_kg": 80, "height_m": 1.78}, bs.Body)
        assert BODY == bs.from_json(
            '{"mass_kg": 80, "height_m": 1.78}', bs.Body
        )

    def test_nested_documents_need_no_version(self) -> None:
        """Only the top of a document may carry schema_version."""
        doc = {"lean": {"schema_version": 1, "degrees": 10}}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.Posture)

        assert ("extra fields found (schema_version) @ $.lean",) == (
            info.value.errors
        )

    @pytest.mark.parametrize("version", [2, 0, "1", 1.5, True])
    def test_other_versions_are_refused(self, version: object) -> None:
        """A newer (or any other) version is still refused."""

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(
                {"schema_version": version, "degrees": 1}, bs.TorsoLean
            )

        assert (
            f"schema_version must be 1, got {version!r} @ $.schema_version",
        ) == info.value.errors


class TestExerciseSlugs:
    def test_compact_alternatives(self) -> None:
        """exercises="slug" writes each alternative's exercise by slug."""
        found = bs.alternatives("low-bar-back-squat", BODY, load_kg=60)
        doc = bs.to_dict(found, exercises="slug")

        assert [a.exercise.slug for a in found] == [d["exercise"] for d in doc]
        assert len(bs.to_json(found, exercises="slug")) * 2 < len(
            bs.to_json(found)
        )
        assert found == bs.from_dict(doc, bs.AlternativeList)

    def test_a_top_level_exercise_stays_whole(self) -> None:
        """Only nested exercises become slugs."""
        squat = bs.catalog.get("split-squat")

        assert bs.to_dict(squat) == bs.to_dict(squat, exercises="slug")

    def test_workout_by_slug(self) -> None:
        """A workout's items may name their exercises by slug."""
        doc = {
            "name": "Leg day",
            "items": [
                {"exercise": "split-squat", "sets": 3, "reps": 8},
                {"exercise": "leg-press", "sets": 3, "reps": 10},
            ],
        }
        day = bs.from_dict(doc, bs.Workout)

        assert bs.catalog.get("leg-press") == day.items[1].exercise
        compact = bs.to_dict(day, exercises="slug")
        assert "split-squat" == compact["items"][0]["exercise"]
        assert day == bs.from_dict(compact, bs.Workout)

    def test_slugs_are_looked_up_in_the_given_catalog(self) -> None:
        """catalog= names where slugs come from."""
        mine = [bs.catalog.get("split-squat")]
        doc = {"exercise": "leg-press", "sets": 3, "reps": 8}

        item = bs.from_dict(
            {**doc, "exercise": "split-squat"}, bs.WorkoutItem, catalog=mine
        )
        assert mine[0] == item.exercise
        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.WorkoutItem, catalog=mine)
        assert info.value.errors[0].startswith(
            "unknown exercise slug 'leg-press'"
        )
        assert info.value.errors[0].endswith("@ $.exercise")
        with pytest.raises(bs.InvalidInputError, match="catalog must be"):
            bs.from_dict(doc, bs.WorkoutItem, catalog=5)  # type: ignore[arg-type]

    def test_unknown_slug_suggests(self) -> None:
        """A mistyped slug is reported with its path and a suggestion."""
        doc = {"exercise": "leg-pres", "sets": 3, "reps": 8}

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict(doc, bs.WorkoutItem)

        assert (
            (
                "unknown exercise slug 'leg-pres'. Did you mean: leg-press?"
                " @ $.exercise"
            ),
        ) == info.value.errors

    def test_only_exercises_are_given_by_slug(self) -> None:
        """A string is still not an object of any other class."""

        with pytest.raises(bs.InvalidDataError) as info:
            bs.from_dict({"lean": "upright"}, bs.Posture)

        assert ("expected an object @ $.lean",) == info.value.errors

    def test_catalog_files_still_want_objects(self) -> None:
        """Catalog entries are whole exercises, never slugs."""

        with pytest.raises(bs.CatalogError):
            bs.Catalog.from_dict({"exercises": ["split-squat"]})

    def test_schema_allows_a_slug(self) -> None:
        """Nested exercises are an object or a slug in the schema."""
        schema = bs.json_schema(bs.WorkoutItem)

        assert [
            {"$ref": "#/$defs/Exercise"},
            {"$ref": "#/$defs/ExerciseSlug"},
        ] == schema["properties"]["exercise"]["anyOf"]
        assert "string" == schema["$defs"]["ExerciseSlug"]["type"]

    def test_bad_form(self) -> None:
        """exercises is "object" or "slug"."""

        with pytest.raises(bs.InvalidInputError, match="exercises must be"):
            bs.to_dict(BODY, exercises="id")  # type: ignore[call-overload]


class TestRefTemplate:
    def test_openapi_references(self) -> None:
        """ref_template points every reference elsewhere, in one pass."""
        schema = bs.json_schema(
            bs.Posture, ref_template="#/components/schemas/{name}"
        )
        text = json.dumps(schema)

        assert "#/$defs/" not in text
        assert (
            "#/components/schemas/Support"
            == (schema["properties"]["support"]["$ref"])
        )
        assert "TorsoLean" in schema["$defs"]

    def test_template_needs_a_name(self) -> None:
        """A template without {name} is refused."""

        with pytest.raises(bs.InvalidInputError, match="ref_template must"):
            bs.json_schema(bs.Body, ref_template="#/components/schemas/")
