"""Exercise catalogs: the built-in one, and products' own TOML or JSON files.

A catalog file is a document with an ``exercises`` list; every entry holds
the `Exercise` attributes by name, except that the trunk lean is given in
degrees as ``lean_min_deg`` and ``lean_max_deg``. See the catalog page for
an example.
"""

import difflib
import enum
import functools
import json
import math
import os
import pathlib
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, Self, TypeVar, final

import attrs

from backsafe import _validation as v
from backsafe.display import _html as _display
from backsafe.exceptions import (
    CatalogError,
    InvalidInputError,
    UnknownExerciseError,
)
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    ExerciseFlag,
    MovementPattern,
    Muscle,
    Stance,
    TrainingMode,
)
from backsafe.exercises._scoring import score
from backsafe.spine import _constants as k
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    CalibratedTask,
    Limits,
    LoadPlacement,
    StressLevel,
    Support,
    TorsoLean,
)

E = TypeVar("E", bound=enum.Enum)

#: One piece of equipment or several, as members or their string values.
EquipmentLike = Equipment | str | Iterable[Equipment | str]

#: Largest catalog document accepted, in bytes (or characters for text);
#: a larger one is refused before it is parsed.
MAX_CATALOG_BYTES: Final = 2_000_000
#: Most exercises a catalog document may hold.
MAX_CATALOG_ENTRIES: Final = 10_000
#: The catalog document layout this version reads.
CATALOG_SCHEMA_VERSION: Final = 1

#: Free weights: one of them is needed only when a load is used.
FREE_WEIGHTS: Final = frozenset(
    {Equipment.BARBELL, Equipment.DUMBBELL, Equipment.KETTLEBELL}
)
#: Assumed to be always at hand.
ALWAYS_AVAILABLE: Final = frozenset({Equipment.BODYWEIGHT, Equipment.MAT})


