"""JSON Schema of the documents, generated from the model classes.

`public_types` names the classes documents exist for; it imports the model
modules inside the function, so this room imports no other room when it
loads.
"""

import datetime as dt
import enum
import functools
import importlib
import json
import os
import pathlib
import types
import typing
from typing import Any, Final

import attrs

from backsafe import _validation as v
from backsafe._strict import (
    SCHEMA_VERSION,
    TIME_RE,
    VERSION_KEY,
    converter,
    is_collection,
)
from backsafe.exceptions import InvalidInputError

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE_URL: Final = "https://backsafe.readthedocs.io/en/latest/schemas/"


# --- Which types are public ------------------------------------------------


#: The modules whose public attrs classes are documents, bottom room first.
_MODEL_MODULES = (
    "backsafe.spine._types",
    "backsafe.spine._result",
    "backsafe.exercises._exercise",
    "backsafe.exercises._catalog",
    "backsafe.exercises._alternatives",
    "backsafe.exercises._workout",
    "backsafe.coaching._phases",
    "backsafe.coaching._doses",
    "backsafe.coaching._progression",
    "backsafe.coaching._reports",
    "backsafe.coaching._outcomes",
    "backsafe.coaching._context",
    "backsafe.daily._duration",
    "backsafe.daily._lifting",
    "backsafe.daily._composite",
    "backsafe.daily._tasks",
    "backsafe.daily._task_scoring",
    "backsafe.coaching._episode",
)


@functools.cache
def public_types() -> tuple[type, ...]:
    """Return every public backsafe attrs class that JSON can hold.

    These are the public classes of the model modules (``backsafe``
    exports each of them). Classes whose fields are not plain data (numpy
    arrays, say) are left out.
    """
    # The model modules, imported here: the serde room is an edge, and
    # loads none of them until a document is read or written.
    modules = [importlib.import_module(name) for name in _MODEL_MODULES]
    found = {
        name: obj
        for module in modules
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and isinstance(obj, type)
        and obj.__module__ == module.__name__
        and attrs.has(obj)
        and _is_document(obj)
    }
    return tuple(found[name] for name in sorted(found))


@functools.cache
def public_collections() -> dict[type, type]:
    """Return the result collections (`AlternativeList`...) and their items.

    These are the public ``tuple`` subclasses of the model modules whose
    items are one of `public_types`.
    """
    modules = [importlib.import_module(name) for name in _MODEL_MODULES]
    documents = set(public_types())
    return {
        obj: item
        for module in modules
        for name, obj in sorted(vars(module).items())
        if not name.startswith("_") and isinstance(obj, type)
        for base in getattr(obj, "__orig_bases__", ())
        if (item := _sequence_item(base)) in documents
    }


