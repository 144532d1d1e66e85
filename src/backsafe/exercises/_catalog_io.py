"""Reading catalog documents: TOML or JSON text and files, into exercises.

A catalog file is a document with an ``exercises`` list; every entry holds
the `Exercise` attributes by name, except that the trunk lean is given in
degrees as ``lean_min_deg`` and ``lean_max_deg``. The document's size and
number of entries are checked before anything is parsed. Each entry is then
renamed into the wire format of `backsafe.from_dict` (see `_to_wire`) and
structured by the same strict converter; a problem becomes a
`CatalogError` naming the entry and the field of the file.

The public functions of `backsafe.exercises._catalog` check their
arguments; the functions here trust them.
"""

import json
import os
import pathlib
import re
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import CatalogError, InvalidInputError, shown
from backsafe.exercises._exercise import Exercise

#: Largest catalog document accepted, in bytes (UTF-8 bytes for text); a
#: larger one is refused before it is parsed.
MAX_CATALOG_BYTES: Final = 2_000_000
#: Most structure a TOML document may have, in units: a key (``=``) or an
#: array item (``,``) is one, a table, an array or a dotted-key part (``[``,
#: ``{``, ``.``) two, counted outside strings and comments. The standard
#: library's parser spends up to 10 microseconds on a unit and allocates
#: under 1 kB, so this bounds the parse well within a second and 100 MB;
#: at the built-in catalog's density it allows about 1 MB (1,000 entries).
MAX_TOML_TOKENS: Final = 60_000
#: The weight of each structure character (see `MAX_TOML_TOKENS`).
_TOKEN_WEIGHTS: Final = {"=": 1, ",": 1, "[": 2, "{": 2, ".": 2}
#: Most parts a dotted key may have (``a.b.c`` has three); the parser is
#: quadratic in them.
MAX_KEY_PARTS: Final = 8
#: Most exercises a catalog document may hold.
MAX_CATALOG_ENTRIES: Final = 10_000
#: The catalog document layout this version reads.
CATALOG_SCHEMA_VERSION: Final = 1
#: The suffixes `read_document` knows, and the format each names.
SUFFIXES: Final = frozenset({".toml", ".json"})

_TOP_LEVEL: Final = frozenset({"schema_version", "exercises"})
#: File key -> Exercise attribute, for the keys the file layout renames: a
#: lean is a number of degrees in a file, a ``TorsoLean`` object in the
#: wire format (``{"degrees": ...}``).
_LEANS: Final = {"lean_min_deg": "lean_min", "lean_max_deg": "lean_max"}
#: Exercise attribute -> file key.
_KEYS: Final = {attribute: key for key, attribute in _LEANS.items()}
#: Every key an entry may hold.
_KNOWN: Final = frozenset(
    _KEYS.get(field.name, field.name) for field in attrs.fields(Exercise)
)
#: How the converter's expectations read in a catalog's words.
_WORDS: Final = {
    "an array": "a list",
    "an array without repeats": "a list without repeats",
    "an object": "a table",
}


#: A problem in an entry: the Exercise attribute ("" for a rule across
#: fields), the list indices to the bad item, and the error.
_Found = tuple[str, tuple[int, ...], BaseException]


# --- Text and files ------------------------------------------------------


def check_max_bytes(max_bytes: object) -> int:
    """Check a size limit given to a public function."""
    return v.check_int(
        "max_bytes", max_bytes, min_value=1, max_value=1_000_000_000
    )


def check_text(text: object) -> str | bytes:
    """Check document text given to a public function."""
    if not isinstance(text, str | bytes):
        raise InvalidInputError.out_of_range("text", text, "a str or bytes")
    return text


def check_path(path: object) -> pathlib.Path:
    """Check a catalog file path given to a public function."""
    if not isinstance(path, str | os.PathLike):
        raise InvalidInputError.out_of_range(
            "path", path, "a str or os.PathLike path"
        )
    file = pathlib.Path(path)
    if file.suffix.lower() not in SUFFIXES:
        raise CatalogError(
            f"catalog file must end in .toml or .json, got {str(file)!r}",
            field="path",
            value=str(file),
            allowed="a .toml or .json file",
        )
    return file


def toml_document(text: str | bytes, limit: int) -> object:
    """Parse TOML text of at most *limit* bytes (or characters)."""
    raw = _decode(text, limit)
    _check_toml_shape(raw)
    try:
        return tomllib.loads(raw)
    except (ValueError, RecursionError) as exc:  # ValueError: a huge int
        msg = f"catalog is not valid TOML: {exc}"
        raise CatalogError(msg, field="document") from exc


def json_document(text: str | bytes, limit: int) -> object:
    """Parse JSON text of at most *limit* bytes (or characters)."""
    from backsafe._strict import (  # noqa: PLC0415
        reject_constant,
        unique_keys,
    )

    raw = _decode(text, limit)
    try:
        return json.loads(
            raw, parse_constant=reject_constant, object_pairs_hook=unique_keys
        )
    except (ValueError, RecursionError) as exc:
        msg = f"catalog is not valid JSON: {exc}"
        raise CatalogError(msg, field="document") from exc