def _exercise_tuple(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    name = v.field_name(instance, attribute)
    if not isinstance(value, tuple) or not all(
        isinstance(item, Exercise) for item in value
    ):
        raise InvalidInputError.out_of_range(
            name, value, "a tuple of Exercise"
        )


@final
@attrs.frozen(kw_only=True, repr=False)
class Catalog:
    """A validated, immutable collection of exercises.

    Slugs are unique, every ``easier``/``harder`` link names an exercise of
    the same catalog, and the links form ladders without cycles: no exercise
    is, through any chain of links, both easier and harder than another.
    The built-in catalog is `backsafe.catalog`; products load their own
    with `from_toml`, `from_json` or `read_file`, or `extend` the built-in
    one.

    Attributes:
        exercises: The exercises, in the order given.

    >>> len(catalog) > 40
    True
    >>> catalog.get("split-squat").working_leg_share
    0.75
    >>> catalog.get("bulgarian-split-squat")
    Traceback (most recent call last):
    ...
    backsafe.exceptions.UnknownExerciseError: unknown exercise slug \
'bulgarian-split-squat'. Did you mean: rear-foot-elevated-split-squat, \
split-squat?

    .. versionadded:: 0.1.0
    """

    exercises: tuple[Exercise, ...] = attrs.field(validator=_exercise_tuple)

    def __attrs_post_init__(self) -> None:
        _check_unique(self.exercises)
        _check_links(self.exercises)

    # --- Construction -----------------------------------------------------

    @classmethod
    def from_dict(cls, data: object) -> Self:
        """Build a catalog from a parsed document.

        Args:
            data: A mapping with an ``exercises`` list (and optionally
                ``schema_version = 1``), as a TOML or JSON file holds it.

        Returns:
            The validated catalog.

        Raises:
            CatalogError: The document or an entry is malformed; the
                message names the entry, the field and the problem.

        .. versionadded:: 0.1.0
        """
        return cls(exercises=_parse_document(data))

    @classmethod
    def from_toml(
        cls, text: str | bytes, *, max_bytes: int = MAX_CATALOG_BYTES
    ) -> Self:
        """Parse a catalog from TOML text.

        Args:
            text: The document: ``[[exercises]]`` tables.
            max_bytes: Refuse longer documents before parsing them.

        Returns:
            The validated catalog.

        Raises:
            CatalogError: Too long, not TOML, or a malformed entry.

        >>> extra = Catalog.from_toml('''
        ... [[exercises]]
        ... slug = "wall-sit"
        ... name = "Wall sit"
        ... pattern = "squat"
        ... stance = "bilateral"
        ... equipment = ["bodyweight"]
        ... placement = "none"
        ... support = "free-standing"
        ... lean_min_deg = 0
        ... lean_max_deg = 5
        ... primary_muscles = ["quadriceps"]
        ... ''')
        >>> extra.slugs
        ('wall-sit',)

        .. versionadded:: 0.1.0
        """
        raw = _text(text, max_bytes)
        try:
            data = tomllib.loads(raw)
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            msg = f"catalog is not valid TOML: {exc}"
            raise CatalogError(msg, field="document") from exc
        return cls.from_dict(data)

    @classmethod
    def from_json(
        cls, text: str | bytes, *, max_bytes: int = MAX_CATALOG_BYTES
    ) -> Self:
        """Parse a catalog from JSON text.

        Args:
            text: The document: ``{"exercises": [...]}``.
            max_bytes: Refuse longer documents before parsing them.

        Returns:
            The validated catalog.

        Raises:
            CatalogError: Too long, not JSON, or a malformed entry.

        .. versionadded:: 0.1.0
        """
        raw = _text(text, max_bytes)
        try:
            data = json.loads(raw, parse_constant=_reject_constant)
        except (ValueError, RecursionError) as exc:
            msg = f"catalog is not valid JSON: {exc}"
            raise CatalogError(msg, field="document") from exc
        return cls.from_dict(data)

    @classmethod
    def read_file(
        cls,
        path: str | os.PathLike[str],
        *,
        max_bytes: int = MAX_CATALOG_BYTES,
    ) -> Self:
        """Read a ``.toml`` or ``.json`` catalog file.

        The file's size is checked before it is read.

        Args:
            path: The file; its suffix picks the format.
            max_bytes: Refuse larger files.

        Returns:
            The validated catalog.

        Raises:
            CatalogError: Unknown suffix, unreadable, too large, or
                malformed.

        .. versionadded:: 0.1.0
        """
        file = pathlib.Path(path)
        suffix = file.suffix.lower()
        if suffix not in {".toml", ".json"}:
            raise CatalogError(
                f"catalog file must end in .toml or .json, got {str(file)!r}",
                field="path",
                value=str(file),
                allowed="a .toml or .json file",
            )
        limit = _max_bytes(max_bytes)
        try:
            size = file.stat().st_size
            if size > limit:
                raise _too_large(size, limit)
            with file.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            msg = f"cannot read catalog file {str(file)!r}: {exc.strerror}"
            raise CatalogError(msg, field="path", value=str(file)) from exc
        if suffix == ".toml":
            return cls.from_toml(data, max_bytes=limit)
        return cls.from_json(data, max_bytes=limit)

    def extend(
        self, other: "Catalog | Iterable[Exercise]", *, replace: bool = False
    ) -> "Catalog":
        """Return a catalog with the exercises of *other* added.

        Args:
            other: A catalog or exercises to add after these.
            replace: Let an exercise of *other* replace the one with its
                slug here; otherwise a repeated slug is an error.

        Returns:
            The new catalog, validated as a whole.

        Raises:
            CatalogError: A repeated slug, or links that do not resolve or
                that form a cycle.

        >>> import attrs
        >>> mine = attrs.evolve(catalog.get("split-squat"),
        ...                     slug="my-split-squat", easier=(),
        ...                     harder=())
        >>> len(catalog.extend([mine])) == len(catalog) + 1
        True

        .. versionadded:: 0.1.0
        """
        added = tuple(other)
        for item in added:
            if not isinstance(item, Exercise):
                raise InvalidInputError.out_of_range(
                    "other", item, "a Catalog or Exercise objects"
                )
        if replace:
            new = {e.slug for e in added}
            kept = tuple(e for e in self.exercises if e.slug not in new)
            return Catalog(exercises=kept + added)
        return Catalog(exercises=self.exercises + added)

    # --- Access -----------------------------------------------------------

    @functools.cached_property
    def _by_slug(self) -> dict[str, Exercise]:
        return {e.slug: e for e in self.exercises}

    @property
    def slugs(self) -> tuple[str, ...]:
        """Every slug, in catalog order."""
        return tuple(e.slug for e in self.exercises)

    def get(self, slug: str) -> Exercise:
        """Return the exercise with *slug*.

        Raises:
            UnknownExerciseError: No such slug; its ``suggestions`` hold
                the nearest slugs (aliases count too).

        .. versionadded:: 0.1.0
        """
        name: object = slug
        found = self._by_slug.get(name) if isinstance(name, str) else None
        if found is None:
            raise UnknownExerciseError(
                str(slug), suggest(str(slug), self.exercises)
            )
        return found

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Exercise):
            return self._by_slug.get(item.slug) == item
        return isinstance(item, str) and item in self._by_slug

    def __repr__(self) -> str:
        shown = ", ".join(self.slugs[:4])
        more = ", ..." if len(self) > 4 else ""  # noqa: PLR2004
        plural = "exercise" if len(self) == 1 else "exercises"
        return f"<Catalog: {len(self)} {plural}: {shown}{more}>"

    def _repr_html_(self) -> str:
        """Show the catalog as a table in notebooks."""
        return _display.exercises_html(self.exercises, caption=repr(self))

    def filter(
        self,
        *,
        pattern: MovementPattern | str | None = None,
        stance: Stance | str | None = None,
        equipment: EquipmentLike | None = None,
        muscle: Muscle | str | None = None,
        tier: int | None = None,
        max_tier: int | None = None,
        max_level: StressLevel | str | None = None,
        body: Body | None = None,
        load_kg: float = 0.0,
        limits: Limits = DEFAULT_LIMITS,
    ) -> "ExerciseSelection":
        """Return the exercises that pass every given criterion.

        Args:
            pattern: Only this movement pattern.
            stance: Only this stance.
            equipment: The equipment at hand: only exercises doable with
                it. Machines, cables, balls, benches and boxes an exercise
                lists are all needed; of its free weights, any one will do,
                and none without a load. Bodyweight and a mat are always at
                hand.
            muscle: Only exercises with this primary muscle.
            tier: Only this tier.
            max_tier: Only this tier or lower.
            max_level: Only exercises whose spinal load for *body* at
                *load_kg* (0 for exercises that take no load) is graded at
                most this.
            body: Whose spine; needed with *max_level*.
            load_kg: The external load for *max_level* and *equipment*.
            limits: What *max_level* grades against.

        Returns:
            The matching exercises, in catalog order.

        Raises:
            InvalidInputError: An unknown value, or *max_level* without a
                *body*.

        >>> [e.slug for e in catalog.filter(pattern="lunge", tier=1)]
        ['split-squat', 'reverse-lunge', 'forward-lunge']

        .. versionadded:: 0.1.0
        """
        found: Iterable[Exercise] = self.exercises
        if pattern is not None:
            p = as_member("pattern", pattern, MovementPattern)
            found = [e for e in found if e.pattern is p]
        if stance is not None:
            s = as_member("stance", stance, Stance)
            found = [e for e in found if e.stance is s]
        load = v.check_real(
            "load_kg", load_kg, min_value=0.0, max_value=k.MAX_LOAD_KG
        )
        if equipment is not None:
            kit = as_equipment(equipment)
            found = [e for e in found if is_doable_with(e, kit, load_kg=load)]
        if muscle is not None:
            m = as_member("muscle", muscle, Muscle)
            found = [e for e in found if m in e.primary_muscles]
        if tier is not None:
            t = v.check_int("tier", tier, min_value=0, max_value=3)
            found = [e for e in found if e.tier == t]
        if max_tier is not None:
            t = v.check_int("max_tier", max_tier, min_value=0, max_value=3)
            found = [e for e in found if e.tier <= t]
        if max_level is not None:
            level = as_member("max_level", max_level, StressLevel)
            if not isinstance(body, Body):
                raise InvalidInputError.out_of_range(
                    "body", body, "a Body when max_level is given"
                )
            found = [
                e
                for e in found
                if score(
                    e,
                    body,
                    load_kg=load if e.takes_load else 0.0,
                    limits=limits,
                ).level
                <= level
            ]
        return ExerciseSelection(found)


