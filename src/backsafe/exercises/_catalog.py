"""Exercise catalogs: the `Catalog` type, its queries, and the built-in one.

`Catalog` checks a whole collection (unique slugs, ladders without
cycles) and answers queries; `ExerciseSelection` is what a query returns.
Its constructors from TOML or JSON text and files check their arguments
and leave the reading to `backsafe.exercises._catalog_io`. The built-in
catalog, ``catalog``, is read on first access, not on import.
"""

import difflib
import enum
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Self, TypeVar, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import (
    CatalogError,
    InvalidInputError,
    UnknownExerciseError,
)
from backsafe.exercises import _catalog_io as catalog_io
from backsafe.exercises._catalog_io import MAX_CATALOG_BYTES
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    MovementPattern,
    Muscle,
    Stance,
)
from backsafe.exercises._scoring import score
from backsafe.spine import _constants as k
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Body,
    Limits,
    StressLevel,
)

E = TypeVar("E", bound=enum.Enum)

#: One piece of equipment or several, as members or their string values.
EquipmentLike = Equipment | str | Iterable[Equipment | str]

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
        return cls(exercises=catalog_io.read_exercises(data))

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
        limit = catalog_io.check_max_bytes(max_bytes)
        data = catalog_io.toml_document(catalog_io.check_text(text), limit)
        return cls(exercises=catalog_io.read_exercises(data))

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
        limit = catalog_io.check_max_bytes(max_bytes)
        data = catalog_io.json_document(catalog_io.check_text(text), limit)
        return cls(exercises=catalog_io.read_exercises(data))

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
            InvalidInputError: *path* is not a path, or *max_bytes* not a
                positive integer.

        .. versionadded:: 0.1.0
        """
        file = catalog_io.check_path(path)
        limit = catalog_io.check_max_bytes(max_bytes)
        return cls(
            exercises=catalog_io.read_exercises(
                catalog_io.read_document(file, limit)
            )
        )

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
        added = v.check_items("other", other, Exercise)
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
        from backsafe.display import _html as _display  # noqa: PLC0415

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
                if _within(
                    score(e, body, load_kg=load * e.takes_load, limits=limits),
                    level,
                )
            ]
        return ExerciseSelection(found)


def _within(load: SpinalLoad, level: StressLevel) -> bool:
    """Whether *load* is graded at most *level* (ungraded: never)."""
    return load.is_graded and load.level <= level


class ExerciseSelection(tuple[Exercise, ...]):
    """The exercises a catalog query returned, in catalog order.

    A plain tuple that also shows as a table in notebooks.

    >>> selection = catalog.filter(pattern="bridge", max_tier=0)
    >>> isinstance(selection, tuple), len(selection) > 0
    (True, True)

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __new__(cls, iterable: Iterable[Exercise] = (), /) -> Self:
        """Refuse anything but `Exercise` items."""
        items = v.check_items("ExerciseSelection", iterable, Exercise)
        return super().__new__(cls, items)

    def _repr_html_(self) -> str:
        """Show the exercises as a table in notebooks."""
        plural = "exercise" if len(self) == 1 else "exercises"
        from backsafe.display import _html as _display  # noqa: PLC0415

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
    return frozenset(
        as_member("equipment", item, Equipment) for item in v.in_order(value)
    )


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


def _slugify(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


# --- The built-in catalog ----------------------------------------------------

if TYPE_CHECKING:
    #: The catalog shipped with backsafe (``exercises/_data/exercises.toml``),
    #: read on first access (served by ``__getattr__`` below).
    catalog: Catalog


@functools.cache
def load_builtin() -> Catalog:
    """Load the catalog shipped in the package (done once, on first use)."""
    from importlib.resources import files  # noqa: PLC0415

    text = (
        files("backsafe.exercises")
        .joinpath("_data", "exercises.toml")
        .read_text(encoding="utf-8")
    )
    return Catalog.from_toml(text)


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Catalog:
        # The built-in catalog is read on first access of ``catalog``, so
        # importing this module (or ``backsafe.Catalog``) parses no file.
        if name != "catalog":
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg)
        globals()["catalog"] = found = load_builtin()
        return found