def read_document(file: pathlib.Path, limit: int) -> object:
    """Read and parse a catalog file, checking its size before reading."""
    try:
        size = file.stat().st_size
        if size > limit:
            raise _too_large(size, limit)
        with file.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        msg = f"cannot read catalog file {str(file)!r}: {exc.strerror}"
        raise CatalogError(msg, field="path", value=str(file)) from exc
    if file.suffix.lower() == ".toml":
        return toml_document(data, limit)
    return json_document(data, limit)


def _too_large(size: int, limit: int) -> CatalogError:
    return CatalogError(
        f"catalog document is {size} bytes; at most {limit} are accepted",
        field="document",
        value=size,
        allowed=f"at most {limit} bytes",
    )


def _decode(text: str | bytes, limit: int) -> str:
    """Check the size in bytes (UTF-8 for text) and return the text."""
    if len(text) > limit:  # a str's UTF-8 is never shorter than the str
        raise _too_large(len(text), limit)
    try:
        if isinstance(text, str):
            size = len(text.encode("utf-8"))
            if size > limit:
                raise _too_large(size, limit)
            return text
        return text.decode("utf-8")
    except UnicodeError as exc:
        msg = f"catalog is not UTF-8 text: {exc}"
        raise CatalogError(msg, field="document") from None


#: Strings and comments of a TOML document, which the shape check skips.
_TOML_SKIPPED: Final = re.compile(
    # Possessive loops (*+) keep no backtracking state: linear time and
    # constant memory on a string of any length.
    r'"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""'
    r"|'''[\s\S]*?'''"
    r'|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
)
#: A dotted key of more than `MAX_KEY_PARTS` parts, once strings are out.
_LONG_KEY: Final = re.compile(r"(?:\.[^=,\n\[\]{}.]*){%d}" % MAX_KEY_PARTS)  # noqa: UP031


def structure_units(bare: str) -> int:
    """The structure of TOML text with its strings and comments taken out."""
    return sum(bare.count(c) * w for c, w in _TOKEN_WEIGHTS.items())


def _check_toml_shape(raw: str) -> None:
    """Refuse TOML whose structure would make the parser slow or greedy.

    A linear pre-scan at C speed (regular expressions and counts): the
    number of structure tokens and the parts of dotted keys, outside
    strings and comments. A valid catalog is far inside both bounds.
    """
    bare = _TOML_SKIPPED.sub("s", raw)
    tokens = structure_units(bare)
    if tokens > MAX_TOML_TOKENS:
        msg = (
            f"catalog has {tokens} keys, tables and items; at most"
            f" {MAX_TOML_TOKENS} are accepted"
        )
        raise CatalogError(
            msg,
            field="document",
            value=tokens,
            allowed=f"at most {MAX_TOML_TOKENS} keys, tables and items",
        )
    if _LONG_KEY.search(bare):
        msg = f"catalog has a dotted key of more than {MAX_KEY_PARTS} parts"
        raise CatalogError(
            msg,
            field="document",
            allowed=f"dotted keys of at most {MAX_KEY_PARTS} parts",
        )


# --- The document ----------------------------------------------------------


def read_exercises(data: object) -> tuple[Exercise, ...]:
    """Turn a parsed catalog document into its exercises, in order."""
    entries = _entries(data)
    return tuple(_exercise(i, entry) for i, entry in enumerate(entries))


def _entries(data: object) -> list[object]:
    """Check the document around the entries; return the entries."""
    if not isinstance(data, Mapping):
        raise CatalogError(
            "catalog document must be a table (an object) with an"
            f" 'exercises' list, got {type(data).__name__}",
            field="document",
            allowed="a table with an 'exercises' list",
        )
    extra = sorted(str(key) for key in data if key not in _TOP_LEVEL)
    if extra:
        raise CatalogError(
            f"catalog document has unknown keys {extra}; allowed are"
            " 'schema_version' and 'exercises'",
            field="document",
            value=extra,
            allowed="'schema_version' and 'exercises'",
        )
    version = data.get("schema_version", CATALOG_SCHEMA_VERSION)
    if isinstance(version, bool) or version != CATALOG_SCHEMA_VERSION:
        raise CatalogError(
            f"schema_version must be {CATALOG_SCHEMA_VERSION}, got"
            f" {version!r}",
            field="schema_version",
            value=version,
            allowed=str(CATALOG_SCHEMA_VERSION),
        )
    entries = data.get("exercises")
    if not isinstance(entries, list):
        raise CatalogError(
            f"'exercises' must be a list of tables, got {entries!r:.60}",
            field="exercises",
            value=entries,
            allowed="a list of tables",
        )
    if len(entries) > MAX_CATALOG_ENTRIES:
        raise CatalogError(
            f"catalog holds {len(entries)} exercises; at most"
            f" {MAX_CATALOG_ENTRIES} are accepted",
            field="exercises",
            value=len(entries),
            allowed=f"at most {MAX_CATALOG_ENTRIES} entries",
        )
    return entries