class ExerciseSelection(tuple[Exercise, ...]):
    """The exercises a catalog query returned, in catalog order.

    A plain tuple that also shows as a table in notebooks.

    >>> selection = catalog.filter(pattern="bridge", max_tier=0)
    >>> isinstance(selection, tuple), len(selection) > 0
    (True, True)

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Show the exercises as a table in notebooks."""
        plural = "exercise" if len(self) == 1 else "exercises"
        return _display.exercises_html(self, caption=f"{len(self)} {plural}")


def suggest(slug: str, exercises: Iterable[Exercise]) -> tuple[str, ...]:
    """Return up to three slugs near *slug*; aliases count too."""
    names: dict[str, str] = {}
    for e in exercises:
        names.setdefault(e.slug, e.slug)
        for alias in e.aliases:
            names.setdefault(_slugify(alias), e.slug)
    close = difflib.get_close_matches(
        _slugify(slug), list(names), n=6, cutoff=0.6
    )
    return tuple(dict.fromkeys(names[c] for c in close))[:3]


# --- Equipment --------------------------------------------------------------


def is_doable_with(
    exercise: Exercise, equipment: frozenset[Equipment], *, load_kg: float
) -> bool:
    """Return whether *exercise* at *load_kg* needs only *equipment*.

    Bodyweight and a mat are always at hand. Machines, cables, balls,
    benches and boxes an exercise lists are all needed; of the free weights
    it lists (barbell, dumbbell, kettlebell), any one is enough, and none
    is needed without a load.

    .. versionadded:: 0.1.0
    """
    at_hand = equipment | ALWAYS_AVAILABLE
    fixed = exercise.equipment - FREE_WEIGHTS - ALWAYS_AVAILABLE
    if not fixed <= at_hand:
        return False
    weights = exercise.equipment & FREE_WEIGHTS
    if load_kg > 0 and weights:
        return bool(weights & at_hand)
    return True


