"""backsafe: how hard an exercise is on the lower back, and how to progress.

Everything public is importable from here: ``from backsafe import X``.
Modules behind an underscore may change without notice.

Heavier parts (the catalog, progressions, serialization, batch scoring and
plots) load on first use, so ``import backsafe`` stays light.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._model import (
    Anthropometrics,
    Body,
    CalibratedTask,
    Equipment,
    Exercise,
    ExerciseFlag,
    LeanClass,
    Limits,
    LoadContribution,
    LoadPlacement,
    LoadSource,
    ModelMethod,
    MovementPattern,
    Muscle,
    Posture,
    Sex,
    SpinalLoad,
    SpineLevel,
    Stance,
    StressLevel,
    Support,
    TorsoLean,
    TrainingMode,
)
from ._spine import exercise_posture, mass_above_joint_kg, score, spinal_load
from .exceptions import (
    BacksafeError,
    CatalogError,
    InvalidDataError,
    InvalidInputError,
    UnknownExerciseError,
)

if TYPE_CHECKING:
    from . import catalog
    from ._serde import from_dict, from_json, json_schema, to_dict, to_json

__all__ = [
    "Anthropometrics",
    "BacksafeError",
    "Body",
    "CalibratedTask",
    "CatalogError",
    "Equipment",
    "Exercise",
    "ExerciseFlag",
    "InvalidDataError",
    "InvalidInputError",
    "LeanClass",
    "Limits",
    "LoadContribution",
    "LoadPlacement",
    "LoadSource",
    "ModelMethod",
    "MovementPattern",
    "Muscle",
    "Posture",
    "Sex",
    "SpinalLoad",
    "SpineLevel",
    "Stance",
    "StressLevel",
    "Support",
    "TorsoLean",
    "TrainingMode",
    "UnknownExerciseError",
    "catalog",
    "exercise_posture",
    "from_dict",
    "from_json",
    "json_schema",
    "mass_above_joint_kg",
    "score",
    "spinal_load",
    "to_dict",
    "to_json",
]

# Public names served on first access: name -> (module, attribute or None
# for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "catalog": (".catalog", None),
    "from_dict": ("._serde", "from_dict"),
    "from_json": ("._serde", "from_json"),
    "json_schema": ("._serde", "json_schema"),
    "to_dict": ("._serde", "to_dict"),
    "to_json": ("._serde", "to_json"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("backsafe")
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        msg = f"module 'backsafe' has no attribute {name!r}"
        raise AttributeError(msg) from None
    module = importlib.import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