def _to_wire(entry: Mapping[Any, Any]) -> dict[Any, Any]:
    """Rename a file entry into the wire format of ``from_dict``.

    The only difference is the lean: ``lean_min_deg = 10`` in a file is
    ``"lean_min": {"degrees": 10}`` in the wire format.
    """
    return {
        _LEANS.get(key, key): {"degrees": value} if key in _LEANS else value
        for key, value in entry.items()
    }


def _exercise(index: int, entry: object) -> Exercise:
    """Structure one entry through the converter `backsafe.from_dict` uses."""
    from cattrs.errors import BaseValidationError  # noqa: PLC0415

    from backsafe._strict import (  # noqa: PLC0415
        ExpectedError,
        converter,
    )

    slug = entry.get("slug") if isinstance(entry, Mapping) else None
    label = f"#{index} ({slug!r})" if isinstance(slug, str) else f"#{index}"
    if not isinstance(entry, Mapping):
        raise _entry_error(label, index, "", entry, "a table of fields")
    unknown = sorted((key for key in entry if key not in _KNOWN), key=str)
    if unknown:
        raise _entry_error(
            label,
            index,
            str(unknown[0]),
            entry[unknown[0]],
            "absent (not an Exercise field)",
        )
    try:
        exercise: Exercise = converter().structure(_to_wire(entry), Exercise)
    except (BaseValidationError, ExpectedError, InvalidInputError) as exc:
        raise _problem(label, index, entry, exc) from None
    return exercise


def _entry_error(
    label: str, index: int, key: str, value: object, allowed: str
) -> CatalogError:
    where = f"exercises[{index}]" + (f".{key}" if key else "")
    what = f"field {key!r}" if key else "entry"
    return CatalogError(
        f"exercise {label}: {what} must be {allowed}, got {shown(value):.80}",
        field=where,
        value=value,
        allowed=allowed,
    )


def _problem(
    label: str, index: int, entry: Mapping[Any, Any], exc: Exception
) -> CatalogError:
    """Name the first problem of an entry, as the file spells its keys.

    A missing field comes first, then the first bad field in the entry's
    order; the rules `Exercise` checks across fields come last, as cattrs
    builds the exercise only when every field has been read.
    """
    order = {key: i for i, key in enumerate(entry)}
    problems = sorted(
        _problems(exc),
        key=lambda found: (
            not isinstance(found[2], KeyError),
            order.get(_KEYS.get(found[0], found[0]), len(order)),
        ),
    )
    attribute, indices, leaf = problems[0] if problems else ("", (), exc)
    if not attribute:  # a rule of Exercise itself, across its fields
        if isinstance(leaf, InvalidInputError):
            name = (leaf.field or "").rpartition(".")[2].rpartition(": ")[2]
            key = _KEYS.get(name, name)
            return CatalogError(
                f"exercise {label}: {leaf}",
                field=f"exercises[{index}].{key}",
                value=leaf.value,
                allowed=leaf.allowed,
            )
        return _entry_error(label, index, "", dict(entry), str(leaf))
    key = _KEYS.get(attribute, attribute)
    if isinstance(leaf, KeyError):
        return _entry_error(label, index, key, None, "given (it is required)")
    allowed = getattr(leaf, "allowed", None) or str(leaf)
    value = _item(entry.get(key), indices)
    return _entry_error(label, index, key, value, _WORDS.get(allowed, allowed))


def _problems(exc: BaseException) -> Iterator[_Found]:
    """Yield every problem cattrs found in an entry, where it found it."""
    from cattrs.errors import (  # noqa: PLC0415
        AttributeValidationNote,
        ClassValidationError,
    )

    if not isinstance(exc, ClassValidationError):
        yield "", (), exc
        return
    for sub in exc.exceptions:
        notes = getattr(sub, "__notes__", [])
        names = [
            n.name for n in notes if isinstance(n, AttributeValidationNote)
        ]
        indices, leaf = _leaf(sub)
        yield (names[0] if names else ""), indices, leaf


def _leaf(exc: BaseException) -> tuple[tuple[int, ...], BaseException]:
    """Follow a tree of cattrs errors to its first error at the bottom.

    Returns the list indices on the way (to show the bad item of a list)
    and the error.
    """
    from cattrs.errors import (  # noqa: PLC0415
        IterableValidationError,
        IterableValidationNote,
    )

    indices: list[int] = []
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        inner = exc.exceptions[0]
        if isinstance(exc, IterableValidationError):
            indices.extend(
                note.index
                for note in getattr(inner, "__notes__", [])
                if isinstance(note, IterableValidationNote)
                and isinstance(note.index, int)
            )
        exc = inner
    return tuple(indices), exc


def _item(value: object, indices: tuple[int, ...]) -> object:
    """The item of *value* at *indices* (a list's bad item), or *value*."""
    for index in indices:
        if not isinstance(value, list | tuple) or index >= len(value):
            break
        value = value[index]
    return value