def as_equipment(value: object) -> frozenset[Equipment]:
    """Read one piece of equipment or several, as members or values."""
    if isinstance(value, str):
        return frozenset({as_member("equipment", value, Equipment)})
    if not isinstance(value, Iterable):
        raise InvalidInputError.out_of_range(
            "equipment", value, "an Equipment or an iterable of them"
        )
    return frozenset(as_member("equipment", item, Equipment) for item in value)


def as_member(name: str, value: object, cls: type[E]) -> E:
    """Accept a member of *cls* or its string value."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if member.value == value:
                return member
    raise InvalidInputError.out_of_range(
        name, value, "one of " + v.all_members(cls)
    )


# --- Validation of a whole catalog ----------------------------------------


def _check_unique(exercises: tuple[Exercise, ...]) -> None:
    seen: set[str] = set()
    for index, e in enumerate(exercises):
        if e.slug in seen:
            raise CatalogError(
                f"exercise #{index} ({e.slug!r}): slug is a duplicate; every"
                " slug must be unique",
                field=f"exercises[{index}].slug",
                value=e.slug,
                allowed="a slug not used by another exercise",
            )
        seen.add(e.slug)


def _check_links(exercises: tuple[Exercise, ...]) -> None:
    slugs = {e.slug for e in exercises}
    # An edge a -> b means "b is harder than a", from either side's links.
    edges: dict[str, set[str]] = {e.slug: set() for e in exercises}
    for index, e in enumerate(exercises):
        for key, links in (("easier", e.easier), ("harder", e.harder)):
            for link in links:
                if link not in slugs:
                    raise CatalogError(
                        f"exercise #{index} ({e.slug!r}): {key} links to"
                        f" unknown slug {link!r}",
                        field=f"exercises[{index}].{key}",
                        value=link,
                        allowed="slugs of exercises in the same catalog",
                    )
        for link in e.harder:
            edges[e.slug].add(link)
        for link in e.easier:
            edges[link].add(e.slug)
    cycle = _find_cycle(edges)
    if cycle:
        path = " -> ".join(cycle)
        raise CatalogError(
            f"easier/harder links form a cycle: {path}",
            field="exercises.easier/harder",
            value=tuple(cycle),
            allowed="ladders without cycles",
        )


def _find_cycle(edges: Mapping[str, set[str]]) -> list[str]:
    """Return one cycle of the graph as a list of nodes, or an empty list."""
    done: set[str] = set()
    for start in edges:
        if start not in done:
            cycle = _walk(start, edges, done)
            if cycle:
                return cycle
    return []


def _walk(
    start: str, edges: Mapping[str, set[str]], done: set[str]
) -> list[str]:
    """Depth-first search from *start*, without recursion."""
    path = [start]
    stack = [iter(sorted(edges[start]))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            done.add(path.pop())
        elif child in path:
            return [*path[path.index(child) :], child]
        elif child not in done:
            path.append(child)
            stack.append(iter(sorted(edges[child])))
    return []


# --- Parsing a document -----------------------------------------------------


def _reject_constant(name: str) -> float:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _max_bytes(max_bytes: object) -> int:
    return v.check_int(
        "max_bytes", max_bytes, min_value=1, max_value=1_000_000_000
    )


def _too_large(size: int, limit: int) -> CatalogError:
    return CatalogError(
        f"catalog document is {size} bytes; at most {limit} are accepted",
        field="document",
        value=size,
        allowed=f"at most {limit} bytes",
    )


def _text(text: object, max_bytes: object) -> str:
    limit = _max_bytes(max_bytes)
    if not isinstance(text, str | bytes):
        raise InvalidInputError.out_of_range("text", text, "a str or bytes")
    if len(text) > limit:
        raise _too_large(len(text), limit)
    if isinstance(text, str):
        return text
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"catalog is not UTF-8 text: {exc}"
        raise CatalogError(msg, field="document") from exc


_REQUIRED: Final = (
    "slug",
    "name",
    "pattern",
    "stance",
    "equipment",
    "placement",
    "support",
    "lean_min_deg",
    "lean_max_deg",
    "primary_muscles",
)
_ENUMS: Final[dict[str, type[enum.Enum]]] = {
    "pattern": MovementPattern,
    "stance": Stance,
    "placement": LoadPlacement,
    "support": Support,
    "task": CalibratedTask,
}
_ENUM_SETS: Final[dict[str, type[enum.Enum]]] = {
    "equipment": Equipment,
    "primary_muscles": Muscle,
    "secondary_muscles": Muscle,
    "flags": ExerciseFlag,
    "modes": TrainingMode,
}
_STRINGS: Final = ("slug", "name")
_STRING_LISTS: Final = ("aliases", "easier", "harder", "cues", "cautions")
_STRING_LISTS_MORE: Final = ("sources",)
_REALS: Final = ("working_leg_share", "reach_m", "load_step_kg")
_LEANS: Final = {"lean_min_deg": "lean_min", "lean_max_deg": "lean_max"}
_KNOWN: Final = frozenset(
    (
        *_REQUIRED,
        *_ENUMS,
        *_ENUM_SETS,
        *_STRING_LISTS,
        *_STRING_LISTS_MORE,
        *_REALS,
        "tier",
    )
)
#: Exercise attribute -> document key, for errors raised by `Exercise`.
_KEYS: Final = {"lean_min": "lean_min_deg", "lean_max": "lean_max_deg"}


def _parse_document(data: object) -> tuple[Exercise, ...]:
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
    return tuple(_parse_entry(i, entry) for i, entry in enumerate(entries))


_TOP_LEVEL: Final = frozenset({"schema_version", "exercises"})


class _EntryError(Exception):
    """A problem with one field of one entry (turned into a CatalogError)."""

    def __init__(self, key: str, value: object, allowed: str) -> None:
        super().__init__(key)
        self.key = key
        self.value = value
        self.allowed = allowed


def _parse_entry(index: int, entry: object) -> Exercise:
    slug = entry.get("slug") if isinstance(entry, Mapping) else None
    label = f"#{index} ({slug!r})" if isinstance(slug, str) else f"#{index}"
    try:
        if not isinstance(entry, Mapping):
            raise _EntryError("", entry, "a table of fields")  # noqa: TRY301
        kwargs = _entry_fields(entry)
        return Exercise(**kwargs)
    except _EntryError as exc:
        where = f"exercises[{index}]" + (f".{exc.key}" if exc.key else "")
        what = f"field {exc.key!r}" if exc.key else "entry"
        raise CatalogError(
            f"exercise {label}: {what} must be {exc.allowed},"
            f" got {exc.value!r:.80}",
            field=where,
            value=exc.value,
            allowed=exc.allowed,
        ) from None
    except InvalidInputError as exc:
        attribute = (exc.field or "").rpartition(".")[2]
        attribute = attribute.rpartition(": ")[2]
        key = _KEYS.get(attribute, attribute)
        raise CatalogError(
            f"exercise {label}: {exc}",
            field=f"exercises[{index}].{key}",
            value=exc.value,
            allowed=exc.allowed,
        ) from None


def _entry_fields(entry: Mapping[Any, Any]) -> dict[str, Any]:  # noqa: C901
    unknown = sorted(str(key) for key in entry if key not in _KNOWN)
    if unknown:
        raise _EntryError(
            unknown[0], entry[unknown[0]], "absent (not an Exercise field)"
        )
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise _EntryError(missing[0], None, "given (it is required)")
    kwargs: dict[str, Any] = {}
    for key, value in entry.items():
        if key in _STRINGS:
            kwargs[key] = _string(key, value)
        elif key in _ENUMS:
            kwargs[key] = _enum(key, value, _ENUMS[key])
        elif key in _ENUM_SETS:
            kwargs[key] = frozenset(
                _enum(key, item, _ENUM_SETS[key])
                for item in _list(key, value, distinct=True)
            )
        elif key in _STRING_LISTS or key in _STRING_LISTS_MORE:
            kwargs[key] = tuple(
                _string(key, item) for item in _list(key, value)
            )
        elif key in _REALS:
            kwargs[key] = _real(key, value)
        elif key in _LEANS:
            kwargs[_LEANS[key]] = _lean(key, value)
        else:  # tier
            if isinstance(value, bool) or not isinstance(value, int):
                raise _EntryError(key, value, "an integer")
            kwargs[key] = value
    return kwargs


def _string(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise _EntryError(key, value, "a string")
    return value


def _real(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _EntryError(key, value, "a number")
    if not math.isfinite(value):
        raise _EntryError(key, value, "a finite number")
    return float(value)


def _lean(key: str, value: object) -> TorsoLean:
    degrees = _real(key, value)
    try:
        return TorsoLean(degrees=degrees)
    except InvalidInputError as exc:
        raise _EntryError(key, value, exc.allowed or "") from None


def _list(key: str, value: object, *, distinct: bool = False) -> list[Any]:
    if not isinstance(value, list):
        raise _EntryError(key, value, "a list")
    if distinct and len({json.dumps(x, default=str) for x in value}) != len(
        value
    ):
        raise _EntryError(key, value, "a list without repeats")
    return value


def _enum(key: str, value: object, cls: type[E]) -> E:
    for member in cls:
        if type(value) is str and member.value == value:
            return member
    raise _EntryError(key, value, "one of " + v.all_members(cls))


def _slugify(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


# --- The built-in catalog ----------------------------------------------------


def load_builtin() -> Catalog:
    """Load the catalog shipped in the package (done once, on first use)."""
    from importlib.resources import files  # noqa: PLC0415

    text = (
        files("backsafe.exercises")
        .joinpath("_data", "exercises.toml")
        .read_text(encoding="utf-8")
    )
    return Catalog.from_toml(text)
