"""backsafe: how hard an exercise is on the lower back, and how to progress.

Everything public is importable from here: ``from backsafe import X``.
Modules behind an underscore may change without notice.

Everything beyond the core value types (the spinal-load functions, exercises
and the catalog, progressions, serialization, batch scoring and plots) loads
on first use, so ``import backsafe`` stays light.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._model import (
    Anthropometrics,
    Body,
    CalibratedTask,
    LeanClass,
    Limits,
    LoadContribution,
    LoadPlacement,
    LoadSource,
    ModelMethod,
    Posture,
    Sex,
    SpinalLoad,
    SpineLevel,
    StressLevel,
    Support,
    TorsoLean,
)
from .exceptions import (
    BacksafeError,
    CatalogError,
    InvalidDataError,
    InvalidInputError,
    InvalidRowsError,
    UnknownExerciseError,
)

if TYPE_CHECKING:
    from ._alternatives import (
        Alternative,
        AlternativeList,
        alternatives,
        equivalent_load,
        working_leg_load_kg,
    )
    from ._batch import SpinalLoadArrays, score_many, spinal_load_many
    from ._builtin import catalog
    from ._catalog import Catalog, ExerciseSelection
    from ._exercise import (
        Equipment,
        Exercise,
        ExerciseFlag,
        MovementPattern,
        Muscle,
        Stance,
        TrainingMode,
    )
    from ._frame import score_frame
    from ._planning import generate_progression
    from ._plot import plot_exercises, plot_lean, plot_progression
    from ._progression import (
        Advice,
        Change,
        Clearance,
        Config,
        Context,
        Criteria,
        Decision,
        Dose,
        Outcome,
        Phase,
        Progression,
        Reason,
        ReasonCode,
        RecordedRiskFactor,
        RedFlag,
        RiskFactor,
        SessionReport,
        SetResult,
        Step,
        Symptom,
        Urgency,
    )
    from ._rules import apply_decision, decide
    from ._serde import from_dict, from_json, json_schema, to_dict, to_json
    from ._spine import (
        exercise_posture,
        mass_above_joint_kg,
        score,
        spinal_load,
    )
    from ._workout import (
        ChangeKind,
        Workout,
        WorkoutChange,
        WorkoutItem,
        WorkoutRewrite,
        rewrite_workout,
    )

__all__ = [
    "Advice",
    "Alternative",
    "AlternativeList",
    "Anthropometrics",
    "BacksafeError",
    "Body",
    "CalibratedTask",
    "Catalog",
    "CatalogError",
    "Change",
    "ChangeKind",
    "Clearance",
    "Config",
    "Context",
    "Criteria",
    "Decision",
    "Dose",
    "Equipment",
    "Exercise",
    "ExerciseFlag",
    "ExerciseSelection",
    "InvalidDataError",
    "InvalidInputError",
    "InvalidRowsError",
    "LeanClass",
    "Limits",
    "LoadContribution",
    "LoadPlacement",
    "LoadSource",
    "ModelMethod",
    "MovementPattern",
    "Muscle",
    "Outcome",
    "Phase",
    "Posture",
    "Progression",
    "Reason",
    "ReasonCode",
    "RecordedRiskFactor",
    "RedFlag",
    "RiskFactor",
    "SessionReport",
    "SetResult",
    "Sex",
    "SpinalLoad",
    "SpinalLoadArrays",
    "SpineLevel",
    "Stance",
    "Step",
    "StressLevel",
    "Support",
    "Symptom",
    "TorsoLean",
    "TrainingMode",
    "UnknownExerciseError",
    "Urgency",
    "Workout",
    "WorkoutChange",
    "WorkoutItem",
    "WorkoutRewrite",
    "alternatives",
    "apply_decision",
    "catalog",
    "decide",
    "equivalent_load",
    "exercise_posture",
    "from_dict",
    "from_json",
    "generate_progression",
    "json_schema",
    "mass_above_joint_kg",
    "plot_exercises",
    "plot_lean",
    "plot_progression",
    "rewrite_workout",
    "score",
    "score_frame",
    "score_many",
    "spinal_load",
    "spinal_load_many",
    "to_dict",
    "to_json",
    "working_leg_load_kg",
]

# Public names served on first access: name -> (module, attribute or None
# for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "exercise_posture": ("._spine", "exercise_posture"),
    "mass_above_joint_kg": ("._spine", "mass_above_joint_kg"),
    "score": ("._spine", "score"),
    "spinal_load": ("._spine", "spinal_load"),
    "Equipment": ("._exercise", "Equipment"),
    "Exercise": ("._exercise", "Exercise"),
    "ExerciseFlag": ("._exercise", "ExerciseFlag"),
    "MovementPattern": ("._exercise", "MovementPattern"),
    "Muscle": ("._exercise", "Muscle"),
    "Stance": ("._exercise", "Stance"),
    "TrainingMode": ("._exercise", "TrainingMode"),
    "Advice": ("._progression", "Advice"),
    "Alternative": ("._alternatives", "Alternative"),
    "AlternativeList": ("._alternatives", "AlternativeList"),
    "Catalog": ("._catalog", "Catalog"),
    "ExerciseSelection": ("._catalog", "ExerciseSelection"),
    "Change": ("._progression", "Change"),
    "ChangeKind": ("._workout", "ChangeKind"),
    "Clearance": ("._progression", "Clearance"),
    "Config": ("._progression", "Config"),
    "Context": ("._progression", "Context"),
    "Criteria": ("._progression", "Criteria"),
    "Decision": ("._progression", "Decision"),
    "Dose": ("._progression", "Dose"),
    "Outcome": ("._progression", "Outcome"),
    "Phase": ("._progression", "Phase"),
    "Progression": ("._progression", "Progression"),
    "Reason": ("._progression", "Reason"),
    "ReasonCode": ("._progression", "ReasonCode"),
    "RecordedRiskFactor": ("._progression", "RecordedRiskFactor"),
    "RedFlag": ("._progression", "RedFlag"),
    "RiskFactor": ("._progression", "RiskFactor"),
    "SessionReport": ("._progression", "SessionReport"),
    "SetResult": ("._progression", "SetResult"),
    "SpinalLoadArrays": ("._batch", "SpinalLoadArrays"),
    "Step": ("._progression", "Step"),
    "Symptom": ("._progression", "Symptom"),
    "Urgency": ("._progression", "Urgency"),
    "Workout": ("._workout", "Workout"),
    "WorkoutChange": ("._workout", "WorkoutChange"),
    "WorkoutItem": ("._workout", "WorkoutItem"),
    "WorkoutRewrite": ("._workout", "WorkoutRewrite"),
    "alternatives": ("._alternatives", "alternatives"),
    "apply_decision": ("._rules", "apply_decision"),
    "catalog": ("._builtin", "catalog"),
    "decide": ("._rules", "decide"),
    "equivalent_load": ("._alternatives", "equivalent_load"),
    "from_dict": ("._serde", "from_dict"),
    "from_json": ("._serde", "from_json"),
    "generate_progression": ("._planning", "generate_progression"),
    "json_schema": ("._serde", "json_schema"),
    "plot_exercises": ("._plot", "plot_exercises"),
    "plot_lean": ("._plot", "plot_lean"),
    "plot_progression": ("._plot", "plot_progression"),
    "rewrite_workout": ("._workout", "rewrite_workout"),
    "score_frame": ("._frame", "score_frame"),
    "score_many": ("._batch", "score_many"),
    "spinal_load_many": ("._batch", "spinal_load_many"),
    "to_dict": ("._serde", "to_dict"),
    "to_json": ("._serde", "to_json"),
    "working_leg_load_kg": ("._alternatives", "working_leg_load_kg"),
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