def _sequence_item(tp: object) -> Any:
    """``X`` of ``list[X]`` or ``tuple[X, ...]``; ``None`` otherwise."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    sequence = (origin is list and len(args) == 1) or (
        origin is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004
    )
    return args[0] if sequence else None


def item_type(cls: object) -> type | None:
    """Return the item class of a collection *cls*; ``None`` otherwise.

    Collections are the result collections, ``list[X]`` and
    ``tuple[X, ...]`` of a public class ``X``.
    """
    if isinstance(cls, type) and cls in public_collections():
        return public_collections()[cls]
    item = _sequence_item(cls)
    return item if item in public_types() else None


def _is_document(cls: type) -> bool:
    try:
        _class_schema(cls, {})
    except NotImplementedError:
        return False
    return True


def check_type(cls: object, *, collections: bool = False) -> type:
    """Return *cls* if it is one of `public_types`; raise otherwise.

    With *collections*, a collection of them (`item_type`) is accepted
    too, and its item class is returned.
    """
    if isinstance(cls, type) and cls in public_types():
        return cls
    item = item_type(cls) if collections else None
    if item is None:
        names = ", ".join(t.__name__ for t in public_types())
        also = (
            ", or a list[...], tuple[..., ...], AlternativeList or"
            " ExerciseSelection of one"
            if collections
            else ""
        )
        raise InvalidInputError.out_of_range(
            "cls", cls, f"a public backsafe class ({names}){also}"
        )
    return item


# --- JSON Schema -----------------------------------------------------------


#: Where `json_schema` points its references by default.
DEFS_REF_TEMPLATE: Final = "#/$defs/{name}"
#: Where OpenAPI 3.1 documents keep their schemas.
OPENAPI_REF_TEMPLATE: Final = "#/components/schemas/{name}"


def json_schema(
    cls: Any, *, ref_template: str = DEFS_REF_TEMPLATE
) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of *cls*'s documents.

    The schema is generated from the model: field types, allowed enum
    values, required keys, numeric ranges, string patterns, and no
    unknown keys.
    Rules that involve several fields (a load needs a placement, say) are
    not expressible in the schema; `from_dict` still checks them.

    Args:
        cls: A public backsafe class, a result collection such as
            `AlternativeList`, or ``list[X]`` or ``tuple[X, ...]`` of a
            public class ``X``: the schema of an array of documents.
        ref_template: Where the references to nested classes and
            enumerations point, with ``{name}`` for the class name. The
            definitions themselves are always under ``"$defs"``; give
            ``"#/components/schemas/{name}"`` and move them into an
            OpenAPI document's ``components.schemas``.

    Returns:
        The schema as a dictionary, ready for `json.dumps`.

    Raises:
        InvalidInputError: *cls* is not a public backsafe class or a
            collection of one, or *ref_template* has no ``{name}``.

    >>> schema = json_schema(Body)
    >>> schema["properties"]["mass_kg"]["maximum"]
    300.0
    >>> schema["required"]
    ['schema_version', 'mass_kg', 'height_m']
    >>> json_schema(AlternativeList)["items"]["title"]
    'Alternative'

    .. versionadded:: 0.1.0
    """
    item = check_type(cls, collections=True)
    template: object = ref_template
    if not isinstance(template, str) or "{name}" not in template:
        raise InvalidInputError.out_of_range(
            "ref_template",
            ref_template,
            "a string with {name}, such as '#/components/schemas/{name}'",
        )
    defs: dict[str, Any] = {}
    root = _document_schema(item, defs)
    if item is not cls:
        name = getattr(cls, "__name__", f"{item.__name__}List")
        root = {
            "title": name
            if isinstance(cls, type)
            else f"{item.__name__} list",
            "description": f"An array of {item.__name__} documents.",
            "type": "array",
            "items": root,
        }
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT}
    if isinstance(cls, type):
        schema["$id"] = f"{SCHEMA_BASE_URL}{cls.__name__}.json"
    schema.update(root)
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    if ref_template != DEFS_REF_TEMPLATE:
        schema = _rewrite_refs(schema, ref_template)
    return schema


def _document_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one top-level document of *cls*, its $defs in *defs*."""
    root = _class_schema(cls, defs)
    root["properties"] = {
        VERSION_KEY: {
            "const": SCHEMA_VERSION,
            "description": (
                "The version of this document layout; read as the current"
                " version if left out."
            ),
        },
        **root["properties"],
    }
    root["required"] = [VERSION_KEY, *root["required"]]
    defs.pop(cls.__name__, None)
    return root


def _rewrite_refs(node: Any, template: str) -> Any:
    """Point every ``#/$defs/X`` reference at *template* instead."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and value.startswith("#/$defs/"):
                out[key] = template.format(name=value.removeprefix("#/$defs/"))
            else:
                out[key] = _rewrite_refs(value, template)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(value, template) for value in node]
    return node


