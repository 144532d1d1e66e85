"""Reading task documents, and the built-in task collection.

A task file is a TOML document with a ``tasks`` list. Every entry holds the
`DailyTask` attributes by name, with two renamings that keep the file
short: a posture gives its trunk lean in degrees as ``lean_deg`` (a
``TorsoLean`` object in the wire format), and a way's ``lift`` omits the
load, which is the task's ``load_kg``. After the renaming, each entry is
structured by the one strict converter `backsafe.from_dict` uses, so the
file and the JSON documents are read by the same rules.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from backsafe.daily._tasks import DailyTask, TaskCollection
from backsafe.exceptions import CatalogError, InvalidInputError
from backsafe.exercises._catalog_io import toml_document

#: Largest task document accepted, in bytes.
MAX_TASK_BYTES: Final = 1_000_000
#: The task document layout this version reads.
TASKS_SCHEMA_VERSION: Final = 1
_TOP_LEVEL: Final = frozenset({"schema_version", "tasks"})


def read_tasks(text: str | bytes) -> tuple[DailyTask, ...]:
    """Read a TOML task document into its tasks, in order.

    Raises:
        CatalogError: The text is not TOML, or an entry is not a valid
            task; the message names the entry and every problem.
    """
    data = toml_document(text, MAX_TASK_BYTES)
    entries = _entries(data)
    return tuple(_task(i, entry) for i, entry in enumerate(entries))


def _entries(data: object) -> list[object]:
    if not isinstance(data, Mapping) or not isinstance(
        data.get("tasks"), list
    ):
        raise CatalogError(
            "task document must be a table with a 'tasks' list",
            field="document",
            allowed="a table with a 'tasks' list",
        )
    extra = sorted(str(key) for key in data if key not in _TOP_LEVEL)
    version = data.get("schema_version", TASKS_SCHEMA_VERSION)
    if extra or version != TASKS_SCHEMA_VERSION:
        raise CatalogError(
            "task document may hold only 'schema_version' (=1) and"
            f" 'tasks'; got keys {extra} and version {version!r}",
            field="document",
            allowed="'schema_version' = 1 and 'tasks'",
        )
    entries: list[object] = data["tasks"]
    return entries


def _posture(raw: object) -> object:
    """``lean_deg = 45`` in a file is ``"lean": {"degrees": 45}``."""
    if not isinstance(raw, Mapping):
        return raw
    return {
        ("lean" if key == "lean_deg" else key): (
            {"degrees": value} if key == "lean_deg" else value
        )
        for key, value in raw.items()
    }


def _way(raw: object, load_kg: object) -> object:
    if not isinstance(raw, Mapping):
        return raw
    way = dict(raw)
    if isinstance(way.get("postures"), list):
        way["postures"] = [_posture(p) for p in way["postures"]]
    lift = way.get("lift")
    if isinstance(lift, Mapping) and "load" not in lift:
        way["lift"] = {**lift, "load": load_kg}
    return way


def to_wire(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Rename a file entry into the wire format of ``from_dict``."""
    wire = dict(entry)
    if isinstance(wire.get("ways"), list):
        load = wire.get("load_kg", 0.0)
        wire["ways"] = [_way(w, load) for w in wire["ways"]]
    return wire


def _task(index: int, entry: object) -> DailyTask:
    """Structure one entry through the converter `from_dict` uses."""
    from cattrs.errors import BaseValidationError  # noqa: PLC0415

    from backsafe._strict import (  # noqa: PLC0415
        ExpectedError,
        converter,
        problems,
    )

    slug = entry.get("slug") if isinstance(entry, Mapping) else None
    label = f"#{index} ({slug!r})" if isinstance(slug, str) else f"#{index}"
    if not isinstance(entry, Mapping):
        raise CatalogError(
            f"task {label} must be a table of fields, got {entry!r:.80}",
            field=f"tasks[{index}]",
            value=entry,
            allowed="a table of fields",
        )
    try:
        task: DailyTask = converter().structure(to_wire(entry), DailyTask)
    except (BaseValidationError, ExpectedError, InvalidInputError) as exc:
        found = "; ".join(problems(exc)) or str(exc)
        raise CatalogError(
            f"task {label}: {found}", field=f"tasks[{index}]"
        ) from None
    return task


# --- The built-in collection ----------------------------------------------

if TYPE_CHECKING:
    #: The tasks shipped with backsafe (``daily/_data/tasks.toml``), read on
    #: first access (served by ``__getattr__`` below).
    tasks: TaskCollection


def load_builtin() -> TaskCollection:
    """Load the tasks shipped in the package (done once, on first use)."""
    from importlib.resources import files  # noqa: PLC0415

    text = (
        files("backsafe.daily")
        .joinpath("_data", "tasks.toml")
        .read_text(encoding="utf-8")
    )
    return TaskCollection(tasks=read_tasks(text))


def __getattr__(name: str) -> TaskCollection:
    # Read on first access of ``tasks``: importing this module parses no
    # file.
    if name != "tasks":
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    globals()["tasks"] = found = load_builtin()
    return found