def write_schemas(directory: "os.PathLike[str] | str") -> list[pathlib.Path]:
    """Write ``<Class>.json`` for every public class; return the paths."""
    folder = pathlib.Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for cls in public_types():
        path = folder / f"{cls.__name__}.json"
        text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    described = _attribute_docs(cls.__doc__ or "")
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        name = field.name  # cattrs writes attribute names, not aliases
        prop = _type_schema(hints[field.name], defs)
        prop.update(_validator_hints(field.validator))
        if field.default is attrs.NOTHING:
            required.append(name)
        elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            prop["default"] = converter().unstructure(field.default)
        elif not field.default.takes_self:
            prop["default"] = converter().unstructure(field.default.factory())
        if name in described:
            prop["description"] = described[name]
        properties[name] = prop
    return {
        "title": cls.__name__,
        "description": _summary(cls.__doc__ or ""),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is dt.time:
        # Not "format": "time", which demands a UTC offset (RFC 3339).
        return {"type": "string", "pattern": TIME_RE.pattern}
    if tp is type(None):
        return {"type": "null"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {
                "title": tp.__name__,
                "description": _summary(tp.__doc__ or ""),
                "type": "string",
                "enum": [member.value for member in tp],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserve the name against recursion
            defs[tp.__name__] = _class_schema(tp, defs)
        ref = {"$ref": f"#/$defs/{tp.__name__}"}
        if _is_exercise(tp):
            defs[_SLUG] = _slug_schema()
            return {"anyOf": [ref, {"$ref": f"#/$defs/{_SLUG}"}]}
        return ref
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in {typing.Union, types.UnionType}:
        return {"anyOf": [_type_schema(arg, defs) for arg in args]}
    if is_collection(tp):
        schema: dict[str, Any] = {
            "type": "array",
            "items": _type_schema(args[0], defs),
        }
        if origin is frozenset:
            schema["uniqueItems"] = True
        return schema
    if origin is tuple:
        return {
            "type": "array",
            "prefixItems": [_type_schema(arg, defs) for arg in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    msg = f"no JSON Schema for {tp!r}"
    raise NotImplementedError(msg)


_EXERCISE: Final = "Exercise"
_SLUG: Final = "ExerciseSlug"


def _is_exercise(tp: type) -> bool:
    return (
        tp.__name__ == _EXERCISE
        and tp.__module__ == "backsafe.exercises._exercise"
    )


def _slug_schema() -> dict[str, Any]:
    return {
        "title": _SLUG,
        "description": (
            "An exercise given by its slug, looked up in the catalog"
            " the document is read with (the built-in one by default)."
        ),
        "type": "string",
        "maxLength": 80,
        "pattern": f"^{v.SLUG_RE.pattern}$",
    }


def _validator_hints(validator: object) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if type(validator).__name__ == "_OptionalValidator":
        # attrs.validators.optional: the bounds of the value when given
        # (JSON Schema applies "minimum" to numbers only, so null passes).
        validator = getattr(validator, "validator", validator)
    parts = getattr(validator, "_validators", (validator,))
    for part in parts:
        hints = v.SCHEMA_HINTS.get(part, {}) if callable(part) else {}
        for key, value in hints.items():
            if key == "items":
                continue
            if value is not None:
                found[key] = value
        if "items" in hints:
            found["items"] = hints["items"]
    return found


def _summary(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()


def _attribute_docs(doc: str) -> dict[str, str]:
    """Read the ``Attributes:`` block of a Google-style docstring."""
    lines = doc.expandtabs().splitlines()
    try:
        start = next(
            i for i, line in enumerate(lines) if line.strip() == "Attributes:"
        )
    except StopIteration:
        return {}
    found: dict[str, str] = {}
    name = ""
    indent = len(lines[start]) - len(lines[start].lstrip())
    for line in lines[start + 1 :]:
        stripped = line.strip()
        depth = len(line) - len(line.lstrip())
        if not stripped or depth <= indent:
            break
        head, sep, rest = stripped.partition(": ")
        if sep and head.isidentifier() and depth == indent + 4:
            name = head
            found[name] = rest.strip()
        elif name:
            found[name] += " " + stripped
    return {key: value.replace("`", "") for key, value in found.items()}
